import { defineRule } from './define';
import { LEGACY_EXCHANGE_VERSIONS, namingProfilesRelated, servicePackRank, versionRulesApply } from './support/topology';
import { baselineChange, upgradeTo2013Sp1 } from './support/edits';
import type { Baseline, Fix } from '../types';

/** Exchange Server versions CRM Online supports through Exchange Server (Hybrid), with the lowest service pack. */
const SUPPORTED: Record<Baseline, { min: Readonly<Record<string, string>>; list: string }> = {
  crm2016: { min: { '2010': 'SP3', '2013': 'SP1', '2016': 'RTM' }, list: '2010 SP3, 2013 SP1 or later, 2016' },
  'd365-8.2': { min: { '2010': 'SP3', '2013': 'SP1', '2016': 'RTM' }, list: '2010 SP3, 2013 SP1 or later, 2016' },
  'd365-9': { min: { '2013': 'SP1', '2016': 'RTM', '2019': 'RTM' }, list: '2013 SP1 or later, 2016, 2019' },
};

export default defineRule({
  id: 'hybrid-exchange-version',
  set: 'core',
  severity: 'error',
  hasFix: true,
  summary: 'CRM Online uses an Exchange Server version or service pack that Exchange Server (Hybrid) does not support.',
  docs: `CRM Online reaches Exchange Server on-premises through an Exchange Server (Hybrid) profile, which
supports only some Exchange versions: 2010 SP3, 2013 SP1 or later and 2016 on the CRM 2016 and
Dynamics 365 8.2 baselines; 2013 SP1 or later, 2016 and 2019 on Dynamics 365 v9, where 2010 was
dropped. A \`servicePack\` left out means RTM, so \`version: "2013"\` alone is Exchange 2013 RTM,
which the hybrid does not support. Exchange 2003 and 2007 are reported by
\`exchange-legacy-version\`.

Every fix describes an upgrade of Exchange or another product era (a higher service pack or
version, or the d365-9 baseline), so all are unsafe and none is preferred: only the author knows
which Exchange really runs.

Exchange Hybrid Modern Auth (\`exchangeHybridModernAuth\`) also needs Exchange 2013 CU19 or
later, or Exchange 2016 CU8 or later. The plan records service packs, not cumulative updates, so
no rule checks that; the hover on the value says so.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: northwind
  deployment: online
  tenantId: 9d0e51a2-7c44-4f31-8b3e-61c2f0a9d7b4
mailSystems:
  exch: { kind: exchangeServer, version: "2013" }
systemSettings:
  defaults: { serverProfile: exch-hybrid }
serverProfiles:
  exch-hybrid:
    serverType: exchangeServerHybrid
    mailSystem: exch
    autodiscover: true
    incoming:
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@northwind.com
      password: { secretRef: "env:NORTHWIND_SVC_PWD" }
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
  exch: { kind: exchangeServer, version: "2013", servicePack: SP1 }
systemSettings:
  defaults: { serverProfile: exch-hybrid }
serverProfiles:
  exch-hybrid:
    serverType: exchangeServerHybrid
    mailSystem: exch
    autodiscover: true
    incoming:
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@northwind.com
      password: { secretRef: "env:NORTHWIND_SVC_PWD" }
mailboxes:
  carol: { kind: user, emailAddress: carol@northwind.com, approval: approved }
\`\`\`

Source: S0, S1, S3, S6, S28, S37.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.deployment !== 'online') return;
    const supported = SUPPORTED[plan.baseline];
    for (const s of plan.mailSystems) {
      // Skips pairs flagged by exchange-service-pack-unknown (docs/plan-format.md#unknown-values).
      if (!versionRulesApply(s) || LEGACY_EXCHANGE_VERSIONS.includes(s.version) || s.servicePack === undefined) continue;
      const min = supported.min[s.version];
      if (min !== undefined && servicePackRank(s.servicePack) >= servicePackRank(min)) continue;
      const spTooLow = min !== undefined;
      const onlyRtm = s.version === '2016' || s.version === '2019';
      const sp = onlyRtm ? '' : ` ${s.servicePack}`;
      const implicit = !onlyRtm && !s.servicePackWritten ? '; no servicePack written means RTM' : '';
      // All unsafe (fix-safety.ts): they describe an upgrade of Exchange or another product era.
      const fixes: (Fix | undefined)[] = [];
      if (spTooLow) {
        fixes.push(ctx.fix(`Set servicePack to ${min}`, [ctx.edit.set([...s.path, 'servicePack'], min)], { unsafe: true }));
      } else if (s.version === '2010') {
        // 2010 on d365-9: describes an upgrade of Exchange.
        fixes.push(upgradeTo2013Sp1(ctx, s));
      } else if (s.version === '2019') {
        // 2019 on crm2016 / d365-8.2: neither fix is preferred, both are unsafe.
        const to9 = baselineChange(ctx, 'd365-9', '9.0');
        fixes.push(to9 && ctx.fix(to9.title, to9.edits, { unsafe: true }));
        fixes.push(ctx.fix('Set version to 2016', [ctx.edit.set([...s.path, 'version'], '2016')], { unsafe: true }));
      }
      ctx.report({
        at: [...s.path, spTooLow && s.servicePackWritten ? 'servicePack' : 'version'],
        message: `Exchange ${s.version}${sp} (mail system '${s.id}'${implicit}) is not supported for CRM Online with Exchange Server (Hybrid) on ${plan.baseline}; supported: ${supported.list}.`,
        related: [{ at: ['organization', 'deployment'], message: 'CRM Online set here' }, ...namingProfilesRelated(plan, s)],
        fixes,
      });
    }
  },
});
