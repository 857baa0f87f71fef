/**
 * `crmsync.showRuleDocs` (argument: a rule id): opens the docs/rules.md shipped in the extension
 * in the Markdown preview, scrolled to the rule's heading. The server links diagnostics, hovers
 * and "Show documentation" to it; no web page is needed. Without a rule id (Command Palette) the
 * document opens at the top.
 */
import * as vscode from 'vscode';

export const SHOW_RULE_DOCS_COMMAND = 'crmsync.showRuleDocs';

/** The heading anchor GitHub and VS Code's Markdown preview give a heading (`schema/enum` → `schemaenum`). */
const anchor = (heading: string) => heading.trim().toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');

export async function showRuleDocs(extensionUri: vscode.Uri, ruleId: unknown): Promise<vscode.Uri> {
  const doc = vscode.Uri.joinPath(extensionUri, 'docs', 'rules.md');
  const target = typeof ruleId === 'string' && ruleId ? doc.with({ fragment: anchor(ruleId) }) : doc;
  await vscode.commands.executeCommand('markdown.showPreview', target);
  return target;
}
