// A minimal LSP client for the benchmark: spawns a server with --stdio and talks to it over
// JSON-RPC exactly as an editor does (vscode-languageserver's protocol connection over the
// child's stdin/stdout). It answers workspace/configuration from a settings object and records
// when textDocument/publishDiagnostics arrives.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver/node');

/** Client capabilities like VS Code's, restricted to what the benchmark uses. */
const CAPABILITIES = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    completion: {
      dynamicRegistration: true,
      contextSupport: true,
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], insertReplaceSupport: true, labelDetailsSupport: true },
    },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      dataSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.organizeImports'] } },
    },
    rangeFormatting: { dynamicRegistration: true },
  },
  window: { workDoneProgress: true },
};

/**
 * The least time between two timed edits of one client: a keystroke apart at a brisk typing
 * speed, and more than the debounce that merges a burst of edits (50 ms as shipped).
 */
const EDIT_PAUSE_MS = 100;

export class LspClient {
  /**
   * @param {object} o
   * @param {string} o.name label for messages
   * @param {string[]} o.args node arguments (script path and --stdio)
   * @param {object} [o.initializationOptions]
   * @param {Record<string, unknown>} o.settings configuration sections answered to workspace/configuration
   * @param {string} o.rootUri
   */
  constructor(o) {
    this.o = o;
    this.waiters = new Map(); // uri -> [{ version, resolve }]
    this.stderr = '';
    this.configRequests = 0;
    this.lastChange = -Infinity;
  }

  async start() {
    this.child = spawn(process.execPath, this.o.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    this.child.stderr.on('data', (d) => (this.stderr = (this.stderr + d).slice(-4000)));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    this.child.on('exit', (code) => {
      if (!this.stopping) for (const list of this.waiters.values()) for (const w of list) w.reject(new Error(`${this.o.name} exited (${code}): ${this.stderr}`));
    });
    const c = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.c = c;
    c.onNotification('textDocument/publishDiagnostics', (p) => {
      const t = performance.now();
      const list = this.waiters.get(p.uri);
      if (!list) return;
      const keep = [];
      for (const w of list) {
        // Our server sends the version; yaml-language-server does not (then the first publish after the change is it).
        if (p.version === undefined || p.version === null || p.version === w.version) w.resolve({ t, diagnostics: p.diagnostics });
        else keep.push(w);
      }
      if (keep.length) this.waiters.set(p.uri, keep);
      else this.waiters.delete(p.uri);
    });
    this.logs = [];
    c.onNotification('window/logMessage', (p) => this.logs.push(p.message));
    c.onNotification(() => undefined); // telemetry, ...
    c.onRequest('workspace/configuration', (p) => {
      this.configRequests++;
      return p.items.map((i) => (i.section && i.section in this.o.settings ? this.o.settings[i.section] : null));
    });
    c.onRequest(() => null); // client/registerCapability, window/workDoneProgress/create, ...
    c.listen();
    await c.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'crmsync-bench' },
      rootUri: this.o.rootUri,
      workspaceFolders: [{ uri: this.o.rootUri, name: 'bench' }],
      capabilities: CAPABILITIES,
      initializationOptions: this.o.initializationOptions,
    });
    c.sendNotification('initialized', {});
    return this;
  }

  /** Sends workspace/didChangeConfiguration and waits until the server has pulled its settings. */
  async configure() {
    const before = this.configRequests;
    this.c.sendNotification('workspace/didChangeConfiguration', { settings: this.o.settings });
    const deadline = Date.now() + 10_000;
    while (this.configRequests === before && Date.now() < deadline) await sleep(10);
    await sleep(200); // let the server apply the settings
  }

  /** Resolves with the publishDiagnostics for (uri, version); times out after `timeoutMs`. */
  diagnosticsFor(uri, version, timeoutMs = 600_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.o.name}: no diagnostics for ${uri} v${version} in ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiters.get(uri) ?? [];
      list.push({ version, resolve: (r) => (clearTimeout(timer), resolve(r)), reject: (e) => (clearTimeout(timer), reject(e)) });
      this.waiters.set(uri, list);
    });
  }

  /** didOpen; resolves with { ms, diagnostics } once the first diagnostics arrive. */
  async open(uri, languageId, text) {
    const wait = this.diagnosticsFor(uri, 1);
    const t0 = performance.now();
    this.c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const r = await wait;
    return { ms: r.t - t0, diagnostics: r.diagnostics };
  }

  /**
   * One incremental didChange; resolves with { ms, diagnostics } for that version. It is sent at
   * least EDIT_PAUSE_MS after this client's previous change: each timed edit is a lone one.
   */
  async change(uri, version, range, text) {
    const since = performance.now() - this.lastChange;
    if (since < EDIT_PAUSE_MS) await sleep(EDIT_PAUSE_MS - since);
    const wait = this.diagnosticsFor(uri, version);
    const t0 = performance.now();
    this.lastChange = t0;
    this.c.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    const r = await wait;
    return { ms: r.t - t0, diagnostics: r.diagnostics };
  }

  /** A request, timed; resolves with { ms, result }. */
  async request(method, params) {
    const t0 = performance.now();
    const result = await this.c.sendRequest(method, params);
    return { ms: performance.now() - t0, result };
  }

  close(uri) {
    this.c.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Peak resident set size of the server process so far (VmHWM), in MiB. */
  peakRssMiB() {
    const m = /VmHWM:\s*(\d+)\s*kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  }

  async stop() {
    this.stopping = true;
    try {
      await Promise.race([this.c.sendRequest('shutdown'), sleep(5000)]);
      this.c.sendNotification('exit');
    } catch {
      /* already gone */
    }
    const gone = await Promise.race([this.exited, sleep(5000).then(() => null)]);
    if (!gone) this.child.kill('SIGKILL');
    this.c.dispose();
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
