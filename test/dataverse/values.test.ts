/**
 * Diff and export read the organisation's side as plain data (the plan import builds, never
 * parsed again). These tests hold that reading to the one of a plan's text: the unknown paths of
 * a plain value are those the schema check marks, and those the analysis keeps, on every fixture
 * plan (most of them have schema findings), and the scalars import writes read back as YAML reads them.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { parse } from 'yaml';
import { parsePlan } from '../../server/src/analysis/parse';
import { validateSchema, unknownPaths } from '../../server/src/analysis/schema/validate';
import { createAnalyzer } from '../../server/src/analysis';
import { valuesOf, viewOf, viewOfAnalysis } from '../../server/src/dataverse/view';
import { importOrganization } from '../../server/src/dataverse/import';
import { quoted, scalarValue, str, valueOf } from '../../server/src/dataverse/yaml-out';
import { filesUnder, repoPath } from '../harness/paths';

const analyzer = createAnalyzer({});

type P = (string | number)[];
function allPaths(v: unknown, at: P = []): P[] {
  const out: P[] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...allPaths(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...allPaths(x, [...at, k]));
  return out;
}

const PLANS = [...filesUnder(repoPath('test', 'fixtures'), /\.crmsync\.ya?ml$/), ...filesUnder(repoPath('examples'), /\.crmsync\.ya?ml$/)];

test('unknownPaths of a plan value marks exactly what the schema check marks, on every fixture plan', () => {
  assert.ok(PLANS.length > 100, `fixture plans found: ${PLANS.length}`);
  let withFindings = 0;
  for (const file of PLANS) {
    const parsed = parsePlan(fs.readFileSync(file, 'utf8'));
    if (parsed.hasSyntaxError) continue;
    const checked = validateSchema(parsed);
    if (checked.findings.length > 0) withFindings++;
    const fromValue = unknownPaths(parsed.value);
    // Paths one level past the value too: a missing required key is unknown without existing.
    for (const p of allPaths(parsed.value).flatMap((p) => [p, [...p, 'missing-key-probe']])) {
      assert.equal(fromValue.coversPath(p), checked.unknown.coversPath(p), `${file}: ${p.join('.')}`);
    }
    const view = viewOf(parsed.text);
    const values = valuesOf(parsed.value);
    const analysed = viewOfAnalysis(analyzer.analyze(parsed.text));
    if (view && values && analysed) {
      for (const p of allPaths(parsed.value)) {
        assert.equal(values.known(p), view.known(p), `${file}: known ${p.join('.')}`);
        assert.equal(analysed.known(p), view.known(p), `${file}: the analysis's known ${p.join('.')}`);
      }
    }
  }
  assert.ok(withFindings > 20, `plans with schema findings: ${withFindings}`);
});

test('every scalar import writes reads back as the YAML parser reads it', () => {
  // Read where import writes scalars: as a value in a nested block map.
  const read = (rendered: string): unknown => {
    assert.ok(!/[\r\n]/.test(rendered), `one line: ${JSON.stringify(rendered)}`);
    return (parse(`mailboxes:\n  a:\n    k: ${rendered}\n    next: 1\n`) as { mailboxes: { a: { k: unknown } } }).mailboxes.a.k;
  };
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('true', 'True', 'null', '~', '1', '0x1F', '1e3', '.inf', 'yes', 'a #b', 'a: b', '- x', ' lead', 'trail ', '"', "'", '@x', '9.2', 'Müller', '', '\ufeffX', '\ufeff', 'a\ufeffb', '\u0085next line', 'line\u2028separator', 'Microsoft Exchange Online profile for the sales team\nsecond line', `${'long '.repeat(12)}\r\nwith CRLF`, '\t tab', 'é'.repeat(50) + '\n')), (s) => {
      assert.deepEqual(scalarValue(str(s)), read(str(s)), `str ${JSON.stringify(s)}`);
      assert.deepEqual(scalarValue(quoted(s)), read(quoted(s)), `quoted ${JSON.stringify(s)}`);
      assert.equal(scalarValue(str(s)), s);
    }),
    { seed: 20261204, numRuns: 2000 },
  );
  for (const raw of ['true', 'false', '0', '17', '-3', '{}', '[]', '""', 'exchangeOnline', '3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90', '{ secretRef: "env:A_B" }']) {
    assert.deepEqual(scalarValue(raw), read(raw), raw);
  }
  assert.deepEqual(valueOf([{ key: 'a', value: '1' }, { key: '', comment: '# c' }, { key: 'b', value: [{ key: 'c', value: { list: ['x', '"y"'] } }] }, { key: 'a', value: '2' }]), { a: 2, b: { c: ['x', 'y'] } });
});

test('names with line breaks, a byte order mark or C1 controls: import writes a plan that parses to its own value', () => {
  const org = repoPath('test', 'fixtures', 'dataverse', 'org');
  const names = ['Microsoft Exchange Online profile for the sales team\nsecond line', '\ufeffMicrosoft Exchange Online', 'tab\there\u0085and\u2028more'];
  for (const name of names) {
    const files = fs.readdirSync(org).sort().map((f) => {
      let content = fs.readFileSync(`${org}/${f}`, 'utf8');
      if (f === 'emailserverprofiles.json') {
        const data = JSON.parse(content) as { value: { name: string }[] };
        data.value[0].name = name;
        content = JSON.stringify(data);
      }
      return { name: `org/${f}`, content };
    });
    const r = importOrganization(files, { deployment: 'online' });
    assert.ok(r.plan !== undefined && r.value !== undefined, JSON.stringify(r.diagnostics));
    const parsed = parsePlan(r.plan);
    assert.deepEqual(parsed.findings.filter((f) => f.ruleId === 'yaml-syntax'), [], `${JSON.stringify(name)}\n${r.plan}`);
    assert.deepEqual(r.value, parsed.value, JSON.stringify(name));
    const profiles = (parsed.value as { serverProfiles: Record<string, { name?: string }> }).serverProfiles;
    assert.ok(Object.values(profiles).some((p) => p.name === name), `the name reads back: ${JSON.stringify(name)}`);
  }
});
