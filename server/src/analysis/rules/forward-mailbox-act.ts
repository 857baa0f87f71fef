import { defineRule } from './define';
import { setOnMailbox } from './support/edits';

export default defineRule({
  id: 'forward-mailbox-act',
  set: 'extended',
  scope: 'mailbox',
  hasFix: true,
  severity: 'error',
  summary: 'A forward mailbox synchronizes appointments, contacts and tasks.',
  docs: `A forward mailbox only collects copies of users' mail, forwarded as attachments, so that the
engine can process them on the users' behalf. It has no calendar, contacts or tasks of its own
that belong to anyone in CRM, so its Appointments, Contacts, and Tasks method should be None
(which is also what a forward mailbox gets when the key is not written). Microsoft does not say
so explicitly; the rule follows from the purpose of a forward mailbox.
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
    appointmentsContactsTasks: outlook
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
    appointmentsContactsTasks: none
  erin: { kind: user, regarding: Erin Park, emailAddress: erin@litware.com, approval: approved }
\`\`\`

Source: derived from the purpose of a forward mailbox (S10, S11); uncertain, since Microsoft's documentation does not say.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if (m.kind !== 'forward' || m.active !== true || m.appointmentsContactsTasksSource !== 'written' || m.appointmentsContactsTasks === undefined || m.appointmentsContactsTasks === 'none') continue;
      ctx.report({
        at: [...m.path, 'appointmentsContactsTasks'],
        message: `A forward mailbox is only a drop box for forwarded mail; it has no calendar, contacts or tasks to synchronize (forward mailbox '${m.id}' has ${m.appointmentsContactsTasks}).`,
        fixes: [setOnMailbox(ctx, m, 'appointmentsContactsTasks', 'none', true)],
      });
    }
  },
});
