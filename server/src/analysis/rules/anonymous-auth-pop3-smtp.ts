import { defineRule } from './define';
import { rejectsAuth, writtenAuths } from './support/auth';
import { connWhere } from './support/wording';
import { serviceAccountFix, setAuthFix } from './support/edits';

export default defineRule({
  id: 'anonymous-auth-pop3-smtp',
  set: 'extended',
  severity: 'warning',
  summary: 'A POP3/SMTP or IMAP/SMTP profile authenticates anonymously (`authenticateUsing: anonymous`).',
  hasFix: true,
  docs: `Microsoft's documentation of the POP3/SMTP profile lists "Without Credentials (Anonymous)" but
calls it not a valid setting. At best it describes an SMTP relay that accepts mail without
signing in, and server-side synchronization still treats it as unsupported. Let each mailbox sign
in with its own credentials (\`userOrQueue\`), or store one account in the profile
(\`serverProfile\`).

### Invalid

\`\`\`yaml
version: 1
organization:
  name: litware
  deployment: online
  tenantId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
mailSystems:
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: gmail-pop }
serverProfiles:
  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming: { serverLocation: pop.gmail.com, port: 995, authenticateUsing: userOrQueue }
    useSameSettingsForOutgoing: false
    outgoing: { serverLocation: smtp.gmail.com, port: 465, authenticateUsing: anonymous }
mailboxes:
  alice:
    kind: user
    emailAddress: alice.litware@gmail.com
    approval: approved
    credentials: { allowUse: true, username: alice.litware@gmail.com, password: { secretRef: "env:ALICE_GMAIL_PWD" } }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: litware
  deployment: online
  tenantId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
mailSystems:
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: gmail-pop }
serverProfiles:
  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming: { serverLocation: pop.gmail.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.gmail.com, port: 465 }
mailboxes:
  alice:
    kind: user
    emailAddress: alice.litware@gmail.com
    approval: approved
    credentials: { allowUse: true, username: alice.litware@gmail.com, password: { secretRef: "env:ALICE_GMAIL_PWD" } }
\`\`\`

Source: S8.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      for (const w of writtenAuths(p)) {
        if (rejectsAuth(ctx.plan, p, w, 'anonymous-auth-pop3-smtp') !== true) continue;
        ctx.report({
          at: w.at,
          message: `'Without Credentials (Anonymous)' is documented as not a valid setting (${connWhere(p, w.conn)}, serverType ${p.serverType}).`,
          fixes: [setAuthFix(ctx, w.conn, 'userOrQueue', { isPreferred: true }), serviceAccountFix(ctx, p, w.conn, { impersonation: false })],
        });
      }
    }
  },
});
