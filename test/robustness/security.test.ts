/**
 * Security guarantees: the language server and the CLI make no network connections, start no
 * processes and load the schema only from the bundle; the analysis core compiles no code at run
 * time; a literal password never appears in messages, logs, hovers or CLI output; and
 * `plaintext-secret` fires on every literal password, whatever its YAML form.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { type Analysis } from '../../server/src/analysis';
import { completeAt, hoverAt, symbolsOf } from '../../server/src/ide';
import { analyze } from '../harness/check';
import { repoPath, ROOT } from '../harness/paths';
import { RawServer } from './raw-server';

const FORBIDDEN = ['http', 'https', 'net', 'tls', 'dgram', 'child_process', 'http2', 'dns', 'vm', 'worker_threads', 'cluster', 'inspector'];
const isForbidden = (spec: string) => FORBIDDEN.includes(spec.replace(/^node:/, ''));

/** Module names the bundle `require`s at run time (string literals, not requires inside strings). */
function requiresOf(bundle: string): string[] {
  const out = new Set<string>();
  for (const m of bundle.matchAll(/(?<![\w$.'"`])require\(\s*(["'])([^"']+)\1\s*\)/g)) out.add(m[2]);
  return [...out].sort();
}

/** Dynamic code: eval, new Function, Function(...), or the vm module. */
function dynamicCodeIn(bundle: string): string[] {
  const hits: string[] = [];
  for (const re of [/(?<![\w$.])eval\s*\(/g, /\bnew\s+Function\s*\(/g, /(?<![\w$.])Function\s*\(\s*["'`]/g]) {
    for (const m of bundle.matchAll(re)) hits.push(bundle.slice(Math.max(0, m.index - 60), m.index + 60).replace(/\s+/g, ' '));
  }
  return hits;
}

let tmp: string | undefined;
function tempDir(): string {
  tmp ??= fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-security-'));
  return tmp;
}
test.after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * Bundles `entry` as scripts/build.mjs does (for Node, or with `web` as the web extension's
 * bundles for the browser), into a temp dir; returns the code and the metafile.
 */
async function bundle(entry: string, web?: { format: 'cjs' | 'iife' }): Promise<{ code: string; metafile: Metafile }> {
  const outfile = path.join(tempDir(), `${path.basename(entry, '.ts')}${web ? '.web' : ''}.bundle.js`);
  const platform = web
    ? { platform: 'browser' as const, target: 'es2022', format: web.format, mainFields: ['browser', 'module', 'main'], external: ['vscode'] }
    : { platform: 'node' as const, target: 'node20', format: 'cjs' as const };
  const r = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    ...platform,
    metafile: true,
    logLevel: 'silent',
    define: { __CRMSYNC_VERSION__: '"0.0.0-test"' },
  });
  return { code: fs.readFileSync(outfile, 'utf8'), metafile: r.metafile };
}

/** Forbidden modules imported by the bundle's inputs, as "module <- importer". */
function forbiddenImports(metafile: Metafile): string[] {
  const out: string[] = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imp of input.imports) if (imp.external && isForbidden(imp.path)) out.push(`${imp.path} <- ${file}`);
  }
  return [...new Set(out)].sort();
}

test('the analysis core bundle and dist/cli.js require no network, process or code-loading module', async () => {
  const core = await bundle('server/src/analysis/index.ts');
  assert.deepEqual(forbiddenImports(core.metafile), []);
  assert.deepEqual(requiresOf(core.code).filter(isForbidden), []);
  const cli = fs.readFileSync(repoPath('dist', 'cli.js'), 'utf8');
  assert.deepEqual(requiresOf(cli).filter(isForbidden), [], 'dist/cli.js');
  assert.deepEqual(forbiddenImports((await bundle('server/src/cli.ts')).metafile), []);
});

test('dist/server.js requires no network or process module (the build stubs the ones its libraries import)', async () => {
  // vscode-jsonrpc imports net for --socket/--pipe and vscode-languageserver's files.js imports
  // child_process for global npm lookups; scripts/build.mjs replaces both with a module that throws.
  const server = await bundle('server/src/lsp/main.ts');
  assert.deepEqual(forbiddenImports(server.metafile), [
    'child_process <- node_modules/vscode-languageserver/lib/node/files.js',
    'net <- node_modules/vscode-jsonrpc/lib/node/main.js',
  ]);
  assert.deepEqual(requiresOf(fs.readFileSync(repoPath('dist', 'server.js'), 'utf8')).filter(isForbidden), []);
});

test('no eval or new Function in the analysis core bundle, dist/cli.js or dist/server.js', async () => {
  const core = await bundle('server/src/analysis/index.ts');
  assert.deepEqual(dynamicCodeIn(core.code), [], 'analysis core');
  assert.deepEqual(dynamicCodeIn(fs.readFileSync(repoPath('dist', 'cli.js'), 'utf8')), [], 'dist/cli.js');
  assert.deepEqual(dynamicCodeIn(fs.readFileSync(repoPath('dist', 'server.js'), 'utf8')), [], 'dist/server.js');
});

/** Node built-in modules: none may be left in a web bundle (vscode.dev has no Node). */
const NODE_BUILTINS = new Set(require('node:module').builtinModules.map((m: string) => m.replace(/^node:/, '')));

test('the web bundles (dist/web/) hold no Node built-in, no require but vscode, and no dynamic code', async () => {
  const server = fs.readFileSync(repoPath('dist', 'web', 'server.js'), 'utf8');
  const client = fs.readFileSync(repoPath('dist', 'web', 'extension.js'), 'utf8');
  assert.deepEqual(requiresOf(server), [], 'the Web Worker server requires nothing: everything is bundled');
  assert.deepEqual(requiresOf(client), ['vscode'], 'the web client requires only the vscode API');
  assert.deepEqual(dynamicCodeIn(server), [], 'dist/web/server.js');
  assert.deepEqual(dynamicCodeIn(client), [], 'dist/web/extension.js');
  // The same inputs as scripts/build.mjs, for the browser: which Node built-ins any input imports.
  for (const [entry, format] of [['server/src/lsp/worker.ts', 'iife'], ['client/src/web-extension.ts', 'cjs']] as const) {
    const { metafile } = await bundle(entry, { format });
    const builtins = Object.entries(metafile.inputs).flatMap(([file, input]) =>
      input.imports.filter((i) => NODE_BUILTINS.has(i.path.replace(/^node:/, ''))).map((i) => `${i.path} <- ${file}`),
    );
    assert.deepEqual(builtins, [], entry);
  }
});

/**
 * A preload that records, on stderr, every network or process call and every file the process
 * reads, so a real run of the built server or CLI can be checked.
 */
function writeSpy(): string {
  const file = path.join(tempDir(), 'spy.js');
  fs.writeFileSync(
    file,
    `'use strict';
const fs = require('fs');
const report = (what) => fs.writeSync(2, 'SPY ' + what + '\\n');
const wrap = (mod, name, label) => {
  const m = require(mod);
  const orig = m[name];
  if (typeof orig !== 'function') return;
  m[name] = function (...args) { report(label + ' ' + String(typeof args[0] === 'object' ? JSON.stringify(args[0]) : args[0])); return orig.apply(this, args); };
};
for (const n of ['request', 'get']) { wrap('http', n, 'NET http.' + n); wrap('https', n, 'NET https.' + n); }
for (const n of ['connect', 'createConnection', 'createServer']) wrap('net', n, 'NET net.' + n);
const net = require('net');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) { report('NET socket.connect ' + JSON.stringify(args[0])); return connect.apply(this, args); };
wrap('tls', 'connect', 'NET tls.connect');
wrap('dgram', 'createSocket', 'NET dgram.createSocket');
for (const n of ['lookup', 'resolve']) wrap('dns', n, 'NET dns.' + n);
for (const n of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) wrap('child_process', n, 'PROC child_process.' + n);
if (typeof globalThis.fetch === 'function') { const f = globalThis.fetch; globalThis.fetch = function (...a) { report('NET fetch ' + String(a[0])); return f.apply(this, a); }; }
for (const n of ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream']) wrap('fs', n, 'READ');
`,
  );
  return file;
}

/**
 * The SPY lines of a run, except the reads of bin/, dist/, the allowed files and the
 * configuration files looked for above the plans (crmsync.config.json|yaml|yml, README
 * "Configuration file").
 */
function spied(stderr: string, allowedReads: string[]): string[] {
  const allowed = new Set(allowedReads.map((p) => path.resolve(p)));
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('SPY '))
    .filter((l) => {
      const m = /^SPY READ (.*)$/.exec(l);
      if (!m) return true;
      const p = path.resolve(m[1]);
      const config = /^crmsync\.config\.(json|ya?ml)$/.test(path.basename(p));
      return !(p.startsWith(repoPath('bin') + path.sep) || p.startsWith(repoPath('dist') + path.sep) || allowed.has(p) || config);
    });
}

const PW = 'Sup3r-Secret-Value!';

const PLAN_HEAD = `version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  pop: { kind: pop3Smtp, provider: other }
systemSettings:
  defaults: { serverProfile: pop }
serverProfiles:
  pop:
    serverType: pop3Smtp
    mailSystem: pop
`;
const PLAN_TAIL = `mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
`;

/** Plans with a literal password in each YAML form, and where plaintext-secret must point. */
const PASSWORD_FORMS: Record<string, { text: string; at: string[] }> = {
  'plain scalar': {
    text: `${PLAN_HEAD}    incoming:\n      authenticateUsing: serverProfile\n      username: svc\n      password: ${PW}\n${PLAN_TAIL}`,
    at: [PW],
  },
  'double-quoted in a flow map': {
    text: `${PLAN_HEAD}    incoming: { serverLocation: pop.contoso.com, useSsl: true, authenticateUsing: serverProfile, username: svc, password: "${PW}" }\n${PLAN_TAIL}`,
    at: [`"${PW}"`],
  },
  'single-quoted': {
    text: `${PLAN_HEAD}    incoming:\n      authenticateUsing: serverProfile\n      username: svc\n      password: '${PW}'\n${PLAN_TAIL}`,
    at: [`'${PW}'`],
  },
  'literal block scalar': {
    text: `${PLAN_HEAD}    incoming:\n      authenticateUsing: serverProfile\n      username: svc\n      password: |\n        ${PW}\n${PLAN_TAIL}`,
    at: [`|\n        ${PW}\n`],
  },
  'folded block scalar': {
    text: `${PLAN_HEAD}    incoming:\n      authenticateUsing: serverProfile\n      username: svc\n      password: >-\n        ${PW}\n${PLAN_TAIL}`,
    at: [`>-\n        ${PW}\n`],
  },
  'anchor and alias': {
    text:
      `${PLAN_HEAD}    incoming:\n      authenticateUsing: serverProfile\n      username: svc\n      password: &pw "${PW}"\n` +
      `    useSameSettingsForOutgoing: false\n    outgoing:\n      authenticateUsing: serverProfile\n      username: svc\n      password: *pw\n` +
      `mailboxes:\n  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved, credentials: { allowUse: true, username: alice, password: *pw } }\n`,
    // Aliases resolve before checking: every use is reported on the anchored node.
    at: [`"${PW}"`, `"${PW}"`, `"${PW}"`],
  },
  'mailbox credentials': {
    text: `${PLAN_HEAD}    incoming: { authenticateUsing: userOrQueue }\nmailboxes:\n  alice:\n    kind: user\n    credentials:\n      allowUse: true\n      username: alice\n      password: "${PW}"\n`,
    at: [`"${PW}"`],
  },
  number: {
    text: `${PLAN_HEAD}    incoming: { authenticateUsing: serverProfile, username: svc, password: 12345678 }\n${PLAN_TAIL}`,
    at: ['12345678'],
  },
  boolean: {
    text: `${PLAN_HEAD}    incoming: { authenticateUsing: serverProfile, username: svc, password: true }\n${PLAN_TAIL}`,
    at: ['true'],
  },
  'tagged !!str': {
    text: `${PLAN_HEAD}    incoming: { authenticateUsing: serverProfile, username: svc, password: !!str 2024 }\n${PLAN_TAIL}`,
    at: ['2024'],
  },
};

test('plaintext-secret fires on every literal password, whatever its YAML form', () => {
  for (const [form, { text, at }] of Object.entries(PASSWORD_FORMS)) {
    const found = analyze(text).findings.filter((f) => f.ruleId === 'plaintext-secret');
    assert.deepEqual(
      found.map((f) => text.slice(f.span.start, f.span.end)),
      at,
      form,
    );
  }
  // A secret reference is not a literal.
  const ref = PASSWORD_FORMS['plain scalar'].text.replace(`password: ${PW}`, 'password: { secretRef: "env:POP_PASSWORD" }');
  assert.deepEqual(
    analyze(ref).findings.filter((f) => f.ruleId === 'plaintext-secret'),
    [],
  );
});

/** Offsets of every line that holds the password (or its alias). */
function passwordLineOffsets(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.includes(PW) || /password/.test(line)) for (let o = start; o <= start + line.length; o++) out.push(o);
    start += line.length + 1;
  }
  return out;
}

function assertNoSecret(what: string, s: unknown): void {
  const text = typeof s === 'string' ? s : JSON.stringify(s);
  assert.ok(!text.includes(PW), `${what} contains the password:\n${text.slice(Math.max(0, text.indexOf(PW) - 300), text.indexOf(PW) + 100)}`);
}

test('the analysis never repeats a literal password: findings, fixes, hovers, completions, symbols', () => {
  for (const [form, { text }] of Object.entries(PASSWORD_FORMS)) {
    const analysis: Analysis = analyze(text);
    assertNoSecret(`${form}: findings`, { findings: analysis.findings, suppressed: analysis.suppressed });
    for (const offset of passwordLineOffsets(text)) {
      assertNoSecret(`${form}: hover at ${offset}`, hoverAt(analysis, offset) ?? '');
      assertNoSecret(`${form}: completion at ${offset}`, completeAt(analysis, offset));
    }
    assertNoSecret(`${form}: symbols`, symbolsOf(analysis));
  }
});

function writePlans(): string[] {
  const dir = path.join(tempDir(), 'plans');
  fs.mkdirSync(dir, { recursive: true });
  return Object.entries(PASSWORD_FORMS).map(([form, { text }]) => {
    const file = path.join(dir, `${form.replace(/\W+/g, '-')}.crmsync.yaml`);
    fs.writeFileSync(file, text);
    return file;
  });
}

test('the CLI (text, json, sarif, github, azure, junit) never prints a literal password, makes no network call, starts no process and reads only the plans', () => {
  const files = writePlans();
  const spy = writeSpy();
  for (const format of ['text', 'json', 'sarif', 'github', 'azure', 'junit']) {
    const r = spawnSync(process.execPath, ['--require', spy, repoPath('bin', 'crmsync.js'), 'check', '--format', format, ...files], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assertNoSecret(`${format} stdout`, r.stdout);
    assertNoSecret(`${format} stderr`, r.stderr);
    assert.deepEqual(spied(r.stderr, files), [], `${format}: unexpected network, process or file access`);
    assert.equal(r.stdout.split(PW).length, 1);
  }
});

test('crmsync check --fix-dry-run does not print a literal password in its diff', () => {
  const files = writePlans();
  const r = spawnSync(process.execPath, [repoPath('bin', 'crmsync.js'), 'check', '--fix-dry-run', ...files], { encoding: 'utf8' });
  assert.match(r.stdout, /^\+.*secretRef/m, 'the diff moves the password to a secret reference');
  assertNoSecret('--fix-dry-run stdout', r.stdout);
  assertNoSecret('--fix-dry-run stderr', r.stderr);
});

test('a mapping used as a key that holds a password is not printed (messages, stderr)', () => {
  const text = `${PLAN_HEAD.replace('  pop:\n    serverType: pop3Smtp\n    mailSystem: pop\n', '')}  ? { password: "${PW}" }\n  : { serverType: pop3Smtp, mailSystem: pop, incoming: { authenticateUsing: userOrQueue } }\n${PLAN_TAIL}`;
  const file = path.join(tempDir(), 'complex-key.crmsync.yaml');
  fs.writeFileSync(file, text);
  const r = spawnSync(process.execPath, [repoPath('bin', 'crmsync.js'), 'check', file], { encoding: 'utf8' });
  assertNoSecret('stdout', r.stdout);
  assertNoSecret('stderr', r.stderr);
});

test('the language server never sends or logs a literal password, makes no network call and reads only its bundle', async () => {
  const server = new RawServer(false, ['--require', writeSpy()]);
  const client = server.client();
  try {
    await client.initialize({ debounceMs: 0 });
    let version = 1;
    const responses: unknown[] = [];
    for (const [form, { text }] of Object.entries(PASSWORD_FORMS)) {
      const uri = `file:///tmp/${form.replace(/\W+/g, '-')}.crmsync.yaml`;
      await client.open(uri, text, version++);
      await client.waitForDiagnostics(uri);
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line++) {
        if (!/password/.test(lines[line])) continue;
        for (let character = 0; character <= lines[line].length; character++) {
          responses.push(await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } }));
        }
        responses.push(await client.request('textDocument/completion', { textDocument: { uri }, position: { line, character: lines[line].length } }));
      }
      const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
      const diagnostics = client.diagnostics.get(uri)?.at(-1)?.diagnostics ?? [];
      responses.push(await client.request('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics } }));
      responses.push(await client.request('textDocument/documentSymbol', { textDocument: { uri } }));
      await client.close(uri);
    }
    assertNoSecret('hover, completion, code action and symbol responses', responses);
    assertNoSecret('published diagnostics', [...client.diagnostics.values()]);
    assertNoSecret('window/logMessage', client.logs);
    await client.shutdown();
    assert.equal(await server.exited, 0);
    assertNoSecret('server stderr', server.stderr);
    assert.deepEqual(spied(server.stderr, []), [], 'unexpected network, process or file access by the server');
  } finally {
    server.child.kill();
  }
});
