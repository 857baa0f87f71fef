import { defineRule } from './define';
import { credentialKeyPath, rejectsAuth, writtenAuths } from './support/auth';
import { connLabel, joinParts } from './support/wording';
import { joinEdits } from './support/edits';

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
Windows Integrated Authentication on-premises do not work; set \`authenticateUsing:
serverToServer\` and remove the user name, password and impersonation. Anonymous access and
Windows authentication in CRM Online are reported by their own rules instead.

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

Source: S1, S3, S9, S16.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      for (const w of writtenAuths(p)) {
        if (rejectsAuth(ctx.plan, p, w, 'exchange-online-requires-s2s') !== true) continue;
        // Set serverToServer and drop the keys S2S does not read from that connection.
        const drop = (['username', 'password', 'useImpersonation', 'mfa'] as const).filter((k) => ctx.has(credentialKeyPath(w.conn, k)));
        const title = `Set authenticateUsing to serverToServer${drop.length ? ` and remove ${joinParts(drop)}` : ''}`;
        const edits = [ctx.edit.set(w.at, 'serverToServer'), ...drop.map((k) => ctx.edit.remove(credentialKeyPath(w.conn, k)))];
        ctx.report({
          at: w.at,
          message: `Exchange Online is reached only with server-to-server authentication; ${connLabel(p, w.conn)} of type ${p.serverType} uses ${w.auth}.`,
          related: [{ at: [...p.path, 'serverType'], message: `Server type ${p.serverType} set here` }],
          fixes: [ctx.fix(title, joinEdits(ctx, edits), { isPreferred: true })],
        });
      }
    }
  },
});
