/**
 * Which authentication options and server types are supported where: the domain knowledge that
 * hovers and completion use to explain and rank values in context (the table of the
 * authentication rules in rules/support/auth-options.ts, and the expected server types of
 * `profile-server-type-mismatch`).
 */
import type { Auth, Deployment, MailSystemKind, PlanModel, ProfileModel, ServerType } from './model';
import { familyOf } from './model';
import { completions, rejectedBy, type PartialAuthSetting } from './rules/support/auth-options';
import { authSetting } from './rules/support/auth';
import { EXPECTED_SERVER_TYPE } from './rules/support/topology';

export const AUTH_VALUES: readonly Auth[] = [
  'userOrQueue',
  'serverProfile',
  'serverToServer',
  'windowsIntegrated',
  'anonymous',
  'gmailOAuth',
  'exchangeHybridModernAuth',
  'azureAdOAuth',
];

export interface Verdict {
  /** True when no rule reports this value here (other rules about credentials may still apply). */
  readonly supported: boolean;
  /** The rule that reports it when unsupported. */
  readonly ruleId?: string;
  /** A condition that comes with a supported value. */
  readonly note?: string;
}

/**
 * The verdict for an `authenticateUsing` value on a connection in setting `s` (server type,
 * direction, deployment, baseline, version, Gmail provider, other tenant). Unknown parts of the
 * setting are taken every way: a value supported in one of them is "supported". Read from the
 * table the rules report from (rules/support/auth-options.ts).
 */
export function authVerdict(s: PartialAuthSetting & { readonly type: ServerType }, value: Auth): Verdict {
  const rejections = completions(s).map((full) => rejectedBy(full, value));
  if (rejections.some((rules) => rules.length === 0)) return { supported: true, note: supportedNote(s.type, value) };
  return { supported: false, ruleId: rejections[0][0] };
}

/** The verdict for a value of `authenticateUsing` on profile `p`'s connection `dir` in this plan. */
export function profileAuthVerdict(plan: PlanModel, p: ProfileModel & { readonly serverType: ServerType }, dir: 'in' | 'out', value: Auth): Verdict {
  return authVerdict({ ...authSetting(plan, p, dir), type: p.serverType }, value);
}

/** What comes with a value where it is supported. */
function supportedNote(type: ServerType, value: Auth): string | undefined {
  switch (value) {
    case 'userOrQueue':
      return 'each mailbox needs its own credentials';
    case 'serverProfile':
      if (type === 'exchangeServerHybrid') return 'with useImpersonation: true and the service account in username / password';
      return type === 'exchangeServer' ? 'needs username and password; ACT sync needs useImpersonation: true' : 'needs username and password';
    case 'windowsIntegrated':
      return familyOf(type) === 'IM' ? 'SMTP on CRM on-premises only' : 'CRM on-premises only';
    case 'gmailOAuth':
      return 'needs an OAuth client of the Google Cloud project in oauth (applicationId, clientSecret reference); one profile serves up to 100 mailboxes';
    case 'exchangeHybridModernAuth':
      return 'needs the EWS URL in incoming.serverLocation, Exchange 2013 CU19 or 2016 CU8 or later, and the Hybrid Modern Auth set-up in Microsoft Entra ID and Azure Key Vault';
    case 'azureAdOAuth':
      return "needs an app registration in the mailbox's tenant in oauth (applicationId, clientSecret reference) and that tenant's id; limited support";
    default:
      return undefined;
  }
}

/** The server type a profile needs for a mail system kind in a deployment (the table of `profile-server-type-mismatch`). */
export function expectedServerType(dep: Deployment, kind: MailSystemKind): ServerType {
  return EXPECTED_SERVER_TYPE[dep][kind];
}
