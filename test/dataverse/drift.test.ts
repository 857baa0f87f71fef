/**
 * `crmsync diff` on the fixture organisation: the edited plan gives the expected drift in
 * text and JSON, the imported plan none (R2), an export with import errors exits 2, SARIF lists
 * the drift ids, `--rule` overrides them, matching issues are placed at the comments; and, over
 * mutated organisations and plans (fast-check, fixed seeds), import → diff reports nothing (R2)
 * and diff never throws.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { runDiff } from '../../server/src/cli/drift';
import { DRIFT_IDS } from '../../server/src/dataverse/command-ids';
import { driftFindings } from '../../server/src/dataverse/drift';
import { importOrganization } from '../../server/src/dataverse/import';
import type { ExportFile } from '../../server/src/dataverse/reader';
import { FIXTURES, commandOf, diagnosticsOf, exitCodeOf, fixture } from './import-helpers';

interface DiffRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `crmsync diff <args>` in-process in the fixture folder; `plans` stands in for plan files (relative names). */
function diff(args: readonly string[], plans: Readonly<Record<string, string>> = {}): DiffRun {
  let stdout = '';
  let stderr = '';
  const code = runDiff(
    args,
    {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      read: (p) => {
        const rel = path.relative(FIXTURES, p).split(path.sep).join('/');
        return plans[rel] !== undefined ? Buffer.from(plans[rel]) : fs.readFileSync(p);
      },
      write: () => assert.fail('diff writes no file'),
      listDir: (p) => (fs.statSync(p).isDirectory() ? fs.readdirSync(p, { withFileTypes: true }).filter((e) => !e.isDirectory()).map((e) => e.name) : undefined),
      cwd: FIXTURES,
    },
    'test',
  );
  return { code, stdout, stderr };
}

const EDITED = 'roundtrip/edited-plan.crmsync.yaml';
const IMPORTED = 'expected-plan.crmsync.yaml';

/** A fixture without its `#` comment lines (the command and exit code). */
const withoutComments = (text: string): string =>
  text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');

test('diff of the edited plan with org/ gives expected-diff.txt, exit 1', () => {
  const expected = fixture('roundtrip', 'expected-diff.txt');
  assert.match(expected, /^# Command .*: crmsync diff roundtrip\/edited-plan\.crmsync\.yaml org\/$/m);
  assert.equal(exitCodeOf(expected), 1);
  const r = diff([EDITED, 'org/']);
  assert.equal(r.code, 1, r.stderr);
  // check's text format puts each related location on an indented line under its finding; the
  // fixture leaves them out (its README: line, column, severity and id are normative).
  const lines = r.stdout.split('\n');
  assert.equal(lines.filter((l) => !l.startsWith('  ')).join('\n'), withoutComments(expected));
  assert.deepEqual(
    lines.filter((l) => l.startsWith('  ')),
    [`  ${EDITED}:38:20: Default outgoingEmail set here`],
  );
  assert.equal(r.stderr, '');
});

test('diff --format json of the edited plan gives expected-diff.json (check\'s JSON report), exit 1', () => {
  const r = diff([EDITED, 'org/', '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { files: { findings: Record<string, unknown>[] }[] };
  // check's JSON also has `quickFixes` (the fixes in full); drift findings have none.
  for (const f of report.files[0].findings) {
    assert.deepEqual(f.quickFixes, []);
    delete f.quickFixes;
  }
  assert.equal(`${JSON.stringify(report, null, 2)}\n`, fixture('roundtrip', 'expected-diff.json'));
});

test('the plan import writes from org/ has no drift against org/ (R2), exit 0', () => {
  for (const format of ['text', 'json']) {
    const r = diff([IMPORTED, 'org/', '--format', format]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    if (format === 'text') assert.equal(r.stdout, '1 plan compared with 6 export files: 0 errors, 0 warnings, 0 info\n');
    else assert.deepEqual((JSON.parse(r.stdout) as { files: { findings: unknown[] }[] }).files[0].findings, []);
  }
  // The files of the folder, named one by one, are the same export.
  const files = fs.readdirSync(path.join(FIXTURES, 'org')).map((n) => `org/${n}`);
  assert.equal(diff([IMPORTED, ...files.reverse()]).code, 0);
});

/** The export files of a bad input's import command (its options left out). */
function exportArgs(expected: string): string[] {
  const args = commandOf(expected).slice(1);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-o' || args[i] === '--deployment') i++;
    else if (!args[i].startsWith('-')) out.push(args[i]);
  }
  return out;
}

const BAD = fs.readdirSync(path.join(FIXTURES, 'bad-inputs')).sort();

for (const name of BAD) {
  const expected = fixture('bad-inputs', name, 'expected.txt');
  if (exitCodeOf(expected) !== 1) continue;
  test(`diff with the export of bad input ${name} (import errors): exit 2, the import errors on stderr, nothing compared`, () => {
    const r = diff([IMPORTED, ...exportArgs(expected)]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    const errors = (text: string) =>
      diagnosticsOf(text)
        .filter((d) => d.severity === 'error')
        .map((d) => `${d.path} ${d.id}`);
    assert.ok(errors(expected).length > 0);
    assert.deepEqual(errors(r.stderr), errors(expected));
    assert.match(r.stderr, /nothing compared: \d+ errors? in the export/);
  });
}

test('diff --format sarif lists the drift ids in tool.driver.rules with a helpUri, and its results refer to them', () => {
  const r = diff([EDITED, 'org/', '--format', 'sarif']);
  assert.equal(r.code, 1, r.stderr);
  const sarif = JSON.parse(r.stdout) as {
    runs: { tool: { driver: { rules: { id: string; helpUri: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; ruleIndex?: number; level: string }[] }[];
  };
  const run = sarif.runs[0];
  const rules = run.tool.driver.rules;
  for (const entry of DRIFT_IDS) {
    const rule = rules.find((x) => x.id === entry.id);
    assert.ok(rule, `${entry.id} is listed`);
    assert.equal(rule.helpUri, `https://github.com/crmsync/crmsync/blob/main/docs/rules.md#${entry.id.replace('/', '')}`);
  }
  assert.equal(rules.find((x) => x.id === 'drift/ambiguous-match')?.defaultConfiguration.level, 'error');
  assert.equal(run.results.length, 11);
  for (const res of run.results) {
    assert.ok(res.ruleIndex !== undefined && rules[res.ruleIndex].id === res.ruleId, res.ruleId);
  }
  assert.deepEqual([...new Set(run.results.map((x) => x.level))].sort(), ['note', 'warning']);
});

test('--rule overrides the severity of drift ids: off drops them, and the exit code follows', () => {
  const off = diff([EDITED, 'org/', '--rule', 'drift/changed=off', '--rule', 'drift/missing-in-org=info']);
  assert.equal(off.code, 0, off.stdout);
  assert.doesNotMatch(off.stdout, /drift\/changed/);
  assert.match(off.stdout, /111:3 info drift\/missing-in-org /);
  assert.match(off.stdout, /: 0 errors, 0 warnings, 5 info\n$/);
  const error = diff([EDITED, 'org/', '--rule=drift/observed-changed=error', '--rule', 'drift/changed=off', '--rule', 'drift/missing-in-org=off']);
  assert.equal(error.code, 1);
  assert.match(error.stdout, /: 4 errors, 0 warnings, 0 info\n$/);
  const unknown = diff([IMPORTED, 'org/', '--rule', 'ghost=off']);
  assert.equal(unknown.code, 0);
  assert.match(unknown.stderr, /'ghost', which is not a drift\/\* id/);
});

const PLAN = fixture(IMPORTED);

test('a plan of another organization gives only drift/wrong-organization, at the organization comment', () => {
  const other = PLAN.replace('organization: # crmsync:id e545e4ef-0b72-467e-a024-02d9e16b004a', 'organization: # crmsync:id 00000000-0000-4000-8000-000000000001');
  const plan = other.replace(/maxAttachmentSizeKb: \d+/, 'maxAttachmentSizeKb: 1');
  const r = diff(['other.crmsync.yaml', 'org/'], { 'other.crmsync.yaml': plan });
  assert.equal(r.code, 1);
  const line = plan.split('\n').findIndex((l) => l.startsWith('organization:')) + 1;
  assert.equal(r.stdout, `other.crmsync.yaml:${line}:15 error drift/wrong-organization ${/drift\/wrong-organization (.*)\n/.exec(r.stdout)?.[1]}\n1 plan compared with 6 export files: 1 error, 0 warnings, 0 info\n`);
});

test('a recreated profile (crmsync:id not in the export, found by name) gives drift/id-changed at the comment; a duplicate id drift/duplicate-id', () => {
  const stale = PLAN.replace('contoso-exchange-online-oauth: # crmsync:id 2cc790db-4e9a-4344-ac49-5e59bff8ab80', 'contoso-exchange-online-oauth: # crmsync:id 2cc790db-4e9a-4344-ac49-000000000000');
  const r = diff(['p.crmsync.yaml', 'org/'], { 'p.crmsync.yaml': stale });
  assert.equal(r.code, 1);
  const line = stale.split('\n').findIndex((l) => l.includes('ac49-000000000000')) + 1;
  assert.match(r.stdout, new RegExp(`^p\\.crmsync\\.yaml:${line}:34 warning drift/id-changed .*2cc790db-4e9a-4344-ac49-5e59bff8ab80`, 'm'));
  assert.match(r.stdout, /: 0 errors, 1 warning, 0 info\n$/);

  const dup = PLAN.replace('fabrikam-exchange-hybrid: # crmsync:id 70e9f528-e871-4b4b-ace3-f756894d8c64', 'fabrikam-exchange-hybrid: # crmsync:id 2cc790db-4e9a-4344-ac49-5e59bff8ab80');
  const d = diff(['d.crmsync.yaml', 'org/'], { 'd.crmsync.yaml': dup });
  assert.equal(d.code, 1);
  const dupLine = dup.split('\n').findIndex((l) => l === '  fabrikam-exchange-hybrid: # crmsync:id 2cc790db-4e9a-4344-ac49-5e59bff8ab80') + 1;
  assert.match(d.stdout, new RegExp(`^d\\.crmsync\\.yaml:${dupLine}:29 error drift/duplicate-id `, 'm'));
  // The organisation's profile that no plan record now matches.
  // Mailboxes that use the uncompared profile are not compared by it.
  assert.doesNotMatch(d.stdout, /drift\/changed/);
  assert.match(d.stdout, /info drift\/missing-in-plan Profile .*70e9f528-e871-4b4b-ace3-f756894d8c64, org\/emailserverprofiles\.json \/value\/\d+\) is not in the plan\./);
});

test('a secret the organization has not set gives drift/secret-not-set at the value, without the value', () => {
  const plan = PLAN.replace(/(  contoso-exchange-online-oauth:[^]*?\n    incoming:\n)/, '$1      password: "hunter2-literal"\n');
  assert.notEqual(plan, PLAN);
  const r = diff(['s.crmsync.yaml', 'org/'], { 's.crmsync.yaml': plan });
  assert.equal(r.code, 1, r.stdout);
  const line = plan.split('\n').findIndex((l) => l.includes('hunter2-literal')) + 1;
  assert.match(r.stdout, new RegExp(`^s\\.crmsync\\.yaml:${line}:17 warning drift/secret-not-set Profile 'contoso-exchange-online-oauth': incoming\\.password names a secret`, 'm'));
  assert.doesNotMatch(r.stdout, /hunter2/);
});

test('usage errors and unreadable plans exit 2', () => {
  assert.equal(diff([EDITED]).code, 2);
  assert.equal(diff([]).code, 2);
  assert.equal(diff([EDITED, 'org/', '--format', 'github']).code, 2);
  assert.equal(diff([EDITED, 'org/', '--rule', 'drift/changed']).code, 2);
  const missing = diff(['nope.crmsync.yaml', 'org/']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read 'nope\.crmsync\.yaml': no such file or directory/);
  const broken = diff(['b.crmsync.yaml', 'org/'], { 'b.crmsync.yaml': 'organization: [\n' });
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /not a plan that can be compared/);
  assert.equal(diff(['--help']).code, 0);
});

// Properties.

const ORG = fs
  .readdirSync(path.join(FIXTURES, 'org'))
  .sort()
  .map((n) => ({ name: `org/${n}`, value: JSON.parse(fs.readFileSync(path.join(FIXTURES, 'org', n), 'utf8')) as { value?: Record<string, unknown>[] } }));

/** Attribute values that import reads: booleans, codes, text, GUID case, nulls; and deleted attributes. */
const valueArb = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -1, max: 12 }),
  fc.constantFrom<unknown>(null, '', 'Support', ' support ', 'a@contoso.com', 'A@CONTOSO.COM', '2024-01-01', '2024-01-01T00:00:00Z', 'imap.gmail.com', 10485760, 5242881),
  fc.string({ maxLength: 8 }),
  fc.constant(undefined),
);

const mutationArb = fc.record({ file: fc.nat(), row: fc.nat(), attribute: fc.nat(), value: valueArb });

function mutatedOrg(mutations: readonly { file: number; row: number; attribute: number; value: unknown }[]): ExportFile[] {
  const files = ORG.map((f) => ({ name: f.name, value: structuredClone(f.value) }));
  for (const m of mutations) {
    const rows = files[m.file % files.length].value.value;
    if (!Array.isArray(rows) || rows.length === 0) continue;
    const row = rows[m.row % rows.length];
    const keys = Object.keys(row).filter((k) => !k.includes('@'));
    const key = keys[m.attribute % keys.length];
    if (m.value === undefined) delete row[key];
    else row[key] = m.value;
  }
  return files.map((f) => ({ name: f.name, content: JSON.stringify(f.value) }));
}

test('R2 over mutated organisations: the plan import writes has no drift against its export', () => {
  let compared = 0;
  fc.assert(
    fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (mutations) => {
      const files = mutatedOrg(mutations);
      const imported = importOrganization(files, { deployment: 'online' });
      const drift = driftFindings(imported.plan ?? 'x: 1\n', files);
      assert.equal(drift.inputError, imported.plan === undefined);
      if (imported.plan === undefined) return;
      compared++;
      assert.deepEqual(
        drift.findings.map((f) => `${f.ruleId} ${f.message}`),
        [],
      );
    }),
    { seed: 20261204, numRuns: 200 },
  );
  assert.ok(compared > 100, `${compared} organisations compared`);
});

const planEditArb = fc.record({
  at: fc.nat(),
  cut: fc.nat({ max: 40 }),
  insert: fc.oneof(
    fc.constantFrom('', '\n', '  ', ': ', '# crmsync:id 2cc790db-4e9a-4344-ac49-5e59bff8ab80', 'x: [', '"', '\t', '- ', '~', '{}', 'serverProfile: nope', 'active: "no"', '  name: Support\n'),
    fc.string({ maxLength: 12 }),
  ),
});

test('diff never throws on mutated plans, and places its findings inside the plan in order', () => {
  const base = fixture('roundtrip', 'edited-plan.crmsync.yaml');
  const files: ExportFile[] = ORG.map((f) => ({ name: f.name, content: JSON.stringify(f.value) }));
  fc.assert(
    fc.property(fc.array(planEditArb, { minLength: 1, maxLength: 4 }), (edits) => {
      let text = base;
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
      }
      const drift = driftFindings(text, files);
      assert.equal(drift.inputError, false);
      let last = -1;
      for (const f of drift.findings) {
        assert.ok(f.span.start < f.span.end && f.span.end <= text.length, `${f.ruleId} inside the plan`);
        assert.ok(f.span.start >= last, 'ordered by position');
        last = f.span.start;
        assert.match(f.ruleId, /^drift\//);
      }
    }),
    { seed: 20261206, numRuns: 300 },
  );
});
