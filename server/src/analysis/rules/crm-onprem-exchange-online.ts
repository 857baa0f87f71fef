import { defineRule } from './define';
import { onpremExchangeOnline, versionRelated } from './support/topology';
import { baselineChange } from './support/edits';

export default defineRule({
  id: 'crm-onprem-exchange-online',
  set: 'core',
  // Not `null` on d365-8.2 / d365-9: a crmVersion written below 8.2 is still reported there,
  // and every finding carries its own severity (docs/rules.md#crm-onprem-exchange-online).
  severity: 'error',
  severityNote: 'follows crmVersion, not the baseline: error for 8.0, warning for 8.1, not reported from 8.2; on d365-8.2 and d365-9 only when crmVersion is written below 8.2',
  hasFix: true,
  summary: 'On-premises CRM 8.0 (error) or 8.1 (warning) has a profile for an Exchange Online mail system.',
  docs: `CRM 2016 on-premises (8.0) cannot synchronize with Exchange Online through server-side
synchronization; in that era the Email Router was the fallback. The on-premises to Exchange
Online connection is the Exchange Online (Hybrid) profile, which needs Dynamics 365 8.2 or later
(with IFD, the Hybrid Connector and an S2S certificate). The CRM 2016-era documentation already
lists the combination, so on 8.1 this is a warning: confirm that your build supports it. The
check follows the effective \`crmVersion\`, so it also applies on a newer baseline when
\`crmVersion\` is written below 8.2.

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
baseline: d365-8.2
organization:
  name: adatum
  deployment: onPremises
  crmVersion: "8.2"
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

Source: S0, S4, S5, S9.`,
  check(ctx) {
    const plan = ctx.plan;
    // Fix 1 candidates: Exchange Server mail systems the profile could name instead.
    const candidates = plan.mailSystems.filter((s) => s.kind === 'exchangeServer');
    const plan82 = baselineChange(ctx, 'd365-8.2', '8.2');
    for (const p of plan.profiles) {
      const flag = onpremExchangeOnline(plan, p);
      if (flag !== 'error' && flag !== 'warning') continue;
      const ms = p.mailSystem!;
      ctx.report({
        at: [...p.path, 'mailSystem'],
        severity: flag,
        message:
          flag === 'error'
            ? `CRM ${plan.crmVersion} on-premises cannot synchronize with Exchange Online (profile '${p.id}'). That needs the Exchange Online (Hybrid) profile of Dynamics 365 8.2 or later, or the Email Router.`
            : `Exchange Online support for on-premises CRM arrived with the 2016 updates; confirm that your ${plan.crmVersion} build supports it (profile '${p.id}'), or plan for 8.2.`,
        related: [
          { at: ['organization', 'deployment'], message: 'On-premises deployment set here' },
          { at: [...ms.path, 'kind'], message: `Mail system '${ms.id}' is Exchange Online` },
          ...versionRelated(plan),
        ],
        fixes: [
          ...candidates.map((s) =>
            ctx.fix(`Set mailSystem to ${s.id}`, [ctx.edit.set([...p.path, 'mailSystem'], s.id)], { isPreferred: candidates.length === 1 }),
          ),
          // Follow-ups: profile-server-type-mismatch, exchange-online-hybrid-prerequisites.
          plan82 && ctx.fix('Plan for Dynamics 365 8.2', plan82.edits, { unsafe: true }),
          // Fix 3 (keep CRM 2016, route through the Email Router) is manual only.
        ],
      });
    }
  },
});
