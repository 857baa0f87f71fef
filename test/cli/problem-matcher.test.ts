/**
 * The `$crmsync` problem matcher of package.json (what VS Code tasks running `crmsync check`
 * read): its regexp matches every finding line the CLI prints for the examples, with the right
 * file, line, column, severity, rule id and message, and no other line (the summary, related
 * locations indented under a finding, `--fix-dry-run` diffs, stderr notes).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoPath } from '../harness/paths';
import { crmsync, example, scratchDir, writeFile, type Run } from './helpers';

interface Pattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity: number;
  code: number;
  message: number;
}

const pkg = JSON.parse(fs.readFileSync(repoPath('package.json'), 'utf8'));
const matcher = (pkg.contributes.problemMatchers as { name: string; owner: string; fileLocation: unknown; pattern: Pattern }[]).find((m) => m.name === 'crmsync');
assert.ok(matcher, 'package.json contributes a problem matcher named crmsync');
const pattern = matcher.pattern;
const regexp = new RegExp(pattern.regexp);

interface Captured {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

/** What VS Code's matcher takes from each output line it matches (one-line pattern). */
function matched(output: string): Captured[] {
  const out: Captured[] = [];
  for (const l of output.split(/\r?\n/)) {
    const m = regexp.exec(l);
    if (m) out.push({ file: m[pattern.file], line: Number(m[pattern.line]), column: Number(m[pattern.column]), severity: m[pattern.severity], code: m[pattern.code], message: m[pattern.message] });
  }
  return out;
}

/** The same findings from `--format json`, in the order the text report prints them. */
function expected(args: readonly string[], cwd?: string): Captured[] {
  const r = crmsync(['check', '--format', 'json', ...args], cwd);
  const report = JSON.parse(r.stdout) as { files: { path: string; findings: { line: number; column: number; severity: string; ruleId: string; message: string }[] }[] };
  return report.files.flatMap((f) => f.findings.map((x) => ({ file: f.path, line: x.line, column: x.column, severity: x.severity, code: x.ruleId, message: x.message })));
}

function assertMatchesExactly(run: Run, want: Captured[]): void {
  assert.deepEqual(matched(run.stdout), want);
  assert.deepEqual(matched(run.stderr), [], 'no stderr line is taken for a finding');
}

test('the crmsync task type uses the $crmsync matcher and reads paths and args', () => {
  const def = (pkg.contributes.taskDefinitions as { type: string; properties: Record<string, unknown> }[]).find((d) => d.type === 'crmsync');
  assert.ok(def, 'a crmsync task definition');
  assert.deepEqual(Object.keys(def.properties).sort(), ['args', 'paths']);
  assert.match(fs.readFileSync(repoPath('client', 'src', 'tasks.ts'), 'utf8'), /\['\$crmsync'\]/);
  assert.equal(matcher.owner, 'crmsync');
  assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
});

test('every finding line of `crmsync check examples/` is matched with its location, severity, rule and message; nothing else is', () => {
  const run = crmsync(['check', 'examples/']);
  assert.equal(run.code, 1, run.stderr);
  const want = expected(['examples/']);
  assert.ok(want.length > 50 && new Set(want.map((w) => w.severity)).size === 3, 'the examples have findings of every severity');
  assertMatchesExactly(run, want);
  // The lines not matched are exactly the summary and lines that are not findings.
  const unmatched = run.stdout.split('\n').filter((l) => l !== '' && !regexp.test(l));
  assert.ok(unmatched.some((l) => /^\d+ files checked: /.test(l)), 'the summary is printed and not matched');
  for (const l of unmatched) assert.ok(/^\s/.test(l) || /^\d+ files? checked: /.test(l), `an unmatched line that is neither the summary nor indented: ${l}`);
});

test('with --fix-dry-run the diffs are not taken for findings', () => {
  const run = crmsync(['check', '--fix-dry-run', 'examples/']);
  assert.match(run.stdout, /^@@ /m, 'diffs are printed');
  assertMatchesExactly(run, expected(['--fix-dry-run', 'examples/']));
});

test('paths with spaces and colons, and absolute paths outside the current directory, are captured whole', () => {
  const dir = scratchDir();
  const inside = path.join(dir, 'work');
  fs.mkdirSync(inside);
  writeFile(inside, 'my plans/a b:c.crmsync.yaml', example('invalid-schema-errors.crmsync.yaml'));
  const outside = writeFile(dir, 'elsewhere/x.crmsync.yaml', example('invalid-pop3-mailboxes.crmsync.yaml'));
  const run = crmsync(['check', 'my plans', outside], inside);
  assert.equal(run.code, 1, run.stderr);
  const want = expected(['my plans', outside], inside);
  assert.ok(want.some((w) => w.file === path.join('my plans', 'a b:c.crmsync.yaml')) && want.some((w) => w.file === outside));
  assertMatchesExactly(run, want);
});
