/**
 * The Node server's access to configuration files: the `crmsync.config.*` that applies to a
 * `file:` document (walking up from its directory). Given to `startServer` by `main.ts` only;
 * the Web Worker server has no file system, so it has no configuration file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findConfig, isMissing, type FoundConfig } from '../config/find';

/** The configuration file for `uri`, or undefined (no file, or not a `file:` document). Throws when one exists but cannot be read. */
export function configForUri(uri: string): FoundConfig | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const file = fileURLToPath(uri);
  return findConfig(path.dirname(file), (p) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw new Error(`cannot read ${p}: ${(err as Error).message}`);
    }
  });
}
