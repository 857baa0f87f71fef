/**
 * The web client (vscode.dev, github.dev): runs the crmsync language server
 * (`dist/web/server.js`) in a Web Worker. Everything else is shared with the desktop client
 * (`activate.ts`). No file system is needed: the server gets the documents from the editor.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith } from './activate';

/** The Web Worker constructor of the extension host (the client's lib has no DOM types). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[2];

let client: BaseLanguageClient | undefined;

/**
 * Where the worker is started from. On vscode.dev and github.dev the extension is served over
 * https and the bundle's URL works as is. When the extension is installed on a remote server
 * (code-server, Codespaces), its URI is `vscode-remote:` and the web worker extension host
 * refuses such workers ("Creating workers from remote extensions is currently not supported"),
 * so the bundle is read through the file system API and started from a blob URL.
 */
async function workerUrl(serverMain: vscode.Uri): Promise<string> {
  if (serverMain.scheme !== 'vscode-remote') return serverMain.toString(true);
  const code = await vscode.workspace.fs.readFile(serverMain);
  return URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  const url = await workerUrl(serverMain);
  client = await activateWith(context, serverMain.toString(true), (options) => new LanguageClient('crmsync', 'CRM Sync', new Worker(url), options));
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
