import { defineRule } from './define';
import type { Path } from '../types';

export default defineRule({
  id: 'exchange-location-missing',
  set: 'core',
  severity: 'error',
  summary: 'An Exchange profile has Autodiscover off and no incoming server location.',
  hasFix: true,
  docs: `An Exchange profile finds the EWS endpoint of each mailbox either with Autodiscover or from a
fixed server location, an EWS URL such as \`https://mail.contoso.com/EWS/Exchange.asmx\`. With
Autodiscover off (the default for Exchange Server and Exchange Server (Hybrid)) and no
\`incoming.serverLocation\`, server-side synchronization has nowhere to connect and every mailbox of
the profile fails. The outgoing connection uses the incoming location unless it has its own.

### Invalid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    autodiscover: false
    incoming:
      authenticateUsing: windowsIntegrated
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    autodiscover: true
    incoming:
      authenticateUsing: windowsIntegrated
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S6, S7, S17.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.family !== 'EX' || p.autodiscover !== false) continue;
      const incoming: Path = [...p.path, 'incoming'];
      if (!p.incoming.written || !ctx.known(incoming)) continue;
      if (ctx.has([...incoming, 'serverLocation'])) continue;
      const autodiscover = p.autodiscoverWritten ? 'autodiscover: false' : `Autodiscover off by default for ${p.serverType}`;
      ctx.report({
        fixes: [
          ctx.fix('Set autodiscover to true', [ctx.edit.set([...p.path, 'autodiscover'], true)], { isPreferred: true }),
          ctx.fix('Set incoming.serverLocation to ""', [ctx.edit.set([...incoming, 'serverLocation'], '')]),
        ],
        ...(p.autodiscoverWritten ? { at: [...p.path, 'autodiscover'], part: 'value' as const } : { at: incoming, part: 'key' as const }),
        message: `Without Autodiscover the profile needs an EWS server location (profile '${p.id}': ${autodiscover}, no incoming.serverLocation).`,
      });
    }
  },
});
