/**
 * crmsync.config.json in the editor: the Node language server (lsp/main.ts, over stdio, as
 * editors start it) finds the configuration file above a plan and reports exactly what the CLI
 * reports for the same plan and file (`--format json`); it re-checks when the file changes
 * (workspace/didChangeWatchedFiles); an invalid file is shown to the user and not used; the
 * `crmsync.*` settings override the file.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { overStreams, type TestClient } from '../harness/lsp-client';
import { repoPath } from '../harness/paths';

// The compiled entries next to this compiled test (out/server/src/...), so the wiring of main.ts
// and cli.ts is what runs.
const SERVER = path.join(__dirname, '..', '..', 'server', 'src', 'lsp', 'main.js');
const CLI = path.join(__dirname, '..', '..', 'server', 'src', 'cli.js');

const daysSince = (iso: string) => Math.ceil((Date.now() - Date.parse(iso)) / 86_400_000);

function scratch(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-config-')));
}

/** `ruleId severity line:col` of the CLI's JSON findings for `file` (run in `cwd`). */
function cliFindings(file: string, cwd: string, extra: string[] = []): string[] {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...extra, file], { cwd, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const doc = JSON.parse(r.stdout) as { files: { findings: { ruleId: string; severity: string; line: number; column: number }[] }[] };
  return doc.files[0].findings.map((f) => `${f.ruleId} ${f.severity} ${f.line}:${f.column}`).sort();
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
const lspFindings = (diags: Diagnostic[]) =>
  diags.map((d) => `${d.code} ${SEVERITY[d.severity ?? 0]} ${d.range.start.line + 1}:${d.range.start.character + 1}`).sort();

async function withServer(f: (client: TestClient, messages: string[], registrations: unknown[]) => Promise<void>): Promise<void> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const client = overStreams(child.stdout, child.stdin);
    const messages: string[] = [];
    const registrations: unknown[] = [];
    client.connection.onNotification('window/showMessage', (p: { message: string }) => void messages.push(p.message));
    client.connection.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => void registrations.push(...p.registrations));
    await client.initialize({ debounceMs: 0 }, { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } });
    await f(client, messages, registrations);
    await client.shutdown();
  } catch (err) {
    throw new Error(`${(err as Error).stack}\nserver stderr:\n${stderr}`);
  } finally {
    child.kill();
  }
}

const lastDiagnostics = async (client: TestClient, uri: string, after: number) => {
  await client.waitForDiagnostics(uri, () => (client.diagnostics.get(uri)?.length ?? 0) > after);
  const list = client.diagnostics.get(uri)!;
  return list[list.length - 1].diagnostics;
};

test('editor and CLI report the same findings for the same crmsync.config.json; a change to it re-checks', async () => {
  const dir = scratch();
  const plans = path.join(dir, 'plans', 'pop3');
  fs.mkdirSync(plans, { recursive: true });
  const pop3 = path.join(plans, 'pop3.crmsync.yaml');
  const old = path.join(plans, 'old.crmsync.yaml');
  fs.copyFileSync(repoPath('examples', 'invalid-pop3-mailboxes.crmsync.yaml'), pop3);
  fs.copyFileSync(repoPath('test', 'fixtures', 'rules', 'process-email-from-old', 'invalid.crmsync.yaml'), old);
  const configFile = path.join(dir, 'crmsync.config.json');
  const config = {
    rules: { 'pop3-provider-untested': 'error', 'forward-rules-manual': 'off', 'act-non-exchange': 'warning' },
    // One of the two old processEmailFrom dates (2024-05-17) is now recent enough, the other is not.
    processEmailFromMaxAgeDays: daysSince('2024-05-17') + 30,
  };
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));

  const plain = { pop3: cliFindings(pop3, dir, ['--no-config']), old: cliFindings(old, dir, ['--no-config']) };
  const configured = { pop3: cliFindings(pop3, dir), old: cliFindings(old, dir) };
  // The configuration makes a difference the user sees.
  assert.ok(configured.pop3.some((f) => f.startsWith('pop3-provider-untested error')), configured.pop3.join('\n'));
  assert.ok(plain.pop3.some((f) => f.startsWith('forward-rules-manual info')));
  assert.ok(!configured.pop3.some((f) => f.startsWith('forward-rules-manual')));
  assert.equal(plain.old.filter((f) => f.startsWith('process-email-from-old')).length, 2);
  assert.equal(configured.old.filter((f) => f.startsWith('process-email-from-old')).length, 1);

  await withServer(async (client, messages, registrations) => {
    const uriPop3 = pathToFileURL(pop3).toString();
    const uriOld = pathToFileURL(old).toString();
    await client.open(uriPop3, fs.readFileSync(pop3, 'utf8'));
    await client.open(uriOld, fs.readFileSync(old, 'utf8'));
    assert.deepEqual(lspFindings(await lastDiagnostics(client, uriPop3, 0)), configured.pop3);
    assert.deepEqual(lspFindings(await lastDiagnostics(client, uriOld, 0)), configured.old);
    assert.ok(
      registrations.some((r) => (r as { method: string }).method === 'workspace/didChangeWatchedFiles'),
      'the server asks to watch crmsync.config.* files',
    );

    // The file changes: an invalid one is shown once and not used (the plan is checked as without it).
    const before = client.diagnostics.get(uriPop3)!.length;
    fs.writeFileSync(configFile, '{ "rules": { "profile-unused": "loud" } ');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configFile).toString(), type: 2 }] });
    assert.deepEqual(lspFindings(await lastDiagnostics(client, uriPop3, before)), plain.pop3);
    for (let i = 0; i < 100 && messages.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0], /crmsync\.config\.json is invalid and is not used: not valid JSON/);
    assert.ok(messages[0].includes(configFile));

    // Fixed again, with settings on top: crmsync.rules wins over the file, id by id.
    fs.writeFileSync(configFile, JSON.stringify(config));
    client.settings = { rules: { 'pop3-provider-untested': 'info' } };
    const n = client.diagnostics.get(uriPop3)!.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configFile).toString(), type: 2 }] });
    const layered = lspFindings(await lastDiagnostics(client, uriPop3, n));
    assert.deepEqual(layered, cliFindings(pop3, dir, ['--rule', 'pop3-provider-untested=info']));
    assert.ok(layered.some((f) => f.startsWith('pop3-provider-untested info')));
    assert.ok(!layered.some((f) => f.startsWith('forward-rules-manual')), 'the rest of the file still applies');
  });
});
