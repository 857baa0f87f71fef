import { defineRule, type RelatedSpec, type RuleContext } from './define';
import type { MailSystemModel, PlanModel, ProfileModel } from '../model';
import type { Fix, Path, TextEdit } from '../types';
import { crossTenant } from './support/auth-options';
import { useAzureAdOAuthFix } from './support/modern-auth';
import { namingProfilesRelated, profilesNaming } from './support/topology';
import { joinEdits } from './support/edits';
import { joinParts } from './support/wording';

/**
 * `P` is an *OAuth profile* of its mail system (docs/rules.md#exchange-online-cross-tenant): an
 * `exchangeOnline` profile on baseline d365-9 whose every written auth value is `azureAdOAuth`.
 * Undefined when that depends on an unknown value (server type, an authenticateUsing with a
 * finding or missing, useSameSettingsForOutgoing).
 */
function isOAuthProfile(plan: PlanModel, p: ProfileModel): boolean | undefined {
  if (p.serverType === undefined) return undefined;
  if (p.serverType !== 'exchangeOnline' || plan.baseline !== 'd365-9') return false;
  let unknown = p.useSameSettingsForOutgoing === undefined;
  for (const c of p.credentialConnections) {
    // authenticateUsing is required in every credential connection: absent or with a finding, it is unknown.
    if (!c.authWritten || c.auth === undefined) unknown = true;
    else if (c.auth !== 'azureAdOAuth') return false;
  }
  return unknown ? undefined : true;
}

/** Tenant ids compare as GUIDs: case-insensitively. */
const sameTenant = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export default defineRule({
  id: 'exchange-online-cross-tenant',
  set: 'core',
  severity: 'error',
  severityNote: 'on d365-9 a warning (limited support) when every profile for the other tenant is an Exchange Online profile with Azure AD OAuth that names that tenant',
  hasFix: true,
  summary: 'CRM Online uses Exchange Online of another tenant: an error, except through Azure AD OAuth profiles on d365-9 (a warning: limited support).',
  docs: `CRM Online synchronizes with Exchange Online through server-to-server authentication, and that
trust exists only inside one Microsoft 365 tenant. Until Dynamics 365 (online) v9 no way across
tenants existed, so on \`crm2016\` and \`d365-8.2\` an Exchange Online mail system with another
\`tenantId\` than the organization's is an error. On \`d365-9\` an Exchange Online profile can
reach another tenant with Azure AD OAuth ("Oauth (Cross Tenant)"): an app registration in that
tenant, its Application ID and a client secret (\`oauth\`), and the tenant's id typed into the
profile (\`useDefaultTenantId: false\`, \`exchangeOnlineTenantId\`). The rule reports:

- an error when a profile for the other tenant signs in any other way (server-to-server,
  passwords), or is not an Exchange Online profile, or the baseline is not \`d365-9\`;
- an error when an Azure AD OAuth profile does not name the other tenant;
- otherwise a warning: Microsoft gives this only limited support (its documentation is
  pre-release, and a 2023 troubleshooting page still calls another tenant "currently not
  supported"). Dynamics 365 App for Outlook is not supported, and mailboxes must be approved by a
  Global admin or an Exchange admin of the primary tenant.

The fix "Use Azure AD OAuth" inserts an \`oauth\` client whose \`applicationId\` is a placeholder
and whose secret reference is \`env:CRMSYNC_<PROFILE>_CLIENT_SECRET\`; it is never preferred.
Pointing the profiles to another mail system or changing the mail system's tenant id are unsafe
fixes (right only when the id was mistyped).

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

\`\`\`yaml
version: 1
baseline: d365-9
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
    oauth:
      applicationId: 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0
      clientSecret: { secretRef: "env:CRMSYNC_EXO_CLIENT_SECRET" }
    incoming: { authenticateUsing: azureAdOAuth }
mailboxes:
  ivan: { kind: user, emailAddress: ivan@fourthcoffee.example, approval: approved, approvedByExchangeOnlineAdmin: true }
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

Source: S0, S1, S3, S27, S35, S47.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.deployment !== 'online' || plan.tenantId === undefined) return;
    const orgTenant = plan.tenantId;
    const orgTenantPath: Path = ['organization', 'tenantId'];
    for (const s of plan.mailSystems) {
      if (!s.referenced || crossTenant(plan, s) !== true) continue;
      const tenant = s.tenantId!;
      const naming = profilesNaming(plan, s);
      const status = naming.map((p) => ({ p, oauth: isOAuthProfile(plan, p) }));
      const related: RelatedSpec[] = [{ at: orgTenantPath, message: `CRM Online tenant ${orgTenant} set here` }, ...namingProfilesRelated(plan, s)];
      const tenantAt: Path = [...s.path, 'tenantId'];

      // (a) some profile for the other tenant is not an OAuth profile of it.
      const others = status.filter((x) => x.oauth === false).map((x) => x.p);
      if (others.length) {
        ctx.report({
          at: tenantAt,
          message:
            plan.baseline === 'd365-9'
              ? `Mail system '${s.id}' is in another tenant (${tenant}) than the organization (${orgTenant}). CRM Online reaches Exchange Online of another tenant only through an Exchange Online profile with Azure AD OAuth (Dynamics 365 online, d365-9); server-to-server authentication works only in the organization's own tenant.`
              : `Mail system '${s.id}' is in another tenant (${tenant}) than the organization (${orgTenant}). Exchange Online of another tenant is not supported on ${plan.baseline}: server-to-server authentication works only in the organization's own tenant.`,
          related,
          fixes: crossTenantFixes(ctx, s, naming, others),
        });
      }

      // (b) an OAuth profile that does not name the other tenant.
      for (const { p, oauth } of status) {
        if (oauth !== true) continue;
        const missing = tenantNotNamed(ctx, p, tenant);
        if (missing === undefined || !missing.length) continue;
        const udt: Path = [...p.path, 'useDefaultTenantId'];
        const eot: Path = [...p.path, 'exchangeOnlineTenantId'];
        const place = ctx.has(eot) ? { at: eot } : ctx.has(udt) ? { at: udt } : { at: p.path, part: 'key' as const };
        const edits: (TextEdit | undefined)[] = [];
        const parts: string[] = [];
        for (const k of missing) {
          if (k === 'useDefaultTenantId') {
            parts.push('useDefaultTenantId to false');
            edits.push(ctx.edit.set(udt, false));
          } else {
            parts.push(`exchangeOnlineTenantId to ${tenant}`);
            edits.push(ctx.edit.set(eot, tenant));
          }
        }
        ctx.report({
          ...place,
          message: `Profile '${p.id}' signs in to the other tenant with Azure AD OAuth, so it must name that tenant: useDefaultTenantId false and exchangeOnlineTenantId ${tenant}.`,
          related: [...related, { at: tenantAt, message: `Mail system '${s.id}' is in tenant ${tenant}` }],
          fixes: [ctx.fix(`Set ${joinParts(parts)}`, joinEdits(ctx, edits), { isPreferred: true })],
        });
      }

      // (c) every profile for the other tenant is an OAuth profile of it: limited support.
      if (status.every((x) => x.oauth === true)) {
        ctx.report({
          at: tenantAt,
          severity: 'warning',
          message: `Mail system '${s.id}' is Exchange Online of another tenant, reached through Azure AD OAuth, which has limited support (pre-release): Dynamics 365 App for Outlook is not supported, and mailboxes must be approved by a Global admin or an Exchange admin of the primary tenant.`,
          related,
        });
      }
    }
  },
});

/**
 * (b): which of `useDefaultTenantId: false` and `exchangeOnlineTenantId: <tenant>` profile `P`
 * lacks; undefined when either key is written with a finding.
 */
function tenantNotNamed(ctx: RuleContext, p: ProfileModel, tenant: string): ('useDefaultTenantId' | 'exchangeOnlineTenantId')[] | undefined {
  const udt: Path = [...p.path, 'useDefaultTenantId'];
  const eot: Path = [...p.path, 'exchangeOnlineTenantId'];
  if (!ctx.known(udt) || !ctx.known(eot)) return undefined;
  const out: ('useDefaultTenantId' | 'exchangeOnlineTenantId')[] = [];
  if (ctx.value(udt) !== false) out.push('useDefaultTenantId');
  const written = ctx.value(eot);
  if (typeof written !== 'string' || !sameTenant(written, tenant)) out.push('exchangeOnlineTenantId');
  return out;
}

/**
 * (a)'s fixes: "Use Azure AD OAuth" on each Exchange Online profile that is not an OAuth profile
 * (d365-9 only; placeholders, so not preferred); re-point every profile to a mail system of the
 * organization's own tenant (unsafe); set the mail system's tenant id to the organization's
 * (unsafe, right only for a typo).
 */
function crossTenantFixes(ctx: RuleContext, s: MailSystemModel, naming: readonly ProfileModel[], others: readonly ProfileModel[]): (Fix | undefined)[] {
  const plan = ctx.plan;
  const orgTenant = plan.tenantId!;
  const fixes: (Fix | undefined)[] = [];
  if (plan.baseline === 'd365-9') {
    const candidates = others.filter((p) => p.serverType === 'exchangeOnline');
    for (const p of candidates) {
      const fix = useAzureAdOAuthFix(ctx, p, s);
      fixes.push(fix && candidates.length > 1 ? ctx.fix(`${fix.title} (profile '${p.id}')`, fix.edits) : fix);
    }
  }
  const own = plan.mailSystems.filter((s2) => s2 !== s && s2.kind === 'exchangeOnline' && s2.tenantId !== undefined && sameTenant(s2.tenantId, orgTenant));
  for (const s2 of own) {
    fixes.push(ctx.fix(`Set mailSystem to ${s2.id}`, naming.map((q) => ctx.edit.set([...q.path, 'mailSystem'], s2.id)), { unsafe: true }));
  }
  fixes.push(ctx.fix(`Set tenantId to ${orgTenant}`, [ctx.edit.set([...s.path, 'tenantId'], orgTenant)], { unsafe: true }));
  return fixes;
}
