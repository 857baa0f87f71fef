/**
 * What an analysis leaves for the next version's: its layout, its model and the per-record
 * results (schema findings, findings of rules scoped to one mailbox), and how they carry over
 * when nothing outside `mailboxes` changed. Keyed by the analysis in a WeakMap: an analysis
 * itself stays a plain value.
 */
import type { Analysis } from '../analysis';
import type { MailboxModel, PlanModel } from '../model';
import type { Finding, RecordResult, Span } from '../types';
import { remapper, type ChunkLayout, type Entry } from './chunks';
import type { Handed } from './handed';

/**
 * What an analysis leaves for the next version's, when it was parsed in chunks: its layout, its
 * model and, per rule of `scope: 'mailbox'`, the findings of each mailbox record.
 */
export interface Memo {
  readonly analyzer: object;
  readonly layout: ChunkLayout;
  readonly plan: PlanModel;
  /** The plan's mailbox models by id, which the next version may take over (`Handed.take`). */
  readonly mailboxById: Handed<Map<string, MailboxModel>>;
  /** Per rule (index in RULES): the findings of each record that has some. */
  readonly findings: ReadonlyMap<number, ReadonlyMap<Entry, readonly Finding[]>>;
  /** Schema findings and unknown paths of each record that has some. */
  readonly schema: ReadonlyMap<Entry, RecordResult>;
  /** Reference findings and unresolved paths of each record that has some. */
  readonly references: ReadonlyMap<Entry, RecordResult>;
  /** The chunks of the sections references name (mail systems, profiles): reference results carry while they stay the same. */
  readonly targets: readonly Entry[] | undefined;
  /**
   * Per rule of `scope: 'mailbox'` (index in RULES) that reads the plan's text or value outside
   * `mailboxes` itself, in this version or an earlier one it carries from: the chunks it read
   * (`chunkKey`). After an edit of one of them its findings are not carried, even when the
   * model did not change.
   */
  readonly readsGlobals: ReadonlyMap<number, ReadonlySet<string>>;
}

export const MEMOS = new WeakMap<Analysis, Memo>();

/**
 * How the previous version's results carry over. Per-record schema and reference results carry
 * whenever both versions have a `mailboxes` map (a record's schema findings depend on its text
 * alone); the model and the rules' per-record findings only when nothing outside `mailboxes`
 * changed (`globalsSame`).
 */
export interface Carry {
  readonly memo: Memo;
  /** True when a record of the previous version is still in this one, unchanged. */
  readonly kept: (record: Entry) => boolean;
  /** Ids of the records that are new or changed. */
  readonly changed: ReadonlySet<string>;
  /** Moves an offset of the previous version into this one (undefined inside changed text). */
  readonly remap: (offset: number) => number | undefined;
  /** True when every chunk outside `mailboxes` is the previous version's. */
  readonly globalsSame: boolean;
  /** The chunks outside `mailboxes` (`chunkKey`) that are new or changed. */
  readonly changedGlobals: ReadonlySet<string>;
  /** Ids of the previous version's records that are not kept (changed or gone). */
  readonly dropped: readonly string[];
}

export function carryFrom(memo: Memo | undefined, analyzer: object, layout: ChunkLayout | undefined): Carry | undefined {
  if (!memo || memo.analyzer !== analyzer || !layout?.mailboxes || !memo.layout.mailboxes) return undefined;
  const a = memo.layout.globals;
  const b = layout.globals;
  let globalsSame = a.length === b.length;
  for (let i = 0; globalsSame && i < a.length; i++) globalsSame = a[i] === b[i];
  const now = layout.mailboxes.get();
  // Read only where needed: a version spliced from this one may have taken it over.
  const before = () => memo.layout.mailboxes!.get();
  let changed = layout.freshMailboxes;
  // The records that went: only a model derived from the previous one needs them (analyze.ts).
  let dropped: readonly string[] = [];
  if (!globalsSame) {
    // A chunk reused from elsewhere (a profile record of the same text) is not fresh, yet new to `mailboxes`.
    const ids = new Set<string>();
    const gone: string[] = [];
    const was = before();
    // The same table when the edit left `mailboxes` alone (the layouts share it).
    if (was !== now) {
      for (const [id, entry] of now) if (was.get(id) !== entry) ids.add(id);
      for (const [id, entry] of was) if (now.get(id) !== entry) gone.push(id);
    }
    changed = ids;
    dropped = gone;
  } else if (layout.spliced?.from === memo.layout.id) {
    // Only the records the edit replaced can be gone.
    dropped = layout.spliced.dropped;
  } else {
    const gone: string[] = [];
    for (const [id, entry] of before()) if (now.get(id) !== entry) gone.push(id);
    dropped = gone;
  }
  const changedGlobals = new Set<string>();
  if (!globalsSame) {
    const was = keyed(memo.layout);
    const is = keyed(layout);
    for (const [e, k] of was) if (!is.has(e)) changedGlobals.add(k);
    for (const [e, k] of is) if (!was.has(e)) changedGlobals.add(k);
  }
  return {
    memo,
    changedGlobals,
    dropped,
    kept: (record) => now.get(record.key) === record,
    changed,
    remap: remapper(memo.layout, layout),
    globalsSame,
  };
}

/** Sections cut into one chunk per record: a path names its record's chunk. */
const RECORD_SECTIONS: ReadonlySet<string> = new Set(['mailSystems', 'serverProfiles', 'mailboxes']);

/**
 * The chunk a path outside `mailboxes` lies in: its top-level key, and in a section cut into
 * records the record's key too. `*` stands for the whole plan, a section's key for all of it.
 */
export function chunkKey(path: readonly (string | number)[]): string {
  if (path.length === 0) return '*';
  const top = String(path[0]);
  return RECORD_SECTIONS.has(top) && path.length >= 2 ? `${top}\0${String(path[1])}` : top;
}

/** True when a read of chunk `read` may see a change of chunk `changed` (`chunkKey` both). */
export function overlaps(read: string, changed: string): boolean {
  return read === '*' || read === changed || changed.startsWith(`${read}\0`) || read.startsWith(`${changed}\0`);
}

/** The chunk key of each entry of a layout's `globals` (heads and records, in document order). */
function keyed(layout: ChunkLayout): Map<Entry, string> {
  const heads = new Set(layout.heads.map((h) => layout.entries[h]));
  const out = new Map<Entry, string>();
  let section = '';
  for (const e of layout.globals) {
    if (heads.has(e)) {
      section = e.key;
      out.set(e, e.key);
    } else out.set(e, RECORD_SECTIONS.has(section) ? `${section}\0${e.key}` : section);
  }
  return out;
}

/** A finding of the previous version in this one; undefined when one of its spans is in changed text. */
export function moveFinding(f: Finding, remap: (offset: number) => number | undefined): Finding | undefined {
  let lost = false;
  const move = (s: Span): Span => {
    const start = remap(s.start);
    const end = remap(s.end);
    if (start === undefined || end === undefined) {
      lost = true;
      return s;
    }
    return { start, end };
  };
  const span = move(f.span);
  const related = f.related.map((r) => ({ ...r, span: move(r.span) }));
  const fixes = f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, span: move(e.span) })) }));
  return lost ? undefined : { ...f, span, related, fixes };
}
