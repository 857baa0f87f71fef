import { defineRule } from './define';
import { setOnMailbox } from './support/edits';

export default defineRule({
  id: 'forward-mailbox-incoming',
  set: 'extended',
  scope: 'mailbox',
  hasFix: true,
  severity: 'error',
  summary: "A forward mailbox's incoming method is not Server-Side Synchronization or Email Router.",
  docs: `A forward mailbox is the drop box that users' forwarding rules send copies to, and the engine
(server-side synchronization or the Email Router) reads it directly on their behalf. Its Incoming
Email must therefore be "Server-Side Synchronization or Email Router" (\`serverSideSync\`, which is
also what a forward mailbox gets when \`incomingEmail\` is not written). With None, Outlook or
Forward Mailbox, the forwarded mail of every user who depends on it is never processed.
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
    emailAddress: crm-forward@litware.com
    incomingEmail: outlook
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
    incomingEmail: serverSideSync
  erin: { kind: user, regarding: Erin Park, emailAddress: erin@litware.com, approval: approved }
\`\`\`

Source: S0, S10.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if (m.kind !== 'forward' || m.active !== true || m.incomingEmail === undefined || m.incomingEmail === 'serverSideSync') continue;
      ctx.report({
        at: [...m.path, 'incomingEmail'],
        message: `A forward mailbox is read by server-side synchronization or the Email Router itself; the Incoming Email of forward mailbox '${m.id}' must be serverSideSync, not ${m.incomingEmail}.`,
        fixes: [setOnMailbox(ctx, m, 'incomingEmail', 'serverSideSync', true)],
      });
    }
  },
});
