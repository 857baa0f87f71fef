import { defineRule } from './define';
import { notFlaggedOnpremExchangeOnline } from './support/topology';

export default defineRule({
  id: 'exchange-online-hybrid-no-owa',
  set: 'extended',
  severity: 'info',
  summary: 'On-premises CRM with Exchange Online (Hybrid): the App for Outlook in Outlook on the web is not supported.',
  docs: `CRM on-premises can synchronize with Exchange Online through an Exchange Online (Hybrid) profile,
but with limits: the Dynamics 365 App for Outlook does not work in Outlook on the web (it still
works in the Outlook desktop client). This is a reminder for the users of such a plan, not an
error. It applies from CRM 2016 SP1 (8.1), the first on-premises version with the Exchange Online
(Hybrid) profile; on 8.0 \`crm-onprem-exchange-online\` reports the profile instead.

### Invalid

\`\`\`yaml
version: 1
baseline: d365-9
organization:
  name: adatum
  deployment: onPremises
  ifd: true
  hybridConnector: true
  s2sCertificate: { thumbprint: "7A1B2C3D4E5F60718293A4B5C6D7E8F901234567", keySpec: 1 }
mailSystems:
  exo: { kind: exchangeOnline, tenantId: c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f }
systemSettings:
  defaults: { serverProfile: exo-hybrid }
serverProfiles:
  exo-hybrid:
    serverType: exchangeOnlineHybrid
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  frank: { kind: user, emailAddress: frank@adatum.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: d365-9
organization: { name: adatum, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.adatum.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
mailboxes:
  frank: { kind: user, emailAddress: frank@adatum.com, approval: approved }
\`\`\`

Source: S1, S2, S34.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.deployment !== 'onPremises') return;
    for (const p of plan.profiles) {
      if (!plan.usedProfileIds.has(p.id) || p.serverType !== 'exchangeOnlineHybrid') continue;
      // Yields to crm-onprem-exchange-online (on-premises 8.0 only): a profile it reports gets no second finding.
      if (!notFlaggedOnpremExchangeOnline(plan, p)) continue;
      ctx.report({
        at: [...p.path, 'serverType'],
        message: `With Exchange Online (Hybrid), the App for Outlook in Outlook on the web is not supported (profile '${p.id}').`,
      });
    }
  },
});
