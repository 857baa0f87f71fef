// The web language server in a real browser: headless Chromium loads a page on loopback that
// starts the *built* dist/web/server.js in a Web Worker and drives it with LSP messages over
// postMessage. For every example the diagnostics must equal those of the Node server
// (dist/server.js over stdio) for the same text; hover, completion and a code action must give
// the same answers too. Run by `npm run test:e2e` (after its browser install step), or alone:
// `node scripts/e2e/web-worker.mjs` after `npm run build`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { launchBrowser, stateDirs } from './code-server.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKER_BUNDLE = path.join(ROOT, 'dist', 'web', 'server.js');

const INIT = {
  processId: null,
  rootUri: null,
  capabilities: {
    textDocument: {
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    },
  },
  // As the VS Code clients (desktop and web) initialise it: rule links go to their command. Without
  // it each server links its own docs (the Node one the docs/rules.md beside it, the Web Worker the
  // web page), which differ by design.
  initializationOptions: { debounceMs: 0, ruleDocs: { command: 'crmsync.showRuleDocs' } },
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>crmsync web worker</title><script>
const worker = new Worker('/server.js');
window.received = [];
window.workerErrors = [];
worker.onmessage = (e) => window.received.push(e.data);
worker.onerror = (e) => window.workerErrors.push(String(e.message || e));
window.send = (m) => worker.postMessage(m);
</script>`;

/** Serves the page and the worker bundle on 127.0.0.1 only. */
function serve() {
  const server = http.createServer((req, res) => {
    if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (req.url === '/server.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(WORKER_BUNDLE));
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** An LSP client over a page's Web Worker. */
function workerClient(page) {
  let nextId = 1;
  const seen = () => page.evaluate(() => window.received.length);
  return {
    async request(method, params) {
      const id = nextId++;
      await page.evaluate((m) => window.send(m), { jsonrpc: '2.0', id, method, params });
      const handle = await page.waitForFunction((i) => window.received.find((m) => m.id === i && !m.method), id, { timeout: 30000 });
      const msg = await handle.jsonValue();
      if (msg.error) throw new Error(`${method}: ${msg.error.message}`);
      return msg.result;
    },
    notify: (method, params) => page.evaluate((m) => window.send(m), { jsonrpc: '2.0', method, params }),
    async diagnostics(uri, version) {
      const handle = await page.waitForFunction(
        ([u, v]) => window.received.find((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === u && m.params.version === v),
        [uri, version],
        { timeout: 30000 },
      );
      return (await handle.jsonValue()).params.diagnostics;
    },
    seen,
  };
}

/** The same client over the Node server's stdio. */
function nodeClient() {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const published = [];
  connection.onNotification('textDocument/publishDiagnostics', (p) => published.push(p));
  connection.listen();
  return {
    request: (method, params) => connection.sendRequest(method, params),
    notify: (method, params) => connection.sendNotification(method, params),
    async diagnostics(uri, version) {
      const deadline = Date.now() + 30000;
      for (;;) {
        const hit = published.find((p) => p.uri === uri && p.version === version);
        if (hit) return hit.diagnostics;
        if (Date.now() > deadline) throw new Error(`node server: no diagnostics for ${uri}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async close() {
      await connection.sendRequest('shutdown').catch(() => {});
      await connection.sendNotification('exit').catch(() => {});
      connection.dispose();
      child.kill();
    },
  };
}

/** A position inside the first diagnostic's range, else line 0. */
function probe(diagnostics) {
  return diagnostics.length ? diagnostics[0].range.start : { line: 0, character: 0 };
}

/** Everything one client answers for one plan. */
async function answers(client, uri, text) {
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'crmsync', version: 1, text } });
  const diagnostics = await client.diagnostics(uri, 1);
  const position = probe(diagnostics);
  const td = { uri };
  const hover = await client.request('textDocument/hover', { textDocument: td, position });
  const completion = await client.request('textDocument/completion', { textDocument: td, position });
  const actions = await client.request('textDocument/codeAction', {
    textDocument: td,
    range: diagnostics[0]?.range ?? { start: position, end: position },
    context: { diagnostics: diagnostics.slice(0, 1) },
  });
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: td });
  return { diagnostics, hover, completion, actions, symbols };
}

export async function webWorkerCheck({ log = console.log } = {}) {
  if (!fs.existsSync(WORKER_BUNDLE)) throw new Error(`${path.relative(ROOT, WORKER_BUNDLE)} is missing: run npm run build`);
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => /\.crmsync\.ya?ml$/.test(f)).sort();
  const dirs = stateDirs(fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-web-')));
  const server = await serve();
  const browser = await launchBrowser(dirs);
  const node = nodeClient();
  const failures = [];
  try {
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const worker = workerClient(page);
    const [wInit, nInit] = [await worker.request('initialize', INIT), await node.request('initialize', { ...INIT, processId: process.pid })];
    await worker.notify('initialized', {});
    await node.notify('initialized', {});
    if (JSON.stringify(wInit.capabilities) !== JSON.stringify(nInit.capabilities)) failures.push('initialize: the capabilities differ');
    let findings = 0;
    for (const file of examples) {
      const text = fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8');
      const uri = pathToFileURL(path.join(ROOT, 'examples', file)).href;
      const w = await answers(worker, uri, text);
      const n = await answers(node, uri, text);
      findings += w.diagnostics.length;
      for (const key of Object.keys(n)) {
        if (JSON.stringify(w[key]) !== JSON.stringify(n[key])) failures.push(`${file}: ${key} differs between the Web Worker and the Node server`);
      }
    }
    const errors = await page.evaluate(() => window.workerErrors);
    if (errors.length) failures.push(`worker errors: ${errors.join('; ')}`);
    if (browser.blocked.size) failures.push(`the page tried to reach ${[...browser.blocked].join(', ')}`);
    log(
      failures.length
        ? `web worker: ${examples.length} examples, ${failures.length} difference(s) from the Node server`
        : `web worker: ${examples.length} examples, ${findings} diagnostics; diagnostics, hover, completion, code actions and symbols identical to the Node server's`,
    );
    return { examples: examples.length, findings, failures };
  } finally {
    await node.close();
    await browser.close();
    server.close();
    fs.rmSync(dirs.root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await webWorkerCheck();
  for (const f of r.failures) console.error(`FAIL ${f}`);
  process.exit(r.failures.length ? 1 : 0);
}
