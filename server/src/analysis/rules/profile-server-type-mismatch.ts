import { defineRule } from './define';
import { EXPECTED_SERVER_TYPE, notFlaggedOnpremExchangeOnline } from './support/topology';
import { article } from './support/wording';
import type { MailSystemKind } from '../model';

export default defineRule({
  id: 'profile-server-type-mismatch',
  set: 'core',
  severity: 'error',
  hasFix: true,
  summary: "A profile's serverType is not the type that the deployment and its mail system's kind require.",
  docs: `The Email Server Type of a profile follows from where CRM runs and what hosts the mailboxes.
CRM Online reaches Exchange Online with the Exchange Online profile and Exchange Server
on-premises only with an Exchange Server (Hybrid) profile, which the Power Platform admin center
calls "Exchange Server (On Prem)". CRM on-premises reaches Exchange Server with an Exchange Server
profile and Exchange Online only with an Exchange Online (Hybrid) profile, from CRM 2016 SP1 (8.1)
on (on 8.0, \`crm-onprem-exchange-online\` reports the profile instead). Every other profile
type would sign in to Exchange Online with Basic authentication, which Exchange Online no longer
accepts. POP3/SMTP and IMAP/SMTP mail systems take the profile type of the same name. Any other
combination cannot connect. (IMAP/SMTP on-premises is reported by \`imap-unavailable\`.)

Both fixes are unsafe: a new server type or mail system changes what the profile connects, and it
usually brings its own required settings (for example \`exchange-online-hybrid-prerequisites\` or
\`hybrid-exchange-impersonation\`). None is preferred.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: northwind
  deployment: online
  tenantId: 9d0e51a2-7c44-4f31-8b3e-61c2f0a9d7b4
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.northwind.com/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@northwind.com
      password: { secretRef: "env:NORTHWIND_SVC_PWD" }
mailboxes:
  carol: { kind: user, emailAddress: carol@northwind.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: northwind
  deployment: online
  tenantId: 9d0e51a2-7c44-4f31-8b3e-61c2f0a9d7b4
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServerHybrid
    mailSystem: exch
    incoming:
      serverLocation: https://mail.northwind.com/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@northwind.com
      password: { secretRef: "env:NORTHWIND_SVC_PWD" }
mailboxes:
  carol: { kind: user, emailAddress: carol@northwind.com, approval: approved }
\`\`\`

Source: S2, S6, S9, S13, S34, S36.`,
  check(ctx) {
    const plan = ctx.plan;
    const dep = plan.deployment;
    if (dep === undefined) return;
    for (const p of plan.profiles) {
      const ms = p.mailSystem;
      const type = p.serverType;
      if (!ms || ms.kind === undefined || type === undefined) continue;
      // Yields to crm-onprem-exchange-online (on-premises 8.0): a profile it reports gets no
      // second finding. From 8.1 the on-premises row applies as shown.
      if (!notFlaggedOnpremExchangeOnline(plan, p)) continue;
      const expected = EXPECTED_SERVER_TYPE[dep][ms.kind];
      if (type === expected) continue;
      let message: string;
      if (dep === 'onPremises' && ms.kind === 'exchangeOnline') {
        message = `On-premises CRM reaches Exchange Online only through an Exchange Online (Hybrid) profile (CRM 8.1 or later); other profile types sign in with Basic authentication, which Exchange Online no longer accepts (profile '${p.id}' is ${type}).`;
      } else if (dep === 'online' && ms.kind === 'exchangeOnline') {
        message = `CRM Online reaches Exchange Online only through the Exchange Online profile; other profile types sign in with Basic authentication, which Exchange Online no longer accepts (profile '${p.id}' is ${type}).`;
      } else if (dep === 'online' && ms.kind === 'exchangeServer') {
        message = `CRM Online reaches Exchange Server only through an Exchange Server (Hybrid) profile, "Exchange Server (On Prem)" in the admin center (profile '${p.id}' is ${type}).`;
      } else {
        message = `${article(type) === 'an' ? 'An' : 'A'} ${type} profile cannot connect to ${article(ms.kind)} ${ms.kind} mail system in ${article(dep)} ${dep} deployment; expected ${expected} (profile '${p.id}').`;
      }
      // Mail systems whose kind makes the current serverType right for dep.
      const fitting = (Object.keys(EXPECTED_SERVER_TYPE[dep]) as MailSystemKind[]).filter((k) => EXPECTED_SERVER_TYPE[dep][k] === type);
      const others = plan.mailSystems.filter((s) => s !== ms && s.kind !== undefined && fitting.includes(s.kind));
      ctx.report({
        at: [...p.path, 'serverType'],
        message,
        related: [
          { at: [...p.path, 'mailSystem'], message: `Mail system '${ms.id}' chosen here` },
          { at: [...ms.path, 'kind'], message: `Mail system kind ${ms.kind} set here` },
          { at: ['organization', 'deployment'], message: `Deployment ${dep} set here` },
        ],
        // Both unsafe (server type, mail system): none is preferred.
        fixes: [
          ctx.fix(`Set serverType to ${expected}`, [ctx.edit.set([...p.path, 'serverType'], expected)], { unsafe: true }),
          ...others.map((s) => ctx.fix(`Set mailSystem to ${s.id}`, [ctx.edit.set([...p.path, 'mailSystem'], s.id)], { unsafe: true })),
        ],
      });
    }
  },
});
