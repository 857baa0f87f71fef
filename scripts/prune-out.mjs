// Removes compiled files in out/ whose TypeScript source is gone (a deleted or renamed test
// would otherwise still run from its stale out/ copy: `tsc` never deletes outputs).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'out');

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (/\.js(\.map)?$/.test(entry.name)) {
      const source = join(root, relative(out, path).replace(/\.js(\.map)?$/, '.ts'));
      if (!existsSync(source)) rmSync(path);
    }
  }
}

if (existsSync(out)) walk(out);
