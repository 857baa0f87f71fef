/**
 * `crmsync diff <plan> <file-or-folder>...`: drift between a plan and a fresh Dataverse export
 * (issue #15). Arguments, reading the files, and the findings of server/src/dataverse/drift.ts in
 * the text, JSON or SARIF formats of `crmsync check` on stdout, with the summary
 * `1 plan compared with <n> export files: …`. Import warnings go to stderr, infos are dropped.
 * Exit codes: 0 no warning or error finding, 1 drift, 2 usage error, unreadable plan or export
 * input with import errors.
 */
import * as path from 'node:path';
import type { SeverityOverride } from '../analysis';
import { DRIFT_IDS } from '../dataverse/command-ids';
import { formatImportText } from '../dataverse/diagnostics';
import { driftFindings } from '../dataverse/drift';
import { formatJson, formatText, plural, type FileResult } from './format';
import { exportInputs, reason, type ImportIo } from './import';
import { displayPath } from './paths';
import { formatSarif } from './sarif';
import { commandOptions, optionValue, UsageError } from './usage';

const DIFF_USAGE = `Usage: crmsync diff [options] <plan> <file-or-folder>...

Reports where a plan and a fresh Dataverse Web API export of the organization differ (drift):
the export is imported as crmsync import does, its records are matched to the plan's by their
"# crmsync:id" comments (else by name), and every key the two hold is compared. A folder means
every *.json file directly in it. Nothing is fetched, and secrets are compared by presence only.
The plan's own checks are not run: use crmsync check for them.

Options:
  --format FORMAT            text (default), json or sarif: the formats of crmsync check
  --rule <id>=<severity>     Override a drift/* id's severity: off, error, warning or info
                             (repeatable)
  -h, --help                 Show this help

Exit codes: 0 no drift (no warning or error finding), 1 drift, 2 usage error, unreadable plan,
or an export with import errors.
`;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  format: Format;
  rules: Record<string, SeverityOverride>;
  plan?: string;
  paths: string[];
}

function parseArgs(args: readonly string[]): Options {
  const opts: Options = { format: 'text', rules: {}, paths: [] };
  let format: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const valueOf = (name: string): string => {
      const r = optionValue(args, i, name);
      i = r.last;
      return r.value;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = valueOf('--format');
      if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be text, json or sarif, not '${v}'`);
      if (format !== undefined && format !== v) throw new UsageError(`--format is given twice ('${format}' and '${v}')`);
      format = v;
      opts.format = v as Format;
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const v = valueOf('--rule');
      const m = /^([^=]+)=(off|error|warning|info)$/.exec(v);
      if (!m) throw new UsageError(`--rule takes <id>=<off|error|warning|info>, not '${v}'`);
      const before = opts.rules[m[1]];
      if (before !== undefined && before !== m[2]) throw new UsageError(`--rule ${m[1]} is given twice ('${before}' and '${m[2]}')`);
      opts.rules[m[1]] = m[2] as SeverityOverride;
    } else if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a.length > 1) {
      throw new UsageError(`unknown option '${a}'`);
    } else positional.push(a);
  }
  [opts.plan, ...opts.paths] = positional;
  if (opts.plan === undefined || opts.plan === '') throw new UsageError('no plan given: name the plan, then the files or folder of the export');
  if (opts.paths.length === 0) throw new UsageError('no export given: name the JSON files of a Web API export, or the folder that holds them');
  if (positional.includes('-')) throw new UsageError('diff reads files and folders, not standard input');
  return opts;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Runs `crmsync diff` with the arguments after the command; returns the exit code. */
export function runDiff(args: readonly string[], io: ImportIo, version = 'unknown'): number {
  const parsed = commandOptions('diff', DIFF_USAGE, args, parseArgs, io);
  if (typeof parsed === 'number') return parsed;
  const opts: Options = parsed;
  const ids = new Set(DRIFT_IDS.map((e) => e.id));
  for (const id of Object.keys(opts.rules)) if (!ids.has(id)) io.stderr(`crmsync diff: warning: --rule names '${id}', which is not a drift/* id\n`);

  const cwd = path.resolve(io.cwd ?? process.cwd());
  const planFile = path.resolve(cwd, opts.plan!);
  const planName = displayPath(cwd, planFile);
  let text: string;
  try {
    text = decoder.decode(io.read(planFile));
  } catch (err) {
    io.stderr(err instanceof TypeError ? `crmsync diff: '${planName}' is not valid UTF-8 text; plans must be UTF-8.\n` : `crmsync diff: cannot read '${planName}': ${reason(err)}\n`);
    return 2;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const inputs = exportInputs('diff', opts.paths, io, cwd);
  if ('error' in inputs) {
    io.stderr(inputs.error);
    return 2;
  }
  const drift = driftFindings(text, inputs.files, { ruleOverrides: opts.rules });
  if (inputs.unreadable.length > 0) {
    io.stderr(inputs.unreadable.join(''));
    return 2;
  }
  const shownDiagnostics = drift.importDiagnostics.filter((d) => (drift.inputError ? d.severity !== 'info' : d.severity === 'warning'));
  if (shownDiagnostics.length > 0) io.stderr(formatImportText(shownDiagnostics));
  if (drift.inputError) {
    const errors = drift.importDiagnostics.filter((d) => d.severity === 'error').length;
    io.stderr(`crmsync diff: nothing compared: ${plural(errors, 'error')} in the export (${plural(drift.exportFiles, 'file')}).\n`);
    return 2;
  }
  if (drift.planError || !drift.lines) {
    io.stderr(`crmsync diff: '${planName}' is not a plan that can be compared (a YAML syntax error, or not a mapping); crmsync check shows why.\n`);
    return 2;
  }

  const results: FileResult[] = [{ path: planName, absPath: planFile, lines: drift.lines, findings: drift.findings, suppressed: [] }];
  let out: string;
  if (opts.format === 'json') out = formatJson(results);
  else if (opts.format === 'sarif') out = formatSarif(results, { toolVersion: version, root: cwd, extraRules: DRIFT_IDS });
  else {
    // check's text report, with diff's summary line in place of check's.
    const report = formatText(results).replace(/\n$/, '').split('\n');
    const counts = report.pop()!.replace(/^[^:]*: /, '');
    out = [...report, `1 plan compared with ${plural(drift.exportFiles, 'export file')}: ${counts}`].join('\n') + '\n';
  }
  io.stdout(out);
  return drift.findings.some((f) => f.severity === 'error' || f.severity === 'warning') ? 1 : 0;
}
