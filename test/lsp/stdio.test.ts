/** The built language server (bin crmsync-language-server --stdio) driven by a plain LSP client. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { overStreams } from '../harness/lsp-client';
import { repoPath } from '../harness/paths';

test('crmsync-language-server --stdio answers initialize and publishes diagnostics', async () => {
  const child = spawn(process.execPath, [repoPath('bin', 'crmsync-language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const client = overStreams(child.stdout, child.stdin);
    const init = await client.initialize({});
    assert.ok(init.capabilities.textDocumentSync, 'has textDocumentSync');
    const uri = 'file:///tmp/x.crmsync.yaml';
    await client.open(uri, fs.readFileSync(repoPath('examples', 'invalid-schema-errors.crmsync.yaml'), 'utf8'));
    const diags = await client.waitForDiagnostics(uri);
    assert.equal(diags.length, 10, stderr);
    assert.ok(diags.every((d) => d.source === 'crmsync'));
    await client.shutdown();
    assert.equal(await exited, 0);
  } finally {
    child.kill();
  }
});

test('crmsync-language-server without a transport exits 2 with a message', async () => {
  const child = spawn(process.execPath, [repoPath('bin', 'crmsync-language-server.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 2);
  assert.match(stderr, /--stdio/);
});
