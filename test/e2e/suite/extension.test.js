/* global describe, it */
// The extension under test is the one the launcher meant: the dev folder, the installed .vsix,
// or the negative-control copy (CRMSYNC_E2E_EXTENSION_ROOT says which folder it must come from).
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');
const { extensionUnderTest, LANGUAGE_ID } = require('../helpers');

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
    assert.ok(commands.includes('crmsync.showRuleDocumentation'), 'the command behind "Show documentation for <id>"');
  });
});
