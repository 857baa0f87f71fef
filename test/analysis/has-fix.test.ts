/**
 * A rule's `hasFix` (printed in docs/rules.md and as the SARIF tag `fixable`) is what its
 * findings do: true exactly when some finding of the rule, on the fixtures, the examples or the
 * docs plans, carries a quick fix.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { RULES } from '../../server/src/analysis';
import { catalog } from '../../server/src/analysis/catalog';
import { analyze } from '../harness/check';
import { filesUnder, repoPath } from '../harness/paths';

function plans(): string[] {
  const files = [...filesUnder(repoPath('test', 'fixtures'), /\.crmsync\.ya?ml$/), ...filesUnder(repoPath('examples'), /\.crmsync\.ya?ml$/)];
  const docs = RULES.flatMap((r) => [...r.docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]));
  return [...files.map((f) => fs.readFileSync(f, 'utf8')), ...docs];
}

test('hasFix of every rule and built-in check matches whether its findings carry fixes', () => {
  const seen = new Set<string>();
  const fixable = new Set<string>();
  for (const text of plans()) {
    for (const f of analyze(text).findings) {
      seen.add(f.ruleId);
      if (f.fixes.length > 0) fixable.add(f.ruleId);
    }
  }
  const wrong = catalog()
    .filter((e) => seen.has(e.id) && e.hasFix !== fixable.has(e.id))
    .map((e) => `${e.id}: hasFix ${e.hasFix}, findings ${fixable.has(e.id) ? 'with' : 'without'} fixes`);
  assert.deepEqual(wrong, []);
  // Every rule is seen, so none escapes the check.
  assert.deepEqual(RULES.map((r) => r.id).filter((id) => !seen.has(id)), []);
});
