import { defineRule } from './define';
import { versionRelated, versionRulesApply } from './support/topology';
import { baselineChange } from './support/edits';

export default defineRule({
  id: 'onprem-exchange-version',
  set: 'core',
  // Not `null` on d365-9: a crmVersion written below 9.0 is still reported there
  // (docs/rules.md#onprem-exchange-version). Exchange 2010 findings carry their own severity (warning).
  severity: 'error',
  severityNote: 'error for Exchange 2019, warning for Exchange 2010; follows crmVersion, so on d365-9 only when crmVersion is written below 9.0',
  hasFix: true,
  summary: 'On-premises CRM before 9.0 with Exchange 2019 (error) or Exchange 2010 (warning).',
  docs: `CRM on-premises before 9.0 supports Exchange Server 2013 and 2016. Exchange 2019 is supported only
from 9.0, so an 8.x plan with Exchange 2019 is an error. Exchange 2010 is listed for the 9.x
on-premises versions but not in the 8.x matrix, so it is a warning on 8.x: confirm that it works
with your build, or plan an upgrade. The check follows the effective \`crmVersion\`, so it also
applies on the d365-9 baseline when \`crmVersion\` is written below 9.0.

The fixes (the d365-9 baseline, or another Exchange version) describe an upgrade of CRM or of
Exchange, so all are unsafe and none is preferred.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: trey-research
  deployment: onPremises
  crmVersion: "8.1"
mailSystems:
  exch2019: { kind: exchangeServer, version: "2019" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch2019
    incoming:
      serverLocation: https://mail.trey.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
mailboxes:
  rita: { kind: user, emailAddress: rita@trey.example, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: d365-9
organization:
  name: trey-research
  deployment: onPremises
  crmVersion: "9.0"
mailSystems:
  exch2019: { kind: exchangeServer, version: "2019" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch2019
    incoming:
      serverLocation: https://mail.trey.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
mailboxes:
  rita: { kind: user, emailAddress: rita@trey.example, approval: approved }
\`\`\`

Source: S1, S2, S4.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.deployment !== 'onPremises' || plan.crmVersionNumber >= 9.0) return;
    for (const s of plan.mailSystems) {
      // Skips pairs flagged by exchange-service-pack-unknown (docs/plan-format.md#unknown-values).
      if (!versionRulesApply(s)) continue;
      if (s.version === '2019') {
        const to9 = baselineChange(ctx, 'd365-9', '9.0');
        ctx.report({
          at: [...s.path, 'version'],
          severity: 'error',
          message: `Exchange 2019 needs CRM 9.0 or later (mail system '${s.id}', CRM ${plan.crmVersion} on-premises).`,
          related: versionRelated(plan),
          // None is preferred; both change what the plan describes.
          fixes: [
            to9 && ctx.fix(to9.title, to9.edits, { unsafe: true }),
            ctx.fix('Set version to 2016', [ctx.edit.set([...s.path, 'version'], '2016')], { unsafe: true }),
          ],
        });
      } else if (s.version === '2010') {
        ctx.report({
          at: [...s.path, 'version'],
          severity: 'warning',
          message: `Exchange 2010 is not listed for CRM ${plan.crmVersion} on-premises; only for 9.x (mail system '${s.id}').`,
          related: versionRelated(plan),
          // Describes an upgrade of Exchange: not preferred, unsafe.
          fixes: [ctx.fix('Set version to 2013', [ctx.edit.set([...s.path, 'version'], '2013')], { unsafe: true })],
        });
      }
    }
  },
});
