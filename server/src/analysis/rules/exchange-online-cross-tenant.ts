import { defineRule } from './define';
import { namingProfilesRelated, profilesNaming } from './support/topology';

export default defineRule({
  id: 'exchange-online-cross-tenant',
  set: 'core',
  severity: 'error',
  hasFix: true,
  summary: 'CRM Online uses an Exchange Online mail system of another Office 365 tenant.',
  docs: `CRM Online synchronizes with Exchange Online through server-to-server authentication, and that
trust exists only inside one Office 365 tenant: the Exchange Online mail system must have the
organization's own \`tenantId\`. Later versions offer limited cross-tenant support, but only
through a cross-tenant Azure AD OAuth profile that this plan format cannot describe; every
cross-tenant plan it can express is unsupported, on every baseline.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: fourth-coffee
  deployment: online
  tenantId: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
mailSystems:
  exo-partner: { kind: exchangeOnline, tenantId: 6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0 }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo-partner
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  ivan: { kind: user, emailAddress: ivan@fourthcoffee.example, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: fourth-coffee
  deployment: online
  tenantId: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  ivan: { kind: user, emailAddress: ivan@fourthcoffee.example, approval: approved }
\`\`\`

Source: S0, S1, S3, S27.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.deployment !== 'online') return;
    const orgTenantPath = ['organization', 'tenantId'];
    const orgTenant = ctx.value(orgTenantPath);
    if (typeof orgTenant !== 'string' || !ctx.known(orgTenantPath)) return;
    for (const s of plan.mailSystems) {
      if (!s.referenced || s.kind !== 'exchangeOnline' || s.tenantId === undefined) continue;
      if (s.tenantId.toLowerCase() === orgTenant.toLowerCase()) continue;
      // Fix 1: another Exchange Online mail system in the organization's tenant.
      const own = plan.mailSystems.filter((s2) => s2 !== s && s2.kind === 'exchangeOnline' && s2.tenantId?.toLowerCase() === orgTenant.toLowerCase());
      const naming = profilesNaming(plan, s);
      const later = plan.baseline === 'd365-9' ? ' The cross-tenant OAuth profile of later versions is outside this plan format.' : '';
      ctx.report({
        at: [...s.path, 'tenantId'],
        message: `Mail system '${s.id}' is in tenant ${s.tenantId}, not in the organization's tenant ${orgTenant}: CRM Online synchronizes with Exchange Online only in its own Office 365 tenant through server-to-server authentication.${later}`,
        related: [{ at: orgTenantPath, message: 'CRM Online tenant set here' }, ...namingProfilesRelated(plan, s)],
        fixes: [
          // Preferred; with several candidates none is (choosing one would be arbitrary).
          ...own.map((s2) =>
            ctx.fix(`Set mailSystem to ${s2.id}`, naming.map((q) => ctx.edit.set([...q.path, 'mailSystem'], s2.id)), { isPreferred: own.length === 1 }),
          ),
          // Right only when the id was mistyped.
          ctx.fix(`Set tenantId to ${orgTenant}`, [ctx.edit.set([...s.path, 'tenantId'], orgTenant)]),
        ],
      });
    }
  },
});
