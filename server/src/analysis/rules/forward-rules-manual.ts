import { defineRule } from './define';
import type { ServerType } from '../model';
import { inheritedRelated } from './support/places';

const MANUAL: Partial<Record<ServerType, 'exo' | 'im'>> = {
  exchangeOnline: 'exo',
  exchangeOnlineHybrid: 'exo',
  pop3Smtp: 'im',
  imapSmtp: 'im',
};

export default defineRule({
  id: 'forward-rules-manual',
  set: 'extended',
  scope: 'mailbox',
  severity: 'info',
  summary: 'A forward mailbox is reached through an Exchange Online or POP3/IMAP profile, where the forwarding rules must be created by hand.',
  docs: `A forward mailbox only receives mail if a rule in each user's mailbox forwards a copy of every
message to it as an attachment. The Rule Deployment Wizard that creates these rules works only
with Exchange Server. With Exchange Online, and with POP3/SMTP or IMAP/SMTP services, someone has
to create the rules by hand, and a POP3 server must be able to forward a message as an attachment.

### Invalid

\`\`\`yaml
version: 1
baseline: crm2016
organization: { name: litware, deployment: onPremises }
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop, incomingEmail: forwardMailbox }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  fwd:
    kind: forward
    name: Litware CRM forward mailbox
    emailAddress: crm-forward@litware.example
    credentials: { allowUse: true, username: crm-forward@litware.example, password: { secretRef: "env:LITWARE_FWD_PWD" } }
  erin:
    kind: user
    regarding: Erin Park
    emailAddress: erin@litware.example
    credentials: { allowUse: true, username: erin@litware.example, password: { secretRef: "env:LITWARE_ERIN_PWD" } }
    approval: approved
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: litware
  deployment: onPremises
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch, incomingEmail: forwardMailbox }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming: { serverLocation: https://mail.litware.local/EWS/Exchange.asmx, authenticateUsing: windowsIntegrated }
mailboxes:
  fwd:
    kind: forward
    name: Litware CRM forward mailbox
    emailAddress: crm-forward@litware.com
  erin: { kind: user, regarding: Erin Park, emailAddress: erin@litware.com, approval: approved }
\`\`\`

Source: S10, S11.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      if (m.kind !== 'forward' || m.profileUnknown || !m.profile?.serverType) continue;
      const manual = MANUAL[m.profile.serverType];
      if (!manual) continue;
      const base = `Forwarding rules for forward mailbox '${m.id}' must be created by hand; the Rule Deployment Wizard works only with Exchange Server`;
      ctx.report({
        at: m.path,
        part: 'key',
        message: manual === 'exo' ? `${base}.` : `${base}, and the ${m.profile.serverType} server must be able to forward as an attachment.`,
        // No Related of its own; an inherited profile points at the written default.
        related: !m.profileWritten && m.profileId !== undefined ? [inheritedRelated('serverProfile', m.profileId)] : [],
      });
    }
  },
});
