import { defineRule, type RelatedSpec, type RuleContext } from './define';
import type { Auth, PlanModel, ProfileModel } from '../model';
import type { Fix, Path } from '../types';
import { authSetting, rejectsAuth, writtenAuths, type WrittenAuth } from './support/auth';
import { completions, modernAuthValid } from './support/auth-options';
import { baselineChange, joinEdits, serviceAccountFix, setAuthFix } from './support/edits';
import { removeUnusedOAuthEdit, useGmailOAuthFix } from './support/modern-auth';

const LABEL: Partial<Record<Auth, string>> = {
  gmailOAuth: 'Gmail OAuth',
  exchangeHybridModernAuth: 'Exchange Hybrid Modern Auth',
  azureAdOAuth: 'Azure AD OAuth',
};

const WHERE: Partial<Record<Auth, string>> = {
  gmailOAuth: 'a POP3/SMTP or IMAP/SMTP profile for Gmail',
  exchangeHybridModernAuth: 'the Exchange Server (Hybrid) profile of Dynamics 365 online',
  azureAdOAuth: 'the Exchange Online profile of Dynamics 365 online, for another tenant',
};

/**
 * Why a rejected value is unavailable: the profile (server type or provider) is the wrong one
 * for it, or else the product (deployment, baseline, version) does not offer it.
 */
function wrongProfile(plan: PlanModel, p: ProfileModel, w: WrittenAuth): boolean {
  // The value would be valid for this profile on Dynamics 365 online 9.2: then the product is at fault.
  const onToday = completions({ ...authSetting(plan, p, w.conn.dir), dep: 'online', baseline: 'd365-9', version: 9.2 });
  return !onToday.some((s) => modernAuthValid(s, w.auth));
}

export default defineRule({
  id: 'modern-auth-unavailable',
  set: 'extended',
  severity: 'error',
  summary: 'Gmail OAuth, Exchange Hybrid Modern Auth, Azure AD OAuth or the OAuth protocol where the profile, deployment or version does not offer it.',
  hasFix: true,
  docs: `The modern sign-in options exist only in Dynamics 365 (Dataverse): they are in the Dataverse
reference of the email server profile, not in the CRM on-premises 9.x reference. Each belongs to
one kind of profile:

- **Gmail OAuth** (\`gmailOAuth\`): a POP3/SMTP or IMAP/SMTP profile for a Gmail mail system,
  from version 9.1 (online, or on-premises 9.1);
- **Exchange Hybrid Modern Auth** (\`exchangeHybridModernAuth\`): the Exchange Server (Hybrid)
  profile, "Exchange Server (On Prem)" in Dynamics 365 online;
- **Azure AD OAuth** (\`azureAdOAuth\`): the Exchange Online profile of Dynamics 365 online, for
  mailboxes in another tenant ("Oauth (Cross Tenant)").

The authentication protocol \`oauth\` likewise exists only in Dynamics 365 online. Elsewhere
Test & Enable cannot sign in: choose an option the profile offers.

### Invalid

\`\`\`yaml
version: 1
baseline: d365-9
organization: { name: contoso, deployment: onPremises, crmVersion: "9.1", https: true }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.com/EWS/Exchange.asmx
      authenticateUsing: exchangeHybridModernAuth
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

### Valid

\`\`\`yaml
version: 1
baseline: d365-9
organization: { name: contoso, deployment: onPremises, crmVersion: "9.1", https: true }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.com/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
\`\`\`

Source: S13, S26, S27, S35, S36, S37, S38, S39.`,
  check(ctx) {
    const plan = ctx.plan;
    for (const p of plan.profiles) {
      // (a) a modern sign-in value the profile or the product does not offer.
      for (const w of writtenAuths(p)) {
        if (!LABEL[w.auth]) continue;
        if (rejectsAuth(plan, p, w, 'modern-auth-unavailable') !== true) continue;
        const label = LABEL[w.auth]!;
        const related: RelatedSpec[] = [{ at: [...p.path, 'serverType'], message: `Server type ${p.serverType} set here` }];
        let message: string;
        let fixes: (Fix | undefined)[];
        if (wrongProfile(plan, p, w)) {
          message = `${label} works only with ${WHERE[w.auth]}; profile '${p.id}' is ${/^[aeiou]/.test(p.serverType ?? '') ? 'an' : 'a'} ${p.serverType} profile.`;
          if (w.auth === 'gmailOAuth' && p.mailSystem && p.family === 'IM') {
            related.push({ at: [...p.mailSystem.path, p.mailSystem.providerWritten ? 'provider' : 'kind'], message: `Provider ${p.mailSystem.provider} of mail system '${p.mailSystem.id}'` });
          }
          fixes = profileFixes(ctx, p, w);
        } else {
          const dep = plan.deployment === 'online' ? 'Online' : 'on-premises';
          message = `${label} (profile '${p.id}', ${w.conn.dir === 'in' ? 'incoming' : 'outgoing'}) is not available in CRM ${plan.crmVersion} ${dep} (${plan.baseline}): Gmail OAuth needs 9.1 or later; Exchange Hybrid Modern Auth and Azure AD OAuth need Dynamics 365 online.`;
          if (plan.crmVersionWritten) related.push({ at: ['organization', 'crmVersion'], message: `CRM version ${plan.crmVersion} set here` });
          else if (plan.baselineWritten) related.push({ at: ['baseline'], message: `Baseline ${plan.baseline} set here` });
          fixes = [productFix(ctx, p, w)];
        }
        ctx.report({ at: w.at, message, related, fixes });
      }
      // (b) the OAuth authentication protocol outside Dynamics 365 online.
      if (plan.deployment === undefined || (plan.deployment === 'online' && plan.baseline === 'd365-9')) continue;
      for (const c of [p.incoming, p.outgoing]) {
        if (!c.authProtocolWritten || c.authProtocol !== 'oauth') continue;
        const at: Path = [...c.path, 'authProtocol'];
        ctx.report({
          at,
          message: `The OAuth authentication protocol exists only in Dynamics 365 online (Dataverse); profile '${p.id}' is in CRM ${plan.crmVersion} ${plan.deployment === 'online' ? 'Online' : 'on-premises'}.`,
          related: [{ at: plan.deployment === 'onPremises' ? ['organization', 'deployment'] : plan.baselineWritten ? ['baseline'] : ['organization', 'deployment'], message: plan.deployment === 'onPremises' ? 'On-premises deployment set here' : `Baseline ${plan.baseline}` }],
          fixes: [ctx.fix('Set authProtocol to autoDetect', [ctx.edit.set(at, 'autoDetect')], { isPreferred: true })],
        });
      }
    }
  },
});

/**
 * (a), wrong server type or provider: a value the profile's type offers (never preferred: the
 * plan does not tell which sign-in the server really accepts), removing `oauth` when no
 * connection then uses it.
 */
function profileFixes(ctx: RuleContext, p: ProfileModel, w: WrittenAuth): (Fix | undefined)[] {
  const drop = removeUnusedOAuthEdit(ctx, p, w.conn, 'userOrQueue');
  const withDrop = (fix: Fix | undefined, suffix: string): Fix | undefined =>
    fix && drop ? ctx.fix(`${fix.title}${suffix}`, joinEdits(ctx, [...fix.edits, drop])) : fix;
  if (p.serverType === 'exchangeServer') {
    const account = serviceAccountFix(ctx, p, w.conn, { impersonation: true });
    return [withDrop(account, ' and remove oauth')];
  }
  if (p.family !== 'IM') return [];
  // Gmail takes only Gmail OAuth; other providers a mailbox's own credentials.
  if (p.mailSystem?.provider === 'gmail') return [useGmailOAuthFix(ctx, p)];
  return [withDrop(setAuthFix(ctx, w.conn, 'userOrQueue'), ' and remove oauth')];
}

/**
 * (a), wrong baseline or version: move the plan to d365-9 (and 9.1 for Gmail OAuth below it),
 * when that makes the value valid without changing the deployment. Unsafe (baseline, version).
 */
function productFix(ctx: RuleContext, p: ProfileModel, w: WrittenAuth): Fix | undefined {
  const plan = ctx.plan;
  const version = w.auth === 'gmailOAuth' && plan.crmVersionNumber < 9.1 ? '9.1' : plan.crmVersionNumber >= 9 ? plan.crmVersion : '9.0';
  const after = completions({ ...authSetting(plan, p, w.conn.dir), baseline: 'd365-9', version: Number(version) });
  if (!after.every((s) => modernAuthValid(s, w.auth))) return undefined;
  const change = baselineChange(ctx, 'd365-9', version);
  const versionPath: Path = ['organization', 'crmVersion'];
  if (version !== '9.0' && !ctx.has(versionPath)) {
    const edits = [...(change?.edits ?? []), ctx.edit.set(versionPath, version)];
    const title = change ? `${change.title} and crmVersion to ${version}` : `Set crmVersion to ${version}`;
    return ctx.fix(title, joinEdits(ctx, edits), { unsafe: true });
  }
  return change ? ctx.fix(change.title, change.edits, { unsafe: true }) : undefined;
}
