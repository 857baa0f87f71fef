import { defineRule } from './define';
import type { Path } from '../types';

const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const EWS_PATH = /\/EWS\//i;

/** The host name of a location: scheme, user info, port and path removed; undefined when empty. */
function hostOf(location: string): string | undefined {
  let rest = location.trim().replace(URL_SCHEME, '');
  const at = rest.search(/[/?#]/);
  const authority = at < 0 ? rest : rest.slice(0, at);
  rest = authority.slice(authority.lastIndexOf('@') + 1);
  const host = rest.startsWith('[') ? rest.slice(0, rest.indexOf(']') + 1) : rest.split(':')[0];
  return host || undefined;
}

/** Whether `value` is a mapping whose only key is `key`. */
function onlyKey(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && key in value;
}

export default defineRule({
  id: 'mixed-protocols',
  set: 'core',
  severity: 'error',
  hasFix: true,
  summary: 'A server location of the other protocol family: a POP3/SMTP host on an Exchange profile, or an EWS URL on a POP3/IMAP profile.',
  docs: `A configuration that mixes Exchange with SMTP, or POP3 with Exchange, is not supported. Exchange
profiles use EWS for both directions, so their locations are EWS URLs
(\`https://host/EWS/Exchange.asmx\`); POP3/SMTP and IMAP/SMTP profiles take host names
(\`pop.mail.yahoo.com\`, \`smtp.mail.yahoo.com\`). A host name on an Exchange profile (for example an SMTP
relay for outgoing mail) or a URL on a POP3/IMAP profile points at the other protocol family.

### Invalid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
    outgoing:
      serverLocation: smtp.fabrikam.local
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
\`\`\`

Source: S1, S2, S3.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      const family = p.family;
      if (family === undefined) continue;
      for (const dir of ['incoming', 'outgoing'] as const) {
        const at: Path = [...p.path, dir, 'serverLocation'];
        const location = ctx.value(at);
        if (typeof location !== 'string' || !ctx.known(at)) continue;
        const hasScheme = URL_SCHEME.test(location);
        const wrong = family === 'EX' ? !hasScheme : hasScheme || EWS_PATH.test(location);
        if (!wrong) continue;
        const expected = family === 'EX' ? 'an Exchange (EWS URL) location' : 'a POP3/IMAP/SMTP host name';
        let fix;
        if (family === 'IM') {
          // (b): the URL's host name.
          const host = hostOf(location);
          fix = host ? ctx.fix(`Set serverLocation to ${host}`, [ctx.edit.set(at, host)], { isPreferred: true }) : undefined;
        } else if (dir === 'incoming') {
          // (a), incoming: the EWS URL on that host.
          const url = `https://${location.trim().replace(/\/+$/, '')}/EWS/Exchange.asmx`;
          fix = ctx.fix(`Set serverLocation to ${url}`, [ctx.edit.set(at, url)], { isPreferred: true });
        } else {
          // (a), outgoing: remove it so that it inherits the incoming EWS URL. When it is the only
          // key of a block `outgoing:`, remove that key too (an empty `outgoing:` is null).
          const outgoing: Path = [...p.path, 'outgoing'];
          fix = ctx.fix('Remove outgoing.serverLocation', [ctx.edit.remove(onlyKey(ctx.value(outgoing), 'serverLocation') ? outgoing : at)], { isPreferred: true });
        }
        ctx.report({
          at,
          message: `Mixing Exchange with SMTP or POP3 in one configuration is not supported: '${location}' is not ${expected} (profile '${p.id}' is ${p.serverType}).`,
          related: [{ at: [...p.path, 'serverType'], message: `Server type ${p.serverType} set here` }],
          fixes: [fix],
        });
      }
    }
  },
});
