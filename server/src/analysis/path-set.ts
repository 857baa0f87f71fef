/**
 * A set of paths that answers "is this path, or one of its ancestors, in the set?" without
 * building strings: rules ask it for every value they read (docs/plan-format.md#unknown-values).
 */
import type { Path } from './types';

interface Node {
  end: boolean;
  children?: Map<string, Node>;
}

export class PathSet {
  private readonly root: Node = { end: false };

  add(path: Path): void {
    let n = this.root;
    for (const seg of path) {
      const k = String(seg);
      n.children ??= new Map();
      let next = n.children.get(k);
      if (!next) {
        next = { end: false };
        n.children.set(k, next);
      }
      n = next;
    }
    n.end = true;
  }

  /** True when `path` or an ancestor of it was added. */
  coversPath(path: Path): boolean {
    let n: Node | undefined = this.root;
    if (n.end) return true;
    for (const seg of path) {
      n = n.children?.get(String(seg));
      if (!n) return false;
      if (n.end) return true;
    }
    return false;
  }
}
