import { defineRule } from './define';
import type { Path } from '../types';
import { effectiveBool } from './support/logic';

const TRACKING: Path = ['systemSettings', 'tracking'];
const SWITCHES: { path: Path }[] = [
  { path: [...TRACKING, 'correlation'] },
  { path: [...TRACKING, 'smartMatching'] },
  { path: [...TRACKING, 'trackingTokens', 'enabled'] },
];

export default defineRule({
  id: 'email-correlation-disabled',
  set: 'extended',
  severity: 'warning',
  hasFix: true,
  summary: 'Correlation, tracking tokens and smart matching are all switched off.',
  docs: `CRM has three ways to attach a reply to the conversation it belongs to: correlation (the
Exchange conversation id), tracking tokens in the subject, and smart matching of subjects and
recipients. All three are on by default. With all of them off, incoming replies are no longer
linked to the email they answer or to its Regarding record. Keep at least one on, preferably
correlation.

### Invalid

\`\`\`yaml
version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
  tracking:
    correlation: false
    smartMatching: false
    trackingTokens: { enabled: false }
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
systemSettings:
  defaults: { serverProfile: exch }
  tracking:
    correlation: true
    smartMatching: false
    trackingTokens: { enabled: false }
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

Source: S25.`,
  check(ctx) {
    if (!SWITCHES.every((s) => effectiveBool(ctx, s.path, true) === false)) return;
    ctx.report({
      at: TRACKING,
      part: 'key',
      message: 'With correlation, tracking tokens and smart matching all off, replies are not linked to their conversations.',
      fixes: [ctx.fix('Set correlation to true', [ctx.edit.set(SWITCHES[0].path, true)], { isPreferred: true })],
    });
  },
});
