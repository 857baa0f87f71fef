/**
 * `crmsync check`: argument parsing, file discovery and exit codes. I/O goes through `CliIo` so
 * tests can run it in-process; `cli.ts` binds it to the real process.
 */
import { createAnalyzer, fixAll, type Analyzer, type SeverityOverride } from '../analysis';
import { unifiedDiff } from './diff';
import { knownIds } from '../analysis/catalog';
import { formatJson, formatSarif, formatText, type FileResult } from './format';

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
}

export const USAGE = `Usage: crmsync check [options] <file-or-directory>...

Checks Dynamics CRM server-side synchronization plans (*.crmsync.yaml, *.crmsync.yml).
Directories are searched recursively.

Options:
  --format text|json|sarif   Output format (default: text)
  --max-warnings N           Exit 1 when there are more than N warnings
  --rule <id>=<severity>     Override a rule's severity: off, error, warning or info (repeatable)
  --fix                      Apply the preferred quick fixes (repeatedly) and write the files;
                             then report what remains
  --fix-dry-run              Print the fixes as a unified diff instead of writing them
  -h, --help                 Show this help
  --version                  Show the version

Exit codes: 0 no error, 1 errors (or too many warnings), 2 usage error or unreadable file.
`;

interface Options {
  fix: 'no' | 'write' | 'dry-run';
  format: 'text' | 'json' | 'sarif';
  maxWarnings?: number;
  rules: Record<string, SeverityOverride>;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(args: readonly string[]): Options {
  const opts: Options = { fix: 'no', format: 'text', rules: {}, paths: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const valueOf = (name: string): string => {
      const eq = a.indexOf('=');
      if (a.startsWith(`${name}=`)) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = valueOf('--format');
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${v}'`);
      opts.format = v;
    } else if (a === '--max-warnings' || a.startsWith('--max-warnings=')) {
      const v = valueOf('--max-warnings');
      if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, not '${v}'`);
      opts.maxWarnings = Number(v);
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const v = valueOf('--rule');
      const m = /^([^=]+)=(off|error|warning|info)$/.exec(v);
      if (!m) throw new UsageError(`--rule takes <id>=<off|error|warning|info>, not '${v}'`);
      opts.rules[m[1]] = m[2] as SeverityOverride;
    } else if (a === '--fix') {
      opts.fix = 'write';
    } else if (a === '--fix-dry-run') {
      opts.fix = 'dry-run';
    } else if (a === '--') {
      opts.paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}'`);
    } else {
      opts.paths.push(a);
    }
  }
  if (opts.paths.length === 0) throw new UsageError('no file or directory given');
  return opts;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The text with every literal password (a `plaintext-secret` finding) replaced by asterisks. */
function maskSecrets(analyzer: Analyzer, text: string): string {
  const spans = analyzer
    .analyze(text)
    .findings.filter((f) => f.ruleId === 'plaintext-secret')
    .map((f) => f.span)
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + out.slice(s.start, s.end).replace(/[^\r\n]/g, '*') + out.slice(s.end);
  return out;
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

  const ids = knownIds();
  for (const id of Object.keys(opts.rules)) if (!ids.has(id)) io.stderr(`crmsync: warning: --rule names unknown rule id '${id}'\n`);

  let failed = false;
  const files: string[] = [];
  for (const p of opts.paths) {
    try {
      const found = io.discover(p);
      if (found.length === 0) io.stderr(`crmsync: warning: no *.crmsync.yaml files under '${p}'\n`);
      files.push(...found);
    } catch (err) {
      io.stderr(`crmsync: cannot read '${p}': ${(err as Error).message}\n`);
      failed = true;
    }
  }

  const analyzer = createAnalyzer({ rules: opts.rules, now: io.now });
  const results: FileResult[] = [];
  for (const file of files) {
    let text: string;
    try {
      const bytes = io.read(file);
      try {
        text = decoder.decode(bytes);
      } catch {
        io.stderr(`crmsync: '${file}' is not valid UTF-8 text; plans must be UTF-8.\n`);
        failed = true;
        continue;
      }
    } catch (err) {
      io.stderr(`crmsync: cannot read '${file}': ${(err as Error).message}\n`);
      failed = true;
      continue;
    }
    const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    if (bom) text = text.slice(1);
    if (opts.fix !== 'no') {
      const fixed = fixAll(analyzer, text);
      if (fixed.text !== text) {
        if (opts.fix === 'dry-run') io.stdout(unifiedDiff(file, maskSecrets(analyzer, text), maskSecrets(analyzer, fixed.text)));
        else {
          try {
            io.write(file, bom + fixed.text);
            io.stderr(`crmsync: ${file}: applied ${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'}\n`);
          } catch (err) {
            io.stderr(`crmsync: cannot write '${file}': ${(err as Error).message}\n`);
            failed = true;
          }
        }
        if (opts.fix === 'write') text = fixed.text;
      }
    }
    const analysis = analyzer.analyze(text);
    results.push({ path: file, lines: analysis.parsed.lines, findings: analysis.findings, suppressed: analysis.suppressed });
  }

  // With --fix-dry-run the diff is the output; the findings are those of the unfixed files.
  if (opts.fix !== 'dry-run') {
    const out = opts.format === 'json' ? formatJson(results) : opts.format === 'sarif' ? formatSarif(results, version) : formatText(results);
    io.stdout(out);
  }
  if (failed) return 2;
  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.stderr(`crmsync: ${warnings} warnings, more than --max-warnings ${opts.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
