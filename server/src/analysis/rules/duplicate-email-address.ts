import { defineRule } from './define';
import type { MailboxModel } from '../model';
import { groupInDocumentOrder } from './support/places';
import { groupsOf } from '../incremental/groups';

/** Addresses are compared without letter case and surrounding spaces. */
const addressOf = (m: MailboxModel) => m.emailAddress?.trim().toLowerCase();

export default defineRule({
  id: 'duplicate-email-address',
  set: 'core',
  severity: 'error',
  summary: 'Two or more mailboxes have the same email address (ignoring case and surrounding spaces).',
  docs: `A mailbox belongs to exactly one user or queue, and one CRM mailbox maps to exactly one
mailbox on the mail server. Two mailbox records with the same address compete for the same
mail: approval, Test & Enable and processing fail or deliver to the wrong record. Addresses are
compared without regard to letter case. Every mailbox after the first one with an address is
reported.

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
  alice: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, approval: approved }
  sales: { kind: queue, regarding: Sales, emailAddress: Alice@Contoso.com, appointmentsContactsTasks: none, approval: approved }
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
  alice: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, approval: approved }
  sales: { kind: queue, regarding: Sales, emailAddress: sales@contoso.com, appointmentsContactsTasks: none, approval: approved }
\`\`\`

Source: S22.`,
  check(ctx) {
    const addresses = groupsOf(ctx.plan, addressOf, undefined);
    for (const key of addresses.repeated) {
      // The first in document order owns the address; each later one is reported.
      const [owner, ...others] = groupInDocumentOrder(ctx, addresses.get(key)!);
      for (const m of others) {
        ctx.report({
          at: [...m.path, 'emailAddress'],
          message: `Address '${m.emailAddress!.trim()}' is already used by mailbox '${owner.id}'; a mailbox belongs to exactly one user or queue.`,
          related: [{ at: [...owner.path, 'emailAddress'], message: `Used first by mailbox '${owner.id}'` }],
        });
      }
    }
  },
});
