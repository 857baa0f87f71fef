import { defineRule } from './define';
import { inheritedRelated } from './support/places';
import { METHOD_KEYS, methodOf } from './support/logic';
import { setOnMailbox } from './support/edits';

export default defineRule({
  id: 'queue-outlook',
  set: 'core',
  scope: 'mailbox',
  hasFix: true,
  severity: 'error',
  summary: 'A queue mailbox uses Dynamics CRM for Outlook as its incoming, outgoing or ACT method.',
  docs: `Dynamics CRM for Outlook synchronizes only while one user's Outlook is running, so CRM offers it
for user mailboxes only and never for queues. A queue mailbox whose incoming, outgoing or
appointments, contacts and tasks method is Outlook, written on the queue or inherited from
\`systemSettings.defaults\`, is not synchronized in that direction. Use Server-Side
Synchronization (ACT: only through an Exchange profile) or None.
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
  support:
    kind: queue
    regarding: Support
    emailAddress: support@contoso.com
    incomingEmail: outlook
    appointmentsContactsTasks: none
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
  support:
    kind: queue
    regarding: Support
    emailAddress: support@contoso.com
    incomingEmail: serverSideSync
    appointmentsContactsTasks: none
    approval: approved
\`\`\`

Source: S24.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if (m.kind !== 'queue' || m.active !== true) continue;
      // ACT by server-side synchronization needs an Exchange profile; otherwise fix 1 sets none.
      const actSss = !m.profileUnknown && m.profile?.family === 'EX';
      for (const key of METHOD_KEYS) {
        const { value, source } = methodOf(m, key);
        if (value !== 'outlook') continue;
        // Written on the mailbox itself also when inherited (the default serves other mailboxes).
        const fixes =
          key === 'appointmentsContactsTasks' && !actSss
            ? [setOnMailbox(ctx, m, key, 'none', true)]
            : [setOnMailbox(ctx, m, key, 'serverSideSync', true), setOnMailbox(ctx, m, key, 'none')];
        if (source === 'written') {
          ctx.report({
            at: [...m.path, key],
            message: `Outlook synchronization is not available for queue mailboxes (mailbox '${m.id}', ${key}: outlook).`,
            fixes,
          });
        } else {
          ctx.report({
            at: m.path,
            part: 'key',
            message: `Outlook synchronization is not available for queue mailboxes; mailbox '${m.id}' inherits ${key}: outlook from the defaults.`,
            related: [inheritedRelated(key, 'outlook')],
            fixes,
          });
        }
      }
    }
  },
});
