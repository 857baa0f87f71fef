import { defineRule } from './define';

export default defineRule({
  id: 'mailbox-mail-system-mismatch',
  set: 'core',
  scope: 'mailbox',
  severity: 'error',
  hasFix: true,
  summary: 'A mailbox is hosted on a different mail system than the one its profile reaches.',
  docs: `A profile connects to one mail service. When a mailbox records (\`mailSystem\`) that it lives on
another service than its profile's, server-side synchronization looks for it in the wrong place
and the mailbox fails. In particular, an Exchange Online profile cannot serve a mailbox on
Exchange Server or on another server; such mailboxes need an Exchange Server (Hybrid) profile
("Exchange Server (On Prem)" in the Power Platform admin center) or a POP3/SMTP profile of their
own. Test & Enable of such a mailbox fails; for a mailbox on Exchange Server, for example, with
MailboxNotEnabledForRESTAPI (error code 8005E274).

### Invalid

\`\`\`yaml
version: 1
organization:
  name: margie
  deployment: online
  tenantId: 2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f }
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  nina: { kind: user, emailAddress: nina@margie.example, approval: approved }
  omar:
    kind: user
    emailAddress: omar.margie@yahoo.com
    mailSystem: yahoo
    approval: approved
  pat:
    kind: user
    emailAddress: pat.margie@yahoo.com
    serverProfile: yahoo-pop
    credentials: { allowUse: true, username: pat.margie@yahoo.com, password: { secretRef: "env:PAT_YAHOO_PWD" } }
    approval: approved
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: margie
  deployment: online
  tenantId: 2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f }
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  nina: { kind: user, emailAddress: nina@margie.example, approval: approved }
  omar:
    kind: user
    emailAddress: omar.margie@yahoo.com
    mailSystem: yahoo
    serverProfile: yahoo-pop
    credentials: { allowUse: true, username: omar.margie@yahoo.com, password: { secretRef: "env:OMAR_YAHOO_PWD" } }
    approval: approved
\`\`\`

Source: S2, S3, S46.`,
  check(ctx) {
    const plan = ctx.plan;
    for (const m of plan.mailboxes) {
      if (!m.syncedByServerSideSync || !m.mailSystemWritten || m.mailSystemId === undefined) continue;
      const prof = m.profile;
      if (!prof || prof.mailSystemId === undefined || prof.mailSystemId === m.mailSystemId) continue;
      const hosted = plan.mailSystemById.get(m.mailSystemId);
      let message: string;
      if (prof.serverType === 'exchangeOnline') {
        const where = hosted?.kind ? `${hosted.kind} ('${m.mailSystemId}')` : `'${m.mailSystemId}'`;
        message = `An Exchange Online profile ('${prof.id}') cannot serve mailbox '${m.id}', hosted on ${where}; link an Exchange Server (Hybrid) ("Exchange Server (On Prem)") or POP3/SMTP profile. Test & Enable fails, for example with MailboxNotEnabledForRESTAPI (8005E274) for a mailbox on Exchange Server.`;
      } else {
        message = `Mailbox '${m.id}' is hosted on '${m.mailSystemId}', but its profile '${prof.id}' reaches '${prof.mailSystemId}'.`;
      }
      // Profiles that reach the mailbox's mail system.
      const serving = plan.profiles.filter((q) => q.mailSystemId === m.mailSystemId);
      ctx.report({
        at: [...m.path, 'mailSystem'],
        message,
        related: [
          { at: [...prof.path, 'mailSystem'], message: `Profile '${prof.id}' reaches '${prof.mailSystemId}'` },
          { at: [...m.path, 'serverProfile'], message: `Profile '${prof.id}' chosen here` },
        ],
        fixes: [
          ...serving.map((q) =>
            ctx.fix(`Set serverProfile to ${q.id}`, [ctx.edit.set([...m.path, 'serverProfile'], q.id)], { isPreferred: serving.length === 1 }),
          ),
          ctx.fix('Remove mailSystem', [ctx.edit.remove([...m.path, 'mailSystem'])]),
        ],
      });
    }
  },
});
