/**
 * Each rule's docs carry Invalid and Valid example plans that run as tests: every Invalid plan
 * yields the rule, every Valid plan yields none of it, and neither has parser or schema findings
 * (the examples must be real plans). Every rule of the catalogue has a rule file and fixtures.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { RULES } from '../../server/src/analysis';
import { analyze } from '../harness/check';
import { filesUnder, repoPath } from '../harness/paths';

function examplesOf(docs: string, heading: 'Invalid' | 'Valid'): string[] {
  const section = docs.split(/^### /m).find((s) => s.startsWith(`${heading}\n`)) ?? '';
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
}

for (const rule of RULES) {
  test(`rule ${rule.id}: docs examples`, () => {
    assert.ok(rule.summary && rule.summary !== 'TODO', 'has a summary');
    const invalid = examplesOf(rule.docs, 'Invalid');
    const valid = examplesOf(rule.docs, 'Valid');
    assert.ok(invalid.length > 0, 'has an Invalid example');
    assert.ok(valid.length > 0, 'has a Valid example');
    for (const [kind, plans] of [['Invalid', invalid], ['Valid', valid]] as const) {
      for (const plan of plans) {
        const ids = analyze(plan).findings.map((f) => f.ruleId);
        const broken = ids.filter((id) => id === 'yaml-syntax' || id === 'duplicate-key' || id.startsWith('schema/') || id === 'unknown-reference');
        assert.deepEqual(broken, [], `${kind} example has parser/schema findings:\n${plan}`);
        if (kind === 'Invalid') assert.ok(ids.includes(rule.id), `Invalid example does not yield ${rule.id} (got ${ids.join(', ') || 'nothing'}):\n${plan}`);
        else assert.ok(!ids.includes(rule.id), `Valid example yields ${rule.id}:\n${plan}`);
      }
    }
  });

  test(`rule ${rule.id}: has an invalid and a valid fixture`, () => {
    const dir = repoPath('test', 'fixtures', 'rules', rule.id);
    const files = filesUnder(dir, /\.crmsync\.ya?ml$/).filter((f) => !/\.fixed\./.test(f));
    const invalid = files.filter((f) => /\/invalid[^/]*$/.test(f));
    const valid = files.filter((f) => /\/valid[^/]*$/.test(f));
    assert.ok(invalid.length > 0, `no invalid fixture in ${dir}`);
    assert.ok(valid.length > 0, `no valid fixture in ${dir}`);
    for (const f of invalid) assert.ok(fs.readFileSync(f, 'utf8').includes(`[${rule.id}]`), `${f} does not annotate ${rule.id}`);
    for (const f of valid) {
      const ids = analyze(fs.readFileSync(f, 'utf8')).findings.map((x) => x.ruleId);
      assert.ok(!ids.includes(rule.id), `${f} yields ${rule.id}`);
    }
  });
}
