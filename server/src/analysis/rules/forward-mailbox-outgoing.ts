import { defineRule } from './define';
import { setOnMailbox } from './support/edits';

export default defineRule({
  id: 'forward-mailbox-outgoing',
  set: 'core',
  scope: 'mailbox',
  hasFix: true,
  severity: 'error',
  summary: 'A forward mailbox has an outgoing method other than None.',
  docs: `A forward mailbox only receives copies of users' mail, forwarded to it by rules on the mail
server. It belongs to no user or queue and never sends CRM email, so CRM allows only Outgoing
Email = None for it (which is also what a forward mailbox gets when \`outgoingEmail\` is not
written).
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
    outgoingEmail: serverSideSync
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
    outgoingEmail: none
  erin: { kind: user, regarding: Erin Park, emailAddress: erin@litware.com, approval: approved }
\`\`\`

Source: S10.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if (m.kind !== 'forward' || m.active !== true || m.outgoingEmailSource !== 'written' || m.outgoingEmail === undefined || m.outgoingEmail === 'none') continue;
      ctx.report({
        at: [...m.path, 'outgoingEmail'],
        message: `A forward mailbox can only have Outgoing Email = None (forward mailbox '${m.id}' has ${m.outgoingEmail}).`,
        fixes: [setOnMailbox(ctx, m, 'outgoingEmail', 'none', true)],
      });
    }
  },
});
