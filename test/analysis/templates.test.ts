/** The "New Plan…" templates: complete plans without an error or a warning, except the findings listed for them. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { TEMPLATES } from '../../client/src/templates';
import { analyze } from '../harness/check';
import { repoPath } from '../harness/paths';

// Template id → its errors and warnings by design ("<severity> <rule-id>"); keys starting with
// `//` are comments. The e2e suite (test/e2e/suite/ux.test.js) checks the same list in VS Code.
const CASES = Object.fromEntries(
  Object.entries(JSON.parse(fs.readFileSync(repoPath('test', 'fixtures', 'template-cases.json'), 'utf8')) as Record<string, unknown>).filter(([k]) => !k.startsWith('//')),
) as Record<string, string[]>;

test('template-cases.json lists every template once, and nothing else', () => {
  assert.deepEqual(Object.keys(CASES).sort(), TEMPLATES.map((t) => t.id).sort());
  assert.equal(new Set(TEMPLATES.map((t) => t.id)).size, TEMPLATES.length, 'template ids are unique');
  assert.equal(new Set(TEMPLATES.map((t) => t.label)).size, TEMPLATES.length, 'template labels are unique');
});

for (const t of TEMPLATES) {
  test(`template ${t.id} has no error or warning but the listed ones`, () => {
    const a = analyze(t.text);
    const serious = a.findings.filter((f) => f.severity !== 'info');
    assert.deepEqual(serious.map((f) => `${f.severity} ${f.ruleId}`).sort(), [...(CASES[t.id] ?? [])].sort(), serious.map((f) => `${f.ruleId}: ${f.message}`).join('\n'));
  });

  test(`template ${t.id} starts with a header comment that describes the topology`, () => {
    const first = t.text.split('\n')[0];
    assert.match(first, /^# \S/);
    assert.doesNotMatch(t.text, /matrix row|\bM\d\b/, 'the header names the topology, not an internal matrix row');
    assert.doesNotMatch(t.text, /^\s*username: [^@\s]*\\/m, 'user names are UPNs, not DOMAIN\\user');
  });
}
