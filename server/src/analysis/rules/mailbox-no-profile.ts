import { defineRule } from './define';
import { setOnMailbox } from './support/edits';
import { sssKnownKind } from './support/mailboxes';

export default defineRule({
  id: 'mailbox-no-profile',
  set: 'core',
  scope: 'mailbox',
  hasFix: true,
  severity: 'error',
  summary: 'A mailbox processed by server-side synchronization has no email server profile, neither its own nor a default one.',
  docs: `Every mailbox that server-side synchronization processes must be linked to an email server
profile: the profile says where the mailbox lives and how to sign in. A mailbox without a profile
is simply not processed. A mailbox takes \`systemSettings.defaults.serverProfile\` when it names
none, so write a default profile or a \`serverProfile\` on the mailbox. An inactive mailbox
(\`active: false\`) is not processed and is not reported. The fix that links the only profile
is preferred only when the mailbox writes its \`mailSystem\`: otherwise choosing a profile
also chooses where the mailbox is hosted, which only the author can decide.

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
  defaults: { appointmentsContactsTasks: serverSideSync }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
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
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S10, S31.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.defaults.serverProfileWritten) return;
    for (const m of plan.mailboxes) {
      // Without a known `kind` the mailbox's effective methods are not known either: the schema's
      // finding on the missing kind stands alone.
      if (m.profileWritten || sssKnownKind(plan, m) !== true) continue;
      // The candidate profiles: all of them, or those reaching the mailbox's written mail system
      // (none when that mail system is unknown).
      const candidates = !m.mailSystemWritten
        ? plan.profiles
        : m.mailSystemId === undefined
          ? []
          : plan.profiles.filter((q) => q.mailSystemId === m.mailSystemId);
      // Preferred only when the mailbox writes its mail system: otherwise linking a profile decides
      // which mail system the mailbox uses, which is not this fix's call.
      const preferred = candidates.length === 1 && m.mailSystemWritten;
      ctx.report({
        at: m.path,
        part: 'key',
        message: `Mailbox '${m.id}' is processed by server-side synchronization but has no email server profile; it will not be processed.`,
        fixes: [
          ...candidates.map((q) => setOnMailbox(ctx, m, 'serverProfile', q.id, preferred)),
          ...candidates.map((q) =>
            ctx.fix(`Set default serverProfile to ${q.id}`, [ctx.edit.set(['systemSettings', 'defaults', 'serverProfile'], q.id)]),
          ),
        ],
      });
    }
  },
});
