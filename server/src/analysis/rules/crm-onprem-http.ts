import { defineRule } from './define';
import type { RelatedSpec } from './define';
import type { Path } from '../types';
import { boolFlag } from './support/logic';
import { credentialsOverHttp, deploymentFlag, flagPath, httpsFalseWritten } from './support/transport';

export default defineRule({
  id: 'crm-onprem-http',
  set: 'core',
  severity: 'error',
  severityNote:
    'Warning when allowCredentialsEntryViaNonSecureChannels is true and organization.ifd is not; not reported when credentials-over-http reports the plan.',
  summary: 'An on-premises CRM web application is served over HTTP, which server-side synchronization does not support.',
  hasFix: true,
  docs: `Server-side synchronization with an on-premises CRM needs the CRM web application served over
HTTPS. An Internet-facing deployment (IFD, claims-based access) needs HTTPS too, and IFD is itself
a prerequisite of Exchange Online (Hybrid). For testing, the PowerShell deployment setting
\`AllowCredentialsEntryViaNonSecureChannels\` lets an HTTP deployment work (the finding is then a
warning), but no setting relaxes the HTTPS requirement of IFD. When credentials are written in the
plan, \`credentials-over-http\` reports the same value instead.

This rule is stricter than Microsoft's pages, on purpose. They document one effect of HTTP: the
user name and password fields of profiles and mailboxes are disabled unless
\`AllowCredentialsEntryViaNonSecureChannels\` is set. The general requirement ("CRM on-premises
instances must also use https") comes from the MB2-710 revision notes, and an Internet-facing
deployment needs HTTPS in any case. The rule keeps that requirement, so a plan without credentials
is reported too.

### Invalid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises, https: false }
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
organization: { name: contoso, deployment: onPremises, https: true }
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

Source: S0, S7, S8, S9, S23.`,
  check(ctx) {
    if (ctx.plan.deployment !== 'onPremises' || !httpsFalseWritten(ctx)) return;
    // Yields to credentials-over-http, which reports the same value: one finding per value.
    if (credentialsOverHttp(ctx) !== false) return;
    const allow = deploymentFlag(ctx, 'allowCredentialsEntryViaNonSecureChannels');
    const ifdPath: Path = ['organization', 'ifd'];
    const ifd = boolFlag(ctx, ifdPath);
    if (allow === undefined || ifd === undefined) return;
    const fixes = [ctx.fix('Set https to true', [ctx.edit.set(['organization', 'https'], true)], { isPreferred: true })];
    const related: RelatedSpec[] = [];
    if (ifd) related.push({ at: ifdPath, message: 'Internet-facing deployment set here' });
    if (allow) related.push({ at: flagPath('allowCredentialsEntryViaNonSecureChannels'), message: 'Credentials testing switch turned on here' });
    const name = ctx.value(['organization', 'name']);
    const org = typeof name === 'string' ? `CRM organization '${name}'` : 'CRM';
    if (allow && !ifd) {
      ctx.report({
        at: ['organization', 'https'],
        severity: 'warning',
        related,
        fixes,
        message: `${org} is served over HTTP, which allowCredentialsEntryViaNonSecureChannels tolerates for testing only; server-side synchronization needs HTTPS.`,
      });
      return;
    }
    ctx.report({
      at: ['organization', 'https'],
      related,
      fixes,
      message: `${org} is served over HTTP; server-side synchronization needs CRM served over HTTPS.${ifd ? ' An Internet-facing deployment needs HTTPS too.' : ''}`,
    });
  },
});
