/**
 * Fix-all over every invalid fixture and example:
 * - the text after fix-all equals the `*.fixed.crmsync.yaml` expectation beside the fixture
 *   (examples: test/fixtures/examples-fixed/); UPDATE_FIXTURES=1 writes them;
 * - properties: fixing never produces a YAML syntax error, never loses a comment line that was
 *   not inside a removed pair, and ends with no finding that still offers a safe preferred fix.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, createAnalyzer, judgeFix, type TextEdit } from '../../server/src/analysis';
import { fixAll } from '../../server/src/ide';
import { FIXED_NOW } from '../harness/check';
import { filesUnder, repoPath } from '../harness/paths';

const analyzer = createAnalyzer({ now: () => FIXED_NOW });

const fixtureFiles = filesUnder(repoPath('test', 'fixtures'), /\.crmsync\.ya?ml$/).filter((f) => !/\.fixed\.crmsync\.ya?ml$/.test(f) && !f.includes(`${path.sep}examples-fixed${path.sep}`));
const invalidFixtures = fixtureFiles.filter((f) => /^invalid/.test(path.basename(f)) || f.includes(`${path.sep}schema${path.sep}`) || f.includes(`${path.sep}parser${path.sep}`));
const examples = filesUnder(repoPath('examples'), /\.crmsync\.yaml$/);

function expectationPath(file: string): string {
  if (file.startsWith(repoPath('examples'))) return repoPath('test', 'fixtures', 'examples-fixed', path.basename(file).replace(/\.crmsync\.yaml$/, '.fixed.crmsync.yaml'));
  return file.replace(/\.crmsync\.(ya?ml)$/, '.fixed.crmsync.$1');
}

for (const file of [...invalidFixtures, ...examples.filter((f) => path.basename(f).startsWith('invalid-'))]) {
  const name = path.relative(repoPath(), file);
  test(`fix-all of ${name} matches its .fixed expectation`, () => {
    const text = fs.readFileSync(file, 'utf8');
    const fixed = fixAll(analyzer, text).text;
    const expected = expectationPath(file);
    if (process.env.UPDATE_FIXTURES === '1') {
      if (fixed !== text) {
        fs.mkdirSync(path.dirname(expected), { recursive: true });
        fs.writeFileSync(expected, fixed);
      } else if (fs.existsSync(expected)) fs.rmSync(expected);
      return;
    }
    if (fixed === text) {
      assert.ok(!fs.existsSync(expected), `${name} has no preferred fix, so ${path.relative(repoPath(), expected)} should not exist`);
      return;
    }
    assert.ok(fs.existsSync(expected), `missing ${path.relative(repoPath(), expected)} (run UPDATE_FIXTURES=1 npm test and review it)`);
    assert.equal(fixed, fs.readFileSync(expected, 'utf8'));
  });
}

const commentLines = (text: string) => text.split(/\r?\n/).filter((l) => /^\s*#/.test(l));

/** One pass of the preferred fixes that the safety check accepts, returning the edits taken. */
function onePass(text: string): { text: string; edits: TextEdit[] } {
  const accepted: TextEdit[] = [];
  const analysis = analyzer.analyze(text);
  for (const f of analysis.findings) {
    const fix = f.fixes.find((x) => x.isPreferred && !x.unsafe);
    if (!fix || !judgeFix(analyzer, analysis, f, fix).safe) continue;
    if (fix.edits.some((e) => accepted.some((a) => (e.span.start < a.span.end && a.span.start < e.span.end) || (e.span.start === a.span.start && e.span.end === a.span.end)))) continue;
    accepted.push(...fix.edits);
  }
  return { text: applyEdits(text, accepted), edits: accepted };
}

for (const file of [...fixtureFiles, ...examples]) {
  const name = path.relative(repoPath(), file);
  test(`fixing ${name} keeps it valid YAML, keeps its comments and reaches a fixed point`, () => {
    let text = fs.readFileSync(file, 'utf8');
    const hadSyntaxError = analyzer.analyze(text).findings.some((f) => f.ruleId === 'yaml-syntax');
    for (let pass = 0; pass < 10; pass++) {
      const { text: next, edits } = onePass(text);
      if (next === text) break;
      // Comment lines outside the removed or replaced spans survive.
      const kept = edits.reduce((t, e) => t.slice(0, e.span.start) + ' '.repeat(e.span.end - e.span.start) + t.slice(e.span.end), text);
      for (const c of commentLines(kept)) assert.ok(next.includes(c.trim()), `${name}: pass ${pass + 1} lost the comment ${JSON.stringify(c.trim())}`);
      text = next;
      if (!hadSyntaxError) assert.ok(!analyzer.analyze(text).findings.some((f) => f.ruleId === 'yaml-syntax'), `${name}: pass ${pass + 1} produced a YAML syntax error:\n${text}`);
    }
    const end = analyzer.analyze(fixAll(analyzer, fs.readFileSync(file, 'utf8')).text);
    const left = end.findings.filter((f) => f.fixes.some((x) => x.isPreferred && !x.unsafe && judgeFix(analyzer, end, f, x).safe));
    assert.deepEqual(left.map((f) => `${f.ruleId}: ${f.fixes.find((x) => x.isPreferred)!.title}`), [], `${name}: findings still offer a safe preferred fix after fix-all`);
  });
}
