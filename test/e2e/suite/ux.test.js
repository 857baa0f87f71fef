/* global describe, it, after */
// "CRM Sync: New Plan…" writes a valid plan for every supported topology, and the snippets
// insert schema-valid profiles and mailboxes at the cursor, as a user would.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { withPublishedDiagnostics, summarize, codeOf, waitFor, extensionUnderTest, closeAllEditors, LANGUAGE_ID } = require('../helpers');

// Template ids of client/src/templates.ts, each with the errors and warnings it has by design
// ("<severity> <rule-id>"; keys starting with `//` are comments): the Azure AD OAuth
// cross-tenant template has its "limited support" warning, every other one none.
// test/analysis/templates.test.ts checks the list against the templates.
const TEMPLATES = Object.fromEntries(Object.entries(require('../../fixtures/template-cases.json')).filter(([k]) => !k.startsWith('//')));

const serious = (diagnostics) =>
  diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);

/** Runs the New Plan command for a template and waits for the new document's diagnostics. */
async function newPlan(id) {
  return withPublishedDiagnostics(async () => {
    await vscode.commands.executeCommand('crmsync.newPlan', id);
    const doc = await waitFor(`the untitled plan for ${id}`, () => {
      const d = vscode.window.activeTextEditor && vscode.window.activeTextEditor.document;
      return d && d.isUntitled && d.languageId === LANGUAGE_ID && d.getText().includes('version: 1') ? d : undefined;
    });
    return doc;
  });
}

describe('new plan', () => {
  after(closeAllEditors);

  for (const [id, expected] of Object.entries(TEMPLATES)) {
    it(`template ${id} opens as an untitled crmsync plan without errors or warnings${expected.length ? ` but ${expected.join(', ')}` : ''}`, async () => {
      const { doc, diagnostics } = await newPlan(id);
      assert.equal(doc.languageId, LANGUAGE_ID);
      const found = summarize(serious(diagnostics)).map((s) => s.replace(/^\d+ /, '')).sort();
      assert.deepEqual(found, [...expected].sort(), `${id}: ${diagnostics.map((d) => `${codeOf(d)}: ${d.message}`).join('; ')}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});

describe('snippets', () => {
  after(closeAllEditors);

  // The record snippets come from the language server's completion (the extension contributes
  // no static snippets, so each is listed once). Where each is tried: a template with a matching
  // deployment and mail system, and the section the snippet belongs in (the cases the core test
  // test/analysis/complete.test.ts tries too).
  const CASES = require('../../fixtures/snippet-cases.json');

  const labelOf = (i) => (typeof i.label === 'string' ? i.label : i.label.label);

  /** Opens a template with `typed` on a fresh line under `section`; the completion list there. */
  async function completionUnder(template, section, typed) {
    const { doc } = await newPlan(template);
    const editor = vscode.window.activeTextEditor;
    const line = doc.getText().split('\n').indexOf(`${section}:`);
    assert.ok(line >= 0, `${template} has no ${section}:`);
    await editor.edit((b) => b.insert(new vscode.Position(line + 1, 0), `  ${typed}\n`));
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line + 1, 2 + typed.length));
    return { doc, editor, line, items: list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet) };
  }

  it('the extension contributes no static snippets; the server offers each record snippet once', async () => {
    const ext = await extensionUnderTest();
    assert.equal(ext.packageJSON.contributes.snippets, undefined);
    for (const section of ['serverProfiles', 'mailboxes']) {
      const { items } = await completionUnder('online-exchange-online', section, '');
      const labels = items.map(labelOf);
      assert.deepEqual(labels.slice().sort(), CASES.filter((c) => c[2] === section).map((c) => c[0]).sort(), section);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('completion finds the snippets by prefix', async () => {
    const { items } = await completionUnder('online-exchange-online', 'mailboxes', 'mailbox-');
    for (const p of ['mailbox-user', 'mailbox-queue', 'mailbox-forward']) {
      assert.ok(items.some((i) => (i.filterText || '').startsWith(`${p} `)), `no snippet found by ${p} in ${JSON.stringify(items.map(labelOf))}`);
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  for (const [name, template, section] of CASES) {
    it(`"${name}" inserted into ${section} of ${template} adds no error or schema finding`, async () => {
      const { doc, editor, line, items } = await completionUnder(template, section, '');
      const item = items.find((i) => labelOf(i) === name);
      assert.ok(item, `no snippet named ${name}`);
      const body = item.insertText instanceof vscode.SnippetString ? item.insertText.value : String(item.insertText);
      // Rename the first placeholder's default id so it cannot clash with the template's ids.
      const text = body.replace(/^\$\{1:[^}]*\}/, 'e2e-snippet');
      const { diagnostics } = await withPublishedDiagnostics(async () => {
        assert.ok(await editor.insertSnippet(new vscode.SnippetString(text), new vscode.Range(line + 1, 2, line + 1, 2), { keepWhitespace: true }), 'insertSnippet failed');
        return doc;
      });
      const bad = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error || codeOf(d).startsWith('schema/'));
      assert.deepEqual(bad.map((d) => `${d.range.start.line + 1} ${codeOf(d)}: ${d.message}`), [], `after inserting "${name}":\n${doc.getText()}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
