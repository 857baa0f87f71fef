/** `--fix-dry-run`: masked diffs, what remains after the would-be fixes, JSON, conflicting flags. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoPath } from '../harness/paths';
import { crmsync, example, scratchDir, summary, writeFile } from './helpers';

const SHORT = 'abc';
const BLOCK = 'correct-horse-battery-staple-and-a-very-long-tail';
const LONG = 'Tr0ub4dor&3-is-forty-characters-long-!!';

/** Three literal passwords of different lengths, one of them a block scalar repeated as a duplicate key, next to fixable errors. */
const SECRETS = `version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
      authenticateUsing: ServerProfile
      useImpersonation: true
      username: CONTOSO\\svc-crm
      password: ${SHORT}
    outgoing:
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
      authenticateUsing: ServerProfile
      username: CONTOSO\\svc-crm
      password: |
        ${BLOCK}
      password: "${LONG}"
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
`;

/** A plan with one fixable error (`OnPremises`) and one that no fix removes (an unknown key). */
const MIXED = example('onprem-exchange-server-2013.crmsync.yaml')
  .replace('deployment: onPremises', 'deployment: OnPremises')
  .replace(/^organization:\n/m, 'organization:\n  colour: blue\n');

test('--fix-dry-run masks every literal password with a mask of fixed length, whatever the rules', () => {
  const dir = scratchDir();
  writeFile(dir, 'secret.crmsync.yaml', SECRETS);
  for (const extra of [[], ['--rule', 'plaintext-secret=off']]) {
    const r = crmsync(['check', '--fix-dry-run', ...extra, 'secret.crmsync.yaml'], dir);
    assert.match(r.stdout, /^--- a\/secret\.crmsync\.yaml$/m, r.stdout + r.stderr);
    assert.match(r.stdout, /^-      authenticateUsing: ServerProfile$/m);
    for (const secret of [SHORT, BLOCK, LONG]) assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `${extra.join(' ')}: '${secret}' is not shown`);
    const masks = [...r.stdout.matchAll(/^[-+ ] {6}password: (.*)$/gm)].map((m) => m[1]).filter((v) => !v.startsWith('{ secretRef'));
    assert.ok(masks.length >= 2, r.stdout);
    // The same mask for a 3-character, a 40-character and a multi-line password.
    assert.deepEqual(new Set(masks), new Set(['********']), r.stdout);
  }
  // With the rule on, the passwords are moved to secret references: the diff shows that, still masked.
  const on = crmsync(['check', '--fix-dry-run', 'secret.crmsync.yaml'], dir);
  assert.match(on.stdout, /^-      password: \*{8}$/m);
  assert.match(on.stdout, /^\+      password: \{ secretRef: "env:CRMSYNC_EXCH_IN_PASSWORD" \}$/m);
  assert.equal(fs.readFileSync(path.join(dir, 'secret.crmsync.yaml'), 'utf8'), SECRETS, 'a dry run writes nothing');
});

test('--fix-dry-run reports what would remain, exactly as --fix reports it, and exits on that', () => {
  const a = scratchDir();
  const b = scratchDir();
  writeFile(a, 'plan.crmsync.yaml', MIXED);
  writeFile(b, 'plan.crmsync.yaml', MIXED);
  const dry = crmsync(['check', '--fix-dry-run', 'plan.crmsync.yaml'], a);
  const fix = crmsync(['check', '--fix', 'plan.crmsync.yaml'], b);
  assert.equal(fs.readFileSync(path.join(a, 'plan.crmsync.yaml'), 'utf8'), MIXED, 'dry run writes nothing');
  assert.notEqual(fs.readFileSync(path.join(b, 'plan.crmsync.yaml'), 'utf8'), MIXED, '--fix writes');
  assert.match(dry.stdout, /^\+  deployment: onPremises$/m, 'the diff');
  const report = (s: string) => s.split('\n').filter((l) => /^plan\.crmsync\.yaml:\d+:\d+ /.test(l));
  assert.deepEqual(report(dry.stdout), report(fix.stdout));
  assert.deepEqual(report(dry.stdout), [report(dry.stdout).find((l) => / error schema\/additional-properties .*colour/.test(l))], 'only the unfixable error remains');
  assert.equal(summary(dry.stdout), '1 file checked: 1 error, 0 warnings, 0 info; 1 fix would be applied');
  assert.equal(summary(fix.stdout), '1 file checked: 1 error, 0 warnings, 0 info; 1 fix applied');
  assert.equal(dry.code, 1);
  assert.equal(fix.code, 1);
  assert.match(dry.stderr, /^crmsync: plan\.crmsync\.yaml: would apply 1 fix$/m);
});

test('--fix-dry-run still reports when no fix applies and when the plan has duplicate keys', () => {
  const dir = scratchDir();
  writeFile(dir, 'dup.crmsync.yaml', fs.readFileSync(repoPath('test', 'fixtures', 'parser', 'duplicate-key.crmsync.yaml'), 'utf8'));
  writeFile(dir, 'ok.crmsync.yaml', example('online-exchange-online.crmsync.yaml'));
  const dup = crmsync(['check', '--fix-dry-run', 'dup.crmsync.yaml'], dir);
  assert.equal(dup.code, 1, dup.stderr);
  assert.match(dup.stdout, /^dup\.crmsync\.yaml:9:3 error duplicate-key /m);
  assert.equal(summary(dup.stdout), '1 file checked: 1 error, 0 warnings, 0 info; 0 fixes would be applied');
  const ok = crmsync(['check', '--fix-dry-run', 'ok.crmsync.yaml'], dir);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, '1 file checked: 0 errors, 0 warnings, 0 info; 0 fixes would be applied\n');
  const json = JSON.parse(crmsync(['check', '--fix-dry-run', '--format', 'json', 'dup.crmsync.yaml'], dir).stdout);
  assert.deepEqual(json.files[0].fixes, { applied: 0, diff: '' });
  assert.deepEqual(
    json.files[0].findings.map((f: { ruleId: string; line: number }) => `${f.line} ${f.ruleId}`),
    ['9 duplicate-key'],
  );
});

test('--fix-dry-run --format json is one document with each file\'s fixes and the findings that remain', () => {
  const a = scratchDir();
  const b = scratchDir();
  for (const d of [a, b]) {
    writeFile(d, 'plans/mixed.crmsync.yaml', MIXED);
    writeFile(d, 'plans/secret.crmsync.yaml', SECRETS);
  }
  const dry = crmsync(['check', '--fix-dry-run', '--format', 'json', 'plans'], a);
  assert.equal(dry.code, 1);
  const json = JSON.parse(dry.stdout); // throws unless stdout is exactly one JSON document
  assert.equal(json.version, 1);
  assert.equal(json.fix, 'dry-run');
  assert.deepEqual(json.files.map((f: { path: string }) => f.path), ['plans/mixed.crmsync.yaml', 'plans/secret.crmsync.yaml']);
  const [mixed, secret] = json.files;
  assert.equal(mixed.fixes.applied, 1);
  assert.match(mixed.fixes.diff, /^--- a\/plans\/mixed\.crmsync\.yaml\n\+\+\+ b\/plans\/mixed\.crmsync\.yaml\n@@ /);
  assert.match(mixed.fixes.diff, /^-  deployment: OnPremises\n\+  deployment: onPremises$/m);
  assert.equal(secret.fixes.applied, 5);
  for (const s of [SHORT, BLOCK, LONG]) assert.ok(!dry.stdout.includes(s), `'${s}' is not in the JSON`);
  // The diff is the text mode's; the findings are those --fix --format json leaves.
  const text = crmsync(['check', '--fix-dry-run', 'plans/mixed.crmsync.yaml'], a).stdout;
  assert.ok(text.startsWith(mixed.fixes.diff), 'the same diff as in text');
  const fixed = JSON.parse(crmsync(['check', '--fix', '--format', 'json', 'plans'], b).stdout);
  assert.equal(fixed.fix, 'write');
  assert.deepEqual(
    json.files.map((f: { findings: unknown }) => f.findings),
    fixed.files.map((f: { findings: unknown }) => f.findings),
  );
  assert.deepEqual(
    json.files.map((f: { fixes: { applied: number } }) => f.fixes.applied),
    fixed.files.map((f: { fixes: { applied: number } }) => f.fixes.applied),
  );
  assert.equal(fs.readFileSync(path.join(a, 'plans', 'mixed.crmsync.yaml'), 'utf8'), MIXED);
});

test('the dry-run diff applies with patch(1) and gives what --fix writes (also without a final line break)', (t) => {
  if (spawnSync('patch', ['--version']).status !== 0) {
    t.skip('patch(1) is not installed');
    return;
  }
  for (const [name, text] of [
    ['mixed', MIXED],
    ['no-eol', 'version: 1\norganization:\n  name: contoso\n  deployment: OnPremises'],
    ['crlf', 'version: 1\r\norganization:\r\n  name: contoso\r\n  deployment: OnPremises # where CRM runs\r\n'],
  ]) {
    const a = scratchDir();
    const b = scratchDir();
    writeFile(a, 'p.crmsync.yaml', text);
    writeFile(b, 'p.crmsync.yaml', text);
    const diff = crmsync(['check', '--fix-dry-run', '--format', 'json', 'p.crmsync.yaml'], a);
    const patchText = JSON.parse(diff.stdout).files[0].fixes.diff as string;
    assert.ok(patchText.length > 0, name);
    const p = spawnSync('patch', ['-p1', '--no-backup-if-mismatch', '--batch'], { cwd: a, input: patchText, encoding: 'utf8' });
    assert.equal(p.status, 0, `${name}: ${p.stdout}${p.stderr}\n${patchText}`);
    crmsync(['check', '--fix', 'p.crmsync.yaml'], b);
    assert.equal(fs.readFileSync(path.join(a, 'p.crmsync.yaml'), 'utf8'), fs.readFileSync(path.join(b, 'p.crmsync.yaml'), 'utf8'), name);
  }
});

test('conflicting or unknown flags are usage errors (exit 2, a clear message, no report)', () => {
  const dir = scratchDir();
  const plan = writeFile(dir, 'plan.crmsync.yaml', MIXED);
  const cases: [string[], RegExp][] = [
    [['--fix', '--fix-dry-run'], /--fix and --fix-dry-run cannot be used together/],
    [['--fix-dry-run', '--fix'], /--fix and --fix-dry-run cannot be used together/],
    [['--fix-dry-run', '--format', 'sarif'], /--fix-dry-run cannot be used with --format sarif/],
    [['--format', 'json', '--format', 'sarif'], /--format is given twice \('json' and 'sarif'\)/],
    [['--sarif-root', '.'], /--sarif-root only applies to --format sarif/],
    [['--format', 'sarif', '--sarif-root', 'a', '--sarif-root', 'b'], /--sarif-root is given twice/],
    [['--max-warnings', '1', '--max-warnings=2'], /--max-warnings is given twice/],
    [['--rule', 'schema/enum=off', '--rule', 'schema/enum=error'], /--rule schema\/enum is given twice \('off' and 'error'\)/],
    [['--fixx'], /unknown option '--fixx'/],
    [['--format'], /--format needs a value/],
    [['--sarif-root', '--fix'], /--sarif-root needs a value/],
  ];
  for (const [flags, message] of cases) {
    const r = crmsync(['check', 'plan.crmsync.yaml', ...flags], dir);
    assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, flags.join(' '));
    assert.match(r.stderr, /Usage: crmsync check/);
    assert.equal(r.stdout, '', flags.join(' '));
  }
  assert.equal(fs.readFileSync(plan, 'utf8'), MIXED, 'nothing was written');
  // The same value twice is no conflict.
  assert.equal(crmsync(['check', '--format', 'json', '--format=json', 'plan.crmsync.yaml'], dir).code, 1);
});
