/**
 * `crmsync.showReferences`: the command of the server's code lenses on profiles and mail systems
 * ("used by N mailboxes …"), with `[uri, position]` (the lens's start). It asks the server for
 * the places that use the record (`crmsync/lensReferences`, LSP locations: a default profile's
 * can be thousands, so they are fetched on a click, not sent with every lens), converts them
 * with the language client's converter into VS Code's Uri, Position and Location objects, and
 * opens the references peek at the lens.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

const SHOW_REFERENCES_COMMAND = 'crmsync.showReferences';
const LENS_REFERENCES_REQUEST = 'crmsync/lensReferences';

type LspPosition = { line: number; character: number };
type LspLocation = { uri: string; range: { start: LspPosition; end: LspPosition } };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isPosition = (v: unknown): v is LspPosition =>
  isRecord(v) && Number.isSafeInteger(v.line) && Number.isSafeInteger(v.character) && (v.line as number) >= 0 && (v.character as number) >= 0;
const isLocation = (v: unknown): v is LspLocation => isRecord(v) && typeof v.uri === 'string' && isRecord(v.range) && isPosition(v.range.start) && isPosition(v.range.end);

export function registerShowReferences(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_REFERENCES_COMMAND, async (uri: unknown, position: unknown) => {
      // Run from anywhere but a lens (a keybinding, another extension): nothing to show.
      if (typeof uri !== 'string' || !isPosition(position)) return;
      const answer: unknown = await client.sendRequest(LENS_REFERENCES_REQUEST, { textDocument: { uri }, position });
      const locations = Array.isArray(answer) ? answer.filter(isLocation) : [];
      const c = client.protocol2CodeConverter;
      await vscode.commands.executeCommand('editor.action.showReferences', c.asUri(uri), c.asPosition(position), locations.map((l) => c.asLocation(l)));
    }),
  );
}
