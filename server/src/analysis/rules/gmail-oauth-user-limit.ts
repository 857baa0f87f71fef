import { defineRule } from './define';
import type { ProfileModel } from '../model';
import { writtenAuths } from './support/auth';
import { sssKnownKind } from './support/mailboxes';

/** "The Gmail OAuth email server profile … works for up to 100 users" (S26, S38). */
const GMAIL_OAUTH_USER_LIMIT = 100;

/** A plan with `n` user mailboxes on one Gmail OAuth profile, for the docs examples. */
function planWith(n: number): string {
  const ids = Array.from({ length: n }, (_, i) => `u${String(i + 1).padStart(3, '0')}`);
  const rows: string[] = [];
  for (let i = 0; i < ids.length; i += 3) {
    rows.push('  ' + ids.slice(i, i + 3).map((id) => `${id}: { kind: user, emailAddress: ${id}.tailspin@gmail.com, approval: approved }`).join(', ') + (i + 3 < ids.length ? ',' : ''));
  }
  return `version: 1
baseline: d365-9
organization:
  name: tailspin
  deployment: online
  crmVersion: "9.2"
  tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b
mailSystems:
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: gmail-oauth, appointmentsContactsTasks: none }
serverProfiles:
  gmail-oauth:
    serverType: pop3Smtp
    mailSystem: gmail
    oauth:
      applicationId: 1034862945517-tailspincrm.apps.googleusercontent.com
      clientSecret: { secretRef: "env:TAILSPIN_GMAIL_CLIENT_SECRET" }
    incoming: { serverLocation: pop.gmail.com, port: 995, authenticateUsing: gmailOAuth }
    outgoing: { serverLocation: smtp.gmail.com, port: 587 }
mailboxes: {
${rows.join('\n')}
}
`;
}

export default defineRule({
  id: 'gmail-oauth-user-limit',
  set: 'extended',
  severity: 'warning',
  summary: 'More than 100 mailboxes processed by server-side synchronization use one Gmail OAuth profile.',
  docs: `Microsoft's Gmail OAuth guides say that the Gmail OAuth email server profile "works for up to
100 users" and advise creating several Gmail OAuth profiles to spread more users over them. They
do not say what happens above the limit, so the rule warns. Only mailboxes that server-side
synchronization processes count (active, at least one method Server-Side Synchronization); a
mailbox reaches the profile through its own \`serverProfile\` or the default profile. One finding
per profile. The Invalid example has 101 user mailboxes (\`u001\` to \`u101\`) on the profile;
with 100 there would be no finding.

### Invalid

\`\`\`yaml
${planWith(GMAIL_OAUTH_USER_LIMIT + 1)}\`\`\`

### Valid

\`\`\`yaml
${planWith(3)}\`\`\`

Source: S26, S38.`,
  check(ctx) {
    const plan = ctx.plan;
    const gmail = plan.profiles.filter((p) => writtenAuths(p).some((w) => w.auth === 'gmailOAuth'));
    if (gmail.length === 0) return;
    const counts = new Map<ProfileModel, number>(gmail.map((p) => [p, 0]));
    for (const m of plan.mailboxes) {
      const p = m.profile;
      if (!p || m.profileUnknown || !counts.has(p) || sssKnownKind(plan, m) !== true) continue;
      counts.set(p, counts.get(p)! + 1);
    }
    for (const [p, n] of counts) {
      if (n <= GMAIL_OAUTH_USER_LIMIT) continue;
      ctx.report({
        at: p.path,
        part: 'key',
        message: `A Gmail OAuth profile works for up to ${GMAIL_OAUTH_USER_LIMIT} users; ${n} mailboxes use profile '${p.id}'. Create more Gmail OAuth profiles and spread the mailboxes over them.`,
        related: [{ at: ['mailboxes'], part: 'key', message: `${n} mailboxes processed through profile '${p.id}'` }],
      });
    }
  },
});
