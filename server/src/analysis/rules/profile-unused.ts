import { defineRule } from './define';
import type { Path } from '../types';

/**
 * Every written profile reference as raw text (`systemSettings.defaults.serverProfile`,
 * `mailboxes.*.serverProfile`), known or not: a reference with a schema finding that still
 * names a profile leaves "used" unknown for that profile.
 */
function namedProfiles(ctx: { value(p: Path): unknown }): Set<string> {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string') out.add(v);
  };
  add(ctx.value(['systemSettings', 'defaults', 'serverProfile']));
  const mailboxes = ctx.value(['mailboxes']);
  if (mailboxes && typeof mailboxes === 'object' && !Array.isArray(mailboxes)) {
    for (const record of Object.values(mailboxes)) {
      if (record && typeof record === 'object' && Object.prototype.hasOwnProperty.call(record, 'serverProfile')) add((record as Record<string, unknown>).serverProfile);
    }
  }
  return out;
}

export default defineRule({
  id: 'profile-unused',
  set: 'extended',
  severity: 'info',
  summary: 'A server profile is named neither by the default profile nor by any mailbox.',
  hasFix: true,
  docs: `A mailbox reaches its mail server through the email server profile it names, or through the
default profile of System Settings. A profile that neither the default nor any mailbox names is
not used by anything in the plan: it may be a leftover, or a mailbox may be missing its
\`serverProfile\`. Remove the profile or link the mailboxes that should use it.

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
  exch-old:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail-old.contoso.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
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

Source: derived from the plan format ([used profiles](plan-format.md#used-profiles-and-referenced-mail-systems)).`,
  check(ctx) {
    const candidates = ctx.plan.profiles.filter((p) => !ctx.plan.usedProfileIds.has(p.id));
    if (candidates.length === 0) return;
    const named = namedProfiles(ctx);
    for (const p of candidates) {
      if (named.has(p.id)) continue;
      ctx.report({
        at: p.path,
        part: 'key',
        // Deleting a record changes the plan beyond the finding: offered, never applied by fix-all.
        fixes: [ctx.fix(`Remove profile ${p.id}`, [ctx.edit.remove(p.path)], { unsafe: true })],
        message: `No mailbox and no default refers to profile '${p.id}'.`,
      });
    }
  },
});
