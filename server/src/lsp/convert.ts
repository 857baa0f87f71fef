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
import type { Finding, LineIndex, Span, TextEdit as CoreEdit } from '../analysis';
import type { CompletionModel, HoverModel, SymbolModel } from '../ide';
import { ruleDocsHref, type RuleDocs } from './rule-docs';

export function spanToRange(lines: LineIndex, span: Span): Range {
  return { start: lines.position(span.start), end: lines.position(span.end) };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** `docs`: how the client opens a rule's documentation (rule-docs.ts); default the server's copy or the web. */
export function findingToDiagnostic(finding: Finding, lines: LineIndex, uri: string, docs: RuleDocs = {}): Diagnostic {
  return {
    range: spanToRange(lines, finding.span),
    severity: SEVERITY[finding.severity],
    source: 'crmsync',
    code: finding.ruleId,
    codeDescription: { href: ruleDocsHref(finding.ruleId, docs) },
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

/**
 * The text of the Markdown the core writes (**bold**, *emphasis*, `code`, links, "- " bullets,
 * tables and fenced code blocks), without its markup: code is kept as written (blocks indented),
 * links become "text (url)", tables are laid out in columns.
 */
function stripMarkdown(md: string): string {
  const out: string[] = [];
  const lines = md.split('\n');
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(`    ${line}`);
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line)) {
      const rows: string[][] = [];
      for (; i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i]); i++) {
        const cells = lines[i].trim().slice(1, -1).split('|').map((c) => stripInline(c.trim()));
        if (!cells.every((c) => /^:?-+:?$/.test(c))) rows.push(cells);
      }
      i--;
      const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
      for (const r of rows) out.push(r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd());
      continue;
    }
    out.push(stripInline(line));
  }
  return out.join('\n');
}

/** One line without its inline markup: `code` as written, "\\*" as "*", links as "text (url)". */
function stripInline(line: string): string {
  // Escaped characters and the punctuation inside code spans become private-use stand-ins
  // (restored at the end), so that no markup rule below sees them.
  const standIn = (c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0));
  const isPunct = (c: string) => /^[!-/:-@[-`{-~]$/.test(c);
  let text = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const close = c === '`' ? line.indexOf('`', i + 1) : -1;
    if (c === '\\' && i + 1 < line.length && isPunct(line[i + 1])) {
      text += standIn(line[++i]);
    } else if (close > i) {
      text += [...line.slice(i + 1, close)].map((x) => (isPunct(x) ? standIn(x) : x)).join('');
      i = close;
    } else {
      text += c;
    }
  }
  return text
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[^\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])/g, '$1$2')
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/[\ue000-\ue07f]/g, (x) => String.fromCharCode(x.charCodeAt(0) - 0xe000));
}

/**
 * A snippet (`${1:default}`, `${1|a,b|}`, `$0`, `\\$`) as the plain text it inserts when every
 * placeholder keeps its default: the first choice, the placeholder's text, nothing for a tab stop.
 */
export function snippetToPlain(snippet: string): string {
  let i = 0;
  const parse = (inside: boolean): string => {
    let out = '';
    while (i < snippet.length) {
      const c = snippet[i];
      if (c === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) {
        out += snippet[i + 1];
        i += 2;
      } else if (inside && c === '}') {
        return out;
      } else if (c === '$') {
        const simple = /^\$(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(snippet.slice(i));
        if (simple) {
          i += simple[0].length;
          continue;
        }
        const head = /^\$\{(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(snippet.slice(i));
        if (!head) {
          out += c;
          i++;
          continue;
        }
        i += head[0].length;
        if (snippet[i] === ':') {
          i++;
          out += parse(true);
          i++; // the closing }
        } else if (snippet[i] === '|') {
          const end = snippet.indexOf('|}', i + 1);
          const choices = snippet.slice(i + 1, end < 0 ? snippet.length : end);
          out += (choices.split(/(?<!\\),/)[0] ?? '').replace(/\\([,|\\$}])/g, '$1');
          i = end < 0 ? snippet.length : end + 2;
        } else {
          // `${1}`, or a transform this server never writes: drop up to the closing brace.
          const end = snippet.indexOf('}', i);
          i = end < 0 ? snippet.length : end + 1;
        }
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  return parse(false);
}

const COMPLETION_KIND = { key: CompletionItemKind.Property, value: CompletionItemKind.EnumMember, reference: CompletionItemKind.Reference, snippet: CompletionItemKind.Snippet } as const;

/** What the client declared it renders and applies (textDocument.completion.completionItem). */
export interface CompletionSupport {
  /** Documentation as Markdown (`documentationFormat` includes markdown). */
  readonly markdown: boolean;
  /** Snippet syntax in insert texts (`snippetSupport: true`). */
  readonly snippets: boolean;
}

export function completionToLsp(item: CompletionModel, lines: LineIndex, support: CompletionSupport): CompletionItem {
  const snippet = item.isSnippet && support.snippets;
  const newText = item.isSnippet && !snippet ? snippetToPlain(item.insertText) : item.insertText;
  return {
    label: item.label,
    kind: COMPLETION_KIND[item.kind],
    detail: item.detail,
    documentation: item.documentation
      ? support.markdown
        ? { kind: MarkupKind.Markdown, value: item.documentation }
        : { kind: MarkupKind.PlainText, value: stripMarkdown(item.documentation) }
      : undefined,
    sortText: item.sortText,
    filterText: item.filterText ?? item.label,
    textEdit: { range: spanToRange(lines, item.replace), newText },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
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
