#!/usr/bin/env node
// `npm run test:e2e`: the extension in real VS Code.
//
// Host: @vscode/test-electron's runTests() when a desktop VS Code can be had
// (CRMSYNC_VSCODE_EXECUTABLE=<path>, or CRMSYNC_E2E_HOST=electron to download one where the
// network allows); otherwise code-server (VS Code server + web workbench) driven by Debian's
// headless Chromium. Runs, each in its own state directory under the work dir:
//   dev       the suite (test/e2e/index.js) against this folder (extensionDevelopmentPath)
//   vsix      the suite against the packaged crmsync-<version>.vsix, installed like a user does
//   ui        (code-server only) squiggle, Problems count, status bar, hover, screenshot; the
//             walkthrough and the plan overview (Command Palette, a click), each screenshotted
//   negative  the suite against a copy whose dist/server.js drops every diagnostic of one rule:
//             it MUST fail, in tests that pass in the dev run (a suite that cannot fail is caught)
//   webhost   (code-server only) the .vsix in the browser's web worker extension host
//             (remote.extensionKind web, the installed copy's Node entries deleted), then the UI
//             check: the web extension as vscode.dev would run it
//   web       (needs Chromium) dist/web/server.js in a Web Worker of headless Chromium, driven
//             over postMessage: diagnostics, hover, completion, code actions and symbols of
//             every example equal the Node server's (web-worker.mjs)
//
// Environment:
//   CRMSYNC_E2E_RUNS      comma list of runs (default web,dev,vsix,ui,webhost,negative)
//   CRMSYNC_NEGATIVE_CONTROL=0   skip the negative control
//   CRMSYNC_E2E_EXAMPLES  regex: only these example files in the per-example group
//   CRMSYNC_E2E_CACHE     where code-server is installed once (default ~/.cache/crmsync-e2e)
//   CRMSYNC_E2E_WORK      work dir for all state (default .e2e-work/, emptied first)
//   CRMSYNC_E2E_DEBUG=1   print the browser console too
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_VERSION, CHROMIUM, installExtension, runExtensionTests, startCodeServer, stateDirs, isolatedEnv } from './code-server.mjs';
import { uiCheck } from './ui-check.mjs';
import { webWorkerCheck } from './web-worker.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const WORK = path.resolve(process.env.CRMSYNC_E2E_WORK || path.join(ROOT, '.e2e-work'));
const CACHE = path.resolve(process.env.CRMSYNC_E2E_CACHE || path.join(os.homedir(), '.cache', 'crmsync-e2e'));
const RESULTS = path.join(ROOT, 'test-results');
const SUITE = path.join(ROOT, 'test', 'e2e', 'index.js');
const SCREENSHOT = path.join(RESULTS, 'crmsync-ui.png');
const SCREENSHOT_WEB = path.join(RESULTS, 'crmsync-ui-web.png');
const SCREENSHOT_WALKTHROUGH = path.join(RESULTS, 'walkthrough.png');
const SCREENSHOT_OVERVIEW = path.join(RESULTS, 'overview.png');
const SCREENSHOT_OVERVIEW_WEB = path.join(RESULTS, 'overview-web.png');
/** The themes the overview is seen in after the default (light) one: its colours must follow. */
const OVERVIEW_THEMES = [
  { name: 'Dark Modern', bodyClass: 'vscode-dark', screenshot: path.join(RESULTS, 'overview-dark.png') },
  { name: 'Dark High Contrast', bodyClass: 'vscode-high-contrast', screenshot: path.join(RESULTS, 'overview-high-contrast.png') },
];
/** The plan of the overview screenshot (the README's): two profiles, three groups, errors, warnings and info. */
const OVERVIEW_PLAN = 'invalid-mailbox-credentials.crmsync.yaml';
/** The rule whose diagnostics the negative-control server drops (invalid-schema-errors has three). */
const NEGATIVE_RULE = 'schema/type';
/** The UI check's plan and its authentication value. */
const UI_PLAN = 'invalid-onprem-2016-exchange-online.crmsync.yaml';
const UI_AUTH_TEXT = 'authenticateUsing: anonymous';

const T0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
const step = (msg) => console.log(`\n=== [${secs(Date.now() - T0)}] ${msg}`);
const timings = {};
async function timed(name, fn) {
  const s = Date.now();
  try {
    return await fn();
  } finally {
    timings[name] = Date.now() - s;
  }
}

const runsWanted = new Set((process.env.CRMSYNC_E2E_RUNS || 'web,dev,vsix,ui,webhost,negative').split(',').map((s) => s.trim()).filter(Boolean));
if (process.env.CRMSYNC_NEGATIVE_CONTROL === '0') runsWanted.delete('negative');

const stoppers = new Set();
async function stopAll() {
  for (const stop of [...stoppers]) await stop().catch(() => {});
  stoppers.clear();
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    void stopAll().then(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Preparation

/** Editor-feature tests run only when the bundled server announces those capabilities. */
function featuresAnnounced() {
  return fs.readFileSync(path.join(ROOT, 'dist', 'server.js'), 'utf8').includes('hoverProvider');
}

/** A workspace folder with copies of examples/*.crmsync.yaml (tests may write settings there). */
function makeWorkspace(dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(path.join(ROOT, 'examples'))) {
    if (/\.crmsync\.ya?ml$/.test(f)) fs.copyFileSync(path.join(ROOT, 'examples', f), path.join(dir, f));
  }
  return dir;
}

/** Packs the extension with vsce, exactly as `npm run package` does, into the work dir. */
function packageVsix() {
  const out = path.join(WORK, `${PKG.name}-${PKG.version}.vsix`);
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  const log = execFileSync(vsce, ['package', '--no-dependencies', '-o', out], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  fs.writeFileSync(path.join(WORK, 'vsce.log'), log);
  const listing = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    .split('\n').filter(Boolean);
  const unexpected = listing.filter((f) => !/^(package\.json|dist\/(web\/)?(extension|server)\.js|dist\/cli\.js|dist\/media\/overview\.(js|css)$|syntaxes\/|language-configuration\.json|schemas\/|images\/icon\.png|README\.md|CHANGELOG\.md|LICENSE|docs\/rules\.md|docs\/walkthrough\/)/.test(f));
  if (unexpected.length) throw new Error(`the .vsix would contain unexpected files: ${unexpected.join(', ')}`);
  if (listing.some((f) => f.startsWith('node_modules/'))) throw new Error('the .vsix contains node_modules');
  // One .vsix carries the desktop and the web entries; it must stay small.
  if (fs.statSync(out).size > 1.5 * 1024 * 1024) throw new Error(`the .vsix is ${(fs.statSync(out).size / 1048576).toFixed(2)} MB, over 1.5 MB`);
  console.log(`packaged ${path.relative(ROOT, out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KB, ${listing.length} files)`);
  return out;
}

/**
 * A copy of the extension whose language server drops every diagnostic of NEGATIVE_RULE. The
 * copy's dist/server.js gets a prologue that filters textDocument/publishDiagnostics on the
 * IPC channel, so production code carries no test hook.
 */
function makeNegativeControl() {
  const dir = path.join(WORK, 'negative-extension');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'language-configuration.json', 'dist', 'syntaxes', 'schemas', 'images']) {
    if (fs.existsSync(path.join(ROOT, f))) fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  }
  const server = path.join(dir, 'dist', 'server.js');
  let text = fs.readFileSync(server, 'utf8');
  const prologue = `
/* crmsync e2e negative control: this copy drops every diagnostic of ${NEGATIVE_RULE}. */
(() => {
  const rule = ${JSON.stringify(NEGATIVE_RULE)};
  const drop = (m) => {
    if (m && m.method === 'textDocument/publishDiagnostics' && m.params && Array.isArray(m.params.diagnostics)) {
      m.params.diagnostics = m.params.diagnostics.filter((d) => d.code !== rule);
    }
    return m;
  };
  if (typeof process.send !== 'function') throw new Error('negative control expects the node-ipc transport');
  const send = process.send.bind(process);
  process.send = (m, ...rest) => send(drop(m), ...rest);
})();
`;
  const strict = /^(["'])use strict\1;\s*\n/.exec(text);
  text = strict ? strict[0] + prologue + text.slice(strict[0].length) : prologue + text;
  fs.writeFileSync(server, text);
  return dir;
}

/** An empty extension to pass as extensionDevelopmentPath when the real one is installed. */
function makeStubExtension() {
  const dir = path.join(WORK, 'stub-extension');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'crmsync-e2e-host', publisher: 'crmsync-e2e', version: '0.0.0', engines: { vscode: '*' } }, null, 2),
  );
  return dir;
}

/**
 * An `afterSuite` that runs the UI check on a clean copy of the examples (a suite leaves a
 * .vscode/ folder behind) and reports `{ ui: 'passed' | 'failed' }`; `timing` names its entry in
 * the timings line, if any.
 */
function uiCheckAfter(screenshot, label, timing, walkthroughScreenshot, overviewScreenshot, overviewThemes) {
  return async ({ server, dirs }) => {
    try {
      const workspace = makeWorkspace(path.join(dirs.root, 'ui', 'examples'));
      const s = Date.now();
      const r = await uiCheck({
        url: server.url,
        dirs,
        workspace,
        file: UI_PLAN,
        screenshot,
        log: (l) => console.log(`  ${l}`),
        ...uiExpectations(workspace),
        walkthrough: walkthroughScreenshot && walkthroughExpectations(walkthroughScreenshot),
        overview: overviewScreenshot && { ...overviewExpectations(workspace, overviewScreenshot), themes: overviewThemes },
      });
      if (timing) timings[timing] = Date.now() - s;
      return { ui: 'passed', ...r };
    } catch (e) {
      console.log(`  ${label} FAILED: ${e && e.stack ? e.stack : e}`);
      return { ui: 'failed', error: String(e) };
    }
  };
}

/** What the UI check expects, from the CLI (the same analyzer the server runs). */
function uiExpectations(workspace) {
  const file = path.join(workspace, UI_PLAN);
  // The CLI exits 1 when the plan has errors; its JSON report is on stdout either way.
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', '--format', 'json', file], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`crmsync check failed: ${r.stderr}`);
  const json = JSON.parse(r.stdout);
  const findings = json.files[0].findings;
  const count = (s) => findings.filter((f) => f.severity === s).length;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(UI_AUTH_TEXT)) + 1;
  if (line === 0) throw new Error(`${UI_PLAN} has no '${UI_AUTH_TEXT}'`);
  const column = lines[line - 1].indexOf(UI_AUTH_TEXT) + 'authenticateUsing: '.length + 3;
  const atAuth = findings.find((f) => f.line === line && f.column <= column && column <= f.endColumn);
  const hoverIncludes = [];
  if (atAuth) hoverIncludes.push(atAuth.message.split(' (')[0]);
  if (featuresAnnounced()) hoverIncludes.push('Without Credentials');
  if (!hoverIncludes.length) throw new Error(`no finding at ${UI_PLAN}:${line}:${column} and no hover provider: nothing to hover`);
  return {
    problems: { errors: count('error'), warnings: count('warning'), infos: count('info') },
    hoverAt: { line, column },
    hoverIncludes,
    statusIncludes: 'CRM on-premises → Exchange Online (anonymous)',
  };
}

/** The walkthrough as package.json contributes it: title, step titles, the hover step and its button. */
function walkthroughExpectations(screenshot) {
  const [w] = PKG.contributes.walkthroughs;
  const hover = w.steps.find((s) => s.id === 'hover');
  const button = /\[([^\]]+)\]\(command:/.exec(hover.description)[1];
  return { title: w.title, steps: w.steps.map((s) => s.title), open: hover.title, button, screenshot };
}

/**
 * What the plan overview of OVERVIEW_PLAN must show, from the CLI (the same model and drawing
 * code the server runs): the node ids of `crmsync explain --format svg`, the totals line of
 * `crmsync check`'s findings; and its first profile's node, with the line of its key, to click.
 */
function overviewExpectations(workspace, screenshot) {
  const file = path.join(workspace, OVERVIEW_PLAN);
  const cli = (args) => {
    // Both commands exit 1 when the plan has errors; their output is on stdout either way.
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args, file], { encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`crmsync ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  const nodes = [...cli(['explain', '--format', 'svg']).matchAll(/ data-node-id="([^"]+)"/g)].map((m) => m[1]);
  const findings = JSON.parse(cli(['check', '--format', 'json'])).files[0].findings;
  const n = (s) => findings.filter((f) => f.severity === s).length;
  const totals = findings.length === 0 ? 'No findings' : `${n('error')} error${n('error') === 1 ? '' : 's'} · ${n('warning')} warning${n('warning') === 1 ? '' : 's'} · ${n('info')} info`;
  const profile = nodes.find((id) => id.startsWith('profile:'));
  if (!profile) throw new Error(`${OVERVIEW_PLAN} has no profile node: ${nodes.join(', ')}`);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const section = lines.indexOf('serverProfiles:');
  const line = lines.findIndex((l, i) => i > section && l === `  ${profile.slice('profile:'.length)}:`) + 1;
  if (section < 0 || line === 0) throw new Error(`${OVERVIEW_PLAN}: no key line for ${profile}`);
  return { file: OVERVIEW_PLAN, nodes, totals, click: { nodeId: profile, line }, screenshot };
}

function ensureDeps() {
  const missing = [CHROMIUM, '/usr/bin/rg'].filter((p) => !fs.existsSync(p));
  if (!missing.length) return;
  console.log(`missing ${missing.join(', ')}: running scripts/e2e/install-deps.sh`);
  execFileSync('bash', [path.join(HERE, 'install-deps.sh')], { stdio: 'inherit' });
}

function ensureCodeServer() {
  const out = execFileSync('bash', [path.join(HERE, 'install-code-server.sh'), CODE_SERVER_VERSION, CACHE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop();
}

/**
 * The "CRM Sync" output channel, as VS Code logged it under the instance's user data: it must
 * show the server start and the settings at start and after the suite changed crmsync.rules.
 */
function checkOutputChannel(userData) {
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'CRM Sync.log') found.push(p);
    }
  };
  if (fs.existsSync(userData)) walk(userData);
  if (!found.length) return { ok: false, why: `no 'CRM Sync.log' under ${userData}` };
  const text = found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const want = [/language server started in \d+ ms/, /settings \(at start\): crmsync\.rules=/, /settings \(changed\): crmsync\.rules=\{"schema\/enum":"off"\}/];
  const missing = want.filter((re) => !re.test(text)).map(String);
  return missing.length ? { ok: false, why: `${found[0]} lacks ${missing.join(', ')}` } : { ok: true, file: found[0] };
}

const readResults = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

// ---------------------------------------------------------------------------------------------
// Hosts

/** code-server: one instance per run, each with its own state and environment. */
function codeServerHost(codeServer) {
  return {
    name: `code-server ${CODE_SERVER_VERSION} (VS Code 1.${CODE_SERVER_VERSION.split('.').slice(1).join('.')}) + ${execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0]} (headless)`,
    async suite({ run, devPath, install, env, quiet, afterSuite, skipSuite, settings, afterInstall }) {
      const dirs = stateDirs(path.join(WORK, run));
      if (settings) {
        const file = path.join(dirs.userData, 'User', 'settings.json');
        fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), ...settings }, null, 2));
      }
      const workspace = makeWorkspace(path.join(dirs.root, 'workspace'));
      if (install) installExtension(codeServer, dirs, install);
      if (afterInstall) afterInstall(dirs);
      const results = path.join(dirs.root, 'results.json');
      const server = await startCodeServer(codeServer, dirs, { ...env, CRMSYNC_E2E_RESULTS: results });
      stoppers.add(server.stop);
      const logFile = path.join(dirs.logs, 'extension-host.log');
      const onLine = (l) => {
        fs.appendFileSync(logFile, `${l}\n`);
        if (!quiet) console.log(`  ${l}`);
      };
      try {
        const code = skipSuite ? 0 : await runExtensionTests({ url: server.url, dirs, workspace, extensionDevelopmentPath: devPath, extensionTestsPath: SUITE, onLine });
        const extra = afterSuite ? await afterSuite({ server, dirs, workspace }) : undefined;
        return { code, results: readResults(results), log: logFile, extra };
      } finally {
        await server.stop();
        stoppers.delete(server.stop);
      }
    },
  };
}

/** Desktop VS Code through @vscode/test-electron (needs a display on Linux). */
async function electronHost(executable) {
  const { runTests, downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath } = require('@vscode/test-electron');
  const exe = executable || (await downloadAndUnzipVSCode({ version: 'stable', cachePath: path.join(CACHE, 'vscode') }));
  return {
    name: `VS Code desktop (${exe}) via @vscode/test-electron`,
    async suite({ run, devPath, install, env }) {
      const dirs = stateDirs(path.join(WORK, run));
      const workspace = makeWorkspace(path.join(dirs.root, 'workspace'));
      if (install) {
        const [cli, ...args] = resolveCliArgsFromVSCodeExecutablePath(exe);
        const r = spawnSync(cli, [...args, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', install, '--force'], { stdio: 'inherit', env: isolatedEnv(dirs) });
        if (r.status !== 0) throw new Error(`installing ${install} failed`);
      }
      const results = path.join(dirs.root, 'results.json');
      const iso = isolatedEnv(dirs);
      let code = 0;
      try {
        await runTests({
          vscodeExecutablePath: exe,
          extensionDevelopmentPath: devPath,
          extensionTestsPath: SUITE,
          extensionTestsEnv: { HOME: iso.HOME, TMPDIR: iso.TMPDIR, XDG_CONFIG_HOME: iso.XDG_CONFIG_HOME, XDG_CACHE_HOME: iso.XDG_CACHE_HOME, ...env, CRMSYNC_E2E_RESULTS: results },
          launchArgs: [workspace, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
        });
      } catch (e) {
        console.log(`  ${String(e && e.message ? e.message : e)}`);
        code = 1;
      }
      return { code, results: readResults(results) };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Main

/** A run passed only if the extension host said so AND its results list passing tests. */
function checkRan(label, r) {
  const tests = (r.results && r.results.tests) || [];
  if (r.code === 0 && (tests.length === 0 || tests.some((t) => t.state !== 'passed'))) {
    console.log(`  ${label}: exit 0 but ${tests.length ? 'some tests did not pass' : 'no test results were written'}: counted as a failure`);
    r.code = 5;
  }
}

function summarizeRun(r) {
  const tests = (r.results && r.results.tests) || [];
  const passed = tests.filter((t) => t.state === 'passed').length;
  const failed = tests.filter((t) => t.state === 'failed').length;
  return { tests, passed, failed };
}

function printGroups(label, r) {
  const tests = (r.results && r.results.tests) || [];
  const groups = new Map();
  for (const t of tests) {
    const g = groups.get(t.group) || { passed: 0, failed: 0 };
    g[t.state === 'passed' ? 'passed' : 'failed']++;
    groups.set(t.group, g);
  }
  for (const [g, c] of groups) console.log(`  ${label}: group "${g}" ran: ${c.passed} passed, ${c.failed} failed`);
  for (const g of (r.results && r.results.skipped) || []) console.log(`  ${label}: group "${g}" SKIPPED (dist/server.js does not announce hoverProvider)`);
  for (const t of tests.filter((x) => x.state === 'failed')) console.log(`  ${label}: FAILED ${t.title}\n      ${t.error.split('\n').slice(0, 12).join('\n      ')}`);
}

async function main() {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const features = featuresAnnounced();
  const env = {
    CRMSYNC_E2E_FEATURES: features ? '1' : '0',
    // The plan overview webview obeys the suite's clicks and key presses (test/e2e/suite/overview.test.js).
    CRMSYNC_E2E_WEBVIEW_HOOKS: '1',
    ...(process.env.CRMSYNC_E2E_EXAMPLES ? { CRMSYNC_E2E_EXAMPLES: process.env.CRMSYNC_E2E_EXAMPLES } : {}),
  };
  console.log(`editor-feature tests: ${features ? 'ON (dist/server.js announces hoverProvider)' : 'OFF (dist/server.js does not announce hoverProvider)'}`);

  // Host choice.
  const executable = process.env.CRMSYNC_VSCODE_EXECUTABLE;
  const wantElectron = Boolean(executable) || process.env.CRMSYNC_E2E_HOST === 'electron';
  let host;
  if (wantElectron) {
    step('host: desktop VS Code through @vscode/test-electron');
    host = await timed('host setup', () => electronHost(executable));
    runsWanted.delete('ui');
    runsWanted.delete('webhost');
    console.log('UI check and web extension host run: skipped (they drive the code-server workbench in Chromium)');
  } else {
    step(`host: code-server ${CODE_SERVER_VERSION} + headless Chromium (no desktop VS Code: set CRMSYNC_VSCODE_EXECUTABLE to use one)`);
    await timed('deps', async () => ensureDeps());
    const codeServer = await timed('code-server install (cached)', async () => ensureCodeServer());
    console.log(`code-server: ${codeServer}`);
    host = codeServerHost(codeServer);
  }
  console.log(host.name);

  const outcome = {};
  let failed = false;

  if (runsWanted.has('web')) {
    step('run "web": dist/web/server.js in a Web Worker of headless Chromium, against the Node server');
    if (!fs.existsSync(CHROMIUM)) {
      outcome.web = { failures: [`no Chromium at ${CHROMIUM} (scripts/e2e/install-deps.sh installs it)`] };
    } else {
      outcome.web = await timed('web worker', () => webWorkerCheck({ log: (l) => console.log(`  ${l}`) }));
    }
    for (const f of outcome.web.failures) console.log(`  web: FAILED: ${f}`);
    if (outcome.web.failures.length) failed = true;
  }

  if (runsWanted.has('dev')) {
    step('run "dev": suite against the extension folder (extensionDevelopmentPath)');
    outcome.dev = await timed('dev suite', () => host.suite({ run: 'dev', devPath: ROOT, env: { ...env, CRMSYNC_E2E_EXTENSION_ROOT: ROOT } }));
    checkRan('dev', outcome.dev);
    printGroups('dev', outcome.dev);
    outcome.output = checkOutputChannel(path.join(WORK, 'dev', 'user-data'));
    console.log(`  dev: output channel "CRM Sync": ${outcome.output.ok ? `server start and settings logged (${path.relative(ROOT, outcome.output.file)})` : `FAILED: ${outcome.output.why}`}`);
    if (!outcome.output.ok) failed = true;
    if (outcome.dev.code !== 0) failed = true;
  }

  let vsix;
  if (runsWanted.has('vsix') || runsWanted.has('ui') || runsWanted.has('webhost')) {
    step('package the .vsix with vsce');
    vsix = await timed('package', async () => packageVsix());
  }
  if (runsWanted.has('vsix') || runsWanted.has('ui')) {
    step('run "vsix": suite against the installed .vsix' + (runsWanted.has('ui') ? ', then the UI check' : ''));
    const stub = makeStubExtension();
    outcome.vsix = await timed('vsix suite + ui', () =>
      host.suite({
        run: 'vsix',
        devPath: stub,
        install: vsix,
        env: { ...env, CRMSYNC_E2E_EXTENSION_ROOT: path.join(WORK, 'vsix', 'extensions') },
        skipSuite: !runsWanted.has('vsix'),
        afterSuite: runsWanted.has('ui') ? uiCheckAfter(SCREENSHOT, 'UI check', 'ui check', SCREENSHOT_WALKTHROUGH, SCREENSHOT_OVERVIEW, OVERVIEW_THEMES) : undefined,
      }),
    );
    if (runsWanted.has('vsix')) {
      checkRan('vsix', outcome.vsix);
      printGroups('vsix', outcome.vsix);
      if (outcome.vsix.code !== 0) failed = true;
    }
    if (runsWanted.has('ui') && (!outcome.vsix.extra || outcome.vsix.extra.ui !== 'passed')) failed = true;
  }

  if (runsWanted.has('webhost')) {
    step('run "webhost": the .vsix in the web worker extension host (remote.extensionKind web; the installed Node entries deleted), then the UI check');
    outcome.webhost = await timed('web extension host + ui', () =>
      host.suite({
        run: 'webhost',
        install: vsix,
        skipSuite: true,
        settings: { 'remote.extensionKind': { 'crmsync.crmsync': ['web'] } },
        // Without dist/extension.js and dist/server.js the Node extension host could not run it:
        // whatever the UI check sees comes from dist/web/.
        afterInstall: (dirs) => {
          const installed = fs.readdirSync(dirs.extensions).find((d) => d.startsWith('crmsync.crmsync-'));
          for (const f of ['extension.js', 'server.js']) fs.rmSync(path.join(dirs.extensions, installed, 'dist', f));
        },
        afterSuite: uiCheckAfter(SCREENSHOT_WEB, 'web extension host UI check', undefined, undefined, SCREENSHOT_OVERVIEW_WEB),
      }),
    );
    if (!outcome.webhost.extra || outcome.webhost.extra.ui !== 'passed') failed = true;
  }

  if (runsWanted.has('negative')) {
    step(`run "negative": suite against a copy whose server drops every ${NEGATIVE_RULE} diagnostic -> must FAIL`);
    const dir = makeNegativeControl();
    outcome.negative = await timed('negative control', () =>
      host.suite({ run: 'negative', devPath: dir, env: { ...env, CRMSYNC_E2E_EXTENSION_ROOT: dir }, quiet: true }),
    );
    const neg = summarizeRun(outcome.negative);
    const devPassed = new Set(outcome.dev ? summarizeRun(outcome.dev).tests.filter((t) => t.state === 'passed').map((t) => t.title) : []);
    const caught = neg.tests.filter((t) => t.state === 'failed' && (!outcome.dev || devPassed.has(t.title)));
    for (const t of caught) console.log(`  negative: failed as required: ${t.title}\n      ${t.error.split('\n').slice(0, 6).join('\n      ')}`);
    outcome.negativeCaught = outcome.negative.code !== 0 && caught.length > 0;
    if (!outcome.negativeCaught) {
      failed = true;
      console.log(`  negative control NOT caught: exit ${outcome.negative.code}, ${caught.length} test(s) failed that pass in the dev run (log: ${outcome.negative.log})`);
    }
  }
  await stopAll();

  // Summary.
  step('summary');
  console.log(`host: ${host.name}`);
  let passed = 0;
  let failedCount = 0;
  for (const run of ['dev', 'vsix']) {
    if (!outcome[run] || !runsWanted.has(run)) continue;
    const s = summarizeRun(outcome[run]);
    passed += s.passed;
    failedCount += s.failed + (s.failed === 0 && outcome[run].code !== 0 ? 1 : 0);
    console.log(`${run.padEnd(9)} ${outcome[run].code === 0 ? 'PASS' : `FAIL (exit ${outcome[run].code})`}  ${s.passed} passed, ${s.failed} failed`);
  }
  if (outcome.output) {
    outcome.output.ok ? passed++ : failedCount++;
    console.log(`output    ${outcome.output.ok ? 'PASS' : 'FAIL'}  "CRM Sync" channel logs server start and settings`);
  }
  if (runsWanted.has('ui') && outcome.vsix) {
    const ok = outcome.vsix.extra && outcome.vsix.extra.ui === 'passed';
    ok ? passed++ : failedCount++;
    console.log(`ui        ${ok ? 'PASS' : 'FAIL'}  screenshot ${path.relative(ROOT, ok ? SCREENSHOT : SCREENSHOT.replace(/\.png$/, '-failure.png'))}${ok ? `, walkthrough ${path.relative(ROOT, SCREENSHOT_WALKTHROUGH)}, overview ${path.relative(ROOT, SCREENSHOT_OVERVIEW)}` : ''}`);
  }
  if (outcome.webhost) {
    const ok = outcome.webhost.extra && outcome.webhost.extra.ui === 'passed';
    ok ? passed++ : failedCount++;
    console.log(`webhost   ${ok ? 'PASS' : 'FAIL'}  the web extension in the web worker extension host: screenshot ${path.relative(ROOT, ok ? SCREENSHOT_WEB : SCREENSHOT_WEB.replace(/\.png$/, '-failure.png'))}${ok ? `, overview ${path.relative(ROOT, SCREENSHOT_OVERVIEW_WEB)}` : ''}`);
  }
  if (outcome.web) {
    const ok = outcome.web.failures.length === 0;
    ok ? passed++ : failedCount++;
    console.log(`web       ${ok ? 'PASS' : 'FAIL'}  Web Worker server in Chromium: ${outcome.web.examples ?? 0} examples identical to the Node server`);
  }
  if (runsWanted.has('negative')) {
    outcome.negativeCaught ? passed++ : failedCount++;
    const s = summarizeRun(outcome.negative);
    console.log(`negative  ${outcome.negativeCaught ? 'PASS: the suite failed as required' : 'FAIL: the suite did not fail'} (exit ${outcome.negative.code}; ${s.failed} failed, ${s.passed} passed)`);
  }
  const groups = outcome.dev || outcome.vsix;
  if (groups && groups.results) {
    const ran = [...new Set(groups.results.tests.map((t) => t.group))];
    console.log(`groups run: ${ran.join(', ')}${groups.results.skipped.length ? `; skipped: ${groups.results.skipped.join(', ')}` : ''}`);
  }
  console.log(`timings: ${Object.entries(timings).map(([k, v]) => `${k} ${secs(v)}`).join(', ')}; total ${secs(Date.now() - T0)}`);
  fs.writeFileSync(
    path.join(RESULTS, 'e2e-summary.json'),
    JSON.stringify({ host: host.name, features, timings, outcome: Object.fromEntries(Object.entries(outcome).map(([k, v]) => [k, typeof v === 'object' ? { code: v.code, results: v.results, extra: v.extra && { ui: v.extra.ui, error: v.extra.error } } : v])) }, null, 2),
  );
  console.log(`e2e: ${passed} passed, ${failedCount} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    console.error(err && err.stack ? err.stack : err);
    await stopAll();
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
