/* global describe, it, after */
// "CRM Sync: Import from Dataverse Export…" in real VS Code: the export folder of
// test/fixtures/dataverse/org imported into a new untitled plan, byte for byte the plan
// `crmsync import org/ --deployment online` writes (test/fixtures/dataverse/expected-plan.crmsync.yaml);
// an export with an input error writes no plan.
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const vscode = require('vscode');
const { closeAllEditors, waitFor, workspaceFolder } = require('../helpers');

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'dataverse');

describe('dataverse', () => {
  after(closeAllEditors);

  it('the command is contributed to the Command Palette', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('crmsync.importFromDataverse'));
  });

  it('Import from Dataverse Export… opens the imported plan as a new untitled plan, checked like any other', async () => {
    const outcome = await vscode.commands.executeCommand('crmsync.importFromDataverse', vscode.Uri.file(path.join(FIXTURES, 'org')), 'online');
    assert.ok(outcome && outcome.document, 'a plan was opened');
    const doc = outcome.document;
    assert.equal(doc.isUntitled, true);
    assert.equal(doc.languageId, 'crmsync');
    assert.equal(doc.getText(), fs.readFileSync(path.join(FIXTURES, 'expected-plan.crmsync.yaml'), 'utf8'));
    assert.equal(vscode.window.activeTextEditor && vscode.window.activeTextEditor.document, doc, 'the plan is the active editor');
    assert.deepEqual({ errors: outcome.errors, warnings: outcome.warnings }, { errors: 0, warnings: 0 });
    // The server checks it like a saved plan: the import's TODO is reported by import-todo.
    const diagnostics = await waitFor('the diagnostics of the imported plan', async () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length > 0 && d;
    });
    assert.ok(diagnostics.some((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'import-todo'), JSON.stringify(diagnostics.map((d) => d.code)));
  });

  it('an export with an input error writes no plan and says how many errors it has', async () => {
    const untitledPlans = () => vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.languageId === 'crmsync').length;
    const before = untitledPlans();
    const outcome = await vscode.commands.executeCommand('crmsync.importFromDataverse', vscode.Uri.file(path.join(FIXTURES, 'bad-inputs', '03-error-response')), 'online');
    assert.ok(outcome && !outcome.document);
    assert.ok(outcome.errors > 0);
    assert.equal(untitledPlans(), before, 'no plan opened');
  });

  it('Compare with Export… shows the drift findings in the plan, with their own source, until Clear Drift Findings', async () => {
    const planUri = vscode.Uri.file(path.join(FIXTURES, 'roundtrip', 'edited-plan.crmsync.yaml'));
    const doc = await vscode.workspace.openTextDocument(planUri);
    await vscode.window.showTextDocument(doc);
    const drift = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'crmsync drift');
    const outcome = await vscode.commands.executeCommand('crmsync.compareWithExport', undefined, vscode.Uri.file(path.join(FIXTURES, 'org')));
    // expected-diff.txt: one line per finding, `<file>:<line>:<column> <severity> <id> …`.
    const expected = fs
      .readFileSync(path.join(FIXTURES, 'roundtrip', 'expected-diff.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('roundtrip/'))
      .map((l) => l.split(' ').slice(0, 3).join(' ').replace(/^[^:]+:/, ''));
    assert.equal(outcome.findings, expected.length);
    const SEV = ['error', 'warning', 'info', 'hint'];
    const code = (d) => (typeof d.code === 'object' ? d.code.value : d.code);
    assert.deepEqual(
      drift().map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${SEV[d.severity]} ${code(d)}`),
      expected,
    );
    await vscode.commands.executeCommand('crmsync.clearDriftFindings');
    assert.deepEqual(drift(), [], 'cleared');
  });

  it('Export Web API Requests… writes the $batch files beside the chosen file, and refuses a plan with errors, saying why', async () => {
    const planUri = vscode.Uri.file(path.join(FIXTURES, 'roundtrip', 'edited-plan.crmsync.yaml'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-export-'));
    const outcome = await vscode.commands.executeCommand('crmsync.exportWebApiRequests', planUri, vscode.Uri.file(path.join(FIXTURES, 'org')), vscode.Uri.file(path.join(out, 'changes.batch')));
    assert.deepEqual(outcome.written.map((u) => path.basename(u.fsPath)), ['changes.batch', 'changes.test.batch']);
    assert.deepEqual(fs.readdirSync(out).sort(), ['changes.batch', 'changes.test.batch']);
    assert.equal(fs.readFileSync(path.join(out, 'changes.batch'), 'utf8'), fs.readFileSync(path.join(FIXTURES, 'roundtrip', 'expected-export.batch'), 'utf8'));
    assert.equal(fs.readFileSync(path.join(out, 'changes.test.batch'), 'utf8'), fs.readFileSync(path.join(FIXTURES, 'roundtrip', 'expected-export.test.batch'), 'utf8'));

    const invalid = vscode.Uri.joinPath(workspaceFolder().uri, 'invalid-onprem-2016-exchange-online.crmsync.yaml');
    const refusedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-export-'));
    const refused = await vscode.commands.executeCommand('crmsync.exportWebApiRequests', invalid, 'full', vscode.Uri.file(path.join(refusedDir, 'changes.batch')));
    assert.equal(refused.refused, true);
    assert.deepEqual(fs.readdirSync(refusedDir), [], 'nothing written');
  });
});
