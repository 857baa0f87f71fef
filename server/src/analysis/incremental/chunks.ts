/**
 * Incremental parsing. A plan is a mapping of independent records, so after an edit only the
 * records whose text changed need parsing again. The text is cut into chunks — one per
 * top-level entry, and one per record of `mailSystems`, `serverProfiles` and `mailboxes` — each
 * parsed alone and cached by its text; the chunks' nodes are shifted to their offsets and
 * grafted into one document, so every consumer sees the same tree a whole-document parse gives.
 *
 * Versions share chunks, and an analysis is a value: when a later version moves a shared
 * chunk's nodes to its own offsets (in place, which costs a few additions per node), an earlier
 * version that is asked for its tree again gets a copy with its own offsets (`documentOf`).
 * Nothing a version has handed out changes after it is returned.
 *
 * Anything unusual (anchors, aliases, tags, directives, several documents, tabs in indentation,
 * a parse error in a chunk, a line the cutter does not understand) makes `parseChunked` return
 * undefined, and the caller parses the whole document as before. A test checks that both paths
 * give the same findings after random edit sequences.
 */
import { Document, Pair, YAMLMap, isMap, isPair, parseDocument, type Node } from 'yaml';
import { complexKeys, handOverPairIndex, keyString } from '../yaml-tree';
import { Handed } from './handed';
import { parsePlainRecord, type RecordText } from './plain-records';

const ID_SECTIONS = new Set(['mailSystems', 'serverProfiles', 'mailboxes']);
const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false } as const;

interface Chunk {
  readonly start: number;
  readonly text: string;
  /** The parsed chunk, when it is known to be an unchanged one (splice). */
  readonly entry?: Entry;
}

interface Section {
  readonly head: Chunk;
  /** Records of an id map written in block style under the head line. */
  readonly records: Chunk[];
  /** The indentation of the records' keys (when there are records). */
  readonly indent: number;
}

/**
 * A parsed chunk, reused while its text is unchanged: the same object means the same text. Its
 * nodes stand where the version that used it last placed them (`offset`); only this module moves
 * them, and `documentOf` gives every other version a tree at its own offsets.
 */
export interface Entry {
  readonly text: string;
  /** The chunk's pair (a record section's head: the head key alone, its records are assembled per version). */
  readonly pair: Pair;
  readonly key: string;
  readonly value: unknown;
  /** The absolute offset its node ranges currently carry. */
  offset: number;
  /** The `range` of each of its nodes (ranges are absolute: moving the chunk moves them all). */
  readonly ranges: number[][];
}

const TOP_KEY = /^(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_][^:#\n]*?)[ \t]*:(?:[ \t]|$)/;
const SECTION_HEAD = /^([A-Za-z]+)[ \t]*:[ \t]*(#.*)?$/;

/** Text the cutter leaves to the whole-document parser; `text` starts at a line start. */
function unusual(text: string): boolean {
  return (
    /(^|\n)(---|\.\.\.|%)/.test(text) ||
    /(^|[\s,[{:])[&*!]/.test(text) ||
    /(^|\n)[ ]*\t/.test(text) ||
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\r]/.test(text)
  );
}

const isBlank = (l: string) => /^[ ]*(#.*)?$/.test(l);

function cut(text: string): Section[] | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  if (unusual(text)) return undefined;
  const lines: { start: number; text: string }[] = [];
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    lines.push({ start, text: text.slice(start, nl < 0 ? text.length : nl) });
    start = end;
  }
  const sections: Section[] = [];
  let headStart = -1;
  let headLine = -1;
  const close = (endLine: number) => {
    if (headLine < 0) return true;
    const endOffset = endLine < lines.length ? lines[endLine].start : text.length;
    const head = lines[headLine];
    const m = SECTION_HEAD.exec(head.text);
    const records: Chunk[] = [];
    let bodyStart = endOffset;
    let indent = -1;
    if (m && ID_SECTIONS.has(m[1])) {
      let recStart = -1;
      for (let j = headLine + 1; j < endLine; j++) {
        const l = lines[j].text;
        if (isBlank(l)) continue;
        const ind = /^ */.exec(l)![0].length;
        if (indent < 0) {
          if (ind === 0) return false;
          indent = ind;
        }
        if (ind < indent) return false;
        if (ind === indent) {
          if (!TOP_KEY.test(l.slice(ind))) return false;
          if (recStart < 0) bodyStart = lines[j].start;
          else records.push({ start: recStart, text: text.slice(recStart, lines[j].start) });
          recStart = lines[j].start;
        }
      }
      if (recStart >= 0) records.push({ start: recStart, text: text.slice(recStart, endOffset) });
    }
    // Leading comments and blank lines join the first entry.
    const start = sections.length === 0 ? 0 : headStart;
    sections.push({ head: { start, text: text.slice(start, records.length ? bodyStart : endOffset) }, records, indent });
    return true;
  };
  for (let j = 0; j < lines.length; j++) {
    const l = lines[j].text;
    if (l.length === 0 || l[0] === ' ' || l[0] === '#') continue;
    if (!TOP_KEY.test(l)) return undefined;
    if (!close(j)) return undefined;
    headStart = lines[j].start;
    headLine = j;
  }
  if (!close(lines.length)) return undefined;
  return sections.length ? sections : undefined;
}

/** The `range` arrays of every node under `node`, collected once so that moving a chunk is a flat loop. */
function rangesUnder(node: unknown, out: number[][]): number[][] {
  if (!node || typeof node !== 'object') return out;
  const r = (node as { range?: number[] | null }).range;
  if (r) out.push(r);
  if (isPair(node)) {
    rangesUnder(node.key, out);
    rangesUnder(node.value, out);
    return out;
  }
  const items = (node as { items?: unknown[] }).items;
  if (items) for (const it of items) rangesUnder(it, out);
  return out;
}

/** Counts the moves of any entry: a version's tree is checked against its offsets only after one. */
let moves = 0;

function shift(e: Entry, delta: number): void {
  if (delta === 0) return;
  moves++;
  for (const r of e.ranges) {
    r[0] += delta;
    r[1] += delta;
    r[2] += delta;
  }
}

/**
 * When `offset` is where a record of a section starts, and that section's records are indented
 * by `indent`: where the section's first record starts (completion reads the keys of a record
 * from there instead of scanning every line above). Undefined otherwise.
 */
export function firstRecordAt(layout: ChunkLayout, offset: number, indent: number): number | undefined {
  const { starts, heads, indents } = layout;
  const lo = chunkAt(starts, offset);
  const section = sectionAt(heads, lo);
  if (starts[lo] !== offset || heads[section] === lo || indents[section] !== indent) return undefined;
  return starts[heads[section] + 1];
}

/** The section (index into `heads`) of entry `i`: the last head at or before it. */
function sectionAt(heads: readonly number[], i: number): number {
  let s = 0;
  while (s + 1 < heads.length && heads[s + 1] <= i) s++;
  return s;
}

/** The index of the chunk holding `offset`: the last one starting at or before it. */
function chunkAt(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A copy of `s` that does not keep the string it was sliced from alive: V8 represents a slice
 * as a view into its parent, and an entry outlives its version's text by many edits.
 */
function flat(s: string): string {
  return (s + ' ').slice(0, -1);
}

/** A chunk's text read by `yaml`: undefined unless it is one mapping of one pair with a plain key. */
function parseRecord(text: string): RecordText | undefined {
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length || doc.warnings.length) return undefined;
  const root = doc.contents;
  if (!isMap(root) || root.items.length !== 1 || !isPair(root.items[0])) return undefined;
  const pair = root.items[0] as Pair;
  const key = keyString(pair.key);
  if (key === undefined || key === '__proto__' || complexKeys(doc).length) return undefined;
  return { contents: root, pair, key, value: (doc.toJS() as Record<string, unknown>)[key] };
}

function entryFor(chunk: Chunk, previous: Map<string, Entry> | undefined, used: Set<Entry>, fresh?: Set<Entry>): Entry | undefined {
  // An entry's nodes can stand in the tree once: a second chunk with the same text is parsed anew.
  let e = chunk.entry ?? previous?.get(chunk.text);
  if (e && used.has(e)) e = undefined;
  if (!e) {
    // Parsed from its own copy: the nodes' strings are slices of the text they were parsed from.
    const own = flat(chunk.text);
    const read = parsePlainRecord(own) ?? parseRecord(own);
    if (!read) return undefined;
    e = { text: own, pair: read.pair, key: read.key, value: read.value, offset: 0, ranges: rangesUnder(read.contents, []) };
    fresh?.add(e);
  }
  shift(e, chunk.start - e.offset);
  e.offset = chunk.start;
  used.add(e);
  return e;
}

/**
 * Where each chunk stands in this version of the text. Later stages key their per-record results
 * by entry (an unchanged record keeps its entry) and move spans with `remapper`.
 */
export interface ChunkLayout {
  /** Every chunk in document order; together they cover the whole text. */
  readonly entries: readonly Entry[];
  /**
   * Start offset of each entry in this version (entries' own `offset` moves on with later
   * versions): a typed array, which a splice copies and shifts many times faster than a list.
   */
  readonly starts: Int32Array;
  /** The entry index of each section's head. */
  readonly heads: readonly number[];
  /** The indentation of each section's record keys (-1 for a section without records). */
  readonly indents: readonly number[];
  /**
   * The records of the top-level `mailboxes` mapping by id; undefined when an id repeats or there
   * is none. The next version may take the map over (an edit that keeps every id).
   */
  readonly mailboxes?: Handed<Map<string, Entry>>;
  /** Every chunk that is not a record of `mailboxes`, in document order. */
  readonly globals: readonly Entry[];
  /** Ids of the `mailboxes` records parsed anew for this version (the others are the previous version's). */
  readonly freshMailboxes: ReadonlySet<string>;
  /** The text this layout cuts. */
  readonly text: string;
  /**
   * The plain value of each section cut into records (undefined for the others): the document's
   * value reads it through this, since the next version may take it over (an edit that keeps
   * every mailbox id).
   */
  readonly values: readonly (Handed<Record<string, unknown>> | undefined)[];
  /** The mapping assembled for each section cut into records (undefined for the others). */
  readonly maps: readonly (YAMLMap | undefined)[];
  /** Set when this layout was spliced from the layout `from`: the edited range of its text. */
  readonly spliced?: {
    readonly from: number;
    readonly start: number;
    readonly endOld: number;
    readonly delta: number;
    /** The entries of `from` the edited range held (some may be found again in this layout). */
    readonly replaced: readonly Entry[];
    /** Where they stood in `from`'s entries, and the entries that stand there now. */
    readonly at: number;
    readonly inserted: readonly Entry[];
    /** Ids of the `mailboxes` records of `from` that are gone or changed in this layout. */
    readonly dropped: readonly string[];
  };
  /** A number that identifies this layout (for `spliced.from`). */
  readonly id: number;
}

export interface ChunkedParse {
  /** The tree of this version, at its offsets: read it through `documentOf(parse)` each time, never keep it. */
  readonly doc: Document.Parsed;
  readonly value: Record<string, unknown>;
  readonly layout: ChunkLayout;
}

let layoutIds = 0;

/**
 * Parses `text` chunk by chunk, reusing the chunks of the `previous` version's layout;
 * undefined when it cannot. An edit inside the records of one section is spliced: only the
 * records it touches are cut and parsed again, the arrays of the layout are sliced around them.
 * So is an edit inside a section without records (`systemSettings`): that chunk alone is parsed
 * again. Any other edit cuts the whole text.
 */
export function parseChunked(text: string, previous?: ChunkLayout): ChunkedParse | undefined {
  if (previous) {
    const edit = splice(text, previous);
    if (edit && edit !== 'same' && 'head' in edit) {
      const spliced = applyHeadSplice(text, previous, edit);
      if (spliced) return spliced;
    } else if (edit === 'same') {
      const end = text.length;
      place(previous.entries, previous.starts);
      return placedAt(assemble(text, { ...previous, text, id: ++layoutIds, freshMailboxes: new Set(), spliced: { from: previous.id, start: end, endOld: end, delta: 0, replaced: [], at: previous.entries.length, inserted: [], dropped: [] } }, previous.values, -1, undefined, previous.maps));
    } else if (edit) {
      const spliced = applySplice(text, previous, edit);
      if (spliced) return spliced;
    }
  }
  return wholeCut(text, previous);
}

/** Parses a whole cut; chunks are found among the previous version's by their text. */
function wholeCut(text: string, previous: ChunkLayout | undefined): ChunkedParse | undefined {
  const sections = cut(text);
  if (!sections) return undefined;
  const byText = previous ? new Map(previous.entries.map((e) => [e.text, e])) : undefined;
  const used = new Set<Entry>();
  const fresh = new Set<Entry>();
  const entries: Entry[] = [];
  const starts: number[] = [];
  const heads: number[] = [];
  const indents: number[] = [];
  for (const s of sections) {
    const head = entryFor(s.head, byText, used);
    if (!head) return undefined;
    heads.push(entries.length);
    indents.push(s.records.length ? s.indent : -1);
    entries.push(head);
    starts.push(s.head.start);
    for (const r of s.records) {
      const rec = entryFor(r, byText, used, head.key === 'mailboxes' ? fresh : undefined);
      if (!rec) return undefined;
      entries.push(rec);
      starts.push(r.start);
    }
  }
  const mailboxes = indexed(entries, heads);
  const freshMailboxes = new Set<string>();
  const before = previous?.mailboxes?.get();
  if (mailboxes) for (const [id, e] of mailboxes.get()) if (before?.get(id) !== e) freshMailboxes.add(id);
  return assemble(text, { entries, starts: Int32Array.from(starts), heads, indents, mailboxes, globals: globalsOf(entries, heads), freshMailboxes, text, id: ++layoutIds }, undefined, undefined);
}

/** The records of the one `mailboxes` section by id; undefined when there are several such sections or an id repeats. */
function mailboxIndex(entries: readonly Entry[], heads: readonly number[]): Map<string, Entry> | undefined {
  const sections = heads.filter((h) => entries[h].key === 'mailboxes');
  if (sections.length !== 1) return undefined;
  const h = sections[0];
  const end = heads.find((x) => x > h) ?? entries.length;
  const byId = new Map<string, Entry>();
  for (let i = h + 1; i < end; i++) {
    if (byId.has(entries[i].key)) return undefined;
    byId.set(entries[i].key, entries[i]);
  }
  return byId.size ? byId : undefined;
}

/** `mailboxIndex`, held so that the next version can take it over. */
function indexed(entries: readonly Entry[], heads: readonly number[], built = mailboxIndex(entries, heads)): Handed<Map<string, Entry>> | undefined {
  return built && new Handed(() => mailboxIndex(entries, heads)!, built);
}

function globalsOf(entries: readonly Entry[], heads: readonly number[]): Entry[] {
  const out: Entry[] = [];
  let inMailboxes = false;
  let next = 0;
  for (let i = 0; i < entries.length; i++) {
    if (i === heads[next]) {
      inMailboxes = entries[i].key === 'mailboxes';
      next++;
      out.push(entries[i]);
    } else if (!inMailboxes) out.push(entries[i]);
  }
  return out;
}

/** What the previous version hands to the next one in the `mailboxes` section an edit touched. */
interface HandOver {
  /** The previous version's mapping of the section (its key index is taken over). */
  readonly from: YAMLMap;
  readonly removed: readonly Entry[];
  readonly added: readonly Entry[];
  /** The index, among the layout's entries, of the first of `removed` and `added`. */
  readonly at: number;
  /** True when `added` has the keys of `removed`, in order: the section's plain value is taken over too. */
  readonly sameKeys: boolean;
}

/** The plain value of the records entries[from..to), built when first read. */
function sectionValue(entries: readonly Entry[], from: number, to: number, built?: Record<string, unknown>): Handed<Record<string, unknown>> {
  return new Handed(() => {
    const obj: Record<string, unknown> = {};
    for (let i = from; i < to; i++) obj[entries[i].key] = entries[i].value;
    return obj;
  }, built);
}

/** Sets `key` of a plain value as yaml's `toJS` does (an own property even for `__proto__`). */
function define(obj: object, key: string, desc: PropertyDescriptor): void {
  Object.defineProperty(obj, key, { ...desc, enumerable: true, configurable: true });
}

/**
 * Builds the document from a layout's entries: a section's records under its head, sections
 * under one root. Sections other than `touched` keep their plain values from `oldValues` (their
 * records are the same objects); `touched` takes its own over when `hand.sameKeys`.
 */
function assemble(
  text: string,
  layout: Omit<ChunkLayout, 'values' | 'maps'>,
  oldValues: ChunkLayout['values'] | undefined,
  touched: number | undefined,
  hand?: HandOver,
  /** The previous version's mappings, with the same sections: an untouched one's records are the same pairs. */
  oldMaps?: ChunkLayout['maps'],
): ChunkedParse {
  const { entries, heads } = layout;
  const root = new YAMLMap();
  const value: Record<string, unknown> = {};
  const values: (Handed<Record<string, unknown>> | undefined)[] = [];
  const maps: (YAMLMap | undefined)[] = [];
  for (let s = 0; s < heads.length; s++) {
    const h = heads[s];
    const head = entries[h];
    const end = s + 1 < heads.length ? heads[s + 1] : entries.length;
    let pair = head.pair;
    if (end === h + 1) {
      values.push(undefined);
      maps.push(undefined);
      define(value, head.key, { value: head.value, writable: true });
    } else {
      const map = new YAMLMap();
      // Copied with native slices from the previous version's mapping where it has one.
      const oldMap = oldMaps?.[s];
      if (oldMap && s !== touched) {
        map.items = oldMap.items.slice();
        // The same pairs: the previous version's key index serves as it is.
        handOverPairIndex(oldMap, map, [], []);
      }
      else if (oldMap && hand && s === touched) {
        const k = hand.at - h - 1;
        map.items = oldMap.items.slice(0, k).concat(
          hand.added.map((e) => e.pair),
          oldMap.items.slice(k + hand.removed.length),
        );
      } else for (let i = h + 1; i < end; i++) map.items.push(entries[i].pair);
      maps.push(map);
      // The previous version's key index of this mapping, brought up to date (no key repeats here).
      if (hand && s === touched) handOverPairIndex(hand.from, map, hand.removed, hand.added);
      const first = (map.items[0].key as Node).range!;
      const last = map.items[map.items.length - 1];
      const lastNode = ((last.value as Node | null) ?? (last.key as Node)).range!;
      map.range = [first[0], lastNode[1], lastNode[2]];
      // A pair of this version's own: the head's pair is shared with the other versions.
      pair = new Pair(head.pair.key, map);
      // A section the edit did not touch keeps its plain value (its records are the same objects).
      const old = oldValues?.[s];
      let section: Handed<Record<string, unknown>>;
      if (old && s !== touched) section = old;
      else if (old && hand?.sameKeys && s === touched) {
        // The previous version's value, brought up to date: it builds its own again if asked.
        const obj = old.take();
        for (const e of hand.added) obj[e.key] = e.value;
        section = sectionValue(entries, h + 1, end, obj);
      } else section = sectionValue(entries, h + 1, end);
      values.push(section);
      define(value, head.key, { get: () => section.get() });
    }
    root.items.push(pair);
  }
  const firstKey = (root.items[0].key as Node).range!;
  const lastPair = root.items[root.items.length - 1];
  const lastNode = ((lastPair.value as Node | null) ?? (lastPair.key as Node)).range!;
  root.range = [firstKey[0], lastNode[1], text.length];
  const doc = new Document() as unknown as Document.Parsed;
  doc.contents = root as unknown as Document.Parsed['contents'];
  return { doc, value, layout: { ...layout, values, maps } };
}

interface Placement {
  /** `moves` when this version's tree was last found at its offsets. */
  checked: number;
  /** The version's own copy, once a later version has moved its chunks away. */
  copy?: Document.Parsed;
}

const placements = new WeakMap<ChunkedParse, Placement>();

/**
 * The tree of a chunked parse at its own offsets. While no later version has moved its chunks,
 * that is the tree it was assembled with (checked in O(1) until some entry moves); after that, a
 * copy made once from the moved nodes, with every range moved back.
 */
export function documentOf(parse: ChunkedParse): Document.Parsed {
  let p = placements.get(parse);
  if (!p) placements.set(parse, (p = { checked: -1 }));
  if (p.copy) return p.copy;
  if (p.checked === moves) return parse.doc;
  const { entries, starts } = parse.layout;
  let placed = true;
  for (let i = 0; i < entries.length && placed; i++) placed = entries[i].offset === starts[i];
  if (placed) {
    p.checked = moves;
    return parse.doc;
  }
  p.copy = copyAt(parse);
  return p.copy;
}

/** `parse`, whose chunks were just placed at its offsets: its tree is known to stand there until the next move. */
function placedAt(parse: ChunkedParse): ChunkedParse {
  placements.set(parse, { checked: moves });
  return parse;
}

/**
 * Moves the chunks of `parse` back to where they stand in it, after a version made from it only to
 * be thrown away (a fix judged on a copy of the document), so that `parse` needs no copy of its
 * tree. Safe whatever is read next: a version whose chunks this moves away gets its copy then.
 */
export function reclaim(parse: ChunkedParse): void {
  if (placements.get(parse)?.copy) return;
  place(parse.layout.entries, parse.layout.starts);
}

const NODE_TYPE = Symbol.for('yaml.node.type');

/** A copy of a node tree with every range moved by `delta`; the original is not touched. */
function moved<T>(node: T, delta: number): T {
  if (!node || typeof node !== 'object') return node;
  const n = node as unknown as Record<string | symbol, unknown> & { range?: number[] | null; items?: unknown[] };
  const copy = Object.create(Object.getPrototypeOf(n)) as typeof n;
  // The same shape as the parser's nodes: the type tag and `schema` are not enumerable there.
  Object.defineProperty(copy, NODE_TYPE, { value: n[NODE_TYPE] });
  if (n.schema !== undefined) Object.defineProperty(copy, 'schema', { value: n.schema, configurable: true, enumerable: false, writable: true });
  for (const k of Object.keys(n)) copy[k] = n[k];
  const r = n.range;
  if (r) copy.range = [r[0] + delta, r[1] + delta, r[2] + delta];
  if (isPair(n)) {
    copy.key = moved(n.key, delta);
    copy.value = moved(n.value, delta);
  } else if (n.items) copy.items = n.items.map((it) => moved(it, delta));
  return copy as unknown as T;
}

/** The version's tree rebuilt from copies of its chunks' nodes, each moved to where the chunk stands in it. */
function copyAt(parse: ChunkedParse): Document.Parsed {
  const { entries, starts, heads } = parse.layout;
  const root = new YAMLMap();
  const pairs = entries.map((e, i) => moved(e.pair, starts[i] - e.offset));
  for (let s = 0; s < heads.length; s++) {
    const h = heads[s];
    const end = s + 1 < heads.length ? heads[s + 1] : entries.length;
    if (end === h + 1) {
      root.items.push(pairs[h]);
      continue;
    }
    const original = (parse.doc.contents as YAMLMap).items[s].value as YAMLMap;
    const map = new YAMLMap();
    map.items = pairs.slice(h + 1, end);
    map.range = original.range ? [...original.range] : undefined;
    root.items.push(new Pair(pairs[h].key, map));
  }
  const range = (parse.doc.contents as YAMLMap).range;
  root.range = range ? [...range] : undefined;
  const doc = new Document() as unknown as Document.Parsed;
  doc.contents = root as unknown as Document.Parsed['contents'];
  return doc;
}

/**
 * Moves each chunk's nodes to where the chunk now starts: after the edit, by the change in
 * length. (Checked for every chunk: a previous analysis used twice leaves its chunks elsewhere.)
 */
function place(entries: readonly Entry[], starts: Int32Array): void {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.offset !== starts[i]) {
      shift(e, starts[i] - e.offset);
      e.offset = starts[i];
    }
  }
}

/** An edit confined to the records of one section: previous entries `a..b` give way to `records`. */
interface Splice {
  readonly section: number;
  readonly a: number;
  readonly b: number;
  readonly records: Chunk[];
  readonly start: number;
  readonly endOld: number;
  readonly delta: number;
}

function applySplice(text: string, previous: ChunkLayout, edit: Splice): ChunkedParse | undefined {
  const { section, a, b, records, delta } = edit;
  // The edited chunks may be found again by their text (an edit can move text between records).
  const edited = new Map<string, Entry>();
  for (let i = a; i <= b; i++) edited.set(previous.entries[i].text, previous.entries[i]);
  const used = new Set<Entry>();
  const fresh = new Set<Entry>();
  const isMailboxes = previous.entries[previous.heads[section]].key === 'mailboxes';
  const region: Entry[] = [];
  for (const r of records) {
    const e = entryFor(r, edited, used, fresh);
    if (!e) return undefined;
    region.push(e);
  }
  const grown = region.length - (b - a + 1);
  // slice and concat, not spreads: these arrays have an entry per record.
  const entries = previous.entries.slice(0, a).concat(region, previous.entries.slice(b + 1));
  const old = previous.starts;
  const starts = new Int32Array(old.length + grown);
  starts.set(old.subarray(0, a));
  for (let i = 0; i < records.length; i++) starts[a + i] = records[i].start;
  for (let i = b + 1, k = a + records.length; i < old.length; i++, k++) starts[k] = old[i] + delta;
  const heads = previous.heads.map((h) => (h > b ? h + grown : h));
  place(entries, starts);
  const replaced = previous.entries.slice(a, b + 1);
  // An edit that keeps every id (most do: a value in a record) hands the id map on, O(change).
  const sameKeys = region.length === replaced.length && region.every((e, i) => e.key === replaced[i].key);
  let mailboxes = previous.mailboxes;
  let freshMailboxes: Set<string> = new Set();
  const dropped: string[] = [];
  if (isMailboxes) {
    if (!previous.mailboxes) mailboxes = indexed(entries, heads);
    else if (sameKeys) {
      const byId = previous.mailboxes.take();
      for (let i = 0; i < region.length; i++) {
        if (region[i] !== replaced[i]) dropped.push(replaced[i].key);
        byId.set(region[i].key, region[i]);
      }
      mailboxes = indexed(entries, heads, byId);
    } else {
      const before = previous.mailboxes.get();
      const byId = new Map(before);
      for (const e of replaced) byId.delete(e.key);
      let repeated = false;
      for (const e of region) {
        if (byId.has(e.key)) repeated = true;
        byId.set(e.key, e);
      }
      mailboxes = repeated ? undefined : indexed(entries, heads, byId);
      if (mailboxes) for (const e of replaced) if (before.get(e.key) === e && byId.get(e.key) !== e) dropped.push(e.key);
    }
    if (mailboxes) freshMailboxes = new Set(region.filter((e) => fresh.has(e)).map((e) => e.key));
  }
  const layout = {
    entries,
    starts,
    heads,
    indents: previous.indents,
    mailboxes,
    globals: isMailboxes ? previous.globals : globalsOf(entries, heads),
    freshMailboxes,
    text,
    spliced: { from: previous.id, start: edit.start, endOld: edit.endOld, delta, replaced, at: a, inserted: region, dropped },
    id: ++layoutIds,
  };
  const from = previous.maps[section];
  const hand = isMailboxes && mailboxes && previous.mailboxes && from ? { from, removed: replaced, added: region, at: a, sameKeys } : undefined;
  return placedAt(assemble(text, layout, previous.values, section, hand, previous.maps));
}

/**
 * Where `text` differs from the previous version's: `same` when it does not; a splice when the
 * edit lies within the records of one section; undefined when it reaches a section head,
 * changes the sections, or meets text `cut` refuses.
 */
function splice(text: string, previous: ChunkLayout): Splice | HeadSplice | 'same' | undefined {
  const { entries, starts, heads } = previous;
  const n = entries.length;
  const before = previous.text;
  const delta = text.length - before.length;
  // Blocks first: comparing slices is a memory compare, many times faster than a character loop.
  const max = Math.min(before.length, text.length);
  const BLOCK = 4096;
  let p = 0;
  while (p + BLOCK <= max && before.slice(p, p + BLOCK) === text.slice(p, p + BLOCK)) p += BLOCK;
  while (p < max && before.charCodeAt(p) === text.charCodeAt(p)) p++;
  if (p === max && delta === 0) return 'same';
  const bl = before.length;
  const tl = text.length;
  let q = 0;
  while (q + BLOCK <= max - p && before.slice(bl - q - BLOCK, bl - q) === text.slice(tl - q - BLOCK, tl - q)) q += BLOCK;
  while (q < max - p && before.charCodeAt(bl - 1 - q) === text.charCodeAt(tl - 1 - q)) q++;
  const sectionOf = (i: number) => sectionAt(heads, i);
  const isHead = (i: number) => heads[sectionOf(i)] === i;
  let a = chunkAt(starts, p);
  // Text inserted just before a section head ends the section above.
  if (p === starts[a] && isHead(a) && a > 0) a--;
  const b = bl - q > p ? chunkAt(starts, bl - q - 1) : a;
  if (isHead(a)) return a === b ? headSplice(text, previous, a, delta) : undefined;
  const section = sectionOf(a);
  const indent = previous.indents[section];
  for (let i = a; i <= b; i++) if (isHead(i) || sectionOf(i) !== section) return undefined;
  const endOld = b + 1 < n ? starts[b + 1] : bl;
  const end = endOld + delta;
  // Text inserted where a record ends belongs to that record: start the cut there.
  const startsRecord = (at: number) => {
    const nl = text.indexOf('\n', at);
    const line = text.slice(at, nl < 0 ? text.length : nl);
    const ind = /^ */.exec(line)![0].length;
    return ind === indent && TOP_KEY.test(line.slice(ind));
  };
  if (starts[a] < end && !startsRecord(starts[a])) {
    if (a - 1 < 0 || isHead(a - 1) || sectionOf(a - 1) !== section) return undefined;
    a--;
  }
  const start = starts[a];
  if (end < start) return undefined;
  // The chunk after the edit is unchanged, but it must still begin a line: text inserted right
  // before a section head without a line break (`    mailboxes:`) changes that line.
  if (end < text.length && text.charCodeAt(end - 1) !== 10) return undefined;
  if (unusual(text.slice(start, end))) return undefined;
  // Cut the region into records.
  const records: Chunk[] = [];
  let recStart = -1;
  for (let at = start; at < end; ) {
    const nl = text.indexOf('\n', at);
    const next = nl < 0 || nl + 1 > end ? end : nl + 1;
    const line = text.slice(at, nl < 0 || nl >= end ? end : nl);
    if (!isBlank(line)) {
      const ind = /^ */.exec(line)![0].length;
      if (ind < indent) return undefined;
      if (ind === indent) {
        if (!TOP_KEY.test(line.slice(ind))) return undefined;
        if (recStart >= 0) records.push({ start: recStart, text: text.slice(recStart, at) });
        recStart = at;
      } else if (recStart < 0) return undefined;
    } else if (recStart < 0) return undefined;
    at = next;
  }
  if (recStart >= 0) records.push({ start: recStart, text: text.slice(recStart, end) });
  // A section left without records is a different shape: cut the whole text.
  const kept = (heads[section + 1] ?? n) - heads[section] - 1 - (b - a + 1);
  if (kept + records.length === 0) return undefined;
  return { section, a, b, records, start, endOld, delta };
}

/** An edit confined to the one chunk of a section without records (`organization`, `systemSettings`, …). */
interface HeadSplice {
  readonly head: number;
  /** The section's new chunk: it starts where the old one did. */
  readonly chunk: Chunk;
  readonly endOld: number;
  readonly delta: number;
}

/**
 * The splice of an edit inside the chunk of entry `h`, a section head: only for a section that
 * has no records and can get none (not an id map), whose new text is still one top-level key.
 */
function headSplice(text: string, previous: ChunkLayout, h: number, delta: number): HeadSplice | undefined {
  const { entries, starts, heads } = previous;
  const section = sectionAt(heads, h);
  const next = section + 1 < heads.length ? heads[section + 1] : entries.length;
  if (next !== h + 1 || ID_SECTIONS.has(entries[h].key)) return undefined;
  const start = starts[h];
  const endOld = h + 1 < entries.length ? starts[h + 1] : previous.text.length;
  const end = endOld + delta;
  if (end <= start || (end < text.length && text.charCodeAt(end - 1) !== 10)) return undefined;
  const chunkText = text.slice(start, end);
  // Still one section, as a whole cut would read it (its key line, text `cut` accepts).
  if (cut(chunkText)?.length !== 1) return undefined;
  return { head: h, chunk: { start, text: chunkText }, endOld, delta };
}

function applyHeadSplice(text: string, previous: ChunkLayout, edit: HeadSplice): ChunkedParse | undefined {
  const { head, chunk, delta } = edit;
  const old = previous.entries[head];
  const e = entryFor(chunk, new Map([[old.text, old]]), new Set());
  // A renamed section changes the plan's shape: cut the whole text.
  if (!e || e.key !== old.key) return undefined;
  const entries = previous.entries.slice();
  entries[head] = e;
  const starts = previous.starts.slice();
  for (let i = head + 1; i < starts.length; i++) starts[i] += delta;
  place(entries, starts);
  const layout = {
    entries,
    starts,
    heads: previous.heads,
    indents: previous.indents,
    mailboxes: previous.mailboxes,
    globals: globalsOf(entries, previous.heads),
    freshMailboxes: new Set<string>(),
    text,
    spliced: { from: previous.id, start: chunk.start, endOld: edit.endOld, delta, replaced: [old], at: head, inserted: [e], dropped: [] },
    id: ++layoutIds,
  };
  return placedAt(assemble(text, layout, previous.values, sectionAt(previous.heads, head), undefined, previous.maps));
}

/**
 * Moves offsets of the version `from` was laid out for into the version of `to`: an offset
 * inside (or at either end of) a chunk both versions share moves with that chunk. Offsets in a
 * chunk that changed have no counterpart: the function returns undefined for them.
 */
export function remapper(from: ChunkLayout, to: ChunkLayout): (offset: number) => number | undefined {
  const spliced = to.spliced;
  if (spliced && spliced.from === from.id) {
    // Before the edit nothing moved; after it everything moved by the change in length.
    const { start, endOld, delta } = spliced;
    return (offset) => (offset <= start ? offset : offset >= endOld ? offset + delta : undefined);
  }
  let moved: Map<Entry, number> | undefined;
  const { starts, entries } = from;
  return (offset) => {
    if (!moved) {
      // Built on first use: most edits have no finding to move.
      moved = new Map();
      for (let i = 0; i < to.entries.length; i++) moved.set(to.entries[i], to.starts[i]);
    }
    const lo = chunkAt(starts, offset);
    const at = moved!.get(entries[lo]);
    if (at !== undefined) return at + offset - starts[lo];
    // The start of a changed chunk is also the end of the chunk before it.
    if (offset === starts[lo] && lo > 0) {
      const before = moved!.get(entries[lo - 1]);
      if (before !== undefined) return before + offset - starts[lo - 1];
    }
    return undefined;
  };
}
