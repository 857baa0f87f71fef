import { defineRule } from './define';
import type { MailboxModel, PlanModel } from '../model';
import { groupsOf } from '../incremental/groups';
import { sssKnownKind } from './support/mailboxes';

/** Processed by server-side synchronization (not the Email Router), so it needs Test & Enable. */
const needsTestAndEnable = (m: MailboxModel, plan: PlanModel) => (sssKnownKind(plan, m) === true ? 'yes' : undefined);

/** Test & Enable at most about this many mailboxes per 5 hours (S20). */
const BULK_TEST_AND_ENABLE_LIMIT = 200;

/** A plan with `n` user mailboxes processed by server-side synchronization, for the docs examples. */
function planWith(n: number): string {
  const ids = Array.from({ length: n }, (_, i) => `u${String(i + 1).padStart(3, '0')}`);
  const rows: string[] = [];
  for (let i = 0; i < ids.length; i += 3) {
    rows.push('  ' + ids.slice(i, i + 3).map((id) => `${id}: { kind: user, emailAddress: ${id}@contoso.com, approval: approved }`).join(', ') + (i + 3 < ids.length ? ',' : ''));
  }
  return `version: 1
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
mailboxes: {
${rows.join('\n')}
}
`;
}

export default defineRule({
  id: 'bulk-test-and-enable',
  set: 'extended',
  severity: 'info',
  summary: 'More than 200 mailboxes are processed by server-side synchronization and will need Test & Enable.',
  docs: `Every mailbox that server-side synchronization processes has to pass Test & Enable before it is
synchronized. When many mailboxes are moved at once (for example from the Email Router),
Microsoft advises testing and enabling no more than about 200 mailboxes every 5 hours, so plan
the rollout in batches. The finding counts the mailboxes processed by server-side synchronization
(not those of the Email Router, and not those whose methods are all None). The Invalid example
has 201 user mailboxes (\`u001\` to \`u201\`); with 200 there would be no finding.

### Invalid

\`\`\`yaml
${planWith(BULK_TEST_AND_ENABLE_LIMIT + 1)}\`\`\`

### Valid

\`\`\`yaml
${planWith(3)}\`\`\`

Source: S20.`,
  check(ctx) {
    const n = groupsOf(ctx.plan, needsTestAndEnable, ctx.plan).get('yes')?.size ?? 0;
    if (n <= BULK_TEST_AND_ENABLE_LIMIT) return;
    ctx.report({
      at: ['mailboxes'],
      part: 'key',
      message: `${n} mailboxes will need Test & Enable; do at most about ${BULK_TEST_AND_ENABLE_LIMIT} every 5 hours.`,
    });
  },
});
