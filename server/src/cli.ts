/**
 * Entry point of the bundled CLI (`dist/cli.js`, bin `crmsync`): binds `runCli` to the real
 * process and file system.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from './cli/run';

declare const __CRMSYNC_VERSION__: string | undefined;
const VERSION = typeof __CRMSYNC_VERSION__ === 'string' ? __CRMSYNC_VERSION__ : '0.0.0-dev';

const PLAN = /\.crmsync\.ya?ml$/;

/** The plan files under `p`, sorted; `p` itself when it is a file (whatever its name). */
function discover(p: string): string[] {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return [p];
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && PLAN.test(e.name)) out.push(full);
    }
  };
  walk(p);
  return out;
}

const code = runCli(
  process.argv.slice(2),
  {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    discover,
    read: (p) => fs.readFileSync(p),
    write: (p, text) => {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, text);
    },
    listDir: (p) => (fs.statSync(p).isDirectory() ? fs.readdirSync(p, { withFileTypes: true }).filter((e) => !e.isDirectory()).map((e) => e.name) : undefined),
    readStdin: () => fs.readFileSync(0),
    cwd: process.cwd(),
  },
  VERSION,
);
process.exitCode = code;
