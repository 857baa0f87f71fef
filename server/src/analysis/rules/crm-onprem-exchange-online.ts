import { defineRule } from './define';
import { onpremExchangeOnline, versionRelated } from './support/topology';
import { BASELINE_VERSION } from '../model';
import type { Baseline } from '../types';

/** Fix 1: the first version of each baseline's era that creates the Exchange Online (Hybrid) profile. */
const PLAN_FOR: Readonly<Record<Baseline, { version: string; title: string }>> = {
  crm2016: { version: '8.1', title: 'Plan for CRM 2016 SP1 (8.1)' },
  // On the newer baselines the rule fires only for a crmVersion written as 8.0: set the
  // baseline's own version, which also removes baseline-version-mismatch.
  'd365-8.2': { version: BASELINE_VERSION['d365-8.2'], title: `Plan for Dynamics 365 ${BASELINE_VERSION['d365-8.2']}` },
  'd365-9': { version: BASELINE_VERSION['d365-9'], title: `Plan for Dynamics 365 ${BASELINE_VERSION['d365-9']}` },
};

export default defineRule({
  id: 'crm-onprem-exchange-online',
  set: 'core',
  // Not `null` on d365-8.2 / d365-9: a crmVersion written as 8.0 is still reported there
  // (docs/rules.md#crm-onprem-exchange-online).
  severity: 'error',
  severityNote: 'follows crmVersion, not the baseline: error for 8.0, not reported from 8.1; on d365-8.2 and d365-9 only when crmVersion is written as 8.0',
  hasFix: true,
  summary: 'On-premises CRM 8.0 has a profile for an Exchange Online mail system.',
  docs: `CRM 2016 RTM (8.0) on-premises cannot synchronize with Exchange Online. The on-premises
connection to Exchange Online is the Exchange Online (Hybrid) profile, and Microsoft names
version 8.1 (CRM 2016 SP1) as the first on-premises version that can create it (with IFD, the
Hybrid Connector and an S2S certificate). The Email Router, the fallback of that era, no longer
reaches Exchange Online: it signs in with Basic authentication, which Exchange Online has
disabled. From 8.1 on this rule is silent, and the profile's type and prerequisites are checked
instead (\`profile-server-type-mismatch\`, \`exchange-online-hybrid-prerequisites\`). The
check follows the effective \`crmVersion\`, so it also applies on a newer baseline when
\`crmVersion\` is written as 8.0.

Both fixes are unsafe (they change the CRM version or the mail system the profile reaches), so
none is preferred and fix-all applies neither.

### Invalid

\`\`\`yaml
version: 1
baseline: crm2016
organization:
  name: adatum
  deployment: onPremises
  crmVersion: "8.0"
  ifd: true
  hybridConnector: true
  s2sCertificate: { thumbprint: "7A1B2C3D4E5F60718293A4B5C6D7E8F901234567" }
mailSystems:
  exo: { kind: exchangeOnline, tenantId: c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f }
systemSettings:
  defaults: { serverProfile: exo-hybrid }
serverProfiles:
  exo-hybrid:
    serverType: exchangeOnlineHybrid
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  frank: { kind: user, emailAddress: frank@adatum.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: crm2016
organization:
  name: adatum
  deployment: onPremises
  crmVersion: "8.1"
  ifd: true
  hybridConnector: true
  s2sCertificate: { thumbprint: "7A1B2C3D4E5F60718293A4B5C6D7E8F901234567" }
mailSystems:
  exo: { kind: exchangeOnline, tenantId: c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f }
systemSettings:
  defaults: { serverProfile: exo-hybrid }
serverProfiles:
  exo-hybrid:
    serverType: exchangeOnlineHybrid
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  frank: { kind: user, emailAddress: frank@adatum.com, approval: approved }
\`\`\`

Source: S0, S4, S5, S9, S34.`,
  check(ctx) {
    const plan = ctx.plan;
    // Fix 2 candidates: Exchange Server mail systems the profile could name instead.
    const candidates = plan.mailSystems.filter((s) => s.kind === 'exchangeServer');
    const target = PLAN_FOR[plan.baseline];
    for (const p of plan.profiles) {
      if (onpremExchangeOnline(plan, p) !== 'error') continue;
      const ms = p.mailSystem!;
      ctx.report({
        at: [...p.path, 'mailSystem'],
        message: `CRM ${plan.crmVersion} on-premises cannot synchronize with Exchange Online (profile '${p.id}'): the Exchange Online (Hybrid) profile needs CRM 2016 SP1 (8.1) or later, and the Email Router no longer reaches Exchange Online.`,
        related: [
          { at: ['organization', 'deployment'], message: 'On-premises deployment set here' },
          { at: [...ms.path, 'kind'], message: `Mail system '${ms.id}' is Exchange Online` },
          ...versionRelated(plan),
        ],
        // Both unsafe (version, mail system): none is preferred, fix-all applies neither.
        fixes: [
          // Follow-ups: profile-server-type-mismatch (asks for exchangeOnlineHybrid),
          // exchange-online-hybrid-prerequisites.
          ctx.fix(target.title, [ctx.edit.set(['organization', 'crmVersion'], target.version)], { unsafe: true }),
          // A different mail service; it usually exposes other errors (server type, version).
          ...candidates.map((s) => ctx.fix(`Set mailSystem to ${s.id}`, [ctx.edit.set([...p.path, 'mailSystem'], s.id)], { unsafe: true })),
        ],
      });
    }
  },
});
