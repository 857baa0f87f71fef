/** Output formats of `crmsync check`: text and JSON (a contract for CI users); SARIF is in sarif.ts. */
import type { Finding, LineIndex, Severity, SuppressedFinding } from '../analysis';
import { toSlashes } from './paths';

/** What `--fix` / `--fix-dry-run` did (or would do) to a file. */
export interface FixReport {
  /** How many fixes were (or would be) applied. */
  readonly applied: number;
  /** The unified diff of the change, literal passwords masked; empty when nothing changes. */
  readonly diff: string;
}

export interface FileResult {
  /** How the file is shown: relative to the current directory when inside it, else absolute. */
  readonly path: string;
  /** The absolute path. */
  readonly absPath: string;
  readonly lines: LineIndex;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** With `--fix` or `--fix-dry-run`: the fixes; the findings are then those that remain. */
  readonly fixes?: FixReport;
}

/** `1 file`, `2 files`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

interface Position1 {
  line: number;
  column: number;
}

/** 1-based line and column; columns in UTF-16 code units, as VS Code shows them. */
function pos1(lines: LineIndex, offset: number): Position1 {
  const p = lines.position(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

/**
 * One line per finding, then a summary line. With `fix`, the summary also counts the fixes
 * applied (`--fix`) or that would be applied (`--fix-dry-run`).
 */
export function formatText(results: readonly FileResult[], fix?: 'write' | 'dry-run'): string {
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const r of results) {
    for (const f of r.findings) {
      const p = pos1(r.lines, f.span.start);
      counts[f.severity]++;
      out.push(`${r.path}:${p.line}:${p.column} ${f.severity} ${f.ruleId} ${f.message}`);
    }
  }
  const suppressed = results.reduce((n, r) => n + r.suppressed.length, 0);
  out.push(
    `${plural(results.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info` +
      (suppressed ? `, ${suppressed} suppressed` : '') +
      (fix ? `; ${plural(results.reduce((n, r) => n + (r.fixes?.applied ?? 0), 0), 'fix', 'fixes')} ${fix === 'write' ? 'applied' : 'would be applied'}` : ''),
  );
  return out.join('\n') + '\n';
}

function jsonFinding(lines: LineIndex, f: Finding): Record<string, unknown> {
  const s = pos1(lines, f.span.start);
  const e = pos1(lines, f.span.end);
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    fixes: f.fixes.map((x) => x.title),
    related: f.related.map((r) => {
      const p = pos1(lines, r.span.start);
      return { line: p.line, column: p.column, message: r.message };
    }),
  };
}

/**
 * The JSON report. With `fix` (`--fix` or `--fix-dry-run`) it says which, and each file has
 * `fixes: { applied, diff }`; its findings are then those that remain after the fixes.
 */
export function formatJson(results: readonly FileResult[], fix?: 'write' | 'dry-run'): string {
  return (
    JSON.stringify(
      {
        version: 1,
        ...(fix ? { fix } : {}),
        files: results.map((r) => ({
          path: toSlashes(r.path),
          findings: r.findings.map((f) => jsonFinding(r.lines, f)),
          suppressed: r.suppressed.map((f) => ({ ...jsonFinding(r.lines, f), reason: f.reason })),
          ...(r.fixes ? { fixes: { applied: r.fixes.applied, diff: r.fixes.diff } } : {}),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
