import { defineRule } from './define';

/** Providers that are not FIPS 140-2 compliant (S1, S2). */
const NON_FIPS: readonly string[] = ['msn', 'outlookCom', 'windowsLiveMail'];

export default defineRule({
  id: 'fips-noncompliant-pop3',
  set: 'extended',
  severity: 'error',
  summary: 'CRM on-premises runs in FIPS 140-2 mode with a POP3/IMAP provider that is not FIPS compliant.',
  docs: `When CRM on-premises runs in FIPS 140-2 mode, only FIPS-compliant POP3/SMTP services are
supported. MSN, Outlook.com and Windows Live Mail are tested with CRM on-premises but are not
FIPS 140-2 compliant, so they are unsupported while \`fips140\` is on. Gmail and Yahoo! Mail remain
supported.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: coho-winery
  deployment: onPremises
  fips140: true
mailSystems:
  msn: { kind: pop3Smtp, provider: msn }
systemSettings:
  defaults: { serverProfile: msn-pop }
serverProfiles:
  msn-pop:
    serverType: pop3Smtp
    mailSystem: msn
    incoming:
      serverLocation: pop3.live.com
      port: 995
      authenticateUsing: serverProfile
      username: wineclub.coho@msn.com
      password: { secretRef: "env:COHO_WINECLUB_PWD" }
    outgoing: { serverLocation: smtp.live.com, port: 465 }
mailboxes:
  wine-club: { kind: queue, emailAddress: wineclub.coho@msn.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: coho-winery
  deployment: onPremises
  fips140: true
mailSystems:
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: gmail-pop }
serverProfiles:
  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming:
      serverLocation: pop.gmail.com
      port: 995
      authenticateUsing: serverProfile
      username: wineclub.coho@gmail.com
      password: { secretRef: "env:COHO_WINECLUB_PWD" }
    outgoing: { serverLocation: smtp.gmail.com, port: 465 }
mailboxes:
  wine-club: { kind: queue, emailAddress: wineclub.coho@gmail.com, approval: approved }
\`\`\`

Source: S1, S2.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.deployment !== 'onPremises') return;
    const fipsPath = ['organization', 'fips140'];
    if (ctx.value(fipsPath) !== true || !ctx.known(fipsPath)) return;
    for (const s of plan.mailSystems) {
      if (!s.referenced || (s.kind !== 'pop3Smtp' && s.kind !== 'imapSmtp') || s.provider === undefined) continue;
      if (!NON_FIPS.includes(s.provider)) continue;
      ctx.report({
        at: [...s.path, 'provider'],
        message: `${s.provider} is not FIPS 140-2 compliant and is unsupported while CRM runs in FIPS mode (mail system '${s.id}').`,
        related: [{ at: fipsPath, message: 'FIPS 140-2 mode set here' }],
      });
    }
  },
});
