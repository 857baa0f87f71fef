/**
 * The parser of the plain record: the shape almost every chunk of a plan has, a key that opens
 * block mappings of keys with plain one-line values (names, addresses, ids, enum values, small
 * integers, booleans), an end-of-line comment here and there. For such a text it builds the very
 * nodes and value `parseDocument` and `toJS` of the `yaml` package give, ranges included, several
 * times faster; for any other text (quotes, lists, blank or comment lines, tabs, CR, a value that
 * could be read as something other than a string, a number or a boolean) it gives undefined and
 * the chunk goes to `yaml`. test/analysis/plain-records.test.ts compares the two on every chunk of
 * the examples and on generated records.
 */
import { Pair, Scalar, YAMLMap, parseDocument, type Schema } from 'yaml';

/** A key: starts with a letter, so never a number, and not a null or boolean word (checked below). */
const KEY = /^([A-Za-z][A-Za-z0-9_.@-]*):(?: +|$)/;
/**
 * A plain string: words of safe characters separated by spaces, starting with a letter or a digit
 * (and not a number: checked below); a colon only inside a word (`: ` and a final `:` make a key).
 */
const WORDS = /^[A-Za-z0-9](?:[A-Za-z0-9._@/+=(),?&%~_-]|:(?=[^ ]))*(?: +(?:[A-Za-z0-9._@/+=(),?&%~_-]|:(?=[^ ]))+)*$/;
/** A decimal integer that stays exact as a number. */
const INT = /^(?:0|[1-9][0-9]{0,14})$/;
/** What the core schema reads as a number (the other numbers are left to yaml). */
const NUMBER = /^(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+)$/;
/** The inside of a quoted scalar without escapes: printable ASCII, no quote, no backslash. */
const DOUBLE_QUOTED = /^"([\x20\x21\x23-\x5b\x5d-\x7e]*)"/;
const SINGLE_QUOTED = /^'([\x20-\x26\x28-\x5b\x5d-\x7e]*)'/;
/** After a value: nothing, or spaces and a comment that is not empty. */
const COMMENT = /^ +#(.+)$/;
/** Words the core schema reads as null or booleans. */
const NOT_STRINGS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const BOOLEANS: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };

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

/**
 * The scalar node of the value `rest` (the rest of its line, from `start`; the next line starts at
 * `next`), with its comment; undefined when yaml would read it otherwise than a plain string, a
 * small integer, a boolean or a quoted string without escapes.
 */
function valueOf(rest: string, start: number, next: number): Scalar | undefined {
  let node: Scalar;
  let after: string;
  const c = rest.charCodeAt(0);
  if (c === 34 || c === 39) {
    const q = (c === 34 ? DOUBLE_QUOTED : SINGLE_QUOTED).exec(rest);
    if (!q) return undefined;
    node = scalar(q[1], q[1], start, start + q[0].length, next, c === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE');
    after = rest.slice(q[0].length);
  } else {
    const hash = rest.indexOf(' #');
    const raw = (hash < 0 ? rest : rest.slice(0, hash)).replace(/ +$/, '');
    let value: unknown;
    if (INT.test(raw)) value = Number(raw);
    else if (Object.prototype.hasOwnProperty.call(BOOLEANS, raw)) value = BOOLEANS[raw];
    else if (WORDS.test(raw) && !NOT_STRINGS.has(raw) && !NUMBER.test(raw)) value = raw;
    else return undefined;
    node = scalar(value, raw, start, start + raw.length, next);
    after = rest.slice(raw.length);
  }
  if (after === '') return node;
  // (An empty comment yaml reads as ' ', and spaces at the end of a line are left to it too.)
  const comment = COMMENT.exec(after);
  if (!comment) return undefined;
  node.comment = comment[1];
  return node;
}

/** A mapping being read: its node, its plain value, the indentation of its keys. */
interface Open {
  readonly map: YAMLMap;
  readonly value: Record<string, unknown>;
  indent: number;
}

/** A chunk's text read: its single-pair mapping, that pair, its key and the pair's plain value. */
export interface RecordText {
  readonly contents: YAMLMap;
  readonly pair: Pair;
  readonly key: string;
  readonly value: unknown;
}

/** The text of a plain record read, as `yaml` reads it; undefined when it is not a plain record. */
export function parsePlainRecord(text: string): RecordText | undefined {
  if (text.indexOf('\r') >= 0 || text.indexOf('\t') >= 0) return undefined;
  const root = new YAMLMap(coreSchema());
  const rootValue: Record<string, unknown> = {};
  const stack: Open[] = [{ map: root, value: rootValue, indent: -1 }];
  /** The key of the last line when it opened a mapping, with where that line ended. */
  let pending: { readonly key: Scalar; readonly parent: Open; readonly name: string } | undefined;
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
      if (pending || !root.items.length) return undefined;
      blank = true;
      pos = next;
      continue;
    }
    const line = text.slice(start, lineEnd);
    const m = KEY.exec(line);
    if (!m || NOT_STRINGS.has(m[1])) return undefined;
    const name = m[1];
    if (pending) {
      // The first key under a key that opened a mapping: deeper than that key.
      if (indent <= pending.parent.indent) return undefined;
      const map = new YAMLMap(coreSchema());
      const value: Record<string, unknown> = {};
      pending.parent.map.items.push(new Pair(pending.key, map));
      pending.parent.value[pending.name] = value;
      stack.push({ map, value, indent });
      pending = undefined;
    } else {
      while (stack.length > 1 && indent < stack[stack.length - 1].indent) close(stack.pop()!, end);
      if (indent !== stack[stack.length - 1].indent) {
        // Only the document's mapping takes its indentation from its first key.
        if (stack.length !== 1 || root.items.length) return undefined;
        stack[0].indent = indent;
      }
    }
    const parent = stack[stack.length - 1];
    if (name === '__proto__' || Object.prototype.hasOwnProperty.call(parent.value, name)) return undefined;
    const key = scalar(name, name, start, start + name.length, start + name.length);
    if (blank) key.spaceBefore = true;
    blank = false;
    if (!parent.map.items.length) parent.map.range = [start, start, start];
    const rest = line.slice(m[0].length);
    if (rest === '') {
      if (m[0].length !== name.length + 1) return undefined;
      pending = { key, parent, name };
      end = next;
      pos = next;
      continue;
    }
    const vs = start + m[0].length;
    const node = valueOf(rest, vs, next);
    if (!node) return undefined;
    parent.map.items.push(new Pair(key, node));
    parent.value[name] = node.value;
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

function close(open: Open, end: number): void {
  open.map.range = [open.map.range![0], end, end];
}
