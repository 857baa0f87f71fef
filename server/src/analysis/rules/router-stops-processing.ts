import { defineRule } from './define';
import { PROCESS_EMAIL_USING } from './support/engines';
import { writtenValue } from './support/logic';

const INSTALLED = ['emailRouter', 'installed'];

export default defineRule({
  id: 'router-stops-processing',
  set: 'core',
  severity: 'warning',
  hasFix: true,
  summary: 'Server-side synchronization is selected while the Email Router is still installed for the organization.',
  docs: `An organization processes email with the Email Router or with server-side synchronization,
never both. Once System Settings › Process Email Using is set to server-side synchronization, the
Email Router stops processing that organization's email, so a router that is still installed no
longer does anything for it. Migrate its settings with "Migrate Email Router Data" and uninstall
it, or keep \`processEmailUsing: emailRouter\` if the router is meant to stay.

### Invalid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
emailRouter:
  installed: true
systemSettings:
  processEmailUsing: serverSideSync
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@fabrikam.local
      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
emailRouter:
  installed: false
systemSettings:
  processEmailUsing: serverSideSync
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@fabrikam.local
      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
\`\`\`

Source: S0, S20.`,
  check(ctx) {
    if (ctx.plan.processEmailUsing !== 'serverSideSync') return;
    if (writtenValue(ctx, INSTALLED) !== true) return;
    ctx.report({
      at: INSTALLED,
      message: "Server-side synchronization is selected, so the Email Router stops processing this organization's email.",
      related: [{ at: PROCESS_EMAIL_USING, message: 'Server-side synchronization selected here' }],
      fixes: [
        // What remains after "Migrate Email Router Data" and uninstalling the router.
        ctx.fix('Set installed to false', [ctx.edit.set(INSTALLED, false)], { isPreferred: true }),
        ctx.fix('Set processEmailUsing to emailRouter', [ctx.edit.set(PROCESS_EMAIL_USING, 'emailRouter')]),
      ],
    });
  },
});
