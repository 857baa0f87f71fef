/**
 * Output formats of `crmsync check`: text and JSON (a contract for CI users); SARIF is in
 * sarif.ts, the CI formats (github, azure, junit) in ci-formats.ts.
 */
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
  /** Without `--fix`: how many findings have a preferred fix that `--fix` would apply (judged safe). */
  readonly fixable?: number;
  /** Literal passwords of the plan, masked wherever the report repeats the plan's text (fix edits). */
  readonly secrets?: readonly string[];
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
 * The summary line: files, findings by severity and suppressed ones. With `fix`, the fixes
 * applied (`--fix`) or that would be applied (`--fix-dry-run`); without, how many findings
 * `--fix` could fix (when there are any).
 */
export function formatSummary(results: readonly FileResult[], fix?: 'write' | 'dry-run'): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const r of results) for (const f of r.findings) counts[f.severity]++;
  const suppressed = results.reduce((n, r) => n + r.suppressed.length, 0);
  const fixable = results.reduce((n, r) => n + (r.fixable ?? 0), 0);
  return (
    `${plural(results.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info` +
    (suppressed ? `, ${suppressed} suppressed` : '') +
    (fix
      ? `; ${plural(results.reduce((n, r) => n + (r.fixes?.applied ?? 0), 0), 'fix', 'fixes')} ${fix === 'write' ? 'applied' : 'would be applied'}`
      : fixable
        ? `; ${fixable} fixable with --fix`
        : '')
  );
}

/**
 * One line per finding (`path:line:col severity rule-id message`), each related location under
 * it (`  path:line:col: message`, indented), then the summary line.
 */
export function formatText(results: readonly FileResult[], fix?: 'write' | 'dry-run'): string {
  const out: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const p = pos1(r.lines, f.span.start);
      out.push(`${r.path}:${p.line}:${p.column} ${f.severity} ${f.ruleId} ${f.message}`);
      for (const rel of f.related) {
        const q = pos1(r.lines, rel.span.start);
        out.push(`  ${r.path}:${q.line}:${q.column}: ${rel.message}`);
      }
    }
  }
  out.push(formatSummary(results, fix));
  return out.join('\n') + '\n';
}

/** `text` with each of `secrets` (literal passwords of the plan) replaced by `********`. */
function masked(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('********');
  return out;
}

function jsonFinding(lines: LineIndex, f: Finding, secrets: readonly string[]): Record<string, unknown> {
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
    // The fixes in full: `fixes` above stays the list of titles (version 1 of the contract).
    quickFixes: f.fixes.map((x) => ({
      title: x.title,
      preferred: x.isPreferred === true,
      ...(x.unsafe ? { unsafe: true } : {}),
      edits: x.edits.map((ed) => {
        const a = pos1(lines, ed.span.start);
        const b = pos1(lines, ed.span.end);
        return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, newText: masked(ed.newText, secrets) };
      }),
    })),
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
          findings: r.findings.map((f) => jsonFinding(r.lines, f, r.secrets ?? [])),
          suppressed: r.suppressed.map((f) => ({ ...jsonFinding(r.lines, f, r.secrets ?? []), reason: f.reason })),
          ...(r.fixes ? { fixes: { applied: r.fixes.applied, diff: r.fixes.diff } } : {}),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
