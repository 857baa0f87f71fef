/**
 * Where the cursor is, for completion: the mode (key, value or list item), the path of the
 * mapping, the word typed so far, the keys already present. Read from the text around the
 * cursor (half-typed YAML rarely parses); the incremental layout says where the records are,
 * so the lines above the cursor's record are not scanned.
 */
import type { LineIndex } from '../analysis/text';
import { firstRecordAt, type ChunkLayout } from '../analysis/incremental/chunks';
import { isIdMap, schemaAt } from '../analysis/schema/walk';
import type { Path } from '../analysis/types';

export interface CompletionContext {
  readonly mode: 'key' | 'value' | 'item';
  readonly path: Path;
  /** The word typed so far. */
  readonly word: string;
  readonly wordStart: number;
  /** Keys already present in the mapping (key mode). */
  readonly present: ReadonlySet<string>;
  /** Indentation of the line (block key mode), for multi-line snippets. */
  readonly indent: string;
  readonly flow: boolean;
}

const KEY_LINE = /^(\s*)(?:-\s+)?("[^"]*"|'[^']*'|[^\s:#"'{}[\],][^:#{}[\],]*?)\s*:(?:\s+(.*))?$/;

export function unquote(k: string): string {
  return (k.startsWith('"') && k.endsWith('"')) || (k.startsWith("'") && k.endsWith("'")) ? k.slice(1, -1) : k;
}

function indentOf(line: string): number {
  const m = /^(\s*)(-\s+)?/.exec(line)!;
  return m[0].length;
}

export function isBlank(line: string): boolean {
  return /^\s*(#.*)?$/.test(line);
}

/** The block path that owns a line indented by `indent`, from the lines above `lineNo`. */
function blockPath(lines: Lines, lineNo: number, indent: number): string[] {
  const path: string[] = [];
  let need = indent;
  for (let i = lineNo - 1; i >= 0 && need > 0; i--) {
    // Most lines above are deeper than the owner: read only their indentation.
    const ind = lines.indent(i);
    if (ind < 0) continue;
    if (ind >= need) {
      // A record's first line, when only its section's head can own the cursor: skip the records above.
      if (ind === need) i = (lines.recordsAbove?.(i, need) ?? i - 1) + 1;
      continue;
    }
    const l = lines.at(i);
    const m = KEY_LINE.exec(l);
    if (m && (m[3] === undefined || /^\s*(#.*)?$/.test(m[3]) || /^[&!]/.test(m[3]))) {
      path.unshift(unquote(m[2].trim()));
      need = m[1].length;
      continue;
    }
    if (/^\s*-\s*$/.test(l)) {
      need = ind;
      continue;
    }
    // A line with a scalar value or anything else ends the chain.
    return path;
  }
  return path;
}

/** Keys written at `indent` in the block mapping around `lineNo`. */
function siblingKeys(lines: Lines, lineNo: number, indent: number): Set<string> {
  const keys = new Set<string>();
  const scan = (from: number, step: number) => {
    for (let i = from; i >= 0 && i < lines.count; i += step) {
      const ind = lines.indent(i);
      if (ind < 0) continue;
      if (ind < indent) return;
      if (ind > indent) continue;
      const m = KEY_LINE.exec(lines.at(i));
      if (m) keys.add(unquote(m[2].trim()));
    }
  };
  scan(lineNo - 1, -1);
  scan(lineNo + 1, 1);
  return keys;
}

/** Finds the innermost unclosed `{` on the line before the cursor, ignoring quoted text. */
function openFlowBrace(prefix: string): number {
  const stack: number[] = [];
  let quote = '';
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(prefix[i - 1]))) return -1;
    else if (c === '{' || c === '[') stack.push(c === '{' ? i : -(i + 1));
    else if (c === '}' || c === ']') stack.pop();
  }
  const top = stack.length ? stack[stack.length - 1] : undefined;
  return top !== undefined && top >= 0 ? top : -1;
}

/** Lines of the document, read on demand (a large plan is not split for one completion). */
interface Lines {
  readonly count: number;
  at(i: number): string;
  /** `indentOf` the line, or -1 for a blank or comment line (`isBlank`), without slicing it. */
  indent(i: number): number;
  /**
   * When line `i` starts a record of a section whose records are indented by `indent`: the line
   * before that section's first record (every line in between is indented at least as deep).
   */
  recordsAbove?(i: number, indent: number): number | undefined;
}

const isSpace = (c: number) => c === 32 || c === 9 || (c > 127 ? /\s/.test(String.fromCharCode(c)) : c >= 10 && c <= 13);

function linesOf(text: string, index: LineIndex, layout?: ChunkLayout): Lines {
  return {
    recordsAbove: layout
      ? (i, indent) => {
          const first = firstRecordAt(layout, index.lineStart(i), indent);
          return first === undefined ? undefined : index.position(first).line - 1;
        }
      : undefined,
    count: index.lineCount,
    at: (i) => text.slice(index.lineStart(i), index.lineEnd(i)),
    indent: (i) => {
      const start = index.lineStart(i);
      const end = index.lineEnd(i);
      let j = start;
      while (j < end && isSpace(text.charCodeAt(j))) j++;
      if (j === end || text.charCodeAt(j) === 35 /* # */) return -1;
      if (text.charCodeAt(j) === 45 /* - */ && j + 1 < end && isSpace(text.charCodeAt(j + 1))) {
        j++;
        while (j < end && isSpace(text.charCodeAt(j))) j++;
      }
      return j - start;
    },
  };
}

export function contextAt(text: string, offset: number, index: LineIndex, layout?: ChunkLayout): CompletionContext | undefined {
  const lineNo = index.position(offset).line;
  const lineStart = index.lineStart(lineNo);
  const lineEnd = index.lineEnd(lineNo);
  const prefix = text.slice(lineStart, offset);
  const lines = linesOf(text, index, layout);
  if (/^\s*#/.test(prefix)) return undefined;

  const brace = openFlowBrace(prefix);
  if (brace >= 0) {
    // Inside `key: { a: 1, b| }` on this line: the flow map belongs to the key before the brace.
    const before = prefix.slice(0, brace);
    const ownerKey = /((?:"[^"]*"|'[^']*'|[^\s:{},[\]]+))\s*:\s*$/.exec(before);
    if (!ownerKey) return undefined;
    const base = blockPath(lines, lineNo, indentOf(prefix));
    const path = [...base, unquote(ownerKey[1])];
    const segment = prefix.slice(brace + 1).split(',').pop() ?? '';
    const segStart = offset - segment.length;
    const inner = text.slice(lineStart + brace + 1, lineEnd);
    const present = new Set([...inner.matchAll(/(?:^|[{,])\s*([A-Za-z0-9_.-]+)\s*:/g)].map((m) => m[1]));
    const kv = /^\s*([A-Za-z0-9_.-]+)\s*:\s*(\S*)$/.exec(segment);
    if (kv) return { mode: 'value', path: [...path, kv[1]], word: kv[2], wordStart: offset - kv[2].length, present, indent: '', flow: true };
    const word = /([A-Za-z0-9_.-]*)$/.exec(segment)![1];
    present.delete(word);
    return { mode: 'key', path, word, wordStart: segStart + segment.length - word.length, present, indent: '', flow: true };
  }

  const kv = /^(\s*)(-\s+)?("[^"]*"|'[^']*'|[A-Za-z0-9_.<-][^:#]*?)\s*:\s+(\S*)$/.exec(prefix);
  if (kv) {
    const indent = kv[1].length + (kv[2]?.length ?? 0);
    const path = [...blockPath(lines, lineNo, indent), unquote(kv[3].trim())];
    return { mode: 'value', path, word: kv[4], wordStart: offset - kv[4].length, present: new Set(), indent: ' '.repeat(indent), flow: false };
  }
  const item = /^(\s*)-\s+(\S*)$/.exec(prefix);
  if (item) {
    const indent = item[1].length;
    const path = blockPath(lines, lineNo, indent + 1);
    const node = schemaAt(path);
    if (node?.items) return { mode: 'item', path: [...path, 0], word: item[2], wordStart: offset - item[2].length, present: new Set(), indent: '', flow: false };
  }
  const key = /^(\s*)(-\s+)?([A-Za-z0-9_.-]*)$/.exec(prefix);
  if (key) {
    const indent = key[1].length + (key[2]?.length ?? 0);
    const path = blockPath(lines, lineNo, indent);
    // Ids of a map are not offered, so a large id map is not scanned for the keys written.
    const present = isIdMap(path) ? new Set<string>() : siblingKeys(lines, lineNo, indent);
    return { mode: 'key', path, word: key[3], wordStart: offset - key[3].length, present, indent: ' '.repeat(indent), flow: false };
  }
  return undefined;
}
