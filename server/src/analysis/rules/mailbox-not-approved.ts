import { defineRule } from './define';
import type { Path } from '../types';
import { approvalApplies, approvalSettingPath } from './support/engines';

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
\`pendingApproval\` or \`rejected\` is therefore not processed. For the Exchange Online profile,
an Office 365 global administrator must do the approval. Approval is an action in CRM; record
\`approval: approved\` once it is done.

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

Source: S0, S12, S17.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      if (m.approval === undefined || !NOT_APPROVED.has(m.approval)) continue;
      if (!approvalApplies(ctx, m)) continue;
      const who =
        m.profile?.serverType === 'exchangeOnline'
          ? 'an Office 365 global administrator must approve it (Approve Email)'
          : 'an administrator must Approve Email in CRM';
      const setting = approvalSettingPath(m.kind) as Path;
      ctx.report({
        at: [...m.path, 'approval'],
        message: `Email for mailbox '${m.id}' is not processed while its address is ${m.approval}; ${who}.`,
        related: [{ at: setting, message: `Approval required for ${m.kind === 'user' ? 'users' : 'queues'} here` }],
      });
    }
  },
});
