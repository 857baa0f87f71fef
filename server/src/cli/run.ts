/**
 * `crmsync check`: argument parsing, file discovery and exit codes. I/O goes through `CliIo` so
 * tests can run it in-process; `cli.ts` binds it to the real process.
 */
import * as path from 'node:path';
import { createAnalyzer, type SeverityOverride } from '../analysis';
import { fixAll } from '../ide';
import { unifiedDiff } from './diff';
import { knownIds } from '../analysis/catalog';
import { formatJson, formatText, plural, type FileResult, type FixReport } from './format';
import { formatSarif } from './sarif';
import { maskSecrets } from './mask';
import { displayPath, toSlashes } from './paths';

export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Lists `*.crmsync.yaml|yml` files under a path: the path itself if it is a file. Throws when unreadable. */
  readonly discover: (path: string) => string[];
  /** Reads a file's bytes. Throws when unreadable. */
  readonly read: (path: string) => Uint8Array;
  /** Writes a file (for --fix). Throws when it cannot. */
  readonly write: (path: string, text: string) => void;
  readonly now?: () => Date;
  /** The current directory: paths are shown relative to it (default `process.cwd()`). */
  readonly cwd?: string;
}

const USAGE = `Usage: crmsync check [options] <file-or-directory>...

Checks Dynamics CRM server-side synchronization plans (*.crmsync.yaml, *.crmsync.yml).
Directories are searched recursively.

Options:
  --format text|json|sarif   Output format (default: text)
  --sarif-root DIR           With --format sarif: the directory that file URIs are relative to
                             (%SRCROOT%; default: the current directory)
  --max-warnings N           Exit 1 when there are more than N warnings
  --rule <id>=<severity>     Override a rule's severity: off, error, warning or info (repeatable)
  --fix                      Apply the preferred quick fixes that are safe and write the files;
                             then report what remains
  --fix-dry-run              Like --fix, but print the fixes as a unified diff (passwords
                             masked) instead of writing them; then report what would remain
  -h, --help                 Show this help
  --version                  Show the version

Paths are shown relative to the current directory when the file lies inside it, else absolute.

Exit codes: 0 no error, 1 errors (or too many warnings), 2 usage error, unreadable file or no
plan found.
`;

interface Options {
  fix: 'no' | 'write' | 'dry-run';
  format: 'text' | 'json' | 'sarif';
  maxWarnings?: number;
  sarifRoot?: string;
  rules: Record<string, SeverityOverride>;
  paths: string[];
}

class UsageError extends Error {}

const EXTENSIONS = '*.crmsync.yaml or *.crmsync.yml';

function parseArgs(args: readonly string[]): Options {
  const opts: Options = { fix: 'no', format: 'text', rules: {}, paths: [] };
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
      if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
      const v = args[++i];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = valueOf('--format');
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${v}'`);
      format = once('--format', format, v);
      opts.format = v;
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
  return opts;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

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

  const analyzer = createAnalyzer({ rules: opts.rules, now: io.now });
  const results: FileResult[] = [];
  for (const file of files) {
    const name = shown(file);
    let text: string;
    try {
      const bytes = io.read(file);
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
        if (opts.format === 'text') io.stdout(diff);
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
    results.push({ path: name, absPath: file, lines: analysis.lines, findings: analysis.findings, suppressed: analysis.suppressed, fixes });
  }

  const fixMode = opts.fix === 'no' ? undefined : opts.fix;
  if (files.length > 0) {
    const out =
      opts.format === 'json'
        ? formatJson(results, fixMode)
        : opts.format === 'sarif'
          ? formatSarif(results, { toolVersion: version, root: opts.sarifRoot === undefined ? cwd : path.resolve(cwd, opts.sarifRoot) })
          : formatText(results, fixMode);
    io.stdout(out);
  }
  if (failed) return 2;
  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.stderr(`crmsync: ${plural(warnings, 'warning')}, more than --max-warnings ${opts.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
