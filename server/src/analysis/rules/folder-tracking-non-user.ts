import { defineRule } from './define';

export default defineRule({
  id: 'folder-tracking-non-user',
  set: 'extended',
  scope: 'mailbox',
  hasFix: true,
  severity: 'warning',
  summary: 'A queue or forward mailbox lists tracked folders.',
  docs: `Folder-level tracking lets a user link Exchange folders under their Inbox to CRM records. It
is available for user mailboxes only: queue mailboxes cannot use it, and a forward mailbox is only
a drop box that nobody files mail in. Tracked folders on such a mailbox are never tracked. Remove
\`trackedFolders\` from queue and forward mailboxes.
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
  tracking: { folderLevelTracking: true }
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
    appointmentsContactsTasks: none
    trackedFolders: [Inbox/Escalations]
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
  tracking: { folderLevelTracking: true }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice:
    kind: user
    regarding: Alice Ng
    emailAddress: alice@contoso.com
    trackedFolders: [Inbox/Escalations]
    approval: approved
  support:
    kind: queue
    regarding: Support
    emailAddress: support@contoso.com
    appointmentsContactsTasks: none
    approval: approved
\`\`\`

Source: S19.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if ((m.kind !== 'queue' && m.kind !== 'forward') || m.active !== true) continue;
      const at = [...m.path, 'trackedFolders'];
      const v = ctx.value(at);
      if (!Array.isArray(v) || v.length === 0 || !ctx.known(at)) continue;
      ctx.report({
        at,
        part: 'key',
        message: `Folder-level tracking is available for user mailboxes only; mailbox '${m.id}' is a ${m.kind} mailbox.`,
        fixes: [ctx.fix('Remove trackedFolders', [ctx.edit.remove(at)], { isPreferred: true })],
      });
    }
  },
});
