/**
 * `crmsync check`: argument parsing, file discovery and exit codes. I/O goes through `CliIo` so
 * tests can run it in-process; `cli.ts` binds it to the real process.
 */
import * as path from 'node:path';
import { type SeverityOverride } from '../analysis';
import { fixAll } from '../ide';
import { unifiedDiff } from './diff';
import { knownIds } from '../analysis/catalog';
import { formatJson, formatText, plural, type FileResult, type FixReport } from './format';
import { formatSarif } from './sarif';
import { analyzersFor } from './config';
import { formatAzure, formatGithub, formatJunit } from './ci-formats';
import { judgeFix } from '../analysis/fix-safety';
import { maskSecrets, secretLiterals } from './mask';
import { displayPath, toSlashes } from './paths';
import { runExplain } from './explain';
import { runImport } from './import';
import { runExport } from './export';
import { runDiff } from './drift';
import { optionValue, UsageError } from './usage';

export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Lists `*.crmsync.yaml|yml` files under a path: the path itself if it is a file. Throws when unreadable. */
  readonly discover: (path: string) => string[];
  /** Reads a file's bytes. Throws when unreadable. */
  readonly read: (path: string) => Uint8Array;
  /** Writes a file (for --fix and --output-file; creates missing directories). Throws when it cannot. */
  readonly write: (path: string, text: string) => void;
  /** The names of the files directly in a folder (for `import`); undefined when the path is not a folder. Throws when unreadable. */
  readonly listDir?: (path: string) => string[] | undefined;
  /** Reads all of standard input (for the path `-`). Throws when unreadable. */
  readonly readStdin?: () => Uint8Array;
  readonly now?: () => Date;
  /** The current directory: paths are shown relative to it (default `process.cwd()`). */
  readonly cwd?: string;
}

const USAGE = `Usage: crmsync check [options] <file-or-directory>...
       crmsync explain [options] <plan>   (draw one plan: crmsync explain --help)
       crmsync import [options] <export>...   (a plan from a Dataverse export: crmsync import --help)
       crmsync export [options] <plan>   (Web API requests that make the organisation match: crmsync export --help)
       crmsync diff [options] <plan> <export>...   (drift between a plan and an export: crmsync diff --help)

Checks Dynamics CRM server-side synchronization plans (*.crmsync.yaml, *.crmsync.yml).
Directories are searched recursively.

Options:
  --format FORMAT            Output format (default: text): text, json, sarif, github
                             (GitHub Actions annotations), azure (Azure Pipelines
                             ##vso[task.logissue] commands) or junit (JUnit XML)
  --sarif-root DIR           With --format sarif: the directory that file URIs are relative to
                             (%SRCROOT%; default: the current directory)
  --max-warnings N           Exit 1 when there are more than N warnings
  --rule <id>=<severity>     Override a rule's severity: off, error, warning or info (repeatable)
  --config FILE              Use this configuration file for every plan, instead of each plan's
                             nearest crmsync.config.json|yaml|yml (searched upwards)
  --no-config                Use no configuration file
  --fix                      Apply the preferred quick fixes that are safe and write the files;
                             then report what remains
  --fix-dry-run              Like --fix, but print the fixes as a unified diff (passwords
                             masked) instead of writing them; then report what would remain
  --quiet                    Report errors only (every format); the exit code still counts
                             warnings for --max-warnings
  --output-file PATH         Write the report to PATH instead of standard output
  --stdin-filename NAME      With the path -: the name the plan read from standard input is
                             reported under (default: <stdin>)
  -h, --help                 Show this help
  --version                  Show the version

The path - reads a plan from standard input.
Paths are shown relative to the current directory when the file lies inside it, else absolute.

Exit codes: 0 no error, 1 errors (or too many warnings), 2 usage error, unreadable file or no
plan found.
`;

const FORMATS = ['text', 'json', 'sarif', 'github', 'azure', 'junit'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  fix: 'no' | 'write' | 'dry-run';
  format: Format;
  quiet: boolean;
  outputFile?: string;
  stdinFilename?: string;
  maxWarnings?: number;
  sarifRoot?: string;
  rules: Record<string, SeverityOverride>;
  /** `--config FILE`, or false for `--no-config`; unset: each plan's nearest file (cli/config.ts). */
  config?: string | false;
  paths: string[];
}

const EXTENSIONS = '*.crmsync.yaml or *.crmsync.yml';

function parseArgs(args: readonly string[]): Options {
  const opts: Options = { fix: 'no', format: 'text', quiet: false, rules: {}, paths: [] };
  let format: string | undefined;
  let fixFlag: string | undefined;
  /** A single-valued option given twice with different values is a usage error. */
  const once = <T>(name: string, before: T | undefined, value: T): T => {
    if (before !== undefined && before !== value) throw new UsageError(`${name} is given twice ('${before}' and '${value}')`);
    return value;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const valueOf = (name: string): string => {
      const r = optionValue(args, i, name);
      i = r.last;
      return r.value;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = valueOf('--format');
      if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}, not '${v}'`);
      format = once('--format', format, v);
      opts.format = v as Format;
    } else if (a === '--quiet') {
      opts.quiet = true;
    } else if (a === '--output-file' || a.startsWith('--output-file=')) {
      const v = valueOf('--output-file');
      if (v === '') throw new UsageError('--output-file needs a path');
      opts.outputFile = once('--output-file', opts.outputFile, v);
    } else if (a === '--stdin-filename' || a.startsWith('--stdin-filename=')) {
      const v = valueOf('--stdin-filename');
      if (v === '') throw new UsageError('--stdin-filename needs a name');
      opts.stdinFilename = once('--stdin-filename', opts.stdinFilename, v);
    } else if (a === '--max-warnings' || a.startsWith('--max-warnings=')) {
      const v = valueOf('--max-warnings');
      if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, not '${v}'`);
      opts.maxWarnings = once('--max-warnings', opts.maxWarnings, Number(v));
    } else if (a === '--sarif-root' || a.startsWith('--sarif-root=')) {
      const v = valueOf('--sarif-root');
      if (v === '') throw new UsageError('--sarif-root needs a directory');
      opts.sarifRoot = once('--sarif-root', opts.sarifRoot, v);
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const v = valueOf('--rule');
      const m = /^([^=]+)=(off|error|warning|info)$/.exec(v);
      if (!m) throw new UsageError(`--rule takes <id>=<off|error|warning|info>, not '${v}'`);
      once(`--rule ${m[1]}`, opts.rules[m[1]], m[2] as SeverityOverride);
      opts.rules[m[1]] = m[2] as SeverityOverride;
    } else if (a === '--config' || a.startsWith('--config=') || a === '--no-config') {
      const v = a === '--no-config' ? false : valueOf('--config');
      if (v === '') throw new UsageError('--config needs a file');
      if (opts.config !== undefined && opts.config !== v) throw new UsageError('--config and --no-config cannot be combined, nor --config given twice');
      opts.config = v;
    } else if (a === '--fix' || a === '--fix-dry-run') {
      if (fixFlag !== undefined && fixFlag !== a) {
        throw new UsageError('--fix and --fix-dry-run cannot be used together: --fix writes the fixes, --fix-dry-run only shows them');
      }
      fixFlag = a;
      opts.fix = a === '--fix' ? 'write' : 'dry-run';
    } else if (a === '--') {
      opts.paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}'`);
    } else {
      opts.paths.push(a);
    }
  }
  if (opts.sarifRoot !== undefined && opts.format !== 'sarif') throw new UsageError('--sarif-root only applies to --format sarif');
  if (opts.fix === 'dry-run' && opts.format === 'sarif') {
    throw new UsageError('--fix-dry-run cannot be used with --format sarif (SARIF has no place for the diff); use --format text or json');
  }
  if (opts.paths.length === 0) throw new UsageError(`no file or directory given: name plans (${EXTENSIONS}) or directories to search`);
  const stdin = opts.paths.filter((p) => p === '-').length;
  if (stdin > 1) throw new UsageError('- (standard input) is given twice');
  if (opts.stdinFilename !== undefined && stdin === 0) throw new UsageError('--stdin-filename only applies with the path - (standard input)');
  if (stdin && opts.fix === 'write') throw new UsageError('--fix cannot write a plan read from standard input; use --fix-dry-run to see the fixes');
  return opts;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Stands for the path `-` (standard input) among the files to check. */
const STDIN = '-';

/** The formats whose report ends in the text summary line, which counts the fixable findings. */
const SUMMARY_FORMATS: ReadonlySet<Format> = new Set(['text', 'github', 'azure']);

function readStdin(io: CliIo): Uint8Array {
  if (!io.readStdin) throw new Error('standard input is not available');
  return io.readStdin();
}

function format(name: Format, results: readonly FileResult[], fix: 'write' | 'dry-run' | undefined, version: string, sarifRoot: string): string {
  switch (name) {
    case 'json':
      return formatJson(results, fix);
    case 'sarif':
      return formatSarif(results, { toolVersion: version, root: sarifRoot });
    case 'github':
      return formatGithub(results, fix);
    case 'azure':
      return formatAzure(results, fix);
    case 'junit':
      return formatJunit(results);
    case 'text':
      return formatText(results, fix);
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many symbolic links',
};

/** Why a file could not be read or written, without repeating its (absolute) path. */
function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  return (code ? REASONS[code] : undefined) ?? (err as Error)?.message ?? String(err);
}

/** Runs the CLI; returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo, version: string): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version') {
    io.stdout(`crmsync ${version}\n`);
    return 0;
  }
  if (command === 'explain') return runExplain(rest, io);
  if (command === 'import') return runImport(rest, io);
  if (command === 'export') return runExport(rest, io, version);
  if (command === 'diff') return runDiff(rest, io, version);
  if (command !== 'check') {
    io.stderr(`crmsync: unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  let opts: Options;
  try {
    if (rest.includes('-h') || rest.includes('--help')) {
      io.stdout(USAGE);
      return 0;
    }
    opts = parseArgs(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`crmsync: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }

  const cwd = path.resolve(io.cwd ?? process.cwd());
  const shown = (p: string) => displayPath(cwd, p);

  const ids = knownIds();
  for (const id of Object.keys(opts.rules)) if (!ids.has(id)) io.stderr(`crmsync: warning: --rule names unknown rule id '${id}'\n`);

  let failed = false;
  const files: string[] = [];
  const seen = new Set<string>();
  for (const p of opts.paths) {
    if (p === '-') {
      files.push(STDIN);
      continue;
    }
    try {
      const found = io.discover(path.resolve(cwd, p));
      if (found.length === 0) {
        io.stderr(`crmsync: no plan found under '${shown(p)}': looked for ${EXTENSIONS} files\n`);
        failed = true;
      }
      for (const f of found) {
        const abs = path.resolve(cwd, f);
        if (seen.has(abs)) continue;
        seen.add(abs);
        files.push(abs);
      }
    } catch (err) {
      io.stderr(`crmsync: cannot read '${shown(p)}': ${reason(err)}\n`);
      failed = true;
    }
  }

  const analyzerOf = analyzersFor(
    files.map((e) => (e === STDIN ? path.resolve(cwd, opts.stdinFilename ?? '<stdin>') : e)),
    opts,
    io,
    cwd,
    shown,
    ids,
  );
  if (!analyzerOf) return 2;
  /** The dry-run diffs, printed before a text report. */
  const diffs: string[] = [];
  // Counted before --quiet hides warnings: the exit code is the same with and without it.
  let errors = 0;
  let warnings = 0;
  const results: FileResult[] = [];
  const stdinPath = path.resolve(cwd, opts.stdinFilename ?? '<stdin>');
  for (const entry of files) {
    const fromStdin = entry === STDIN;
    const file = fromStdin ? stdinPath : entry;
    const name = fromStdin && opts.stdinFilename === undefined ? '<stdin>' : shown(file);
    const analyzer = analyzerOf(file);
    let text: string;
    try {
      const bytes = fromStdin ? readStdin(io) : io.read(file);
      try {
        text = decoder.decode(bytes);
      } catch {
        io.stderr(`crmsync: '${name}' is not valid UTF-8 text; plans must be UTF-8.\n`);
        failed = true;
        continue;
      }
    } catch (err) {
      io.stderr(`crmsync: cannot read '${name}': ${reason(err)}\n`);
      failed = true;
      continue;
    }
    const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    if (bom) text = text.slice(1);
    let fixes: FixReport | undefined;
    if (opts.fix !== 'no') {
      // The findings reported are those that remain after the (would-be) fixes, as with --fix.
      const fixed = fixAll(analyzer, text);
      const changed = fixed.text !== text;
      const applied = changed ? fixed.applied : 0;
      const diff = changed ? unifiedDiff(toSlashes(name), maskSecrets(text), maskSecrets(fixed.text)) : '';
      if (!changed) fixes = { applied: 0, diff: '' };
      else if (opts.fix === 'dry-run') {
        fixes = { applied, diff };
        text = fixed.text;
        if (opts.format === 'text') diffs.push(diff);
        io.stderr(`crmsync: ${name}: would apply ${plural(applied, 'fix', 'fixes')}\n`);
      } else {
        try {
          io.write(file, bom + fixed.text);
          fixes = { applied, diff };
          text = fixed.text;
          io.stderr(`crmsync: ${name}: applied ${plural(applied, 'fix', 'fixes')}\n`);
        } catch (err) {
          io.stderr(`crmsync: cannot write '${name}': ${reason(err)}\n`);
          fixes = { applied: 0, diff: '' };
          failed = true;
        }
      }
    }
    const analysis = analyzer.analyze(text);
    const findings = opts.quiet ? analysis.findings.filter((f) => f.severity === 'error') : analysis.findings;
    const suppressed = opts.quiet ? analysis.suppressed.filter((f) => f.severity === 'error') : analysis.suppressed;
    // How many findings --fix could fix: those whose preferred fix passes fix-all's safety check.
    // Judged only for the formats that print the count (each judgement analyses the plan again).
    const fixable =
      opts.fix === 'no' && SUMMARY_FORMATS.has(opts.format)
        ? findings.filter((f) => {
            const fix = f.fixes.find((x) => x.isPreferred && !x.unsafe);
            return fix !== undefined && judgeFix(analyzer, analysis, f, fix).safe;
          }).length
        : undefined;
    results.push({
      path: name,
      absPath: file,
      lines: analysis.lines,
      findings,
      suppressed,
      fixes,
      fixable,
      ...(opts.format === 'json' ? { secrets: secretLiterals(text) } : {}),
    });
    errors += analysis.findings.filter((f) => f.severity === 'error').length;
    warnings += analysis.findings.filter((f) => f.severity === 'warning').length;
  }

  const fixMode = opts.fix === 'no' ? undefined : opts.fix;
  if (files.length > 0) {
    const out = diffs.join('') + format(opts.format, results, fixMode, version, opts.sarifRoot === undefined ? cwd : path.resolve(cwd, opts.sarifRoot));
    if (opts.outputFile === undefined) io.stdout(out);
    else {
      const target = path.resolve(cwd, opts.outputFile);
      try {
        io.write(target, out);
      } catch (err) {
        io.stderr(`crmsync: cannot write '${shown(target)}': ${reason(err)}\n`);
        return 2;
      }
    }
  }
  if (failed) return 2;
  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.stderr(`crmsync: ${plural(warnings, 'warning')}, more than --max-warnings ${opts.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
