/**
 * `crmsync.showReferences`: the command of the server's code lenses on profiles and mail systems
 * ("used by N mailboxes …"). The server can only put LSP JSON in a command's arguments —
 * `[uri, position, locations]` — while VS Code's `editor.action.showReferences` wants its own
 * Uri, Position and Location objects: this converts them (the language client's converter) and
 * opens the references peek at the lens.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

const SHOW_REFERENCES_COMMAND = 'crmsync.showReferences';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isPosition = (v: unknown): v is { line: number; character: number } =>
  isRecord(v) && Number.isSafeInteger(v.line) && Number.isSafeInteger(v.character) && (v.line as number) >= 0 && (v.character as number) >= 0;
const isLocation = (v: unknown): v is { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } } =>
  isRecord(v) && typeof v.uri === 'string' && isRecord(v.range) && isPosition(v.range.start) && isPosition(v.range.end);

export function registerShowReferences(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_REFERENCES_COMMAND, async (uri: unknown, position: unknown, locations: unknown) => {
      // Run from anywhere but a lens (a keybinding, another extension): nothing to show.
      if (typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations) || !locations.every(isLocation)) return;
      const c = client.protocol2CodeConverter;
      await vscode.commands.executeCommand('editor.action.showReferences', c.asUri(uri), c.asPosition(position), locations.map((l) => c.asLocation(l)));
    }),
  );
}
