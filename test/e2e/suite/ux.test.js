/* global describe, it, after */
// "CRM Sync: New Plan…" writes a valid plan for every supported topology, and the snippets
// insert schema-valid profiles and mailboxes at the cursor, as a user would.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { withPublishedDiagnostics, summarize, codeOf, waitFor, extensionUnderTest, closeAllEditors, LANGUAGE_ID } = require('../helpers');

// Template ids of client/src/templates.ts (rows M1, M3–M8 of the support matrix).
const TEMPLATES = ['online-exchange-online', 'online-exchange-server', 'online-pop3', 'online-imap', 'onprem-exchange-server', 'onprem-exchange-online', 'onprem-pop3'];

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

  for (const id of TEMPLATES) {
    it(`template ${id} opens as an untitled crmsync plan without errors or warnings`, async () => {
      const { doc, diagnostics } = await newPlan(id);
      assert.equal(doc.languageId, LANGUAGE_ID);
      assert.deepEqual(summarize(serious(diagnostics)), [], `${id}: ${diagnostics.map((d) => `${codeOf(d)}: ${d.message}`).join('; ')}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});

describe('snippets', () => {
  after(closeAllEditors);

  // Where each snippet is tried: a template with a matching deployment and mail system, and the
  // section the snippet belongs in.
  const CASES = [
    ['Server profile: Exchange Online', 'online-exchange-online', 'serverProfiles'],
    ['Server profile: Exchange Server (Hybrid)', 'online-exchange-server', 'serverProfiles'],
    ['Server profile: Exchange Server', 'onprem-exchange-server', 'serverProfiles'],
    ['Server profile: Exchange Online (Hybrid)', 'onprem-exchange-online', 'serverProfiles'],
    ['Server profile: POP3/SMTP', 'online-pop3', 'serverProfiles'],
    ['Server profile: IMAP/SMTP', 'online-imap', 'serverProfiles'],
    ['Mailbox: user', 'online-exchange-online', 'mailboxes'],
    ['Mailbox: queue', 'online-exchange-online', 'mailboxes'],
    ['Mailbox: forward', 'onprem-exchange-server', 'mailboxes'],
  ];

  let snippets;
  const load = async () => {
    if (snippets) return snippets;
    const ext = await extensionUnderTest();
    const contributed = ext.packageJSON.contributes.snippets;
    assert.deepEqual(contributed.map((s) => s.language), [LANGUAGE_ID]);
    const file = vscode.Uri.joinPath(ext.extensionUri, contributed[0].path);
    snippets = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
    return snippets;
  };

  it('every snippet is tried below', async () => {
    assert.deepEqual(Object.keys(await load()).sort(), CASES.map((c) => c[0]).sort());
  });

  it('completion offers the snippets by prefix', async () => {
    const { doc } = await newPlan('online-exchange-online');
    const line = doc.getText().split('\n').indexOf('mailboxes:');
    const editor = vscode.window.activeTextEditor;
    await editor.edit((b) => b.insert(new vscode.Position(line + 1, 0), '  mailbox-\n'));
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line + 1, 10));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const p of ['mailbox-user', 'mailbox-queue', 'mailbox-forward']) assert.ok(labels.includes(p), `no completion ${p} in ${JSON.stringify(labels.slice(0, 40))}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  for (const [name, template, section] of CASES) {
    it(`"${name}" inserted into ${section} of ${template} adds no error or schema finding`, async () => {
      const body = (await load())[name].body;
      assert.ok(body, `no snippet named ${name}`);
      const { doc } = await newPlan(template);
      const editor = vscode.window.activeTextEditor;
      const line = doc.getText().split('\n').indexOf(`${section}:`);
      assert.ok(line >= 0, `${template} has no ${section}:`);
      // A fresh indented line under the section, as when the user starts typing an entry.
      await editor.edit((b) => b.insert(new vscode.Position(line + 1, 0), '  \n'));
      // Rename the first placeholder's default id so it cannot clash with the template's ids.
      const text = body.join('\n').replace(/^\$\{1:[^}]*\}/, 'e2e-snippet');
      const { diagnostics } = await withPublishedDiagnostics(async () => {
        assert.ok(await editor.insertSnippet(new vscode.SnippetString(text), new vscode.Position(line + 1, 2)), 'insertSnippet failed');
        return doc;
      });
      const bad = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error || codeOf(d).startsWith('schema/'));
      assert.deepEqual(bad.map((d) => `${d.range.start.line + 1} ${codeOf(d)}: ${d.message}`), [], `after inserting "${name}":\n${doc.getText()}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
