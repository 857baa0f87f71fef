import { defineRule } from './define';
import { TESTING_FLAGS, deploymentFlag, flagPath } from './support/transport';

export default defineRule({
  id: 'insecure-channel-allowed',
  set: 'core',
  severity: 'warning',
  summary: 'An on-premises deployment setting that relaxes transport security for testing (`allowNonSslEmail`, `allowCredentialsEntryViaNonSecureChannels`, `allowBasicAuthenticationOnNonSecureChannel`) is on.',
  hasFix: true,
  docs: `Three deployment settings of an on-premises CRM, changed with PowerShell, relax transport
security: \`AllowNonSSLEmail\` allows unencrypted connections to email servers,
\`AllowCredentialsEntryViaNonSecureChannels\` lets administrators type credentials while CRM runs over
HTTP, and \`AllowBasicAuthenticationOnNonSecureChannel\` allows Basic sign-in over an unencrypted
channel. All three are meant for testing, and each weakens security for the whole deployment, not
only for one profile. Turn them off in production.

Turning a switch off is the quick fix, but it is preferred (and applied by fix-all) only when
nothing in the plan depends on the switch: the findings it relaxes (\`exchange-url-not-https\` and
\`pop3-ssl-disabled\` as warnings, \`crm-onprem-http\` as a warning, \`credentials-over-http\` and
\`basic-auth-cleartext\` not reported at all) would turn into errors. The fix is checked by analysing
the plan with the switch off; encrypt the channels (or serve CRM over HTTPS) first.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: contoso
  deployment: onPremises
  deploymentSettings:
    allowNonSslEmail: true
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

### Valid

\`\`\`yaml
version: 1
organization:
  name: contoso
  deployment: onPremises
  deploymentSettings:
    allowNonSslEmail: false
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

Source: S0, S23.`,
  check(ctx) {
    if (ctx.plan.deployment !== 'onPremises') return;
    for (const flag of TESTING_FLAGS) {
      if (deploymentFlag(ctx, flag) !== true) continue;
      ctx.report({
        at: flagPath(flag),
        // Preferred only when nothing depends on the flag: the re-analysis that confirms a
        // preferred fix (fix-safety.ts) sees every relaxed finding that would turn into an
        // error, so no static condition is needed here.
        fixes: [ctx.fix(`Set ${flag} to false`, [ctx.edit.set(flagPath(flag), false)], { isPreferred: true })],
        message: `${flag} weakens transport security for the whole deployment; use it for testing only.`,
      });
    }
  },
});
