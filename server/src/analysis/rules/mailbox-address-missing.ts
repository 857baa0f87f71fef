import { defineRule } from './define';
import { sssKnownKind } from './support/mailboxes';

export default defineRule({
  id: 'mailbox-address-missing',
  set: 'extended',
  scope: 'mailbox',
  hasFix: true,
  severity: 'error',
  summary: 'A mailbox processed by server-side synchronization, or a forward mailbox, has no email address.',
  docs: `Server-side synchronization finds a mailbox on the mail server by its email address: Autodiscover
looks it up, approval approves it, and Test & Enable tests it. A user or queue mailbox normally
copies the address of its owner, but a plan that leaves it out cannot be checked or applied. A
forward mailbox has no owner at all, so its address must always be written: it is the address
the forwarding rules send to, also while the forward mailbox is inactive. A user or queue
mailbox that server-side synchronization does not process (inactive, or every method None) is
not reported.

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
  alice: { kind: user, regarding: Alice Ng, approval: approved }
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
\`\`\`

Source: S10.`,
  check(ctx) {
    const plan = ctx.plan;
    for (const m of plan.mailboxes) {
      // The condition reads `kind` (and the methods that depend on it): unknown without it
      // (docs/plan-format.md#unknown-values), so the schema's finding on the missing kind stands alone.
      if (ctx.has([...m.path, 'emailAddress']) || m.kind === undefined) continue;
      if (m.kind !== 'forward' && sssKnownKind(plan, m) !== true) continue;
      ctx.report({
        at: m.path,
        part: 'key',
        message: `Mailbox '${m.id}' needs an email address.`,
        // A placeholder: the schema keeps flagging it until someone fills it in (docs/plan-format.md#quick-fixes).
        fixes: [ctx.fix('Set emailAddress to ""', [ctx.edit.set([...m.path, 'emailAddress'], '')])],
      });
    }
  },
});
