import { defineRule } from './define';
import type { Path } from '../types';
import { removeTidy } from './support/edits';

export default defineRule({
  id: 'exchange-online-autodiscover',
  set: 'extended',
  severity: 'warning',
  summary: 'An Exchange Online profile is written with `autodiscover: false`.',
  hasFix: true,
  docs: `Exchange Online moves mailboxes between servers on its own, so the EWS endpoint of a mailbox is
not fixed. Server-side synchronization finds it with Autodiscover, and the profile CRM creates for
Exchange Online ("Microsoft Exchange Online") has Autodiscover on. Fixed server locations are
neither recommended nor supported with Exchange Online: set \`autodiscover: true\` and remove the
server locations.

### Invalid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: online, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    autodiscover: false
    incoming:
      serverLocation: https://outlook.office365.com/EWS/Exchange.asmx
      authenticateUsing: serverToServer
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: online, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    autodiscover: true
    incoming:
      authenticateUsing: serverToServer
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S1, S16.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.serverType !== 'exchangeOnline') continue;
      const at: Path = [...p.path, 'autodiscover'];
      if (!ctx.known(at) || ctx.value(at) !== false) continue;
      // Autodiscover on, and the fixed locations it replaces removed (an outgoing block that held
      // only its location goes with it, under the same title).
      const edits = [ctx.edit.set(at, true)];
      const removed: string[] = [];
      for (const dir of ['incoming', 'outgoing']) {
        const location: Path = [...p.path, dir, 'serverLocation'];
        if (!ctx.has(location)) continue;
        edits.push(removeTidy(ctx, location, p.path));
        removed.push(`${dir}.serverLocation`);
      }
      const title = `Set autodiscover to true${removed.length ? ` and remove ${removed.join(' and ')}` : ''}`;
      ctx.report({
        at,
        fixes: [ctx.fix(title, edits, { isPreferred: true })],
        message: `With Exchange Online, fixed server locations are neither recommended nor supported; use Autodiscover (profile '${p.id}').`,
      });
    }
  },
});
