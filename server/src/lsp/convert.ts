/**
 * The one place that turns core spans into LSP ranges and findings into diagnostics.
 */
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import type { CompletionModel, Finding, HoverModel, LineIndex, Span, SymbolModel, TextEdit as CoreEdit } from '../analysis';
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

/** Markdown when the client renders it, else the same text with the markup stripped. */
export function hoverToLsp(model: HoverModel, lines: LineIndex, markdown: boolean): Hover {
  const value = markdown ? model.markdown : stripMarkdown(model.markdown);
  return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value }, range: spanToRange(lines, model.span) };
}

export function stripMarkdown(md: string): string {
  return md
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/`([^`]*)`/g, '$1');
}

const COMPLETION_KIND = { key: CompletionItemKind.Property, value: CompletionItemKind.EnumMember, reference: CompletionItemKind.Reference, snippet: CompletionItemKind.Snippet } as const;

export function completionToLsp(item: CompletionModel, lines: LineIndex, markdown: boolean): CompletionItem {
  return {
    label: item.label,
    kind: COMPLETION_KIND[item.kind],
    detail: item.detail,
    documentation: item.documentation ? (markdown ? { kind: MarkupKind.Markdown, value: item.documentation } : stripMarkdown(item.documentation)) : undefined,
    sortText: item.sortText,
    filterText: item.label,
    textEdit: { range: spanToRange(lines, item.replace), newText: item.insertText },
    insertTextFormat: item.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
    labelDetails: item.unsupported ? { description: 'not supported here' } : undefined,
  };
}

const SYMBOL_KIND = { section: SymbolKind.Namespace, mailSystem: SymbolKind.Module, profile: SymbolKind.Class, mailbox: SymbolKind.Object, key: SymbolKind.Property } as const;

export function symbolToLsp(s: SymbolModel, lines: LineIndex): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: spanToRange(lines, s.span),
    selectionRange: spanToRange(lines, s.selectionSpan),
    children: s.children.map((c) => symbolToLsp(c, lines)),
  };
}

export function editToLsp(e: CoreEdit, lines: LineIndex): TextEdit {
  return { range: spanToRange(lines, e.span), newText: e.newText };
}
