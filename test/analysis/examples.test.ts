/**
 * Every plan in examples/ produces exactly the findings of its `# expect:` header: none
 * missing, none extra, each at the line and on the key or value its path names.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../harness/check';
import { lineOf, parseExpectations, startOf } from '../harness/expect';
import { filesUnder, repoPath } from '../harness/paths';

const examples = filesUnder(repoPath('examples'), /\.crmsync\.yaml$/);

test('examples/ holds the shared example plans', () => {
  assert.ok(examples.length >= 20, `only ${examples.length} examples`);
});

for (const file of examples) {
  const name = path.basename(file);
  test(`example ${name} gives exactly its expected findings`, () => {
    const text = fs.readFileSync(file, 'utf8');
    const exp = parseExpectations(text);
    assert.ok(exp.none || exp.items.length > 0, 'the example has no # expect: header');
    const analysis = analyze(text);
    const actual = analysis.findings.map((f) => `${lineOf(text, f.span.start)} ${f.severity} ${f.ruleId} @${f.span.start}`);
    const expected = exp.items.map((e) => {
      const start = startOf(analysis.parsed, e.path, e.part);
      return `${e.line} ${e.severity} ${e.ruleId} @${start ?? `<${e.path} not found>`}`;
    });
    const missing = expected.filter((e) => !actual.includes(e));
    const extra = actual.filter((a) => !expected.includes(a));
    const describe = (s: string) => {
      const f = analysis.findings.find((x) => `${lineOf(text, x.span.start)} ${x.severity} ${x.ruleId} @${x.span.start}` === s);
      return f ? `${s} — ${f.message}` : s;
    };
    assert.deepEqual(
      { missing, extra: extra.map(describe) },
      { missing: [], extra: [] },
      `${name}: findings differ from the # expect: header`,
    );
    assert.equal(actual.length, expected.length, `${name}: ${actual.length} findings, ${expected.length} expected`);
  });
}
