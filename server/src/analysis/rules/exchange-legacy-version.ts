import { defineRule } from './define';
import { LEGACY_EXCHANGE_VERSIONS, namingProfilesRelated, versionRulesApply } from './support/topology';
import { upgradeTo2013Sp1 } from './support/edits';

export default defineRule({
  id: 'exchange-legacy-version',
  set: 'core',
  severity: 'error',
  hasFix: true,
  summary: 'A referenced mail system is Exchange 2003 or 2007, which server-side synchronization does not support.',
  docs: `Server-side synchronization works with Exchange 2010 and later (which versions exactly depends on
the deployment and the baseline). Exchange 2003 and 2007 are not supported in any deployment,
neither from CRM on-premises nor from CRM Online; mailboxes there need an Exchange upgrade or
another mail system. The fix (Exchange 2013 SP1) describes such an upgrade, so it is unsafe and
not preferred: fix-all never applies it.

### Invalid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2007", servicePack: SP3 }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2013", servicePack: SP1 }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
\`\`\`

Source: S1, S2.`,
  check(ctx) {
    const plan = ctx.plan;
    for (const s of plan.mailSystems) {
      // Skips pairs flagged by exchange-service-pack-unknown (docs/plan-format.md#unknown-values).
      if (!versionRulesApply(s) || !LEGACY_EXCHANGE_VERSIONS.includes(s.version)) continue;
      ctx.report({
        at: [...s.path, 'version'],
        message: `Exchange ${s.version} is not supported by server-side synchronization (mail system '${s.id}').`,
        related: namingProfilesRelated(plan, s),
        // Describes an upgrade of Exchange: not preferred, unsafe.
        fixes: [upgradeTo2013Sp1(ctx, s)],
      });
    }
  },
});
