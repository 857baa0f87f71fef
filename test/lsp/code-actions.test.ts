/** Code actions over LSP: quick fixes on the finding's range, disable-for-line, docs, fix-all. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver/node';
import { applyEdits, LineIndex } from '../../server/src/analysis';
import { inProcess } from '../harness/lsp-client';

const TEXT = `version: 1
organization:
  name: contoso
  deployment: OnPremises
emailRouter:
  instaled: false # set by the migration
`;
const uri = 'file:///tmp/actions.crmsync.yaml';

function applyLsp(text: string, edit: TextDocumentEdit): string {
  const lines = new LineIndex(text);
  return applyEdits(
    text,
    edit.edits.map((e) => ({
      span: { start: lines.offset(e.range.start.line, e.range.start.character), end: lines.offset(e.range.end.line, e.range.end.character) },
      newText: 'newText' in e ? e.newText : (e as unknown as { snippet: { value: string } }).snippet.value,
    })),
  );
}

async function open(capabilities: object = {}) {
  const client = inProcess();
  await client.initialize({ debounceMs: 0 }, capabilities);
  await client.open(uri, TEXT);
  const diags = await client.waitForDiagnostics(uri);
  return { client, diags };
}

test('the lightbulb offers the fixes of the diagnostic, then disable and docs actions', async () => {
  const { client, diags } = await open();
  const d = diags.find((x) => x.code === 'schema/enum') as Diagnostic;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  assert.deepEqual(actions.map((a) => `${a.isPreferred ? '*' : ''}${a.title}`), ['*Set deployment to onPremises', 'Disable schema/enum for this line', 'Show documentation for schema/enum']);
  const fix = actions[0].edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(fix.textDocument.version, 1, 'versioned edit');
  assert.equal(applyLsp(TEXT, fix), TEXT.replace('OnPremises', 'onPremises'));
  const disable = actions[1].edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(applyLsp(TEXT, disable), TEXT.replace('  deployment:', '  # crmsync-disable-next-line schema/enum -- \n  deployment:'));
  // A client without a documentation command of its own gets the server's (executeCommand → window/showDocument).
  assert.equal(actions[2].command!.command, 'crmsync.server.openRuleDocs');
  assert.deepEqual(actions[2].command!.arguments, ['schema/enum']);
  await client.shutdown();
});

test('a client with snippet edits gets the disable comment with the cursor at the reason', async () => {
  const { client, diags } = await open({ workspace: { workspaceEdit: { snippetEditSupport: true } } });
  const d = diags.find((x) => x.code === 'schema/additional-properties') as Diagnostic;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const disable = actions.find((a) => a.title.startsWith('Disable'))!;
  const edit = (disable.edit!.documentChanges![0] as TextDocumentEdit).edits[0] as unknown as { snippet: { value: string } };
  assert.equal(edit.snippet.value, '  # crmsync-disable-next-line schema/additional-properties -- ${1:reason}\n');
  await client.shutdown();
});

test('no quick fix for a diagnostic that is not crmsync’s, or whose range does not match', async () => {
  const { client, diags } = await open();
  const d = diags[0];
  const moved = { ...d, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
  const foreign = { ...d, source: 'yaml' };
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [moved, foreign] } });
  assert.deepEqual(actions, []);
  await client.shutdown();
});

test('source.fixAll.crmsync applies every preferred fix and keeps the comment', async () => {
  const { client } = await open();
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.crmsync');
  const fixed = applyLsp(TEXT, actions[0].edit!.documentChanges![0] as TextDocumentEdit);
  assert.equal(fixed, TEXT.replace('OnPremises', 'onPremises').replace('instaled', 'installed'));
  await client.shutdown();
});
