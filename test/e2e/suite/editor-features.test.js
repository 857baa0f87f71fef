/* global describe, it, after */
// Language features beyond diagnostics: hover, quick fixes, completion and document symbols.
// Loaded only when the launcher sets CRMSYNC_E2E_FEATURES=1 (the bundled server announces
// hoverProvider), see test/e2e/index.js.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { workspaceFolder, examplePlans, openPlan, waitFor, codeOf, summarize, closeAllEditors } = require('../helpers');

const plan = (name) => vscode.Uri.joinPath(workspaceFolder().uri, name);

/** Position of the first occurrence of `needle` in the document, plus `delta` characters. */
function positionOf(doc, needle, delta = 0) {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `'${needle}' is not in ${doc.uri.toString()}`);
  return doc.positionAt(offset + delta);
}

const hoverText = (hovers) =>
  hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');

const SUPPRESSION = /^(disable|suppress|ignore)\b/i;

const labelOf = (item) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('editor features', () => {
  after(closeAllEditors);

  it('hover on an authentication value explains it', async () => {
    const { doc } = await openPlan(plan('online-exchange-online.crmsync.yaml'));
    const pos = positionOf(doc, 'authenticateUsing: serverToServer', 'authenticateUsing: '.length + 3);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos);
    const text = hoverText(hovers);
    assert.match(text, /serverToServer/);
    assert.match(text, /Server to Server Authentication/);
  });

  it('hover on a flagged authentication value explains it too', async () => {
    const { doc } = await openPlan(plan('invalid-onprem-2016-exchange-online.crmsync.yaml'));
    const pos = positionOf(doc, 'authenticateUsing: anonymous', 'authenticateUsing: '.length + 3);
    const text = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos));
    assert.match(text, /anonymous/);
    assert.match(text, /Without Credentials|Anonymous/);
  });

  it('completion offers the valid values of authenticateUsing and of a mailbox kind', async () => {
    const { doc } = await openPlan(plan('online-exchange-online.crmsync.yaml'));
    const auth = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, positionOf(doc, 'authenticateUsing: ', 'authenticateUsing: '.length));
    const authLabels = auth.items.map(labelOf);
    for (const v of ['userOrQueue', 'serverProfile', 'serverToServer', 'windowsIntegrated', 'anonymous']) {
      assert.ok(authLabels.includes(v), `authenticateUsing: no '${v}' in ${JSON.stringify(authLabels)}`);
    }
    const kind = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, positionOf(doc, 'kind: user', 'kind: '.length));
    const kindLabels = kind.items.map(labelOf);
    for (const v of ['user', 'queue', 'forward']) assert.ok(kindLabels.includes(v), `mailbox kind: no '${v}' in ${JSON.stringify(kindLabels)}`);
  });

  it('document symbols list the sections, profiles and mailboxes', async () => {
    const { doc } = await openPlan(plan('online-exchange-online.crmsync.yaml'));
    const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(symbols && symbols.length > 0, 'no document symbols');
    const top = symbols.map((s) => s.name);
    for (const s of ['organization', 'mailSystems', 'systemSettings', 'serverProfiles', 'mailboxes']) assert.ok(top.includes(s), `no symbol ${s} in ${JSON.stringify(top)}`);
    const children = (name) => (symbols.find((s) => s.name === name).children || []).map((c) => c.name);
    assert.ok(children('serverProfiles').includes('exo-default'), JSON.stringify(children('serverProfiles')));
    assert.deepEqual(children('mailboxes'), ['alice', 'ben', 'support']);
  });

  it('a quick fix applied with workspace.applyEdit makes its diagnostic go away', async () => {
    // The first diagnostic, over all invalid examples, with a quick fix that edits the plan;
    // fixes of the problem are preferred to suppression comments ("Disable … for this line").
    const candidates = [];
    for (const uri of (await examplePlans({ all: true })).filter((u) => /\/invalid-[^/]*$/.test(u.path))) {
      const { doc, diagnostics } = await openPlan(uri);
      for (const d of diagnostics) {
        const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
        for (const fix of actions || []) {
          if (fix.edit && (!fix.diagnostics || fix.diagnostics.some((x) => codeOf(x) === codeOf(d)))) candidates.push({ doc, diagnostic: d, fix });
        }
      }
      if (candidates.some((c) => !SUPPRESSION.test(c.fix.title))) break;
    }
    const found = candidates.find((c) => !SUPPRESSION.test(c.fix.title)) || candidates[0];
    assert.ok(found, 'no diagnostic in the invalid examples offers a quick fix');
    const { doc, diagnostic, fix } = found;
    const code = codeOf(diagnostic);
    const count = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === code).length;
    const before = count();
    console.log(`[crmsync e2e] quick fix "${fix.title}" for ${code} at ${doc.uri.path.split('/').pop()}:${diagnostic.range.start.line + 1}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit failed');
    await waitFor(`one ${code} diagnostic fewer after "${fix.title}"`, () => count() < before, {
      describe: () => JSON.stringify(summarize(vscode.languages.getDiagnostics(doc.uri))),
    });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
