/**
 * The one place that turns core spans into LSP ranges and findings into diagnostics.
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Finding, LineIndex, Span } from '../analysis';
import { ruleDocsUrl } from '../analysis/docs-url';

export function spanToRange(lines: LineIndex, span: Span): Range {
  return { start: lines.position(span.start), end: lines.position(span.end) };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export function findingToDiagnostic(finding: Finding, lines: LineIndex, uri: string): Diagnostic {
  return {
    range: spanToRange(lines, finding.span),
    severity: SEVERITY[finding.severity],
    source: 'crmsync',
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    message: finding.message,
    relatedInformation: finding.related.length
      ? finding.related.map((r) => ({ location: { uri, range: spanToRange(lines, r.span) }, message: r.message }))
      : undefined,
  };
}
