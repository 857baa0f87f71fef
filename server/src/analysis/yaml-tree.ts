/**
 * Small questions about `yaml` nodes that the parser, the chunk cutter and the placement code
 * all ask (kept apart so that none of them imports another for them).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

/** The string a map key stands for in the plain value (what `toJS` would use). */
export function keyString(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  return undefined;
}

/** Keys that are mappings or lists (`? { a: 1 }: x`): a plan never has them, and toJS would stringify them. */
export function complexKeys(doc: Document): Node[] {
  const out: Node[] = [];
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      if (isMap(node.key) || isSeq(node.key)) out.push(node.key as Node);
      walk(node.key);
      walk(node.value);
    } else if (isMap(node) || isSeq(node)) {
      for (const it of node.items) walk(it);
    }
  };
  walk(doc.contents);
  return out;
}

/** Resolved aliases: yaml's `Alias.resolve` walks the whole document each time. */
const resolvedAliases = new WeakMap<object, unknown>();

/** Follows an alias to its anchored node; other nodes are returned as they are. */
export function resolveAlias(doc: Document, node: unknown): unknown {
  let n = node;
  for (let i = 0; i < 64 && isAlias(n); i++) {
    const alias = n;
    let target = resolvedAliases.get(alias);
    if (target === undefined) {
      target = alias.resolve(doc) ?? null;
      resolvedAliases.set(alias, target);
    }
    n = target;
  }
  return n ?? undefined;
}

/**
 * Key → pair of a mapping (the last occurrence of a repeated key), built once per mapping so that
 * locating N records costs O(N), not O(N²). Trees are not mutated after parsing.
 */
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

export function pairIndex(map: YAMLMap): Map<string, Pair> {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const k = keyString(item.key);
      if (k !== undefined) index.set(k, item);
    }
    pairIndexes.set(map, index);
  }
  return index;
}

/**
 * Gives `from`'s pair index, if it has one, to `to`: the same mapping with the pairs `removed`
 * taken out and `added` put in, and no key repeated (chunks.ts: a spliced `mailboxes`, or a
 * section an edit elsewhere left as it was).
 * `from` builds its index anew if it is asked for it again.
 */
export function handOverPairIndex(from: YAMLMap, to: YAMLMap, removed: readonly { key: string; pair: Pair }[], added: readonly { key: string; pair: Pair }[]): void {
  const index = pairIndexes.get(from);
  if (!index) return;
  pairIndexes.delete(from);
  for (const e of removed) if (index.get(e.key) === e.pair) index.delete(e.key);
  for (const e of added) index.set(e.key, e.pair);
  pairIndexes.set(to, index);
}
