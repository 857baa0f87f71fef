import { defineRule } from './define';
import type { ProfileModel } from '../model';
import type { Fix, Path } from '../types';
import type { RuleContext } from './define';

/** The hosts the fix inserts for providers whose POP3 and SMTP hosts are well known, for POP3/SMTP only. */
const KNOWN_HOSTS: Readonly<Record<string, { in: string; out: string }>> = {
  gmail: { in: 'pop.gmail.com', out: 'smtp.gmail.com' },
  yahoo: { in: 'pop.mail.yahoo.com', out: 'smtp.mail.yahoo.com' },
};

/**
 * Inserts the missing host of direction `dir`: the provider's host when known (preferred),
 * otherwise the placeholder `""`. An absent `outgoing` is inserted as `outgoing: { serverLocation: … }`.
 */
function hostFix(ctx: RuleContext, p: ProfileModel, dir: 'in' | 'out'): Fix | undefined {
  const provider = p.serverType === 'pop3Smtp' ? p.mailSystem?.provider : undefined;
  const known = provider !== undefined ? KNOWN_HOSTS[provider] : undefined;
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
receive or cannot send mail for the mailboxes of the profile.

### Invalid

\`\`\`yaml
version: 1
organization: { name: tailspin, deployment: online, tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b }
mailSystems:
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: gmail-pop, appointmentsContactsTasks: none }
serverProfiles:
  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming: { serverLocation: pop.gmail.com, port: 995, authenticateUsing: userOrQueue }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@gmail.com
    credentials: { allowUse: true, username: dan.tailspin@gmail.com, password: { secretRef: "env:DAN_GMAIL_PWD" } }
    approval: approved
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: tailspin, deployment: online, tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b }
mailSystems:
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: gmail-pop, appointmentsContactsTasks: none }
serverProfiles:
  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming: { serverLocation: pop.gmail.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.gmail.com, port: 465 }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@gmail.com
    credentials: { allowUse: true, username: dan.tailspin@gmail.com, password: { secretRef: "env:DAN_GMAIL_PWD" } }
    approval: approved
\`\`\`

Source: S8.`,
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
