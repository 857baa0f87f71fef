import { defineRule } from './define';
import { rejectsAuth, writtenAuths } from './support/auth';
import { connWhere } from './support/wording';
import { serviceAccountFix, setAuthFix } from './support/edits';
import { useHmaFix } from './support/modern-auth';

export default defineRule({
  id: 'anonymous-auth-exchange',
  set: 'core',
  severity: 'error',
  summary: 'An Exchange profile authenticates anonymously (`authenticateUsing: anonymous`).',
  hasFix: true,
  docs: `Exchange never accepts a connection without credentials: server-side synchronization must sign
in to every mailbox it reads or sends from. "Without Credentials (Anonymous)" is therefore never
valid for Exchange Online, Exchange Server or either hybrid. Use server-to-server authentication
for Exchange Online and Exchange Online (Hybrid), and a profile service account with impersonation
for Exchange Server (Hybrid) — or, in Dynamics 365 online, Exchange Hybrid Modern Auth; Exchange
Server on-premises can also use the mailbox's own credentials or Windows Integrated
Authentication.

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
      authenticateUsing: anonymous
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

Source: S0, S7, S36.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      for (const w of writtenAuths(p)) {
        if (rejectsAuth(ctx.plan, p, w, 'anonymous-auth-exchange') !== true) continue;
        ctx.report({
          at: w.at,
          message: `Anonymous access is never valid for Exchange (${connWhere(p, w.conn)}, serverType ${p.serverType}).`,
          related: [{ at: [...p.path, 'serverType'], message: `Exchange server type ${p.serverType} set here` }],
          fixes:
            p.serverType === 'exchangeOnline' || p.serverType === 'exchangeOnlineHybrid'
              ? [setAuthFix(ctx, w.conn, 'serverToServer', { isPreferred: true })]
              : p.serverType === 'exchangeServerHybrid'
                ? [
                    serviceAccountFix(ctx, p, w.conn, { impersonation: true }),
                    // Follow-up without an EWS URL: exchange-location-missing.
                    ctx.plan.baseline === 'd365-9' && ctx.plan.deployment === 'online' ? useHmaFix(ctx, p, w.conn) : undefined,
                  ]
                : [
                    serviceAccountFix(ctx, p, w.conn, { impersonation: true }),
                    setAuthFix(ctx, w.conn, 'userOrQueue'),
                    ctx.plan.deployment === 'onPremises' ? setAuthFix(ctx, w.conn, 'windowsIntegrated') : undefined,
                  ],
        });
      }
    }
  },
});
