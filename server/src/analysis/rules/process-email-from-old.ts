import { defineRule } from './define';
import type { Path } from '../types';
import { DAY_MS, processEmailFromInstant, utcDate } from './support/transport';
import { setKeepingQuotes } from './support/edits';

export default defineRule({
  id: 'process-email-from-old',
  set: 'extended',
  severity: 'warning',
  severityNote: 'How many days back counts as old is a tool setting (default 14).',
  summary: 'A profile\'s "Process Email From" date lies further back than the configured number of days (default 14).',
  hasFix: true,
  docs: `"Process Email From" tells server-side synchronization from which instant on it processes mail.
The date is not only used once: every mailbox that is linked to the profile later on is
back-filled from that date too, so an old date makes each new mailbox pull and track months or
years of mail (bounded only by the on-premises deployment setting
\`ProcessEmailSinceMaximumDaysAllowed\`). Keep the date recent, or leave it out. The number of days
that counts as old is a tool setting (default 14).

### Invalid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
    advanced: { processEmailFrom: "2016-12-01T00:00:00Z" }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S6, S20.`,
  check(ctx) {
    const maxDays = ctx.processEmailFromMaxAgeDays;
    const now = ctx.now.getTime();
    for (const p of ctx.plan.profiles) {
      const at: Path = [...p.path, 'advanced', 'processEmailFrom'];
      const v = ctx.value(at);
      if (!ctx.known(at) || typeof v !== 'string') continue;
      const t = processEmailFromInstant(v);
      if (t === undefined || now - t <= maxDays * DAY_MS) continue;
      const today = utcDate(ctx.now);
      ctx.report({
        at,
        fixes: [ctx.fix(`Set processEmailFrom to ${today}`, [setKeepingQuotes(ctx, at, today)])],
        message: `Process Email From of profile '${p.id}' lies more than ${maxDays} days back: mail since ${v} will be pulled for every mailbox linked to this profile later on.`,
      });
    }
  },
});
