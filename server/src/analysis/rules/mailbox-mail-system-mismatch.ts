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
Exchange Server or on another server; such mailboxes need an Exchange Server (Hybrid) or
POP3/SMTP profile of their own.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: margie
  deployment: online
  tenantId: 2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f }
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming: { serverLocation: pop.gmail.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.gmail.com, port: 465 }
mailboxes:
  nina: { kind: user, emailAddress: nina@margie.example, approval: approved }
  omar:
    kind: user
    emailAddress: omar.margie@gmail.com
    mailSystem: gmail
    approval: approved
  pat:
    kind: user
    emailAddress: pat.margie@gmail.com
    serverProfile: gmail-pop
    credentials: { allowUse: true, username: pat.margie@gmail.com, password: { secretRef: "env:PAT_GMAIL_PWD" } }
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
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming: { serverLocation: pop.gmail.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.gmail.com, port: 465 }
mailboxes:
  nina: { kind: user, emailAddress: nina@margie.example, approval: approved }
  omar:
    kind: user
    emailAddress: omar.margie@gmail.com
    mailSystem: gmail
    serverProfile: gmail-pop
    credentials: { allowUse: true, username: omar.margie@gmail.com, password: { secretRef: "env:OMAR_GMAIL_PWD" } }
    approval: approved
\`\`\`

Source: S2, S3.`,
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
        message = `An Exchange Online profile ('${prof.id}') cannot serve mailbox '${m.id}', hosted on ${where}; link an Exchange Server (Hybrid) or POP3/SMTP profile.`;
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
