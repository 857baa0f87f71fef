import { defineRule } from './define';
import { credentialKeyPath, hybridExchangeImpersonation } from './support/auth';
import { connLabel } from './support/wording';
import { serviceAccountFix } from './support/edits';
import { useHmaFix } from './support/modern-auth';

export default defineRule({
  id: 'hybrid-exchange-impersonation',
  set: 'core',
  severity: 'error',
  summary: 'An Exchange Server (Hybrid) profile does not use profile credentials with impersonation.',
  hasFix: true,
  docs: `CRM Online connects to Exchange Server in your data center through a service account with the
ApplicationImpersonation role, whose user name and password are stored in the profile
("Credentials Specified in Email Server Profile" with Use Impersonation = Yes), or, in Dynamics
365 online, through Exchange Hybrid Modern Auth (\`exchangeHybridModernAuth\`, the "Exchange
Server (On Prem)" profile; the rule \`modern-auth-unavailable\` reports it elsewhere). Mailbox
credentials, server-to-server authentication, Gmail OAuth, Azure AD OAuth and delegation do not
work for this profile, and Windows Integrated Authentication does not exist in CRM Online
(reported by \`windows-auth-online\`). Set \`authenticateUsing: serverProfile\` and
\`useImpersonation: true\`.

The 2023 page says the profile's credentials need "impersonation or delegation permissions", but
the same page lists the ApplicationImpersonation role as a prerequisite, as the older page does:
this rule keeps requiring impersonation.

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

Source: S0, S6, S28, S36, S37.`,
  check(ctx) {
    const base =
      'CRM Online reaches Exchange Server only through one service account with impersonation (credentials specified in the profile and Use Impersonation = Yes) or, on Dynamics 365 online, through Exchange Hybrid Modern Auth';
    const hma = ctx.plan.baseline === 'd365-9' && ctx.plan.deployment === 'online';
    for (const p of ctx.plan.profiles) {
      for (const c of p.credentialConnections) {
        const branch = hybridExchangeImpersonation(ctx.plan, p, c);
        if (!branch) continue;
        const related = [{ at: [...p.path, 'serverType'], message: 'Exchange Server (Hybrid) profile set here' }];
        const fixes = [
          serviceAccountFix(ctx, p, c, { impersonation: true, preferredIfComplete: true }),
          // Not preferred: the Entra ID and Key Vault set-up is outside the plan; follow-up
          // exchange-location-missing without an EWS URL.
          hma ? useHmaFix(ctx, p, c) : undefined,
        ];
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
