import { defineRule } from './define';
import { setOnMailbox } from './support/edits';
import { inheritedDefaultRelated, methodPlace } from './support/places';

export default defineRule({
  id: 'forward-mailbox-not-recommended',
  set: 'extended',
  scope: 'mailbox',
  hasFix: true,
  severity: { crm2016: 'info', 'd365-8.2': 'info', 'd365-9': 'warning' },
  summary: 'The plan uses a forward mailbox, which Microsoft supports but no longer recommends, or a queue receives its mail through one.',
  docs: `With a forward mailbox, rules on the mail server forward a copy of every user's mail to one
dedicated mailbox, and the engine processes all of it from there. Microsoft calls this supported
but not recommended: one server node processes all mail, throttling hits that mailbox first, and
it is a single point of failure. Synchronizing each user's own mailbox (Incoming Email = Server-Side
Synchronization or Email Router) scales better. A queue whose Incoming Email is Forward Mailbox
(written on the queue or inherited from \`systemSettings.defaults\`) is reported as well:
"Business critical support queues or other high priority Dynamics 365 mailboxes should not be
configured for Forward Mailbox." Information on the older baselines, a warning on d365-9.

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
  defaults: { serverProfile: exch, incomingEmail: serverSideSync }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming: { serverLocation: https://mail.litware.local/EWS/Exchange.asmx, authenticateUsing: windowsIntegrated }
mailboxes:
  erin: { kind: user, regarding: Erin Park, emailAddress: erin@litware.com, approval: approved }
\`\`\`

Source: S11.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // (a) every forward mailbox, active or not: an inactive one is still in the plan.
      if (m.kind === 'forward') {
        ctx.report({
          at: [...m.path, 'kind'],
          message: `Forward mailboxes are supported but not recommended: one node processes all mail, throttling hits first, and it is a single point of failure (forward mailbox '${m.id}').`,
        });
        continue;
      }
      // (b) an active queue whose incoming mail comes through the forward mailbox.
      if (m.kind !== 'queue' || m.active !== true || m.incomingEmail !== 'forwardMailbox') continue;
      const place = methodPlace(m, 'incomingEmail');
      ctx.report({
        at: place.at,
        part: place.part,
        message: `Queue '${m.id}' receives its mail through the forward mailbox, a single point of failure; Microsoft advises against it for business-critical queues.`,
        related: inheritedDefaultRelated(m, 'incomingEmail', 'Default incomingEmail: forwardMailbox set here'),
        // Not preferred: the queue's own mailbox then needs its own connection, credentials or approval.
        fixes: [setOnMailbox(ctx, m, 'incomingEmail', 'serverSideSync')],
      });
    }
  },
});
