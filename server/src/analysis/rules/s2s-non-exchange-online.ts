import { defineRule } from './define';
import { isInternetMail, rejectsAuth, writtenAuths } from './support/auth';
import { connLabel } from './support/wording';
import { serviceAccountFix, setAuthFix } from './support/edits';
import { useGmailOAuthFix } from './support/modern-auth';

export default defineRule({
  id: 's2s-non-exchange-online',
  set: 'extended',
  severity: 'error',
  summary: 'A profile that is not Exchange Online or Exchange Online (Hybrid) uses server-to-server authentication.',
  hasFix: true,
  docs: `Server-to-server (S2S) authentication is a trust between CRM and Exchange Online set up through
Azure AD. It exists only for the Exchange Online profile (CRM Online) and the Exchange Online
(Hybrid) profile (CRM on-premises). Exchange Server, POP3/SMTP and IMAP/SMTP servers know nothing
of it. Use a profile service account or the mailboxes' own credentials instead. An Exchange
Server (Hybrid) profile with S2S is reported by \`hybrid-exchange-impersonation\`.

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
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
      authenticateUsing: serverToServer
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
      authenticateUsing: serverProfile
      useImpersonation: true
      username: CONTOSO\\svc-crm
      password: { secretRef: "env:CONTOSO_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S1, S9.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      for (const w of writtenAuths(p)) {
        if (rejectsAuth(ctx.plan, p, w, 's2s-non-exchange-online') !== true) continue;
        ctx.report({
          at: w.at,
          message: `Server-to-server authentication exists only between CRM and Exchange Online; ${connLabel(p, w.conn)} is ${p.serverType}.`,
          related: [{ at: [...p.path, 'serverType'], message: `Server type ${p.serverType} set here` }],
          fixes:
            p.serverType === 'exchangeServer'
              ? [serviceAccountFix(ctx, p, w.conn, { impersonation: true }), setAuthFix(ctx, w.conn, 'userOrQueue')]
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
