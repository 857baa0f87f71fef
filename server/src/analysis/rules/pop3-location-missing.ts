import { defineRule } from './define';
import type { ProfileModel, ServerType } from '../model';
import type { Fix, Path } from '../types';
import type { RuleContext } from './define';

/**
 * The hosts the fix inserts for providers whose incoming and SMTP hosts are well known, by server
 * type: Gmail over POP3 and over IMAP (the IMAP hosts come from the Gmail OAuth guide), Yahoo! Mail
 * over POP3.
 */
const KNOWN_HOSTS: Readonly<Partial<Record<ServerType, Readonly<Record<string, { in: string; out: string }>>>>> = {
  pop3Smtp: {
    gmail: { in: 'pop.gmail.com', out: 'smtp.gmail.com' },
    yahoo: { in: 'pop.mail.yahoo.com', out: 'smtp.mail.yahoo.com' },
  },
  imapSmtp: {
    gmail: { in: 'imap.gmail.com', out: 'smtp.gmail.com' },
  },
};

/**
 * Inserts the missing host of direction `dir`: the provider's host when known (preferred),
 * otherwise the placeholder `""`. An absent `outgoing` is inserted as `outgoing: { serverLocation: … }`.
 */
function hostFix(ctx: RuleContext, p: ProfileModel, dir: 'in' | 'out'): Fix | undefined {
  const provider = p.mailSystem?.provider;
  const hosts = p.serverType !== undefined ? KNOWN_HOSTS[p.serverType] : undefined;
  const known = hosts && provider !== undefined ? hosts[provider] : undefined;
  const host = known ? known[dir] : '';
  const conn: Path = [...p.path, dir === 'in' ? 'incoming' : 'outgoing'];
  const shown = host === '' ? '""' : host;
  const edit = dir === 'out' && !ctx.has(conn) ? ctx.edit.setRaw(conn, `{ serverLocation: ${shown} }`) : ctx.edit.set([...conn, 'serverLocation'], host);
  return ctx.fix(`Set ${conn[conn.length - 1]}.serverLocation to ${shown}`, [edit], { isPreferred: host !== '' });
}

export default defineRule({
  id: 'pop3-location-missing',
  set: 'extended',
  severity: 'error',
  summary: 'A POP3/IMAP profile has no incoming host or no outgoing (SMTP) host.',
  hasFix: true,
  docs: `A POP3/SMTP or IMAP/SMTP profile reads mail from one host (\`pop.gmail.com\`) and sends through
another (\`smtp.gmail.com\`). Unlike Exchange, where EWS serves both directions, the outgoing
connection does not take the incoming host: both \`incoming.serverLocation\` and
\`outgoing.serverLocation\` must be written. Without them server-side synchronization cannot
receive or cannot send mail for the mailboxes of the profile. For Gmail (POP3 or IMAP) and
Yahoo! Mail (POP3) the fix fills in the provider's well-known host.

### Invalid

\`\`\`yaml
version: 1
organization: { name: tailspin, deployment: online, tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b }
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop, appointmentsContactsTasks: none }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@yahoo.com
    credentials: { allowUse: true, username: dan.tailspin@yahoo.com, password: { secretRef: "env:DAN_YAHOO_PWD" } }
    approval: approved
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: tailspin, deployment: online, tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b }
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop, appointmentsContactsTasks: none }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@yahoo.com
    credentials: { allowUse: true, username: dan.tailspin@yahoo.com, password: { secretRef: "env:DAN_YAHOO_PWD" } }
    approval: approved
\`\`\`

Source: S8, S26.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.family !== 'IM') continue;
      const incoming: Path = [...p.path, 'incoming'];
      if (p.incoming.written && ctx.known(incoming) && !ctx.has([...incoming, 'serverLocation'])) {
        ctx.report({
          at: incoming,
          part: 'key',
          message: `A POP3/IMAP profile needs an incoming host and an SMTP host; profile '${p.id}' has no incoming.serverLocation.`,
          fixes: [hostFix(ctx, p, 'in')],
        });
      }
      const outgoing: Path = [...p.path, 'outgoing'];
      if (!ctx.known(outgoing)) continue;
      if (!ctx.has(outgoing)) {
        ctx.report({
          at: p.path,
          part: 'key',
          message: `A POP3/IMAP profile needs an incoming host and an SMTP host; profile '${p.id}' has no outgoing.serverLocation (no outgoing block).`,
          fixes: [hostFix(ctx, p, 'out')],
        });
      } else if (p.outgoing.written && !ctx.has([...outgoing, 'serverLocation'])) {
        ctx.report({
          at: outgoing,
          part: 'key',
          message: `A POP3/IMAP profile needs an incoming host and an SMTP host; profile '${p.id}' has no outgoing.serverLocation.`,
          fixes: [hostFix(ctx, p, 'out')],
        });
      }
    }
  },
});
