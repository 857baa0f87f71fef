import { defineRule } from './define';
import type { Path } from '../types';
import { CREDENTIAL_KEYS, credentialKeyPath } from './support/auth';
import { connLabel, joinParts } from './support/wording';
import { joinEdits, setAuthFix } from './support/edits';
import { usesOAuthClient } from './support/modern-auth';

export default defineRule({
  id: 'profile-credentials-ignored',
  set: 'extended',
  severity: 'warning',
  summary: 'Credentials are written where CRM ignores them.',
  hasFix: true,
  docs: `CRM reads a user name and password from a profile connection only when it authenticates with
"Credentials Specified in Email Server Profile" (\`serverProfile\`); with any other choice the
fields are ignored. Likewise, while "Use same settings for Outgoing" is on
(\`useSameSettingsForOutgoing: true\`, the default), the outgoing connection reuses the incoming
credentials, and credential keys written under \`outgoing\` have no effect. An \`oauth\` client
is read only by Gmail OAuth and Azure AD OAuth (Exchange Hybrid Modern Auth keeps its client in
Microsoft Entra ID and Azure Key Vault); with any other sign-in it is ignored. Ignored credentials
mislead readers about how the profile really signs in: remove them, or change the setting that
would make them count.

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
      authenticateUsing: windowsIntegrated
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S7.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      // (a) username / password on a connection that does not authenticate with serverProfile.
      for (const c of p.credentialConnections) {
        if (c.auth === undefined || c.auth === 'serverProfile') continue;
        const ignored = (['username', 'password'] as const).filter((k) => ctx.has(credentialKeyPath(c, k)));
        const fixes = [
          ctx.fix(`Remove ${joinParts(ignored)}`, joinEdits(ctx, ignored.map((k) => ctx.edit.remove(credentialKeyPath(c, k)))), { isPreferred: true }),
          setAuthFix(ctx, c, 'serverProfile'),
        ];
        for (const key of ['username', 'password'] as const) {
          const at = credentialKeyPath(c, key);
          if (!ctx.has(at)) continue;
          ctx.report({
            at,
            part: 'key',
            message: `These credentials are ignored: ${connLabel(p, c)} authenticates with ${c.auth}, so its ${key} is not read.`,
            related: [{ at: credentialKeyPath(c, 'authenticateUsing'), message: `authenticateUsing: ${c.auth} set here` }],
            fixes,
          });
        }
      }
      // (c) an OAuth client that no connection signs in with.
      const oauthAt: Path = [...p.path, 'oauth'];
      if (ctx.has(oauthAt)) {
        const auths = p.credentialConnections.map((c) => (c.authWritten ? c.auth : undefined));
        const known = p.credentialConnections.every((c) => c.authWritten && c.auth !== undefined);
        if (known && !auths.some((a) => usesOAuthClient(a))) {
          const a = auths[0]!;
          ctx.report({
            at: oauthAt,
            part: 'key',
            message: `The OAuth client is ignored: profile '${p.id}' signs in with ${a}.`,
            related: [{ at: credentialKeyPath(p.credentialConnections[0], 'authenticateUsing'), message: `authenticateUsing: ${a} set here` }],
            fixes: [ctx.fix('Remove oauth', [ctx.edit.remove(oauthAt)], { isPreferred: true })],
          });
        }
      }
      // (b) credential keys under outgoing while useSameSettingsForOutgoing is effectively true.
      if (p.useSameSettingsForOutgoing !== true) continue;
      const outgoing: Path = [...p.path, 'outgoing'];
      const incoming: Path = [...p.path, 'incoming'];
      const written = CREDENTIAL_KEYS.filter((k) => ctx.has([...outgoing, k]));
      // Each written outgoing key equals what incoming gives (useImpersonation and mfa default to false).
      const effectiveIn = (k: string) => (ctx.has([...incoming, k]) ? ctx.value([...incoming, k]) : k === 'useImpersonation' || k === 'mfa' ? false : undefined);
      const same = written.every((k) => effectiveIn(k) !== undefined && JSON.stringify(ctx.value([...outgoing, k])) === JSON.stringify(effectiveIn(k)));
      const outValue = ctx.value(outgoing);
      const onlyCredentials = !!outValue && typeof outValue === 'object' && Object.keys(outValue).every((k) => (written as string[]).includes(k));
      const outgoingFix = !written.length
        ? undefined
        : !same
          ? // Without outgoing.authenticateUsing the separate connection would lack it (schema/required).
            ctx.fix('Set useSameSettingsForOutgoing to false', [ctx.edit.set([...p.path, 'useSameSettingsForOutgoing'], false)], {
              isPreferred: written.includes('authenticateUsing'),
            })
          : onlyCredentials
            ? ctx.fix('Remove outgoing', [ctx.edit.remove(outgoing)], { isPreferred: true })
            : ctx.fix(`Remove ${joinParts(written.map((k) => `outgoing.${k}`))}`, joinEdits(ctx, written.map((k) => ctx.edit.remove([...outgoing, k]))), { isPreferred: true });
      for (const key of CREDENTIAL_KEYS) {
        const at: Path = [...outgoing, key];
        if (!ctx.has(at)) continue;
        ctx.report({
          at,
          part: 'key',
          message: `Outgoing credentials are ignored while useSameSettingsForOutgoing is true (profile '${p.id}', outgoing.${key}).`,
          related: [{ at: [...p.path, 'useSameSettingsForOutgoing'], message: 'useSameSettingsForOutgoing: true set here' }],
          fixes: [outgoingFix],
        });
      }
    }
  },
});
