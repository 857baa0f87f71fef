/**
 * The desktop VS Code client: runs the crmsync language server (`dist/server.js`) as a Node
 * process over IPC. Everything else is shared with the web extension (`activate.ts`). All
 * checking is done by the server; the client knows nothing of plans.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith } from './activate';
import { registerTasks } from './tasks';

let client: BaseLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  registerTasks(context, context.asAbsolutePath(path.join('dist', 'cli.js')));
  client = await activateWith(context, serverModule, (options) => new LanguageClient('crmsync', 'CRM Sync', serverOptions, options));
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
