import { defineRule } from './define';
import type { Path } from '../types';
import { isHttpUrl, nonSslOverride } from './support/transport';
import { connWhere } from './support/wording';
import { httpsFix } from './support/edits';

export default defineRule({
  id: 'exchange-url-not-https',
  set: 'core',
  severity: 'error',
  severityNote: 'Warning when the on-premises deployment setting allowNonSslEmail is true.',
  summary: 'An Exchange profile points at an `http://` server location instead of an HTTPS EWS URL.',
  hasFix: true,
  docs: `Server-side synchronization talks to every Exchange server type through Exchange Web Services
(EWS), and that connection must be encrypted with TLS/SSL: an EWS server location is an
\`https://\` URL such as \`https://mail.contoso.com/EWS/Exchange.asmx\`. Over plain HTTP the mailbox
contents and the sign-in travel readable on the network. Only an on-premises deployment can relax
this, for testing, with the PowerShell setting \`AllowNonSSLEmail\`
(\`organization.deploymentSettings.allowNonSslEmail\`); the finding is then a warning.

### Invalid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: http://mail.contoso.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S0, S6.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.family !== 'EX') continue;
      for (const c of [p.incoming, p.outgoing]) {
        const at: Path = [...c.path, 'serverLocation'];
        if (!ctx.known(at) || !isHttpUrl(ctx.value(at))) continue;
        const { severity, related } = nonSslOverride(ctx);
        const where = connWhere(p, c);
        ctx.report({
          at,
          severity,
          related,
          message: severity
            ? `Unencrypted Exchange connection (${where}) allowed by allowNonSslEmail; for testing only.`
            : `Connections to Exchange must be encrypted (${where}); use an https:// URL.`,
          fixes: [httpsFix(ctx, at)],
        });
      }
    }
  },
});
