/**
 * Property-based robustness of the analysis core on a fixed-seed sample (`npm run fuzz` runs
 * 100,000 cases): plans generated from the schema and the examples, mutated at random. For every
 * input the analysis never throws, finishes within a bound, and every finding has a non-empty
 * span inside the document (related spans too, fix edits inside the document); the editor
 * features never throw either. Fix-all terminates and never breaks the YAML.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatFailure, loadRegressions, runChunk, type ChunkOptions, type Failure, type Kind } from './fuzz-run';
import { checkEachFix, checkFeatures, checkFixAll, checkText } from './properties';

// The yaml package reports lossy conversions (collection keys) through process.emitWarning;
// keep them out of the test output (security.test.ts covers what they print).
process.removeAllListeners('warning');
process.on('warning', () => undefined);

const SEED = 20240601;

function run(kind: Kind, chunks: number, perChunk: number, opts: ChunkOptions = {}): { cases: number; failures: Failure[] } {
  let cases = 0;
  const failures: Failure[] = [];
  const known = new Set<string>();
  for (let i = 0; i < chunks; i++) {
    // Shrinking is capped so that a failing run stays short; `npm run fuzz` shrinks longer.
    const r = runChunk(kind, SEED + i, perChunk, { shrinkMs: 3000, shrinkTotalMs: 3000, known, ...opts });
    cases += r.cases;
    for (const f of r.failures) {
      if (!failures.some((g) => g.signature === f.signature)) failures.push(f);
      known.add(f.rawSignature);
    }
  }
  return { cases, failures };
}

test('fuzz: 1,600 generated and mutated plans — analysis never throws, stays within the bound, spans inside the document', () => {
  const { cases, failures } = run('analysis', 8, 200);
  assert.equal(cases, 1600);
  assert.deepEqual(failures.map(formatFailure), []);
});

test('fuzz: 150 plans — fix-all terminates and never introduces a yaml-syntax finding', () => {
  const { cases, failures } = run('fix-all', 3, 50);
  assert.equal(cases, 150);
  assert.deepEqual(failures.map(formatFailure), []);
});

test('fuzz: 150 plans — every quick fix applied alone keeps valid YAML valid', () => {
  const { cases, failures } = run('each-fix', 3, 50);
  assert.equal(cases, 150);
  assert.deepEqual(failures.map(formatFailure), []);
});

test('fuzz: 300 edit sequences — each version analysed incrementally equals its full analysis', () => {
  const { cases, failures } = run('incremental', 3, 100);
  assert.equal(cases, 300);
  assert.deepEqual(failures.map(formatFailure), []);
});

test('fuzz: 400 plans — no span starts or ends inside a surrogate pair', () => {
  const { failures } = run('analysis', 2, 200, { surrogates: true });
  assert.deepEqual(failures.map(formatFailure), []);
});

/**
 * Saved regressions that the product still fails, by file-name prefix, with the issue; a test
 * here is `todo` until the fix lands (then remove its entry).
 */
const OPEN_ISSUES: Record<string, string> = {};
const openIssue = (file: string) => Object.entries(OPEN_ISSUES).find(([prefix]) => file.startsWith(prefix))?.[1];

// Each saved input (test/robustness/regressions/, written by `npm run fuzz`) is checked again with
// the property it broke; small inputs get the editor features at every offset.
for (const r of loadRegressions()) {
  test(`fuzz regression ${r.file}`, { todo: openIssue(r.file) }, () => {
    if (r.kind === 'fix-all') return checkFixAll(r.text);
    if (r.kind === 'each-fix') return checkEachFix(r.text);
    const analysis = checkText(r.text, 0, { surrogates: r.file.includes('surrogate') });
    if (r.text.length <= 2000) for (let o = 0; o <= r.text.length; o++) checkFeatures(analysis, o);
  });
}
