// Real VS Code without a desktop: code-server (VS Code server + web workbench) on loopback,
// driven by Debian's headless Chromium through playwright-core.
//  - every tool's state (HOME, XDG dirs, user data, extensions, TMPDIR, browser profile) lives
//    in the run's own directory;
//  - code-server runs in its own process group and is stopped by group (extension hosts and
//    language servers would linger otherwise);
//  - the browser may reach 127.0.0.1 only: every other request is aborted.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import util from 'node:util';

export const CODE_SERVER_VERSION = '4.100.3'; // VS Code 1.100.3; the last line whose engines.node is 20
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-crash-reporter', '--disable-breakpad',
  // The browser may only resolve loopback.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'git.enabled': false,
  'editor.hover.delay': 100,
  'editor.minimap.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
};

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Directories of one isolated VS Code instance under `dir`. */
export function stateDirs(dir) {
  const d = {
    root: dir,
    home: path.join(dir, 'home'),
    tmp: path.join(dir, 'tmp'),
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    logs: path.join(dir, 'logs'),
  };
  for (const p of Object.values(d)) fs.mkdirSync(p, { recursive: true });
  fs.mkdirSync(path.join(d.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(d.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return d;
}

/** The environment of code-server and everything it starts, confined to `dirs`. */
export function isolatedEnv(dirs, extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    // A launcher started from a VS Code terminal must not hand its IPC hooks to code-server.
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k.startsWith('npm_')) continue;
    env[k] = v;
  }
  return {
    ...env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    XDG_STATE_HOME: path.join(dirs.home, '.local', 'state'),
    TMPDIR: dirs.tmp,
    // No extension marketplace: code-server would otherwise query it, server side and in the browser.
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

/** `code-server --install-extension <vsix>` into the instance's extensions directory. */
export function installExtension(codeServer, dirs, vsix) {
  const out = execFileSync(
    codeServer,
    ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--force', '--install-extension', vsix],
    { env: isolatedEnv(dirs), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  fs.writeFileSync(path.join(dirs.logs, 'install-extension.log'), out);
  return out;
}

/**
 * Starts code-server on 127.0.0.1 in its own process group and waits for /healthz.
 * Resolves to { url, pid, stop() }.
 */
export async function startCodeServer(codeServer, dirs, extraEnv) {
  const port = await freePort();
  const help = execFileSync(codeServer, ['--help'], { env: isolatedEnv(dirs), encoding: 'utf8' });
  // Built workbenches ignore the extensionDevelopmentPath / extensionTestsPath payload unless the
  // server runs with VS Code's --enable-smoke-test-driver, which code-server forwards.
  const extra = help.includes('--vscode-option') ? ['--vscode-option', 'enable-smoke-test-driver'] : [];
  const log = fs.openSync(path.join(dirs.logs, 'code-server.log'), 'a');
  const child = spawn(
    codeServer,
    [
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--ignore-last-opened', ...extra,
    ],
    { env: isolatedEnv(dirs, extraEnv), stdio: ['ignore', log, log], detached: true },
  );
  fs.closeSync(log);
  let exited = false;
  child.on('exit', () => { exited = true; });
  const url = `http://127.0.0.1:${port}`;
  const server = { url, pid: child.pid, stop: () => stopGroup(child.pid, () => exited) };
  const deadline = Date.now() + 30000;
  for (;;) {
    if (exited) throw new Error(`code-server exited early; see ${path.join(dirs.logs, 'code-server.log')}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer /healthz within 30 s; see ${path.join(dirs.logs, 'code-server.log')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

const groupAlive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM to the whole process group, then SIGKILL to whatever is left after 5 s. */
export async function stopGroup(pgid, exited = () => false) {
  if (!groupAlive(pgid)) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 5000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  void exited;
}

async function loadPlaywright() {
  const { chromium } = await import('playwright-core');
  return chromium;
}

/** A fresh headless Chromium profile inside `dirs.tmp` whose pages can reach loopback only. */
export async function launchBrowser(dirs, viewport = { width: 1400, height: 800 }) {
  const chromium = await loadPlaywright();
  const profile = fs.mkdtempSync(path.join(dirs.tmp, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: CHROMIUM_ARGS,
    env: isolatedEnv(dirs),
  });
  const blocked = new Set();
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && u.hostname !== '127.0.0.1') {
      blocked.add(u.origin);
      return route.abort();
    }
    return route.continue();
  });
  return {
    context,
    blocked,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs an extension test suite (mocha index.js exporting run()) in the extension host of the
 * workbench, as @vscode/test-electron would on the desktop. Resolves to the exit code the
 * extension host reports (0 = all tests passed). `onLine` receives the extension host's console.
 */
export async function runExtensionTests({ url, dirs, workspace, extensionDevelopmentPath, extensionTestsPath, timeoutMs = 300000, onLine = console.log }) {
  const authority = new URL(url).host; // code-server's remote authority is host:port
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['extensionTestsPath', remote(extensionTestsPath)],
    ['skipWelcome', 'true'],
  ];
  // The payload key 'extensionEnvironment' is NOT honoured by code-server's remote extension
  // host: it inherits code-server's environment, so the caller sets variables there.
  const target = `${url}/?folder=${encodeURIComponent(path.resolve(workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const browser = await launchBrowser(dirs);
  try {
    const page = browser.context.pages()[0] || (await browser.context.newPage());
    if (process.env.CRMSYNC_E2E_DEBUG) page.on('console', (m) => onLine(`  [browser ${m.type()}] ${m.text().slice(0, 400)}`));
    page.on('pageerror', (e) => onLine(`  [pageerror] ${String(e).slice(0, 300)}`));
    const done = new Promise((resolve) => {
      // The workbench forwards the extension host's console to window.codeAutomationLog and its
      // exit code to window.codeAutomationExit when those exist.
      void page.exposeFunction('codeAutomationLog', (type, args) => onLine(util.format(...(args || [])).replace(/\n$/, '')));
      void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    await page.goto(target, { waitUntil: 'domcontentloaded' });
    let timer;
    const code = await Promise.race([done, new Promise((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); })]);
    clearTimeout(timer);
    if (code === 'timeout') {
      onLine(`  [launcher] timed out after ${timeoutMs} ms waiting for the extension host to exit`);
      return 3;
    }
    return Number(code);
  } finally {
    await browser.close();
  }
}
