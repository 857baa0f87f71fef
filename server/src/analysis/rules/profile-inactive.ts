import { defineRule } from './define';
import type { RelatedSpec } from './define';
import type { Path } from '../types';
import { DEFAULTS } from './support/engines';
import { mailboxesInDocumentOrder } from './support/places';
import { listIds } from './support/wording';

const DEFAULT_PROFILE: Path = [...DEFAULTS, 'serverProfile'];

export default defineRule({
  id: 'profile-inactive',
  set: 'core',
  severity: 'error',
  hasFix: true,
  summary: 'A server profile written as `active: false` is the profile of mailboxes that server-side synchronization processes.',
  docs: `An email server profile is Active or Inactive (Status). Test & Enable of a mailbox whose profile is
inactive fails with "Email cannot be received because the mailbox … does not have an email server
profile associated with it or the email server profile is inactive" (alert code
InvalidIncomingEmailServerProfile), and the mailbox is not processed until the profile is
activated and the mailbox is tested and enabled again. The rule reports a profile written as
\`active: false\` once, naming the mailboxes server-side synchronization would process through it
(written \`serverProfile\` or inherited from \`systemSettings.defaults.serverProfile\`). An inactive
profile that no processed mailbox uses is not reported here (\`profile-unused\` may report it).

The preferred fix activates the profile. The other fixes move the mailboxes (and the default) to
another active profile of the same mail system.

### Invalid

\`\`\`yaml
version: 1
baseline: d365-9
organization: { name: contoso, deployment: online, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    active: false
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: d365-9
organization: { name: contoso, deployment: online, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    active: true
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S39, S44.`,
  check(ctx) {
    const plan = ctx.plan;
    const inactive = plan.profiles.filter((p) => p.activeWritten && p.active === false);
    if (inactive.length === 0) return;
    const mailboxes = mailboxesInDocumentOrder(ctx);
    for (const p of inactive) {
      // sss(M) with prof(M) = P, written or inherited; mailboxes whose profile is unknown are not counted.
      const processed = mailboxes.filter((m) => m.syncedByServerSideSync && m.profileId === p.id);
      if (processed.length === 0) continue;
      const defaultNamesP = plan.defaults.serverProfileId === p.id;
      // At most 10 related locations in all: the mailboxes first, the default kept.
      const related: RelatedSpec[] = processed
        .slice(0, defaultNamesP ? 9 : 10)
        .map((m) => ({ at: m.path, part: 'key' as const, message: `Mailbox '${m.id}' is processed through profile '${p.id}'` }));
      if (defaultNamesP) related.push({ at: DEFAULT_PROFILE, message: `Default profile '${p.id}' set here` });
      // The mailboxes that write `serverProfile: P` (active or not), and the default when it names P.
      const writers = mailboxes.filter((m) => m.profileWritten && m.profileId === p.id);
      const alternatives = plan.profiles.filter((q) => q.id !== p.id && q.active === true && p.mailSystemId !== undefined && q.mailSystemId === p.mailSystemId);
      const moves = alternatives.map((q) =>
        ctx.fix(`Set serverProfile to ${q.id}`, [
          ...writers.map((m) => ctx.edit.set([...m.path, 'serverProfile'], q.id)),
          ...(defaultNamesP ? [ctx.edit.set(DEFAULT_PROFILE, q.id)] : []),
        ]),
      );
      const n = processed.length;
      const ids = listIds(processed.map((m) => m.id));
      ctx.report({
        at: [...p.path, 'active'],
        message:
          n === 1
            ? `Profile '${p.id}' is inactive, so Test & Enable fails for its mailbox ${ids} and it is not processed. Activate the profile, then test and enable the mailbox again.`
            : `Profile '${p.id}' is inactive, so Test & Enable fails for its ${n} mailboxes (${ids}) and they are not processed. Activate the profile, then test and enable them again.`,
        related,
        fixes: [ctx.fix('Set active to true', [ctx.edit.set([...p.path, 'active'], true)], { isPreferred: true }), ...moves],
      });
    }
  },
});
