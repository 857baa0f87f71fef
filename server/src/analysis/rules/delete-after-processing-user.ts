import { defineRule } from './define';

export default defineRule({
  id: 'delete-after-processing-user',
  set: 'core',
  scope: 'mailbox',
  hasFix: true,
  severity: 'error',
  summary: 'A user mailbox is set to delete email from the server after processing.',
  docs: `"Delete Emails After Processing" removes each message from the mail server once CRM has
processed it. CRM allows it only for forward and queue mailboxes; on a user mailbox it would
remove the user's own mail from their mailbox. Remove \`deleteEmailsAfterProcessing\` from user
mailboxes (or set it to \`false\`).
An inactive mailbox (\`active: false\`) is not reported: it is not synchronized.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: contoso
  deployment: online
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
  alice:
    kind: user
    regarding: Alice Ng
    emailAddress: alice@contoso.com
    deleteEmailsAfterProcessing: true
    approval: approved
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: contoso
  deployment: online
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
  alice:
    kind: user
    regarding: Alice Ng
    emailAddress: alice@contoso.com
    approval: approved
  orders:
    kind: queue
    regarding: Orders
    emailAddress: orders@contoso.com
    appointmentsContactsTasks: none
    deleteEmailsAfterProcessing: true
    approval: approved
\`\`\`

Source: S10.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if (m.kind !== 'user' || m.active !== true) continue;
      const at = [...m.path, 'deleteEmailsAfterProcessing'];
      if (ctx.value(at) !== true || !ctx.known(at)) continue;
      ctx.report({
        at,
        message: `Only forward and queue mailboxes may delete email after processing; mailbox '${m.id}' is a user mailbox.`,
        fixes: [ctx.fix('Remove deleteEmailsAfterProcessing', [ctx.edit.remove(at)], { isPreferred: true })],
      });
    }
  },
});
