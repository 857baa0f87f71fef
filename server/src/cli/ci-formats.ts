/**
 * Output formats for CI logs and test-result tabs: `--format github` (GitHub Actions workflow
 * commands, shown as annotations on the pull request), `--format azure` (Azure Pipelines
 * `##vso[task.logissue]` logging commands) and `--format junit` (JUnit XML).
 *
 * github: one `::error|warning|notice file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule-id>::<message>`
 * line per finding (info → `notice`), then the text summary as a plain line. Columns are 1-based
 * UTF-16 code units, `endColumn` exclusive as in JSON and SARIF; a finding spanning several lines
 * gives `line` and `endLine` only (GitHub takes columns only within one line).
 *
 * azure: one `##vso[task.logissue type=error|warning;sourcepath=…;linenumber=…;columnnumber=…;code=<rule-id>;]<message>`
 * line per error or warning; Azure has no third issue type, so an info finding is a plain line as
 * in the text format (`path:line:col info rule-id message`); then the summary as a plain line.
 *
 * junit: one `<testsuite>` per plan (named by its path), one `<testcase>` per finding with a
 * `<failure type="error|warning">` for errors and warnings (info findings pass, their message in
 * `<system-out>`); a plan without findings gets one passing testcase, so that every plan checked
 * shows in the tab.
 */
import type { Finding, LineIndex, Severity } from '../analysis';
import { ruleDocsUrl } from '../analysis/docs-url';
import { formatSummary, type FileResult } from './format';
import { toSlashes } from './paths';

interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function region(lines: LineIndex, f: Finding): Region {
  const s = lines.position(f.span.start);
  const e = lines.position(f.span.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

// GitHub Actions workflow commands (the escaping of @actions/core's command.ts).

/** A workflow command's message (data): `%`, CR and LF escaped. */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as data, plus `:` and `,`. */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function formatGithub(results: readonly FileResult[], fix?: 'write' | 'dry-run'): string {
  const out: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const g = region(r.lines, f);
      const props: [string, string | number][] = [
        ['file', toSlashes(r.path)],
        ['line', g.line],
        ...(g.line === g.endLine ? ([['col', g.column]] as [string, number][]) : []),
        ['endLine', g.endLine],
        ...(g.line === g.endLine ? ([['endColumn', g.endColumn]] as [string, number][]) : []),
        ['title', f.ruleId],
      ];
      out.push(`::${GITHUB_COMMAND[f.severity]} ${props.map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`).join(',')}::${escapeGithubData(f.message)}`);
    }
  }
  out.push(formatSummary(results, fix));
  return out.join('\n') + '\n';
}

// Azure Pipelines logging commands (the escaping of azure-pipelines-task-lib and the agent).

/** A logging command's message (data): `%` → `%AZP25`, CR and LF. */
export function escapeAzureData(s: string): string {
  return s.replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A logging command's property value: as data, plus `;` and `]`. */
export function escapeAzureProperty(s: string): string {
  return escapeAzureData(s).replace(/;/g, '%3B').replace(/\]/g, '%5D');
}

export function formatAzure(results: readonly FileResult[], fix?: 'write' | 'dry-run'): string {
  const out: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const g = region(r.lines, f);
      const file = toSlashes(r.path);
      if (f.severity === 'info') {
        out.push(`${file}:${g.line}:${g.column} info ${f.ruleId} ${f.message.replace(/\r\n|\r|\n/g, ' ')}`);
        continue;
      }
      const props: [string, string | number][] = [
        ['type', f.severity],
        ['sourcepath', file],
        ['linenumber', g.line],
        ['columnnumber', g.column],
        ['code', f.ruleId],
      ];
      out.push(`##vso[task.logissue ${props.map(([k, v]) => `${k}=${escapeAzureProperty(String(v))};`).join('')}]${escapeAzureData(f.message)}`);
    }
  }
  out.push(formatSummary(results, fix));
  return out.join('\n') + '\n';
}

// JUnit XML.

/**
 * Text for XML content or attribute values: the five predefined entities, CR, LF and tab as
 * character references (so attribute values keep them), characters XML 1.0 does not allow
 * (other C0 controls, lone surrogates, U+FFFE, U+FFFF) replaced by U+FFFD.
 */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');

export function formatJunit(results: readonly FileResult[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failing = (f: Finding) => f.severity !== 'info';
  const total = results.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  const failures = results.reduce((n, r) => n + r.findings.filter(failing).length, 0);
  out.push(`<testsuites${attrs({ name: 'crmsync', tests: total, failures, errors: 0, time: 0 })}>`);
  for (const r of results) {
    const file = toSlashes(r.path);
    const suite = { name: file, tests: Math.max(1, r.findings.length), failures: r.findings.filter(failing).length, errors: 0, skipped: 0, time: 0 };
    out.push(`  <testsuite${attrs(suite)}>`);
    if (r.findings.length === 0) out.push(`    <testcase${attrs({ classname: file, name: 'no findings', time: 0 })}/>`);
    for (const f of r.findings) {
      const g = region(r.lines, f);
      const where = `${file}:${g.line}:${g.column}`;
      const body = [
        `${where} ${f.severity} ${f.ruleId} ${f.message}`,
        ...f.related.map((rel) => {
          const p = r.lines.position(rel.span.start);
          return `  ${file}:${p.line + 1}:${p.character + 1}: ${rel.message}`;
        }),
        `Documentation: ${ruleDocsUrl(f.ruleId)}`,
      ].join('\n');
      out.push(`    <testcase${attrs({ classname: file, name: `${f.ruleId} at ${g.line}:${g.column}`, file, line: g.line, time: 0 })}>`);
      if (failing(f)) out.push(`      <failure${attrs({ type: f.severity, message: f.message })}>${escapeXml(body)}</failure>`);
      else out.push(`      <system-out>${escapeXml(body)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
