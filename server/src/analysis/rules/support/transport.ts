/**
 * Shared predicates of the "Transport security and deployment settings" and "Profile settings"
 * rules (`exchange-url-not-https` to `profile-unused` in catalogue order). The yield of
 * `crm-onprem-http` to `credentials-over-http` (one finding per value) is
 * implemented by evaluating `credentials-over-http`'s condition here, so that both rules read the
 * same definition.
 *
 * Predicates answer `undefined` when they would have to read an unknown value
 * (docs/plan-format.md#unknown-values); rules report only on a definite answer.
 */
import type { Path, Severity } from '../../types';
import type { RelatedSpec, RuleContext } from '../define';
import { boolFlag } from './logic';

export const DEPLOYMENT_SETTINGS: Path = ['organization', 'deploymentSettings'];

/** The three plan-managed deployment settings, all meant for testing (docs/plan-format.md#organization). */
export const TESTING_FLAGS = ['allowNonSslEmail', 'allowCredentialsEntryViaNonSecureChannels', 'allowBasicAuthenticationOnNonSecureChannel'] as const;
export type TestingFlag = (typeof TESTING_FLAGS)[number];

export function flagPath(flag: TestingFlag): Path {
  return [...DEPLOYMENT_SETTINGS, flag];
}

/** `organization.https: false` is written (and known). */
export function httpsFalseWritten(ctx: RuleContext): boolean {
  const p: Path = ['organization', 'https'];
  return ctx.known(p) && ctx.value(p) === false;
}

/** An `http://` URL (scheme compared in any case). */
export function isHttpUrl(v: unknown): v is string {
  return typeof v === 'string' && /^http:\/\//i.test(v);
}

/**
 * The severity override and related location of the rules that `allowNonSslEmail` relaxes
 * (`exchange-url-not-https`, `pop3-ssl-disabled`): warning when `nonSsl`.
 */
export function nonSslOverride(ctx: RuleContext): { severity?: Severity; related: RelatedSpec[] } {
  if (!ctx.plan.nonSsl) return { related: [] };
  return {
    severity: 'warning',
    related: [{ at: flagPath('allowNonSslEmail'), message: 'Unencrypted email connections allowed here (testing only)' }],
  };
}

/** Every place a credential may be typed: profile connections and mailbox credentials. */
function credentialPaths(ctx: RuleContext): Path[] {
  const out: Path[] = [];
  const keysOf = (p: Path): string[] => {
    const v = ctx.value(p);
    return v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
  };
  const candidates: Path[] = [];
  for (const id of keysOf(['serverProfiles'])) {
    for (const dir of ['incoming', 'outgoing']) candidates.push(['serverProfiles', id, dir]);
  }
  for (const id of keysOf(['mailboxes'])) candidates.push(['mailboxes', id, 'credentials']);
  for (const base of candidates) {
    for (const key of ['username', 'password']) if (ctx.has([...base, key])) out.push([...base, key]);
  }
  return out;
}

/**
 * `credentials-over-http`: on-premises, `organization.https: false` written, the
 * credentials testing switch not `true`, and at least one `username` or `password` written in a
 * profile connection or in mailbox credentials. Answers the written credential paths when the
 * rule reports the plan, `false` when it does not, `undefined` when that depends on an unknown
 * value (deployment or the switch).
 */
export function credentialsOverHttp(ctx: RuleContext): Path[] | false | undefined {
  const dep = ctx.plan.deployment;
  if (!httpsFalseWritten(ctx)) return false;
  if (dep === undefined) return undefined;
  if (dep !== 'onPremises') return false;
  const credentials = credentialPaths(ctx);
  if (credentials.length === 0) return false;
  const allow = deploymentFlag(ctx, 'allowCredentialsEntryViaNonSecureChannels');
  if (allow === undefined) return undefined;
  return allow ? false : credentials;
}

/**
 * The exception of `basic-auth-cleartext`: `dep = onPremises` and
 * `allowBasicAuthenticationOnNonSecureChannel = true`. Undefined when unknown.
 */
export function basicOnPlainChannelAllowed(ctx: RuleContext): boolean | undefined {
  const flag = deploymentFlag(ctx, 'allowBasicAuthenticationOnNonSecureChannel');
  if (flag === false) return false;
  const dep = ctx.plan.deployment;
  if (dep === 'online') return false;
  if (flag === undefined || dep === undefined) return undefined;
  return true;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant of a `processEmailFrom` value (docs/plan-format.md#advanced): an RFC 3339 date-time or a
 * date (read as midnight UTC). Undefined when the text is not a real date (2023-02-30).
 */
export function processEmailFromInstant(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A deployment setting under `organization.deploymentSettings`: true, false, or unknown. */
export function deploymentFlag(ctx: RuleContext, flag: TestingFlag): boolean | undefined {
  return boolFlag(ctx, flagPath(flag));
}
