import { defineRule } from './define';
import type { Path } from '../types';

export default defineRule({
  id: 'autodiscover-non-exchange',
  set: 'extended',
  severity: 'warning',
  summary: 'A POP3/IMAP profile is written with `autodiscover: true`.',
  hasFix: true,
  docs: `Autodiscover is Exchange's lookup service for EWS endpoints; it exists only for the Exchange
server types. On a POP3/SMTP or IMAP/SMTP profile CRM ignores it, and the profile still needs its
incoming and SMTP hosts written as server locations. Writing \`autodiscover: true\` there suggests a
behaviour the profile does not have; remove the key.

### Invalid

\`\`\`yaml
version: 1
organization: { name: tailspin, deployment: online, tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b }
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop, appointmentsContactsTasks: none }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    autodiscover: true
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
organization: { name: tailspin, deployment: online, tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b }
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

Source: S7.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.family !== 'IM') continue;
      const at: Path = [...p.path, 'autodiscover'];
      if (!ctx.known(at) || ctx.value(at) !== true) continue;
      ctx.report({
        at,
        fixes: [ctx.fix('Remove autodiscover', [ctx.edit.remove(at)], { isPreferred: true })],
        message: `Autodiscover exists only for Exchange; it is ignored here (profile '${p.id}', serverType ${p.serverType}).`,
      });
    }
  },
});
