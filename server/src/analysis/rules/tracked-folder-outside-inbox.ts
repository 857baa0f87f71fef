import { defineRule } from './define';
import { outsideInbox } from './support/mailboxes';
import { prefixScalar } from './support/edits';

export default defineRule({
  id: 'tracked-folder-outside-inbox',
  set: 'extended',
  scope: 'mailbox',
  hasFix: true,
  severity: 'error',
  summary: 'A tracked folder of a user mailbox is not a folder under the Inbox.',
  docs: `Folder-level tracking works only for Exchange folders under the user's Inbox: a message moved
into such a folder is tracked against the CRM record the folder is linked to. A folder elsewhere
in the mailbox, or the Inbox itself, cannot be tracked. Write each folder as a \`/\`-separated
path that starts with \`Inbox\`, for example \`Inbox/Contoso\`. Only the English name \`Inbox\` (in
any letter case) is recognized.
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
  alice:
    kind: user
    regarding: Alice Ng
    emailAddress: alice@contoso.com
    trackedFolders: [Projects/Contoso]
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
    trackedFolders: [Inbox/Projects/Contoso]
    approval: approved
\`\`\`

Source: S19.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if (m.kind !== 'user' || m.active !== true) continue;
      const list = [...m.path, 'trackedFolders'];
      const v = ctx.value(list);
      if (!Array.isArray(v) || !ctx.known(list)) continue;
      v.forEach((folder, i) => {
        const at = [...list, i];
        if (typeof folder !== 'string' || !ctx.known(at) || !outsideInbox(folder)) return;
        ctx.report({
          at,
          message: `Tracked folders must be folders under the Inbox (for example 'Inbox/Contoso'); mailbox '${m.id}' tracks '${folder}'.`,
          // Only when the first segment is not Inbox (no fix for a bare 'Inbox' or 'Inbox/'), and
          // the prefixed folder is then under the Inbox (not for '' or '/Contoso').
          fixes:
            folder.split('/')[0].toLowerCase() !== 'inbox' && !outsideInbox(`Inbox/${folder}`)
              ? [ctx.fix(`Prefix '${folder}' with Inbox/`, [prefixScalar(ctx, at, folder, 'Inbox/')], { isPreferred: true })]
              : [],
        });
      });
    }
  },
});
