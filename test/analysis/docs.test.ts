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
