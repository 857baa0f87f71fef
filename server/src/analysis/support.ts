/**
 * Which authentication options and server types are supported where: the domain knowledge that
 * hovers and completion use to explain and rank values in context (rules.md §3, and the
 * expected server types of `profile-server-type-mismatch`).
 */
import type { Auth, Deployment, MailSystemKind, ServerType } from './model';
import { familyOf } from './model';

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
 * deployment `dep` (undefined when unknown: deployment-dependent cases are then "supported").
 */
export function authVerdict(type: ServerType, value: Auth, dep: Deployment | undefined, dir: 'in' | 'out'): Verdict {
  const online = dep === 'online';
  const ok = (note?: string): Verdict => ({ supported: true, note });
  const no = (ruleId: string): Verdict => ({ supported: false, ruleId });
  if (type === 'exchangeOnline' || type === 'exchangeOnlineHybrid') {
    if (value === 'serverToServer') return ok();
    if (value === 'anonymous') return no('anonymous-auth-exchange');
    if (value === 'windowsIntegrated' && online) return no('windows-auth-online');
    return no('exchange-online-requires-s2s');
  }
  if (type === 'exchangeServerHybrid') {
    if (value === 'serverProfile') return ok('with useImpersonation: true and the service account in username / password');
    if (value === 'anonymous') return no('anonymous-auth-exchange');
    if (value === 'windowsIntegrated' && online) return no('windows-auth-online');
    return no('hybrid-exchange-impersonation');
  }
  if (type === 'exchangeServer') {
    if (value === 'userOrQueue') return ok('each mailbox needs its own credentials');
    if (value === 'serverProfile') return ok('needs username and password; ACT sync needs useImpersonation: true');
    if (value === 'serverToServer') return no('s2s-non-exchange-online');
    if (value === 'windowsIntegrated') return online ? no('windows-auth-online') : ok('CRM on-premises only');
    return no('anonymous-auth-exchange');
  }
  // Internet-mail family: POP3/IMAP incoming, SMTP outgoing.
  if (value === 'userOrQueue') return ok('each mailbox needs its own credentials');
  if (value === 'serverProfile') return ok('needs username and password');
  if (value === 'serverToServer') return no('s2s-non-exchange-online');
  if (value === 'windowsIntegrated') {
    if (dir === 'in') return no('windows-auth-pop3');
    return online ? no('windows-auth-online') : ok('SMTP on CRM on-premises only');
  }
  return no('anonymous-auth-pop3-smtp');
}

/** The server type a profile needs for a mail system kind in a deployment. */
export function expectedServerType(dep: Deployment, kind: MailSystemKind): ServerType {
  if (kind === 'exchangeOnline') return dep === 'online' ? 'exchangeOnline' : 'exchangeOnlineHybrid';
  if (kind === 'exchangeServer') return dep === 'online' ? 'exchangeServerHybrid' : 'exchangeServer';
  return kind;
}

export { familyOf };
