// Bundles the extension client, the language server and the CLI into dist/ with esbuild, and the
// web extension's client and Web Worker server into dist/web/.
// Everything the server and the CLI need (yaml, ajv, the schema) is inside the bundle, so the
// packaged extension ships no node_modules.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

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

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...web, format: 'cjs', entryPoints: ['client/src/web-extension.ts'], outfile: 'dist/web/extension.js', external: ['vscode'] }),
  build({ ...web, format: 'iife', entryPoints: ['server/src/lsp/worker.ts'], outfile: 'dist/web/server.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', plugins: [noNetworkNoProcesses] }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
]);
