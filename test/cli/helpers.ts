/** Shared by the CLI tests: the built CLI spawned as users run it, and scratch directories. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoPath, ROOT } from '../harness/paths';

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bin/crmsync.js` (→ dist/cli.js) with `args` in `cwd`. */
export function crmsync(args: readonly string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [repoPath('bin', 'crmsync.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A new empty directory; its real path (no symlinks), so that it can be compared with what the CLI prints. */
export function scratchDir(name = 'crmsync-cli-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), name)));
}

/** Writes `text` to `dir/rel` (creating directories) and returns the absolute path. */
export function writeFile(dir: string, rel: string, text: string): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export const example = (name: string): string => fs.readFileSync(repoPath('examples', name), 'utf8');

/** The summary line of a text report (its last line). */
export function summary(stdout: string): string {
  const lines = stdout.trimEnd().split('\n');
  return lines[lines.length - 1];
}
