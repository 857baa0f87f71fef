/**
 * The commands behind two buttons of the first-run walkthrough (package.json
 * `contributes.walkthroughs`, media in docs/walkthrough/) where no built-in command does the
 * job from the Welcome page, which is the active editor when a button is clicked:
 *  - crmsync.walkthrough.hoverAuthentication: the hover of an `authenticateUsing` value of the
 *    plan beside the walkthrough (the one with a finding first), as if the pointer rested there;
 *  - crmsync.walkthrough.fixAll: Fix All on that plan (its `source.fixAll` code actions), which
 *    the Welcome page hides from the editor command;
 *  - crmsync.walkthrough.showUseInCi: the README shipped in the extension at "Use in CI", in
 *    the Markdown preview (offline, like the rule docs).
 * Each step's completion event is the command's `onCommand:` event.
 */
import * as vscode from 'vscode';

const HOVER_AUTHENTICATION_COMMAND = 'crmsync.walkthrough.hoverAuthentication';
const SHOW_USE_IN_CI_COMMAND = 'crmsync.walkthrough.showUseInCi';
const FIX_ALL_COMMAND = 'crmsync.walkthrough.fixAll';

/** `authenticateUsing: <value>`: the group is the value. */
const AUTH_LINE = /^(\s*(?:-\s+)?authenticateUsing:\s*)([^\s#]+)/;

/**
 * The plan the walkthrough talks about: the active plan editor, else a visible one, else an open
 * plan document (behind the walkthrough), shown beside it.
 */
async function planEditor(): Promise<vscode.TextEditor | undefined> {
  const isPlan = (e: vscode.TextEditor | undefined) => e !== undefined && e.document.languageId === 'crmsync';
  const active = vscode.window.activeTextEditor;
  const visible = isPlan(active) ? active : vscode.window.visibleTextEditors.find(isPlan);
  if (visible) return visible;
  const doc = vscode.workspace.textDocuments.find((d) => d.languageId === 'crmsync' && !d.isClosed);
  return doc ? vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside }) : undefined;
}

/**
 * Puts the cursor on an `authenticateUsing` value of the plan (the first with a diagnostic, else
 * the first) and shows the editor hover there. Resolves to that position, or `undefined` when no
 * plan is open or it has no `authenticateUsing` (the user is told what to do).
 */
async function hoverAuthentication(): Promise<vscode.Position | undefined> {
  const editor = await planEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('CRM Sync: open a plan first ("CRM Sync: New Plan…"), then try again.');
    return undefined;
  }
  const doc = editor.document;
  const values: vscode.Range[] = [];
  for (let line = 0; line < doc.lineCount; line++) {
    const m = AUTH_LINE.exec(doc.lineAt(line).text);
    if (m) values.push(new vscode.Range(line, m[1].length, line, m[1].length + m[2].length));
  }
  if (!values.length) {
    void vscode.window.showInformationMessage('CRM Sync: this plan has no authenticateUsing value to hover.');
    return undefined;
  }
  const diagnostics = vscode.languages.getDiagnostics(doc.uri);
  const target = values.find((r) => diagnostics.some((d) => d.range.intersection(r) !== undefined)) ?? values[0];
  // Inside the word, not at its end, so the hover is the value's.
  const at = target.start.translate(0, Math.min(1, target.end.character - target.start.character));
  const shown = await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, selection: new vscode.Range(at, at), preserveFocus: false });
  shown.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('editor.action.showHover');
  return at;
}

/**
 * Focuses the plan beside the walkthrough and applies its Fix All: the `source.fixAll` code
 * actions the language server offers for the whole document, asked for and applied here rather
 * than through `editor.action.fixAll`, which acts on whichever editor has the keyboard focus and
 * so does nothing while focus is still on its way from the Welcome page. Resolves to its URI.
 */
async function fixAll(): Promise<vscode.Uri | undefined> {
  const editor = await planEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('CRM Sync: open a plan first ("CRM Sync: New Plan…"), then try again.');
    return undefined;
  }
  const doc = editor.document;
  await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false });
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, whole, vscode.CodeActionKind.SourceFixAll.value)) ?? [];
  const fixes = actions.filter((a): a is vscode.CodeAction => 'kind' in a && a.kind !== undefined && vscode.CodeActionKind.SourceFixAll.contains(a.kind));
  if (!fixes.length) {
    void vscode.window.showInformationMessage('CRM Sync: nothing in this plan has a fix to apply.');
    return doc.uri;
  }
  for (const fix of fixes) {
    if (fix.edit) await vscode.workspace.applyEdit(fix.edit);
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
  }
  return doc.uri;
}

/**
 * The README shipped in the extension: `README.md` in a development folder, `readme.md` in an
 * installed .vsix (vsce stores it lower-cased).
 */
async function readme(extensionUri: vscode.Uri): Promise<vscode.Uri> {
  for (const name of ['README.md', 'readme.md']) {
    const uri = vscode.Uri.joinPath(extensionUri, name);
    const found = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (found) return uri;
  }
  return vscode.Uri.joinPath(extensionUri, 'README.md');
}

/** Opens the shipped README at its "Use in CI" section in the Markdown preview. */
async function showUseInCi(extensionUri: vscode.Uri): Promise<vscode.Uri> {
  const target = (await readme(extensionUri)).with({ fragment: 'use-in-ci' });
  await vscode.commands.executeCommand('markdown.showPreview', target);
  return target;
}

export function registerWalkthroughCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(HOVER_AUTHENTICATION_COMMAND, hoverAuthentication),
    vscode.commands.registerCommand(FIX_ALL_COMMAND, fixAll),
    vscode.commands.registerCommand(SHOW_USE_IN_CI_COMMAND, () => showUseInCi(context.extensionUri)),
  );
}
