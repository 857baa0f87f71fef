import { defineRule } from './define';
import { INTERNET_MAIL_TYPES } from '../model';
import { outlookRetired } from './support/mailboxes';
import { inheritedRelated, profileRelated } from './support/places';
import { mailboxLabel } from './support/wording';
import { setOnMailbox } from './support/edits';

const MESSAGE = 'POP3/SMTP and IMAP/SMTP cannot synchronize appointments, contacts and tasks';

export default defineRule({
  id: 'act-non-exchange',
  set: 'core',
  scope: 'mailbox',
  hasFix: true,
  severity: 'error',
  summary: 'Appointments, contacts and tasks are set to server-side synchronization through a POP3/SMTP or IMAP/SMTP profile.',
  docs: `Server-side synchronization can synchronize appointments, contacts and tasks (ACT) only with
Exchange, through EWS. POP3/SMTP and IMAP/SMTP profiles carry email only, so a mailbox whose ACT
method is Server-Side Synchronization on such a profile never gets its calendar, contacts or tasks
synchronized. The finding is on the default when mailboxes inherit both the default ACT method and
the default profile, and on the mailbox when it writes one of them itself. Set
\`appointmentsContactsTasks: none\` for POP3/IMAP mailboxes.
An inactive mailbox (\`active: false\`) is not reported: it is not synchronized.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: tailspin
  deployment: online
  tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop, appointmentsContactsTasks: serverSideSync }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@yahoo.com
    credentials: { allowUse: true, username: dan.tailspin@yahoo.com, password: { secretRef: "env:DAN_YAHOO_PWD" } }
    approval: approved
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: tailspin
  deployment: online
  tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop, appointmentsContactsTasks: none }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@yahoo.com
    credentials: { allowUse: true, username: dan.tailspin@yahoo.com, password: { secretRef: "env:DAN_YAHOO_PWD" } }
    approval: approved
\`\`\`

Source: S1, S8, S12, S22.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.processEmailUsing !== 'serverSideSync') return;
    const isIM = (t: string | undefined) => t !== undefined && (INTERNET_MAIL_TYPES as readonly string[]).includes(t);
    // Fix 2 (set outlook) is not offered on d365-9 online, where Dynamics 365 for Outlook is retired.
    const outlookAllowed = !outlookRetired(plan);
    const actDefault = ['systemSettings', 'defaults', 'appointmentsContactsTasks'];

    // (a) the written default ACT method with the default profile.
    const dp = plan.defaults.serverProfile;
    if (plan.defaults.appointmentsContactsTasks === 'serverSideSync' && dp && isIM(dp.serverType)) {
      // "Not for queues": the default's outlook would reach every queue mailbox that inherits it.
      const queueInherits = plan.mailboxes.some((m) => m.appointmentsContactsTasksSource === 'default' && (m.kind === 'queue' || m.kind === undefined));
      ctx.report({
        at: actDefault,
        message: `${MESSAGE}; the default profile '${dp.id}' is ${dp.serverType}.`,
        related: [{ at: [...dp.path, 'serverType'], message: `Profile '${dp.id}' is ${dp.serverType}` }],
        fixes: [
          ctx.fix('Set appointmentsContactsTasks to none', [ctx.edit.set(actDefault, 'none')], { isPreferred: true }),
          outlookAllowed && !queueInherits ? ctx.fix('Set appointmentsContactsTasks to outlook', [ctx.edit.set(actDefault, 'outlook')]) : undefined,
        ],
      });
    }

    // (b) mailboxes that write the ACT method or the profile themselves.
    for (const m of plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if (m.active !== true) continue;
      const actWritten = m.appointmentsContactsTasksSource === 'written';
      if (!actWritten && !m.profileWritten) continue;
      if (m.appointmentsContactsTasks !== 'serverSideSync' || m.profileUnknown || !m.profile || !isIM(m.profile.serverType)) continue;
      const related = profileRelated(m);
      if (!actWritten) related.push(inheritedRelated('appointmentsContactsTasks', 'serverSideSync'));
      ctx.report({
        at: [...m.path, actWritten ? 'appointmentsContactsTasks' : 'serverProfile'],
        message: `${MESSAGE}; ${mailboxLabel(m)} syncs them by server-side synchronization through ${m.profile.serverType} profile '${m.profile.id}'.`,
        related,
        fixes: [
          setOnMailbox(ctx, m, 'appointmentsContactsTasks', 'none', true),
          // Not for queues; nor for forward mailboxes, which have no ACT (forward-mailbox-act).
          outlookAllowed && m.kind === 'user' ? setOnMailbox(ctx, m, 'appointmentsContactsTasks', 'outlook') : undefined,
        ],
      });
    }
  },
});
