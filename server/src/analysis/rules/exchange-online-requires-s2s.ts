import { defineRule } from './define';
import { credentialKeyPath, rejectsAuth, writtenAuths } from './support/auth';
import { connLabel, joinParts } from './support/wording';
import { joinEdits } from './support/edits';
import { crossTenant } from './support/auth-options';
import { removeUnusedOAuthEdit, useAzureAdOAuthFix } from './support/modern-auth';

export default defineRule({
  id: 'exchange-online-requires-s2s',
  set: 'core',
  severity: 'error',
  summary: 'An Exchange Online or Exchange Online (Hybrid) profile does not use server-to-server authentication.',
  hasFix: true,
  docs: `CRM reaches Exchange Online only through server-to-server (S2S) authentication: a trust set up
through Azure AD, so no password is stored. This holds for CRM Online with the Exchange Online
profile and for CRM on-premises with the Exchange Online (Hybrid) profile (which adds the
Hybrid Connector, a certificate and IFD). Mailbox credentials, a profile service account or
Windows Integrated Authentication on-premises do not work — Exchange Online no longer accepts
Basic authentication (disabled from 1 October 2022) — and neither do Gmail OAuth or Exchange
Hybrid Modern Auth. Set \`authenticateUsing: serverToServer\` and remove the user name, password
and impersonation. The one other way is Azure AD OAuth on the Exchange Online profile of
Dynamics 365 online, for a mailbox in another tenant (rule \`exchange-online-cross-tenant\`); in
the organization's own tenant it is reported here. Anonymous access and Windows authentication in
CRM Online are reported by their own rules instead.

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
      authenticateUsing: serverProfile
      username: svc-crm@contoso.com
      password: { secretRef: "env:CONTOSO_SVC_CRM_PWD" }
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

Source: S1, S3, S9, S16, S34, S35.`,
  check(ctx) {
    const plan = ctx.plan;
    for (const p of plan.profiles) {
      for (const w of writtenAuths(p)) {
        if (rejectsAuth(plan, p, w, 'exchange-online-requires-s2s') !== true) continue;
        const other = crossTenant(plan, p.mailSystem) === true;
        // Set serverToServer and drop the keys S2S does not read from that connection (and the
        // OAuth client when nothing uses it any more).
        const drop = (['username', 'password', 'useImpersonation', 'mfa'] as const).filter((k) => ctx.has(credentialKeyPath(w.conn, k)));
        const dropOAuth = removeUnusedOAuthEdit(ctx, p, w.conn, 'serverToServer');
        const removed = [...drop, ...(dropOAuth ? ['oauth'] : [])];
        const title = `Set authenticateUsing to serverToServer${removed.length ? ` and remove ${joinParts(removed)}` : ''}`;
        const edits = [ctx.edit.set(w.at, 'serverToServer'), ...drop.map((k) => ctx.edit.remove(credentialKeyPath(w.conn, k))), ...(dropOAuth ? [dropOAuth] : [])];
        let why = '';
        if (w.auth === 'userOrQueue' || w.auth === 'serverProfile') why = ' Exchange Online no longer accepts Basic authentication.';
        else if (w.auth === 'azureAdOAuth' && !other) why = " Azure AD OAuth is for Exchange Online of another tenant; in the organization's own tenant use server-to-server authentication.";
        ctx.report({
          at: w.at,
          message: `Exchange Online is reached only with server-to-server authentication; ${connLabel(p, w.conn)} of type ${p.serverType} uses ${w.auth}.${why}`,
          related: [{ at: [...p.path, 'serverType'], message: `Server type ${p.serverType} set here` }],
          fixes: [
            // S2S does not reach another tenant: then not preferred.
            ctx.fix(title, joinEdits(ctx, edits), { isPreferred: !other }),
            other && p.serverType === 'exchangeOnline' && plan.baseline === 'd365-9' && p.mailSystem ? useAzureAdOAuthFix(ctx, p, p.mailSystem) : undefined,
          ],
        });
      }
    }
  },
});
