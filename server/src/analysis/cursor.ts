/** What the cursor is on: the path of the key or value under an offset (UTF-16). */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { type ParsedPlan } from './parse';
import { keyString, resolveAlias } from './yaml-tree';
import type { Path, Span } from './types';

export interface CursorTarget {
  readonly path: Path;
  readonly part: 'key' | 'value';
  /** The span of the key or scalar value under the cursor. */
  readonly span: Span;
  readonly pair?: Pair;
  readonly node?: Node;
}

const within = (range: readonly number[] | null | undefined, offset: number) => !!range && range[0] <= offset && offset <= range[1];

/** The key or scalar value under `offset` (the end of a token counts), or undefined. */
export function targetAt(parsed: ParsedPlan, offset: number): CursorTarget | undefined {
  let node: unknown = parsed.doc.contents;
  const path: (string | number)[] = [];
  for (let depth = 0; depth < 200; depth++) {
    if (isMap(node)) {
      let next: unknown;
      for (const item of candidates(node.items, offset)) {
        if (!isPair(item)) continue;
        const key = item.key as Node | null;
        const k = keyString(key);
        if (key && k !== undefined && within(key.range, offset)) {
          return { path: [...path, k], part: 'key', span: { start: key.range![0], end: key.range![1] }, pair: item, node: key };
        }
        const value = item.value as Node | null;
        if (value && k !== undefined && within(value.range, offset)) {
          path.push(k);
          if (isScalar(value)) return { path, part: 'value', span: { start: value.range![0], end: value.range![1] }, pair: item, node: value };
          next = resolveAliasShallow(parsed, value, path);
          break;
        }
      }
      if (next === undefined) return undefined;
      node = next;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => within((it as Node | null)?.range, offset));
      if (i < 0) return undefined;
      const item = node.items[i] as Node;
      path.push(i);
      if (isScalar(item)) return { path, part: 'value', span: { start: item.range![0], end: item.range![1] }, node: item };
      node = item;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** Maps with at least this many items are searched by bisection (mailboxes of a large plan). */
const BISECT = 32;

/** True when every item is a pair whose key has a range, in increasing order (checked once per map). */
const ordered = new WeakMap<readonly unknown[], boolean>();

function isOrdered(items: readonly unknown[]): boolean {
  let known = ordered.get(items);
  if (known === undefined) {
    known = true;
    let last = -1;
    for (const it of items) {
      const r = isPair(it) ? (it.key as Node | null)?.range : undefined;
      if (!r || r[0] <= last) {
        known = false;
        break;
      }
      last = r[0];
    }
    ordered.set(items, known);
  }
  return known;
}

/**
 * The items that can hold `offset`: all of them, or in a large map whose keys are in document
 * order, the last one whose key starts at or before it and the one before that (in document
 * order, as the full scan would meet them). Moving chunks shifts whole records, so the order holds.
 */
function candidates(items: readonly unknown[], offset: number): readonly unknown[] {
  if (items.length < BISECT || !isOrdered(items)) return items;
  const start = (i: number) => ((items[i] as Pair).key as Node).range![0];
  let lo = 0;
  let hi = items.length - 1;
  if (start(0) > offset) return items.slice(0, 1);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (start(mid) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return items.slice(Math.max(0, lo - 1), lo + 1);
}

/** Aliases are not followed for the cursor: the alias token itself is what the user points at. */
function resolveAliasShallow(parsed: ParsedPlan, value: Node, path: Path): unknown {
  void path;
  const resolved = resolveAlias(parsed.doc, value);
  return resolved === value ? value : undefined;
}
