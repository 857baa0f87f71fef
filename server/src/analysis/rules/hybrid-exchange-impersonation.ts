import { defineRule } from './define';
import { credentialKeyPath, hybridExchangeImpersonation } from './support/auth';
import { connLabel } from './support/wording';
import { serviceAccountFix } from './support/edits';

export default defineRule({
  id: 'hybrid-exchange-impersonation',
  set: 'core',
  severity: 'error',
  summary: 'An Exchange Server (Hybrid) profile does not use profile credentials with impersonation.',
  hasFix: true,
  docs: `CRM Online connects to Exchange Server in your data center with exactly one form of sign-in: a
service account with the ApplicationImpersonation role, whose user name and password are stored
in the profile ("Credentials Specified in Email Server Profile" with Use Impersonation = Yes).
Mailbox credentials, server-to-server authentication and delegation do not work for this
profile, and Windows Integrated Authentication does not exist in CRM Online (reported by
\`windows-auth-online\`). Set \`authenticateUsing: serverProfile\` and \`useImpersonation: true\`.

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
      username: svc-crm@northwind.com
      password: { secretRef: "env:NORTHWIND_SVC_CRM_PWD" }
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
mailboxes:
  carol: { kind: user, emailAddress: carol@northwind.com, approval: approved }
\`\`\`

Source: S0, S6, S28.`,
  check(ctx) {
    const base = 'CRM Online reaches Exchange Server only through one service account with impersonation: credentials specified in the profile and Use Impersonation = Yes';
    for (const p of ctx.plan.profiles) {
      for (const c of p.credentialConnections) {
        const branch = hybridExchangeImpersonation(ctx.plan, p, c);
        if (!branch) continue;
        const related = [{ at: [...p.path, 'serverType'], message: 'Exchange Server (Hybrid) profile set here' }];
        const fixes = [serviceAccountFix(ctx, p, c, { impersonation: true, preferredIfComplete: true })];
        if (branch === 'a') {
          ctx.report({
            at: credentialKeyPath(c, 'authenticateUsing'),
            message: `${base}; ${connLabel(p, c)} uses ${c.auth}.`,
            related,
            fixes,
          });
        } else {
          ctx.report({
            at: credentialKeyPath(c, c.useImpersonationWritten ? 'useImpersonation' : 'authenticateUsing'),
            message: `${base}; ${connLabel(p, c)} ${c.useImpersonationWritten ? 'sets useImpersonation: false' : 'does not set useImpersonation: true'}.`,
            related,
            fixes,
          });
        }
      }
    }
  },
});
