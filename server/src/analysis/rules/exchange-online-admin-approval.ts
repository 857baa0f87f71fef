import { defineRule } from './define';
import type { Path } from '../types';
import { quoteIds } from './support/wording';
import { writtenValue } from './support/logic';

const USERS: Path = ['systemSettings', 'approval', 'users'];

export default defineRule({
  id: 'exchange-online-admin-approval',
  set: 'extended',
  severity: 'info',
  summary: 'User approval is switched off, but Exchange Online addresses still need the approval of an Office 365 global administrator.',
  docs: `Switching off "Process emails only for approved users" removes CRM's own approval requirement,
but the Microsoft Exchange Online (server-to-server) profile keeps a second one: each mailbox
address must still be approved by an Office 365 global administrator (later documentation: an
Exchange administrator who is also a CRM system administrator). Plan for that approval step
before running Test & Enable.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default, appointmentsContactsTasks: serverSideSync }
  approval: { users: false }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default, appointmentsContactsTasks: serverSideSync }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S17, S27.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.deployment !== 'online') return;
    if (writtenValue(ctx, USERS) !== false) return;
    const exo = plan.profiles.filter((p) => plan.usedProfileIds.has(p.id) && p.serverType === 'exchangeOnline');
    if (exo.length === 0) return;
    const ids = exo.map((p) => p.id);
    ctx.report({
      at: USERS,
      message: `Even with approval switched off, each Exchange Online address (${ids.length === 1 ? 'profile' : 'profiles'} ${quoteIds(ids)}) must still be approved by an Office 365 global administrator.`,
      related: exo.map((p) => ({ at: [...p.path, 'serverType'], message: `Exchange Online profile '${p.id}' used here` })),
    });
  },
});
