import { defineRule } from './define';
import type { RelatedSpec } from './define';
import { inheritedRelated } from './support/places';
import { METHOD_KEYS, methodOf } from './support/logic';

export default defineRule({
  id: 'mailbox-all-none',
  set: 'core',
  scope: 'mailbox',
  severity: 'info',
  summary: "A mailbox's incoming, outgoing and ACT methods are all None.",
  docs: `With Incoming Email, Outgoing Email and Appointments, Contacts, and Tasks all set to None, a
mailbox takes no part in email synchronization: CRM neither tracks its mail nor sends CRM email
for it, so for example the user cannot send email from CRM. This can be intended (a contractor, a
service account), so it is only information. Values inherited from \`systemSettings.defaults\`
count as well.
An inactive mailbox (\`active: false\`) is not reported: it is not synchronized anyway, and
None everywhere is how a plan records a deactivated mailbox on purpose.

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
  alice: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, approval: approved }
  contractor:
    kind: user
    regarding: Temp Contractor
    emailAddress: temp@contoso.com
    incomingEmail: none
    outgoingEmail: none
    appointmentsContactsTasks: none
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
  alice: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, approval: approved }
  contractor:
    kind: user
    regarding: Temp Contractor
    emailAddress: temp@contoso.com
    incomingEmail: none
    appointmentsContactsTasks: none
    approval: approved
\`\`\`

Source: S0.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // An inactive mailbox is not synchronized anyway (nor checked when its `active` is unknown).
      if (m.active !== true) continue;
      if (m.incomingEmail !== 'none' || m.outgoingEmail !== 'none' || m.appointmentsContactsTasks !== 'none') continue;
      const related: RelatedSpec[] = [];
      for (const key of METHOD_KEYS) if (methodOf(m, key).source === 'default') related.push(inheritedRelated(key, 'none'));
      const consequence =
        m.kind === 'user' ? 'for example, the user cannot send CRM email' : m.kind === 'queue' ? 'for example, CRM cannot send email from this queue' : 'for example, no forwarded mail is processed';
      ctx.report({
        at: m.path,
        part: 'key',
        message: `Mailbox '${m.id}' is excluded from synchronization (incoming, outgoing and ACT are all none); ${consequence}.`,
        related,
      });
    }
  },
});
