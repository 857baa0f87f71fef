/**
 * The VS Code client: starts the crmsync language server for `crmsync` documents and gives it
 * an output channel. Nothing heavy happens here; all checking is done by the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('CRM Sync', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'crmsync' }],
    outputChannel: output,
    synchronize: { configurationSection: 'crmsync' },
  };
  client = new LanguageClient('crmsync', 'CRM Sync', serverOptions, clientOptions);
  await client.start();
  output.info(`crmsync: language server started (${serverModule})`);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
