import { defineRule } from './define';

const DIRECTIONS = [
  ['incoming', 'incoming email'],
  ['outgoing', 'outgoing email'],
  ['act', 'appointments, contacts and tasks'],
] as const;

export default defineRule({
  id: 'mailbox-test-failed',
  set: 'core',
  scope: 'mailbox',
  severity: 'warning',
  summary: "The mailbox's last Test & Enable failed for incoming email, outgoing email or ACT.",
  docs: `\`status\` records the result of the last Test & Enable of a mailbox. A failure is a permanent
error: CRM leaves the mailbox disabled for that direction (incoming email, outgoing email, or
appointments, contacts and tasks) until someone fixes the cause, approves the address again if
needed, and runs Test & Enable again. Each failed direction is reported.
An inactive mailbox (\`active: false\`) is not reported: it is not synchronized.

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
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice:
    kind: user
    regarding: Alice Ng
    emailAddress: alice@contoso.com
    approval: approved
    status: { incoming: success, outgoing: success, act: failure }
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
  alice:
    kind: user
    regarding: Alice Ng
    emailAddress: alice@contoso.com
    approval: approved
    status: { incoming: success, outgoing: success, act: success }
\`\`\`

Source: S0, S17, S18.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if (m.active !== true) continue;
      for (const [key, label] of DIRECTIONS) {
        const at = [...m.path, 'status', key];
        if (ctx.value(at) !== 'failure' || !ctx.known(at)) continue;
        ctx.report({
          at,
          message: `The last Test & Enable of mailbox '${m.id}' failed for ${label}, so it stays disabled. Fix the cause, approve the address again if needed, then run Test & Enable.`,
        });
      }
    }
  },
});
