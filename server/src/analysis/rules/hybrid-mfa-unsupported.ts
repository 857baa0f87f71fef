import { defineRule } from './define';
import { credentialKeyPath } from './support/auth';
import { connWhere } from './support/wording';

export default defineRule({
  id: 'hybrid-mfa-unsupported',
  set: 'extended',
  severity: 'error',
  summary: 'The account of an Exchange Server (Hybrid) or Exchange Online (Hybrid) profile is protected by multi-factor authentication.',
  hasFix: true,
  docs: `In a hybrid configuration server-side synchronization signs in unattended, so the account it
uses cannot answer a second-factor challenge. Microsoft's documentation does not support
multi-factor authentication (MFA) for the service account of Exchange Server (Hybrid) or Exchange
Online (Hybrid). Exclude the account from MFA (for example with a conditional access exception)
and then record \`mfa: false\`.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: northwind
  deployment: online
  tenantId: 9d0e51a2-7c44-4f31-8b3e-61c2f0a9d7b4
mailSystems:
  exch2016: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch-hybrid }
serverProfiles:
  exch-hybrid:
    serverType: exchangeServerHybrid
    mailSystem: exch2016
    incoming:
      serverLocation: https://mail.northwind.com/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@northwind.com
      password: { secretRef: "env:NORTHWIND_SVC_CRM_PWD" }
      mfa: true
mailboxes:
  carol: { kind: user, emailAddress: carol@northwind.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: northwind
  deployment: online
  tenantId: 9d0e51a2-7c44-4f31-8b3e-61c2f0a9d7b4
mailSystems:
  exch2016: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch-hybrid }
serverProfiles:
  exch-hybrid:
    serverType: exchangeServerHybrid
    mailSystem: exch2016
    incoming:
      serverLocation: https://mail.northwind.com/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@northwind.com
      password: { secretRef: "env:NORTHWIND_SVC_CRM_PWD" }
      mfa: false
mailboxes:
  carol: { kind: user, emailAddress: carol@northwind.com, approval: approved }
\`\`\`

Source: S1, S3.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.serverType !== 'exchangeServerHybrid' && p.serverType !== 'exchangeOnlineHybrid') continue;
      for (const c of p.credentialConnections) {
        if (c.mfa !== true) continue;
        ctx.report({
          at: credentialKeyPath(c, 'mfa'),
          message: `Multi-factor authentication is not supported for the service account of a hybrid configuration (${connWhere(p, c)}, serverType ${p.serverType}).`,
          related: [{ at: [...p.path, 'serverType'], message: `Hybrid server type ${p.serverType} set here` }],
          // Not preferred: the edit is right only once the account has been excluded from MFA.
          fixes: [ctx.fix('Set mfa to false', [ctx.edit.set(credentialKeyPath(c, 'mfa'), false)])],
        });
      }
    }
  },
});
