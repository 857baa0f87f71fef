/**
 * The VS Code client: starts the crmsync language server for `crmsync` documents and gives it
 * an output channel, plus thin UI: the "New Plan…" command and the status bar item. All
 * checking is done by the server; the client knows nothing of plans (the status bar asks the
 * server for its words).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { newPlan } from './new-plan';
import { registerStatusBar, type PlanSummary } from './status-bar';

let client: LanguageClient | undefined;

/** Diagnostics that arrive later than this after an open or an edit are logged with their timing. */
const SLOW_DIAGNOSTICS_MS = 1000;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('CRM Sync', { log: true });
  context.subscriptions.push(output);

  context.subscriptions.push(vscode.commands.registerCommand('crmsync.newPlan', newPlan));
  // The server's "Show documentation for <rule>" code action: open the rule's docs section.
  context.subscriptions.push(
    vscode.commands.registerCommand('crmsync.showRuleDocumentation', (url: unknown) => {
      if (typeof url === 'string' && /^https:\/\//.test(url)) void vscode.env.openExternal(vscode.Uri.parse(url));
    }),
  );

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
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'crmsync' }],
    outputChannel: output,
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
  const languageClient = new LanguageClient('crmsync', 'CRM Sync', serverOptions, clientOptions);
  client = languageClient;
  // Shown from the start (and if the server fails to start); the words come once it answers.
  registerStatusBar(context, (uri) =>
    languageClient.isRunning()
      ? languageClient.sendRequest<PlanSummary | null>('crmsync/planSummary', { textDocument: { uri } })
      : Promise.reject(new Error('the language server is not running')),
  );
  await languageClient.start();
  output.info(`language server started in ${Date.now() - started} ms (${serverModule})`);
  logSettings('at start');
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
