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

/** A parsed chunk, reused while its text is unchanged: the same object means the same text. */
export interface Entry {
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly pair: Pair;
  /** The chunk's own value node (a record section's head has none of its records). */
  readonly ownValue: unknown;
  readonly key: string;
  readonly value: unknown;
  /** The absolute offset its node ranges currently carry. */
  offset: number;
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

function entryFor(chunk: Chunk, previous: Map<string, Entry> | undefined, used: Set<Entry>): Entry | undefined {
  // An entry's nodes can stand in the tree once: a second chunk with the same text is parsed anew.
  let e = chunk.entry ?? previous?.get(chunk.text);
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
    e = { text: chunk.text, doc, pair, ownValue: pair.value, key, value: js[key], offset: 0 };
  }
  // A section head's pair held last version's records; detach them before shifting its nodes.
  e.pair.value = e.ownValue as Node;
  shift(e.doc, chunk.start - e.offset);
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
  /** Start offset of each entry in this version (entries' own `offset` moves on with later versions). */
  readonly starts: readonly number[];
  /** The records of the top-level `mailboxes` mapping by id; undefined when an id repeats or there is none. */
  readonly mailboxes?: ReadonlyMap<string, Entry>;
  /** Every chunk that is not a record of `mailboxes`, in document order. */
  readonly globals: readonly Entry[];
  /** The cut, with each chunk's entry: the next version splices it. */
  readonly sections: readonly Section[];
  /** The text this layout cuts. */
  readonly text: string;
}

export interface ChunkedParse {
  readonly doc: Document.Parsed;
  readonly value: Record<string, unknown>;
  readonly layout: ChunkLayout;
}

/**
 * Parses `text` chunk by chunk, reusing the chunks of the `previous` version's layout;
 * undefined when it cannot. An edit inside the records of one section is spliced: only the
 * records it touches are cut and parsed again; any other edit cuts the whole text.
 */
export function parseChunked(text: string, previous?: ChunkLayout): ChunkedParse | undefined {
  const spliced = previous ? splice(text, previous) : undefined;
  const sections = spliced?.sections ?? cut(text);
  if (!sections) return undefined;
  // Chunks that are not known unchanged are looked up by text: the edited ones after a splice
  // (an edit can move text between records), all of them after a whole cut.
  const byText = spliced ? spliced.edited : previous ? new Map(previous.entries.map((e) => [e.text, e])) : undefined;
  const used = new Set<Entry>();
  const root = new YAMLMap();
  const value: Record<string, unknown> = {};
  const entries: Entry[] = [];
  const starts: number[] = [];
  const globals: Entry[] = [];
  const laid: Section[] = [];
  let mailboxes: Map<string, Entry> | undefined;
  let mailboxSections = 0;
  for (const s of sections) {
    const head = entryFor(s.head, byText, used);
    if (!head) return undefined;
    entries.push(head);
    starts.push(s.head.start);
    globals.push(head);
    const records: Chunk[] = [];
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
        const rec = entryFor(r, byText, used);
        if (!rec) return undefined;
        entries.push(rec);
        starts.push(r.start);
        records.push({ start: r.start, text: rec.text, entry: rec });
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
    laid.push({ head: { start: s.head.start, text: head.text, entry: head }, records, indent: s.indent });
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
  return { doc, value, layout: { entries, starts, mailboxes, globals, sections: laid, text } };
}

/** A chunk of the previous cut and where it sits in it. */
interface Placed {
  readonly chunk: Chunk;
  readonly section: number;
  /** Index among the section's records; -1 for the head. */
  readonly record: number;
}

/**
 * The cut of `text` from the previous version's: chunks before and after the edit are kept
 * (moved by the length change); the edited records of one section are cut again. Undefined
 * when the edit reaches a section head, changes the sections, or meets text `cut` refuses.
 */
function splice(text: string, previous: ChunkLayout): { sections: Section[]; edited: Map<string, Entry> } | undefined {
  const prev = previous.sections;
  const flat: Placed[] = [];
  prev.forEach((s, i) => {
    flat.push({ chunk: s.head, section: i, record: -1 });
    s.records.forEach((r, j) => flat.push({ chunk: r, section: i, record: j }));
  });
  const n = flat.length;
  const before = previous.text;
  const delta = text.length - before.length;
  // The edit: what lies between the common prefix and the common suffix of the two versions.
  // Blocks first: comparing slices is a memory compare, many times faster than a character loop.
  const max = Math.min(before.length, text.length);
  const BLOCK = 4096;
  let p = 0;
  while (p + BLOCK <= max && before.slice(p, p + BLOCK) === text.slice(p, p + BLOCK)) p += BLOCK;
  while (p < max && before.charCodeAt(p) === text.charCodeAt(p)) p++;
  if (p === max && delta === 0) return { sections: prev.map((s) => ({ ...s, records: [...s.records] })), edited: new Map() };
  const bl = before.length;
  const tl = text.length;
  let q = 0;
  while (q + BLOCK <= max - p && before.slice(bl - q - BLOCK, bl - q) === text.slice(tl - q - BLOCK, tl - q)) q += BLOCK;
  while (q < max - p && before.charCodeAt(bl - 1 - q) === text.charCodeAt(tl - 1 - q)) q++;
  const chunkAt = (offset: number) => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (flat[mid].chunk.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  let a = chunkAt(p);
  // Text inserted just before a section head ends the section above.
  if (p === flat[a].chunk.start && flat[a].record < 0 && a > 0) a--;
  const b = before.length - q > p ? chunkAt(before.length - q - 1) : a;
  const regionStartOld = () => flat[a].chunk.start;
  // The edited chunks are flat[a..b]; the region is their text in the new version.
  const recordOf = (i: number) => (i >= 0 && i < n && flat[i].record >= 0 ? flat[i] : undefined);
  const anchor = recordOf(a);
  if (!anchor) return undefined;
  const section = anchor.section;
  const indent = prev[section].indent;
  for (let i = a; i <= b; i++) if (flat[i].record < 0 || flat[i].section !== section) return undefined;
  const endOld = b + 1 < n ? flat[b + 1].chunk.start : before.length;
  // Text inserted where a record ends belongs to that record: start the cut there.
  const startsRecord = (at: number) => {
    const nl = text.indexOf('\n', at);
    const line = text.slice(at, nl < 0 ? text.length : nl);
    const ind = /^ */.exec(line)![0].length;
    return ind === indent && TOP_KEY.test(line.slice(ind));
  };
  if (regionStartOld() < endOld + delta && !startsRecord(regionStartOld())) {
    const before = recordOf(a - 1);
    if (!before || before.section !== section) return undefined;
    a--;
  }
  const start = regionStartOld();
  const end = endOld + delta;
  if (end < start) return undefined;
  const region = text.slice(start, end);
  if (unusual(region)) return undefined;
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
  const moved = (c: Chunk): Chunk => (c.start >= endOld ? { ...c, start: c.start + delta } : c);
  const sections = prev.map((s, i): Section => {
    if (i !== section) return { head: moved(s.head), records: s.records.map(moved), indent: s.indent };
    const keepBefore = s.records.filter((r) => r.start < start);
    const keepAfter = s.records.filter((r) => r.start >= endOld).map(moved);
    return { head: moved(s.head), records: [...keepBefore, ...records, ...keepAfter], indent: s.indent };
  });
  if (!sections[section].records.length) return undefined;
  const edited = new Map<string, Entry>();
  for (let i = a; i <= b; i++) if (flat[i].chunk.entry) edited.set(flat[i].chunk.text, flat[i].chunk.entry!);
  return { sections, edited };
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
