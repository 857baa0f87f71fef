import { defineRule } from './define';
import { isInternetMail, rejectsAuth, writtenAuths } from './support/auth';
import { connWhere } from './support/wording';
import { serviceAccountFix, setAuthFix } from './support/edits';
import { useGmailOAuthFix, useHmaFix } from './support/modern-auth';

export default defineRule({
  id: 'windows-auth-online',
  set: 'core',
  severity: 'error',
  summary: 'A profile of a CRM Online organization uses Windows Integrated Authentication.',
  hasFix: true,
  docs: `Windows Integrated Authentication signs in as the Windows account that runs the CRM
Asynchronous Service. That service and its account exist only in a CRM on-premises deployment,
so in CRM Online the option cannot work for any server type. Use server-to-server
authentication for Exchange Online, a profile service account with impersonation for Exchange
Server (Hybrid), and mailbox or profile credentials for POP3/SMTP and IMAP/SMTP.

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
      authenticateUsing: windowsIntegrated
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

Source: S0, S7.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      for (const w of writtenAuths(p)) {
        if (rejectsAuth(ctx.plan, p, w, 'windows-auth-online') !== true) continue;
        ctx.report({
          at: w.at,
          message: `Windows Integrated Authentication uses the on-premises Asynchronous Service account and does not exist in CRM Online (${connWhere(p, w.conn)}).`,
          related: [{ at: ['organization', 'deployment'], message: 'CRM Online deployment set here' }],
          fixes:
            p.serverType === 'exchangeOnline' || p.serverType === 'exchangeOnlineHybrid'
              ? [setAuthFix(ctx, w.conn, 'serverToServer', { isPreferred: true })]
              : p.serverType === 'exchangeServerHybrid' || p.serverType === 'exchangeServer'
                ? [
                    serviceAccountFix(ctx, p, w.conn, { impersonation: true }),
                    p.serverType === 'exchangeServerHybrid' && ctx.plan.baseline === 'd365-9' ? useHmaFix(ctx, p, w.conn) : undefined,
                  ]
                : isInternetMail(p.serverType)
                  ? // Gmail takes no password sign-in (gmail-password-auth): Gmail OAuth instead.
                    p.mailSystem?.provider === 'gmail'
                    ? [useGmailOAuthFix(ctx, p)]
                    : [setAuthFix(ctx, w.conn, 'userOrQueue', { isPreferred: true })]
                  : [],
        });
      }
    }
  },
});
