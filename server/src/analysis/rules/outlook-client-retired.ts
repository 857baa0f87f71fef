import { defineRule, type RuleContext } from './define';
import type { Path } from '../types';
import type { ProfileModel } from '../model';
import { DEFAULTS } from './support/engines';
import { METHOD_KEYS, writtenValue, type MethodKey } from './support/logic';

export default defineRule({
  id: 'outlook-client-retired',
  set: 'extended',
  scope: 'mailbox',
  severity: { crm2016: null, 'd365-8.2': null, 'd365-9': 'warning' },
  hasFix: true,
  severityNote: 'On d365-9, online organizations only.',
  summary: 'A synchronization method is set to the Outlook client, which was retired for Dynamics 365 online.',
  docs: `Dynamics 365 for Outlook, the legacy COM add-in that could synchronize a user's email and
appointments, contacts and tasks while Outlook was running, was retired for online organizations
in October and December 2020. On a v9 online plan, a method \`outlook\` (in the defaults or on a
mailbox, for incoming, outgoing or ACT) no longer synchronizes anything. Use server-side
synchronization instead, or \`none\` for ACT when the profile is not Exchange. Server-side
synchronization is the preferred fix only when the plan stays free of new errors and warnings:
the mailbox is then processed by server-side synchronization and may need a profile, an address or
credentials. Inactive mailboxes are skipped, since they are not synchronized at all.

### Invalid

\`\`\`yaml
version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default, appointmentsContactsTasks: outlook }
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
baseline: d365-9
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default, appointmentsContactsTasks: serverSideSync }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S21, S24.`,
  check(ctx) {
    const plan = ctx.plan;
    if (plan.baseline !== 'd365-9' || plan.deployment !== 'online') return;
    const report = (at: Path, owner: string, key: MethodKey, profileInEx: boolean | undefined) =>
      ctx.report({
        at,
        message: `Dynamics 365 for Outlook was retired for online organizations in 2020 (${owner} ${key}: outlook).`,
        fixes: outlookFixes(ctx, at, key, profileInEx),
      });
    // The effective profile of the defaults is the default profile; none written is not EX.
    const d = plan.defaults;
    const defaultInEx = d.serverProfileWritten && !d.serverProfile ? undefined : inEx(d.serverProfile);
    for (const key of METHOD_KEYS) {
      const at: Path = [...DEFAULTS, key];
      if (writtenValue(ctx, at) === 'outlook') report(at, 'default', key, defaultInEx);
    }
    for (const m of plan.mailboxes) {
      // An inactive mailbox is not synchronized (an unknown `active` is skipped as well).
      if (m.active !== true) continue;
      const mailboxInEx = m.profileUnknown ? undefined : inEx(m.profile);
      for (const key of METHOD_KEYS) {
        const at: Path = [...m.path, key];
        if (writtenValue(ctx, at) === 'outlook') report(at, `mailbox '${m.id}'`, key, mailboxInEx);
      }
    }
  },
});

/** Whether a resolved (or absent) profile is in EX; undefined when its type is unknown. */
function inEx(p: ProfileModel | undefined): boolean | undefined {
  if (!p) return false;
  return p.family === undefined ? undefined : p.family === 'EX';
}

/**
 * The fixes: set serverSideSync (preferred, confirmed by re-analysis like every preferred fix);
 * for ACT, none instead when the effective profile is not in EX. When that profile is unknown,
 * both are offered and neither is preferred.
 */
function outlookFixes(ctx: RuleContext, at: Path, key: MethodKey, profileInEx: boolean | undefined) {
  const sss = (isPreferred: boolean) => ctx.fix(`Set ${key} to serverSideSync`, [ctx.edit.set(at, 'serverSideSync')], { isPreferred });
  const none = (isPreferred: boolean) => ctx.fix(`Set ${key} to none`, [ctx.edit.set(at, 'none')], { isPreferred });
  if (key !== 'appointmentsContactsTasks') return [sss(true)];
  if (profileInEx === undefined) return [sss(false), none(false)];
  return profileInEx ? [sss(true)] : [none(true)];
}
