import { defineRule } from './define';
import type { Path } from '../types';

const MESSAGE = 'Incoming Email = Forward Mailbox needs a forward mailbox, and the plan has none';

export default defineRule({
  id: 'forward-mailbox-missing',
  set: 'core',
  hasFix: true,
  severity: 'error',
  summary: 'Incoming Email is Forward Mailbox (as a default or on a user or queue mailbox), but the plan has no forward mailbox.',
  docs: `With Incoming Email = Forward Mailbox, CRM does not read the user's or queue's own mailbox: a
rule on the mail server forwards a copy of each message to a dedicated forward mailbox, and the
engine processes that one. Without a mailbox of \`kind: forward\` the forwarded mail is never
processed. The finding is on the default \`systemSettings.defaults.incomingEmail\` (which covers the
mailboxes that inherit it) and on every user or queue mailbox that writes \`forwardMailbox\`.

### Invalid

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
  erin: { kind: user, regarding: Erin Park, emailAddress: erin@litware.com, approval: approved }
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

Source: S10.`,
  check(ctx) {
    const plan = ctx.plan;
    // "No mailbox has kind: forward" cannot be decided while a kind is unknown.
    if (plan.mailboxes.some((m) => m.kind === undefined || m.kind === 'forward')) return;
    // Fix 1 appends a forward mailbox with a placeholder address (so it is never preferred);
    // fix 2 changes this value. Neither is preferred.
    const mailboxes = ctx.value(['mailboxes']);
    const taken = new Set(typeof mailboxes === 'object' && mailboxes !== null ? Object.keys(mailboxes) : []);
    let id = 'forward';
    for (let n = 2; taken.has(id); n++) id = `forward-${n}`;
    const fixes = (at: Path) => [
      ctx.fix('Add a forward mailbox', [
        ctx.edit.appendEntry(['mailboxes'], id, [
          ['kind', 'forward'],
          ['emailAddress', '""'],
        ]),
      ]),
      ctx.fix('Set incomingEmail to serverSideSync', [ctx.edit.set(at, 'serverSideSync')]),
    ];
    const def: Path = ['systemSettings', 'defaults', 'incomingEmail'];
    if (plan.defaults.incomingEmail === 'forwardMailbox') {
      ctx.report({ at: def, message: `${MESSAGE} (default incomingEmail).`, fixes: fixes(def) });
    }
    for (const m of plan.mailboxes) {
      if (m.incomingEmailSource !== 'written' || m.incomingEmail !== 'forwardMailbox') continue;
      const at: Path = [...m.path, 'incomingEmail'];
      ctx.report({ at, message: `${MESSAGE} (mailbox '${m.id}').`, fixes: fixes(at) });
    }
  },
});
