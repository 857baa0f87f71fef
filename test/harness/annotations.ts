/**
 * Fixture annotations (STYLE.md): YAML comments under the line they describe.
 *
 *       authenticateUsing: anonymous
 *   #                      ^^^^^^^^^ error[anonymous-auth-exchange]: exact message
 *   #                      = fix: Use Server to Server Authentication
 *
 * `#` + a run of `^` marks columns on the nearest line above that is not an annotation;
 * `# <---` marks a finding that starts at column 0 of that line. A file with no annotations
 * asserts zero findings.
 */
import type { Finding } from '../../server/src/analysis';
import { LineIndex } from '../../server/src/analysis';

export interface Expected {
  /** 0-based line of the annotated source line. */
  line: number;
  startCol: number;
  /** End column on the same line; undefined for `<---` (not checked). */
  endCol?: number;
  severity: string;
  ruleId: string;
  message: string;
  fixes: string[];
}

const CARET = /^#(\s*)(\^+) (error|warning|info)\[([^\]]+)\]: (.*)$/;
const ARROW = /^# <--- (error|warning|info)\[([^\]]+)\]: (.*)$/;
const FIX = /^#\s+= fix: (.*)$/;

export function isAnnotation(line: string): boolean {
  return CARET.test(line) || ARROW.test(line) || FIX.test(line);
}

/** Reads the annotations of a fixture text. */
export function parseAnnotations(text: string): Expected[] {
  const lines = text.split(/\r?\n/);
  const out: Expected[] = [];
  let target = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const c = CARET.exec(l);
    const a = ARROW.exec(l);
    const f = FIX.exec(l);
    if (c) {
      const startCol = 1 + c[1].length;
      out.push({ line: target, startCol, endCol: startCol + c[2].length, severity: c[3], ruleId: c[4], message: c[5], fixes: [] });
    } else if (a) {
      out.push({ line: target, startCol: 0, severity: a[1], ruleId: a[2], message: a[3], fixes: [] });
    } else if (f && out.length) {
      out[out.length - 1].fixes.push(f[1]);
    } else {
      target = i;
    }
  }
  return out;
}

/** The same shape for an actual finding. */
export function actualOf(text: string, f: Finding): Expected {
  const lines = new LineIndex(text);
  const s = lines.position(f.span.start);
  const e = lines.position(f.span.end);
  const endCol = e.line === s.line ? e.character : lines.lineEnd(s.line) - lines.lineStart(s.line);
  return { line: s.line, startCol: s.character, endCol, severity: f.severity, ruleId: f.ruleId, message: f.message, fixes: f.fixes.map((x) => x.title) };
}

function key(e: Expected, withEnd: boolean): string {
  return `${e.line}:${e.startCol}${withEnd && e.endCol !== undefined ? `-${e.endCol}` : ''} ${e.severity}[${e.ruleId}]: ${e.message}${e.fixes.length ? ' fixes=' + JSON.stringify(e.fixes) : ''}`;
}

/** Compares; returns a readable report of false negatives and false positives, or '' when equal. */
export function compare(expected: Expected[], actual: Expected[]): string {
  const remaining = [...actual];
  const missing: Expected[] = [];
  for (const e of expected) {
    const idx = remaining.findIndex((a) => key(a, e.endCol !== undefined) === key(e, e.endCol !== undefined));
    if (idx >= 0) remaining.splice(idx, 1);
    else missing.push(e);
  }
  if (!missing.length && !remaining.length) return '';
  const fmt = (e: Expected) => `  ${e.line + 1}:${e.startCol + 1}${e.endCol !== undefined ? `-${e.endCol + 1}` : ''} ${e.severity}[${e.ruleId}]: ${e.message}${e.fixes.length ? `\n      fixes: ${e.fixes.join(' | ')}` : ''}`;
  return [
    missing.length ? `expected but not reported (false negatives):\n${missing.map(fmt).join('\n')}` : '',
    remaining.length ? `reported but not expected (false positives):\n${remaining.map(fmt).join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Rewrites a fixture's annotations from actual findings (UPDATE_FIXTURES=1). */
export function rewriteAnnotations(text: string, actual: Expected[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const src = text.split(/\r?\n/).filter((l) => !isAnnotation(l));
  // Map original line numbers to positions in the stripped text.
  const orig = text.split(/\r?\n/);
  const index: number[] = [];
  let j = 0;
  for (let i = 0; i < orig.length; i++) {
    if (isAnnotation(orig[i])) index.push(-1);
    else index.push(j++);
  }
  const byLine = new Map<number, Expected[]>();
  for (const a of actual) {
    const l = index[a.line] ?? a.line;
    if (!byLine.has(l)) byLine.set(l, []);
    byLine.get(l)!.push(a);
  }
  const out: string[] = [];
  src.forEach((line, i) => {
    out.push(line);
    for (const a of byLine.get(i) ?? []) {
      const payload = `${a.severity}[${a.ruleId}]: ${a.message}`;
      if (a.startCol === 0) out.push(`# <--- ${payload}`);
      else out.push(`#${' '.repeat(a.startCol - 1)}${'^'.repeat(Math.max(1, (a.endCol ?? a.startCol + 1) - a.startCol))} ${payload}`);
      for (const f of a.fixes) out.push(`#${' '.repeat(Math.max(1, a.startCol - 1))}= fix: ${f}`);
    }
  });
  return out.join(eol);
}
