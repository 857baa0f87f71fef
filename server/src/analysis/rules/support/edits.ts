/**
 * Fix builders shared by the rules: minimal text edits from node spans (`ctx.edit`), joined so
 * that they apply the same way in every client. A fix is still judged on its result
 * (`fix-safety.ts`) before fix-all applies it or the editor marks it preferred.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { yamlScalar } from '../../edit';
import { locate, valueSpan } from '../../locate';
import type { Auth, ConnectionModel, MailboxModel, MailSystemModel, ProfileModel } from '../../model';
import type { Baseline, Fix, Path, TextEdit } from '../../types';
import type { RuleContext } from '../define';
import { credentialKeyPath } from './auth';
import { isHttpUrl } from './transport';
import { joinParts } from './wording';

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
 * inserting `username: ""` and a generated password reference when they are absent. Preferred
 * only when `preferredIfComplete` and nothing had to be inserted; undefined
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

/**
 * "Set <key> to <value>" written on the mailbox itself: replaces a written value, or inserts the
 * key when the mailbox inherits it (the fixes of the mailbox rules never change a default on behalf
 * of one mailbox).
 */
export function setOnMailbox(ctx: RuleContext, m: MailboxModel, key: string, value: string | boolean, isPreferred = false): Fix | undefined {
  return ctx.fix(`Set ${key} to ${String(value)}`, [ctx.edit.set([...m.path, key], value)], { isPreferred });
}

/** "Remove <key>" of a mailbox key. */
export function removeFromMailbox(ctx: RuleContext, m: MailboxModel, key: string, isPreferred = false): Fix | undefined {
  return ctx.fix(`Remove ${key}`, [ctx.edit.remove([...m.path, key])], { isPreferred });
}

/**
 * The edit that puts `prefix` in front of the string scalar at `at`, keeping its quoting: after
 * the opening quote of a quoted scalar, before a plain one; any other form (alias, tag, block
 * scalar) is replaced by the new value.
 */
export function prefixScalar(ctx: RuleContext, at: Path, current: string, prefix: string): TextEdit | undefined {
  const span = valueSpan(ctx.parsed, at);
  if (!span) return undefined;
  const first = ctx.parsed.text[span.start];
  if (first === '"' || first === "'") return { span: { start: span.start + 1, end: span.start + 1 }, newText: prefix };
  if (!/[*&!|>]/.test(first) && ctx.parsed.text.startsWith(current, span.start)) return { span: { start: span.start, end: span.start }, newText: prefix };
  return ctx.edit.replace(at, yamlScalar(prefix + current));
}

/**
 * Moves the plan to baseline `bl`: sets `baseline` unless it is already written as `bl`, and
 * `organization.crmVersion` to `version` when that key is written with another value. The title
 * names what changes ("Set baseline to d365-9 and crmVersion to 9.0"); undefined when nothing would.
 */
export function baselineChange(ctx: RuleContext, bl: Baseline, version: string): { title: string; edits: (TextEdit | undefined)[] } | undefined {
  const parts: string[] = [];
  const edits: (TextEdit | undefined)[] = [];
  if (!(ctx.has(['baseline']) && ctx.value(['baseline']) === bl)) {
    parts.push(`baseline to ${bl}`);
    edits.push(ctx.edit.set(['baseline'], bl));
  }
  const crmVersionPath: Path = ['organization', 'crmVersion'];
  if (ctx.has(crmVersionPath) && ctx.value(crmVersionPath) !== version) {
    parts.push(`crmVersion to ${version}`);
    edits.push(ctx.edit.set(crmVersionPath, version));
  }
  if (!edits.length) return undefined;
  return { title: `Set ${parts.join(' and ')}`, edits };
}

/** "Set version to 2013 and servicePack to SP1" on mail system `s` (describes an Exchange upgrade: unsafe). */
export function upgradeTo2013Sp1(ctx: RuleContext, s: MailSystemModel) {
  return ctx.fix(
    'Set version to 2013 and servicePack to SP1',
    joinEdits(ctx, [ctx.edit.set([...s.path, 'version'], '2013'), ctx.edit.set([...s.path, 'servicePack'], 'SP1')]),
    { unsafe: true },
  );
}

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

/** `env:CRMSYNC_<OWNER>_PASSWORD`, upper-cased, every character outside A–Z0–9 as `_` (docs/plan-format.md#secret-references). */
export function generatedSecretRef(owner: string): string {
  return `env:CRMSYNC_${owner.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PASSWORD`;
}
