/**
 * The status bar item for the active plan: its topology in words and its error count.
 * Clicking it opens the Problems view. The words come from the server (`crmsync/planSummary`,
 * answered from the analysis it already has); the client never reads the plan itself.
 */
import * as vscode from 'vscode';

const LANGUAGE_ID = 'crmsync';
/** Shown until the server has answered, and when the text is no plan yet. */
const NO_SUMMARY: PlanSummary = { summary: 'CRM Sync plan', profiles: [] };

/** What the server answers to `crmsync/planSummary`. */
export interface PlanSummary {
  readonly summary: string;
  readonly profiles: readonly string[];
}

/** Asks the server for the summary of a document's current version (null: none yet). */
export type SummaryOf = (uri: string) => Promise<PlanSummary | null>;

export function registerStatusBar(context: vscode.ExtensionContext, summaryOf: SummaryOf): void {
  const item = vscode.window.createStatusBarItem('crmsync.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'CRM Sync Plan';
  item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
  context.subscriptions.push(item);

  /** The last summary received for each document (dropped when it closes). */
  const shown = new Map<string, PlanSummary>();
  /** Counts requests, so that a late answer never overwrites a newer one. */
  let asked = 0;

  const activePlan = (): vscode.TextDocument | undefined => {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && doc.languageId === LANGUAGE_ID ? doc : undefined;
  };

  const render = (doc: vscode.TextDocument) => {
    const topology = shown.get(doc.uri.toString()) ?? NO_SUMMARY;
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

  /** Shows the counts at once, then the summary of the version the server has analysed. */
  const update = () => {
    const doc = activePlan();
    if (!doc) {
      item.hide();
      return;
    }
    render(doc);
    const uri = doc.uri.toString();
    const ticket = ++asked;
    summaryOf(uri).then(
      (s) => {
        if (ticket !== asked) return;
        shown.set(uri, s ?? NO_SUMMARY);
        const still = activePlan();
        if (still && still.uri.toString() === uri) render(still);
      },
      () => undefined, // the server is starting or stopping: keep what is shown (diagnostics ask again)
    );
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(update),
    // Diagnostics are published after each analysis: the summary is then ready and current.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const doc = activePlan();
      if (doc && e.uris.some((u) => u.toString() === doc.uri.toString())) update();
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      shown.delete(doc.uri.toString());
      update();
    }),
  );
  update();
}
