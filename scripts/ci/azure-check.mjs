// The script step of the Azure Pipelines template (templates/crmsync-check.yml). Its inputs come
// from the environment: CRMSYNC_PATHS (one per line; default `.`), CRMSYNC_MAX_WARNINGS,
// CRMSYNC_RULES (`id=severity`, separated by spaces, commas or lines), CRMSYNC_SARIF_FILE, and the
// agent's BUILD_SOURCESDIRECTORY (the repository root: paths and SARIF URIs are relative to it).
// It writes the SARIF report (the template publishes its directory as the CodeAnalysisLogs
// artifact, which the SARIF SAST Scans Tab reads), logs one
// `##vso[task.logissue type=error;sourcepath=…;linenumber=…;columnnumber=…;code=<rule>]message`
// per error and warning (info findings as the CLI's text lines), then the summary line, and exits with the
// CLI's exit code: 0 no error, 1 errors or too many warnings, 2 could not check.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, counts, messageWithRelated, nodeTooOld, repoRelative, summaryLine } from './common.mjs';

/** Logging command message: `%` (as `%AZP25`, which the agent decodes), CR and LF escaped. */
export function escapeData(s) {
  return String(s).replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Logging command property values: also `;` (ends a property) and `]` (ends the properties). */
export function escapeProperty(s) {
  return escapeData(s).replace(/;/g, '%3B').replace(/]/g, '%5D');
}

/**
 * A plain log line that shows text from the plans (names, file names): on one line, and with no
 * `##vso[` in it, since the agent runs the first `##vso[` anywhere in a line as a logging command
 * (a queue named `##vso[task.setvariable …]` must not set a variable).
 */
export function plainLine(s) {
  return String(s).replace(/\r\n|\r|\n/g, ' ').replace(/##vso\[/gi, (m) => `${m.slice(0, 5)} [`);
}

/** The line logged for one finding in `file` (relative to the sources directory). */
export function logLine(file, f) {
  // Azure has no info issue: the CLI's text line, its related locations indented under it.
  if (f.severity === 'info') return messageWithRelated(file, { ...f, message: `${file}:${f.line}:${f.column} info ${f.ruleId} ${f.message}` }).split('\n').map(plainLine).join('\n');
  const props = [`type=${f.severity}`, `sourcepath=${escapeProperty(file)}`, `linenumber=${f.line}`, `columnnumber=${f.column}`, `code=${escapeProperty(f.ruleId)}`];
  return `##vso[task.logissue ${props.join(';')}]${escapeData(`${f.ruleId}: ${messageWithRelated(file, f)}`)}`;
}

function main(env = process.env) {
  const tooOld = nodeTooOld();
  if (tooOld) {
    process.stdout.write(`##vso[task.logissue type=error]${escapeData(`${tooOld} (add a NodeTool@0 step)`)}\n`);
    return 2;
  }
  const root = path.resolve(env.BUILD_SOURCESDIRECTORY || process.cwd());
  const sarifFile = (env.CRMSYNC_SARIF_FILE ?? '').trim();
  const result = check({
    paths: env.CRMSYNC_PATHS,
    rules: env.CRMSYNC_RULES,
    maxWarnings: (env.CRMSYNC_MAX_WARNINGS ?? '').trim(),
    sarifFile,
    sarifRoot: root,
    cwd: root,
  });
  // The CLI's messages may name files of the repository: no logging command in them either.
  process.stderr.write(result.stderr.split('\n').map(plainLine).join('\n'));
  for (const f of result.report?.files ?? []) {
    const file = repoRelative(root, root, f.path);
    for (const finding of f.findings) process.stdout.write(`${logLine(file, finding)}\n`);
  }
  if (result.report) process.stdout.write(`crmsync: ${summaryLine(counts(result.report))}\n`);
  if (result.sarifPath) process.stdout.write(`crmsync: SARIF report written to ${result.sarifPath}\n`);
  else if (sarifFile) process.stdout.write(`##vso[task.logissue type=warning]${escapeData(`crmsync: no SARIF report was written to '${sarifFile}' (nothing was checked)`)}\n`);
  return result.code;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
