/**
 * The BUILT language server (bin/crmsync-language-server.js --stdio, bundled by `npm run build`,
 * which `npm test` runs first) under hostile or sloppy clients: malformed JSON-RPC, wrong frame
 * lengths, unknown methods, requests for documents never opened, out-of-order versions, a storm of
 * incremental edits and cancellations. It keeps answering and ends with the diagnostics the
 * analyzer computes for the final text.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalyzer } from '../../server/src/analysis';
import { findingToDiagnostic } from '../../server/src/lsp/convert';
import { DEFAULT_SETTINGS, toAnalyzerConfig } from '../../server/src/lsp/settings';
import { repoPath } from '../harness/paths';
import type { TestClient } from '../harness/lsp-client';
import { RawServer } from './raw-server';

const EXAMPLE = fs.readFileSync(repoPath('examples', 'invalid-schema-errors.crmsync.yaml'), 'utf8');
const URI = 'file:///tmp/robustness.crmsync.yaml';
const UNOPENED = 'file:///tmp/never-opened.crmsync.yaml';
const SHIPPED_DOCS = { document: pathToFileURL(repoPath('docs', 'rules.md')).href };

/**
 * What the server must publish for `text`: the analyzer's findings, converted as the server does,
 * their rule links pointing at the docs/rules.md next to the bundle (offline documentation).
 */
function expectedDiagnostics(text: string, uri = URI): Diagnostic[] {
  const analysis = createAnalyzer(toAnalyzerConfig(DEFAULT_SETTINGS)).analyze(text);
  return JSON.parse(JSON.stringify(analysis.findings.map((f) => findingToDiagnostic(f, analysis.lines, uri, SHIPPED_DOCS)))) as Diagnostic[];
}

/** Waits until the last publication for `uri` is for `version`, and stays so for `settleMs`. */
async function finalDiagnostics(client: TestClient, uri: string, version: number, settleMs = 400): Promise<Diagnostic[]> {
  await client.waitForDiagnostics(uri, (p) => p.version === version, 20000);
  await new Promise((r) => setTimeout(r, settleMs));
  const all = client.diagnostics.get(uri) ?? [];
  const last = all[all.length - 1];
  assert.equal(last.version, version, `the last publication is for version ${last.version}, not the final ${version}`);
  return last.diagnostics;
}

/** A small deterministic PRNG (mulberry32), so the edit storm is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('malformed JSON bodies, non-message JSON, unknown methods and bad params do not stop the server', async () => {
  const server = new RawServer();
  try {
    await server.initialize();
    await server.write('Content-Length: 10\r\n\r\n{bad json}');
    await server.write('Content-Length: 2\r\n\r\n[]');
    await server.write('Content-Length: 1\r\n\r\n7');
    await server.write('Content-Length: 4\r\n\r\nnull');
    await server.write('Content-Length: 2\r\n\r\n{}');
    await server.send({ method: 'crmsync/unknownNotification', params: {} });
    const unknown = await server.request(1, 'crmsync/unknownMethod', {});
    assert.equal(unknown?.error?.code, -32601, 'MethodNotFound');
    // Params of the wrong shape: an error response, not a crash.
    const badParams = await server.request(2, 'textDocument/hover', {});
    assert.ok(badParams, 'hover with empty params is answered');
    assert.ok(badParams.error || badParams.result === null, JSON.stringify(badParams));
    await server.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///tmp/half.crmsync.yaml' } } });
    await server.send({
      method: 'textDocument/didChange',
      params: { textDocument: { uri: UNOPENED, version: 7 }, contentChanges: [{ text: 'version: 1\n' }] },
    });
    await server.send({ method: 'textDocument/didClose', params: { textDocument: { uri: UNOPENED } } });
    // Still alive and correct: a real document gets its diagnostics.
    await server.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'crmsync', version: 1, text: EXAMPLE } } });
    const symbols = await server.request(3, 'textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.ok(Array.isArray(symbols?.result) && (symbols.result as unknown[]).length > 0, JSON.stringify(symbols));
    const deadline = Date.now() + 5000;
    let published: Diagnostic[] | undefined;
    while (!published && Date.now() < deadline) {
      published = (
        server.messages.find((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === URI)?.params as
          { diagnostics: Diagnostic[] } | undefined
      )?.diagnostics;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.deepEqual(published, expectedDiagnostics(EXAMPLE));
  } finally {
    assert.equal(await server.stop(), 0, server.stderr);
  }
});

/**
 * A frame with a wrong or unreadable Content-Length loses that message; the server must find the
 * next well-formed frame and answer again (probes are sent every 100 ms for 2 s).
 */
test(
  'after a wrong Content-Length (too short, too long, not a number, missing) the server answers again',
  async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'textDocument/documentSymbol', params: { textDocument: { uri: UNOPENED } } });
    const variants: Record<string, string> = {
      'too short': `Content-Length: ${body.length - 5}\r\n\r\n${body}`,
      'too long': `Content-Length: ${body.length + 40}\r\n\r\n${body}`,
      'not a number': `Content-Length: abc\r\n\r\n${body}`,
      negative: `Content-Length: -5\r\n\r\n${body}`,
      missing: `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`,
    };
    const silent: string[] = [];
    await Promise.all(
      Object.entries(variants).map(async ([name, junk]) => {
        const server = new RawServer();
        try {
          await server.initialize();
          await server.write(junk);
          let answered = false;
          for (let id = 1000; id < 1020 && !answered; id++) {
            await server.send({ id, method: 'textDocument/documentSymbol', params: { textDocument: { uri: UNOPENED } } });
            await new Promise((r) => setTimeout(r, 100));
            answered = server.messages.some((m) => typeof m.id === 'number' && m.id >= 1000 && m.method === undefined);
          }
          if (!answered) silent.push(name);
        } finally {
          server.child.kill();
          await server.exited;
        }
      }),
    );
    silent.sort();
    assert.deepEqual(silent, [], `the server never answered again after a frame whose Content-Length is: ${silent.join(', ')}`);
  },
);

test('requests for a document that was never opened answer empty results', async () => {
  const server = new RawServer();
  try {
    await server.initialize();
    const td = { uri: UNOPENED };
    const position = { line: 0, character: 0 };
    const range = { start: position, end: { line: 3, character: 0 } };
    const cases: [string, object, unknown][] = [
      ['textDocument/hover', { textDocument: td, position }, null],
      ['textDocument/completion', { textDocument: td, position }, []],
      ['textDocument/codeAction', { textDocument: td, range, context: { diagnostics: [] } }, []],
      ['textDocument/documentSymbol', { textDocument: td }, []],
      ['textDocument/definition', { textDocument: td, position }, null],
      ['textDocument/references', { textDocument: td, position, context: { includeDeclaration: true } }, []],
      ['textDocument/documentHighlight', { textDocument: td, position }, []],
      ['textDocument/foldingRange', { textDocument: td }, []],
      ['textDocument/prepareRename', { textDocument: td, position }, null],
      ['textDocument/rename', { textDocument: td, position, newName: 'x' }, null],
    ];
    let id = 1;
    for (const [method, params, empty] of cases) {
      const r = await server.request(id++, method, params);
      assert.ok(r, `${method} is answered`);
      assert.equal(r.error, undefined, `${method}: ${JSON.stringify(r.error)}`);
      assert.deepEqual(r.result, empty, method);
    }
    assert.equal(server.stderr, '');
  } finally {
    assert.equal(await server.stop(), 0, server.stderr);
  }
});

test('out-of-order and repeated versions end with the diagnostics of the final text', async () => {
  const server = new RawServer(false);
  const client = server.client();
  try {
    await client.initialize({ debounceMs: 0 });
    const texts = ['version: 1\n', EXAMPLE, 'organization: { name: x }\n', '- a list\n', EXAMPLE.replace('crm2017', 'crm2016')];
    await client.open(URI, texts[0], 5);
    await client.waitForDiagnostics(URI, (p) => p.version === 5);
    // Versions going backwards, full-text changes.
    await client.change(URI, 3, [{ text: texts[1] }]);
    await client.change(URI, 2, [{ text: texts[2] }]);
    assert.deepEqual(await finalDiagnostics(client, URI, 2), expectedDiagnostics(texts[2]));
    // A version number used again with another text (the cached analysis is of the old text).
    await client.change(URI, 2, [{ text: texts[3] }]);
    assert.deepEqual(await finalDiagnostics(client, URI, 2), expectedDiagnostics(texts[3]));
    await client.change(URI, 9, [{ text: texts[4] }]);
    assert.deepEqual(await finalDiagnostics(client, URI, 9), expectedDiagnostics(texts[4]));
    await client.shutdown();
    assert.equal(await server.exited, 0, server.stderr);
  } finally {
    server.child.kill();
  }
});

test('1,000 rapid incremental didChange events with hovers and cancelled requests in between end with the right diagnostics', async () => {
  const server = new RawServer(false);
  const client = server.client();
  try {
    // The default debounce, as an editor would run it.
    await client.initialize({});
    const random = prng(42);
    let shadow = TextDocument.create(URI, 'crmsync', 1, '');
    await client.open(URI, '', 1);
    const target = EXAMPLE;
    let typed = 0;
    const pending: Promise<unknown>[] = [];
    const cancelled: Promise<unknown>[] = [];
    for (let version = 2; version <= 1001; version++) {
      const text = shadow.getText();
      let change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
      const r = random();
      if (r < 0.15 && text.length > 0) {
        // A typo somewhere: insert junk (astral characters, tabs, CRLF, NUL) that is removed later.
        const junk = ['x', '\t', '\r\n', '😀', '\0', ': ', '{'][Math.floor(random() * 7)];
        const at = shadow.positionAt(typed);
        change = { range: { start: at, end: at }, text: junk };
        // Mark the junk so the next step deletes it.
        shadow = TextDocument.update(shadow, [change], version);
        await client.change(URI, version, [change]);
        version++;
        const start = shadow.positionAt(typed);
        const end = shadow.positionAt(typed + junk.length);
        change = { range: { start, end }, text: '' };
      } else {
        // Type the next 1–4 characters of the target plan at its position.
        const n = 1 + Math.floor(random() * 4);
        const at = shadow.positionAt(typed);
        const piece = target.slice(typed, typed + n);
        typed += piece.length;
        change = { range: { start: at, end: at }, text: piece };
      }
      shadow = TextDocument.update(shadow, [change], version);
      await client.change(URI, version, [change]);
      if (version % 50 === 0) {
        pending.push(
          client.request('textDocument/hover', {
            textDocument: { uri: URI },
            position: shadow.positionAt(Math.floor(random() * (shadow.getText().length + 1))),
          }),
        );
        pending.push(client.request('textDocument/completion', { textDocument: { uri: URI }, position: shadow.positionAt(typed) }));
      }
      if (version % 97 === 0) {
        const source = new CancellationTokenSource();
        const p = client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } }, source.token);
        source.cancel();
        cancelled.push(
          p.then(
            () => 'answered',
            (err: { code?: number }) => err.code,
          ),
        );
        await client.connection.sendNotification('$/cancelRequest', { id: 987654 + version });
      }
    }
    // Type the rest of the plan in one last change.
    const finalVersion = 5000;
    const rest = target.slice(typed);
    const end = shadow.positionAt(shadow.getText().length);
    shadow = TextDocument.update(shadow, [{ range: { start: end, end }, text: rest }], finalVersion);
    await client.change(URI, finalVersion, [{ range: { start: end, end }, text: rest }]);
    assert.equal(shadow.getText(), target, 'the test typed the plan');
    await Promise.all(pending);
    for (const outcome of await Promise.all(cancelled)) assert.ok(outcome === 'answered' || outcome === -32800, `a cancelled request ended with ${outcome}`);
    assert.deepEqual(await finalDiagnostics(client, URI, finalVersion), expectedDiagnostics(target));
    // And it still answers.
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.ok(symbols.length > 0);
    await client.shutdown();
    assert.equal(await server.exited, 0, server.stderr);
  } finally {
    server.child.kill();
  }
});
