/**
 * The parser of the plain record: the shape almost every chunk of a plan has. A key opens block
 * mappings and block lists whose values fit on their line: plain words (names, addresses, ids,
 * enum values, URLs), small integers, booleans, quoted strings without escapes, flow mappings of
 * those (`{ secretRef: "env:X" }`); with end-of-line comments, comments on the lines that open a
 * mapping or list (an imported plan's `# crmsync:id` lines) and blank lines between keys. For
 * such a text it builds the very nodes and value `parseDocument` and `toJS` of the `yaml` package
 * give, ranges included, several times faster. For any other text (comment lines, tabs, CR,
 * escapes, multi-line scalars, anchors, tags, a value yaml could read as null or as a number of
 * another form) it gives undefined and the chunk goes to `yaml`. test/analysis/plain-records.test.ts
 * compares the two on every chunk of the examples and fixtures and on generated records.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, parseDocument, type Schema } from 'yaml';

/** A key: starts with a letter, so never a number, and not a null or boolean word (checked below). */
const KEY = /^([A-Za-z][A-Za-z0-9_.@-]*):(?: +|$)/;
/**
 * A plain string: words of safe characters (letters and digits of any script, some punctuation)
 * separated by spaces, starting with a letter or a digit (and not a number: checked below); a
 * colon only inside a word (`: ` and a final `:` make a key).
 */
const WORDS = /^[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}._@/+=(),?&%~_-]|:(?=[^ ]))*(?: +(?:[\p{L}\p{M}\p{N}._@/+=(),?&%~_-]|:(?=[^ ]))+)*$/u;
/** The same inside a flow mapping, where commas, colons and brackets end a plain scalar. */
const FLOW_WORDS = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._@/+=()?&%~_-]*(?: +[\p{L}\p{M}\p{N}._@/+=()?&%~_-]+)*$/u;
/** A decimal integer that stays exact as a number. */
const INT = /^(?:0|[1-9][0-9]{0,14})$/;
/** What the core schema reads as a number (the other numbers are left to yaml). */
const NUMBER = /^(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+)$/;
/** A quoted scalar without escapes: printable ASCII or letters, no quote, no backslash. */
const DOUBLE_QUOTED = /^"([\x20\x21\x23-\x5b\x5d-\x7e\p{L}\p{M}\p{N}]*)"/u;
const SINGLE_QUOTED = /^'([\x20-\x26\x28-\x5b\x5d-\x7e\p{L}\p{M}\p{N}]*)'/u;
/** A key inside a flow mapping, its colon and the spaces after it. */
const FLOW_KEY = /^([A-Za-z][A-Za-z0-9_.@-]*): +/;
/** After a value: nothing, or spaces and a comment that is not empty. */
const COMMENT = /^ +#(.+)$/;
/** The words the core schema reads as booleans, and as null or booleans. */
const BOOLEANS: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
const NOT_STRINGS = new Set(['null', 'Null', 'NULL', ...Object.keys(BOOLEANS)]);

let schema: Schema | undefined;
/** The schema `parseDocument` gives its mappings (the core schema), made once. */
function coreSchema(): Schema {
  return (schema ??= parseDocument('a: 1').schema);
}

function scalar(value: unknown, source: string, start: number, end: number, nodeEnd: number, type: Scalar.Type = 'PLAIN'): Scalar {
  const s = new Scalar(value);
  s.range = [start, end, nodeEnd];
  s.source = source;
  s.type = type;
  return s;
}

/** A plain or quoted scalar at the start of `text` (standing at `start`), and where it ends in `text`. */
function scalarAt(text: string, start: number, flow: boolean): { readonly node: Scalar; readonly length: number } | undefined {
  const c = text.charCodeAt(0);
  if (c === 34 || c === 39) {
    const q = (c === 34 ? DOUBLE_QUOTED : SINGLE_QUOTED).exec(text);
    if (!q) return undefined;
    return { node: scalar(q[1], q[1], start, start + q[0].length, 0, c === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE'), length: q[0].length };
  }
  let stop = flow ? text.search(/[,}]/) : text.indexOf(' #');
  if (stop < 0) stop = text.length;
  const raw = text.slice(0, stop).replace(/ +$/, '');
  let value: unknown;
  if (INT.test(raw)) value = Number(raw);
  else if (Object.prototype.hasOwnProperty.call(BOOLEANS, raw)) value = BOOLEANS[raw];
  else if ((flow ? FLOW_WORDS : WORDS).test(raw) && !NOT_STRINGS.has(raw) && !NUMBER.test(raw)) value = raw;
  else return undefined;
  return { node: scalar(value, raw, start, start + raw.length, 0), length: raw.length };
}

/**
 * A flow mapping of scalars at the start of `text` (standing at `start`): its node, its plain
 * value and where it ends in `text`; undefined for anything else (nesting, an empty mapping, a
 * trailing comma, a key without a value).
 */
function flowMapAt(text: string, start: number): { readonly node: YAMLMap; readonly value: Record<string, unknown>; readonly length: number } | undefined {
  const map = new YAMLMap(coreSchema());
  map.flow = true;
  const value: Record<string, unknown> = {};
  let i = 1;
  for (;;) {
    while (text.charCodeAt(i) === 32) i++;
    const k = FLOW_KEY.exec(text.slice(i));
    if (!k || NOT_STRINGS.has(k[1]) || k[1] === '__proto__' || Object.prototype.hasOwnProperty.call(value, k[1])) return undefined;
    const key = scalar(k[1], k[1], start + i, start + i + k[1].length, start + i + k[1].length);
    i += k[0].length;
    const v = scalarAt(text.slice(i), start + i, true);
    if (!v) return undefined;
    i += v.length;
    while (text.charCodeAt(i) === 32) i++;
    // A scalar in a flow mapping ends where the comma or the brace after it stands.
    v.node.range![2] = start + i;
    map.items.push(new Pair(key, v.node));
    value[k[1]] = v.node.value;
    const c = text.charCodeAt(i);
    if (c === 125) {
      map.range = [start, start + i + 1, 0];
      return { node: map, value, length: i + 1 };
    }
    if (c !== 44) return undefined;
    i++;
    while (text.charCodeAt(i) === 32) i++;
    if (text.charCodeAt(i) === 125) return undefined;
  }
}

/**
 * The node of the value `rest` (the rest of its line, from `start`; the next line starts at
 * `next`) with its comment, and its plain value; undefined when yaml would read it otherwise than
 * a plain string, a small integer, a boolean, a quoted string without escapes or a flow mapping
 * of those.
 */
function valueOf(rest: string, start: number, next: number): { readonly node: Scalar | YAMLMap; readonly value: unknown } | undefined {
  let read: { readonly node: Scalar | YAMLMap; readonly value: unknown; readonly length: number } | undefined;
  if (rest.charCodeAt(0) === 123) read = flowMapAt(rest, start);
  else {
    const s = scalarAt(rest, start, false);
    read = s && { node: s.node, value: s.node.value, length: s.length };
  }
  if (!read) return undefined;
  read.node.range![2] = next;
  const after = rest.slice(read.length);
  if (after === '') return read;
  // (An empty comment yaml reads as ' ', and spaces at the end of a line are left to it too.)
  const comment = COMMENT.exec(after);
  if (!comment) return undefined;
  read.node.comment = comment[1];
  return read;
}

/** A collection being read: its node, its plain value, the indentation of its keys or dashes. */
type Open =
  | { readonly kind: 'map'; readonly node: YAMLMap; readonly value: Record<string, unknown>; indent: number }
  | { readonly kind: 'seq'; readonly node: YAMLSeq; readonly value: unknown[]; indent: number };

/** A chunk's text read: its single-pair mapping, that pair, its key and the pair's plain value. */
export interface RecordText {
  readonly contents: YAMLMap;
  readonly pair: Pair;
  readonly key: string;
  readonly value: unknown;
}

/** A key whose line opened a collection not yet begun, and that line's comment. */
interface Pending {
  readonly key: Scalar;
  readonly parent: Open & { kind: 'map' };
  readonly name: string;
  readonly comment?: string;
}

/** An item of a block sequence: a dash, spaces, the value. */
const DASH = /^- +/;

/**
 * The text of a plain record read, as `yaml` reads it; undefined when it is not a plain record.
 * It reads block mappings and block sequences whose items are scalars; the comment of a line
 * that opens a collection is the collection's `commentBefore`, as in yaml.
 */
export function parsePlainRecord(text: string): RecordText | undefined {
  if (text.indexOf('\r') >= 0 || text.indexOf('\t') >= 0) return undefined;
  const root = new YAMLMap(coreSchema());
  const rootValue: Record<string, unknown> = {};
  const stack: Open[] = [{ kind: 'map', node: root, value: rootValue, indent: -1 }];
  /** The key of the last line when it opened a collection. */
  let pending: Pending | undefined;
  let end = 0;
  let pos = 0;
  let blank = false;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const next = nl < 0 ? text.length : nl + 1;
    let indent = 0;
    while (text.charCodeAt(pos + indent) === 32) indent++;
    const start = pos + indent;
    if (start === lineEnd) {
      // A blank line: the next key has a space before it (none may follow the last).
      if (pending || !root.items.length || stack[stack.length - 1].kind === 'seq') return undefined;
      blank = true;
      pos = next;
      continue;
    }
    const line = text.slice(start, lineEnd);
    const dash = DASH.exec(line);
    if (dash) {
      if (blank) return undefined;
      let seq: Open;
      if (pending) {
        // A sequence may stand at the indentation of the key that opens it.
        if (indent < pending.parent.indent) return undefined;
        seq = { kind: 'seq', node: new YAMLSeq(coreSchema()), value: [], indent };
        open(pending, seq, start);
        stack.push(seq);
        pending = undefined;
      } else {
        while (stack.length > 1 && indent < stack[stack.length - 1].indent) close(stack.pop()!, end);
        seq = stack[stack.length - 1];
        if (seq.kind !== 'seq' || seq.indent !== indent) return undefined;
      }
      const item = valueOf(line.slice(dash[0].length), start + dash[0].length, next);
      if (!item) return undefined;
      seq.node.items.push(item.node);
      (seq.value as unknown[]).push(item.value);
      end = next;
      pos = next;
      continue;
    }
    const m = KEY.exec(line);
    if (!m || NOT_STRINGS.has(m[1])) return undefined;
    const name = m[1];
    let parent: Open;
    if (pending) {
      // The first key under a key that opened a mapping: deeper than that key.
      if (indent <= pending.parent.indent) return undefined;
      parent = { kind: 'map', node: new YAMLMap(coreSchema()), value: {}, indent };
      open(pending, parent, start);
      stack.push(parent);
      pending = undefined;
    } else {
      while (stack.length > 1 && indent < stack[stack.length - 1].indent) close(stack.pop()!, end);
      // A key at the indentation of a sequence's dashes ends that sequence.
      if (stack.length > 1 && stack[stack.length - 1].kind === 'seq' && indent === stack[stack.length - 1].indent) close(stack.pop()!, end);
      parent = stack[stack.length - 1];
      if (indent !== parent.indent) {
        // Only the document's mapping takes its indentation from its first key.
        if (stack.length !== 1 || root.items.length) return undefined;
        stack[0].indent = indent;
        root.range = [start, start, start];
      }
    }
    if (parent.kind !== 'map') return undefined;
    if (name === '__proto__' || Object.prototype.hasOwnProperty.call(parent.value, name)) return undefined;
    const key = scalar(name, name, start, start + name.length, start + name.length);
    if (blank) key.spaceBefore = true;
    blank = false;
    const rest = line.slice(m[0].length);
    const vs = start + m[0].length;
    if (rest === '' || rest.charCodeAt(0) === 35) {
      // `key:` alone, or with a comment: a collection follows (the comment is its commentBefore).
      if (rest === '' && m[0].length !== name.length + 1) return undefined;
      if (rest !== '' && rest.length < 2) return undefined;
      pending = { key, parent, name, comment: rest === '' ? undefined : rest.slice(1) };
      end = next;
      pos = next;
      continue;
    }
    const read = valueOf(rest, vs, next);
    if (!read) return undefined;
    parent.node.items.push(new Pair(key, read.node));
    parent.value[name] = read.value;
    end = next;
    pos = next;
  }
  if (pending) return undefined;
  while (stack.length > 1) close(stack.pop()!, end);
  if (root.items.length !== 1) return undefined;
  root.range = [root.range![0], end, end];
  const pair = root.items[0] as Pair;
  const key = (pair.key as Scalar<string>).value;
  return { contents: root, pair, key, value: rootValue[key] };
}

/** Starts the collection a pending key opened, at the offset of its first line's content. */
function open(pending: Pending, collection: Open, start: number): void {
  collection.node.range = [start, start, start];
  if (pending.comment !== undefined) collection.node.commentBefore = pending.comment;
  pending.parent.node.items.push(new Pair(pending.key, collection.node));
  pending.parent.value[pending.name] = collection.value;
}

function close(open: Open, end: number): void {
  open.node.range = [open.node.range![0], end, end];
}
