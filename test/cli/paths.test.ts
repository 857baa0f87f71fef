/** How the CLI names files in every output; no plan found; plurals in summaries. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoPath } from '../harness/paths';
import { fileUri, relativeUri, toSlashes } from '../../server/src/cli/paths';
import { crmsync, example, scratchDir, summary, writeFile } from './helpers';

/** One fixable error (`OnPremises`), so that every output (text, JSON, SARIF, diff) names the file. */
const FIXABLE = example('onprem-exchange-server-2013.crmsync.yaml').replace('deployment: onPremises', 'deployment: OnPremises');

/** Every way an output names the file, for one way of giving it. */
function namesIn(cwd: string, given: string): string[] {
  const names: string[] = [];
  const text = crmsync(['check', given], cwd);
  names.push(...text.stdout.split('\n').filter((l) => / error /.test(l)).map((l) => l.replace(/:\d+:\d+ error .*$/, '')));
  names.push(...JSON.parse(crmsync(['check', '--format', 'json', given], cwd).stdout).files.map((f: { path: string }) => f.path));
  const dry = crmsync(['check', '--fix-dry-run', given], cwd);
  names.push(...[...dry.stdout.matchAll(/^(?:---|\+\+\+) (?:[ab]\/)?(.*)$/gm)].map((m) => m[1]));
  names.push(...[...dry.stderr.matchAll(/^crmsync: (.*): would apply/gm)].map((m) => m[1]));
  assert.ok(names.length >= 5, JSON.stringify({ given, names, text }));
  return names;
}

test('inside the current directory every output names the file relative to it, normalized', () => {
  const dir = scratchDir();
  const plan = writeFile(dir, path.join('plans', 'x.crmsync.yaml'), FIXABLE);
  for (const given of [path.join('a', '..', 'plans', 'x.crmsync.yaml'), plan, `.${path.sep}plans${path.sep}`, 'plans', path.join(dir, 'plans', '..', 'plans')]) {
    const names = namesIn(dir, given);
    assert.deepEqual(new Set(names), new Set(['plans/x.crmsync.yaml']), given);
  }
  const dry = crmsync(['check', '--fix-dry-run', 'a/../plans/x.crmsync.yaml'], dir);
  assert.match(dry.stdout, /^--- a\/plans\/x\.crmsync\.yaml\n\+\+\+ b\/plans\/x\.crmsync\.yaml\n/m);
  const sarif = JSON.parse(crmsync(['check', '--format', 'sarif', 'a/../plans/x.crmsync.yaml'], dir).stdout);
  assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'plans/x.crmsync.yaml');
});

test('outside the current directory every output names the file by its absolute path', () => {
  const dir = scratchDir();
  const plan = writeFile(dir, path.join('plans', 'x.crmsync.yaml'), FIXABLE);
  const elsewhere = scratchDir();
  for (const given of [plan, path.relative(elsewhere, plan)]) {
    assert.deepEqual(new Set(namesIn(elsewhere, given)), new Set([toSlashes(plan)]), given);
  }
  const dry = crmsync(['check', '--fix-dry-run', plan], elsewhere);
  assert.ok(dry.stdout.startsWith(`--- ${plan}\n+++ ${plan}\n`), dry.stdout);
  // Unreadable and missing files are named the same way.
  const missing = crmsync(['check', path.join(dir, 'nope.crmsync.yaml')], elsewhere);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, new RegExp(`cannot read '${path.join(dir, 'nope.crmsync.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}': no such file or directory`));
});

test('a file given twice (directly and through its directory) is checked once', () => {
  const dir = scratchDir();
  writeFile(dir, path.join('plans', 'x.crmsync.yaml'), FIXABLE);
  const r = crmsync(['check', 'plans', 'plans/x.crmsync.yaml', './plans/../plans/x.crmsync.yaml'], dir);
  assert.equal(summary(r.stdout), '1 file checked: 1 error, 0 warnings, 0 info; 1 fixable with --fix');
});

test('paths as URIs and with forward slashes, whatever the platform separator', () => {
  assert.equal(toSlashes('plans\\x.crmsync.yaml', '\\'), 'plans/x.crmsync.yaml');
  assert.equal(toSlashes('odd\\name.crmsync.yaml', '/'), 'odd\\name.crmsync.yaml', 'on POSIX a backslash is part of the name');
  assert.equal(relativeUri('my plans\\a b+ü#.crmsync.yaml', '\\'), 'my%20plans/a%20b%2B%C3%BC%23.crmsync.yaml');
  assert.equal(relativeUri('odd\\name.crmsync.yaml', '/'), 'odd%5Cname.crmsync.yaml');
  assert.equal(relativeUri('a:b/c'), 'a%3Ab/c', 'a colon in a first segment would read as a scheme');
  assert.equal(fileUri('C:\\Users\\Jo Doe\\plan.crmsync.yaml', false, '\\'), 'file:///C:/Users/Jo%20Doe/plan.crmsync.yaml');
  assert.equal(fileUri('C:\\repo', true, '\\'), 'file:///C:/repo/');
  assert.equal(fileUri('\\\\server\\share\\x y.crmsync.yaml', false, '\\'), 'file://server/share/x%20y.crmsync.yaml');
  assert.equal(fileUri('/srv/100% sure/?.crmsync.yaml', false, '/'), 'file:///srv/100%25%20sure/%3F.crmsync.yaml');
  assert.equal(fileUri('/', true, '/'), 'file:///');
});

test('no plan found: exit 2 with a message naming both extensions', () => {
  const dir = scratchDir();
  fs.mkdirSync(path.join(dir, 'empty'));
  writeFile(dir, path.join('other', 'notes.yaml'), 'version: 1\n');
  for (const format of ['text', 'json', 'sarif']) {
    for (const given of ['empty', 'other']) {
      const r = crmsync(['check', '--format', format, given], dir);
      assert.equal(r.code, 2, `${format} ${given}`);
      assert.match(r.stderr, new RegExp(`no plan found under '${given}'.*\\*\\.crmsync\\.yaml.*\\*\\.crmsync\\.yml`));
      assert.equal(r.stdout, '', 'no report of zero files');
    }
  }
  const none = crmsync(['check'], dir);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no file or directory given.*\*\.crmsync\.yaml.*\*\.crmsync\.yml/);
  // With a plan elsewhere on the command line, that one is reported; the exit code stays 2.
  writeFile(dir, path.join('plans', 'ok.crmsync.yml'), example('online-exchange-online.crmsync.yaml'));
  const mixed = crmsync(['check', 'plans', 'empty'], dir);
  assert.equal(mixed.code, 2);
  assert.equal(summary(mixed.stdout), '1 file checked: 0 errors, 0 warnings, 0 info', '*.crmsync.yml is found');
  assert.equal(crmsync(['check', 'plans'], dir).code, 0);
});

test('summaries use singular and plural correctly', () => {
  const dir = scratchDir();
  writeFile(dir, 'one/dup.crmsync.yaml', fs.readFileSync(repoPath('test', 'fixtures', 'parser', 'duplicate-key.crmsync.yaml'), 'utf8'));
  writeFile(dir, 'two/a.crmsync.yaml', fs.readFileSync(repoPath('test', 'fixtures', 'parser', 'duplicate-key.crmsync.yaml'), 'utf8'));
  writeFile(dir, 'two/b.crmsync.yaml', fs.readFileSync(repoPath('test', 'fixtures', 'parser', 'duplicate-key.crmsync.yaml'), 'utf8'));
  writeFile(
    dir,
    'warn/w.crmsync.yaml',
    example('onprem-exchange-server-2013.crmsync.yaml').replace(/^organization:\n/m, 'organization:\n  deploymentSettings: { allowNonSslEmail: true }\n'),
  );
  writeFile(dir, 'mixed/m.crmsync.yaml', example('invalid-hybrid-exchange-2010.crmsync.yaml'));
  assert.equal(summary(crmsync(['check', 'one'], dir).stdout), '1 file checked: 1 error, 0 warnings, 0 info');
  assert.equal(summary(crmsync(['check', 'two'], dir).stdout), '2 files checked: 2 errors, 0 warnings, 0 info');
  assert.equal(summary(crmsync(['check', 'mixed'], dir).stdout), '1 file checked: 5 errors, 1 warning, 1 info; 3 fixable with --fix');
  const w = crmsync(['check', '--max-warnings', '0', 'warn'], dir);
  assert.equal(summary(w.stdout), '1 file checked: 0 errors, 1 warning, 0 info; 1 fixable with --fix');
  assert.equal(w.code, 1);
  assert.match(w.stderr, /^crmsync: 1 warning, more than --max-warnings 0$/m);

  writeFile(dir, 'fix1/p.crmsync.yaml', FIXABLE);
  writeFile(dir, 'fix2/p.crmsync.yaml', FIXABLE.replace('baseline: crm2016', 'baseline: CRM2016'));
  const one = crmsync(['check', '--fix', 'fix1'], dir);
  assert.match(one.stderr, /^crmsync: fix1\/p\.crmsync\.yaml: applied 1 fix$/m);
  assert.match(summary(one.stdout), /; 1 fix applied$/);
  const dry = crmsync(['check', '--fix-dry-run', 'fix2'], dir);
  const n = Number(/would apply (\d+) fixes$/m.exec(dry.stderr)?.[1]);
  assert.ok(n >= 2, dry.stderr);
  assert.match(summary(dry.stdout), new RegExp(`; ${n} fixes would be applied$`));
});
