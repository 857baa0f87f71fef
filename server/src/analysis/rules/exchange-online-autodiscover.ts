import { defineRule } from './define';
import type { Path } from '../types';
import { removeTidy } from './support/edits';

export default defineRule({
  id: 'exchange-online-autodiscover',
  set: 'extended',
  severity: 'error',
  summary: 'An Exchange Online profile is written with `autodiscover: false` (the cross-tenant Azure AD OAuth profile excepted).',
  hasFix: true,
  docs: `Exchange Online moves mailboxes between servers on its own, so the EWS endpoint of a mailbox is
not fixed. Server-side synchronization finds it with Autodiscover, and the profile CRM creates for
Exchange Online ("Microsoft Exchange Online") has Autodiscover on. Microsoft's list of what is
"not recommended or supported" with Exchange Online and server-to-server authentication names
"Setting Auto Discover Server Location to No" in one list with credentials by user or queue,
credentials in the profile, impersonation and a profile type other than Exchange Online, which are
errors too: set \`autodiscover: true\` and remove the server locations. The cross-tenant profile
(\`authenticateUsing: azureAdOAuth\`) fills in its locations itself and is not checked here.

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

Source: S1, S3, S16, S27, S47.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.serverType !== 'exchangeOnline') continue;
      const at: Path = [...p.path, 'autodiscover'];
      if (!ctx.known(at) || ctx.value(at) !== false) continue;
      // The cross-tenant profile (Azure AD OAuth) is not the same-tenant S2S profile the list is
      // about; a written auth value with a finding leaves that open, so the profile is skipped.
      if (p.credentialConnections.some((c) => c.authWritten && (c.auth === undefined || c.auth === 'azureAdOAuth'))) continue;
      if (p.useSameSettingsForOutgoing === undefined) continue;
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
