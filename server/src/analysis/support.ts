/**
 * Which authentication options and server types are supported where: the domain knowledge that
 * hovers and completion use to explain and rank values in context (the table of the
 * authentication rules in rules/support/auth-options.ts, and the expected server types of
 * `profile-server-type-mismatch`).
 */
import type { Auth, Deployment, MailSystemKind, ServerType } from './model';
import { familyOf } from './model';
import { rejectedBy } from './rules/support/auth-options';
import { EXPECTED_SERVER_TYPE } from './rules/support/topology';

export const AUTH_VALUES: readonly Auth[] = ['userOrQueue', 'serverProfile', 'serverToServer', 'windowsIntegrated', 'anonymous'];

export interface Verdict {
  /** True when no rule reports this value here (other rules about credentials may still apply). */
  readonly supported: boolean;
  /** The rule that reports it when unsupported. */
  readonly ruleId?: string;
  /** A condition that comes with a supported value. */
  readonly note?: string;
}

/**
 * The verdict for an `authenticateUsing` value on a connection of a profile of `type`, in a
 * deployment `dep` (undefined when unknown: a value supported in some deployment is then
 * "supported"). Read from the table the rules report from (rules/support/auth-options.ts).
 */
export function authVerdict(type: ServerType, value: Auth, dep: Deployment | undefined, dir: 'in' | 'out'): Verdict {
  const deps: readonly Deployment[] = dep ? [dep] : ['onPremises', 'online'];
  const rejections = deps.map((d) => rejectedBy(type, value, d, dir));
  if (rejections.some((rules) => rules.length === 0)) return { supported: true, note: supportedNote(type, value) };
  return { supported: false, ruleId: rejections[0][0] };
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
    default:
      return undefined;
  }
}

/** The server type a profile needs for a mail system kind in a deployment (the table of `profile-server-type-mismatch`). */
export function expectedServerType(dep: Deployment, kind: MailSystemKind): ServerType {
  return EXPECTED_SERVER_TYPE[dep][kind];
}
