import { defineRule } from './define';
import { removeFromMailbox } from './support/edits';

export default defineRule({
  id: 'forward-mailbox-regarding',
  set: 'core',
  scope: 'mailbox',
  hasFix: true,
  severity: 'error',
  summary: 'A forward mailbox names a Regarding user or queue.',
  docs: `A forward mailbox is a dedicated drop box that serves every user and queue whose Incoming Email
is Forward Mailbox. It belongs to none of them: in CRM its Regarding is empty and cannot be set,
and its Name is typed in instead. Remove \`regarding\` from forward mailboxes; a mailbox that
belongs to a user or queue is a \`user\` or \`queue\` mailbox.
An inactive mailbox (\`active: false\`) is not reported: it is not synchronized.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: litware
  deployment: onPremises
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch, incomingEmail: forwardMailbox }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming: { serverLocation: https://mail.litware.local/EWS/Exchange.asmx, authenticateUsing: windowsIntegrated }
mailboxes:
  fwd:
    kind: forward
    name: Litware CRM forward mailbox
    regarding: Erin Park
    emailAddress: crm-forward@litware.com
  erin: { kind: user, regarding: Erin Park, emailAddress: erin@litware.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: litware
  deployment: onPremises
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch, incomingEmail: forwardMailbox }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming: { serverLocation: https://mail.litware.local/EWS/Exchange.asmx, authenticateUsing: windowsIntegrated }
mailboxes:
  fwd:
    kind: forward
    name: Litware CRM forward mailbox
    emailAddress: crm-forward@litware.com
  erin: { kind: user, regarding: Erin Park, emailAddress: erin@litware.com, approval: approved }
\`\`\`

Source: S0, S10.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if (m.kind !== 'forward' || m.active !== true || !ctx.has([...m.path, 'regarding'])) continue;
      ctx.report({
        at: [...m.path, 'regarding'],
        part: 'key',
        message: `A forward mailbox belongs to no user or queue; Regarding must stay empty (forward mailbox '${m.id}').`,
        fixes: [removeFromMailbox(ctx, m, 'regarding', true)],
      });
    }
  },
});
