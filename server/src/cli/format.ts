/** Output formats of `crmsync check`: text, JSON (a contract for CI users) and SARIF 2.1.0. */
import { catalog } from '../analysis/catalog';
import { ruleDocsUrl, REPOSITORY_URL } from '../analysis/docs-url';
import type { Finding, LineIndex, Severity, SuppressedFinding } from '../analysis';

export interface FileResult {
  /** The path as given on the command line (or found under a given directory). */
  readonly path: string;
  readonly lines: LineIndex;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
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

export function formatText(results: readonly FileResult[]): string {
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const r of results) {
    for (const f of r.findings) {
      const p = pos1(r.lines, f.span.start);
      counts[f.severity]++;
      out.push(`${r.path}:${p.line}:${p.column} ${f.severity} ${f.ruleId} ${f.message}`);
    }
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const suppressed = results.reduce((n, r) => n + r.suppressed.length, 0);
  out.push(
    `${plural(results.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info` +
      (suppressed ? `, ${suppressed} suppressed` : ''),
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

export function formatJson(results: readonly FileResult[]): string {
  return (
    JSON.stringify(
      {
        version: 1,
        files: results.map((r) => ({
          path: r.path,
          findings: r.findings.map((f) => jsonFinding(r.lines, f)),
          suppressed: r.suppressed.map((f) => ({ ...jsonFinding(r.lines, f), reason: f.reason })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(results: readonly FileResult[], toolVersion: string): string {
  const rules = catalog();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const region = (lines: LineIndex, start: number, end: number) => {
    const s = pos1(lines, start);
    const e = pos1(lines, end);
    return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
  };
  const uri = (p: string) => p.split('\\').join('/');
  const result = (r: FileResult, f: Finding, suppression?: string) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? -1,
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: uri(r.path) }, region: region(r.lines, f.span.start, f.span.end) } }],
    ...(f.related.length
      ? {
          relatedLocations: f.related.map((rel, i) => ({
            id: i + 1,
            message: { text: rel.message },
            physicalLocation: { artifactLocation: { uri: uri(r.path) }, region: region(r.lines, rel.span.start, rel.span.end) },
          })),
        }
      : {}),
    ...(suppression !== undefined ? { suppressions: [{ kind: 'inSource', justification: suppression }] } : {}),
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'crmsync',
            version: toolVersion,
            informationUri: REPOSITORY_URL,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.summary },
              helpUri: ruleDocsUrl(r.id),
              defaultConfiguration: { level: SARIF_LEVEL[r.severities.crm2016 ?? r.severities['d365-9'] ?? 'warning'] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) => [
          ...r.findings.map((f) => result(r, f)),
          ...r.suppressed.map((f) => result(r, f, f.reason)),
        ]),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
