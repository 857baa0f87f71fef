/**
 * `crmsync export <plan> [--against <file-or-folder>...]` (issue #15): the Web API requests that
 * make the organisation match the plan, as `$batch` files or a JSON list. Arguments, reading the
 * plan and the export, running the checks of `crmsync check`, and writing the output; the export
 * itself is the pure server/src/dataverse/export.ts. Requests go to `-o` or stdout, findings to
 * stderr in the text, JSON or SARIF formats of `crmsync check`. Exit codes: 0 requests written or
 * nothing to change, 1 refused (error findings, a matching error), 2 usage error, unreadable plan,
 * or `--against` input with import errors.
 */
import * as path from 'node:path';
import { applyEdits, type SeverityOverride } from '../analysis';
import { knownIds } from '../analysis/catalog';
import { batchFiles, requestsJson } from '../dataverse/batch';
import { EXPORT_IDS } from '../dataverse/command-ids';
import { formatImportText } from '../dataverse/diagnostics';
import { exportPlan } from '../dataverse/export';
import { analyzersFor } from './config';
import { formatJson, formatText, plural, type FileResult } from './format';
import { exportInputs, reason, type ImportIo } from './import';
import { displayPath } from './paths';
import { formatSarif } from './sarif';
import { commandOptions, optionValue, UsageError } from './usage';

const EXPORT_USAGE = `Usage: crmsync export [options] <plan>

Writes the Dataverse Web API requests that make the organization match a plan: multipart $batch
bodies to post to [Organization URI]/api/data/<version>/$batch, or a JSON list of requests.
With --against (a fresh Web API export, as crmsync import reads it) only the differences are
written; without it every value of the records with a "# crmsync:id" is rewritten. Nothing is
sent: crmsync never opens a network connection. Secrets are never written.

Options:
  --against <file-or-folder>  The fresh export to compare with (repeatable)
  --format FORMAT            webapi-batch (default) or json
  -o, --output PATH          Write the requests here (default: standard output); phase 2 goes to
                             <stem>.test.batch, further files to <stem>-2.batch …
  --allow-errors             Export a plan that has error findings (unknown keys are skipped)
  --api-version VERSION      v8.0 … v9.2 (default v9.2)
  --batch-size N             Requests per $batch file, 1–1000 (default 1000)
  --schedule-test            Also schedule Test & Enable for mailboxes whose processing settings change
  --if-match any|etag        If-Match: * (default), or the record's @odata.etag from --against
  --write-ids                Add "# crmsync:id" comments for the profiles export creates
  --report FORMAT            Findings on standard error: text (default), json or sarif
  --rule <id>=<severity>     Override a rule's or export/* id's severity (repeatable)
  -h, --help                 Show this help

Exit codes: 0 requests written (or nothing to change), 1 refused (error findings), 2 usage error,
unreadable plan, or an --against export with import errors.
`;

interface Options {
  plan?: string;
  against: string[];
  format: 'webapi-batch' | 'json';
  report: 'text' | 'json' | 'sarif';
  output?: string;
  allowErrors: boolean;
  apiVersion: string;
  batchSize: number;
  scheduleTest: boolean;
  ifMatch: 'any' | 'etag';
  writeIds: boolean;
  rules: Record<string, SeverityOverride>;
}

const API_VERSIONS = ['v8.0', 'v8.1', 'v8.2', 'v9.0', 'v9.1', 'v9.2'];

function parseArgs(args: readonly string[]): Options {
  const opts: Options = { against: [], format: 'webapi-batch', report: 'text', allowErrors: false, apiVersion: 'v9.2', batchSize: 1000, scheduleTest: false, ifMatch: 'any', writeIds: false, rules: {} };
  const seen = new Map<string, string>();
  const once = (name: string, v: string) => {
    const before = seen.get(name);
    if (before !== undefined && before !== v) throw new UsageError(`${name} is given twice ('${before}' and '${v}')`);
    seen.set(name, v);
  };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const named = (...names: string[]) => names.find((n) => a === n || a.startsWith(`${n}=`));
    const valueOf = (name: string): string => {
      const r = optionValue(args, i, name, true);
      i = r.last;
      return r.value;
    };
    let n: string | undefined;
    if ((n = named('--against'))) {
      const v = valueOf(n);
      opts.against.push(v);
      // Further arguments that are not options belong to --against too (<file-or-folder>...).
      while (i + 1 < args.length && !args[i + 1].startsWith('-') && positional.length > 0) opts.against.push(args[++i]);
    } else if ((n = named('--format'))) {
      const v = valueOf(n);
      if (v !== 'webapi-batch' && v !== 'json') throw new UsageError(`--format must be webapi-batch or json, not '${v}'`);
      once('--format', v);
      opts.format = v;
    } else if ((n = named('--report'))) {
      const v = valueOf(n);
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--report must be text, json or sarif, not '${v}'`);
      once('--report', v);
      opts.report = v;
    } else if ((n = named('-o', '--output'))) {
      const v = valueOf(n);
      if (v === '') throw new UsageError(`${n} needs a path`);
      once('-o', v);
      opts.output = v;
    } else if (a === '--allow-errors') opts.allowErrors = true;
    else if (a === '--schedule-test') opts.scheduleTest = true;
    else if (a === '--write-ids') opts.writeIds = true;
    else if ((n = named('--api-version'))) {
      const v = valueOf(n);
      if (!API_VERSIONS.includes(v)) throw new UsageError(`--api-version must be one of ${API_VERSIONS.join(', ')}, not '${v}'`);
      once('--api-version', v);
      opts.apiVersion = v;
    } else if ((n = named('--batch-size'))) {
      const v = valueOf(n);
      if (!/^\d{1,4}$/.test(v) || Number(v) < 1 || Number(v) > 1000) throw new UsageError(`--batch-size must be a whole number from 1 to 1000, not '${v}'`);
      once('--batch-size', v);
      opts.batchSize = Number(v);
    } else if ((n = named('--if-match'))) {
      const v = valueOf(n);
      if (v !== 'any' && v !== 'etag') throw new UsageError(`--if-match must be any or etag, not '${v}'`);
      once('--if-match', v);
      opts.ifMatch = v;
    } else if ((n = named('--rule'))) {
      const v = valueOf(n);
      const m = /^([^=]+)=(off|error|warning|info)$/.exec(v);
      if (!m) throw new UsageError(`--rule takes <id>=<off|error|warning|info>, not '${v}'`);
      once(`--rule ${m[1]}`, m[2]);
      opts.rules[m[1]] = m[2] as SeverityOverride;
    } else if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a.length > 1) throw new UsageError(`unknown option '${a}'`);
    else positional.push(a);
  }
  if (positional.length === 0 || positional[0] === '') throw new UsageError('no plan given: name the plan to export');
  if (positional.length > 1) throw new UsageError(`export takes one plan, not ${positional.length} ('${positional[1]}' …)`);
  opts.plan = positional[0];
  if (opts.plan === '-' || opts.against.includes('-')) throw new UsageError('export reads files and folders, not standard input');
  if (opts.ifMatch === 'etag' && opts.against.length === 0) throw new UsageError('--if-match etag needs --against: the etags come from the export');
  return opts;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Runs `crmsync export` with the arguments after the command; returns the exit code. */
export function runExport(args: readonly string[], io: ImportIo, version = 'unknown'): number {
  const parsed = commandOptions('export', EXPORT_USAGE, args, parseArgs, io);
  if (typeof parsed === 'number') return parsed;
  const opts: Options = parsed;
  const cwd = path.resolve(io.cwd ?? process.cwd());
  const shown = (p: string) => displayPath(cwd, p);
  const exportIds = new Set(EXPORT_IDS.map((e) => e.id));
  const ids = knownIds();
  for (const id of Object.keys(opts.rules)) if (!ids.has(id) && !exportIds.has(id)) io.stderr(`crmsync: warning: --rule names unknown rule id '${id}'\n`);
  const checkRules: Record<string, SeverityOverride> = {};
  const exportRules: Record<string, SeverityOverride> = {};
  for (const [id, s] of Object.entries(opts.rules)) (exportIds.has(id) ? exportRules : checkRules)[id] = s;

  const planFile = path.resolve(cwd, opts.plan!);
  const planName = shown(planFile);
  let text: string;
  try {
    text = decoder.decode(io.read(planFile));
  } catch (err) {
    io.stderr(err instanceof TypeError ? `crmsync export: '${planName}' is not valid UTF-8 text; plans must be UTF-8.\n` : `crmsync export: cannot read '${planName}': ${reason(err)}\n`);
    return 2;
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);

  let files;
  if (opts.against.length > 0) {
    const inputs = exportInputs('export', opts.against, io, cwd);
    if ('error' in inputs) {
      io.stderr(inputs.error);
      return 2;
    }
    files = inputs;
  }

  const analyzerOf = analyzersFor([planFile], { rules: checkRules }, io, cwd, shown, ids);
  if (!analyzerOf) return 2;
  const analysis = analyzerOf(planFile).analyze(text);
  const result = exportPlan(analysis, {
    ...(files ? { against: files.files } : {}),
    apiVersion: opts.apiVersion,
    scheduleTest: opts.scheduleTest,
    ifMatch: opts.ifMatch,
    allowErrors: opts.allowErrors,
    writeIds: opts.writeIds,
    ruleOverrides: exportRules,
  });
  if (files && files.unreadable.length > 0) {
    io.stderr(files.unreadable.join(''));
    return 2;
  }
  const shownDiagnostics = result.importDiagnostics.filter((d) => (result.inputError ? d.severity !== 'info' : d.severity === 'warning'));
  if (shownDiagnostics.length > 0) io.stderr(formatImportText(shownDiagnostics));
  if (result.inputError) {
    const errors = result.importDiagnostics.filter((d) => d.severity === 'error').length;
    io.stderr(`crmsync export: nothing written: ${plural(errors, 'error')} in the --against export (${plural(result.exportFiles, 'file')}).\n`);
    return 2;
  }

  const report = (): void => {
    const results: FileResult[] = [{ path: planName, absPath: planFile, lines: result.lines, findings: result.findings, suppressed: [] }];
    if (opts.report === 'json') io.stderr(formatJson(results));
    else if (opts.report === 'sarif') io.stderr(formatSarif(results, { toolVersion: version, root: cwd, extraRules: EXPORT_IDS }));
    else {
      const lines = formatText(results).replace(/\n$/, '').split('\n');
      lines.pop();
      if (lines.length > 0) io.stderr(lines.join('\n') + '\n');
    }
  };
  if (result.refused) {
    report();
    if (opts.report === 'text') {
      const checks = result.findings.some((f) => f.ruleId === 'export/plan-has-errors');
      io.stderr(`crmsync export: nothing written: ${checks ? `${planName} has error findings (use --allow-errors to export it anyway)` : 'the plan cannot be matched to the organization'}.\n`);
    }
    return 1;
  }

  const target = opts.output === undefined ? undefined : path.resolve(cwd, opts.output);
  const write = (file: string | undefined, out: string): boolean => {
    if (file === undefined) {
      io.stdout(out);
      return true;
    }
    try {
      io.write(file, out);
      return true;
    } catch (err) {
      io.stderr(`crmsync export: cannot write '${shown(file)}': ${reason(err)}\n`);
      return false;
    }
  };
  const requests = result.requests;
  let notes = '';
  if (opts.format === 'json') {
    if (!write(target, requestsJson(requests))) return 2;
  } else {
    const batches = batchFiles(requests, target ?? 'changes.batch', opts.batchSize);
    if (batches.length > 1 && target === undefined) {
      report();
      io.stderr(`crmsync export: the requests need ${batches.length} $batch files; name the first with -o.\n`);
      return 2;
    }
    for (const b of batches) {
      if (!write(target === undefined ? undefined : path.resolve(path.dirname(target), path.basename(b.name)), b.text)) return 2;
      notes += `crmsync export: ${target === undefined ? 'standard output' : shown(path.resolve(path.dirname(target), path.basename(b.name)))}: POST [Organization URI]/api/data/${opts.apiVersion}/$batch with Content-Type: multipart/mixed; boundary=${b.boundary} (${plural(b.requests, 'request')}, phase ${b.phase}); send Prefer: odata.continue-on-error.\n`;
    }
  }
  if (opts.writeIds && result.planEdits.length > 0) {
    if (!write(planFile, (bom ? '\ufeff' : '') + applyEdits(text, result.planEdits))) return 2;
  }
  report();
  if (opts.report === 'text') {
    const posts = requests.filter((r) => r.method === 'POST').length;
    const groups = new Set(requests.map((r) => r.atomicGroup).filter((g) => g !== null)).size;
    const phases = new Set(requests.map((r) => r.phase)).size;
    io.stderr(
      notes +
        (requests.length === 0
          ? 'crmsync export: no changes.\n'
          : `crmsync export: ${plural(requests.length, 'request')} (${posts} POST, ${requests.length - posts} PATCH) in ${plural(phases, 'phase')}, ${plural(groups, 'atomic group')}; ${result.findings.length} reported.\n`),
    );
  }
  return 0;
}
