import { defineRule } from './define';
import type { RelatedSpec } from './define';
import type { Path } from '../types';
import { yamlScalar } from '../edit';
import { credentialKeyPath, missingMailboxCredentials } from './support/auth';
import { authConnection, authOf, and3, usesOf } from './support/logic';
import { joinParts, mailboxLabel } from './support/wording';
import { passwordPart, secretRefYaml, setKeysEdits } from './support/edits';

export default defineRule({
  id: 'mailbox-credentials-missing',
  set: 'core',
  scope: 'mailbox',
  severity: 'error',
  summary: 'A mailbox processed by server-side synchronization through a profile that uses the mailbox\'s own credentials supplies no usable credentials.',
  hasFix: true,
  docs: `With "Credentials Specified by a User or Queue" (\`userOrQueue\`) the profile stores no account:
each mailbox signs in with its own user name and password, entered on the mailbox, and only if
"Allow to Use Credentials for Email Processing" is Yes. A mailbox that server-side synchronization
processes through such a profile needs all three (\`credentials.allowUse: true\`,
\`credentials.username\`, \`credentials.password\` as a secret reference); otherwise it cannot
connect and stops with an error.

### Invalid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch-personal }
serverProfiles:
  exch-personal:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
      authenticateUsing: userOrQueue
mailboxes:
  kim: { kind: user, emailAddress: kim@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch-personal }
serverProfiles:
  exch-personal:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
      authenticateUsing: userOrQueue
mailboxes:
  kim:
    kind: user
    emailAddress: kim@contoso.com
    approval: approved
    credentials:
      allowUse: true
      username: CONTOSO\\kim
      password: { secretRef: "env:KIM_PWD" }
\`\`\`

Source: S10, S16.`,
  check(ctx) {
    for (const m of ctx.plan.mailboxes) {
      const p = m.profile;
      if (!p || m.profileUnknown) continue;
      const dirs = (['in', 'out'] as const).map((d) => ({ d, holds: and3(usesOf(ctx.plan, m, d), authOf(p, d) === undefined ? undefined : authOf(p, d) === 'userOrQueue') }));
      const holding = dirs.filter((x) => x.holds === true);
      if (holding.length === 0) continue;
      const missing = missingMailboxCredentials(ctx, m);
      if (!missing || missing.length === 0) continue;
      const credentials: Path = [...m.path, 'credentials'];
      // Complete `credentials`: the user name is the mailbox's email address when written.
      const emailAt: Path = [...m.path, 'emailAddress'];
      const email = ctx.has(emailAt) && ctx.known(emailAt) && typeof ctx.value(emailAt) === 'string' && ctx.value(emailAt) !== '' ? (ctx.value(emailAt) as string) : undefined;
      const entries: [string, string][] = [];
      const parts: string[] = [];
      let placeholder = false;
      if (missing.includes('allowUse: true')) {
        entries.push(['allowUse', 'true']);
        parts.push('allowUse to true');
      }
      if (missing.includes('username')) {
        entries.push(['username', yamlScalar(email ?? '')]);
        parts.push(`username to ${email ?? '""'}`);
        placeholder = email === undefined;
      }
      if (missing.includes('password')) {
        entries.push(['password', secretRefYaml(m.id)]);
        parts.push(passwordPart(m.id));
      }
      const related: RelatedSpec[] = [];
      const seen = new Set<string>();
      for (const { d } of holding) {
        const at = credentialKeyPath(authConnection(p, d), 'authenticateUsing');
        const k = JSON.stringify(at);
        if (seen.has(k)) continue;
        seen.add(k);
        related.push({ at, message: `Profile '${p.id}' uses userOrQueue here` });
      }
      ctx.report({
        at: ctx.has(credentials) ? credentials : m.path,
        part: 'key',
        message: `Profile '${p.id}' uses the mailbox's own credentials; ${mailboxLabel(m)} needs Allow to Use Credentials = Yes plus a user name and password (reference), and lacks ${missing.join(', ')}.`,
        related,
        fixes: [ctx.fix(`Set ${joinParts(parts)}`, setKeysEdits(ctx, credentials, entries), { isPreferred: !placeholder })],
      });
    }
  },
});
