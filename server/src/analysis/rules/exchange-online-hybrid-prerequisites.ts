import { defineRule, type RelatedSpec } from './define';
import { notFlaggedOnpremExchangeOnline } from './support/topology';
import { joinEdits } from './support/edits';
import type { Path, TextEdit } from '../types';

export default defineRule({
  id: 'exchange-online-hybrid-prerequisites',
  set: 'extended',
  severity: 'error',
  hasFix: true,
  summary: 'An Exchange Online (Hybrid) profile lacks IFD, the Hybrid Connector, the S2S certificate or the Exchange Online tenant id.',
  docs: `CRM on-premises reaches Exchange Online through server-to-server authentication set up by the
Dynamics 365 Hybrid Connector. That needs an Internet-facing deployment (IFD, hence HTTPS), the
Hybrid Connector itself, an X.509 certificate (key spec 1) installed on every server that runs the
Asynchronous Service, and the Exchange Online tenant id, either registered with PowerShell
(\`useDefaultTenantId: true\`) or typed into the profile (\`exchangeOnlineTenantId\`). Without any
one of them the profile cannot connect. The profile exists from CRM 2016 SP1 (8.1) on; on 8.0
\`crm-onprem-exchange-online\` reports the profile instead, and this rule is silent.

### Invalid

\`\`\`yaml
version: 1
baseline: d365-8.2
organization:
  name: coho-winery
  deployment: onPremises
  ifd: true
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f }
systemSettings:
  defaults: { serverProfile: exo-hybrid }
serverProfiles:
  exo-hybrid:
    serverType: exchangeOnlineHybrid
    mailSystem: exo
    useDefaultTenantId: false
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  vera: { kind: user, emailAddress: vera@cohowinery.example, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: d365-8.2
organization:
  name: coho-winery
  deployment: onPremises
  ifd: true
  hybridConnector: true
  s2sCertificate: { thumbprint: "7A1B2C3D4E5F60718293A4B5C6D7E8F901234567", keySpec: 1 }
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f }
systemSettings:
  defaults: { serverProfile: exo-hybrid }
serverProfiles:
  exo-hybrid:
    serverType: exchangeOnlineHybrid
    mailSystem: exo
    useDefaultTenantId: false
    exchangeOnlineTenantId: 8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  vera: { kind: user, emailAddress: vera@cohowinery.example, approval: approved }
\`\`\`

Source: S9, S34.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.deployment !== 'onPremises') return;
    const org: Path = ['organization'];
    /** Effective organization boolean (default false); undefined when unknown. */
    const orgFlag = (key: string): boolean | undefined => {
      const p = [...org, key];
      if (!ctx.has(p)) return ctx.known(p) ? false : undefined;
      const v = ctx.value(p);
      return ctx.known(p) && typeof v === 'boolean' ? v : undefined;
    };
    const ifd = orgFlag('ifd');
    const connector = orgFlag('hybridConnector');
    const certPath: Path = [...org, 's2sCertificate'];
    if (ifd === undefined || connector === undefined || !ctx.known(certPath)) return;
    const hasCert = ctx.has(certPath);

    for (const p of plan.profiles) {
      if (p.serverType !== 'exchangeOnlineHybrid') continue;
      // Yields to crm-onprem-exchange-online (on-premises 8.0 only): a profile it reports gets no second finding.
      if (!notFlaggedOnpremExchangeOnline(plan, p)) continue;
      const udtPath: Path = [...p.path, 'useDefaultTenantId'];
      const udtRaw = ctx.value(udtPath);
      if (udtRaw !== undefined && (!ctx.known(udtPath) || typeof udtRaw !== 'boolean')) continue;
      const useDefaultTenantId = udtRaw === undefined ? true : udtRaw;

      const missing: string[] = [];
      const related: RelatedSpec[] = [];
      const notSetInOrg: string[] = [];
      /** One fix per missing item, then one that adds them all. */
      const items: { title: string; edit: TextEdit | undefined; placeholder: boolean }[] = [];
      if (ifd !== true) {
        items.push({ title: 'Set ifd to true', edit: ctx.edit.set([...org, 'ifd'], true), placeholder: false });
        missing.push('IFD');
        if (ctx.has([...org, 'ifd'])) related.push({ at: [...org, 'ifd'], message: 'IFD is off here' });
        else notSetInOrg.push('ifd: true');
      }
      if (connector !== true) {
        items.push({ title: 'Set hybridConnector to true', edit: ctx.edit.set([...org, 'hybridConnector'], true), placeholder: false });
        missing.push('Hybrid Connector');
        if (ctx.has([...org, 'hybridConnector'])) related.push({ at: [...org, 'hybridConnector'], message: 'Hybrid Connector is off here' });
        else notSetInOrg.push('hybridConnector: true');
      }
      if (!hasCert) {
        const cert = '{ thumbprint: "", keySpec: 1 }';
        items.push({ title: `Set s2sCertificate to ${cert}`, edit: ctx.edit.setRaw(certPath, cert), placeholder: true });
        missing.push('S2S certificate');
        notSetInOrg.push('s2sCertificate');
      }
      if (useDefaultTenantId === false && !ctx.has([...p.path, 'exchangeOnlineTenantId'])) {
        // The mail system's tenant when known; otherwise the placeholder "".
        const tenant = p.mailSystem?.tenantId;
        items.push({
          title: `Set exchangeOnlineTenantId to ${tenant ?? '""'}`,
          edit: ctx.edit.set([...p.path, 'exchangeOnlineTenantId'], tenant ?? ''),
          placeholder: tenant === undefined,
        });
        missing.push('Exchange Online tenant id');
        related.push({ at: udtPath, message: 'Default tenant id switched off, and no exchangeOnlineTenantId is written' });
      }
      if (missing.length === 0) continue;
      if (notSetInOrg.length) related.unshift({ at: org, part: 'key', message: `Not set in organization: ${notSetInOrg.join(', ')}` });
      ctx.report({
        at: [...p.path, 'serverType'],
        message: `Exchange Online (Hybrid) needs IFD, the Dynamics 365 Hybrid Connector, an S2S certificate and the Exchange Online tenant id. Missing for profile '${p.id}': ${missing.join(', ')}.`,
        related,
        fixes: [
          // A single missing item is its own "Add all": preferred when it needs no placeholder.
          ...items.map((it) => ctx.fix(it.title, [it.edit], { isPreferred: items.length === 1 && !it.placeholder })),
          items.length > 1
            ? ctx.fix('Add all', joinEdits(ctx, items.map((it) => it.edit)), { isPreferred: !items.some((it) => it.placeholder) })
            : undefined,
        ],
      });
    }
  },
});
