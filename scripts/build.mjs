// Bundles the extension client, the language server and the CLI into dist/ with esbuild, the
// web extension's client and Web Worker server into dist/web/, and the plan overview webview's
// page into dist/media/ (its script, and its stylesheet followed by the diagram's).
// Everything the server and the CLI need (yaml, ajv, the schema) is inside the bundle, so the
// packaged extension ships no node_modules.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { __CRMSYNC_VERSION__: JSON.stringify(pkg.version) },
};

/** Replaces `net` and `child_process` with a module that throws if ever used (server bundle only). */
const noNetworkNoProcesses = {
  name: 'no-network-no-processes',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(net|child_process)$/ }, () => ({ path: new URL('./stubs/unavailable.cjs', import.meta.url).pathname }));
  },
};

/** The web extension (vscode.dev, github.dev): the client for the browser, the server for a Web Worker. */
const web = { ...common, platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'] };

/**
 * The overview webview's page (client/src/overview.ts): its script as written (checked by
 * esbuild for the webview's Chromium), and one stylesheet — the page's own rules, then the
 * diagram's from server/src/overview/styles.ts (overviewCss('vscode')), the one source of the
 * SVG's classes, so the webview's CSP needs no inline style and the client no server code.
 */
async function overviewMedia() {
  mkdirSync('dist/media', { recursive: true });
  const styles = await build({ entryPoints: ['server/src/overview/styles.ts'], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'warning' });
  const { overviewCss } = await import(`data:text/javascript;base64,${Buffer.from(styles.outputFiles[0].text).toString('base64')}`);
  writeFileSync('dist/media/overview.css', `${readFileSync('client/media/overview.css', 'utf8')}\n/* The diagram: server/src/overview/styles.ts, overviewCss('vscode'). */\n${overviewCss('vscode')}`);
  await build({ entryPoints: ['client/media/overview.js'], outfile: 'dist/media/overview.js', bundle: false, platform: 'browser', target: 'chrome114', logLevel: 'warning' });
}

await Promise.all([
  overviewMedia(),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...web, format: 'cjs', entryPoints: ['client/src/web-extension.ts'], outfile: 'dist/web/extension.js', external: ['vscode'] }),
  build({ ...web, format: 'iife', entryPoints: ['server/src/lsp/worker.ts'], outfile: 'dist/web/server.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', plugins: [noNetworkNoProcesses] }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
]);
