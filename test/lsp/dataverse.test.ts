/**
 * The Dataverse requests over LSP (in-process), as the VS Code commands use them:
 * `crmsync/importDataverse` (the files the client read → the plan `crmsync import` writes, and
 * its diagnostics) and `crmsync/compareDataverse` (an open plan vs those files → the drift
 * findings as diagnostics with their own source, at the places `crmsync diff` reports).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { repoPath } from '../harness/paths';
import { inProcess } from '../harness/lsp-client';

const DV = repoPath('test', 'fixtures', 'dataverse');
const filesIn = (dir: string) =>
  fs
    .readdirSync(path.join(DV, dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(DV, dir, f), 'utf8') }));

interface ImportAnswer {
  plan?: string;
  errors: number;
  text: string;
  diagnostics: { id: string; severity: string; path: string; pointer: string }[];
}
interface CompareAnswer {
  diagnostics: Diagnostic[];
  inputError: boolean;
  planError: boolean;
  exportFiles: number;
  text: string;
}

test('crmsync/importDataverse: the plan crmsync import writes, with its diagnostics; an input error writes none', async () => {
  const client = inProcess();
  await client.initialize({ debounceMs: 0 });
  const ok = await client.request<ImportAnswer>('crmsync/importDataverse', { files: filesIn('org'), deployment: 'online' });
  assert.equal(ok.plan, fs.readFileSync(path.join(DV, 'expected-plan.crmsync.yaml'), 'utf8'));
  assert.deepEqual(
    ok.diagnostics.map((d) => `${d.path}:${d.pointer} ${d.severity} ${d.id}`),
    ['org/mailboxes-page2.json:/value/1 info import/name-not-unique'],
  );
  assert.match(ok.text, /^org\/mailboxes-page2\.json:\/value\/1 info import\/name-not-unique /);
  const bad = await client.request<ImportAnswer>('crmsync/importDataverse', { files: filesIn('bad-inputs/03-error-response') });
  assert.equal(bad.plan, undefined);
  assert.ok(bad.errors > 0);
  // Not files: nothing to import, no exception.
  const junk = await client.request<ImportAnswer>('crmsync/importDataverse', { files: [{ name: 1 }, 'x', null] });
  assert.equal(junk.plan, undefined);
  await client.shutdown();
});

test('crmsync/compareDataverse: the drift findings of the open plan, as diagnostics of their own source', async () => {
  const client = inProcess();
  await client.initialize({ debounceMs: 0 });
  const uri = 'file:///tmp/roundtrip/edited-plan.crmsync.yaml';
  await client.open(uri, fs.readFileSync(path.join(DV, 'roundtrip', 'edited-plan.crmsync.yaml'), 'utf8'));
  await client.waitForDiagnostics(uri);
  const answer = await client.request<CompareAnswer>('crmsync/compareDataverse', { textDocument: { uri }, files: filesIn('org') });
  assert.equal(answer.inputError, false);
  assert.equal(answer.exportFiles, 6);
  // The places and ids of expected-diff.txt (line:column 1-based there).
  const expected = fs
    .readFileSync(path.join(DV, 'roundtrip', 'expected-diff.txt'), 'utf8')
    .split('\n')
    .filter((l) => /^roundtrip\//.test(l))
    .map((l) => {
      const m = /^[^:]+:(\d+):(\d+) (\w+) (\S+)/.exec(l)!;
      return `${Number(m[1]) - 1}:${Number(m[2]) - 1} ${m[3]} ${m[4]}`;
    });
  const SEV = ['', 'error', 'warning', 'info'];
  assert.deepEqual(
    answer.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${SEV[d.severity!]} ${d.code}`),
    expected,
  );
  assert.ok(answer.diagnostics.every((d) => d.source === 'crmsync drift'));
  // The same plan against an export with an input error: nothing compared.
  const bad = await client.request<CompareAnswer>('crmsync/compareDataverse', { textDocument: { uri }, files: filesIn('bad-inputs/03-error-response') });
  assert.equal(bad.inputError, true);
  assert.deepEqual(bad.diagnostics, []);
  assert.match(bad.text, /error/);
  // A plan that is not open: null.
  assert.equal(await client.request('crmsync/compareDataverse', { textDocument: { uri: 'file:///nowhere.crmsync.yaml' }, files: [] }), null);
  await client.shutdown();
});

interface ExportAnswer {
  refused: boolean;
  inputError: boolean;
  diagnostics: Diagnostic[];
  files: { name: string; text: string; boundary?: string }[];
  requests: number;
}

test('crmsync/exportDataverse: the $batch files of crmsync export --against, the JSON list, and a refusal with the errors', async () => {
  const client = inProcess();
  await client.initialize({ debounceMs: 0 });
  const uri = 'file:///tmp/roundtrip/edited-plan.crmsync.yaml';
  await client.open(uri, fs.readFileSync(path.join(DV, 'roundtrip', 'edited-plan.crmsync.yaml'), 'utf8'));
  await client.waitForDiagnostics(uri);
  const batch = await client.request<ExportAnswer>('crmsync/exportDataverse', { textDocument: { uri }, files: filesIn('org'), output: 'changes.batch' });
  assert.equal(batch.refused, false);
  assert.deepEqual(
    batch.files.map((f) => f.name),
    ['changes.batch', 'changes.test.batch'],
  );
  assert.equal(batch.files[0].text, fs.readFileSync(path.join(DV, 'roundtrip', 'expected-export.batch'), 'utf8'));
  assert.equal(batch.files[1].text, fs.readFileSync(path.join(DV, 'roundtrip', 'expected-export.test.batch'), 'utf8'));
  const json = await client.request<ExportAnswer>('crmsync/exportDataverse', { textDocument: { uri }, files: filesIn('org'), format: 'json', output: 'requests.json' });
  assert.deepEqual(json.files.map((f) => f.name), ['requests.json']);
  assert.deepEqual(JSON.parse(json.files[0].text), JSON.parse(fs.readFileSync(path.join(DV, 'roundtrip', 'expected-export.json'), 'utf8')));
  assert.equal(json.requests, JSON.parse(json.files[0].text).length);
  // A plan with an error finding is refused: no file, the errors as diagnostics.
  const bad = 'file:///tmp/roundtrip/broken.crmsync.yaml';
  await client.open(bad, fs.readFileSync(path.join(DV, 'roundtrip', 'edited-plan.crmsync.yaml'), 'utf8').replace(/serverType: exchangeOnline/, 'serverType: pop3'));
  await client.waitForDiagnostics(bad);
  const refused = await client.request<ExportAnswer>('crmsync/exportDataverse', { textDocument: { uri: bad }, files: filesIn('org') });
  assert.equal(refused.refused, true);
  assert.deepEqual(refused.files, []);
  assert.ok(refused.diagnostics.some((d) => d.code === 'export/plan-has-errors'));
  assert.ok(refused.diagnostics.some((d) => d.code !== 'export/plan-has-errors' && d.severity === 1));
  await client.shutdown();
});
