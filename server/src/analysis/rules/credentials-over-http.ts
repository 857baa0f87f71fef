import { defineRule } from './define';
import type { RelatedSpec } from './define';
import type { Path } from '../types';
import { credentialsOverHttp, flagPath } from './support/transport';

/** `profile 'exo' (incoming)` or `mailbox 'jo'` for a credential path. */
function ownerOf(path: Path): string {
  return path[0] === 'mailboxes' ? `mailbox '${path[1]}'` : `profile '${path[1]}' (${path[2]})`;
}

export default defineRule({
  id: 'credentials-over-http',
  set: 'core',
  severity: 'error',
  summary: 'An on-premises CRM served over HTTP has user names or passwords written in profiles or mailboxes, which CRM will not let anyone type in.',
  hasFix: true,
  docs: `When the on-premises CRM web application is served over plain HTTP, CRM disables the user name
and password fields of email server profiles and mailboxes: credentials would otherwise cross the
network readable. A plan that runs CRM over HTTP (\`organization.https: false\`) and still stores
credentials therefore cannot be applied. Serve CRM over HTTPS. The PowerShell deployment setting
\`AllowCredentialsEntryViaNonSecureChannels\` re-enables the fields, but it is meant for testing
only.

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
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@contoso.com
      password: { secretRef: "env:CONTOSO_SVC_CRM_PWD" }
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
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@contoso.com
      password: { secretRef: "env:CONTOSO_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S0, S7, S23.`,
  check(ctx) {
    const credentials = credentialsOverHttp(ctx);
    if (!credentials) return;
    const owners = [...new Set(credentials.map(ownerOf))];
    const shown = owners.slice(0, 3).join(', ') + (owners.length > 3 ? `, and ${owners.length - 3} more` : '');
    const related: RelatedSpec[] = credentials.slice(0, 10).map((at) => ({
      at,
      part: 'key',
      message: `${at[at.length - 1] === 'password' ? 'Password' : 'User name'} written here (${ownerOf(at)})`,
    }));
    const name = ctx.value(['organization', 'name']);
    const org = typeof name === 'string' ? `CRM organization '${name}'` : 'CRM';
    ctx.report({
      at: ['organization', 'https'],
      message: `${org} runs over HTTP, so the user name and password fields cannot be filled in (credentials written for ${shown}).`,
      related,
      fixes: [
        ctx.fix('Set https to true', [ctx.edit.set(['organization', 'https'], true)], { isPreferred: true }),
        // For testing only: turns on a deployment-wide switch (follow-ups insecure-channel-allowed, crm-onprem-http).
        ctx.fix('Set allowCredentialsEntryViaNonSecureChannels to true', [ctx.edit.set(flagPath('allowCredentialsEntryViaNonSecureChannels'), true)], { unsafe: true }),
      ],
    });
  },
});
