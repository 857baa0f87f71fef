// The logic of the GitHub Action (action.yml at the repository root). Inputs come from the
// environment as GitHub passes them to actions (INPUT_PATHS, INPUT_FORMAT, INPUT_MAX-WARNINGS or
// INPUT_MAX_WARNINGS, INPUT_RULES, INPUT_SARIF-FILE or INPUT_SARIF_FILE). It
//  - writes the SARIF report to `sarif-file` (for github/codeql-action/upload-sarif),
//  - prints one workflow command per finding (`::error file=…,line=…,col=…::message`; warnings
//    `::warning`, info `::notice`) so that findings show inline on the pull request, then the
//    summary line (format `github`, the default), or the CLI's `text` / `json` report instead,
//  - sets the outputs `sarif-file`, `errors`, `warnings`, `exit-code` (GITHUB_OUTPUT),
//  - exits with the CLI's exit code: 0 no error, 1 errors or too many warnings, 2 could not check.
// The CLI is CRMSYNC_CLI or this repository's bin/crmsync.js (see common.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { check, cliPath, counts, messageWithRelated, nodeTooOld, pathList, repoRelative, ruleArgs, summaryLine } from './common.mjs';

/** Workflow command data (the message): `%`, CR and LF escaped. */
export function escapeData(s) {
  return String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command property values (file, title): also `:` and `,`, which end a property. */
export function escapeProperty(s) {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' };

/** The workflow command of one finding in `file` (a path relative to the repository root). */
export function annotation(file, f) {
  const props = [`file=${escapeProperty(file)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`];
  // A column range means something only on one line.
  if (f.endLine === f.line) props.push(`endColumn=${f.endColumn}`);
  props.push(`title=${escapeProperty(`crmsync ${f.ruleId}`)}`);
  return `::${COMMAND[f.severity] ?? 'warning'} ${props.join(',')}::${escapeData(messageWithRelated(file, f))}`;
}

/** An input as GitHub passes it: INPUT_<NAME> upper-cased, spaces as `_` (hyphens kept; `_` accepted too). */
function input(env, name) {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  return (env[key] ?? env[key.replace(/-/g, '_')] ?? '').trim();
}

function setOutputs(env, outputs) {
  if (!env.GITHUB_OUTPUT) return;
  fs.appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
}

function main(env = process.env) {
  const tooOld = nodeTooOld();
  if (tooOld) {
    process.stdout.write(`::error::${escapeData(tooOld)} (add actions/setup-node before this action)\n`);
    return 2;
  }
  const format = input(env, 'format') || 'github';
  if (!['github', 'text', 'json'].includes(format)) {
    process.stdout.write(`::error::${escapeData(`crmsync: the format input must be github, text or json, not '${format}'`)}\n`);
    return 2;
  }
  const cwd = process.cwd();
  const root = env.GITHUB_WORKSPACE ? path.resolve(env.GITHUB_WORKSPACE) : cwd;
  const options = { paths: input(env, 'paths'), rules: input(env, 'rules'), maxWarnings: input(env, 'max-warnings') };
  const sarifFile = input(env, 'sarif-file');
  const result = check({ ...options, sarifFile, sarifRoot: root, cwd });
  process.stderr.write(result.stderr);

  if (format === 'github') {
    for (const f of result.report?.files ?? []) {
      const file = repoRelative(root, cwd, f.path);
      for (const finding of f.findings) process.stdout.write(`${annotation(file, finding)}\n`);
    }
    if (result.report) process.stdout.write(`crmsync: ${summaryLine(counts(result.report))}\n`);
  } else if (format === 'json') {
    if (result.report) process.stdout.write(`${JSON.stringify(result.report, null, 2)}\n`);
  } else {
    // The text report, exactly as the CLI prints it (its stderr was shown above already). Its
    // lines start with file names from the repository, so workflow commands are stopped around it
    // (a plan named `::add-mask::….crmsync.yaml` must not be taken for a command).
    const targets = pathList(options.paths);
    const args = ['check', ...(options.maxWarnings ? ['--max-warnings', options.maxWarnings] : []), ...ruleArgs(options.rules), '--', ...(targets.length ? targets : ['.'])];
    const text = spawnSync(process.execPath, [cliPath(env), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout ?? '';
    const token = `crmsync-${randomUUID()}`;
    process.stdout.write(`::stop-commands::${token}\n${text}${text === '' || text.endsWith('\n') ? '' : '\n'}::${token}::\n`);
  }
  if (sarifFile && !result.sarifPath) process.stdout.write(`::warning::${escapeData(`crmsync: no SARIF report was written to '${sarifFile}' (nothing was checked)`)}\n`);

  const c = counts(result.report);
  setOutputs(env, { 'sarif-file': result.sarifPath ?? '', errors: c.error, warnings: c.warning, 'exit-code': result.code });
  return result.code;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
