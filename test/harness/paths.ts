/** Locations of repository files from compiled tests (out/test/...) or sources. */
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'schemas'))) return dir;
    dir = path.dirname(dir);
  }
  // Compiled elsewhere (a scratch outDir): the tests are run from the repository root.
  return process.cwd();
}

export const ROOT = findRoot();
export const repoPath = (...parts: string[]): string => path.join(ROOT, ...parts);

/** Every file under `dir` (recursively) whose name matches `re`, sorted. */
export function filesUnder(dir: string, re: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(full, re));
    else if (re.test(e.name)) out.push(full);
  }
  return out;
}
