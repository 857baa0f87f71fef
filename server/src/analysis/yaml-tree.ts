/**
 * Small questions about `yaml` nodes that the parser, the chunk cutter and the placement code
 * all ask (kept apart so that none of them imports another for them).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

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
