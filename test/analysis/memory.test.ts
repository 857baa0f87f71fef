/**
 * A long editing session keeps one version's worth of memory: chunks reused across versions do
 * not keep the texts they were cut from, and an analysis does not keep the one before it.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { exchangeOnlinePlan } from '../harness/plans';
import { createAnalyzer, type Analysis } from '../../server/src/analysis';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function plan(n: number): string {
  return exchangeOnlinePlan(n, (i) => [`  m${i}:`, '    kind: user', `    regarding: Person number ${i} of the sales department`, `    emailAddress: m${i}@contoso.com`, '    approval: approved']);
}

/** Types `# n` at the end of a line of mailbox `m(i*37 % n)`, as a user editing through the plan would. */
function edit(text: string, i: number, n: number): string {
  const at = text.indexOf(`\n  m${(i * 37) % n}:\n`) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(0, end) + ` # ${i}` + text.slice(end);
}

test('earlier analyses are released while the plan is edited', async () => {
  const analyzer = createAnalyzer();
  const n = 200;
  let text = plan(n);
  let previous: Analysis = analyzer.analyze(text);
  // What the next analysis reads of it (its layout, kept in its memo) must go too.
  const first = new WeakRef(previous.parsed.layout!);
  for (let i = 0; i < 20; i++) previous = analyzer.analyze((text = edit(text, i, n)), previous);
  // A WeakRef holds its target until the current job ends.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  assert.equal(first.deref(), undefined, 'the first version\'s layout is still reachable from the last analysis');
});

test('200 edits of a 3,000-mailbox plan do not keep each version of the text', () => {
  const analyzer = createAnalyzer();
  const n = 3000;
  let text = plan(n);
  let previous = analyzer.analyze(text);
  for (let i = 0; i < 5; i++) previous = analyzer.analyze((text = edit(text, i, n)), previous);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 5; i < 205; i++) previous = analyzer.analyze((text = edit(text, i, n)), previous);
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  // Each version's text is about 300 KB; keeping them would grow the heap by some 60 MB.
  assert.ok(grown < 15 * 2 ** 20, `the heap grew by ${(grown / 2 ** 20).toFixed(1)} MiB over 200 edits (text ${(text.length / 1024).toFixed(0)} KiB)`);
});
