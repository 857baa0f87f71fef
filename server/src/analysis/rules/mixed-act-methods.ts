import { defineRule } from './define';
import type { RelatedSpec } from './define';
import type { MailboxModel } from '../model';
import { groupsOf } from '../incremental/groups';
import { groupInDocumentOrder, inheritedDefaultRelated, methodPlace } from './support/places';

/** The ACT method of an active user mailbox: an inactive mailbox is not synchronized (an unknown `active` is skipped). */
const userActMethod = (m: MailboxModel) => (m.kind === 'user' && m.active === true ? m.appointmentsContactsTasks : undefined);

export default defineRule({
  id: 'mixed-act-methods',
  set: 'extended',
  severity: 'warning',
  hasFix: true,
  summary: 'Some user mailboxes synchronize appointments, contacts and tasks with Outlook, others with server-side synchronization.',
  docs: `Appointments, contacts and tasks (ACT) can be synchronized by the Outlook client or by
server-side synchronization. Microsoft advises against running both side by side in one
organization: when the organizer and the attendees of a meeting use different methods, the
meeting can end up out of sync between them. Move the Outlook users to server-side
synchronization (or to \`none\`). Only active user mailboxes count: an inactive mailbox is not
synchronized.

Neither fix is preferred. Moving a user to server-side ACT often exposes other findings
(\`act-requires-impersonation\` for a delegation account, \`act-non-exchange\` for a POP3/IMAP
profile, \`act-sync-org-not-primary\` when other organizations synchronize the mailbox), and
\`none\` stops ACT synchronization for that user.

### Invalid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch, appointmentsContactsTasks: serverSideSync }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@fabrikam.local
      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
  sam: { kind: user, emailAddress: sam@fabrikam.com, appointmentsContactsTasks: outlook, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch, appointmentsContactsTasks: serverSideSync }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@fabrikam.local
      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
  sam: { kind: user, emailAddress: sam@fabrikam.com, approval: approved }
\`\`\`

Source: S1, S17.`,
  check(ctx) {
    const methods = groupsOf(ctx.plan, userActMethod, undefined);
    const outlook = methods.get('outlook');
    const synced = methods.get('serverSideSync');
    if (!outlook || !synced) return;
    // The first in document order stands for server-side synchronization.
    const sss = groupInDocumentOrder(ctx, synced)[0];
    const sssPlace = methodPlace(sss, 'appointmentsContactsTasks');
    for (const m of outlook) {
      const place = methodPlace(m, 'appointmentsContactsTasks');
      // Written on the mailbox: replaced; inherited: written on this mailbox (the default stays).
      const act = [...m.path, 'appointmentsContactsTasks'];
      const related: RelatedSpec[] = [
        ...inheritedDefaultRelated(m, 'appointmentsContactsTasks', 'Default ACT method outlook set here'),
        { at: sssPlace.at, part: sssPlace.part, message: `Mailbox '${sss.id}' synchronizes ACT with server-side synchronization` },
      ];
      ctx.report({
        at: place.at,
        part: place.part,
        message: `Mailbox '${m.id}' synchronizes appointments, contacts and tasks with Outlook while mailbox '${sss.id}' uses server-side synchronization; mixing them can leave meetings out of sync between attendees.`,
        related,
        fixes: [
          // Neither is preferred: the first often exposes other findings, the second stops ACT sync.
          ctx.fix('Set appointmentsContactsTasks to serverSideSync', [ctx.edit.set(act, 'serverSideSync')]),
          ctx.fix('Set appointmentsContactsTasks to none', [ctx.edit.set(act, 'none')]),
        ],
      });
    }
  },
});
