/**
 * Fix safety as a mechanism. A fix is judged by analysing the text it produces, never by a list
 * of special cases. A fix is *safe* (fit to be preferred and to be applied by fix-all) when:
 *
 * 1. the finding it fixes is gone;
 * 2. no error or warning appears that was not there before (findings compared by rule id,
 *    severity and the path they point at, counted). Exception: fixing a parser, schema or
 *    reference finding may reveal domain-rule findings (values with such a finding are unknown
 *    to the rules), but never a new parser, schema or reference finding;
 * 3. it changes nothing of what the plan connects, which rulebook applies or what it states about
 *    the real systems (a profile's or mailbox's mail system, a profile's server type, a mail
 *    system's kind, version, service pack, provider or tenant, the engine, the baseline, the CRM
 *    version or deployment): such fixes are unsafe, whatever the finding's severity, except
 *    where the old value cannot exist (a schema or reference finding on it, or an Exchange
 *    version and service pack pair that never existed);
 * 4. it deletes no text the user typed: every non-empty free-text value (a user name, a URL, a
 *    name, an address, a secret reference) is still there — at its path, or under a renamed key
 *    beside it — except a literal password moved into a secret reference and the pair a
 *    `duplicate-key` fix removes.
 */
import type { Analysis, Analyzer } from './analysis';
import { targetAt } from './cursor';
import { applyEdits } from './edit';
import { isObj } from './model';
import { reclaimTree } from './parse';
import { schemaAt } from './schema/walk';
import type { Finding, Fix, Path, TextEdit } from './types';

/** Ids of findings about the text itself rather than the plan's meaning. */
const BUILTIN = new Set(['yaml-syntax', 'duplicate-key', 'unknown-reference']);
export const isBuiltinFinding = (ruleId: string): boolean => BUILTIN.has(ruleId) || ruleId.startsWith('schema/');

export interface FixVerdict {
  readonly safe: boolean;
  /** Why not, in a few words (for logs and tests). */
  readonly reason?: string;
  /** The analysis of the fixed text. */
  readonly after: Analysis;
}

const pathKey = (p: Path) => p.map((s) => String(s).replace(/[\\/]/g, (c) => `\\${c}`)).join('/');

/** Where a finding points, as a path when its span starts on a key or scalar, else its message. */
function placeOf(analysis: Analysis, f: Finding): string {
  const t = analysis.parsed.hasSyntaxError ? undefined : targetAt(analysis.parsed, f.span.start);
  return t ? `@${pathKey(t.path)}:${t.part}` : `#${f.message}`;
}

const identity = (analysis: Analysis, f: Finding) => `${f.ruleId}\u0000${f.severity}\u0000${placeOf(analysis, f)}`;

const ruleAndSeverity = (f: Finding) => `${f.ruleId}\u0000${f.severity}`;

/** Findings counted by rule, severity and place; only those of the given rules and severities (places cost a tree walk each). */
function countBy(analysis: Analysis, only: ReadonlySet<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of analysis.findings) {
    if (!only.has(ruleAndSeverity(f))) continue;
    const k = identity(analysis, f);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}


function get(root: unknown, path: Path): unknown {
  let v = root;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isObj(v) && Object.prototype.hasOwnProperty.call(v, String(seg))) v = v[String(seg)];
    else return undefined;
  }
  return v;
}

const ids = (root: unknown, section: string) => {
  const m = get(root, [section]);
  return isObj(m) ? Object.keys(m) : [];
};

/**
 * The paths whose values decide what the plan connects and which rulebook applies. Records that
 * are the same object in both versions (unchanged chunks share their plain values) are skipped.
 */
function identityPaths(before: unknown, after: unknown): Path[] {
  const out: Path[] = [['baseline'], ['organization', 'crmVersion'], ['organization', 'deployment'], ['systemSettings', 'processEmailUsing']];
  const records = (section: string, keys: readonly string[]) => {
    const a = get(before, [section]);
    const b = get(after, [section]);
    if (a === b) return;
    for (const id of new Set([...ids(before, section), ...ids(after, section)])) {
      if (isObj(a) && isObj(b) && a[id] === b[id]) continue;
      for (const k of keys) out.push([section, id, k]);
    }
  };
  records('serverProfiles', ['mailSystem', 'serverType']);
  records('mailboxes', ['mailSystem']);
  records('mailSystems', ['kind', 'version', 'servicePack', 'provider', 'tenantId']);
  return out;
}

/** True when the value at `path` has a schema or reference finding: a value that cannot exist. */
function cannotExist(analysis: Analysis, path: Path): boolean {
  const key = pathKey(path);
  return analysis.findings.some((f) => {
    if (!f.ruleId.startsWith('schema/') && f.ruleId !== 'unknown-reference') return false;
    const t = targetAt(analysis.parsed, f.span.start);
    return !!t && pathKey(t.path) === key;
  });
}

/** True when the schema rejects `value` at `path` by its type or allowed values. */
function rejectedBySchema(path: Path, value: unknown): boolean {
  if (value === undefined) return false;
  const s = schemaAt(path);
  if (!s) return false;
  if (s.enum && !s.enum.includes(value)) return true;
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
  return types.length > 0 && !types.some((t) => t === kind || (t === 'integer' && kind === 'number'));
}

function isFreeText(path: Path): boolean {
  const s = schemaAt(path);
  if (!s) return true; // an unknown key's value is the user's text too
  if (s.enum || s.const !== undefined) return false;
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  return types.length === 0 || types.includes('string');
}

/**
 * The paths of the non-empty strings of `v` that are not the very same value in `w` (the same
 * object in both versions means an unchanged record: it is not walked).
 */
function changedLeaves(v: unknown, w: unknown, path: (string | number)[], out: Path[], depth = 0): void {
  if (depth > 64 || v === w) return;
  if (typeof v === 'string') {
    if (v.trim() !== '') out.push([...path]);
  } else if (Array.isArray(v)) v.forEach((x, i) => changedLeaves(x, Array.isArray(w) ? w[i] : undefined, [...path, i], out, depth + 1));
  else if (isObj(v)) for (const k of Object.keys(v)) changedLeaves(v[k], isObj(w) ? w[k] : undefined, [...path, k], out, depth + 1);
}

/**
 * True when the text at `rest` under `was` is still a non-empty text under `is`, or a password
 * now held by a secret reference (plaintext-secret moves a literal into one): at the same keys,
 * or under keys that are new at their level (renamed keys or ids), at any depth. So a misspelled
 * `passwrod` renamed to `password` and then moved into a secret reference is not "deleted".
 */
function survives(was: unknown, is: unknown, rest: Path, depth = 0, key?: string | number): boolean {
  if (rest.length === 0) return (typeof is === 'string' && is.trim() !== '') || ((key === 'password' || key === 'clientSecret') && isObj(is) && typeof is.secretRef === 'string');
  if (depth > 32) return false;
  const [seg, ...more] = rest;
  const below = get(was, [seg]);
  if (Array.isArray(is)) return typeof seg === 'number' && survives(below, is[seg], more, depth + 1, seg);
  if (!isObj(is)) return false;
  if (Object.prototype.hasOwnProperty.call(is, String(seg)) && survives(below, is[String(seg)], more, depth + 1, String(seg))) return true;
  const old = isObj(was) ? was : {};
  for (const k of Object.keys(is)) if (!Object.prototype.hasOwnProperty.call(old, k) && survives(below, is[k], more, depth + 1, k)) return true;
  return false;
}

/** The first free-text value of `before` that `after` no longer holds, or undefined. */
function deletedText(before: unknown, after: unknown): Path | undefined {
  const leaves: Path[] = [];
  changedLeaves(before, after, [], leaves);
  for (const path of leaves) {
    if (!isFreeText(path)) continue;
    // Kept, changed to another text, under a renamed key, or a password in a secret reference.
    if (survives(before, after, path)) continue;
    // Under a renamed key (a misspelt `hts` renamed to `https`), a text the corrected key cannot
    // take (`yes` for a boolean) was then replaced as a value that cannot exist.
    if (rejectedUnderRenamedKey(before, after, path)) continue;
    return path;
  }
  return undefined;
}

/** True when a key new beside `path`'s key in `after` is one under which the schema rejects the value `before` had at `path`. */
function rejectedUnderRenamedKey(before: unknown, after: unknown, path: Path): boolean {
  const parent = path.slice(0, -1);
  const was = get(before, parent);
  const is = get(after, parent);
  if (!isObj(is)) return false;
  const value = get(before, path);
  return Object.keys(is).some((k) => !(isObj(was) && Object.prototype.hasOwnProperty.call(was, k)) && rejectedBySchema([...parent, k], value));
}

/**
 * The change of connection, rulebook or real-system fact the fix makes, or undefined. Replacing
 * a value that cannot exist is not such a change: one with a schema or reference finding, or an
 * Exchange version and service pack pair that never existed (`exchange-service-pack-unknown`).
 */
function identityChange(before: Analysis, after: Analysis, findings: readonly Finding[]): Path | undefined {
  const a = before.parsed.value;
  const b = after.parsed.value;
  const neverExisted = findings.some((f) => f.ruleId === 'exchange-service-pack-unknown');
  for (const p of identityPaths(a, b)) {
    const x = get(a, p);
    const y = get(b, p);
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    if (cannotExist(before, p) || rejectedBySchema(p, x)) continue;
    if (neverExisted && p[0] === 'mailSystems' && (p[2] === 'servicePack' || p[2] === 'version')) continue;
    // The other half of a version/service-pack pair could not exist: the pair was unknown, and a
    // later fix of the pair (exchange-service-pack-unknown) replaced a pair that never existed.
    if (p[0] === 'mailSystems' && (p[2] === 'servicePack' || p[2] === 'version')) {
      const other: Path = [p[0], p[1], p[2] === 'version' ? 'servicePack' : 'version'];
      if (cannotExist(before, other) || rejectedBySchema(other, get(a, other))) continue;
      // The mail system's kind could not exist (a misspelt `exchangeSer`): its pair was never
      // judged, and once the kind was corrected, a pair that never existed was replaced.
      const kind: Path = [p[0], p[1], 'kind'];
      if (cannotExist(before, kind) || rejectedBySchema(kind, get(a, kind))) continue;
    }
    return p;
  }
  return undefined;
}

/**
 * Judges one fix of `finding` on the analysed plan `before`. `analyzer` analyses the fixed text
 * (with `before` as the previous version, so that only what changed is analysed again).
 */
export function judgeFix(analyzer: Analyzer, before: Analysis, finding: Finding, fix: Fix): FixVerdict {
  return judgeFixes(analyzer, before, [finding], fix.edits);
}

/**
 * Judges edits that fix several findings at once (a round of fix-all): every finding must be
 * gone; new domain findings are allowed only when every finding fixed is a parser, schema or
 * reference finding; a change of connection or rulebook only when every finding is an error.
 */
export function judgeFixes(analyzer: Analyzer, before: Analysis, findings: readonly Finding[], edits: readonly TextEdit[]): FixVerdict {
  const text = applyEdits(before.text, edits);
  // What is read of `before` is read first: once the fixed text is analysed from it, `before`
  // answers from a copy of its tree (see chunks.ts).
  const kinds = new Set(findings.map(ruleAndSeverity));
  const old = countBy(before, kinds);
  const fixed = new Map<string, number>();
  for (const f of findings) {
    const k = identity(before, f);
    fixed.set(k, (fixed.get(k) ?? 0) + 1);
  }
  const after = analyzer.analyze(text, before);
  const verdict = (reason?: string): FixVerdict => (reason ? { safe: false, reason, after } : { safe: true, after });
  if (text === before.text) return verdict('changes nothing');
  const now = countBy(after, kinds);
  for (const [k, n] of fixed) if ((now.get(k) ?? 0) > (old.get(k) ?? 0) - n) return verdict('the finding stays');
  return verdict(worsening(before, after, findings));
}

/**
 * How `after` is worse than `before`, when the change was made to fix `fixed` (findings of
 * `before`); undefined when it is not: valid YAML stays valid, no error or warning is added (but
 * the domain findings that fixing only parser, schema or reference findings reveals), nothing of
 * what the plan connects changes, and no free text is deleted. `revealOnly` says whether new
 * domain findings are allowed (by default: when every finding fixed is a parser, schema or
 * reference finding).
 */
export function worsening(
  before: Analysis,
  after: Analysis,
  fixed: readonly Finding[],
  revealOnly = fixed.length > 0 && fixed.every((f) => isBuiltinFinding(f.ruleId)),
): string | undefined {
  if (!before.parsed.hasSyntaxError && after.parsed.hasSyntaxError) return 'breaks the YAML';
  // New: more of its rule and severity in all (so that a finding that only moved, under a renamed
  // id for instance, is not counted as new), and more of it at its place.
  const oldTotal = totals(before);
  const nowTotal = totals(after);
  const grown = new Set<string>();
  for (const f of after.findings) {
    if (f.severity === 'info' || (revealOnly && !isBuiltinFinding(f.ruleId))) continue;
    const t = ruleAndSeverity(f);
    if ((nowTotal.get(t) ?? 0) > (oldTotal.get(t) ?? 0)) grown.add(t);
  }
  if (grown.size) {
    const old = countBy(before, grown);
    const now = countBy(after, grown);
    for (const f of after.findings) {
      if (!grown.has(ruleAndSeverity(f))) continue;
      const k = identity(after, f);
      if ((now.get(k) ?? 0) > (old.get(k) ?? 0)) return `adds ${f.severity} ${f.ruleId}`;
    }
  }
  const changed = identityChange(before, after, fixed);
  if (changed) return `changes ${pathKey(changed)}`;
  if (!fixed.some((f) => f.ruleId === 'duplicate-key')) {
    const lost = deletedText(before.parsed.value, after.parsed.value);
    if (lost) return `deletes the value at ${pathKey(lost)}`;
  }
  return undefined;
}

function totals(a: Analysis): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of a.findings) m.set(ruleAndSeverity(f), (m.get(ruleAndSeverity(f)) ?? 0) + 1);
  return m;
}

/** The findings of `before` that `after` no longer has (by rule, severity and place). */
export function goneFindings(before: Analysis, after: Analysis): Finding[] {
  const now = countBy(after, new Set([...before.findings, ...after.findings].map(ruleAndSeverity)));
  const out: Finding[] = [];
  for (const f of before.findings) {
    const k = identity(before, f);
    const n = now.get(k) ?? 0;
    if (n > 0) now.set(k, n - 1);
    else out.push(f);
  }
  return out;
}

/**
 * The finding with its designated preferred fix confirmed: `isPreferred` is kept only when that
 * fix is safe and not unsafe; otherwise the fix is still offered, without `isPreferred`.
 */
export function confirmPreferred(analyzer: Analyzer, analysis: Analysis, finding: Finding): Finding {
  const i = finding.fixes.findIndex((f) => f.isPreferred);
  if (i < 0) return finding;
  const fix = finding.fixes[i];
  // Editors ask for the actions of the same diagnostic at every cursor move: judge each once.
  let known = confirmed.get(analysis);
  if (!known) confirmed.set(analysis, (known = new Map()));
  const key = `${finding.ruleId}\u0000${finding.span.start}\u0000${finding.span.end}\u0000${fix.title}`;
  let safe = known.get(key);
  if (safe === undefined) {
    safe = !fix.unsafe && judgeFix(analyzer, analysis, finding, fix).safe;
    known.set(key, safe);
    // The fixed version is thrown away: the analysis keeps answering from its own tree.
    reclaimTree(analysis.parsed);
  }
  if (safe) return finding;
  const { isPreferred: _drop, ...demoted } = fix;
  void _drop;
  return { ...finding, fixes: finding.fixes.map((f, j) => (j === i ? demoted : f)) };
}

/** Verdicts of `confirmPreferred` per analysis (analyses are values, so a verdict never goes stale). */
const confirmed = new WeakMap<Analysis, Map<string, boolean>>();
