import { defineRule } from './define';
import type { Deployment } from '../model';

/** Providers Microsoft tested, per deployment (S1, S2). */
const TESTED: Record<Deployment, readonly string[]> = {
  online: ['gmail', 'yahoo'],
  onPremises: ['gmail', 'yahoo', 'msn', 'outlookCom', 'windowsLiveMail'],
};

export default defineRule({
  id: 'pop3-provider-untested',
  set: 'extended',
  severity: 'warning',
  summary: 'A POP3/IMAP mail system whose provider Microsoft has not tested for this deployment.',
  docs: `Microsoft tested server-side synchronization with Gmail and Yahoo! Mail for CRM Online, and
additionally with MSN, Outlook.com and Windows Live Mail for CRM on-premises. Other POP3/SMTP or
IMAP/SMTP services may work but are neither tested nor supported. A mail system without a
\`provider\` counts as \`other\`. Online, MSN, Outlook.com and Windows Live Mail are also not FIPS
140-2 compliant, which \`fips-noncompliant-pop3\` reports as an error: untested and
non-compliant are different facts.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: litware
  deployment: online
  tenantId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
mailSystems:
  isp: { kind: pop3Smtp }
systemSettings:
  defaults: { serverProfile: isp-pop }
serverProfiles:
  isp-pop:
    serverType: pop3Smtp
    mailSystem: isp
    incoming:
      serverLocation: pop.litware-isp.example
      port: 995
      authenticateUsing: serverProfile
      username: crm@litware.example
      password: { secretRef: "env:LITWARE_POP_PWD" }
    outgoing: { serverLocation: smtp.litware-isp.example, port: 465 }
mailboxes:
  sales: { kind: queue, emailAddress: crm@litware.example, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: litware
  deployment: online
  tenantId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming:
      serverLocation: pop.mail.yahoo.com
      port: 995
      authenticateUsing: serverProfile
      username: litware.crm@yahoo.com
      password: { secretRef: "env:LITWARE_POP_PWD" }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  sales: { kind: queue, emailAddress: litware.crm@yahoo.com, approval: approved }
\`\`\`

Source: S1, S2.`,
  check(ctx) {
    const plan = ctx.plan;
    const dep = plan.deployment;
    if (dep === undefined) return;
    for (const s of plan.mailSystems) {
      if (!s.referenced || (s.kind !== 'pop3Smtp' && s.kind !== 'imapSmtp') || s.provider === undefined) continue;
      if (TESTED[dep].includes(s.provider)) continue;
      const provider = s.providerWritten ? `'${s.provider}'` : `'${s.provider}' (no provider written)`;
      ctx.report({
        at: [...s.path, s.providerWritten ? 'provider' : 'kind'],
        message: `Microsoft has not tested the POP3/IMAP provider ${provider} of mail system '${s.id}' for CRM ${dep === 'online' ? 'Online' : 'on-premises'}; it may work but is not supported.`,
      });
    }
  },
});
