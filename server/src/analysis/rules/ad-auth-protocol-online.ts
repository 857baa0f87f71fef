import { defineRule } from './define';
import { connName } from './support/wording';

export default defineRule({
  id: 'ad-auth-protocol-online',
  set: 'extended',
  severity: 'warning',
  summary: 'A connection of a CRM Online organization uses an Active Directory protocol (Negotiate or NTLM).',
  hasFix: true,
  docs: `Negotiate (Kerberos, falling back to NTLM) and NTLM are Windows/Active Directory sign-in
protocols. CRM Online switches them off by default (the deployment setting
AllowADBasedAuthenticationProtocols is false online), so a connection that insists on them is
likely to fail. Use \`autoDetect\`, or \`basic\` over an encrypted channel. NTLM towards Exchange
Server (Hybrid) is not reported: the hybrid documentation asks EWS to allow NTLM or Basic.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: litware
  deployment: online
  tenantId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465, authProtocol: negotiate }
mailboxes:
  alice:
    kind: user
    emailAddress: alice.litware@yahoo.com
    approval: approved
    credentials: { allowUse: true, username: alice.litware@yahoo.com, password: { secretRef: "env:ALICE_YAHOO_PWD" } }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: litware
  deployment: online
  tenantId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465, authProtocol: autoDetect }
mailboxes:
  alice:
    kind: user
    emailAddress: alice.litware@yahoo.com
    approval: approved
    credentials: { allowUse: true, username: alice.litware@yahoo.com, password: { secretRef: "env:ALICE_YAHOO_PWD" } }
\`\`\`

Source: S23.`,
  check(ctx) {
    if (ctx.plan.deployment !== 'online') return;
    for (const p of ctx.plan.profiles) {
      for (const c of [p.incoming, p.outgoing]) {
        if (!c.authProtocolWritten) continue;
        const proto = c.authProtocol;
        if (proto !== 'negotiate' && proto !== 'ntlm') continue;
        if (proto === 'ntlm') {
          if (p.serverType === undefined || p.serverType === 'exchangeServerHybrid') continue;
        }
        ctx.report({
          at: [...c.path, 'authProtocol'],
          message: `AD-based protocols (Negotiate, NTLM) are disabled by default in CRM Online; profile '${p.id}' (${connName(c)}) uses ${proto}.`,
          related: [{ at: ['organization', 'deployment'], message: 'CRM Online deployment set here' }],
          fixes: [
            ctx.fix('Set authProtocol to autoDetect', [ctx.edit.set([...c.path, 'authProtocol'], 'autoDetect')], { isPreferred: true }),
            ctx.fix('Set authProtocol to basic', [ctx.edit.set([...c.path, 'authProtocol'], 'basic')]),
          ],
        });
      }
    }
  },
});
