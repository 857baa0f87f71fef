import { defineRule } from './define';
import type { Path } from '../types';

export default defineRule({
  id: 'exchange-location-missing',
  set: 'core',
  severity: 'error',
  summary: 'An Exchange profile has no incoming server location while Autodiscover is off or it signs in with Exchange Hybrid Modern Auth.',
  hasFix: true,
  docs: `An Exchange profile finds the EWS endpoint of each mailbox either with Autodiscover or from a
fixed server location, an EWS URL such as \`https://mail.contoso.com/EWS/Exchange.asmx\`. With
Autodiscover off (the default for Exchange Server and Exchange Server (Hybrid)) and no
\`incoming.serverLocation\`, server-side synchronization has nowhere to connect and every mailbox of
the profile fails. The outgoing connection uses the incoming location unless it has its own.

Exchange Hybrid Modern Auth (\`authenticateUsing: exchangeHybridModernAuth\`) needs the location
whatever Autodiscover says: with HMA the EWS location and port are entered by hand, and the EWS URL
of the Exchange server, reachable from Dynamics 365, is one of HMA's inputs. Switching Autodiscover
on is therefore offered only without HMA.

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

Source: S6, S7, S17, S36, S37.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.family !== 'EX') continue;
      const incoming: Path = [...p.path, 'incoming'];
      if (!p.incoming.written || !ctx.known(incoming)) continue;
      if (ctx.has([...incoming, 'serverLocation'])) continue;
      // (a) Autodiscover off; (b) Exchange Hybrid Modern Auth, which needs the EWS URL whatever
      // Autodiscover says. A profile that meets both gets one finding, placed as for (a).
      const noAutodiscover = p.autodiscover === false;
      const hma = p.incoming.auth === 'exchangeHybridModernAuth';
      if (!noAutodiscover && !hma) continue;
      const place = noAutodiscover && p.autodiscoverWritten ? { at: [...p.path, 'autodiscover'], part: 'value' as const } : { at: incoming, part: 'key' as const };
      const placeholder = ctx.fix('Set incoming.serverLocation to ""', [ctx.edit.set([...incoming, 'serverLocation'], '')]);
      if (hma) {
        ctx.report({
          ...place,
          fixes: [placeholder],
          message: `Exchange Hybrid Modern Auth needs the EWS URL of the Exchange server, reachable from Dynamics 365 (profile '${p.id}': ${noAutodiscover && p.autodiscoverWritten ? 'autodiscover: false, ' : ''}no incoming.serverLocation).`,
        });
        continue;
      }
      const autodiscover = p.autodiscoverWritten ? 'autodiscover: false' : `Autodiscover off by default for ${p.serverType}`;
      ctx.report({
        ...place,
        fixes: [ctx.fix('Set autodiscover to true', [ctx.edit.set([...p.path, 'autodiscover'], true)], { isPreferred: true }), placeholder],
        message: `Without Autodiscover the profile needs an EWS server location (profile '${p.id}': ${autodiscover}, no incoming.serverLocation).`,
      });
    }
  },
});
