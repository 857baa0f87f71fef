/** The analysis core stays pure: it imports only `yaml`, `ajv`, the schema and itself. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { filesUnder, repoPath } from '../harness/paths';

const CORE = repoPath('server', 'src', 'analysis');

test('server/src/analysis imports nothing but yaml, ajv (runtime helpers), the schema and itself', () => {
  const files = filesUnder(CORE, /\.ts$/);
  assert.ok(files.length > 5);
  const bad: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
      (m) => m[1] ?? m[2] ?? m[3],
    );
    for (const s of specifiers) {
      if (s === 'yaml' || s === 'ajv' || s.startsWith('ajv/dist/runtime/')) continue;
      if (s.startsWith('.')) {
        const target = path.resolve(path.dirname(file), s);
        if (target.startsWith(CORE) || target === repoPath('schemas', 'crmsync.schema.json')) continue;
      }
      bad.push(`${path.relative(CORE, file)}: ${s}`);
    }
    if (/\bprocess\.|\bglobalThis\.process\b|\beval\(|new Function\(/.test(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))) {
      bad.push(`${path.relative(CORE, file)}: uses process, eval or new Function`);
    }
  }
  assert.deepEqual(bad, []);
});
