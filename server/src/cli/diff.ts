/** A unified diff of two texts (line-based, Myers' algorithm), for `--fix-dry-run`. */

type Op = { kind: ' ' | '-' | '+'; line: string };

function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? 0) < (v.get(k + 1) ?? 0)) ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) return backtrack(trace, a, b, d);
    }
  }
  return [];
}

function backtrack(trace: Map<number, number>[], a: string[], b: string[], dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d >= 0; d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && (v.get(k - 1) ?? 0) < (v.get(k + 1) ?? 0)) ? k + 1 : k - 1;
    const prevX = v.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x] });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[--y] });
      else ops.push({ kind: '-', line: a[--x] });
    }
  }
  return ops.reverse();
}

/** Marks the last line of a text that does not end with a line break (it differs from the same line with one). */
const NO_EOL = '\u0000no-eol';

/** The lines of a text, each without its `\n` (a `\r` stays); the last marked when it has no line break. */
function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

/**
 * The diff of one file, with `--- a/<path>` / `+++ b/<path>` headers for a relative path (forward
 * slashes) and `--- <path>` / `+++ <path>` for an absolute one (`/…` or `C:/…`).
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = linesOf(before);
  const b = linesOf(after);
  const ops = diffLines(a, b);
  const label = (side: string) => (/^(\/|[A-Za-z]:\/)/.test(path) ? path : `${side}/${path}`);
  const out = [`--- ${label('a')}`, `+++ ${label('b')}`];
  let i = 0;
  let aLine = 1;
  let bLine = 1;
  const positions: { a: number; b: number }[] = [];
  for (const op of ops) {
    positions.push({ a: aLine, b: bLine });
    if (op.kind !== '+') aLine++;
    if (op.kind !== '-') bLine++;
  }
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    let lastChange = i;
    while (end < ops.length && (ops[end].kind !== ' ' || end - lastChange <= context * 2)) {
      if (ops[end].kind !== ' ') lastChange = end;
      end++;
    }
    end = Math.min(ops.length, lastChange + context + 1);
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    // An empty side starts at the line before (`-0,0`), as diff(1) writes it.
    const aStart = aCount === 0 ? positions[start].a - 1 : positions[start].a;
    const bStart = bCount === 0 ? positions[start].b - 1 : positions[start].b;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const o of hunk) {
      if (o.line.endsWith(NO_EOL)) out.push(`${o.kind}${o.line.slice(0, -NO_EOL.length)}`, '\\ No newline at end of file');
      else out.push(`${o.kind}${o.line}`);
    }
    i = end;
  }
  return out.join('\n') + '\n';
}
