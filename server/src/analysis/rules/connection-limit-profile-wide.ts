import { defineRule } from './define';
import type { Path } from '../types';

export default defineRule({
  id: 'connection-limit-profile-wide',
  set: 'extended',
  severity: 'info',
  summary: 'A profile with its own credentials sets a connection limit above 10, which then applies to the whole profile.',
  docs: `"Maximum Concurrent Connections" (default 10) counts connections per mailbox when each mailbox
signs in with its own credentials, but per profile when the credentials are stored in the profile
(\`authenticateUsing: serverProfile\`): all mailboxes of the profile then share one account and one
connection budget towards the mail server. A raised limit is then a limit for the service account
as a whole; make sure the mail server's throttling policy for that account allows it.

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
      username: svc-crm@contoso.com
      password: { secretRef: "env:CONTOSO_SVC_CRM_PWD" }
    advanced: { maxConcurrentConnections: 40 }
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
      username: svc-crm@contoso.com
      password: { secretRef: "env:CONTOSO_SVC_CRM_PWD" }
    advanced: { maxConcurrentConnections: 10 }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S6, S13.`,
  check(ctx) {
    for (const p of ctx.plan.profiles) {
      if (p.incoming.auth !== 'serverProfile') continue;
      const at: Path = [...p.path, 'advanced', 'maxConcurrentConnections'];
      const v = ctx.value(at);
      if (!ctx.known(at) || typeof v !== 'number' || v <= 10) continue;
      ctx.report({
        at,
        message: `With credentials stored in the profile, this connection limit (${v}) applies to the whole profile '${p.id}', not to each mailbox.`,
      });
    }
  },
});
