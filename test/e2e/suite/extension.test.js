/* global describe, it */
// The extension under test is the one the launcher meant: the dev folder, the installed .vsix,
// or the negative-control copy (CRMSYNC_E2E_EXTENSION_ROOT says which folder it must come from).
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');
const { extensionUnderTest, waitFor, LANGUAGE_ID } = require('../helpers');

describe('extension', () => {
  it('activates from the expected location', async () => {
    const ext = await extensionUnderTest();
    const where = ext.extensionUri.fsPath;
    console.log(`[crmsync e2e] vscode ${vscode.version} (${vscode.env.appName}, ui ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}); extension ${ext.packageJSON.version} from ${where}`);
    assert.equal(ext.isActive, true);
    const expected = process.env.CRMSYNC_E2E_EXTENSION_ROOT;
    if (expected) {
      const rel = path.relative(path.resolve(expected), path.resolve(where));
      assert.ok(!rel.startsWith('..') && !path.isAbsolute(rel), `extension loaded from ${where}, expected under ${expected}`);
    }
  });

  it('contributes the crmsync language, the New Plan command and the rule-docs command of code actions', async () => {
    assert.ok((await vscode.languages.getLanguages()).includes(LANGUAGE_ID));
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('crmsync.newPlan'));
    assert.ok(commands.includes('crmsync.showRuleDocs'), 'the command behind "Show documentation for <id>"');
  });

  it('"Show documentation" opens the rule docs shipped in the extension in the Markdown preview, at the rule', async () => {
    const target = await vscode.commands.executeCommand('crmsync.showRuleDocs', 'schema/enum');
    assert.equal(target.fragment, 'schemaenum');
    assert.equal(target.scheme, 'file');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target.with({ fragment: '' })));
    assert.match(text, /^#+ `?schema\/enum`?\s*$/m, 'the anchor is a heading of the shipped docs/rules.md');
    await waitFor('the Markdown preview of docs/rules.md', () => {
      const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /rules\.md/.test(t.label) && /preview/i.test(t.label));
      return tab;
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
