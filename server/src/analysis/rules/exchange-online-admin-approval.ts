import { defineRule } from './define';
import type { Path } from '../types';
import { writtenValue } from './support/logic';

/** The two approval switches, in the order of the plan format, and how the message names them. */
const SWITCHES: readonly (readonly [Path, string])[] = [
  [['systemSettings', 'approval', 'users'], 'users'],
  [['systemSettings', 'approval', 'queues'], 'queues'],
];

export default defineRule({
  id: 'exchange-online-admin-approval',
  set: 'extended',
  severity: 'info',
  summary: 'User or queue approval is switched off, but Exchange Online addresses still need the approval of a Microsoft 365 administrator.',
  docs: `Switching off "Process emails only for approved users" (or "… approved queues") removes CRM's own
approval requirement, but the Microsoft Exchange Online (server-to-server) profile keeps a second
one: "If you are using the Microsoft Exchange Online profile, email addresses must still be
approved by an Office 365 global administrator." Today that is a user who holds the Microsoft 365
Global administrator role (or, from version 9.1.0.5805, the Exchange administrator role) and also
the CRM System Administrator role. Dataverse records this approval on the mailbox
(\`approvedByExchangeOnlineAdmin\`). Plan for that approval step before running Test & Enable. Each
switch written \`false\` gets its own finding.

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

Source: S17, S27, S47.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.deployment !== 'online') return;
    if (!plan.profiles.some((p) => plan.usedProfileIds.has(p.id) && p.serverType === 'exchangeOnline')) return;
    for (const [switchPath, who] of SWITCHES) {
      if (writtenValue(ctx, switchPath) !== false) continue;
      ctx.report({
        at: switchPath,
        message: `Even with approval switched off for ${who}, each Exchange Online address must still be approved by a Microsoft 365 administrator: a Global administrator (or, from 9.1.0.5805, an Exchange administrator) who also holds the CRM System Administrator role.`,
      });
    }
  },
});
