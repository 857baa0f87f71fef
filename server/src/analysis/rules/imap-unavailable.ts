import { defineRule } from './define';
import type { TextEdit } from '../types';

export default defineRule({
  id: 'imap-unavailable',
  set: 'core',
  // Not `null` for d365-9: on-premises 9.0 is an error and 9.1 a warning; only CRM Online on
  // d365-9 is not reported, which the condition decides.
  severity: 'error',
  severityNote: 'warning on-premises with crmVersion 9.1; not reported for CRM Online on d365-9',
  hasFix: true,
  summary: 'An IMAP/SMTP profile where IMAP/SMTP is not available (on-premises, or online before d365-9).',
  docs: `IMAP/SMTP profiles were added to CRM Online after the 2016 baseline: on crm2016 and
Dynamics 365 8.2 only POP3/SMTP reaches internet mail. On-premises, IMAP/SMTP is documented as
unavailable; the 9.1 on-premises Gmail OAuth guide does create an IMAP/SMTP profile, so on 9.1 this
is a warning (confirm it works on your build) instead of an error. A Gmail OAuth profile on 9.1
on-premises keeps the warning: the 9.1 guide creates an IMAP/SMTP profile, but the on-premises 9.x
entity reference lists neither IMAP/SMTP nor Gmail OAuth. Use a POP3/SMTP profile (ports 995 and
465 or 587) where IMAP is not available.

Both fixes are unsafe: "Use POP3/SMTP" changes the server type (and the mail system's kind when
only this profile names it), and the baseline fix changes the rulebook. None is preferred.

### Invalid

\`\`\`yaml
version: 1
baseline: crm2016
organization:
  name: wideworld
  deployment: online
  tenantId: 6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d
mailSystems:
  yahoo: { kind: imapSmtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo }
serverProfiles:
  yahoo:
    serverType: imapSmtp
    mailSystem: yahoo
    incoming:
      serverLocation: imap.mail.yahoo.com
      port: 993
      authenticateUsing: serverProfile
      username: sales.wideworld@yahoo.com
      password: { secretRef: "env:WIDEWORLD_YAHOO_PWD" }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  sales: { kind: queue, emailAddress: sales.wideworld@yahoo.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: d365-9
organization:
  name: wideworld
  deployment: online
  tenantId: 6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d
mailSystems:
  yahoo: { kind: imapSmtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo }
serverProfiles:
  yahoo:
    serverType: imapSmtp
    mailSystem: yahoo
    incoming:
      serverLocation: imap.mail.yahoo.com
      port: 993
      authenticateUsing: serverProfile
      username: sales.wideworld@yahoo.com
      password: { secretRef: "env:WIDEWORLD_YAHOO_PWD" }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  sales: { kind: queue, emailAddress: sales.wideworld@yahoo.com, approval: approved }
\`\`\`

Source: S3, S13, S21, S26.`,
  check(ctx) {
    const plan = ctx.plan;
    const dep = plan.deployment;
    if (dep === undefined) return;
    if (dep === 'online' && plan.baseline === 'd365-9') return;
    for (const p of plan.profiles) {
      if (p.serverType !== 'imapSmtp') continue;
      const warning = dep === 'onPremises' && plan.crmVersionNumber === 9.1;
      const message =
        dep === 'online'
          ? `IMAP/SMTP profiles arrived after ${plan.baseline} (profile '${p.id}').`
          : warning
            ? `IMAP/SMTP is documented as unavailable on-premises, although the 9.1 Gmail OAuth guide uses it; confirm it works on your build (profile '${p.id}').`
            : `IMAP/SMTP profiles are not available in CRM on-premises (profile '${p.id}').`;
      const ms = p.mailSystem;
      // "Use POP3/SMTP": the profile type, the mail system's kind when only this profile names
      // it, and the conventional IMAP ports of a written incoming.port.
      const usePop3: (TextEdit | undefined)[] = [ctx.edit.set([...p.path, 'serverType'], 'pop3Smtp')];
      if (ms && ms.kind === 'imapSmtp' && !plan.profiles.some((q) => q !== p && q.mailSystemId === ms.id)) {
        usePop3.push(ctx.edit.set([...ms.path, 'kind'], 'pop3Smtp'));
      }
      const portPath = [...p.path, 'incoming', 'port'];
      const port = ctx.value(portPath);
      const pop3Port = port === 993 ? 995 : port === 143 ? 110 : undefined;
      if (pop3Port !== undefined) usePop3.push(ctx.edit.set(portPath, pop3Port));
      ctx.report({
        at: [...p.path, 'serverType'],
        severity: warning ? 'warning' : 'error',
        message,
        related: ms && ms.kind === 'imapSmtp' ? [{ at: [...ms.path, 'kind'], message: `Mail system '${ms.id}' is IMAP/SMTP` }] : [],
        fixes: [
          // Unsafe (server type, mail system kind): not preferred.
          ctx.fix('Use POP3/SMTP', usePop3, { unsafe: true }),
          // Online only (reported there on crm2016 and d365-8.2); the fix changes the baseline alone, not crmVersion.
          dep === 'online' ? ctx.fix('Set baseline to d365-9', [ctx.edit.set(['baseline'], 'd365-9')], { unsafe: true }) : undefined,
        ],
      });
    }
  },
});
