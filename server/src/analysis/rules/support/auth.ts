/**
 * Shared predicates of the "Authentication" rules (rules.md §6, §3). The yields of §1.3
 * (`exchange-online-requires-s2s` to `anonymous-auth-exchange` and `windows-auth-online`;
 * `s2s-non-exchange-online` to `hybrid-exchange-impersonation`) are implemented by evaluating
 * the other rule's condition here, so that both rules read the same definition.
 *
 * Predicates answer `undefined` when they would have to read an unknown value
 * (plan-format.md §11.5); rules report only on a definite `true`.
 */
import type { Auth, ConnectionModel, MailboxModel, PlanModel, ProfileModel, ServerType } from '../../model';
import { EXCHANGE_TYPES, INTERNET_MAIL_TYPES } from '../../model';
import { isSeq, type Node } from 'yaml';
import { keySpan, locate } from '../../locate';
import type { Path, TextEdit } from '../../types';
import type { RuleContext } from '../define';
import { generatedSecretRef } from '../plaintext-secret';

/** The credential keys of a connection (plan-format.md §11.3). */
export const CREDENTIAL_KEYS = ['authenticateUsing', 'useImpersonation', 'username', 'password', 'mfa'] as const;

/** `exchangeOnline`, `exchangeOnlineHybrid`: the server types reached with S2S. */
export const EXCHANGE_ONLINE_TYPES: readonly ServerType[] = ['exchangeOnline', 'exchangeOnlineHybrid'];

export function isExchange(type: ServerType | undefined): boolean {
  return type !== undefined && EXCHANGE_TYPES.includes(type);
}

export function isInternetMail(type: ServerType | undefined): boolean {
  return type !== undefined && INTERNET_MAIL_TYPES.includes(type);
}

/** `'incoming'` or `'outgoing'`. */
export function connName(c: ConnectionModel): 'incoming' | 'outgoing' {
  return c.dir === 'in' ? 'incoming' : 'outgoing';
}

/** `profile 'exo' (incoming)` for messages. */
export function connLabel(p: ProfileModel, c: ConnectionModel): string {
  return `profile '${p.id}' (${connName(c)})`;
}

/** `profile 'exo', incoming` for parenthesized mentions. */
export function connWhere(p: ProfileModel, c: ConnectionModel): string {
  return `profile '${p.id}', ${connName(c)}`;
}

/** Where a credential key of `c` is written. */
export function credentialKeyPath(c: ConnectionModel, key: (typeof CREDENTIAL_KEYS)[number]): Path {
  return [...c.credentialPath, key];
}

/** One written, known `authenticateUsing` of a profile: a "written auth value of P" (rules.md §1.2). */
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

/** `anonymous-auth-exchange` flags this written auth value of `P` (undefined: type unknown). */
export function anonymousAuthExchange(p: ProfileModel, auth: Auth): boolean | undefined {
  if (auth !== 'anonymous') return false;
  if (p.serverType === undefined) return undefined;
  return isExchange(p.serverType);
}

/** `windows-auth-online` flags this written auth value (undefined: deployment unknown). */
export function windowsAuthOnline(plan: PlanModel, auth: Auth): boolean | undefined {
  if (auth !== 'windowsIntegrated') return false;
  if (plan.deployment === undefined) return undefined;
  return plan.deployment === 'online';
}

/**
 * `exchange-online-requires-s2s` for one written auth value of `P`, after its yields to
 * `anonymous-auth-exchange` and `windows-auth-online` on the same value.
 */
export function exchangeOnlineRequiresS2s(plan: PlanModel, p: ProfileModel, auth: Auth): boolean | undefined {
  if (p.serverType === undefined) return undefined;
  if (!EXCHANGE_ONLINE_TYPES.includes(p.serverType)) return false;
  if (auth === 'serverToServer') return false;
  const anonymous = anonymousAuthExchange(p, auth);
  const windowsOnline = windowsAuthOnline(plan, auth);
  if (anonymous === undefined || windowsOnline === undefined) return undefined;
  return !anonymous && !windowsOnline;
}

/**
 * `hybrid-exchange-impersonation` for credential connection `C` of `P`:
 * `'a'` (wrong authenticateUsing), `'b'` (serverProfile without impersonation), `false`, or
 * `undefined` when it depends on an unknown value.
 */
export function hybridExchangeImpersonation(plan: PlanModel, p: ProfileModel, c: ConnectionModel): 'a' | 'b' | false | undefined {
  if (p.serverType === undefined) return undefined;
  if (p.serverType !== 'exchangeServerHybrid') return false;
  switch (c.auth) {
    case undefined:
      return undefined;
    case 'userOrQueue':
    case 'serverToServer':
      return 'a';
    case 'windowsIntegrated':
      if (plan.deployment === undefined) return undefined;
      return plan.deployment !== 'online' ? 'a' : false;
    case 'serverProfile':
      if (c.useImpersonation === undefined) return undefined;
      return c.useImpersonation ? false : 'b';
    default:
      return false;
  }
}

/**
 * `s2s-non-exchange-online` for one written auth value of `P`: `serverToServer` on a type other
 * than Exchange Online or its hybrid, and not already reported by
 * `hybrid-exchange-impersonation` (an `exchangeServerHybrid` profile).
 */
export function s2sNonExchangeOnline(plan: PlanModel, p: ProfileModel, w: WrittenAuth): boolean | undefined {
  if (w.auth !== 'serverToServer') return false;
  if (p.serverType === undefined) return undefined;
  if (EXCHANGE_ONLINE_TYPES.includes(p.serverType)) return false;
  const hybrid = hybridExchangeImpersonation(plan, p, w.conn);
  if (hybrid === undefined) return undefined;
  return hybrid === false;
}

// ---------------------------------------------------------------------------------------------
// Mailboxes (rules.md §1.2: sss(M), uses(M, d), auth(P, d))

/** `sss(M)`; undefined when it depends on an unknown method or processEmailUsing. */
export function sssOf(plan: PlanModel, m: MailboxModel): boolean | undefined {
  const methods = [m.inc, m.outg, m.act];
  const processed = methods.includes('serverSideSync') ? true : methods.includes(undefined) ? undefined : false;
  if (processed === false || plan.processEmailUsing === 'emailRouter') return false;
  if (processed === undefined || plan.processEmailUsing === undefined) return undefined;
  return true;
}

/** Three-valued `and`. */
export function and3(...xs: (boolean | undefined)[]): boolean | undefined {
  if (xs.includes(false)) return false;
  return xs.includes(undefined) ? undefined : true;
}

/** Three-valued `or`. */
export function or3(...xs: (boolean | undefined)[]): boolean | undefined {
  if (xs.includes(true)) return true;
  return xs.includes(undefined) ? undefined : false;
}

/** `x = serverSideSync` for an effective method that may be unknown. */
function isSss(x: string | undefined): boolean | undefined {
  return x === undefined ? undefined : x === 'serverSideSync';
}

/** `uses(M, d)` (rules.md §1.2). ACT travels over the incoming connection. */
export function usesOf(plan: PlanModel, m: MailboxModel, dir: 'in' | 'out'): boolean | undefined {
  const sss = sssOf(plan, m);
  return dir === 'in' ? and3(sss, or3(isSss(m.inc), isSss(m.act))) : and3(sss, isSss(m.outg));
}

/** `auth(P, d)`: the effective authenticateUsing of direction `d` (undefined when unknown). */
export function authOf(p: ProfileModel, dir: 'in' | 'out'): Auth | undefined {
  return dir === 'in' ? p.incoming.auth : p.outgoing.auth;
}

/** The connection whose credential keys decide `auth(P, d)`. */
export function authConnection(p: ProfileModel, dir: 'in' | 'out'): ConnectionModel {
  return dir === 'in' ? p.incoming : p.outgoing;
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

/** `mailbox 'id'` for messages. */
export function mailboxLabel(m: MailboxModel): string {
  return `mailbox '${m.id}'`;
}

/** Up to three quoted ids, then "and n more". */
export function listIds(ids: readonly string[], max = 3): string {
  const shown = ids.slice(0, max).map((id) => `'${id}'`);
  const rest = ids.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** `items` in document order of their keys (the model lists integer-like ids first). */
export function inDocumentOrder<T extends { readonly path: Path }>(ctx: RuleContext, items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, at: keySpan(ctx.parsed, item.path)?.start ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.at - b.at)
    .map(({ item }) => item);
}

// ---------------------------------------------------------------------------------------------
// Quick-fix helpers (rules.md §1.5)

/** `a`, `a and b`, `a, b and c`. */
export function joinParts(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The owner of a connection's generated secret reference: `<profile>_IN` or `<profile>_OUT`. */
export function connOwner(p: ProfileModel, c: ConnectionModel): string {
  return `${p.id}_${c.credentialPath[c.credentialPath.length - 1] === 'outgoing' ? 'OUT' : 'IN'}`;
}

/** `{ secretRef: "env:CRMSYNC_<OWNER>_PASSWORD" }` as YAML source. */
export function secretRefYaml(owner: string): string {
  return `{ secretRef: "${generatedSecretRef(owner)}" }`;
}

/** How a title names an inserted password reference: `password to secretRef env:CRMSYNC_X_PASSWORD`. */
export function passwordPart(owner: string): string {
  return `password to secretRef ${generatedSecretRef(owner)}`;
}

/**
 * Joins the edits of one fix so that they apply the same way in every client: inserts at the
 * same offset become one edit (in the order given, since several keys added to one mapping all
 * insert at its end), and overlapping deletions (neighbouring pairs of one flow mapping, each
 * taking a comma) become one deletion that leaves no dangling comma before the closing bracket.
 * Undefined edits stay, so that `ctx.fix` drops the fix.
 */
export function joinEdits(ctx: RuleContext, edits: readonly (TextEdit | undefined)[]): (TextEdit | undefined)[] {
  if (edits.some((e) => e === undefined)) return [undefined];
  const text = ctx.parsed.text;
  const out: TextEdit[] = [];
  for (const e of edits as TextEdit[]) {
    const isInsert = e.span.start === e.span.end;
    const i = out.findIndex((o) =>
      isInsert
        ? o.span.start === o.span.end && o.span.start === e.span.start
        : e.newText === '' && o.newText === '' && o.span.start < o.span.end && e.span.start < o.span.end && o.span.start < e.span.end,
    );
    if (i < 0) {
      out.push(e);
      continue;
    }
    const o = out[i];
    if (isInsert) {
      out[i] = { span: o.span, newText: o.newText + e.newText };
      continue;
    }
    let start = Math.min(o.span.start, e.span.start);
    const end = Math.max(o.span.end, e.span.end);
    // Both removals took "their" comma: keep the text well-formed before a closing bracket.
    if (/^\s*[}\]]/.test(text.slice(end))) {
      const before = /\s*,\s*$/.exec(text.slice(0, start));
      if (before) start -= before[0].length;
    }
    out[i] = { span: { start, end }, newText: '' };
  }
  return out;
}

/** Sets `authenticateUsing` of the connection whose credential keys `c` reads. */
export function setAuthFix(ctx: RuleContext, c: ConnectionModel, auth: Auth, options: { isPreferred?: boolean } = {}) {
  return ctx.fix(`Set authenticateUsing to ${auth}`, [ctx.edit.set(credentialKeyPath(c, 'authenticateUsing'), auth)], options);
}

/**
 * "Set authenticateUsing to serverProfile [and useImpersonation to true]" on connection `c`,
 * inserting `username: ""` and a generated password reference when they are absent (rules.md
 * §6). Preferred only when `preferredIfComplete` and nothing had to be inserted; undefined
 * when nothing would change.
 */
export function serviceAccountFix(ctx: RuleContext, p: ProfileModel, c: ConnectionModel, opts: { impersonation: boolean; preferredIfComplete?: boolean }) {
  const parts: string[] = [];
  const edits: (TextEdit | undefined)[] = [];
  const authAt = credentialKeyPath(c, 'authenticateUsing');
  if (ctx.value(authAt) !== 'serverProfile') {
    parts.push('authenticateUsing to serverProfile');
    edits.push(ctx.edit.set(authAt, 'serverProfile'));
  }
  const impAt = credentialKeyPath(c, 'useImpersonation');
  if (opts.impersonation && ctx.value(impAt) !== true) {
    parts.push('useImpersonation to true');
    edits.push(ctx.edit.set(impAt, true));
  }
  if (!parts.length) return undefined;
  const complete = ctx.has(credentialKeyPath(c, 'username')) && ctx.has(credentialKeyPath(c, 'password'));
  if (!ctx.has(credentialKeyPath(c, 'username'))) edits.push(ctx.edit.set(credentialKeyPath(c, 'username'), ''));
  if (!ctx.has(credentialKeyPath(c, 'password'))) edits.push(ctx.edit.setRaw(credentialKeyPath(c, 'password'), secretRefYaml(connOwner(p, c))));
  return ctx.fix(`Set ${joinParts(parts)}`, joinEdits(ctx, edits), { isPreferred: !!opts.preferredIfComplete && complete });
}

/**
 * Edits that set several keys of the mapping at `mapPath` (values as YAML source), in order.
 * When the mapping is absent it is created once: in block style under a block parent, as one
 * flow mapping under a flow parent.
 */
export function setKeysEdits(ctx: RuleContext, mapPath: Path, entries: readonly (readonly [string, string])[]): (TextEdit | undefined)[] {
  if (!entries.length) return [];
  if (ctx.has(mapPath)) return joinEdits(ctx, entries.map(([k, v]) => ctx.edit.setRaw([...mapPath, k], v)));
  const [k0, v0] = entries[0];
  const first = ctx.edit.setRaw([...mapPath, k0], v0);
  if (!first) return [undefined];
  const block = new RegExp(`(\\r?\\n)( *)${k0}: ${v0.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).exec(first.newText);
  if (block) {
    const [, eol, indent] = block;
    const rest = entries.slice(1).map(([k, v]) => `${eol}${indent}${k}: ${v}`).join('');
    return [{ span: first.span, newText: first.newText + rest }];
  }
  return [ctx.edit.setRaw(mapPath, `{ ${entries.map(([k, v]) => `${k}: ${v}`).join(', ')} }`)];
}

/**
 * Removes the items of the sequence at `listPath` at `indexes`: whole lines in block style (a
 * trailing comment included), the item and one neighbouring comma in flow style.
 */
export function removeSeqItemsEdits(ctx: RuleContext, listPath: Path, indexes: readonly number[]): (TextEdit | undefined)[] {
  const list = locate(ctx.parsed, listPath)?.node;
  if (!isSeq(list)) return [undefined];
  const text = ctx.parsed.text;
  const lines = ctx.parsed.lines;
  const edits: (TextEdit | undefined)[] = [];
  for (const i of indexes) {
    const item = list.items[i] as Node | undefined;
    if (!item?.range) return [undefined];
    let start = item.range[0];
    let end = item.range[1];
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (list.flow) {
      const after = /^\s*,\s*/.exec(text.slice(end));
      if (after) end += after[0].length;
      else {
        const before = /\s*,\s*$/.exec(text.slice(0, start));
        if (before) start -= before[0].length;
      }
      edits.push({ span: { start, end }, newText: '' });
    } else {
      const line = lines.position(start).line;
      const lineStart = lines.lineStart(line);
      if (!/^\s*-\s*$/.test(text.slice(lineStart, start))) return [undefined];
      const last = lines.position(end).line;
      const next = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : text.length;
      edits.push({ span: { start: lineStart, end: next }, newText: '' });
    }
  }
  return joinEdits(ctx, edits);
}
