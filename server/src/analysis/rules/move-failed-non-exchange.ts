import { defineRule } from './define';
import type { Path } from '../types';
import { removeTidy } from './support/edits';

export default defineRule({
  id: 'move-failed-non-exchange',
  set: 'extended',
  severity: 'warning',
  summary: 'A POP3/IMAP profile turns on "Move Failed Emails to Undeliverable Folder".',
  hasFix: true,
  docs: `"Move Failed Emails to Undeliverable Folder" moves mail that CRM cannot process into an
Undeliverable folder of the Exchange mailbox. It works only with the Exchange server types; on a
POP3/SMTP or IMAP/SMTP profile CRM ignores it, so failed mail stays where it is. Remove the key
rather than rely on it.

### Invalid

\`\`\`yaml
version: 1
organization: { name: tailspin, deployment: online, tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b }
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop, appointmentsContactsTasks: none }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
    advanced: { moveFailedEmailsToUndeliverable: true }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@yahoo.com
    credentials: { allowUse: true, username: dan.tailspin@yahoo.com, password: { secretRef: "env:DAN_YAHOO_PWD" } }
    approval: approved
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: tailspin, deployment: online, tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b }
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop, appointmentsContactsTasks: none }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
    advanced: { moveFailedEmailsToUndeliverable: false }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@yahoo.com
    credentials: { allowUse: true, username: dan.tailspin@yahoo.com, password: { secretRef: "env:DAN_YAHOO_PWD" } }
    approval: approved
\`\`\`

Source: S7.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.family !== 'IM') continue;
      const at: Path = [...p.path, 'advanced', 'moveFailedEmailsToUndeliverable'];
      if (!ctx.known(at) || ctx.value(at) !== true) continue;
      // An `advanced` block that held only this key goes with it.
      ctx.report({
        at,
        fixes: [ctx.fix('Remove moveFailedEmailsToUndeliverable', [removeTidy(ctx, at, p.path)], { isPreferred: true })],
        message: `Moving failed emails to an Undeliverable folder works only with Exchange; it is ignored here (profile '${p.id}', serverType ${p.serverType}).`,
      });
    }
  },
});
