import { defineRule } from './define';
import { sssKnownKind } from './support/mailboxes';

export default defineRule({
  id: 'exchange-online-address-not-approved',
  set: 'core',
  scope: 'mailbox',
  severity: 'warning',
  summary: 'A mailbox on the Exchange Online profile is recorded as not approved by a Microsoft 365 administrator.',
  docs: `The Microsoft Exchange Online profile processes a mailbox only after a Microsoft 365
administrator has approved its email address, even when CRM's own approval switches are off.
Dataverse records that approval on the mailbox (Email Address O365 Admin Approval Status,
\`approvedByExchangeOnlineAdmin\`). While it is \`false\`, CRM raises the alert "Email cannot be
sent/received because the email address of the mailbox … requires an approval by an Microsoft
365 administrator. The mailbox has been disabled for sending/receiving email." A user who holds
the Global administrator (or Exchange administrator) role and the CRM System Administrator role
must Approve Email, then run Test & Enable again; for the cross-tenant (Azure AD OAuth) profile
the administrator belongs to the primary tenant. Approval is an action in CRM, so the rule has no
fix: once the address is approved, set the value to \`true\` by hand. The value is observed state
and optional; an absent value is not reported.

### Invalid

\`\`\`yaml
version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.2"
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default, appointmentsContactsTasks: serverSideSync }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  quinn:
    kind: user
    regarding: Quinn Baker
    emailAddress: quinn@contoso.com
    approval: approved
    approvedByExchangeOnlineAdmin: false
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.2"
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default, appointmentsContactsTasks: serverSideSync }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  quinn:
    kind: user
    regarding: Quinn Baker
    emailAddress: quinn@contoso.com
    approval: approved
    approvedByExchangeOnlineAdmin: true
\`\`\`

Source: S27, S40, S47.`,
  check(ctx) {
    const plan = ctx.plan;
    for (const m of plan.mailboxes) {
      // Written `false` and known; it does not read systemSettings.approval (the Microsoft 365
      // administrator's approval is needed with the switches off too).
      if (m.approvedByExchangeOnlineAdmin !== false) continue;
      const p = m.profile;
      if (!p || m.profileUnknown || p.serverType !== 'exchangeOnline') continue;
      if (sssKnownKind(plan, m) !== true) continue;
      const crossTenant = p.credentialConnections.some((c) => c.auth === 'azureAdOAuth');
      const who = crossTenant
        ? 'A Global admin or Exchange admin of the primary tenant who also holds the CRM System Administrator role'
        : 'A user with the Global administrator (or Exchange administrator) role and the CRM System Administrator role';
      ctx.report({
        at: [...m.path, 'approvedByExchangeOnlineAdmin'],
        message: `Mailbox '${m.id}' is not approved by a Microsoft 365 administrator, which the Exchange Online profile '${p.id}' requires, so it is disabled for sending and receiving. ${who} must Approve Email, then Test & Enable it again.`,
        related: [{ at: [...p.path, 'serverType'], message: `Profile '${p.id}' is exchangeOnline` }],
      });
    }
  },
});
