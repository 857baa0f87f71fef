/**
 * The public ids: docs/rule-ids.txt is the hand-kept list of every finding id crmsync may
 * produce (ids are public and final). The registry, the catalogue and docs/rules.md must say the
 * same, in the same order, and every domain rule has its own file named by its id.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { RULES } from '../../server/src/analysis';
import { catalog } from '../../server/src/analysis/catalog';
import { DRIFT_IDS, EXPORT_IDS } from '../../server/src/dataverse/command-ids';
import { repoPath } from '../harness/paths';

interface PublicId {
  readonly id: string;
  readonly kind: string;
}

function publicIds(): PublicId[] {
  return fs
    .readFileSync(repoPath('docs', 'rule-ids.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [id, kind, ...rest] = l.trim().split(/\s+/);
      assert.equal(rest.length, 0, `one id and one kind per line: ${l}`);
      return { id, kind };
    });
}

const SETS = new Set(['core', 'extended']);

test('docs/rule-ids.txt names each id once, with a known kind or set', () => {
  const ids = publicIds();
  assert.equal(new Set(ids.map((x) => x.id)).size, ids.length, 'no id twice');
  for (const { id, kind } of ids) {
    assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?$/, `id form: ${id}`);
    assert.ok(SETS.has(kind) || ['parser', 'schema', 'reference', 'suppression'].includes(kind), `kind of ${id}: ${kind}`);
  }
});

test('the rule registry equals the public list of domain rules, in catalogue order and with their sets', () => {
  const domain = publicIds().filter((x) => SETS.has(x.kind));
  assert.deepEqual(
    RULES.map((r) => `${r.id} ${r.set}`),
    domain.map((x) => `${x.id} ${x.kind}`),
  );
  for (const { id } of domain) assert.ok(fs.existsSync(repoPath('server', 'src', 'analysis', 'rules', `${id}.ts`)), `rule file ${id}.ts`);
});

test('the catalogue (parser, schema, reference and suppression ids too) equals the public list', () => {
  assert.deepEqual(
    catalog().map((e) => `${e.id} ${e.kind === 'rule' ? e.set : e.kind}`),
    publicIds().map((x) => `${x.id} ${x.kind}`),
  );
});

test('docs/rules.md documents exactly the public ids: the plan checks and the export and diff findings', () => {
  const doc = fs.readFileSync(repoPath('docs', 'rules.md'), 'utf8');
  const documented = [...doc.matchAll(/^### (\S+)$/gm)].map((m) => m[1]).sort();
  const commandIds = [...EXPORT_IDS, ...DRIFT_IDS].map((e) => e.id);
  for (const id of commandIds) assert.match(id, /^(?:export|drift)\//, `command id form: ${id}`);
  assert.deepEqual(documented, [...publicIds().map((x) => x.id), ...commandIds].sort());
});
