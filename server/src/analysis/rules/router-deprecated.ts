import { defineRule } from './define';
import { PROCESS_EMAIL_USING, routerDeprecatedSeverity } from './support/engines';

export default defineRule({
  id: 'router-deprecated',
  set: 'extended',
  severity: { crm2016: null, 'd365-8.2': null, 'd365-9': 'warning' },
  hasFix: true,
  severityNote: 'On d365-9: warning on-premises, error online.',
  summary: 'The Email Router is selected on Dynamics 365 v9, where it is deprecated (on-premises) or no longer works (online).',
  docs: `Microsoft deprecated the Email Router with version 9.0 (July 2018). On-premises it may keep
running, but "this configuration is no longer supported"; for online organizations it stopped
working on 12 April 2021 (then the finding is an error). A v9 plan that still selects
\`processEmailUsing: emailRouter\` should move to server-side synchronization (use "Migrate Email
Router Data" to carry the router's profiles over).

The quick fix sets \`processEmailUsing: serverSideSync\`. It changes the engine, and server-side
synchronization needs server profiles (in a plan without them every processed mailbox becomes
\`mailbox-no-profile\`), so it is offered as unsafe and never applied by fix-all.

### Invalid

\`\`\`yaml
version: 1
baseline: d365-9
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
emailRouter:
  installed: true
systemSettings:
  processEmailUsing: emailRouter
  defaults: { appointmentsContactsTasks: none }
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: d365-9
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  processEmailUsing: serverSideSync
  defaults: { serverProfile: exch, appointmentsContactsTasks: none }
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

Source: S20, S21, S34.`,
  check(ctx) {
    // Evaluated on d365-9 only (severity null elsewhere). The deployment picks severity and
    // message; when it is unknown the finding is skipped (docs/plan-format.md#unknown-values).
    const severity = routerDeprecatedSeverity(ctx.plan);
    if (!severity) return;
    // Switches the engine, which then needs profiles: unsafe, never preferred.
    const fixes = [ctx.fix('Set processEmailUsing to serverSideSync', [ctx.edit.set(PROCESS_EMAIL_USING, 'serverSideSync')], { unsafe: true })];
    if (severity === 'error') {
      ctx.report({
        at: PROCESS_EMAIL_USING,
        severity: 'error',
        message: 'The Email Router stopped working for online organizations in April 2021.',
        fixes,
      });
    } else {
      ctx.report({ at: PROCESS_EMAIL_USING, message: 'The Email Router is deprecated since 9.0 and no longer supported.', fixes });
    }
  },
});
