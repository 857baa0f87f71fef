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
  /** With `globalsSame`: ids of the previous version's records that are not kept (changed or gone); empty otherwise. */
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
    const was = before();
    for (const [id, entry] of now) if (was.get(id) !== entry) ids.add(id);
    changed = ids;
  } else if (layout.spliced?.from === memo.layout.id) {
    // Only the records the edit replaced can be gone.
    dropped = layout.spliced.dropped;
  } else {
    const gone: string[] = [];
    for (const [id, entry] of before()) if (now.get(id) !== entry) gone.push(id);
    dropped = gone;
  }
  return {
    memo,
    dropped,
    kept: (record) => now.get(record.key) === record,
    changed,
    remap: remapper(memo.layout, layout),
    globalsSame,
  };
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
