import { defineRule } from './define';
import type { Path } from '../types';
import { nonSslOverride } from './support/transport';
import { connWhere } from './support/wording';
import { sslFix } from './support/edits';

export default defineRule({
  id: 'pop3-ssl-disabled',
  set: 'core',
  severity: 'error',
  severityNote: 'Warning when the on-premises deployment setting allowNonSslEmail is true.',
  summary: 'A POP3/IMAP/SMTP connection is written with `useSsl: false`.',
  hasFix: true,
  docs: `Server-side synchronization expects POP3, IMAP and SMTP connections to be encrypted with
SSL/TLS in both directions. With \`useSsl: false\` the mail and, depending on the protocol, the
password travel readable on the network. Only an on-premises deployment can allow unencrypted
connections, for testing, with the PowerShell setting \`AllowNonSSLEmail\`
(\`organization.deploymentSettings.allowNonSslEmail\`); the finding is then a warning. Use the SSL
ports: 995 for POP3, 993 for IMAP, 465 (or 587 with STARTTLS) for SMTP.

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
    incoming: { serverLocation: pop.mail.yahoo.com, port: 110, useSsl: false, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
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
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, useSsl: true, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@yahoo.com
    credentials: { allowUse: true, username: dan.tailspin@yahoo.com, password: { secretRef: "env:DAN_YAHOO_PWD" } }
    approval: approved
\`\`\`

Source: S0, S13, S23.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.family !== 'IM') continue;
      for (const c of [p.incoming, p.outgoing]) {
        const at: Path = [...c.path, 'useSsl'];
        if (!ctx.known(at) || ctx.value(at) !== false) continue;
        // No related location: the rule's section names none (the switch has its own finding).
        const { severity } = nonSslOverride(ctx);
        const where = connWhere(p, c);
        ctx.report({
          at,
          severity,
          message: severity
            ? `Unencrypted connection (${where}) allowed by allowNonSslEmail; for testing only.`
            : `POP3/IMAP/SMTP connections must use SSL (${where}).`,
          fixes: [sslFix(ctx, c)],
        });
      }
    }
  },
});
