/** Shared by the export tests: `crmsync export` in-process over files on disk or in memory. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runExport } from '../../server/src/cli/export';
import { FIXTURES } from './import-helpers';

export interface ExportRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Files written, by absolute path. */
  readonly written: ReadonlyMap<string, string>;
}

/**
 * Runs `crmsync export <args>` in `cwd` (the fixture folder by default). `files` (absolute path →
 * text) are read before the disk, and a folder that holds some of them lists them.
 */
export function runExportIn(args: readonly string[], files: ReadonlyMap<string, string> = new Map(), cwd = FIXTURES): ExportRun {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, string>();
  const code = runExport(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    read: (p) => {
      const t = written.get(p) ?? files.get(p);
      return t !== undefined ? Buffer.from(t) : fs.readFileSync(p);
    },
    write: (p, text) => void written.set(p, text),
    listDir: (p) => {
      const inMemory = [...files.keys()].filter((f) => path.dirname(f) === p).map((f) => path.basename(f));
      if (inMemory.length > 0) return inMemory;
      return fs.statSync(p).isDirectory() ? fs.readdirSync(p) : undefined;
    },
    cwd,
  });
  return { code, stdout, stderr, written };
}

/** `<file>:<line>:<col> <severity> <id> <message>` lines of a report or an expected file. */
export function findingLines(text: string): string[] {
  return text.split('\n').filter((l) => /^[^#\s][^:]*:\d+:\d+ (error|warning|info) \S+\/\S+ /.test(l));
}
