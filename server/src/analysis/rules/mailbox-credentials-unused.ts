import { defineRule } from './define';
import type { Path } from '../types';
import { authOf } from './support/logic';
import { mailboxLabel } from './support/wording';

export default defineRule({
  id: 'mailbox-credentials-unused',
  set: 'extended',
  scope: 'mailbox',
  severity: 'warning',
  summary: 'A mailbox carries credentials although its profile does not use mailbox credentials.',
  hasFix: true,
  docs: `A mailbox's own user name and password are used only when its profile authenticates with
"Credentials Specified by a User or Queue" (\`userOrQueue\`) in at least one direction. With any
other choice (a profile service account, server-to-server or Windows authentication) they are
ignored, and every password change would have to be repeated in CRM for nothing. Remove the
mailbox credentials, or link the mailbox to a profile that uses them.
An inactive mailbox (\`active: false\`) is not reported: it is not synchronized.

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
mailboxes:
  jo:
    kind: user
    emailAddress: jo@contoso.com
    approval: approved
    credentials:
      allowUse: true
      username: CONTOSO\\jo
      password: { secretRef: "env:JO_PWD" }
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
  jo: { kind: user, emailAddress: jo@contoso.com, approval: approved }
\`\`\`

Source: S10.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if (m.active !== true) continue;
      const credentials: Path = [...m.path, 'credentials'];
      if (!ctx.has([...credentials, 'username']) && !ctx.has([...credentials, 'password'])) continue;
      const p = m.profile;
      if (!p || m.profileUnknown) continue;
      const authIn = authOf(p, 'in');
      const authOut = authOf(p, 'out');
      if (authIn === undefined || authOut === undefined) continue;
      if (authIn === 'userOrQueue' || authOut === 'userOrQueue') continue;
      const how = authIn === authOut ? authIn : `${authIn} (incoming) and ${authOut} (outgoing)`;
      ctx.report({
        at: credentials,
        part: 'key',
        message: `Profile '${p.id}' does not use mailbox credentials (it authenticates with ${how}); these credentials of ${mailboxLabel(m)} are ignored.`,
        fixes: [ctx.fix('Remove credentials', [ctx.edit.remove(credentials)], { isPreferred: true })],
      });
    }
  },
});
