import { defineRule } from './define';
import { EXISTING_SERVICE_PACKS, servicePackRank, servicePackUnknown } from './support/topology';

export default defineRule({
  id: 'exchange-service-pack-unknown',
  set: 'extended',
  severity: 'warning',
  hasFix: true,
  summary: 'An Exchange Server version and service pack pair that never existed (2013 SP2, 2016 SP1, …).',
  docs: `Exchange 2003 had service packs 1 and 2, Exchange 2007 and 2010 had 1 to 3, Exchange 2013 only
SP1, and Exchange 2016 and 2019 have none: they receive cumulative updates, which are not
service packs (write \`RTM\` or leave \`servicePack\` out). A pair that never existed is a typo
in the version or in the service pack, so crmsync cannot tell which Exchange is meant: the
version rules (\`hybrid-exchange-version\`, \`exchange-legacy-version\`,
\`onprem-exchange-version\`) skip that mail system until the pair is corrected.

The fixes offer the existing service packs of the version, nearest first. When there is a single
candidate (Exchange 2016 and 2019: \`RTM\`) it is preferred, but only if the corrected pair
draws no new error or warning: once the pair is known the version rules read it, so for example
Exchange 2019 \`RTM\` on CRM 2016 on-premises exposes \`onprem-exchange-version\`, and the fix
is then offered without being preferred.

### Invalid

\`\`\`yaml
version: 1
organization: { name: alpine-ski-house, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2013", servicePack: SP2 }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    autodiscover: true
    incoming: { authenticateUsing: windowsIntegrated }
mailboxes:
  nadia: { kind: user, emailAddress: nadia@alpineskihouse.example, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: alpine-ski-house, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2013", servicePack: SP1 }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    autodiscover: true
    incoming: { authenticateUsing: windowsIntegrated }
mailboxes:
  nadia: { kind: user, emailAddress: nadia@alpineskihouse.example, approval: approved }
\`\`\`

Source: S1, S2, S33.`,
  check(ctx) {
    for (const s of ctx.plan.mailSystems) {
      if (!s.referenced || !servicePackUnknown(s)) continue;
      const existing = EXISTING_SERVICE_PACKS[s.version!];
      const levels = existing.length === 1 ? `it has only ${existing[0]}` : `its service packs are ${existing.join(', ')}`;
      // Existing service packs, nearest first: the highest below the written one, then downwards.
      const written = servicePackRank(s.servicePack!);
      const candidates = existing.filter((sp) => written < 0 || servicePackRank(sp) < written).sort((a, b) => servicePackRank(b) - servicePackRank(a));
      ctx.report({
        at: [...s.path, 'servicePack'],
        message: `Exchange ${s.version} has no ${s.servicePack} (mail system '${s.id}'); ${levels}. Cumulative updates are not service packs.`,
        related: [{ at: [...s.path, 'version'], message: `Exchange version ${s.version} set here` }],
        fixes: candidates.map((sp) =>
          ctx.fix(`Set servicePack to ${sp}`, [ctx.edit.set([...s.path, 'servicePack'], sp)], { isPreferred: candidates.length === 1 }),
        ),
      });
    }
  },
});
