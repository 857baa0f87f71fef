import { defineRule, type RelatedSpec } from './define';
import type { Path } from '../types';

/** Providers that are not FIPS 140-2 compliant (S1, S2, S3). */
const NON_FIPS: readonly string[] = ['msn', 'outlookCom', 'windowsLiveMail'];

export default defineRule({
  id: 'fips-noncompliant-pop3',
  set: 'extended',
  severity: 'error',
  summary: 'CRM Online, or CRM on-premises in FIPS 140-2 mode, with a POP3/IMAP provider that is not FIPS compliant (MSN, Outlook.com, Windows Live Mail).',
  docs: `Microsoft lists "requires a POP3/SMTP email server that is also FIPS 140-2 compliant" among the
unsupported configurations for CRM Online, and for CRM on-premises configured for FIPS 140-2;
the current Power Platform matrix states it for every customer engagement app. MSN, Outlook.com
and Windows Live Mail are not FIPS 140-2 compliant, so they are unsupported in every online plan
and on-premises while \`fips140\` is on (on-premises without FIPS mode they are tested and
supported). Online, \`pop3-provider-untested\` reports these providers as well: untested is a
different fact from non-compliant. Gmail (with Gmail OAuth) and Yahoo! Mail remain supported;
switching to one of them changes the mail system, so there is no quick fix.

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

\`\`\`yaml
version: 1
baseline: d365-9
organization:
  name: coho-winery
  deployment: online
  tenantId: 2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b8c
mailSystems:
  outlook-com: { kind: pop3Smtp, provider: outlookCom }
systemSettings:
  defaults: { serverProfile: outlook-pop }
serverProfiles:
  outlook-pop:
    serverType: pop3Smtp
    mailSystem: outlook-com
    incoming:
      serverLocation: outlook.office365.com
      port: 995
      authenticateUsing: serverProfile
      username: wineclub.coho@outlook.com
      password: { secretRef: "env:COHO_WINECLUB_PWD" }
    outgoing: { serverLocation: smtp.office365.com, port: 587 }
mailboxes:
  wine-club: { kind: queue, emailAddress: wineclub.coho@outlook.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: coho-winery
  deployment: onPremises
  fips140: true
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
      username: wineclub.coho@yahoo.com
      password: { secretRef: "env:COHO_WINECLUB_PWD" }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  wine-club: { kind: queue, emailAddress: wineclub.coho@yahoo.com, approval: approved }
\`\`\`

Source: S1, S2, S3, S5.`,
  check(ctx) {
    const plan = ctx.plan;
    const dep = plan.deployment;
    if (dep === undefined) return;
    const fipsPath: Path = ['organization', 'fips140'];
    // On-premises only in FIPS mode; online always (v2).
    if (dep === 'onPremises' && (ctx.value(fipsPath) !== true || !ctx.known(fipsPath))) return;
    for (const s of plan.mailSystems) {
      if (!s.referenced || (s.kind !== 'pop3Smtp' && s.kind !== 'imapSmtp') || s.provider === undefined) continue;
      if (!NON_FIPS.includes(s.provider)) continue;
      const related: RelatedSpec[] =
        dep === 'online' ? [{ at: ['organization', 'deployment'], message: 'CRM Online set here' }] : [{ at: fipsPath, message: 'FIPS 140-2 mode set here' }];
      ctx.report({
        at: [...s.path, 'provider'],
        message:
          dep === 'online'
            ? `CRM Online needs a FIPS 140-2 compliant POP3/SMTP server; ${s.provider} (mail system '${s.id}') is not compliant, so this configuration is unsupported.`
            : `${s.provider} is not FIPS 140-2 compliant and is unsupported while CRM runs in FIPS mode (mail system '${s.id}').`,
        related,
      });
    }
  },
});
