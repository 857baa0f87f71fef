import { defineRule } from './define';
import type { RelatedSpec } from './define';
import type { TextEdit } from '../types';
import { joinEdits, setOnMailbox } from './support/edits';
import { METHOD_KEYS, methodOf } from './support/logic';
import { inheritedDefaultRelated } from './support/places';
import { joinParts } from './support/wording';

export default defineRule({
  id: 'mailbox-inactive',
  set: 'core',
  scope: 'mailbox',
  hasFix: true,
  severity: 'warning',
  summary: 'An inactive mailbox whose incoming, outgoing or ACT method still says Server-Side Synchronization.',
  docs: `A mailbox record can be deactivated (\`active: false\`), by hand or together with its user, for
example when the user's licence is removed. An inactive mailbox is never processed, and Test &
Enable of it fails with the alert code MailboxDisabled. A plan whose inactive mailbox still has a
method set to Server-Side Synchronization (written on the mailbox or inherited from
\`systemSettings.defaults\`) expects mail to flow that never will. Activate the mailbox (and its
user or queue, with a licence), or set its methods to None to record that it is deactivated on
purpose. The other mailbox rules skip an inactive mailbox (approval, profile, credentials, ACT,
Test & Enable); only the keys that describe the file itself, such as a literal password or a
repeated address, are still reported.

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
  alice: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, approval: approved }
  rosa: { kind: user, regarding: Rosa Alvarez, emailAddress: rosa@contoso.com, active: false }
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
  alice: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, approval: approved }
  rosa:
    kind: user
    regarding: Rosa Alvarez
    emailAddress: rosa@contoso.com
    active: false
    incomingEmail: none
    outgoingEmail: none
    appointmentsContactsTasks: none
\`\`\`

Source: S40, S45.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      if (!m.activeWritten || m.active !== false) continue;
      const sss = METHOD_KEYS.filter((k) => methodOf(m, k).value === 'serverSideSync');
      if (sss.length === 0) continue;
      // The written serverSideSync values, else the written default a method is inherited from.
      const related: RelatedSpec[] = [];
      for (const k of sss) {
        if (methodOf(m, k).source === 'written') related.push({ at: [...m.path, k], message: `${k}: serverSideSync written here` });
        else related.push(...inheritedDefaultRelated(m, k, `Default ${k}: serverSideSync inherited from here`));
      }
      // "Set methods to None": only the keys that are not None already (the end state is the same).
      const changed = METHOD_KEYS.filter((k) => methodOf(m, k).value !== 'none' || methodOf(m, k).source !== 'written');
      const toNone: (TextEdit | undefined)[] = changed.map((k) => ctx.edit.set([...m.path, k], 'none'));
      ctx.report({
        at: [...m.path, 'active'],
        message: `Mailbox '${m.id}' is inactive, so it is not processed and Test & Enable fails (MailboxDisabled), although its ${joinParts(sss)} ${sss.length === 1 ? 'says' : 'say'} Server-Side Synchronization. Activate it (and its user or queue, with a licence), or set its methods to None.`,
        related,
        // Neither fix is preferred: whether the mailbox should come back is not the plan's to decide.
        fixes: [
          setOnMailbox(ctx, m, 'active', true),
          ctx.fix(`Set ${joinParts(changed)} to none`, joinEdits(ctx, toNone)),
        ],
      });
    }
  },
});
