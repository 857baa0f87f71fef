import { defineRule } from './define';
import type { TextEdit } from '../types';
import { credentialKeyPath } from './support/auth';
import { connLabel, connName, joinParts } from './support/wording';
import { connOwner, joinEdits, passwordPart, secretRefYaml } from './support/edits';

export default defineRule({
  id: 'profile-credentials-missing',
  set: 'core',
  severity: 'error',
  summary: 'A connection that authenticates with credentials specified in the profile lacks a user name or a password reference.',
  hasFix: true,
  docs: `With "Credentials Specified in Email Server Profile" (\`serverProfile\`) one service account,
stored once in the profile, connects for every mailbox linked to it. The profile then needs both
the account's user name and its password; without them no mailbox can connect. In the plan, the
password is a secret reference such as \`{ secretRef: "env:NAME" }\`, never the password itself.

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
      authenticateUsing: serverProfile
      useImpersonation: true
      username: CONTOSO\\svc-crm
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
      authenticateUsing: serverProfile
      useImpersonation: true
      username: CONTOSO\\svc-crm
      password: { secretRef: "env:CONTOSO_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S0, S6, S7.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      for (const c of p.credentialConnections) {
        if (c.auth !== 'serverProfile') continue;
        const missing = [...(c.hasUsername ? [] : ['user name']), ...(c.hasPassword ? [] : ['password reference'])];
        if (missing.length === 0) continue;
        // Insert what is missing; preferred only when no placeholder user name is needed.
        const parts: string[] = [];
        const edits: (TextEdit | undefined)[] = [];
        if (!c.hasUsername) {
          parts.push('username to ""');
          edits.push(ctx.edit.set(credentialKeyPath(c, 'username'), ''));
        }
        if (!c.hasPassword) {
          parts.push(passwordPart(connOwner(p, c)));
          edits.push(ctx.edit.setRaw(credentialKeyPath(c, 'password'), secretRefYaml(connOwner(p, c))));
        }
        ctx.report({
          at: credentialKeyPath(c, 'authenticateUsing'),
          message: `Credentials specified in the profile need a user name and a password (reference); ${connLabel(p, c)} has no ${missing.join(' and no ')}.`,
          related: [{ at: c.credentialPath, part: 'key', message: `${connName(c)} connection of profile '${p.id}'` }],
          fixes: [ctx.fix(`Set ${joinParts(parts)}`, joinEdits(ctx, edits), { isPreferred: c.hasUsername })],
        });
      }
    }
  },
});
