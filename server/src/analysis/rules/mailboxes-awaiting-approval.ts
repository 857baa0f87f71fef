import { defineRule } from './define';
import type { RelatedSpec } from './define';
import { approvalApplies, approvalSettingPath } from './support/engines';
import { inDocumentOrder } from './support/places';
import { quoteIds } from './support/wording';

export default defineRule({
  id: 'mailboxes-awaiting-approval',
  set: 'core',
  severity: 'info',
  summary: 'Approval is required, and processed mailboxes have no recorded approval (one finding per plan).',
  docs: `With "Process emails only for approved users" (or "... queues") on, which is the default, each
mailbox address must be approved (Approve Email) before server-side synchronization or the Email
Router processes it. The plan's \`approval\` is optional observed state: leaving it out records
nothing, so crmsync only reminds you once per plan, naming the processed mailboxes that have no
recorded approval. Record \`approval: approved\` once the addresses are approved, or switch the
requirement off where that is intended.

### Invalid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@fabrikam.local
      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com }
  support: { kind: queue, emailAddress: support@fabrikam.com }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@fabrikam.local
      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
  support: { kind: queue, emailAddress: support@fabrikam.com, approval: approved }
\`\`\`

Source: S0, S12, S17.`,
  check(ctx) {
    // A mailbox whose approval is written (including an unknown value) is not counted.
    const counted = inDocumentOrder(
      ctx,
      ctx.plan.mailboxes.filter((m) => !m.approvalWritten && approvalApplies(ctx, m)),
    );
    if (counted.length === 0) return;
    const n = counted.length;
    const named = quoteIds(counted.slice(0, 3).map((m) => m.id)) + (n > 3 ? ', …' : '');
    const related: RelatedSpec[] = counted.map((m) => ({ at: m.path, part: 'key' as const, message: `Mailbox '${m.id}' has no recorded approval` }));
    for (const kind of ['user', 'queue'] as const) {
      if (counted.some((m) => m.kind === kind)) {
        related.push({ at: approvalSettingPath(kind)!, message: `Approval required for ${kind === 'user' ? 'users' : 'queues'} here` });
      }
    }
    ctx.report({
      at: ['mailboxes'],
      part: 'key',
      message: `${n} ${n === 1 ? 'mailbox has' : 'mailboxes have'} no recorded approval (${named}); with approval required, each address must be approved (Approve Email) before it is processed.`,
      related,
    });
  },
});
