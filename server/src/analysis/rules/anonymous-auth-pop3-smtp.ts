import { defineRule } from './define';
import { rejectsAuth, writtenAuths } from './support/auth';
import { connWhere } from './support/wording';
import { serviceAccountFix, setAuthFix } from './support/edits';
import { useGmailOAuthFix } from './support/modern-auth';

export default defineRule({
  id: 'anonymous-auth-pop3-smtp',
  set: 'extended',
  severity: 'error',
  summary: 'A POP3/SMTP or IMAP/SMTP profile authenticates anonymously (`authenticateUsing: anonymous`).',
  hasFix: true,
  docs: `Microsoft's POP3/SMTP and IMAP/SMTP profile pages list "Without Credentials (Anonymous)" and
say of it "Not a valid setting", the same words as the Exchange page. Server-side synchronization
must sign in to every mailbox it reads and sends from. Let each mailbox sign in with its own
credentials (\`userOrQueue\`), or store one account in the profile (\`serverProfile\`); a Gmail
mail system takes only Gmail OAuth (\`gmailOAuth\`, Dynamics 365 9.1 or later).

### Invalid

\`\`\`yaml
version: 1
organization:
  name: litware
  deployment: online
  tenantId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    useSameSettingsForOutgoing: false
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465, authenticateUsing: anonymous }
mailboxes:
  alice:
    kind: user
    emailAddress: alice.litware@yahoo.com
    approval: approved
    credentials: { allowUse: true, username: alice.litware@yahoo.com, password: { secretRef: "env:ALICE_YAHOO_PWD" } }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: litware
  deployment: online
  tenantId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  alice:
    kind: user
    emailAddress: alice.litware@yahoo.com
    approval: approved
    credentials: { allowUse: true, username: alice.litware@yahoo.com, password: { secretRef: "env:ALICE_YAHOO_PWD" } }
\`\`\`

Source: S8, S26.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      for (const w of writtenAuths(p)) {
        if (rejectsAuth(ctx.plan, p, w, 'anonymous-auth-pop3-smtp') !== true) continue;
        ctx.report({
          at: w.at,
          message: `'Without Credentials (Anonymous)' is not a valid setting for a POP3, IMAP or SMTP connection (${connWhere(p, w.conn)}, serverType ${p.serverType}).`,
          // Gmail takes no password sign-in (gmail-password-auth): Gmail OAuth instead.
          fixes:
            p.mailSystem?.provider === 'gmail'
              ? [useGmailOAuthFix(ctx, p)]
              : [setAuthFix(ctx, w.conn, 'userOrQueue', { isPreferred: true }), serviceAccountFix(ctx, p, w.conn, { impersonation: false })],
        });
      }
    }
  },
});
