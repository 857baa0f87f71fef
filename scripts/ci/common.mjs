// Shared by the CI integrations (github-action.mjs for action.yml, azure-check.mjs for
// templates/crmsync-check.yml): runs `crmsync check` twice, once for the SARIF file and once for
// the JSON report that the annotations are made from, and passes its exit code through.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The CLI to run: `CRMSYNC_CLI` (a JavaScript file run with this Node, e.g. a private bundle or
 * an installed package's bin/crmsync.js), else this repository's bin/crmsync.js (→ dist/cli.js).
 */
export function cliPath(env = process.env) {
  return env.CRMSYNC_CLI || fileURLToPath(new URL('../../bin/crmsync.js', import.meta.url));
}

/** The CLI needs Node 20 (its bundle targets node20). Returns a message when this Node is older. */
export function nodeTooOld(version = process.versions.node) {
  const major = Number(version.split('.')[0]);
  return major >= 20 ? undefined : `crmsync needs Node.js 20 or later, this is ${version}`;
}

/** `"a\n b c\n"` → `['a', 'b c']`: one path per line (a path may contain spaces). */
export function pathList(text) {
  return (text ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `"profile-unused=off, pop3-provider-untested=error"` (commas, spaces or lines) → `--rule` arguments. */
export function ruleArgs(text) {
  return (text ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((r) => ['--rule', r]);
}

function runCli(cli, args, cwd) {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  // Killed by a signal: report it as the CLI's "could not check" code.
  return { code: r.status ?? 2, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the check.
 * - `paths`, `rules`: the CLI's arguments (see pathList, ruleArgs); `maxWarnings`: '' for none.
 * - `sarifFile`: where the SARIF report is written (relative to `cwd`); `sarifRoot`: the
 *   directory its URIs are relative to (the repository root).
 * Returns the exit code, the parsed JSON report (undefined when the CLI printed none, e.g. no
 * plan found), the CLI's stderr, and the absolute SARIF path (undefined when none was written).
 */
export function check({ paths, rules, maxWarnings, sarifFile, sarifRoot, cwd, cli = cliPath() }) {
  const common = [...(maxWarnings ? ['--max-warnings', maxWarnings] : []), ...ruleArgs(rules)];
  const targets = ['--', ...(pathList(paths).length ? pathList(paths) : ['.'])];

  let sarifPath;
  if (sarifFile) {
    const sarif = runCli(cli, ['--format', 'sarif', '--sarif-root', sarifRoot ?? cwd, ...common, ...targets], cwd);
    if (sarif.stdout.trim() !== '') {
      sarifPath = path.resolve(cwd, sarifFile);
      fs.mkdirSync(path.dirname(sarifPath), { recursive: true });
      fs.writeFileSync(sarifPath, sarif.stdout);
    }
  }
  const json = runCli(cli, ['--format', 'json', ...common, ...targets], cwd);
  let report;
  if (json.stdout.trim() !== '') {
    try {
      report = JSON.parse(json.stdout);
    } catch {
      return { code: 2, report: undefined, stderr: `${json.stderr}crmsync: the CLI printed no JSON report\n`, sarifPath };
    }
  }
  return { code: json.code, report, stderr: json.stderr, sarifPath };
}

/** Counts of a JSON report's findings by severity. */
export function counts(report) {
  const c = { files: 0, error: 0, warning: 0, info: 0 };
  for (const f of report?.files ?? []) {
    c.files++;
    for (const x of f.findings) c[x.severity]++;
  }
  return c;
}

/** `26 files checked: 78 errors, 30 warnings, 19 info` (the CLI's text summary). */
export function summaryLine(c) {
  const n = (k, word, many = `${word}s`) => `${k} ${k === 1 ? word : many}`;
  return `${n(c.files, 'file')} checked: ${n(c.error, 'error')}, ${n(c.warning, 'warning')}, ${c.info} info`;
}

/**
 * A finding's message with its related locations on the following lines
 * (`  file:line:col: message`), for an annotation that shows them too.
 */
export function messageWithRelated(file, finding) {
  return [finding.message, ...(finding.related ?? []).map((r) => `  ${file}:${r.line}:${r.column}: ${r.message}`)].join('\n');
}

/**
 * A report path (relative to `cwd`, or absolute) as the CI system names files: relative to the
 * repository root `root`, with forward slashes; absolute when outside it.
 */
export function repoRelative(root, cwd, file) {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(root, abs);
  const outside = rel === '' || rel.startsWith('..') || path.isAbsolute(rel);
  return (outside ? abs : rel).split(path.sep).join('/');
}
