/**
 * Shared predicates of the "Transport security and deployment settings" and "Profile settings"
 * rules (rules.md §7, §8). The yield of §1.3 (`crm-onprem-http` to `credentials-over-http`) is
 * implemented by evaluating `credentials-over-http`'s condition here, so that both rules read the
 * same definition.
 *
 * Predicates answer `undefined` when they would have to read an unknown value
 * (plan-format.md §11.5); rules report only on a definite answer.
 */
import { isMap, isScalar } from 'yaml';
import { locate } from '../../locate';
import type { ConnectionModel, ProfileModel } from '../../model';
import type { Fix, Path, Severity, TextEdit } from '../../types';
import type { RelatedSpec, RuleContext } from '../define';

export const DEPLOYMENT_SETTINGS: Path = ['organization', 'deploymentSettings'];

/** The three plan-managed deployment settings, all meant for testing (domain.md §6). */
export const TESTING_FLAGS = ['allowNonSslEmail', 'allowCredentialsEntryViaNonSecureChannels', 'allowBasicAuthenticationOnNonSecureChannel'] as const;
export type TestingFlag = (typeof TESTING_FLAGS)[number];

export function flagPath(flag: TestingFlag): Path {
  return [...DEPLOYMENT_SETTINGS, flag];
}

/**
 * A boolean key read as "is it `true`": `false` when absent (every key used here defaults to
 * `false`), the value when written and known, `undefined` when unknown.
 */
export function boolFlag(ctx: RuleContext, path: Path): boolean | undefined {
  if (!ctx.known(path)) return undefined;
  const v = ctx.value(path);
  if (v === undefined) return false;
  return typeof v === 'boolean' ? v : undefined;
}

/** A deployment setting under `organization.deploymentSettings`: true, false, or unknown. */
export function deploymentFlag(ctx: RuleContext, flag: TestingFlag): boolean | undefined {
  return boolFlag(ctx, flagPath(flag));
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

/** `'incoming'` or `'outgoing'`. */
export function connName(c: ConnectionModel): 'incoming' | 'outgoing' {
  return c.dir === 'in' ? 'incoming' : 'outgoing';
}

/** `profile 'exo', incoming` for parenthesized mentions. */
export function connWhere(p: ProfileModel, c: ConnectionModel): string {
  return `profile '${p.id}', ${connName(c)}`;
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
 * `credentials-over-http` (rules.md §7): on-premises, `organization.https: false` written, the
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
 * The instant of a `processEmailFrom` value (plan-format.md §8.2): an RFC 3339 date-time or a
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

// --- Quick fixes (rules.md §7, §8) ------------------------------------------------------------

/** The encrypted port for a conventional plain one: POP3 110 → 995, IMAP 143 → 993, SMTP 25 → 465. */
const SSL_PORT: Readonly<Record<number, number>> = { 110: 995, 143: 993, 25: 465 };

/**
 * `pop3-ssl-disabled` (and `basic-auth-cleartext` on the Internet-mail family): set `useSsl: true`
 * on connection `c`, and when its written port is 110, 143 or 25, also 995, 993 or 465.
 */
export function sslFix(ctx: RuleContext, c: ConnectionModel): Fix | undefined {
  const portPath: Path = [...c.path, 'port'];
  const port = ctx.known(portPath) ? ctx.value(portPath) : undefined;
  const to = typeof port === 'number' ? SSL_PORT[port] : undefined;
  const edits = [ctx.edit.set([...c.path, 'useSsl'], true)];
  if (to !== undefined) edits.push(ctx.edit.set(portPath, to));
  return ctx.fix(to !== undefined ? `Set useSsl to true and port to ${to}` : 'Set useSsl to true', edits, { isPreferred: true });
}

/**
 * `exchange-url-not-https` (and `basic-auth-cleartext` on the Exchange family): replace the
 * `http://` scheme of the URL at `at` with `https://`. Only the scheme's characters are edited, so
 * quoting and the rest of the URL stay as written.
 */
export function httpsFix(ctx: RuleContext, at: Path): Fix | undefined {
  const v = ctx.value(at);
  if (!isHttpUrl(v)) return undefined;
  const url = `https://${v.slice('http://'.length)}`;
  const node = locate(ctx.parsed, at)?.node;
  let edit: TextEdit | undefined;
  if (isScalar(node) && node.range) {
    const start = node.range[0];
    const q = /^["']/.test(ctx.parsed.text[start] ?? '') ? 1 : 0;
    const scheme = ctx.parsed.text.slice(start + q, start + q + 'http://'.length);
    if (/^http:\/\/$/i.test(scheme)) edit = { span: { start: start + q, end: start + q + scheme.length }, newText: 'https://' };
  }
  return ctx.fix(`Set serverLocation to ${url}`, [edit ?? ctx.edit.set(at, url)], { isPreferred: true });
}

/** True when the mapping at `path` holds exactly one pair (the one a removal would take). */
function onlyPair(ctx: RuleContext, path: Path): boolean {
  const node = locate(ctx.parsed, path)?.node;
  return isMap(node) && node.items.length === 1;
}

/**
 * Removes the key at `path`; when it is the only key of its parent mapping, removes the parent
 * instead (up to, not including, the record at `base`), so that no empty `advanced:` (a schema
 * finding) or `outgoing: {}` is left behind. Titles still name the key: the parent held nothing else.
 */
export function removeTidy(ctx: RuleContext, path: Path, base: Path): TextEdit | undefined {
  let target = path;
  while (target.length > base.length + 1 && onlyPair(ctx, target.slice(0, -1))) target = target.slice(0, -1);
  return ctx.edit.remove(target);
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Sets the string at `at` to `text`, keeping the written quoting style (plain, `'…'` or `"…"`).
 * For values that need no escaping (dates, host names).
 */
export function setKeepingQuotes(ctx: RuleContext, at: Path, text: string): TextEdit | undefined {
  const node = locate(ctx.parsed, at)?.node;
  if (isScalar(node) && node.range) {
    const q = ctx.parsed.text[node.range[0]];
    if (q === '"' || q === "'") return ctx.edit.replace(at, `${q}${text}${q}`);
  }
  return ctx.edit.set(at, text);
}
