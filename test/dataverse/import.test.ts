/**
 * `crmsync import` on the fixture organisation (test/fixtures/dataverse, a copy of the
 * specification's fixtures): the plan byte for byte, the diagnostics and summary, every bad
 * input with its exit code, the flags, `--ids-from`, and what `crmsync check` says of the plan.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAnalyzer } from '../../server/src/analysis';
import { repoPath } from '../harness/paths';
import { FIXTURES, comparable, commandOf, diagnosticsOf, exitCodeOf, fixture, maskTodos, run } from './import-helpers';

const EXPECTED_PLAN = fixture('expected-plan.crmsync.yaml');
const OUT = path.join(FIXTURES, 'plan.crmsync.yaml');

test('import of org/ writes the expected plan byte for byte, and the expected diagnostics and summary', () => {
  const expected = fixture('expected-import.txt');
  const r = run(['import', ...commandOf(expected).slice(1)]);
  assert.equal(r.code, exitCodeOf(expected), r.stderr);
  assert.equal(r.stdout, '');
  const plan = r.written.get(OUT);
  assert.ok(plan !== undefined, 'the plan is written to -o');
  assert.equal(maskTodos(plan), maskTodos(EXPECTED_PLAN));
  // The TODO texts are not normative, but ours are those of the fixture.
  assert.equal(plan, EXPECTED_PLAN);
  assert.deepEqual(diagnosticsOf(r.stderr).map(comparable), diagnosticsOf(expected).map(comparable));
  const summary = /^# (crmsync import: wrote .*)$/m.exec(expected)?.[1];
  assert.equal(r.stderr.trimEnd().split('\n').pop(), summary);
});

test('import writes the plan to standard output without -o, and the same plan with any file order (R3)', () => {
  const r = run(['import', 'org/', '--deployment', 'online']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, EXPECTED_PLAN);
  assert.match(r.stderr, /wrote the plan to standard output from 6 files/);
  const files = fs.readdirSync(path.join(FIXTURES, 'org')).sort().reverse().map((f) => `org/${f}`);
  const reversed = run(['import', ...files, '--deployment', 'online']);
  assert.equal(reversed.stdout, EXPECTED_PLAN);
  // Locations of diagnostics name the files as given; there is one either way.
  assert.deepEqual(diagnosticsOf(reversed.stderr).map(comparable), diagnosticsOf(r.stderr).map(comparable));
});

const BAD = fs.readdirSync(path.join(FIXTURES, 'bad-inputs')).sort();

test('there are bad-input cases', () => assert.ok(BAD.length >= 5, BAD.join(', ')));

for (const name of BAD) {
  test(`bad input ${name}: its diagnostics and exit code`, () => {
    const expected = fixture('bad-inputs', name, 'expected.txt');
    const r = run(commandOf(expected));
    assert.equal(r.code, exitCodeOf(expected), r.stderr);
    assert.deepEqual(diagnosticsOf(r.stderr).map(comparable), diagnosticsOf(expected).map(comparable));
    if (r.code !== 0) {
      assert.equal(r.written.size, 0, 'no plan is written');
      assert.match(r.stderr, /no plan written: \d+ errors? in \d+ files\.\n$/);
    }
  });
}

test('bad input 05: the plan holds the placeholders of expected-fragment.yaml', () => {
  const expected = fixture('bad-inputs', '05-unknown-code-and-lookup', 'expected.txt');
  const r = run(commandOf(expected));
  const plan = r.written.get(OUT);
  assert.ok(plan !== undefined);
  const fragment = fixture('bad-inputs', '05-unknown-code-and-lookup', 'expected-fragment.yaml');
  const want = EXPECTED_PLAN.replace('(6 files)', '(7 files)').replace(/^ {2}fabrikam-forward-mailbox:/m, `${fragment}  fabrikam-forward-mailbox:`);
  assert.equal(maskTodos(plan), maskTodos(want));
  assert.match(r.stderr, /3 TODOs, 4 secret placeholders\.\n$/);
});

test('import --format json: the diagnostics as JSON, with line and column only for import/not-json', () => {
  const expected = fixture('bad-inputs', '01-truncated-page', 'expected.txt');
  const r = run([...commandOf(expected), '--format', 'json']);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.stderr) as { version: number; diagnostics: { path: string; pointer: string; line?: number; column?: number; id: string; related: unknown[] }[] };
  assert.equal(report.version, 1);
  assert.deepEqual(
    report.diagnostics.map((d) => [d.path, d.id, d.line !== undefined]),
    [
      ['bad-inputs/01-truncated-page/mailboxes-page2.json', 'import/not-json', true],
      ['org/mailboxes-page1.json', 'import/page-missing', false],
    ],
  );
  assert.equal(report.diagnostics[1].pointer, '/@odata.nextLink');
  const dup = run([...commandOf(fixture('bad-inputs', '04-duplicate-and-missing', 'expected.txt')), '--format', 'json']);
  const related = (JSON.parse(dup.stderr) as typeof report).diagnostics.find((d) => d.id === 'import/duplicate-id')?.related;
  assert.deepEqual(related, [{ path: 'org/mailboxes-page1.json', pointer: '/value/0/mailboxid', message: 'First occurrence' }]);
});

test('usage errors, an unreadable path and an existing output exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['import'], /no export given/],
    [['import', 'org/', '--deployment', 'cloud'], /--deployment must be online or onPremises/],
    [['import', 'org/', '--deployment', 'onPremises', '--crm-version', '9.2'], /no on-premises 9\.2/],
    [['import', 'org/', '--crm-version', '9'], /--crm-version must be one of/],
    [['import', 'org/', '--baseline', 'd365'], /--baseline must be/],
    [['import', 'org/', '--tenant-id', 'fabrikam'], /--tenant-id must be a GUID/],
    [['import', 'org/', '--org-name', ''], /--org-name must be 1 to 100 characters/],
    [['import', 'org/', '--format', 'sarif'], /--format must be text or json/],
    [['import', 'org/', '--colour'], /unknown option '--colour'/],
    [['import', 'no-such-folder/'], /cannot read 'no-such-folder': no such file or directory/],
    [['import', 'scale/'], /no \*\.json file in 'scale'/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.written.size, 0);
  }
  const exists = run(['import', 'org/', '--deployment', 'online', '-o', 'plan.crmsync.yaml'], FIXTURES, { [OUT]: 'old plan\n' });
  assert.equal(exists.code, 2);
  assert.match(exists.stderr, /'plan\.crmsync\.yaml' exists; use --force to overwrite it/);
  const forced = run(['import', 'org/', '--deployment', 'online', '-o', 'plan.crmsync.yaml', '--force'], FIXTURES, { [OUT]: 'old plan\n' });
  assert.equal(forced.code, 0);
  assert.equal(forced.written.get(OUT), EXPECTED_PLAN);
  const help = run(['import', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: crmsync import /);
});

test('--help lists the GET requests to save, and the README lists the same ones', () => {
  const help = run(['import', '--help']).stdout;
  const requests = help.slice(help.indexOf('Requests to save')).split('\n').filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim());
  assert.deepEqual(requests.map((r) => r.split('?')[0]), ['organizations', 'emailserverprofiles', 'mailboxes', 'mailboxtrackingfolders', 'RetrieveCurrentOrganization(AccessType=@p1)']);
  // Every attribute the import reads of a mailbox is selected.
  for (const attribute of ['emailaddress', '_emailserverprofile_value', 'incomingemaildeliverymethod', 'ispasswordset', 'isemailaddressapprovedbyo365admin']) {
    assert.ok(requests[2].includes(attribute), attribute);
  }
  const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
  for (const r of requests) assert.ok(readme.includes(r), `README lists ${r}`);
});

test('flags: facts Dataverse does not hold, and their TODOs when absent', () => {
  const noFlags = run(['import', 'org/']).stdout;
  assert.match(noFlags, /^ {2}deployment: "" # TODO\(crmsync import\): /m);
  assert.doesNotMatch(noFlags, /^ {2}tenantId: ""/m, 'the tenant comes from RetrieveCurrentOrganization');
  const flags = run(['import', 'org/', '--deployment', 'online', '--org-name', 'Fabrikam: EU', '--tenant-id', '0F6E2C8A-93D1-4B7E-A1C4-5B8D2E7F9A30', '--crm-version', '9.1', '--baseline', 'd365-9']).stdout;
  assert.match(flags, /^ {2}name: "Fabrikam: EU"$/m);
  assert.match(flags, /^ {2}crmVersion: "9\.1"$/m);
  assert.match(flags, /^ {2}tenantId: 0f6e2c8a-93d1-4b7e-a1c4-5b8d2e7f9a30$/m);
  // Without the version files, crmVersion and baseline are unknown: full-line TODOs.
  const noVersion = run(['import', 'org/organizations.json', 'org/emailserverprofiles.json', 'org/mailboxes-page1.json', 'org/mailboxes-page2.json', '--deployment', 'online']);
  assert.equal(noVersion.code, 0, noVersion.stderr);
  assert.match(noVersion.stdout, /^version: 1\n# TODO\(crmsync import\): baseline/m);
  assert.match(noVersion.stdout, /^ {2}# TODO\(crmsync import\): crmVersion/m);
  assert.match(noVersion.stdout, /^ {2}tenantId: "" # TODO\(crmsync import\)/m);
  assert.match(noVersion.stdout, /^ {2}name: org3c1f0a7e$/m, 'the organizations name when there is no friendly name');
  const onPrem = run(['import', 'org/', '--deployment', 'onPremises', '--crm-version', '9.1']).stdout;
  assert.doesNotMatch(onPrem, /^ {2}tenantId:/m);
  assert.match(onPrem, /^ {2}# TODO\(crmsync import\): the on-premises keys https, ifd, fips140/m);
});

test('--explicit also writes values equal to their plan default', () => {
  const r = run(['import', 'org/', '--deployment', 'online', '--explicit']);
  assert.equal(r.code, 0);
  const alice = /^ {2}alice-ng:[^\n]*\n((?: {4}.*\n)+)/m.exec(r.stdout)?.[1] ?? '';
  for (const key of ['active: true', 'serverProfile: microsoft-exchange-online', 'incomingEmail: serverSideSync', 'deleteEmailsAfterProcessing: false', 'actSyncThisOrgOnly: false']) {
    assert.ok(alice.includes(key), `alice-ng writes ${key}:\n${alice}`);
  }
  assert.notEqual(r.stdout, EXPECTED_PLAN);
});

test('--ids-from keeps the ids of an earlier plan, also for renamed records (R4)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-import-'));
  try {
    // The earlier plan: the expected plan with two ids changed by hand.
    const earlier = EXPECTED_PLAN.replace(/^ {2}alex-kim-2:/m, '  alexander:').replace(/^ {2}gmail-pop3-smtp: #/m, '  gmail: #');
    fs.writeFileSync(path.join(dir, 'earlier.crmsync.yaml'), earlier);
    // Same export: the plan keeps the hand-made ids (entries sorted by id, references follow).
    const same = run(['import', path.join(FIXTURES, 'org'), '--deployment', 'online', '--ids-from', path.join(dir, 'earlier.crmsync.yaml')], dir);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /^ {2}alexander: # crmsync:id fc7a43f5-d0fd-4c24-90ce-4c8f135f514d$/m);
    assert.match(same.stdout, /^ {2}gmail: # crmsync:id 2682b219-ae4b-40a2-bdb3-4903b0a1885b$/m);
    assert.match(same.stdout, /^ {4}serverProfile: gmail$/m);
    assert.match(same.stdout, /clientSecret: \{ secretRef: "env:CRMSYNC_GMAIL_CLIENT_SECRET" \}/);
    assert.doesNotMatch(same.stderr, /name-not-unique/, 'no collision: both Alex Kim mailboxes have ids');
    // The import of an export against its own plan gives that plan.
    fs.writeFileSync(path.join(dir, 'plan.crmsync.yaml'), EXPECTED_PLAN);
    const again = run(['import', path.join(FIXTURES, 'org'), '--deployment', 'online', '--ids-from', path.join(dir, 'plan.crmsync.yaml')], dir);
    assert.equal(again.stdout, EXPECTED_PLAN);
    // A renamed mailbox keeps its id.
    fs.mkdirSync(path.join(dir, 'org'));
    for (const f of fs.readdirSync(path.join(FIXTURES, 'org'))) {
      const text = fs.readFileSync(path.join(FIXTURES, 'org', f), 'utf8');
      fs.writeFileSync(path.join(dir, 'org', f), text.replace('"name": "Carol Diaz"', '"name": "Caroline Diaz"'));
    }
    const renamed = run(['import', 'org/', '--deployment', 'online', '--ids-from', 'plan.crmsync.yaml'], dir);
    assert.match(renamed.stdout, /^ {2}carol-diaz: # crmsync:id 98ea2568-c51d-441c-8842-3671bc06b31c\n {4}kind: user\n {4}name: Caroline Diaz\n/m);
    const fresh = run(['import', 'org/', '--deployment', 'online'], dir);
    assert.match(fresh.stdout, /^ {2}caroline-diaz: # crmsync:id 98ea2568/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

interface CheckLine {
  readonly line: number;
  readonly severity: string;
  readonly id: string;
  readonly node: string;
}

/** The findings of `check` as expected-check.txt writes them: line, severity, rule id and node. */
function checkLines(text: string, now: Date): CheckLine[] {
  const analysis = createAnalyzer({ now: () => now }).analyze(text);
  return analysis.findings.map((f) => {
    const line = analysis.lines.position(f.span.start).line + 1;
    const after = text.slice(f.span.end).replace(/^[ \t]*/, '');
    const node = text[f.span.start] === '#' ? 'comment' : after.startsWith(':') ? 'key' : 'value';
    return { line, severity: f.severity, id: f.ruleId, node };
  });
}

test('crmsync check on the imported plan reports expected-check.txt: import is faithful, the checker judges', () => {
  const expected = fixture('expected-check.txt')
    .split('\n')
    .map((l) => /^(\d+) (error|warning|info) (\S+) @ \S+ \((key|value|comment)\)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ line: Number(m[1]), severity: m[2], id: m[3], node: m[4] }));
  const key = (c: CheckLine) => `${c.line} ${c.severity} ${c.id} (${c.node})`;
  const sorted = (cs: readonly CheckLine[]) => cs.map(key).sort();
  // Before 2025-01-20 the processEmailFrom of 2025-01-06 is not old yet (N = 14 days).
  const early = expected.filter((c) => c.id !== 'process-email-from-old');
  assert.deepEqual(sorted(checkLines(EXPECTED_PLAN, new Date('2025-01-15T00:00:00Z'))), sorted(early));
  assert.deepEqual(sorted(checkLines(EXPECTED_PLAN, new Date('2025-06-01T00:00:00Z'))), sorted(expected));
  // And on what import writes (the same text).
  const r = run(['import', 'org/', '--deployment', 'online']);
  assert.deepEqual(sorted(checkLines(r.stdout, new Date('2025-06-01T00:00:00Z'))), sorted(expected));
});
