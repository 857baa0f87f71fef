import { defineRule } from './define';
import type { RelatedSpec } from './define';
import { inheritedRelated, offsetOf } from './support/places';
import { METHOD_KEYS, methodOf } from './support/logic';

export default defineRule({
  id: 'pop3-outlook-manual-tracking',
  set: 'extended',
  scope: 'mailbox',
  severity: 'info',
  summary: 'A mailbox on a POP3/SMTP profile uses Dynamics CRM for Outlook for one of its methods.',
  docs: `Tracking items by hand in Dynamics CRM for Outlook works only with Exchange. A mailbox that
reaches its mail system through a POP3/SMTP profile and uses the Outlook client for one of its
methods therefore cannot track items by hand in Outlook, although the Outlook method suggests it
can. The finding is on the first Outlook method written on the mailbox, or on the mailbox when
the Outlook method comes from the defaults.
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
    outgoingEmail: outlook
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
    outgoingEmail: serverSideSync
    credentials: { allowUse: true, username: dan.tailspin@yahoo.com, password: { secretRef: "env:DAN_YAHOO_PWD" } }
    approval: approved
\`\`\`

Source: S1.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if (m.active !== true || m.profileUnknown || m.profile?.serverType !== 'pop3Smtp') continue;
      const outlook = METHOD_KEYS.filter((k) => methodOf(m, k).value === 'outlook');
      if (outlook.length === 0) continue;
      const written = outlook
        .filter((k) => methodOf(m, k).source === 'written')
        .sort((a, b) => offsetOf(ctx, [...m.path, a]) - offsetOf(ctx, [...m.path, b]));
      // No Related of its own; inherited values point at their written defaults.
      const related: RelatedSpec[] = !m.profileWritten && m.profileId !== undefined ? [inheritedRelated('serverProfile', m.profileId)] : [];
      const keys = outlook.join(', ');
      if (written.length > 0) {
        ctx.report({
          at: [...m.path, written[0]],
          message: `Tracking by hand in CRM for Outlook does not work with POP3/SMTP server-side synchronization (mailbox '${m.id}' uses outlook for ${keys}).`,
          related,
        });
      } else {
        for (const k of outlook) related.push(inheritedRelated(k, 'outlook'));
        ctx.report({
          at: m.path,
          part: 'key',
          message: `Tracking by hand in CRM for Outlook does not work with POP3/SMTP server-side synchronization (mailbox '${m.id}' inherits outlook for ${keys}).`,
          related,
        });
      }
    }
  },
});
