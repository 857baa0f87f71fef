/** The language server in-process over PassThrough streams. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { inProcess } from '../harness/lsp-client';
import { repoPath } from '../harness/paths';

const INVALID = fs.readFileSync(repoPath('examples', 'invalid-schema-errors.crmsync.yaml'), 'utf8');
const VALID = fs.readFileSync(repoPath('examples', 'online-exchange-online.crmsync.yaml'), 'utf8');

test('initialize announces incremental sync', async () => {
  const client = inProcess();
  const init = await client.initialize();
  assert.deepEqual(init.capabilities.textDocumentSync, { openClose: true, change: 2 });
  await client.shutdown();
});

test('open publishes diagnostics with code, source and codeDescription; change and close update them', async () => {
  const client = inProcess();
  await client.initialize();
  const uri = 'file:///tmp/plan.crmsync.yaml';
  await client.open(uri, INVALID);
  const diags = await client.waitForDiagnostics(uri);
  assert.equal(diags.length, 10);
  const enumDiag = diags.find((d) => d.code === 'schema/enum');
  assert.ok(enumDiag, 'a schema/enum diagnostic');
  assert.equal(enumDiag.source, 'crmsync');
  assert.equal(enumDiag.severity, DiagnosticSeverity.Error);
  assert.match(enumDiag.codeDescription!.href, /docs\/rules\.md#schemaenum$/);
  // The baseline value `crm2017` on line 18 (0-based 17), after "baseline: ".
  assert.deepEqual(enumDiag.range, { start: { line: 17, character: 10 }, end: { line: 17, character: 17 } });
  assert.match(String(enumDiag.message), /'crm2017' is not a valid baseline value/);

  const ref = diags.find((d) => d.code === 'unknown-reference');
  assert.ok(ref?.relatedInformation?.length, 'unknown-reference carries a related location');

  // Fix the baseline with an incremental edit: the enum diagnostic goes away.
  await client.change(uri, 2, [{ range: enumDiag.range, text: 'crm2016' }]);
  const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.equal(after.length, 9);
  assert.ok(!after.some((d) => d.code === 'schema/enum'));

  await client.close(uri);
  const cleared = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
  assert.deepEqual(cleared, []);
  await client.shutdown();
});

test('edits are debounced on both edges: a lone edit is checked at once, the rest of a burst when it ends', async () => {
  let now = 1_000_000;
  const client = inProcess({ clock: () => now });
  await client.initialize({ debounceMs: 300 });
  const uri = 'file:///tmp/debounce.crmsync.yaml';
  const published = () => (client.diagnostics.get(uri) ?? []).map((p) => p.version);
  // Answered after the server has read every change sent before it, and analyses nothing.
  const roundTrip = () => client.request('workspace/executeCommand', { command: 'crmsync.noSuchCommand', arguments: [] });
  await client.open(uri, VALID);
  await client.waitForDiagnostics(uri, (p) => p.version === 1);

  await client.change(uri, 2, [{ text: INVALID }]);
  await roundTrip();
  assert.deepEqual(published(), [1, 2], 'the first edit after a quiet spell is published before the next message is read');
  assert.equal((await client.waitForDiagnostics(uri, (p) => p.version === 2)).length, 10);

  // Two more changes, each 10 ms after the one before: a burst, checked once, when it ends.
  now += 10;
  await client.change(uri, 3, [{ text: VALID }]);
  now += 10;
  await client.change(uri, 4, [{ text: INVALID + '# the end of the burst\n' }]);
  await roundTrip();
  assert.deepEqual(published(), [1, 2], 'nothing of the burst yet');
  await client.waitForDiagnostics(uri, (p) => p.version === 4);
  assert.deepEqual(published(), [1, 2, 4], 'version 3 was never published');

  // A quiet spell as long as the debounce: the next edit is published at once again.
  now += 300;
  await client.change(uri, 5, [{ text: VALID }]);
  await roundTrip();
  assert.deepEqual(published(), [1, 2, 4, 5]);
  assert.deepEqual(await client.waitForDiagnostics(uri, (p) => p.version === 5), []);
  await client.shutdown();
});

test('a valid plan publishes no diagnostics', async () => {
  const client = inProcess();
  await client.initialize();
  const uri = 'file:///tmp/valid.crmsync.yaml';
  await client.open(uri, VALID);
  assert.deepEqual(await client.waitForDiagnostics(uri), []);
  await client.shutdown();
});

test('broken YAML gives one yaml-syntax diagnostic and the server keeps answering', async () => {
  const client = inProcess();
  await client.initialize();
  const uri = 'file:///tmp/broken.crmsync.yaml';
  await client.open(uri, 'version: 1\norganization:\n  name: Litware: Sales\n  deployment: online\n');
  const diags = await client.waitForDiagnostics(uri);
  assert.deepEqual(diags.map((d) => [d.code, d.range.start.line]), [['yaml-syntax', 2]]);
  await client.change(uri, 2, [{ text: '\u0000\u0001 binary junk {{{ [[[' }]);
  const junk = await client.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(junk.map((d) => [d.code, d.range.start.character]), [['yaml-syntax', 0]]);
  assert.match(String(junk[0].message), /control character U\+0000/);
  await client.shutdown();
});

test('crmsync.rules from workspace/configuration changes severities; a change re-publishes', async () => {
  const client = inProcess();
  client.settings = { rules: { 'schema/enum': 'warning', 'no-such-rule': 'off' } };
  await client.initialize({ debounceMs: 0 }, { workspace: { configuration: true } });
  const uri = 'file:///tmp/settings.crmsync.yaml';
  await client.open(uri, INVALID);
  const first = await client.waitForDiagnostics(uri);
  assert.equal(first.find((d) => d.code === 'schema/enum')?.severity, DiagnosticSeverity.Warning);
  assert.ok(client.logs.some((l) => /unknown rule id 'no-such-rule'/.test(l)), 'unknown id reported in the log');

  client.settings = { rules: { 'schema/enum': 'off' } };
  const before = client.diagnostics.get(uri)!.length;
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  const after = await client.waitForDiagnostics(uri, () => client.diagnostics.get(uri)!.length > before);
  assert.ok(!after.some((d) => d.code === 'schema/enum'));
  assert.equal(after.length, 9);
  await client.shutdown();
});
