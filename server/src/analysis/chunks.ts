/**
 * Incremental parsing. A plan is a mapping of independent records, so after an edit only the
 * records whose text changed need parsing again. The text is cut into chunks — one per
 * top-level entry, and one per record of `mailSystems`, `serverProfiles` and `mailboxes` — each
 * parsed alone and cached by its text; the chunks' nodes are shifted to their offsets and
 * grafted into one document, so every consumer sees the same tree a whole-document parse gives.
 *
 * Anything unusual (anchors, aliases, tags, directives, several documents, tabs in indentation,
 * a parse error in a chunk, a line the cutter does not understand) makes `parseChunked` return
 * undefined, and the caller parses the whole document as before. A test checks that both paths
 * give the same findings after random edit sequences.
 */
import { Document, YAMLMap, isMap, isPair, parseDocument, type Node, type Pair } from 'yaml';
import { complexKeys, keyString } from './parse';

const ID_SECTIONS = new Set(['mailSystems', 'serverProfiles', 'mailboxes']);
const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false } as const;

interface Chunk {
  readonly start: number;
  readonly text: string;
}

interface Section {
  readonly head: Chunk;
  /** Records of an id map written in block style under the head line. */
  readonly records: Chunk[];
}

/** A parsed chunk, reused while its text is unchanged: the same object means the same text. */
export interface Entry {
  readonly doc: Document.Parsed;
  readonly pair: Pair;
  /** The chunk's own value node (a record section's head has none of its records). */
  readonly ownValue: unknown;
  readonly key: string;
  readonly value: unknown;
  /** The absolute offset its node ranges currently carry. */
  offset: number;
}

export type ChunkCache = Map<string, Entry>;

const TOP_KEY = /^(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_][^:#\n]*?)[ \t]*:(?:[ \t]|$)/;
const SECTION_HEAD = /^([A-Za-z]+)[ \t]*:[ \t]*(#.*)?$/;

function cut(text: string): Section[] | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  if (/(^|\n)(---|\.\.\.|%)/.test(text)) return undefined;
  if (/(^|[\s,[{:])[&*!]/.test(text)) return undefined;
  if (/(^|\n)[ ]*\t/.test(text)) return undefined;
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\r]/.test(text)) return undefined;
  const lines: { start: number; text: string }[] = [];
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    lines.push({ start, text: text.slice(start, nl < 0 ? text.length : nl) });
    start = end;
  }
  const isBlank = (l: string) => /^[ ]*(#.*)?$/.test(l);
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
    if (m && ID_SECTIONS.has(m[1])) {
      let indent = -1;
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
    sections.push({ head: { start, text: text.slice(start, records.length ? bodyStart : endOffset) }, records });
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

/** Adds `delta` to the ranges of every node under `node` (a plain walk: `visit` is slower). */
function shiftNode(node: unknown, delta: number): void {
  if (!node || typeof node !== 'object') return;
  const r = (node as { range?: number[] | null }).range;
  if (r) {
    r[0] += delta;
    r[1] += delta;
    r[2] += delta;
  }
  if (isPair(node)) {
    shiftNode(node.key, delta);
    shiftNode(node.value, delta);
    return;
  }
  const items = (node as { items?: unknown[] }).items;
  if (items) for (const it of items) shiftNode(it, delta);
}

function shift(doc: Document, delta: number): void {
  if (delta !== 0) shiftNode(doc.contents, delta);
}

function entryFor(chunk: Chunk, previous: ChunkCache | undefined, next: ChunkCache, used: Set<Entry>): Entry | undefined {
  // An entry's nodes can stand in the tree once: a second chunk with the same text is parsed anew.
  let e = previous?.get(chunk.text);
  if (e && used.has(e)) e = undefined;
  if (!e) {
    const doc = parseDocument(chunk.text, PARSE_OPTIONS);
    if (doc.errors.length || doc.warnings.length) return undefined;
    const root = doc.contents;
    if (!isMap(root) || root.items.length !== 1 || !isPair(root.items[0])) return undefined;
    const pair = root.items[0] as Pair;
    const key = keyString(pair.key);
    if (key === undefined || key === '__proto__' || complexKeys(doc).length) return undefined;
    const js = doc.toJS() as Record<string, unknown>;
    e = { doc, pair, ownValue: pair.value, key, value: js[key], offset: 0 };
  }
  // A section head's pair held last version's records; detach them before shifting its nodes.
  e.pair.value = e.ownValue as Node;
  shift(e.doc, chunk.start - e.offset);
  e.offset = chunk.start;
  used.add(e);
  next.set(chunk.text, e);
  return e;
}

/**
 * Where each chunk stands in this version of the text. Later stages key their per-record results
 * by entry (an unchanged record keeps its entry) and move spans with `remapper`.
 */
export interface ChunkLayout {
  /** Every chunk in document order; together they cover the whole text. */
  readonly entries: readonly Entry[];
  /** Start offset of each entry in this version (entries' own `offset` moves on with later versions). */
  readonly starts: readonly number[];
  /** The records of the top-level `mailboxes` mapping by id; undefined when an id repeats or there is none. */
  readonly mailboxes?: ReadonlyMap<string, Entry>;
  /** Every chunk that is not a record of `mailboxes`, in document order. */
  readonly globals: readonly Entry[];
}

export interface ChunkedParse {
  readonly doc: Document.Parsed;
  readonly value: Record<string, unknown>;
  readonly cache: ChunkCache;
  readonly layout: ChunkLayout;
}

/** Parses `text` chunk by chunk, reusing `previous` chunks; undefined when it cannot. */
export function parseChunked(text: string, previous?: ChunkCache): ChunkedParse | undefined {
  const sections = cut(text);
  if (!sections) return undefined;
  const cache: ChunkCache = new Map();
  const used = new Set<Entry>();
  const root = new YAMLMap();
  const value: Record<string, unknown> = {};
  const entries: Entry[] = [];
  const starts: number[] = [];
  const globals: Entry[] = [];
  let mailboxes: Map<string, Entry> | undefined;
  let mailboxSections = 0;
  for (const s of sections) {
    const head = entryFor(s.head, previous, cache, used);
    if (!head) return undefined;
    entries.push(head);
    starts.push(s.head.start);
    globals.push(head);
    const pair = head.pair;
    if (head.key === 'mailboxes') mailboxSections++;
    if (s.records.length === 0) {
      value[head.key] = head.value;
    } else {
      const map = new YAMLMap();
      const obj: Record<string, unknown> = {};
      const byId = head.key === 'mailboxes' ? new Map<string, Entry>() : undefined;
      let repeated = false;
      for (const r of s.records) {
        const rec = entryFor(r, previous, cache, used);
        if (!rec) return undefined;
        entries.push(rec);
        starts.push(r.start);
        if (byId) {
          if (byId.has(rec.key)) repeated = true;
          byId.set(rec.key, rec);
        } else globals.push(rec);
        map.items.push(rec.pair);
        obj[rec.key] = rec.value;
      }
      if (byId && !repeated) mailboxes = byId;
      const first = (map.items[0].key as Node).range!;
      const last = map.items[map.items.length - 1];
      const lastNode = ((last.value as Node | null) ?? (last.key as Node)).range!;
      map.range = [first[0], lastNode[1], lastNode[2]];
      pair.value = map;
      value[head.key] = obj;
    }
    root.items.push(pair);
  }
  const firstKey = (root.items[0].key as Node).range!;
  const lastPair = root.items[root.items.length - 1];
  const lastNode = ((lastPair.value as Node | null) ?? (lastPair.key as Node)).range!;
  root.range = [firstKey[0], lastNode[1], text.length];
  const doc = new Document() as unknown as Document.Parsed;
  doc.contents = root as unknown as Document.Parsed['contents'];
  // A repeated `mailboxes` key: which records count is the parser's business, not the layout's.
  if (mailboxSections !== 1) mailboxes = undefined;
  return { doc, value, cache, layout: { entries, starts, mailboxes, globals } };
}

/**
 * Moves offsets of the version `from` was laid out for into the version of `to`: an offset
 * inside (or at either end of) a chunk both versions share moves with that chunk. Offsets in a
 * chunk that changed have no counterpart: the function returns undefined for them.
 */
export function remapper(from: ChunkLayout, to: ChunkLayout): (offset: number) => number | undefined {
  const moved = new Map<Entry, number>();
  for (let i = 0; i < to.entries.length; i++) moved.set(to.entries[i], to.starts[i]);
  const { starts, entries } = from;
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const at = moved.get(entries[lo]);
    if (at !== undefined) return at + offset - starts[lo];
    // The start of a changed chunk is also the end of the chunk before it.
    if (offset === starts[lo] && lo > 0) {
      const before = moved.get(entries[lo - 1]);
      if (before !== undefined) return before + offset - starts[lo - 1];
    }
    return undefined;
  };
}
