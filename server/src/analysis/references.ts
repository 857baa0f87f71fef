/** `unknown-reference`: a reference (docs/plan-format.md#ids-and-references) that names no existing id. */
import { describeRecord, listOr } from './describe';
import { keySpan, valueSpan } from './locate';
import { valueAt } from './model';
import type { ParsedPlan } from './parse';
import { editDistance, suggest } from './suggest';
import { editorFor, fixList, makeFix } from './fixes';
import { yamlScalar } from './edit';
import type { Finding, Path, RecordResult } from './types';

export type Collection = 'mailSystems' | 'serverProfiles';

export interface Reference {
  readonly path: Path;
  readonly target: Collection;
}

function ids(root: unknown, key: string): string[] {
  const v = valueAt(root, [key]);
  return v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
}

/**
 * Every reference written in the plan, in a stable order; with `only`, of the mailbox records
 * it names alone (and all the others).
 */
export function referencesOf(root: unknown, only?: ReadonlySet<string>): Reference[] {
  const refs: Reference[] = [];
  const push = (path: Path, target: Collection) => {
    if (valueAt(root, path) !== undefined) refs.push({ path, target });
  };
  for (const id of ids(root, 'serverProfiles')) push(['serverProfiles', id, 'mailSystem'], 'mailSystems');
  push(['systemSettings', 'defaults', 'serverProfile'], 'serverProfiles');
  // Records read directly: a plan can hold tens of thousands of mailboxes and few references.
  const mailboxes = valueAt(root, ['mailboxes']);
  if (mailboxes && typeof mailboxes === 'object' && !Array.isArray(mailboxes)) {
    const has = (o: unknown, k: string) => o !== null && typeof o === 'object' && !Array.isArray(o) && Object.prototype.hasOwnProperty.call(o, k) && (o as Record<string, unknown>)[k] !== undefined;
    for (const id of only ?? Object.keys(mailboxes)) {
      if (only && !Object.prototype.hasOwnProperty.call(mailboxes, id)) continue;
      const record = (mailboxes as Record<string, unknown>)[id];
      if (has(record, 'serverProfile')) refs.push({ path: ['mailboxes', id, 'serverProfile'], target: 'serverProfiles' });
      if (has(record, 'mailSystem')) refs.push({ path: ['mailboxes', id, 'mailSystem'], target: 'mailSystems' });
    }
  }
  return refs;
}

const NOUN: Record<Collection, string> = { mailSystems: 'mail system', serverProfiles: 'profile' };

/** The references whose value is known text naming no record, with that text. */
function* unresolvedOf(root: unknown, known: (p: Path) => boolean, existing: Record<Collection, string[]>, only?: ReadonlySet<string>): Generator<{ ref: Reference; v: string }> {
  const names = { mailSystems: new Set(existing.mailSystems), serverProfiles: new Set(existing.serverProfiles) };
  for (const ref of referencesOf(root, only)) {
    const v = valueAt(root, ref.path);
    if (typeof v === 'string' && known(ref.path) && !names[ref.target].has(v)) yield { ref, v };
  }
}

/** The paths of the unresolved references of a plain plan value, as `checkReferences` finds them, without findings. */
export function unresolvedReferences(root: unknown, known: (p: Path) => boolean): Path[] {
  const existing: Record<Collection, string[]> = { mailSystems: ids(root, 'mailSystems'), serverProfiles: ids(root, 'serverProfiles') };
  return [...unresolvedOf(root, known, existing)].map((u) => u.ref.path);
}

/**
 * Checks references whose value is known text. Returns the findings and the paths of the
 * unresolved references (they are unknown to the rules), and what each mailbox record with an
 * unresolved reference contributed. With `only`, the mailbox records it does not name are left
 * out (the caller has their results from the previous version).
 */
export function checkReferences(
  plan: ParsedPlan,
  known: (p: Path) => boolean,
  only?: ReadonlySet<string>,
): { findings: Finding[]; unresolved: Path[]; records: Map<string, RecordResult> } {
  const root = plan.value;
  const findings: Finding[] = [];
  const unresolved: Path[] = [];
  const records = new Map<string, RecordResult>();
  const existing: Record<Collection, string[]> = { mailSystems: ids(root, 'mailSystems'), serverProfiles: ids(root, 'serverProfiles') };
  for (const { ref, v } of unresolvedOf(root, known, existing, only)) {
    unresolved.push(ref.path);
    let record: RecordResult | undefined;
    if (ref.path[0] === 'mailboxes') {
      const id = String(ref.path[1]);
      record = records.get(id);
      if (!record) records.set(id, (record = { findings: [], unknown: [] }));
      record.unknown.push(ref.path);
    }
    const span = valueSpan(plan, ref.path);
    if (!span) continue;
    const hints = suggest(v, existing[ref.target], 3);
    const edit = editorFor(plan);
    const lower = v.toLowerCase();
    const dist = (c: string) => (c.toLowerCase() === lower ? -1 : editDistance(lower, c.toLowerCase(), 3));
    const clear = hints.length === 1 || (hints.length > 1 && dist(hints[0]) < dist(hints[1]));
    const skeleton: [string, string][] = ref.target === 'serverProfiles' ? [['serverType', '""'], ['mailSystem', '""']] : [['kind', 'exchangeServer']];
    const fixes = fixList([
      ...hints.map((h, i) => makeFix(`Set ${String(ref.path[ref.path.length - 1])} to ${h}`, [edit.replace(ref.path, yamlScalar(h))], { isPreferred: i === 0 && clear })),
      makeFix(`Create ${NOUN[ref.target]} '${v}'`, [edit.appendEntry([ref.target], v, skeleton)]),
    ]);
    const hint = hints.length ? ` Did you mean ${listOr(hints.map((h) => `'${h}'`))}?` : '';
    const where = ref.path[0] === 'systemSettings' ? 'the default profile' : `${String(ref.path[ref.path.length - 1])} of ${describeRecord(ref.path)}`;
    const mapSpan = keySpan(plan, [ref.target]);
    (record?.findings ?? findings).push({
      ruleId: 'unknown-reference',
      severity: 'error',
      message: `There is no ${NOUN[ref.target]} '${v}' in ${ref.target} (${where}).${hint}`,
      span,
      related: mapSpan ? [{ span: mapSpan, message: `${ref.target} searched here` }] : [],
      fixes,
    });
  }
  for (const r of records.values()) findings.push(...r.findings);
  return { findings, unresolved, records };
}
