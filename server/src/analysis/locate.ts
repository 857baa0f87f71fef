/**
 * Path ↔ YAML node ↔ span: the one placement module. Rules, the schema mapper and the
 * reference check report paths; the spans are chosen here, the same way for all: the value for
 * value problems, the key for key problems, the first line of a block collection, never an
 * empty span. What is not written falls back, by `reportSpan` (rules: the key of the nearest
 * written ancestor) or `placeOnNode` (schema: the other part of the same node), and finally to
 * `documentStart`.
 */
import { isMap, isPair, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { widenSpan, type ParsedPlan } from './parse';
import { pairIndex, resolveAlias } from './yaml-tree';
import type { Path, Span } from './types';

export interface Located {
  /** The pair whose key is the last segment of the path, when that segment is a map key. */
  readonly pair?: Pair;
  /** The value node (aliases resolved), when present. */
  readonly node?: Node;
}

const keyStarts = new WeakMap<YAMLMap, Map<string, number>>();

/**
 * Where each key of the mapping at `path` starts (the last occurrence of a repeated key, as
 * `keySpan` gives), built once per mapping: rules that list records in document order use it.
 * For ordering only: a mapping in a chunk that later versions move keeps the offsets of the
 * version that built the table (their order does not change), not its current positions.
 */
export function keyOffsets(plan: ParsedPlan, path: Path): ReadonlyMap<string, number> {
  const map = locate(plan, path)?.node;
  if (!isMap(map)) return new Map();
  let starts = keyStarts.get(map);
  if (!starts) {
    starts = new Map();
    for (const [k, pair] of pairIndex(map)) starts.set(k, nodeSpan(pair.key as Node | null)?.start ?? Number.MAX_SAFE_INTEGER);
    keyStarts.set(map, starts);
  }
  return starts;
}

/** Finds the node at `path`. The last occurrence of a repeated key wins, as in the plain value. */
export function locate(plan: ParsedPlan, path: Path): Located | undefined {
  let node: unknown = resolveAlias(plan.doc, plan.doc.contents);
  let pair: Pair | undefined;
  for (const seg of path) {
    pair = undefined;
    if (isMap(node)) {
      const found = pairIndex(node).get(String(seg));
      if (!found) return undefined;
      pair = found;
      node = resolveAlias(plan.doc, found.value);
    } else if (isSeq(node) && /^\d+$/.test(String(seg))) {
      const item = node.items[Number(seg)];
      if (item === undefined) return undefined;
      node = resolveAlias(plan.doc, item);
    } else {
      return undefined;
    }
  }
  return { pair, node: (node ?? undefined) as Node | undefined };
}

function nodeSpan(node: Node | undefined | null): Span | undefined {
  if (!node || !node.range) return undefined;
  const [start, end] = node.range;
  return end > start ? { start, end } : undefined;
}

/** Span of the key token of `path`, or undefined when the path is not a written map key. */
export function keySpan(plan: ParsedPlan, path: Path): Span | undefined {
  if (path.length === 0) return firstKeySpan(plan);
  const loc = locate(plan, path);
  const key = loc?.pair?.key as Node | undefined;
  const span = nodeSpan(key);
  return span ? widenSpan(span, plan.text, plan.lines) : undefined;
}

/**
 * Span of the value at `path`: a scalar or flow collection whole, a block collection by its first
 * line. Falls back to the key when the value is empty (`key:` with nothing after it).
 */
export function valueSpan(plan: ParsedPlan, path: Path): Span | undefined {
  const loc = locate(plan, path);
  if (!loc) return undefined;
  const node = loc.node;
  const span = nodeSpan(node);
  if (span && node) {
    if ((isMap(node) || isSeq(node)) && !node.flow) {
      const line = plan.lines.position(span.start).line;
      const end = Math.min(span.end, trimmedLineEnd(plan, line));
      return widenSpan({ start: span.start, end }, plan.text, plan.lines);
    }
    return widenSpan(span, plan.text, plan.lines);
  }
  if (loc.pair) return keySpan(plan, path);
  return undefined;
}

/** The span of the first key of the document, or of line 1 when there is none. */
function firstKeySpan(plan: ParsedPlan): Span {
  const root = resolveAlias(plan.doc, plan.doc.contents);
  if (isMap(root)) {
    const first = root.items.find((i) => isPair(i));
    const span = first ? nodeSpan(first.key as Node) : undefined;
    if (span) return widenSpan(span, plan.text, plan.lines);
  }
  const rootSpan = nodeSpan(root as Node);
  if (rootSpan) return valueSpanOfNode(plan, root as Node) ?? rootSpan;
  return widenSpan({ start: 0, end: plan.lines.lineEnd(0) }, plan.text, plan.lines);
}

function valueSpanOfNode(plan: ParsedPlan, node: Node): Span | undefined {
  const span = nodeSpan(node);
  if (!span) return undefined;
  const line = plan.lines.position(span.start).line;
  return widenSpan({ start: span.start, end: Math.min(span.end, trimmedLineEnd(plan, line)) }, plan.text, plan.lines);
}

function trimmedLineEnd(plan: ParsedPlan, line: number): number {
  const start = plan.lines.lineStart(line);
  let end = plan.lines.lineEnd(line);
  const text = plan.text;
  // Drop a trailing comment and white space from the first line of a block collection.
  const hash = text.slice(start, end).search(/\s#/);
  if (hash >= 0) end = start + hash;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The source text of the scalar at `path`, as written (quotes included). */
export function sourceText(plan: ParsedPlan, path: Path): string | undefined {
  const loc = locate(plan, path);
  const span = nodeSpan(loc?.node);
  return span ? plan.text.slice(span.start, span.end) : undefined;
}

/**
 * The span for a reported place. When the path is not written (an inherited value, an absent
 * key), falls back to the key of the nearest written ancestor (docs/plan-format.md#where-findings-are-placed).
 */
export function reportSpan(parsed: ParsedPlan, at: Path, part: 'key' | 'value', fallback = true): Span | undefined {
  const direct = part === 'key' ? keySpan(parsed, at) : valueSpan(parsed, at);
  if (direct || !fallback) return direct;
  for (let i = at.length - 1; i >= 1; i--) {
    const s = keySpan(parsed, at.slice(0, i));
    if (s) return s;
  }
  return keySpan(parsed, []);
}

/** The part asked for of the node at `path`, else its other part (a key without value, a list item). */
export function placeOnNode(plan: ParsedPlan, path: Path, part: 'key' | 'value'): Span | undefined {
  return part === 'key' ? keySpan(plan, path) ?? valueSpan(plan, path) : valueSpan(plan, path) ?? keySpan(plan, path);
}

/** The last resort: the first character of the document (empty only for an empty one). */
export function documentStart(text: string): Span {
  return { start: 0, end: Math.min(1, text.length) };
}
