/**
 * The status bar item for the active plan: its topology in words and its error count.
 * Clicking it opens the Problems view.
 */
import * as vscode from 'vscode';
import { describeTopology } from './topology';

const LANGUAGE_ID = 'crmsync';
/** Re-reading the topology waits for a pause in typing; the error count is updated at once. */
const REPARSE_DELAY_MS = 300;

export function registerStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('crmsync.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'CRM Sync Plan';
  item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
  context.subscriptions.push(item);

  let topology: { uri: string; version: number; summary: string; profiles: readonly string[] } | undefined;
  let timer: NodeJS.Timeout | undefined;

  const activePlan = (): vscode.TextDocument | undefined => {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && doc.languageId === LANGUAGE_ID ? doc : undefined;
  };

  const update = () => {
    const doc = activePlan();
    if (!doc) {
      item.hide();
      return;
    }
    const key = doc.uri.toString();
    if (!topology || topology.uri !== key || topology.version !== doc.version) {
      const t = describeTopology(doc.getText());
      topology = { uri: key, version: doc.version, summary: t?.summary ?? 'CRM Sync plan', profiles: t?.profiles ?? [] };
    }
    const diagnostics = vscode.languages.getDiagnostics(doc.uri);
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    const count = `${errors} error${errors === 1 ? '' : 's'}`;
    item.text = `$(mail) ${topology.summary}  $(${errors > 0 ? 'error' : 'check'}) ${errors}`;
    item.accessibilityInformation = { label: `${topology.summary}, ${count}` };
    const tooltip = new vscode.MarkdownString(`**CRM Sync plan**: ${topology.summary}\n\n`);
    for (const p of topology.profiles) tooltip.appendMarkdown(`- ${p}\n`);
    tooltip.appendMarkdown(`\n${count}, ${warnings} warning${warnings === 1 ? '' : 's'}. Click to open the Problems view.`);
    item.tooltip = tooltip;
    item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const doc = activePlan();
      if (doc && e.uris.some((u) => u.toString() === doc.uri.toString())) update();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== activePlan()) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(update, REPARSE_DELAY_MS);
    }),
    vscode.workspace.onDidCloseTextDocument(() => update()),
    { dispose: () => timer && clearTimeout(timer) },
  );
  update();
}
