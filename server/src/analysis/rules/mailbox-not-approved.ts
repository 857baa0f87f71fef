import { defineRule } from './define';
import type { Path } from '../types';
import type { MailboxModel, PlanModel } from '../model';
import { approvalApplies, approvalSettingPath } from './support/engines';
import { crossTenant } from './support/auth-options';

const NOT_APPROVED = new Set(['empty', 'pendingApproval', 'rejected']);

export default defineRule({
  id: 'mailbox-not-approved',
  set: 'core',
  scope: 'mailbox',
  severity: 'warning',
  summary: "A processed mailbox's recorded approval is empty, pending or rejected while approval is required.",
  docs: `When "Process emails only for approved users" (or "... queues") is on, which is the default,
neither server-side synchronization nor the Email Router touches a mailbox until its address has
been approved (Approve Email). A mailbox whose recorded Email Address Status is \`empty\`,
\`pendingApproval\` or \`rejected\` is therefore not processed. Approval is an action in CRM; record
\`approval: approved\` once it is done.

Who may approve depends on the deployment. On-premises it is a System Administrator. In Dynamics 365
online it is a user who holds both the Microsoft 365 Global administrator role (or, for Exchange
Online from version 9.1.0.5805, the Exchange administrator role) and the System Administrator role;
no single one of these roles is enough. For the cross-tenant Exchange Online profile (Azure AD OAuth)
it is a Global administrator or an Exchange administrator of the primary tenant. The message names
them for online plans.

### Invalid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@fabrikam.local
      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: pendingApproval }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@fabrikam.local
      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
\`\`\`

Source: S0, S3, S12, S17, S27.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      if (m.approval === undefined || !NOT_APPROVED.has(m.approval)) continue;
      if (!approvalApplies(ctx, m)) continue;
      const who = approverOf(ctx.plan, m);
      const setting = approvalSettingPath(m.kind) as Path;
      ctx.report({
        at: [...m.path, 'approval'],
        message: `Email for mailbox '${m.id}' is not processed while its address is ${m.approval}; ${who} must Approve Email in CRM.`,
        related: [{ at: setting, message: `Approval required for ${m.kind === 'user' ? 'users' : 'queues'} here` }],
      });
    }
  },
});

/**
 * Who may approve the address of `m`: online, a user holding both the Microsoft 365 Global
 * administrator role (or, for Exchange Online from 9.1.0.5805, the Exchange administrator role) and
 * the System Administrator role; for the cross-tenant Exchange Online profile (Azure AD OAuth), an
 * administrator of the primary tenant. On-premises (or when the deployment is unknown): an
 * administrator.
 */
function approverOf(plan: PlanModel, m: MailboxModel): string {
  if (plan.deployment !== 'online') return 'an administrator';
  const p = m.profile;
  if (p?.serverType === 'exchangeOnline' && p.incoming.auth === 'azureAdOAuth' && crossTenant(plan, p.mailSystem) === true) {
    return 'a Global administrator or an Exchange administrator of the primary tenant';
  }
  return 'a user with both the Microsoft 365 Global administrator role (or, for Exchange Online from 9.1.0.5805, the Exchange administrator role) and the System Administrator role';
}
