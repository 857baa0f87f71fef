/**
 * Entry point of the bundled language server (`dist/server.js`, bin `crmsync-language-server`).
 * The transport comes from the command line: `--stdio` or `--node-ipc`. (Sockets and pipes are
 * not offered: the bundle has no `net`, so the server can open no connection.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { FrameRepair } from './framing';
import { configForUri } from './config-files';
import { startServer } from './server';

/**
 * The docs/rules.md shipped next to the bundle (`dist/server.js` → `docs/rules.md` in the
 * extension and the npm package): diagnostics and "Show documentation" link it, not the web.
 */
function shippedRulesDoc(): string | undefined {
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'docs', 'rules.md');
    if (fs.existsSync(file)) return pathToFileURL(file).href;
  }
  return undefined;
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write('Usage: crmsync-language-server --stdio | --node-ipc\n');
  process.exit(0);
}
if (args.includes('--version')) {
  process.stdout.write('crmsync-language-server\n');
  process.exit(0);
}
if (!args.some((a) => a === '--stdio' || a === '--node-ipc')) {
  process.stderr.write('crmsync-language-server: choose a transport: --stdio or --node-ipc\n');
  process.exit(2);
}

if (args.includes('--stdio')) {
  // stdin goes through FrameRepair, so that one badly framed message does not end the session.
  const input = process.stdin.pipe(
    new FrameRepair({ onDrop: (reason, bytes) => process.stderr.write(`crmsync: dropped ${bytes} bytes of input (${reason})\n`) }),
  );
  // stdout carries the protocol: anything a library prints goes to stderr (as vscode-languageserver
  // does itself when it is given --stdio rather than streams).
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    console[level] = (...values: unknown[]) => void process.stderr.write(format(...values) + '\n');
  }
  startServer(createConnection(ProposedFeatures.all, input, process.stdout), { configFile: configForUri, ruleDocsDocument: shippedRulesDoc() });
} else {
  startServer(createConnection(ProposedFeatures.all), { configFile: configForUri, ruleDocsDocument: shippedRulesDoc() });
}
