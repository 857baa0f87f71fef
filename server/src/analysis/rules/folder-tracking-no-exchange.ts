import { defineRule } from './define';
import type { Path } from '../types';
import type { MailboxModel } from '../model';
import { groupsOf } from '../incremental/groups';
import type { RuleContext } from './define';
import { FOLDER_LEVEL_TRACKING, folderTrackingWritten, routerNoActOnFolderTracking, usedProfiles } from './support/engines';
import { quoteIds } from './support/wording';

/** Tracked folders listed (and known) on a mailbox whose resolved profile is POP3/SMTP or IMAP/SMTP. */
function trackingOverInternetMail(m: MailboxModel, ctx: RuleContext): 'yes' | undefined {
  if (m.profile?.family !== 'IM') return undefined;
  const at: Path = [...m.path, 'trackedFolders'];
  const folders = ctx.value(at);
  return Array.isArray(folders) && folders.length > 0 && ctx.known(at) ? 'yes' : undefined;
}

export default defineRule({
  id: 'folder-tracking-no-exchange',
  set: 'core',
  severity: 'error',
  hasFix: true,
  summary: 'Folder-level tracking is switched on, or tracked folders are listed, without an Exchange profile.',
  docs: `Folder-level tracking links Exchange folders under a user's Inbox to CRM records. It works only
with Exchange mailboxes processed by server-side synchronization, never over POP3 or IMAP. The
finding appears on \`folderLevelTracking: true\` when no used profile is an Exchange profile,
and on a mailbox's \`trackedFolders\` when its profile is POP3/SMTP or IMAP/SMTP. While the Email
Router is selected, \`router-no-act\` reports the setting instead.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: tailspin
  deployment: online
  tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop, appointmentsContactsTasks: none }
  tracking: { folderLevelTracking: true }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@yahoo.com
    credentials: { allowUse: true, username: dan.tailspin@yahoo.com, password: { secretRef: "env:DAN_YAHOO_PWD" } }
    trackedFolders: [Inbox/Deals]
    approval: approved
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: tailspin
  deployment: online
  tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop, appointmentsContactsTasks: none }
  tracking: { folderLevelTracking: false }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@yahoo.com
    credentials: { allowUse: true, username: dan.tailspin@yahoo.com, password: { secretRef: "env:DAN_YAHOO_PWD" } }
    approval: approved
\`\`\`

Source: S0, S12, S19.`,
  check(ctx) {
    const plan = ctx.plan;
    // (a) folderLevelTracking: true and no used profile in EX. Yields to router-no-act on the
    // same value; skipped when that cannot be decided (processEmailUsing unknown).
    if (folderTrackingWritten(ctx) && routerNoActOnFolderTracking(ctx) === false) {
      const used = usedProfiles(plan);
      const anyExchange = used.profiles.some((p) => p.family === 'EX');
      const allKnown = used.complete && used.profiles.every((p) => p.family !== undefined);
      if (!anyExchange && allKnown) {
        const ids = used.profiles.map((p) => p.id);
        ctx.report({
          at: FOLDER_LEVEL_TRACKING,
          message:
            ids.length === 0
              ? 'Folder-level tracking works only with Exchange mailboxes, and no Exchange profile is used.'
              : `Folder-level tracking works only with Exchange mailboxes, and no used profile is an Exchange profile (${ids.length === 1 ? 'profile' : 'profiles'} ${quoteIds(ids)}).`,
          fixes: [ctx.fix('Set folderLevelTracking to false', [ctx.edit.set(FOLDER_LEVEL_TRACKING, false)], { isPreferred: true })],
        });
      }
    }
    // (b) trackedFolders non-empty on a mailbox whose resolved profile is in IM.
    for (const m of groupsOf(plan, trackingOverInternetMail, ctx).get('yes') ?? []) {
      const at: Path = [...m.path, 'trackedFolders'];
      const p = m.profile!;
      ctx.report({
        at,
        part: 'key',
        message: `Folder-level tracking works only with Exchange mailboxes; mailbox '${m.id}' uses ${p.serverType} profile '${p.id}'.`,
        fixes: [ctx.fix('Remove trackedFolders', [ctx.edit.remove(at)], { isPreferred: true })],
      });
    }
  },
});
