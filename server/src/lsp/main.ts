/**
 * Entry point of the bundled language server (`dist/server.js`, bin `crmsync-language-server`).
 * The transport comes from the command line: `--stdio` or `--node-ipc`. (Sockets and pipes are
 * not offered: the bundle has no `net`, so the server can open no connection.)
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

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

startServer(createConnection(ProposedFeatures.all));
