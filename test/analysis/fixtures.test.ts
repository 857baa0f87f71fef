/**
 * Every fixture under test/fixtures is checked against its inline annotations. Set
 * UPDATE_FIXTURES=1 to rewrite the annotations from the actual output (then review the diff).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { actualOf, compare, parseAnnotations, rewriteAnnotations } from '../harness/annotations';
import { analyze } from '../harness/check';
import { filesUnder, repoPath } from '../harness/paths';

// Plans under these folders are inputs of other tests, whose expectations live in those tests
// (the lenses' counts, the Dataverse import's byte-for-byte plan), not in inline annotations.
const INPUT_FOLDERS = ['lenses', 'dataverse'];
const fixtures = filesUnder(repoPath('test', 'fixtures'), /\.crmsync\.ya?ml$/)
  .filter((f) => !/\.fixed\.crmsync\.ya?ml$/.test(f))
  .filter((f) => !INPUT_FOLDERS.includes(path.relative(repoPath('test', 'fixtures'), f).split(path.sep)[0]));

for (const file of fixtures) {
  const name = path.relative(repoPath('test', 'fixtures'), file);
  test(`fixture ${name}`, () => {
    const text = fs.readFileSync(file, 'utf8');
    const analysis = analyze(text);
    const actual = analysis.findings.map((f) => actualOf(text, f));
    if (process.env.UPDATE_FIXTURES === '1') {
      const updated = rewriteAnnotations(text, actual);
      if (updated !== text) fs.writeFileSync(file, updated);
      return;
    }
    const diff = compare(parseAnnotations(text), actual);
    assert.equal(diff, '', `${name}:\n${diff}`);
  });
}

test('fixture directories exist', () => {
  assert.ok(fixtures.length > 0, 'no fixtures found');
});
