/**
 * Minimal text edits computed from node spans, for quick fixes. Comments, key order, flow or
 * block style, quoting, indentation and line endings around the edit stay as they are; the
 * document is never re-stringified.
 */
import { isMap, isPair, isScalar, isSeq, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import { locate } from './locate';
import { type ParsedPlan } from './parse';
import { resolveAlias } from './yaml-tree';
import type { Path, TextEdit } from './types';

/** A YAML scalar for `value`, quoted only when plain text would read differently. */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  if (value === '') return '""';
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value) || /^(true|false|null|~|yes|no|on|off)$/i.test(value)) return `"${value}"`;
  // ` #` starts a comment anywhere in plain text.
  if (/^[\s'"&*!|>%@`#?:-]|[:#]\s|\s#|:$|\s$|[\n\r\t,[\]{}]/.test(value)) return JSON.stringify(value);
  return value;
}

/** The plan's line break. A plan parsed in chunks holds no carriage return (chunks.ts): its text is not searched. */
function eolOf(parsed: ParsedPlan): string {
  return !parsed.layout && parsed.text.includes('\r\n') ? '\r\n' : '\n';
}

function lastContentEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /[\s]/.test(text[e - 1])) e--;
  return e;
}

/** Offset of the end of the line holding `offset` (before the line break). */
function lineEndAt(parsed: ParsedPlan, offset: number): number {
  return parsed.lines.lineEnd(parsed.lines.position(offset).line);
}

function lineStartAt(parsed: ParsedPlan, offset: number): number {
  return parsed.lines.lineStart(parsed.lines.position(offset).line);
}

/**
 * The indentation for new keys of a block mapping: the column of its keys when every key starts
 * its line after plain spaces (a BOM aside). Undefined for layouts an insert could break
 * (explicit `?` keys, keys after other content, multi-line keys).
 */
function blockIndent(parsed: ParsedPlan, map: YAMLMap): number | undefined {
  let indent: number | undefined;
  for (const item of map.items) {
    const key = (isPair(item) ? item.key : undefined) as Node | undefined;
    if (!key?.range || isMap(key) || isSeq(key)) return undefined;
    const before = parsed.text.slice(lineStartAt(parsed, key.range[0]), key.range[0]).replace(/^\ufeff/, '');
    if (!/^ *$/.test(before)) return undefined;
    if (parsed.text.slice(key.range[0], lastContentEnd(parsed.text, key.range[1])).includes('\n')) return undefined;
    if (indent === undefined) indent = before.length;
    else if (indent !== before.length) return undefined;
  }
  return indent;
}

function columnOf(parsed: ParsedPlan, offset: number): number {
  return parsed.lines.position(offset).character;
}

/** Replaces the value at `path` (which must be written) with `newText`. */
export function replaceValue(parsed: ParsedPlan, path: Path, newText: string): TextEdit | undefined {
  const loc = locate(parsed, path);
  const node = loc?.node;
  const empty = !node?.range || (isScalar(node) && lastContentEnd(parsed.text, node.range[1]) <= node.range[0]);
  if (!node?.range || empty) {
    // `key:` with no value: append after the colon.
    const key = loc?.pair?.key as Node | undefined;
    if (!key?.range) return undefined;
    const colon = parsed.text.indexOf(':', key.range[1]);
    return colon >= 0 ? { span: { start: colon + 1, end: colon + 1 }, newText: ` ${newText}` } : undefined;
  }
  const [start, end] = node.range;
  if (isMap(node) || isSeq(node)) {
    if (node.flow) return { span: { start, end }, newText };
    // A block collection: replace from after the colon to its end.
    const key = loc?.pair?.key as Node | undefined;
    const from = key?.range ? parsed.text.indexOf(':', key.range[1]) + 1 : start;
    return { span: { start: from, end: lastContentEnd(parsed.text, end) }, newText: ` ${newText}` };
  }
  return { span: { start, end: lastContentEnd(parsed.text, end) }, newText };
}

/** Renames the key at `path` (keeps its value and position). */
export function renameKey(parsed: ParsedPlan, path: Path, newKey: string): TextEdit | undefined {
  const key = locate(parsed, path)?.pair?.key as Node | undefined;
  if (!key?.range) return undefined;
  // A block-scalar key's range ends with its line break, which must stay.
  return { span: { start: key.range[0], end: Math.max(key.range[0] + 1, lastContentEnd(parsed.text, key.range[1])) }, newText: yamlScalar(newKey) };
}

function mapAt(parsed: ParsedPlan, path: Path): YAMLMap | undefined {
  if (path.length === 0) {
    const root = resolveAlias(parsed.doc, parsed.doc.contents);
    return isMap(root) ? root : undefined;
  }
  const node = locate(parsed, path)?.node;
  return isMap(node) ? node : undefined;
}

function lastPair(map: YAMLMap): Pair | undefined {
  const pairs = map.items.filter((i) => isPair(i));
  return pairs[pairs.length - 1];
}

/** Whether the pair's source holds an explicit key (`? key`): what follows it is not placed reliably. */
function endsInExplicitKey(parsed: ParsedPlan, pair: Pair): boolean {
  const start = (pair.key as Node | null)?.range?.[0] ?? pairEnd(pair);
  return /(^|\n)[ \t]*\?([ \t]|$)/.test(parsed.text.slice(lineStartAt(parsed, start), pairEnd(pair)));
}

function pairEnd(pair: Pair): number {
  const v = pair.value as Node | null;
  const k = pair.key as Node | null;
  return v?.range ? v.range[1] : (k?.range?.[1] ?? 0);
}

/**
 * Sets `path` to `valueText` (YAML source): replaces a written value, or inserts `key: value`
 * at the end of its mapping with the mapping's indentation (in a flow mapping, before the `}`).
 * Missing parent mappings are created in block style.
 */
export function setValue(parsed: ParsedPlan, path: Path, valueText: string): TextEdit | undefined {
  if (locate(parsed, path)?.pair) return replaceValue(parsed, path, valueText);
  // Find the deepest written ancestor (a mapping, or a key with no value yet).
  let depth = path.length - 1;
  while (depth > 0 && !locate(parsed, path.slice(0, depth))?.pair) depth--;
  const parentPath = path.slice(0, depth);
  const missing = path.slice(depth).map(String);
  const map = mapAt(parsed, parentPath);
  const eol = eolOf(parsed);
  if (map && map.flow) {
    const end = map.range ? map.range[1] : 0;
    const close = parsed.text.lastIndexOf('}', end);
    const body = nestFlow(missing, valueText);
    const last = lastPair(map);
    if (last) return { span: { start: pairEnd(last), end: pairEnd(last) }, newText: `, ${body}` };
    return { span: { start: close, end: close }, newText: ` ${body} ` };
  }
  if (map) {
    const last = lastPair(map);
    if (last) {
      const indent = blockIndent(parsed, map);
      if (indent === undefined || endsInExplicitKey(parsed, last)) return undefined;
      const at = lineEndAt(parsed, lastContentEnd(parsed.text, pairEnd(last)));
      return { span: { start: at, end: at }, newText: eol + nestBlock(missing, valueText, indent, eol) };
    }
  }
  // The parent is written with no value (`key:`) or is not a mapping we can extend: write the
  // chain after the parent's key line.
  const parentPair = parentPath.length ? locate(parsed, parentPath)?.pair : undefined;
  const pk = parentPair?.key as Node | undefined;
  if (parentPath.length && pk?.range) {
    const v = parentPair!.value as Node | null;
    if (v && !isScalar(v)) return undefined;
    if (v && isScalar(v) && v.value !== null) return undefined;
    const explicitNull = !!v?.range && lastContentEnd(parsed.text, v.range[1]) > v.range[0];
    const enclosing = parentPath.length > 1 ? locate(parsed, parentPath.slice(0, -1))?.node : resolveAlias(parsed.doc, parsed.doc.contents);
    if ((isMap(enclosing) || isSeq(enclosing)) && enclosing.flow) {
      // Inside a flow collection: only an explicit null can become a flow mapping.
      if (!explicitNull) return undefined;
      return { span: { start: v!.range![0], end: lastContentEnd(parsed.text, v!.range![1]) }, newText: `{ ${nestFlow(missing, valueText)} }` };
    }
    const indent = columnOf(parsed, pk.range[0]) + 2;
    const nested = eol + nestBlock(missing, valueText, indent, eol);
    if (explicitNull && v?.range) {
      // An explicit null (`key: null`, `key: ~`): the children take its place.
      const colon = parsed.text.indexOf(':', pk.range[1]);
      if (colon < 0 || colon > v.range[0]) return undefined;
      return { span: { start: colon + 1, end: lastContentEnd(parsed.text, v.range[1]) }, newText: nested };
    }
    const at = lineEndAt(parsed, pk.range[1]);
    return { span: { start: at, end: at }, newText: nested };
  }
  if (parentPath.length === 0) {
    const at = parsed.text.length;
    const sep = at === 0 || parsed.text.endsWith('\n') ? '' : eol;
    return { span: { start: at, end: at }, newText: sep + nestBlock(missing, valueText, 0, eol) + eol };
  }
  return undefined;
}

function nestBlock(keys: readonly string[], valueText: string, indent: number, eol: string): string {
  const pad = ' '.repeat(indent);
  if (keys.length === 1) return `${pad}${yamlScalar(keys[0])}: ${valueText}`;
  return `${pad}${yamlScalar(keys[0])}:${eol}${nestBlock(keys.slice(1), valueText, indent + 2, eol)}`;
}

function nestFlow(keys: readonly string[], valueText: string): string {
  if (keys.length === 1) return `${yamlScalar(keys[0])}: ${valueText}`;
  return `${yamlScalar(keys[0])}: { ${nestFlow(keys.slice(1), valueText)} }`;
}

/**
 * Removes the key at `path` and its value: in block style the whole lines (with a trailing
 * comment on the last one); in flow style the pair and one neighbouring comma.
 */
export function removeKey(parsed: ParsedPlan, path: Path): TextEdit | undefined {
  const pair = locate(parsed, path)?.pair;
  if (!pair) return undefined;
  const parent = path.length > 1 ? locate(parsed, path.slice(0, -1))?.node : resolveAlias(parsed.doc, parsed.doc.contents);
  return removePair(parsed, pair, isMap(parent) && !!parent.flow);
}

/** Removes the pair whose key starts at `keyStart` (for a repeated key, which a path cannot name). */
export function removePairAt(parsed: ParsedPlan, keyStart: number): TextEdit | undefined {
  let found: { pair: Pair; flow: boolean } | undefined;
  visit(parsed.doc, {
    Map(_, map) {
      for (const it of map.items) {
        if (isPair(it) && (it.key as Node | null)?.range?.[0] === keyStart) {
          found = { pair: it, flow: !!map.flow };
          return visit.BREAK;
        }
      }
      return undefined;
    },
  });
  return found ? removePair(parsed, found.pair, found.flow) : undefined;
}

function removePair(parsed: ParsedPlan, pair: Pair, flow: boolean): TextEdit | undefined {
  const key = pair.key as Node | undefined;
  if (!key?.range) return undefined;
  const text = parsed.text;
  const start = key.range[0];
  // An explicit key (`? key`, possibly over several lines), or a key with a tag or an anchor
  // before it (`!!str key:`): not offered, the layout is too varied.
  const before = text.slice(lineStartAt(parsed, start), start);
  if (/\?[ \t]*$/.test(before) || /(^|[\s,[{])[!&][^\s,[\]{}]*[ \t]+$/.test(before)) return undefined;
  const end = Math.max(key.range[1], lastContentEnd(text, pairEnd(pair)));
  // Not offered for a multi-line key, nor for a pair that holds an anchor others may use.
  if (text.slice(key.range[0], lastContentEnd(text, key.range[1])).includes('\n')) return undefined;
  if (/(^|[\s,[{:])&[^\s,[\]{}]/.test(text.slice(start, end))) return undefined;
  if (flow) {
    let s = start;
    let e = end;
    const after = /^\s*,\s*/.exec(text.slice(e));
    if (after) e += after[0].length;
    else {
      const before = /\s*,\s*$/.exec(text.slice(0, s));
      if (before) s -= before[0].length;
    }
    return { span: { start: s, end: e }, newText: '' };
  }
  const lineStart = lineStartAt(parsed, start);
  if (text.slice(lineStart, start).trim() !== '') return { span: { start, end }, newText: '' };
  const lastLine = parsed.lines.position(end).line;
  const next = lastLine + 1 < parsed.lines.lineCount ? parsed.lines.lineStart(lastLine + 1) : text.length;
  return { span: { start: lineStart, end: next }, newText: '' };
}

/** Inserts `key: value` lines into the mapping of an id map entry that is missing (a new record). */
export function appendEntry(parsed: ParsedPlan, mapPath: Path, id: string, body: readonly [string, string][]): TextEdit | undefined {
  const map = mapAt(parsed, mapPath);
  const eol = eolOf(parsed);
  if (map && !map.flow) {
    const last = lastPair(map);
    const column = blockIndent(parsed, map);
    if (last && endsInExplicitKey(parsed, last)) return undefined;
    if (last && column !== undefined) {
      const indent = ' '.repeat(column);
      const at = lineEndAt(parsed, lastContentEnd(parsed.text, pairEnd(last)));
      const lines = [`${indent}${yamlScalar(id)}:`, ...body.map(([k, v]) => `${indent}  ${k}: ${v}`)];
      return { span: { start: at, end: at }, newText: eol + lines.join(eol) };
    }
  }
  return setValue(parsed, [...mapPath, id], `{ ${body.map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
}

/**
 * Applies non-overlapping edits to a text. Inserts at the same offset keep their order (the
 * first listed comes first in the text). Overlapping edits are skipped.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.span.start - a.e.span.start || b.e.span.end - a.e.span.end || b.i - a.i)
    .map((x) => x.e);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.span.end > limit) continue;
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
    limit = e.span.start;
  }
  return out;
}

