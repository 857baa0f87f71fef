import { defineRule } from './define';
import type { RelatedSpec } from './define';
import { inheritedRelated } from './support/places';
import { setOnMailbox } from './support/edits';
import { sssKnownKind } from './support/mailboxes';

export default defineRule({
  id: 'act-sync-org-not-primary',
  set: 'extended',
  scope: 'mailbox',
  hasFix: true,
  severity: 'warning',
  summary: 'Another organization syncs the same mailboxes, and a mailbox with ACT by server-side synchronization does not mark this organization as primary.',
  docs: `Only one CRM organization can own the synchronization of appointments, contacts and tasks (ACT)
for an Exchange mailbox. When another organization also synchronizes the same mailboxes
(\`organization.otherOrgsSyncingSameMailboxes: true\`), a mailbox that syncs ACT here must say that
this organization owns it ("Sync items with Exchange from this org only", \`actSyncThisOrgOnly:
true\`). Otherwise ACT sync fails with a permanent error as soon as the other organization owns the
mailbox. If the other organization should own ACT, set \`appointmentsContactsTasks: none\` here.
Neither fix is applied automatically: marking this organization primary stops ACT sync for the
mailbox in the other organization, which only the people running both can decide.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
  otherOrgsSyncingSameMailboxes: true
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

### Valid

\`\`\`yaml
version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
  otherOrgsSyncingSameMailboxes: true
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
  alice: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, actSyncThisOrgOnly: true, approval: approved }
\`\`\`

Source: S17.`,
  check(ctx) {
    const plan = ctx.plan;
    const other = ['organization', 'otherOrgsSyncingSameMailboxes'];
    if (ctx.value(other) !== true || !ctx.known(other)) return;
    for (const m of plan.mailboxes) {
      if (m.appointmentsContactsTasks !== 'serverSideSync' || sssKnownKind(plan, m) !== true) continue;
      const flag = [...m.path, 'actSyncThisOrgOnly'];
      const written = ctx.has(flag);
      if (written && (!ctx.known(flag) || ctx.value(flag) === true)) continue;
      const related: RelatedSpec[] = [{ at: other, message: 'Another organization syncs the same mailboxes' }];
      if (m.appointmentsContactsTasksSource === 'default') related.push(inheritedRelated('appointmentsContactsTasks', 'serverSideSync'));
      ctx.report({
        at: written ? flag : m.path,
        part: written ? 'value' : 'key',
        message: `Only one CRM organization can own ACT sync for an Exchange mailbox; mark this organization as primary for mailbox '${m.id}' (actSyncThisOrgOnly: true) or stop ACT sync here.`,
        related,
        // Neither fix is preferred: marking this organization primary takes ACT sync for the
        // mailbox away from the other organization, a decision about that organization.
        fixes: [
          setOnMailbox(ctx, m, 'actSyncThisOrgOnly', true),
          setOnMailbox(ctx, m, 'appointmentsContactsTasks', 'none'),
        ],
      });
    }
  },
});
