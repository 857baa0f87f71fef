/**
 * `crmsync export` on the fixture organisation (test/fixtures/dataverse): the edited plan against
 * org/ gives the expected JSON, `$batch` files and diagnostics; refusal, `--allow-errors`, a bad
 * `--against` input, a wrong organisation, full mode, `--write-ids`; and R1 as a property: a plan
 * imported from an export, exported against that export, writes no request.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { importOrganization } from '../../server/src/dataverse/import';
import { findingLines, runExportIn } from './export-helpers';
import { FIXTURES, fixture } from './import-helpers';

const EDITED = 'roundtrip/edited-plan.crmsync.yaml';
const at = (name: string) => path.join(FIXTURES, name);

test('the edited plan against org/ gives expected-export.json and the expected diagnostics', () => {
  const r = runExportIn([EDITED, '--against', 'org/', '--format', 'json', '-o', 'out.json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.written.get(at('out.json')), fixture('roundtrip', 'expected-export.json'));
  assert.deepEqual(findingLines(r.stderr), findingLines(fixture('roundtrip', 'expected-export-diagnostics.txt')));
  assert.match(r.stderr, /8 requests \(1 POST, 7 PATCH\) in 2 phases, 1 atomic group; 4 reported\.\n$/);
});

test('the edited plan against org/ gives expected-export.batch and .test.batch byte for byte (CRLF)', () => {
  const r = runExportIn([EDITED, '--against', 'org/', '--format', 'webapi-batch', '-o', 'out.batch']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual([...r.written.keys()].sort(), [at('out.batch'), at('out.test.batch')]);
  assert.equal(r.written.get(at('out.batch')), fixture('roundtrip', 'expected-export.batch'));
  assert.equal(r.written.get(at('out.test.batch')), fixture('roundtrip', 'expected-export.test.batch'));
  assert.deepEqual(findingLines(r.stderr), findingLines(fixture('roundtrip', 'expected-export-diagnostics.txt')));
  assert.match(r.stderr, /POST \[Organization URI\]\/api\/data\/v9\.2\/\$batch with Content-Type: multipart\/mixed; boundary=batch_crmsync_2/);
});

test('--api-version goes into every URL; stdout without -o when one file is enough', () => {
  const r = runExportIn([EDITED, '--against', 'org/', '--format', 'json', '--api-version', 'v9.0']);
  assert.equal(r.code, 0, r.stderr);
  const requests = JSON.parse(r.stdout) as { url: string }[];
  assert.equal(requests.length, 8);
  assert.ok(requests.every((q) => q.url.startsWith('/api/data/v9.0/')));
  const batch = runExportIn([EDITED, '--against', 'org/']);
  assert.equal(batch.code, 2, 'two phases need two files, so -o');
  assert.match(batch.stderr, /name the first with -o/);
});

test('a plan with error findings is refused (exit 1, nothing written); --allow-errors exports it', () => {
  // expected-plan.crmsync.yaml is the plan import writes of org/: it holds a TODO placeholder.
  const r = runExportIn(['expected-plan.crmsync.yaml', '--against', 'org/', '--format', 'json', '-o', 'out.json']);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.written.size, 0);
  assert.match(r.stderr, /^expected-plan\.crmsync\.yaml:1:1 error export\/plan-has-errors /m);
  assert.match(r.stderr, / error schema\/enum /);
  const allowed = runExportIn(['expected-plan.crmsync.yaml', '--against', 'org/', '--format', 'json', '-o', 'out.json', '--allow-errors']);
  assert.equal(allowed.code, 0, allowed.stderr);
  // R1 on the fixture itself.
  assert.equal(allowed.written.get(at('out.json')), '[]\n');
  assert.match(allowed.stderr, /no changes/);
  const batch = runExportIn(['expected-plan.crmsync.yaml', '--against', 'org/', '-o', 'out.batch', '--allow-errors']);
  assert.equal(batch.code, 0);
  assert.equal(batch.written.size, 0, 'no batch file without requests');
});

test('--report json and sarif carry the same findings', () => {
  const json = runExportIn([EDITED, '--against', 'org/', '--format', 'json', '-o', 'out.json', '--report', 'json']);
  assert.equal(json.code, 0);
  const report = JSON.parse(json.stderr) as { files: { findings: { ruleId: string }[] }[] };
  assert.deepEqual(
    report.files[0].findings.map((f) => f.ruleId),
    ['export/new-record', 'export/secret-required', 'export/test-scheduled', 'export/not-written'],
  );
  const sarif = runExportIn([EDITED, '--against', 'org/', '--format', 'json', '-o', 'out.json', '--report', 'sarif']);
  const log = JSON.parse(sarif.stderr) as { runs: { results: { ruleId: string }[]; tool: { driver: { rules: { id: string }[] } } }[] };
  assert.equal(log.runs[0].results.length, 4);
  assert.ok(log.runs[0].tool.driver.rules.some((r) => r.id === 'export/new-record'));
});

test('--rule changes an export/* severity; off drops it', () => {
  const r = runExportIn([EDITED, '--against', 'org/', '--format', 'json', '-o', 'out.json', '--rule', 'export/not-written=off', '--rule', 'export/new-record=warning']);
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.stderr, /export\/not-written/);
  assert.match(r.stderr, /:111:3 warning export\/new-record /);
});

test('an --against input with import errors exits 2 and writes nothing', () => {
  const r = runExportIn([EDITED, '--against', 'org/', 'bad-inputs/03-error-response/queues.json', '--format', 'json', '-o', 'out.json']);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.written.size, 0);
  assert.match(r.stderr, /import\/not-webapi/);
  assert.match(r.stderr, /nothing written: 1 error in the --against export \(7 files\)/);
  const missing = runExportIn([EDITED, '--against', 'no-such-folder/', '--format', 'json']);
  assert.equal(missing.code, 2);
  const usage = runExportIn([EDITED, '--batch-size', '0']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--batch-size must be/);
});

test('a plan of another organization is refused (export/wrong-organization)', () => {
  const plan = fixture('roundtrip', 'edited-plan.crmsync.yaml').replace('# crmsync:id e545e4ef-0b72-467e-a024-02d9e16b004a', '# crmsync:id 00000000-0000-4000-8000-000000000001');
  const file = at('other.crmsync.yaml');
  const r = runExportIn(['other.crmsync.yaml', '--against', 'org/', '--format', 'json', '-o', 'out.json'], new Map([[file, plan]]));
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.written.size, 0);
  assert.match(r.stderr, /^other\.crmsync\.yaml:10:\d+ error export\/wrong-organization /m);
});

test('full mode (no --against) warns once and rewrites the records with an id; mailboxes without one are reported', () => {
  const plan = fixture('roundtrip', 'edited-plan.crmsync.yaml').replace(/^( {2}sales:) # crmsync:id \S+$/m, '$1');
  const file = at('full.crmsync.yaml');
  const r = runExportIn(['full.crmsync.yaml', '--format', 'json', '-o', 'out.json'], new Map([[file, plan]]));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(findingLines(r.stderr).filter((l) => l.includes('export/full-mode')).length, 1);
  assert.match(r.stderr, /:1:1 warning export\/full-mode /);
  assert.match(r.stderr, /warning export\/not-in-org Mailbox 'sales' is not in the organization/);
  const requests = JSON.parse(r.written.get(at('out.json'))!) as { url: string; body: Record<string, unknown> }[];
  const orgPatch = requests.find((q) => q.url.includes('/organizations('));
  assert.equal(orgPatch?.body.maxuploadfilesize, 20480 * 1024);
  assert.ok(!requests.some((q) => q.url.includes('cf5d2daf')), 'the mailbox without an id is not written');
  assert.ok(!JSON.stringify(requests).includes('secretRef'), 'no secret reference is exported');
});

test('--write-ids adds the crmsync:id comment of the created profile on its key line only', () => {
  const r = runExportIn([EDITED, '--against', 'org/', '--format', 'json', '-o', 'out.json', '--write-ids']);
  assert.equal(r.code, 0, r.stderr);
  const before = fixture('roundtrip', 'edited-plan.crmsync.yaml').split('\n');
  const after = r.written.get(at(EDITED))!.split('\n');
  assert.equal(after.length, before.length);
  const changed = after.map((l, i) => (l === before[i] ? -1 : i)).filter((i) => i >= 0);
  assert.deepEqual(changed, [110]);
  assert.equal(after[110], '  gmail-imap: # crmsync:id 71c91bc8-6a9c-5586-9136-7e5473b4d34a');
});

// R1: for generated organisations (the fixture org with mutated values), import → export --against writes [].
const ORG = fs.readdirSync(at('org')).sort();
interface Rows {
  value: Record<string, unknown>[];
}
const mutation = fc.record({
  mailbox: fc.nat(),
  incoming: fc.integer({ min: 0, max: 3 }),
  outgoing: fc.integer({ min: 0, max: 2 }),
  act: fc.integer({ min: 0, max: 2 }),
  deleteAfter: fc.boolean(),
  address: fc.stringMatching(/^[a-z]{1,8}\.[a-z]{1,8}@[a-z]{2,6}\.com$/),
  profile: fc.nat(),
  connections: fc.integer({ min: 1, max: 100 }),
  alert: fc.boolean(),
  kb: fc.integer({ min: 1, max: 131072 }),
  mailboxActive: fc.boolean(),
  approval: fc.integer({ min: 0, max: 3 }),
  profileActive: fc.boolean(),
  smartMatching: fc.boolean(),
});

test('R1: import of a generated organisation, exported against the same files, writes no request', () => {
  fc.assert(
    fc.property(mutation, (m) => {
      const texts = new Map(ORG.map((n) => [n, fs.readFileSync(path.join(FIXTURES, 'org', n), 'utf8')]));
      const edit = (name: string, f: (rows: Rows) => void) => {
        const data = JSON.parse(texts.get(name)!) as Rows;
        f(data);
        texts.set(name, JSON.stringify(data, null, 2));
      };
      edit('mailboxes-page1.json', (d) => {
        const row = d.value[m.mailbox % d.value.length];
        row.incomingemaildeliverymethod = m.incoming;
        row.outgoingemaildeliverymethod = m.outgoing;
        row.actdeliverymethod = m.act;
        row.processanddeleteemails = m.deleteAfter;
        row.emailaddress = m.address;
        row.statecode = m.mailboxActive ? 0 : 1;
        row.statuscode = m.mailboxActive ? 1 : 2;
        row.emailrouteraccessapproval = m.approval;
      });
      edit('emailserverprofiles.json', (d) => {
        const row = d.value[m.profile % d.value.length];
        row.maxconcurrentconnections = m.connections;
        row.sendemailalert = m.alert;
        row.statecode = m.profileActive ? 0 : 1;
        row.statuscode = m.profileActive ? 1 : 2;
      });
      edit('organizations.json', (d) => {
        d.value[0].maxuploadfilesize = m.kb * 1024;
        d.value[0].enablesmartmatching = m.smartMatching;
      });
      const imported = importOrganization([...texts].map(([n, t]) => ({ name: `gen/${n}`, content: () => t })), { deployment: 'online' });
      assert.ok(imported.plan !== undefined, JSON.stringify(imported.diagnostics.filter((d) => d.severity === 'error')));
      const files = new Map([...texts].map(([n, t]) => [path.join(FIXTURES, 'gen', n), t]));
      files.set(at('gen.crmsync.yaml'), imported.plan);
      const r = runExportIn(['gen.crmsync.yaml', '--against', 'gen', '--format', 'json', '--allow-errors'], files);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '[]\n', r.stderr);
    }),
    { numRuns: 40, seed: 15 },
  );
});

/** Runs export on an edited copy of the edited plan (in memory). */
function variant(edit: (plan: string) => string, extra: readonly string[]): ReturnType<typeof runExportIn> {
  const plan = edit(fixture('roundtrip', 'edited-plan.crmsync.yaml'));
  assert.notEqual(plan, fixture('roundtrip', 'edited-plan.crmsync.yaml'), 'the edit applies');
  return runExportIn(['variant.crmsync.yaml', '--against', 'org/', '--format', 'json', ...extra], new Map([[at('variant.crmsync.yaml'), plan]]));
}

test('--schedule-test also schedules Test & Enable for mailboxes whose processing settings change, in plan-id order', () => {
  const r = runExportIn([EDITED, '--against', 'org/', '--format', 'json', '--schedule-test']).stdout;
  const phase2 = (JSON.parse(r) as { phase: number; url: string; plan: string[] }[]).filter((q) => q.phase === 2);
  assert.deepEqual(
    phase2.map((q) => q.plan),
    [['/mailboxes/alex-kim-2/approval', '/mailboxes/alex-kim-2/status'], ['/mailboxes/ben-okafor/outgoingEmail'], ['/mailboxes/dmitri-volkov/active'], ['/mailboxes/sales/serverProfile']],
  );
});

test('two plan records with one crmsync:id are refused (export/duplicate-id); a stale id matched by name is a warning', () => {
  const dup = variant((p) => p.replace('sales: # crmsync:id cf5d2daf-7e46-4844-a4ef-38b6979da42f', 'sales: # crmsync:id 1c62a59e-6b0d-40e2-bcc0-9172058e4b4f'), []);
  assert.equal(dup.code, 1, dup.stderr);
  assert.equal(dup.stdout, '');
  assert.match(dup.stderr, /^variant\.crmsync\.yaml:217:\d+ error export\/duplicate-id /m);
  const stale = variant((p) => p.replace('# crmsync:id 2cc790db-4e9a-4344-ac49-5e59bff8ab80', '# crmsync:id 2cc790db-0000-4000-8000-000000000000'), []);
  assert.equal(stale.code, 0, stale.stderr);
  assert.match(stale.stderr, /^variant\.crmsync\.yaml:61:\d+ warning export\/stale-id /m);
  // It still writes to the record it found by name.
  assert.equal(stale.stdout, fixture('roundtrip', 'expected-export.json'));
});

test('with --allow-errors a mapped key holding a placeholder is skipped (export/skipped), the rest is written', () => {
  const edit = (p: string) => p.replace('maxAttachmentSizeKb: 20480', 'maxAttachmentSizeKb: ""');
  const refused = variant(edit, []);
  assert.equal(refused.code, 1, refused.stderr);
  const r = variant(edit, ['--allow-errors']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^variant\.crmsync\.yaml:53:\d+ warning export\/skipped /m);
  const requests = JSON.parse(r.stdout) as { url: string }[];
  assert.equal(requests.length, 7);
  assert.ok(!requests.some((q) => q.url.includes('/organizations(')));
});

test('deploymentSettings are reported once (export/not-webapi), never written', () => {
  const r = variant((p) => p.replace('  tenantId: 4f302b5e-4562-4792-8f6f-01842cc39122\n', '  tenantId: 4f302b5e-4562-4792-8f6f-01842cc39122\n  deploymentSettings:\n    allowNonSslEmail: false\n'), ['--allow-errors']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(findingLines(r.stderr).filter((l) => / info export\/not-webapi /.test(l)).length, 1);
  assert.match(r.stderr, /^variant\.crmsync\.yaml:15:3 info export\/not-webapi /m);
  assert.equal(r.stdout, fixture('roundtrip', 'expected-export.json'));
});

/** An organisation of `n` mailboxes (the scale generator), imported, with every mailbox's ACT method changed through the default. */
function allMailboxesEdited(n: number): { run: ReturnType<typeof runExportIn>; plan: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-test-enable-'));
  try {
    execFileSync(process.execPath, [path.join(FIXTURES, 'scale', 'generate.mjs'), dir, String(n)], { stdio: 'ignore' });
    const texts = new Map(fs.readdirSync(dir).map((f) => [path.join(dir, f), fs.readFileSync(path.join(dir, f), 'utf8')]));
    const imported = importOrganization([...texts].map(([f, t]) => ({ name: path.basename(f), content: t })), { deployment: 'online' });
    assert.ok(imported.plan !== undefined);
    const plan = imported.plan.replace('    appointmentsContactsTasks: serverSideSync\n', '    appointmentsContactsTasks: none\n');
    assert.notEqual(plan, imported.plan);
    texts.set(path.join(dir, 'all.crmsync.yaml'), plan);
    return { run: runExportIn(['all.crmsync.yaml', '--against', dir, '--format', 'json', '--allow-errors', '--schedule-test'], texts, dir), plan };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('more than 200 mailboxes scheduled for Test & Enable: export/test-enable-limit at the mailboxes key; 200 are not', () => {
  const { run: over, plan } = allMailboxesEdited(201);
  assert.equal(over.code, 0, over.stderr);
  const requests = JSON.parse(over.stdout) as { phase: number; body: Record<string, unknown> }[];
  assert.equal(requests.filter((q) => q.phase === 2 && q.body.testemailconfigurationscheduled === true).length, 201);
  const limit = findingLines(over.stderr).filter((l) => / warning export\/test-enable-limit /.test(l));
  assert.equal(limit.length, 1, over.stderr);
  const mailboxesLine = plan.split('\n').indexOf('mailboxes:') + 1;
  assert.ok(mailboxesLine > 0);
  assert.match(limit[0], new RegExp(`^all\\.crmsync\\.yaml:${mailboxesLine}:1 warning export/test-enable-limit 201 mailboxes are scheduled for Test & Enable; Microsoft advises at most 200 every 5 hours`));
  const { run: at } = allMailboxesEdited(200);
  assert.equal(at.code, 0, at.stderr);
  assert.equal((JSON.parse(at.stdout) as { phase: number }[]).filter((q) => q.phase === 2).length, 200);
  assert.ok(!/export\/test-enable-limit/.test(at.stderr), at.stderr);
});
