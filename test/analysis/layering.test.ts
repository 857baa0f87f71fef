/**
 * The layering rules of `.dependency-cruiser.cjs` (run over the real tree by `npm run lint:deps`
 * in `npm test`) bite: over a scratch tree that breaks each of them, dependency-cruiser reports
 * every rule. What it cannot see, use of the `process` global, eval or `new Function` in the
 * core and the editor features, is checked here over the real sources.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { filesUnder, repoPath } from '../harness/paths';

/** A scratch tree with one breach of every rule. */
const BREACHES: Record<string, string> = {
  'server/src/analysis/index.ts': "import * as fs from 'node:fs';\nimport { a } from './cycle-a';\nimport { fromIde } from '../ide/index';\nexport const x = [fs, a, fromIde];\n",
  'server/src/analysis/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
  'server/src/analysis/cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a;\n",
  'server/src/analysis/uses-path.ts': "import * as p from 'path';\nexport const sep = p.sep;\n",
  'server/src/analysis/uses-a-package.ts': "import * as fc from 'fast-check';\nimport { nothing } from 'not-installed-anywhere';\nimport { t } from '../../../test/helper';\nexport const y = [fc, nothing, t];\n",
  'test/helper.ts': 'export const t = 1;\n',
  'server/src/ide/index.ts': "import { Range } from 'vscode-languageserver';\nimport * as os from 'node:os';\nimport { drawn } from '../overview/index';\nexport const fromIde = [Range, os, drawn];\n",
  'server/src/overview/index.ts': "import * as zlib from 'node:zlib';\nimport { main } from '../lsp/other';\nimport * as fc from 'fast-check';\nexport const drawn = [zlib, main, fc];\n",
  'server/src/dataverse/reader.ts': "import * as zlib from 'node:zlib';\nimport { run } from '../cli/run';\nimport * as fc from 'fast-check';\nexport const read = [zlib, run, fc];\n",
  'server/src/lsp/main.ts': "import { run } from '../cli/run';\nimport '../ide/index';\nexport const m = run;\n",
  'server/src/cli/run.ts': "import { main } from '../lsp/other';\nexport const run = main;\n",
  'server/src/lsp/other.ts': "export const main = 1;\n",
  'server/src/orphan.ts': 'export const nobody = 1;\n',
  'client/src/extension.ts': "import { parse } from 'yaml';\nimport { x } from '../../server/src/analysis/index';\nexport const e = [parse, x];\n",
};

function violations(): Set<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-layering-'));
  try {
    for (const [file, text] of Object.entries(BREACHES)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true } }));
    fs.symlinkSync(repoPath('node_modules'), path.join(dir, 'node_modules'), 'dir');
    const bin = repoPath('node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    let out: string;
    try {
      out = execFileSync(process.execPath, [bin, 'server/src', 'client/src', '--config', repoPath('.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
    } catch (err) {
      out = String((err as { stdout?: string }).stdout ?? ''); // exits non-zero when it finds violations
    }
    const result = JSON.parse(out) as { summary: { violations: { rule: { name: string } }[] } };
    return new Set(result.summary.violations.map((v) => v.rule.name));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('every layering rule reports its breach in a scratch tree', () => {
  const config = require(repoPath('.dependency-cruiser.cjs')) as { forbidden: { name: string }[] };
  const rules = config.forbidden.map((r) => r.name);
  assert.ok(rules.length >= 8, 'the rules are there');
  const found = violations();
  assert.deepEqual(rules.filter((r) => !found.has(r)), [], `found: ${[...found].join(', ')}`);
});

test('the core and the editor features use no process global, eval or new Function', () => {
  const files = [...filesUnder(repoPath('server', 'src', 'analysis'), /\.ts$/), ...filesUnder(repoPath('server', 'src', 'ide'), /\.ts$/)];
  assert.ok(files.length > 20);
  const bad = files.filter((f) => /\bprocess\.|\bglobalThis\.process\b|\beval\(|new Function\(/.test(fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
  assert.deepEqual(bad.map((f) => path.relative(repoPath(), f)), []);
});
