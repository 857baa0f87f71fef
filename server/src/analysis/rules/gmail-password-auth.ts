import { defineRule } from './define';
import { rejectsAuth, writtenAuths } from './support/auth';
import { useGmailOAuthFix } from './support/modern-auth';

export default defineRule({
  id: 'gmail-password-auth',
  set: 'extended',
  severity: 'error',
  summary: 'A Gmail POP3/SMTP or IMAP/SMTP profile signs in with a user name and password, which Gmail no longer accepts.',
  hasFix: true,
  docs: `Microsoft's Gmail troubleshooting article: "starting May 30th of 2022, Gmail is ending support
for apps that are configured to only use your username and password." Test & Enable of a Gmail
mailbox whose profile signs in with the mailbox's credentials (\`userOrQueue\`) or with an account
stored in the profile (\`serverProfile\`) fails. Use Gmail OAuth (\`gmailOAuth\`, Dynamics 365
9.1 or later) with the OAuth client of a Google Cloud project in the profile's \`oauth\` block.
The change is Google's: on crm2016 and d365-8.2 no option of CRM reaches Gmail any more.

### Invalid

\`\`\`yaml
version: 1
baseline: d365-9
organization: { name: contoso, deployment: online, crmVersion: "9.2", tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
mailSystems:
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: gmail-pop }
serverProfiles:
  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming: { serverLocation: pop.gmail.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.gmail.com, port: 587 }
mailboxes:
  alice:
    kind: user
    emailAddress: alice.contoso@gmail.com
    approval: approved
    credentials: { allowUse: true, username: alice.contoso@gmail.com, password: { secretRef: "env:CRMSYNC_ALICE_PASSWORD" } }
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: d365-9
organization: { name: contoso, deployment: online, crmVersion: "9.2", tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
mailSystems:
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: gmail-oauth }
serverProfiles:
  gmail-oauth:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming: { serverLocation: pop.gmail.com, port: 995, authenticateUsing: gmailOAuth }
    outgoing: { serverLocation: smtp.gmail.com, port: 587 }
    oauth:
      applicationId: 123456789012-abcdefghijklmnop.apps.googleusercontent.com
      clientSecret: { secretRef: "env:CRMSYNC_GMAIL_OAUTH_CLIENT_SECRET" }
mailboxes:
  alice: { kind: user, emailAddress: alice.contoso@gmail.com, approval: approved }
\`\`\`

Source: S38, S43.`,
  check(ctx) {
    const plan = ctx.plan;
    for (const p of plan.profiles) {
      for (const w of writtenAuths(p)) {
        if (rejectsAuth(plan, p, w, 'gmail-password-auth') !== true) continue;
        const ms = p.mailSystem!;
        ctx.report({
          at: w.at,
          message: `Gmail stopped accepting sign-in with only a user name and password on 30 May 2022, so profile '${p.id}' (${w.auth}) fails Test & Enable. Use Gmail OAuth (Dynamics 365 9.1 or later).`,
          related: [{ at: [...ms.path, 'provider'], message: `Gmail provider of mail system '${ms.id}'` }],
          fixes: [useGmailOAuthFix(ctx, p)],
        });
      }
    }
  },
});
