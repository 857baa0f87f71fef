/**
 * Text → YAML tree + plain value + parser findings. Never throws: every problem the parser
 * meets becomes a `yaml-syntax` or `duplicate-key` finding.
 */
import { Document, isMap, isPair, isSeq, Lexer, parseDocument, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import { LineIndex } from './text';
import { complexKeys, keyString } from './yaml-tree';
import { documentOf, parseChunked, reclaim, type ChunkedParse, type ChunkLayout, type Entry } from './incremental/chunks';
import { controlCharacter, firstLine, parserProblem } from './syntax-hints';
import type { Finding, Span } from './types';

/** How many alias expansions a plan may contain before it counts as an alias bomb. */
const MAX_ALIAS_COUNT = 1000;

export interface ParsedPlan {
  readonly text: string;
  readonly lines: LineIndex;
  readonly doc: Document.Parsed;
  /** The plan as plain data (last occurrence of a repeated key wins), or undefined when it could not be built. */
  readonly value: unknown;
  /** `yaml-syntax` and `duplicate-key` findings, in document order. */
  readonly findings: Finding[];
  /** True when any `yaml-syntax` error exists: schema and rule checks are then skipped (a warning does not). */
  readonly hasSyntaxError: boolean;
  /** The parsed chunks and where they stand, for the next version (absent when parsed whole); see chunks.ts. */
  readonly layout?: ChunkLayout;
}

/**
 * Widens an empty or inverted span to the end of its line, and to at least one character; never
 * starts or ends inside a surrogate pair (the parser's positions count code units).
 */
export function widenSpan(span: Span, text: string, lines: LineIndex): Span {
  const start = Math.max(0, Math.min(span.start, text.length));
  let end = Math.max(start, Math.min(span.end, text.length));
  if (end > start) return wholeCharacters({ start, end }, text);
  const line = lines.position(start).line;
  end = lines.lineEnd(line);
  if (end > start) return wholeCharacters({ start, end }, text);
  if (start < text.length) return wholeCharacters({ start, end: start + 1 }, text);
  if (start > 0) return wholeCharacters({ start: start - 1, end: start }, text);
  return { start: 0, end: 0 };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function wholeCharacters(span: Span, text: string): Span {
  let { start, end } = span;
  if (start > 0 && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
  if (end < text.length && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end++;
  return { start, end };
}

const isSyntaxError = (f: Finding) => f.ruleId === 'yaml-syntax' && f.severity === 'error';

function syntaxFinding(message: string, span: Span, text: string, lines: LineIndex, severity: 'error' | 'warning' = 'error'): Finding {
  return { ruleId: 'yaml-syntax', severity, message, span: widenSpan(span, text, lines), related: [], fixes: [] };
}

function pairKeySpan(pair: Pair): Span | undefined {
  const key = pair.key as Node | null;
  if (key && key.range) return { start: key.range[0], end: key.range[1] };
  return undefined;
}

const chunkedParses = new WeakMap<ParsedPlan, ChunkedParse>();

/**
 * After a version was analysed from `parsed` only to be thrown away (a fix judged on a copy),
 * puts `parsed`'s shared chunks back where they stand in it (see chunks.ts `reclaim`).
 */
export function reclaimTree(parsed: ParsedPlan): void {
  const chunked = chunkedParses.get(parsed);
  if (chunked) reclaim(chunked);
}

/**
 * Parses a plan. `text` may be anything, including binary junk. With the previous version's
 * parse, unchanged records are reused (see chunks.ts); the result is the same either way.
 */
export function parsePlan(text: string, previous?: ParsedPlan): ParsedPlan {
  const chunked = parseChunked(text, previous?.layout);
  const spliced = chunked?.layout.spliced;
  // A spliced text differs from the previous one only in the spliced range (and has no CR).
  const fromPrevious = spliced && previous?.layout && spliced.from === previous.layout.id;
  const lines = fromPrevious ? LineIndex.spliced(previous.lines, text, spliced.start, spliced.endOld, spliced.delta) : new LineIndex(text);
  if (fromPrevious) inherited.set(chunked.layout, { absent: absentSet(previous.layout!), start: spliced.start, end: spliced.endOld + spliced.delta });
  if (chunked) {
    const findings = chunkedDuplicateKeys(chunked, text, lines, previous?.layout);
    const parsed: ParsedPlan = {
      text,
      lines,
      // Chunks are shared with other versions: the tree at this version's offsets, every time.
      get doc() {
        return documentOf(chunked);
      },
      value: chunked.value,
      findings,
      hasSyntaxError: false,
      layout: chunked.layout,
    };
    chunkedParses.set(parsed, chunked);
    return parsed;
  }
  const findings: Finding[] = [];
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });

  // Parser errors are errors; each warning is decided by code and message (syntax-hints.ts).
  const control = controlCharacter(text);
  for (const [list, isWarning] of [[doc.errors, false], [doc.warnings, true]] as const) {
    for (const e of list) {
      const [start, end] = e.pos;
      const p = parserProblem(e, isWarning, text, control !== undefined);
      findings.push(syntaxFinding(p.message, { start, end }, text, lines, p.severity));
    }
  }
  if (control) findings.push(syntaxFinding(control.message, control.span, text, lines));

  findings.push(...duplicateKeys(doc, text, lines));
  for (const key of complexKeys(doc)) {
    const span = key.range ? { start: key.range[0], end: key.range[1] } : { start: 0, end: 0 };
    findings.push(syntaxFinding('A key must be a plain value; a mapping or list used as a key is not allowed in a plan.', firstLineOf(span, text), text, lines));
  }

  let value: unknown;
  const hasParseErrors = findings.some(isSyntaxError);
  if (!hasParseErrors) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      value = undefined;
      let span: Span = { start: 0, end: 0 };
      visit(doc, {
        Alias(_, node) {
          if (node.range) span = { start: node.range[0], end: node.range[1] };
          return visit.BREAK;
        },
      });
      const what = /excessive alias count/i.test(String((err as Error)?.message))
        ? `Aliases expand to too many nodes (more than ${MAX_ALIAS_COUNT}); this looks like an alias bomb and the plan is not checked.`
        : `The plan could not be read as YAML data: ${firstLine(String((err as Error)?.message ?? err))}.`;
      findings.push(syntaxFinding(what, span, text, lines));
    }
  }

  findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  return { text, lines, doc, value, findings, hasSyntaxError: findings.some(isSyntaxError) };
}

/**
 * Repeated keys: found here rather than by the parser so that every later occurrence is reported
 * on its whole key, with the first occurrence as related location.
 */
function duplicateKeys(doc: Document, text: string, lines: LineIndex): Finding[] {
  const findings: Finding[] = [];
  duplicatesUnder(doc.contents, findings, text, lines);
  return findings;
}

/** Per layout, strings known not to occur in its text. */
const absentFrom = new WeakMap<ChunkLayout, Set<string>>();
/** Per layout spliced from the previous version's: what that version's text lacks, and the range the edit wrote. */
const inherited = new WeakMap<ChunkLayout, { readonly absent: ReadonlySet<string>; readonly start: number; readonly end: number }>();

function absentSet(layout: ChunkLayout): Set<string> {
  let set = absentFrom.get(layout);
  if (!set) absentFrom.set(layout, (set = new Set()));
  return set;
}

/**
 * Whether the plan's text contains `needle` (a marker such as `crmsync-disable-`). When the
 * previous version's text did not, only the text around the edit is searched: a plan of 50,000
 * mailboxes is not read again for a marker it does not hold.
 */
export function textHas(parsed: ParsedPlan, needle: string): boolean {
  const layout = parsed.layout;
  if (!layout) return parsed.text.includes(needle);
  if (absentFrom.get(layout)?.has(needle)) return false;
  const from = inherited.get(layout);
  const has = from?.absent.has(needle)
    ? parsed.text.slice(Math.max(0, from.start - needle.length + 1), from.end + needle.length - 1).includes(needle)
    : parsed.text.includes(needle);
  if (!has) absentSet(layout).add(needle);
  return has;
}

/**
 * Repeated keys inside each chunk, relative to the chunk's start: found once per entry (entries
 * are immutable and shared between versions) and moved to where the chunk stands.
 */
const chunkDuplicates = new WeakMap<Entry, readonly Finding[]>();

/** The repeated keys of the chunk `entry`, which stands at `at` while this version is parsed. */
function ownDuplicates(entry: Entry, at: number, text: string, lines: LineIndex): readonly Finding[] {
  let own = chunkDuplicates.get(entry);
  if (!own) {
    const found: Finding[] = [];
    duplicatesUnder(entry.pair.value, found, text, lines);
    own = found.map((f) => moveFinding(f, -at));
    chunkDuplicates.set(entry, own);
  }
  return own;
}

/** Per layout, the entries (by index) that hold repeated keys of their own: few, or none. */
const withDuplicates = new WeakMap<ChunkLayout, readonly { readonly index: number; readonly own: readonly Finding[] }[]>();

/**
 * `duplicateKeys` for a chunked parse: each chunk's own repeats are kept with the chunk and
 * moved with it; only the top-level mapping and the record mappings are checked again. A layout
 * spliced from `previous` takes over its list of chunks with repeats and looks at the new
 * chunks only.
 */
function chunkedDuplicateKeys(chunked: ChunkedParse, text: string, lines: LineIndex, previous?: ChunkLayout): Finding[] {
  const findings: Finding[] = [];
  const { entries, starts, heads, spliced } = chunked.layout;
  const carried = previous && spliced?.from === previous.id ? withDuplicates.get(previous) : undefined;
  const list: { index: number; own: readonly Finding[] }[] = [];
  const look = (i: number) => {
    const own = ownDuplicates(entries[i], starts[i], text, lines);
    if (own.length) list.push({ index: i, own });
  };
  if (carried && spliced) {
    const { at, replaced, inserted } = spliced;
    for (const d of carried) {
      if (d.index < at) list.push(d);
      else if (d.index >= at + replaced.length) list.push({ index: d.index + inserted.length - replaced.length, own: d.own });
    }
    for (let i = at; i < at + inserted.length; i++) look(i);
    list.sort((x, y) => x.index - y.index);
  } else for (let i = 0; i < entries.length; i++) look(i);
  withDuplicates.set(chunked.layout, list);
  for (const d of list) for (const f of d.own) findings.push(moveFinding(f, starts[d.index]));
  const root = chunked.doc.contents as YAMLMap;
  checkMapDuplicates(root, findings, text, lines);
  // Sections cut into records: their record mappings were assembled from several chunks.
  // (The layout has already seen whether a mailbox id repeats.)
  for (let s = 0; s < heads.length; s++) {
    const h = heads[s];
    const hasRecords = (s + 1 < heads.length ? heads[s + 1] : entries.length) > h + 1;
    if (!hasRecords || (entries[h].key === 'mailboxes' && chunked.layout.mailboxes)) continue;
    const section = root.items[s]?.value;
    if (isMap(section)) checkMapDuplicates(section, findings, text, lines);
  }
  return findings;
}

function moveFinding(f: Finding, delta: number): Finding {
  if (delta === 0) return f;
  const move = (s: Span): Span => ({ start: s.start + delta, end: s.end + delta });
  return { ...f, span: move(f.span), related: f.related.map((r) => ({ ...r, span: move(r.span) })) };
}

function checkMapDuplicates(map: YAMLMap, findings: Finding[], text: string, lines: LineIndex): void {
  const seen = new Map<string, Pair>();
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const k = keyString(item.key);
    if (k === undefined) continue;
    const first = seen.get(k);
    if (!first) {
      seen.set(k, item);
      continue;
    }
    const span = pairKeySpan(item);
    const firstSpan = pairKeySpan(first);
    if (!span) continue;
    findings.push({
      ruleId: 'duplicate-key',
      severity: 'error',
      message: `Key '${k}' is repeated in this mapping; only the last occurrence is used.`,
      span: widenSpan(span, text, lines),
      related: firstSpan ? [{ span: widenSpan(firstSpan, text, lines), message: `First '${k}' here` }] : [],
      fixes: [],
    });
  }
}

/** Repeated keys in every mapping under `node`, in document order. */
function duplicatesUnder(node: unknown, findings: Finding[], text: string, lines: LineIndex): void {
  // A plain walk (aliases are not followed, as with `visit`); nesting is bounded by the parser.
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    } else if (isMap(node)) {
      checkMapDuplicates(node, findings, text, lines);
      for (const it of node.items) walk(it);
    } else if (isSeq(node)) {
      for (const it of node.items) walk(it);
    }
  };
  walk(node);
}

function firstLineOf(span: Span, text: string): Span {
  const nl = text.indexOf('\n', span.start);
  return { start: span.start, end: nl >= 0 && nl < span.end ? nl : span.end };
}


/** A YAML comment: its range from the `#` to its last character (the line end excluded), and its text. */
export interface YamlComment {
  readonly span: Span;
  /** The source of the comment, `#` included, trailing white space removed. */
  readonly text: string;
}

/** The lexer's markers of a mode or of the next token: not part of the source text. */
const LEXER_MARKERS = new Set(['\x02', '\x18', '\x1f']);

/**
 * The comments of a YAML text, in document order, as the `yaml` lexer finds them: text inside a
 * quoted or block scalar is not a comment. Lexes the whole text, so callers that look for one
 * kind of comment test the text for it first.
 */
export function yamlComments(text: string): YamlComment[] {
  const out: YamlComment[] = [];
  let offset = 0;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    if (LEXER_MARKERS.has(token)) {
      // SCALAR: the next token is a scalar's source (a block scalar's body may start with '#').
      scalarNext = token === '\x1f';
      continue;
    }
    if (!scalarNext && token[0] === '#') {
      const trimmed = token.replace(/\s+$/, '');
      out.push({ span: { start: offset, end: offset + trimmed.length }, text: trimmed });
    }
    scalarNext = false;
    offset += token.length;
  }
  return out;
}
