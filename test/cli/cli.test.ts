/** The built CLI (dist/cli.js through bin/crmsync.js), spawned as users run it. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { filesUnder, repoPath, ROOT } from '../harness/paths';
import { parseExpectations } from '../harness/expect';
import { crmsync } from './helpers';


const examples = filesUnder(repoPath('examples'), /\.crmsync\.yaml$/);
const validExamples = examples.filter((f) => !path.basename(f).startsWith('invalid-'));

test('on examples/ it exits 1 (the invalid plans have errors)', () => {
  const r = crmsync(['check', 'examples/']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^examples\/invalid-schema-errors\.crmsync\.yaml:18:11 error schema\/enum /m);
  assert.match(r.stdout, /\d+ files checked: \d+ errors/);
});

test('on the valid examples alone it exits 0; warnings only where the example expects them', () => {
  const r = crmsync(['check', ...validExamples.map((f) => path.relative(ROOT, f))]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, / error /);
  // "Supported with limits" (the cross-tenant Azure AD OAuth example): a warning its header lists.
  for (const line of r.stdout.split('\n').filter((l) => / warning /.test(l))) {
    const [file, lineNo] = line.split(':');
    const expected = parseExpectations(fs.readFileSync(repoPath(file), 'utf8')).items;
    assert.ok(expected.some((e) => e.severity === 'warning' && e.line === Number(lineNo) && line.includes(` ${e.ruleId} `)), `unexpected warning: ${line}`);
  }
});

test('--format json follows the contract', () => {
  const file = 'examples/invalid-schema-errors.crmsync.yaml';
  const r = crmsync(['check', '--format', 'json', file]);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.stdout);
  assert.equal(json.version, 1);
  assert.equal(json.files.length, 1);
  assert.equal(json.files[0].path, file);
  const expected = parseExpectations(fs.readFileSync(repoPath(file), 'utf8')).items;
  assert.deepEqual(
    json.files[0].findings.map((f: { line: number; ruleId: string; severity: string }) => `${f.line} ${f.severity} ${f.ruleId}`).sort(),
    expected.map((e) => `${e.line} ${e.severity} ${e.ruleId}`).sort(),
  );
  const f = json.files[0].findings[0];
  assert.deepEqual(Object.keys(f).sort(), ['column', 'endColumn', 'endLine', 'fixes', 'line', 'message', 'quickFixes', 'related', 'ruleId', 'severity'].sort());
  assert.deepEqual(json.files[0].suppressed, []);
  // schema/enum on `baseline: crm2017`: columns are 1-based, end exclusive.
  assert.deepEqual(
    json.files[0].findings.filter((x: { ruleId: string }) => x.ruleId === 'schema/enum').map((x: Record<string, number>) => [x.line, x.column, x.endLine, x.endColumn]),
    [[18, 11, 18, 18]],
  );
});

test('--format sarif is SARIF 2.1.0 with rule metadata and helpUri', () => {
  const r = crmsync(['check', '--format=sarif', 'examples/invalid-schema-errors.crmsync.yaml']);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'crmsync');
  const rules = run.tool.driver.rules as { id: string; helpUri: string }[];
  assert.ok(rules.some((x) => x.id === 'plaintext-secret' && /docs\/rules\.md#plaintext-secret$/.test(x.helpUri)));
  assert.equal(run.results.length, 10);
  for (const res of run.results) {
    assert.equal(rules[res.ruleIndex].id, res.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(res.level));
    assert.ok(res.locations[0].physicalLocation.region.startLine >= 1);
  }
});

test('usage errors and unreadable files exit 2 with a clear message', () => {
  const none = crmsync(['check']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no file or directory given/);
  const badFormat = crmsync(['check', '--format', 'xml', 'examples/']);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.stderr, /--format must be text, json, sarif, github, azure or junit/);
  const missing = crmsync(['check', 'no/such/plan.crmsync.yaml']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read 'no\/such\/plan\.crmsync\.yaml'/);
  const unknown = crmsync(['lint', 'x']);
  assert.equal(unknown.code, 2);
});

test('invalid UTF-8 is a clear error with exit 2', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-'));
  const file = path.join(dir, 'bad.crmsync.yaml');
  fs.writeFileSync(file, Buffer.from([0x76, 0x65, 0x72, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
  const r = crmsync(['check', file]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not valid UTF-8/);
});

test('--max-warnings turns too many warnings into exit 1', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-'));
  // A valid plan plus a testing-only deployment setting: warnings (insecure-channel-allowed), no error.
  const plan = path.join(dir, 'warn.crmsync.yaml');
  fs.writeFileSync(
    plan,
    fs.readFileSync(repoPath('examples', 'onprem-exchange-server-2013.crmsync.yaml'), 'utf8').replace(/^organization:\n/m, 'organization:\n  deploymentSettings: { allowNonSslEmail: true }\n'),
  );
  const ok = crmsync(['check', plan]);
  const warnings = (ok.stdout.match(/ warning /g) ?? []).length;
  assert.ok(warnings >= 1, ok.stdout);
  assert.equal(ok.code, 0, ok.stdout);
  assert.equal(crmsync(['check', '--max-warnings', String(warnings - 1), plan]).code, 1);
  assert.equal(crmsync(['check', '--max-warnings', String(warnings), plan]).code, 0);
});

test('--rule changes a severity or turns a rule off', () => {
  const file = 'examples/invalid-schema-errors.crmsync.yaml';
  const off = crmsync(['check', '--format', 'json', '--rule', 'schema/enum=off', file]);
  const json = JSON.parse(off.stdout);
  assert.ok(!json.files[0].findings.some((f: { ruleId: string }) => f.ruleId === 'schema/enum'));
  const warn = JSON.parse(crmsync(['check', '--format', 'json', '--rule=schema/enum=warning', file]).stdout);
  assert.equal(warn.files[0].findings.find((f: { ruleId: string }) => f.ruleId === 'schema/enum').severity, 'warning');
  const unknown = crmsync(['check', '--rule', 'no-such-rule=off', file]);
  assert.match(unknown.stderr, /unknown rule id 'no-such-rule'/);
});

test('suppressed findings are listed in JSON with their reason and carried as SARIF suppressions', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-'));
  const plan = path.join(dir, 'suppressed.crmsync.yaml');
  const text = fs
    .readFileSync(repoPath('examples', 'online-exchange-online.crmsync.yaml'), 'utf8')
    .replace('    mailSystem: exo\n', '    mailSystem: exo\n    # crmsync-disable-next-line schema/additional-properties -- read by our provisioning script\n    x-provisioning: manual\n');
  fs.writeFileSync(plan, text);
  const r = crmsync(['check', '--format', 'json', plan]);
  assert.equal(r.code, 0, r.stdout);
  const file = JSON.parse(r.stdout).files[0];
  assert.deepEqual(file.findings, []);
  assert.equal(file.suppressed.length, 1);
  assert.equal(file.suppressed[0].ruleId, 'schema/additional-properties');
  assert.equal(file.suppressed[0].reason, 'read by our provisioning script');
  const sarif = JSON.parse(crmsync(['check', '--format', 'sarif', plan]).stdout);
  assert.deepEqual(sarif.runs[0].results.map((x: { suppressions?: unknown }) => x.suppressions), [[{ kind: 'inSource', justification: 'read by our provisioning script' }]]);
});

test('--fix writes the preferred fixes and reports what remains; --fix-dry-run prints a diff', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-'));
  const plan = path.join(dir, 'fixme.crmsync.yaml');
  const text = 'version: 1\r\norganization:\r\n  name: contoso\r\n  deployment: OnPremises # where CRM runs\r\n';
  fs.writeFileSync(plan, text);
  const dry = crmsync(['check', '--fix-dry-run', plan]);
  // Like --fix, a dry run reports (and exits on) what would remain after the fixes: nothing here.
  assert.equal(dry.code, 0, 'no error would remain');
  assert.match(dry.stdout, /^1 file checked: 0 errors, 0 warnings, 0 info; 1 fix would be applied$/m);
  assert.match(dry.stdout, /^-  deployment: OnPremises # where CRM runs\r$/m);
  assert.match(dry.stdout, /^\+  deployment: onPremises # where CRM runs\r$/m);
  assert.equal(fs.readFileSync(plan, 'utf8'), text, 'dry run writes nothing');
  const fix = crmsync(['check', '--fix', plan]);
  assert.equal(fix.code, 0, fix.stdout + fix.stderr);
  assert.match(fix.stderr, /applied 1 fix/);
  assert.equal(fs.readFileSync(plan, 'utf8'), text.replace('OnPremises', 'onPremises'), 'CRLF and the comment are kept');
});
