import { defineRule } from './define';
import type { ProfileModel } from '../model';
import type { Path } from '../types';
import { credentialKeyPath } from './support/auth';
import { writtenValue } from './support/logic';

/** `DOMAIN\user` form: one backslash, no `@`, no white space. */
const DOMAIN_USER = /^[^\\@\s]+\\[^\\@\s]+$/;

const isDomainUser = (v: unknown): v is string => typeof v === 'string' && DOMAIN_USER.test(v);

/** The message's second part: why a UPN, and what goes wrong without one. */
const WHY =
  "Exchange profile and mailbox user names should be UPNs (user@domain). With DOMAIN\\user, Test Connection can fail with 'The SMTP address has no mailbox associated with it' or '401 Unauthorized'.";

export default defineRule({
  id: 'username-not-upn',
  set: 'extended',
  scope: 'mailbox',
  hasFix: true,
  severity: 'warning',
  severityNote: 'Information when the deployment is onPremises.',
  summary: 'An Exchange profile user name, or the mailbox user name an Exchange profile uses, is written as DOMAIN\\user instead of a UPN.',
  docs: `Exchange profiles sign in with a user name and password either as the profile's own service
account (\`serverProfile\`) or with each mailbox's credentials (\`userOrQueue\`). Microsoft's
troubleshooting articles for Test Connection say the User Name must be in the UPN (user principal
name) format, \`user@contoso.com\`, and that the error "The SMTP address has no mailbox associated
with it" or a 401 Unauthorized can occur when it is written as \`domain\\username\`. The articles are
about Dynamics 365 (online), so the rule warns there; the on-premises Exchange profile page names
no format, so on-premises it is information. The mailbox's credentials are reported only when its
profile uses them, and not for an inactive mailbox. There is no fix for a profile's user name
(the UPN suffix is not in the plan); a mailbox's user name can be set to its email address, which
is usually its UPN, but only the author can confirm that.

### Invalid

\`\`\`yaml
version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.1"
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exch2016: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch-hybrid }
serverProfiles:
  exch-hybrid:
    serverType: exchangeServerHybrid
    mailSystem: exch2016
    autodiscover: true
    incoming:
      authenticateUsing: serverProfile
      useImpersonation: true
      username: CONTOSO\\svc-crm
      password: { secretRef: "env:CONTOSO_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.1"
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exch2016: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch-hybrid }
serverProfiles:
  exch-hybrid:
    serverType: exchangeServerHybrid
    mailSystem: exch2016
    autodiscover: true
    incoming:
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@contoso.com
      password: { secretRef: "env:CONTOSO_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S7, S41, S42.`,
  check(ctx) {
    const plan = ctx.plan;
    // Warning online, information on-premises; the severity needs a known deployment.
    if (plan.deployment === undefined) return;
    const severity = plan.deployment === 'onPremises' ? 'info' : 'warning';
    const related = (p: ProfileModel) => [{ at: [...p.path, 'serverType'], message: `Profile '${p.id}' is ${p.serverType}` }];

    // (a) a profile's own service account: a credential connection signing in with serverProfile.
    for (const p of plan.profiles) {
      if (p.family !== 'EX') continue;
      for (const c of p.credentialConnections) {
        if (c.auth !== 'serverProfile') continue;
        const at = credentialKeyPath(c, 'username');
        const u = writtenValue(ctx, at);
        if (!isDomainUser(u)) continue;
        ctx.report({ at, severity, message: `User name '${u}' of profile '${p.id}' is written as DOMAIN\\user; ${WHY}`, related: related(p) });
      }
    }

    // (b) a mailbox's own credentials, when its Exchange profile uses them.
    for (const m of plan.mailboxes) {
      // An inactive mailbox is not synchronized, so it is not checked (nor one whose `active` is unknown).
      if (m.active !== true) continue;
      const at: Path = [...m.path, 'credentials', 'username'];
      const u = writtenValue(ctx, at);
      if (!isDomainUser(u)) continue;
      const p = m.profile;
      if (!p || m.profileUnknown || p.family !== 'EX') continue;
      const auths = [p.incoming.auth, p.outgoing.auth];
      if (!auths.includes('userOrQueue')) continue;
      // Not preferred: it overwrites a user name the plan cannot verify (the UPN should match the
      // address of the user's mailbox, which is usually so but not always).
      const address = m.emailAddress;
      ctx.report({
        at,
        severity,
        message: `User name '${u}' of mailbox '${m.id}' is written as DOMAIN\\user; ${WHY}`,
        related: related(p),
        fixes: address !== undefined ? [ctx.fix(`Set credentials.username to ${address}`, [ctx.edit.set(at, address)])] : [],
      });
    }
  },
});
