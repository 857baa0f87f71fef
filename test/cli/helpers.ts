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

/**
 * The CLI script the tests run: `bin/crmsync.js` (→ dist/cli.js), or the bundle named by
 * CRMSYNC_CLI (a private build outside the repository).
 */
const CLI = process.env.CRMSYNC_CLI || repoPath('bin', 'crmsync.js');

/** Runs the CLI with `args` in `cwd`; `input` is its standard input. */
export function crmsync(args: readonly string[], cwd = ROOT, input?: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
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
