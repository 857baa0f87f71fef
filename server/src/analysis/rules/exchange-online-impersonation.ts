import { defineRule } from './define';
import { credentialKeyPath } from './support/auth';
import { connWhere } from './support/wording';

export default defineRule({
  id: 'exchange-online-impersonation',
  set: 'core',
  severity: 'error',
  summary: 'An Exchange Online profile sets `useImpersonation: true`.',
  hasFix: true,
  docs: `The Exchange Online profile of CRM Online signs in with server-to-server authentication; no
service account is involved, so there is nothing to impersonate with. Microsoft's documentation
states that impersonation is not supported with this profile. Remove \`useImpersonation\`.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming:
      authenticateUsing: serverToServer
      useImpersonation: true
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming:
      authenticateUsing: serverToServer
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S1, S16.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.serverType !== 'exchangeOnline') continue;
      for (const c of p.credentialConnections) {
        if (c.useImpersonation !== true) continue;
        ctx.report({
          at: credentialKeyPath(c, 'useImpersonation'),
          message: `Impersonation is not supported with the Exchange Online profile (${connWhere(p, c)}).`,
          related: [{ at: [...p.path, 'serverType'], message: 'Exchange Online profile set here' }],
          fixes: [ctx.fix('Remove useImpersonation', [ctx.edit.remove(credentialKeyPath(c, 'useImpersonation'))], { isPreferred: true })],
        });
      }
    }
  },
});
