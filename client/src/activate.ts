/**
 * What the desktop and the web extension share: the commands (the plan overview among them), the
 * status bar, the client options (with the slow-round-trip log) and starting the client. Each
 * entry only says how the language server runs: a Node process (`extension.ts`) or a Web Worker (`web-extension.ts`).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { newPlan } from './new-plan';
import { registerStatusBar, type PlanSummary } from './status-bar';
import { SHOW_RULE_DOCS_COMMAND, showRuleDocs } from './rule-docs';
import { registerWalkthroughCommands } from './walkthrough';
import { registerPlanOverview } from './overview';
import { registerShowReferences } from './references';
import { registerDataverseCompare, registerDataverseExport, registerDataverseImport } from './dataverse';

/** Diagnostics that arrive later than this after an open or an edit are logged with their timing. */
const SLOW_DIAGNOSTICS_MS = 1000;

export async function activateWith(
  context: vscode.ExtensionContext,
  where: string,
  makeClient: (options: LanguageClientOptions) => BaseLanguageClient,
): Promise<BaseLanguageClient> {
  const output = vscode.window.createOutputChannel('CRM Sync', { log: true });
  context.subscriptions.push(output);

  context.subscriptions.push(vscode.commands.registerCommand('crmsync.newPlan', newPlan));
  // The buttons of the first-run walkthrough (contributes.walkthroughs) that need a command of ours.
  registerWalkthroughCommands(context);
  // "Show documentation for <rule>" and the rule links of diagnostics and hovers: the rule's
  // section of the docs/rules.md shipped in the extension, in the Markdown preview (offline).
  context.subscriptions.push(vscode.commands.registerCommand(SHOW_RULE_DOCS_COMMAND, (ruleId: unknown) => showRuleDocs(context.extensionUri, ruleId)));

  const logSettings = (why: string) => {
    const rules = vscode.workspace.getConfiguration('crmsync').get<Record<string, string>>('rules') ?? {};
    const days = vscode.workspace.getConfiguration('crmsync').get<number>('processEmailFromMaxAgeDays');
    output.info(`settings (${why}): crmsync.rules=${JSON.stringify(rules)} crmsync.processEmailFromMaxAgeDays=${days}`);
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('crmsync')) logSettings('changed');
    }),
  );

  // When each document was last sent to the server, to log slow round trips.
  const sentAt = new Map<string, number>();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'crmsync' }],
    outputChannel: output,
    // The server links rule ids to this command (a `command:` URI), trusted in its hovers.
    initializationOptions: { ruleDocs: { command: SHOW_RULE_DOCS_COMMAND } },
    markdown: { isTrusted: { enabledCommands: [SHOW_RULE_DOCS_COMMAND] } },
    synchronize: { configurationSection: 'crmsync' },
    middleware: {
      didOpen: (doc, next) => {
        sentAt.set(doc.uri.toString(), Date.now());
        return next(doc);
      },
      didChange: (e, next) => {
        sentAt.set(e.document.uri.toString(), Date.now());
        return next(e);
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        const sent = sentAt.get(uri.toString());
        if (sent !== undefined) {
          sentAt.delete(uri.toString());
          const ms = Date.now() - sent;
          if (ms > SLOW_DIAGNOSTICS_MS) output.warn(`slow analysis: ${diagnostics.length} diagnostics for ${uri.toString()} arrived ${ms} ms after the edit`);
        }
        next(uri, diagnostics);
      },
    },
  };
  const started = Date.now();
  const client = makeClient(clientOptions);
  // Shown from the start (and if the server fails to start); the words come once it answers.
  registerStatusBar(context, (uri) =>
    client.isRunning()
      ? client.sendRequest<PlanSummary | null>('crmsync/planSummary', { textDocument: { uri } })
      : Promise.reject(new Error('the language server is not running')),
  );
  // "Show Plan Overview" (the webview beside the plan) and the code lenses' "used by …" references.
  registerPlanOverview(context, client);
  registerShowReferences(context, client);
  // "Import from Dataverse Export…": the files the user picks, imported by the server.
  registerDataverseImport(context, client, output);
  registerDataverseCompare(context, client, output);
  registerDataverseExport(context, client, output);
  await client.start();
  output.info(`language server started in ${Date.now() - started} ms (${where})`);
  logSettings('at start');
  return client;
}
