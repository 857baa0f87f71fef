/** docs/rules.md and the README's rules table are generated from the registry and never stale. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { renderRulesDoc, withReadmeTable } from '../../server/src/tools/rules-doc';
import { repoPath } from '../harness/paths';

test('docs/rules.md is up to date (run `npm run docs`)', () => {
  assert.equal(fs.readFileSync(repoPath('docs', 'rules.md'), 'utf8'), renderRulesDoc());
});

test('the README rules table is up to date (run `npm run docs`)', () => {
  const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
  assert.ok(readme.includes('<!-- rules-table:start -->'), 'README has the table markers');
  assert.equal(readme, withReadmeTable(readme));
});

test('docs/rules.md lists exactly the catalogue of shared/spec/rules.md, plus the parser and schema ids', () => {
  const doc = fs.readFileSync(repoPath('docs', 'rules.md'), 'utf8');
  const documented = [...doc.matchAll(/^### (\S+)$/gm)].map((m) => m[1]);
  const catalogue = [...fs.readFileSync(repoPath('..', 'shared', 'spec', 'rules.md'), 'utf8').matchAll(/^\| `([a-z0-9-]+)` \| (?:core|ext) \|/gm)].map((m) => m[1]);
  const builtin = ['yaml-syntax', 'duplicate-key', 'schema/required', 'schema/additional-properties', 'schema/enum', 'schema/type', 'schema/range', 'schema/pattern', 'invalid-suppression', 'unknown-reference'];
  assert.deepEqual(documented.filter((id) => !builtin.includes(id)), catalogue);
  assert.deepEqual(documented.filter((id) => builtin.includes(id)).sort(), [...builtin].sort());
});
