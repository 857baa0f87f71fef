import { defineRule } from './define';
import { DEPLOYMENT_SETTINGS } from './support/transport';

export default defineRule({
  id: 'deployment-settings-online',
  set: 'extended',
  severity: 'error',
  summary: '`organization.deploymentSettings` is written in a plan for CRM Online.',
  hasFix: true,
  docs: `Deployment settings such as \`AllowNonSSLEmail\` are deployment-wide properties of an on-premises
CRM installation, read and changed with the CRM PowerShell snap-in. CRM Online has no such
settings that a customer can change, so writing them in an online plan records something that
cannot be applied, and they never relax any check there. Remove \`deploymentSettings\`.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
  deploymentSettings:
    allowNonSslEmail: true
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S23.`,
  check(ctx) {
    if (ctx.plan.deployment !== 'online') return;
    if (!ctx.has(DEPLOYMENT_SETTINGS) || !ctx.known(DEPLOYMENT_SETTINGS)) return;
    ctx.report({
      at: DEPLOYMENT_SETTINGS,
      part: 'key',
      fixes: [ctx.fix('Remove deploymentSettings', [ctx.edit.remove(DEPLOYMENT_SETTINGS)], { isPreferred: true })],
      message: 'Deployment settings are changed with PowerShell on-premises and do not exist in CRM Online (organization.deployment: online).',
    });
  },
});
