import { defineRule } from './define';
import { rejectsAuth, writtenAuths } from './support/auth';
import { serviceAccountFix, setAuthFix } from './support/edits';
import { useGmailOAuthFix } from './support/modern-auth';

export default defineRule({
  id: 'windows-auth-pop3',
  set: 'core',
  severity: 'error',
  summary: 'A POP3/SMTP or IMAP/SMTP profile reads incoming mail with Windows Integrated Authentication.',
  hasFix: true,
  docs: `Windows Integrated Authentication signs in as the Windows account of the CRM Asynchronous
Service. CRM on-premises supports it for Exchange Server and for SMTP (outgoing), but never for
reading mail over POP3 or IMAP. Let each mailbox sign in with its own credentials
(\`userOrQueue\`), or store one account in the profile (\`serverProfile\`). The outgoing SMTP side may
keep Windows authentication on-premises.

### Invalid

\`\`\`yaml
version: 1
organization: { name: tailspin, deployment: onPremises }
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: windowsIntegrated }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  hana: { kind: user, emailAddress: hana.tailspin@yahoo.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: tailspin, deployment: onPremises }
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
  hana:
    kind: user
    emailAddress: hana.tailspin@yahoo.com
    approval: approved
    credentials: { allowUse: true, username: hana.tailspin@yahoo.com, password: { secretRef: "env:HANA_YAHOO_PWD" } }
\`\`\`

Source: S8.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      for (const w of writtenAuths(p)) {
        if (rejectsAuth(ctx.plan, p, w, 'windows-auth-pop3') !== true) continue;
        const c = w.conn;
        ctx.report({
          at: w.at,
          message: `Windows Integrated Authentication works for Exchange and SMTP, not for POP3 or IMAP (profile '${p.id}' is ${p.serverType}).`,
          related: [{ at: [...p.path, 'serverType'], message: `Server type ${p.serverType} set here` }],
          // Gmail takes no password sign-in (gmail-password-auth): Gmail OAuth instead.
          fixes:
            p.mailSystem?.provider === 'gmail'
              ? [useGmailOAuthFix(ctx, p)]
              : [setAuthFix(ctx, c, 'userOrQueue', { isPreferred: true }), serviceAccountFix(ctx, p, c, { impersonation: false })],
        });
      }
    }
  },
});
