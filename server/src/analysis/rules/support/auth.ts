/**
 * Shared predicates of the "Authentication" rules (`anonymous-auth-exchange` to
 * `ad-auth-protocol-online` in catalogue order). Which rule rejects which `authenticateUsing`
 * value, with the yields that keep one finding per value (`exchange-online-requires-s2s` to
 * `anonymous-auth-exchange` and `windows-auth-online`; `s2s-non-exchange-online` to
 * `hybrid-exchange-impersonation`), is the table of auth-options.ts; `rejectsAuth` evaluates it
 * on a written value, so that the rules and the editor's verdicts read the same definition.
 *
 * Predicates answer `undefined` when they would have to read an unknown value
 * (docs/plan-format.md#unknown-values); rules report only on a definite `true`.
 */
import type { Auth, ConnectionModel, MailboxModel, PlanModel, ProfileModel, ServerType } from '../../model';
import { INTERNET_MAIL_TYPES } from '../../model';
import type { Path } from '../../types';
import type { RuleContext } from '../define';
import { crossTenant, isGmail, rejects, type AuthOptionRule, type PartialAuthSetting } from './auth-options';

/** The credential keys of a connection (docs/plan-format.md#the-outgoing-connection). */
export const CREDENTIAL_KEYS = ['authenticateUsing', 'useImpersonation', 'username', 'password', 'mfa'] as const;

export function isInternetMail(type: ServerType | undefined): boolean {
  return type !== undefined && INTERNET_MAIL_TYPES.includes(type);
}

/** Where a credential key of `c` is written. */
export function credentialKeyPath(c: ConnectionModel, key: (typeof CREDENTIAL_KEYS)[number]): Path {
  return [...c.credentialPath, key];
}

/** One written, known `authenticateUsing` of a profile's credential connections (`incoming`, and `outgoing` when useSameSettingsForOutgoing is false). */
export interface WrittenAuth {
  readonly conn: ConnectionModel;
  readonly auth: Auth;
  /** `value(<connection>.authenticateUsing)`. */
  readonly at: Path;
}

/**
 * The written auth values of `P`: `incoming.authenticateUsing`, plus
 * `outgoing.authenticateUsing` when `useSameSettingsForOutgoing` is `false`. Unknown values are
 * left out (their rules skip them).
 */
export function writtenAuths(p: ProfileModel): WrittenAuth[] {
  const out: WrittenAuth[] = [];
  for (const conn of p.credentialConnections) {
    if (!conn.authWritten || conn.auth === undefined) continue;
    out.push({ conn, auth: conn.auth, at: credentialKeyPath(conn, 'authenticateUsing') });
  }
  return out;
}

/**
 * `rule` (one of the authentication-option rules) reports this written auth value of `P`;
 * undefined when that depends on an unknown server type or deployment.
 */
export function rejectsAuth(plan: PlanModel, p: ProfileModel, w: WrittenAuth, rule: AuthOptionRule): boolean | undefined {
  return rejects(rule, authSetting(plan, p, w.conn.dir), w.auth);
}

/** Where a connection of `P` in direction `dir` signs in, as the table of auth-options.ts reads it. */
export function authSetting(plan: PlanModel, p: ProfileModel, dir: 'in' | 'out'): PartialAuthSetting {
  return {
    type: p.serverType,
    dep: plan.deployment,
    dir,
    baseline: plan.baseline,
    version: plan.crmVersionNumber,
    gmail: isGmail(p.mailSystem),
    crossTenant: crossTenant(plan, p.mailSystem),
  };
}

/**
 * `hybrid-exchange-impersonation` for credential connection `C` of `P`:
 * `'a'` (wrong authenticateUsing), `'b'` (serverProfile without impersonation), `false`, or
 * `undefined` when it depends on an unknown value.
 */
export function hybridExchangeImpersonation(plan: PlanModel, p: ProfileModel, c: ConnectionModel): 'a' | 'b' | false | undefined {
  if (p.serverType === undefined) return undefined;
  if (p.serverType !== 'exchangeServerHybrid') return false;
  if (c.auth === undefined) return undefined;
  // (a): the option itself, from the table; (b): serverProfile needs useImpersonation: true.
  const wrongAuth = rejects('hybrid-exchange-impersonation', authSetting(plan, p, c.dir), c.auth);
  if (wrongAuth !== false) return wrongAuth && 'a';
  if (c.auth !== 'serverProfile') return false;
  if (c.useImpersonation === undefined) return undefined;
  return c.useImpersonation ? false : 'b';
}

/**
 * What `M` lacks of `credentials.allowUse = true`, `credentials.username` and
 * `credentials.password`. `undefined` when nothing is definitely missing but some part is
 * unknown (a schema finding on `credentials` or one of its keys).
 */
export function missingMailboxCredentials(ctx: RuleContext, m: MailboxModel): string[] | undefined {
  const cred: Path = [...m.path, 'credentials'];
  if (ctx.has(cred) && !ctx.known(cred)) return undefined;
  const missing: string[] = [];
  let unknown = false;
  const allowUse: Path = [...cred, 'allowUse'];
  if (!ctx.has(allowUse)) missing.push('allowUse: true');
  else if (!ctx.known(allowUse)) unknown = true;
  else if (ctx.value(allowUse) !== true) missing.push('allowUse: true');
  for (const key of ['username', 'password'] as const) {
    const at: Path = [...cred, key];
    if (!ctx.has(at)) missing.push(key);
    else if (!ctx.known(at)) unknown = true;
  }
  if (missing.length === 0 && unknown) return undefined;
  return missing;
}
