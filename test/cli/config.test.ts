/**
 * `crmsync check` and crmsync.config.json / .yaml: the nearest file above each plan applies
 * (walking up), `--config FILE` replaces the search, `--no-config` disables it, `--rule` wins
 * over the file, and an invalid or missing file is exit 2 with a message naming it.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { example, scratchDir, writeFile, type Run } from './helpers';

// The compiled CLI entry next to this compiled test, so these tests need no bundle.
const CLI = path.join(__dirname, '..', '..', 'server', 'src', 'cli.js');
const run = (args: readonly string[], cwd: string): Run => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** `ruleId severity` of each finding per file of a JSON report. */
function findings(r: Run): Record<string, string[]> {
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  const doc = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string; severity: string }[] }[] };
  return Object.fromEntries(doc.files.map((f) => [f.path, f.findings.map((x) => `${x.ruleId} ${x.severity}`)]));
}

const PLAN = example('invalid-pop3-mailboxes.crmsync.yaml'); // has pop3-provider-untested (warning) and forward-rules-manual (info)

function tree(): string {
  const dir = scratchDir('crmsync-cli-config-');
  writeFile(dir, 'team/a/deep/one.crmsync.yaml', PLAN);
  writeFile(dir, 'team/b/two.crmsync.yaml', PLAN);
  writeFile(dir, 'other/three.crmsync.yaml', PLAN);
  writeFile(dir, 'team/crmsync.config.json', JSON.stringify({ rules: { 'pop3-provider-untested': 'error' } }));
  writeFile(dir, 'team/b/crmsync.config.yaml', 'rules:\n  forward-rules-manual: off\n');
  return dir;
}

test('each plan gets its nearest configuration file, found by walking up (JSON and YAML); none above: defaults', () => {
  const dir = tree();
  const f = findings(run(['check', '--format', 'json', '.'], dir));
  const one = f['team/a/deep/one.crmsync.yaml'];
  const two = f['team/b/two.crmsync.yaml'];
  const three = f['other/three.crmsync.yaml'];
  assert.ok(one.includes('pop3-provider-untested error'), one.join(', '));
  assert.ok(one.includes('forward-rules-manual info'));
  // The nearest file wins whole: team/b's YAML file, not team's JSON one.
  assert.ok(two.includes('pop3-provider-untested warning'), two.join(', '));
  assert.ok(!two.some((x) => x.startsWith('forward-rules-manual')));
  assert.ok(three.includes('pop3-provider-untested warning'));
  assert.ok(three.includes('forward-rules-manual info'));
});

test('--no-config ignores the files; --config FILE applies one file to every plan; --rule wins over the file', () => {
  const dir = tree();
  const none = findings(run(['check', '--format', 'json', '--no-config', 'team'], dir));
  assert.ok(none['team/a/deep/one.crmsync.yaml'].includes('pop3-provider-untested warning'));
  assert.ok(none['team/b/two.crmsync.yaml'].includes('forward-rules-manual info'));

  writeFile(dir, 'ci/strict.json', JSON.stringify({ rules: { 'forward-rules-manual': 'error' } }));
  const given = findings(run(['check', '--format', 'json', '--config', 'ci/strict.json', '.'], dir));
  for (const list of Object.values(given)) {
    assert.ok(list.includes('forward-rules-manual error'), list.join(', '));
    assert.ok(list.includes('pop3-provider-untested warning'), 'the searched files are not used');
  }

  const over = findings(run(['check', '--format', 'json', '--rule', 'pop3-provider-untested=off', 'team/a'], dir));
  assert.ok(!over['team/a/deep/one.crmsync.yaml'].some((x) => x.startsWith('pop3-provider-untested')));
});

test('an invalid configuration file is exit 2 with a message naming the file and what is wrong; nothing is reported', () => {
  const dir = tree();
  writeFile(dir, 'team/a/crmsync.config.json', JSON.stringify({ rules: { 'profile-unused': 'loud' }, procesEmailFromMaxAgeDays: 3 }));
  const r = run(['check', 'team/a'], dir);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /invalid configuration file 'team\/a\/crmsync\.config\.json'/);
  assert.match(r.stderr, /rules\.profile-unused: "loud" is not off, error, warning or info/);
  assert.match(r.stderr, /unknown key 'procesEmailFromMaxAgeDays'/);

  writeFile(dir, 'team/a/crmsync.config.json', '{ "rules": ');
  const broken = run(['check', 'team/a'], dir);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /invalid configuration file 'team\/a\/crmsync\.config\.json':\n {2}not valid JSON/);
  // --no-config still works with the broken file in place.
  assert.equal(run(['check', '--no-config', 'team/a'], dir).code, 1);
});

test('--config with a missing file, or with --no-config, is exit 2; unknown rule ids in a file are a warning', () => {
  const dir = tree();
  const missing = run(['check', '--config', 'nope.json', 'team'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read configuration file 'nope\.json': no such file/);
  const both = run(['check', '--config', 'team/crmsync.config.json', '--no-config', 'team'], dir);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--config and --no-config cannot be combined/);

  writeFile(dir, 'other/crmsync.config.json', JSON.stringify({ rules: { 'no-such-rule': 'off', 'forward-rules-manual': 'off' } }));
  const r = run(['check', '--format', 'json', 'other'], dir);
  assert.match(r.stderr, /warning: other\/crmsync\.config\.json: rules names unknown rule id 'no-such-rule'; it is ignored/);
  assert.ok(!findings(r)['other/three.crmsync.yaml'].some((x) => x.startsWith('forward-rules-manual')));
});
