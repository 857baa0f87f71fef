import { defineRule } from './define';
import { BASELINE_VERSIONS } from './support/topology';
import { BASELINE_VERSION } from '../model';
import { BASELINES } from '../types';

export default defineRule({
  id: 'baseline-version-mismatch',
  set: 'extended',
  severity: 'warning',
  hasFix: true,
  summary: "organization.crmVersion lies outside the plan's baseline.",
  docs: `\`baseline\` picks the rulebook (which supported-configuration matrix and severities apply) and
\`crmVersion\` names the CRM build; version thresholds in the rules read \`crmVersion\`. They
should agree: \`crm2016\` covers 8.0 and 8.1, \`d365-8.2\` covers 8.2, and \`d365-9\` covers 9.0,
9.1 and 9.2 (9.2 exists only online). When they disagree, the rules of the written baseline are
applied to a build of another era, which is rarely what was meant.

Which of the two keys is wrong only the author knows, and both fixes change the rulebook or the
version the rules read, so both are unsafe and none is preferred.

### Invalid

\`\`\`yaml
version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "8.2"
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.0"
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: this tool (keeps the two version keys consistent).`,
  check(ctx) {
    const plan = ctx.plan;
    if (!plan.crmVersionWritten) return;
    // A written baseline with a schema finding is unknown; comparing against the crm2016
    // fallback would only cascade from that finding.
    if (ctx.has(['baseline']) && !ctx.known(['baseline'])) return;
    if (BASELINE_VERSIONS[plan.baseline].includes(plan.crmVersion)) return;
    // The baseline whose range covers the written version.
    const covering = BASELINES.find((b) => BASELINE_VERSIONS[b].includes(plan.crmVersion));
    const own = BASELINE_VERSION[plan.baseline];
    ctx.report({
      at: ['organization', 'crmVersion'],
      message: `crmVersion ${plan.crmVersion} does not belong to baseline ${plan.baseline}; rules for ${plan.baseline} are applied.`,
      related: [{ at: ['baseline'], message: `Baseline ${plan.baseline} set here` }],
      fixes: [
        // Both unsafe (baseline, version): none is preferred.
        covering && ctx.fix(`Set baseline to ${covering}`, [ctx.edit.set(['baseline'], covering)], { unsafe: true }),
        ctx.fix(`Set crmVersion to ${own}`, [ctx.edit.set(['organization', 'crmVersion'], own)], { unsafe: true }),
      ],
    });
  },
});
