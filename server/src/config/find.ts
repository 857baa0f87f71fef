/**
 * Finds the project configuration of a plan: the first `crmsync.config.json` / `.yaml` / `.yml`
 * in the plan's directory or the nearest directory above it. Used by the CLI and by the Node
 * server (never by the core, which only checks the text: `analysis/config.ts`; the web server
 * has no file system and no configuration file).
 */
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../analysis/config';

export interface FoundConfig {
  /** Absolute path of the file. */
  readonly file: string;
  readonly text: string;
}

/**
 * Walks up from `startDir`. `tryRead` returns the file's text, undefined when there is no such
 * file, and throws when it exists but cannot be read (the error names the file for the caller).
 */
export function findConfig(startDir: string, tryRead: (file: string) => string | undefined): FoundConfig | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(dir, name);
      const text = tryRead(file);
      if (text !== undefined) return { file, text };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Whether a read error means "no such file" (so the walk goes on). */
export function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
