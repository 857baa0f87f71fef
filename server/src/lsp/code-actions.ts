/**
 * Code actions: the quick fixes of the findings a diagnostic stands for (matched by rule id and
 * range, never by message text), "Disable <id> for this line", "Show documentation for <id>",
 * and `source.fixAll.crmsync`. Edits are versioned so stale fixes are rejected. A fix is marked
 * preferred only when the analysis of the fixed text confirms it is safe (fix-safety.ts).
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { confirmPreferred, type Analysis, type Analyzer, type Finding } from '../analysis';
import { fixAll, minimalEdit } from '../ide';
import { OPEN_RULE_DOCS_COMMAND, type RuleDocs } from './rule-docs';
import { editToLsp, spanToRange } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.crmsync`;

export interface ActionContext {
  readonly uri: string;
  readonly version: number;
  readonly analysis: Analysis;
  readonly analyzer: Analyzer;
  /** The client applies snippet edits (the disable comment then leaves the cursor at the reason). */
  readonly snippetEdits: boolean;
  /** How the client opens a rule's documentation: its own command, else the server's. */
  readonly docs?: RuleDocs;
}

const sameRange = (a: Diagnostic['range'], b: Diagnostic['range']) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

function findingsFor(ctx: ActionContext, d: Diagnostic): Finding[] {
  if (d.source !== 'crmsync') return [];
  const lines = ctx.analysis.lines;
  return ctx.analysis.findings.filter((f) => f.ruleId === d.code && sameRange(spanToRange(lines, f.span), d.range));
}

function versioned(ctx: ActionContext, edits: TextEdit[]) {
  return { documentChanges: [{ textDocument: { uri: ctx.uri, version: ctx.version }, edits }] };
}

function disableForLine(ctx: ActionContext, f: Finding, d: Diagnostic): CodeAction {
  const lines = ctx.analysis.lines;
  const text = ctx.analysis.text;
  const line = lines.position(f.span.start).line;
  const start = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(start, lines.lineEnd(line)))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const comment = `${indent}# crmsync-disable-next-line ${f.ruleId} -- `;
  const position = { line, character: 0 };
  const edit = ctx.snippetEdits
    ? { range: { start: position, end: position }, snippet: { kind: 'snippet' as const, value: `${comment.replace(/\$/g, '\\$')}\${1:reason}${eol}` } }
    : { range: { start: position, end: position }, newText: `${comment}${eol}` };
  return {
    title: `Disable ${f.ruleId} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: versioned(ctx, [edit as TextEdit]),
  };
}

/** The actions for a codeAction request. */
export function codeActions(ctx: ActionContext, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const out: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const lines = ctx.analysis.lines;
    for (const d of params.context.diagnostics) {
      for (const found of findingsFor(ctx, d)) {
        // A designated preferred fix is confirmed on a copy of the document before it is marked.
        const f = confirmPreferred(ctx.analyzer, ctx.analysis, found);
        for (const fix of f.fixes) {
          out.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            isPreferred: fix.isPreferred === true,
            edit: versioned(
              ctx,
              fix.edits.map((e) => editToLsp(e, lines)),
            ),
          });
        }
        out.push(disableForLine(ctx, f, d));
        out.push({
          title: `Show documentation for ${f.ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          command: { title: `Show documentation for ${f.ruleId}`, command: ctx.docs?.command ?? OPEN_RULE_DOCS_COMMAND, arguments: [f.ruleId] },
        });
      }
    }
  }
  if (only && wants(FIX_ALL_KIND) && only.some((o) => FIX_ALL_KIND.startsWith(o) && o.startsWith(CodeActionKind.Source))) {
    const result = fixAll(ctx.analyzer, ctx.analysis.text);
    const edit = minimalEdit(ctx.analysis.text, result.text);
    if (edit) out.push({ title: 'Fix all crmsync problems that have a preferred fix', kind: FIX_ALL_KIND, edit: versioned(ctx, [editToLsp(edit, ctx.analysis.lines)]) });
  }
  return out;
}
