import { defineRule } from './define';
import type { Path } from '../types';
import { basicOnPlainChannelAllowed, isHttpUrl } from './support/transport';
import { connName } from './support/wording';
import { httpsFix, sslFix } from './support/edits';

export default defineRule({
  id: 'basic-auth-cleartext',
  set: 'extended',
  severity: 'error',
  summary: 'Basic authentication is used over an unencrypted channel (POP3/IMAP/SMTP without SSL, or an `http://` EWS URL).',
  hasFix: true,
  docs: `With Basic authentication the user name and password travel readable inside the connection, so
Basic is acceptable only over SSL/TLS. A POP3/IMAP/SMTP connection with \`useSsl: false\`, or an
Exchange server location that starts with \`http://\`, would therefore send the password in clear
text. Only an on-premises deployment can allow this, for testing, with the PowerShell setting
\`AllowBasicAuthenticationOnNonSecureChannel\`
(\`organization.deploymentSettings.allowBasicAuthenticationOnNonSecureChannel\`). Encrypt the
channel instead.

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
    incoming: { serverLocation: pop.mail.yahoo.com, port: 110, useSsl: false, authProtocol: basic, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465, authProtocol: basic }
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
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, useSsl: true, authProtocol: basic, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465, authProtocol: basic }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@yahoo.com
    credentials: { allowUse: true, username: dan.tailspin@yahoo.com, password: { secretRef: "env:DAN_YAHOO_PWD" } }
    approval: approved
\`\`\`

Source: S23.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.family === undefined) continue;
      for (const c of [p.incoming, p.outgoing]) {
        const at: Path = [...c.path, 'authProtocol'];
        if (!ctx.known(at) || ctx.value(at) !== 'basic') continue;
        // The value that makes the channel plain, and how to describe it.
        let plainAt: Path | undefined;
        let plain = '';
        if (p.family === 'IM') {
          if (c.useSsl !== false) continue;
          plainAt = [...c.path, 'useSsl'];
          plain = 'useSsl: false';
        } else {
          if (!c.serverLocationPath || !isHttpUrl(c.serverLocation)) continue;
          plainAt = c.serverLocationPath;
          plain = 'http:// server location';
        }
        if (basicOnPlainChannelAllowed(ctx) !== false) continue;
        ctx.report({
          at,
          message: `Basic authentication would send the password unencrypted (profile '${p.id}', ${connName(c)}, ${plain}).`,
          related: [{ at: plainAt, message: plain === 'useSsl: false' ? 'SSL switched off here' : 'Unencrypted http:// location set here' }],
          // The same edit as pop3-ssl-disabled / exchange-url-not-https on the value that makes the channel plain.
          fixes: [p.family === 'IM' ? sslFix(ctx, c) : httpsFix(ctx, plainAt)],
        });
      }
    }
  },
});
