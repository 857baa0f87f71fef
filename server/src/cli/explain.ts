/**
 * `crmsync explain <plan>`: the picture of one plan, from the same overview model the editor's
 * webview shows (ide/plan-overview.ts), drawn by server/src/overview: a tree for the terminal,
 * Mermaid text for wikis and pull requests, an SVG diagram or a stand-alone HTML report. Plans
 * are analysed as `check` analyses them (each plan's crmsync.config.*, `--config`, `--rule`),
 * and the exit code is `check`'s: 0 no error, 1 the plan has errors, 2 a usage error, an
 * unreadable file or no plan. One plan per call: a picture of several plans is several pictures.
 */
import * as path from 'node:path';
import type { SeverityOverride } from '../analysis';
import { knownIds } from '../analysis/catalog';
import { planOverview } from '../ide';
import { layoutOverview, renderHtml, renderMermaid, renderSvg, renderText } from '../overview';
import { analyzersFor } from './config';
import { displayPath } from './paths';
import { commandOptions, optionValue, UsageError } from './usage';

/** The part of the CLI's I/O (`CliIo`, run.ts) explain uses. */
export interface ExplainIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly read: (path: string) => Uint8Array;
  readonly write: (path: string, text: string) => void;
  readonly readStdin?: () => Uint8Array;
  readonly now?: () => Date;
  readonly cwd?: string;
}

const EXPLAIN_USAGE = `Usage: crmsync explain [options] <plan>

Draws one Dynamics CRM server-side synchronization plan (*.crmsync.yaml, *.crmsync.yml): the
organization, its mail systems, its server profiles and the groups of mailboxes each one
serves (counts and synchronization methods), with the findings of each. Passwords and secret
references are never shown.

Options:
  --format FORMAT            text (default: a tree for the terminal), mermaid (a flowchart
                             to paste into wikis and pull requests), svg (a diagram) or html
                             (a stand-alone report page: the diagram and the findings by rule)
  --output-file PATH         Write the picture to PATH instead of standard output
  --rule <id>=<severity>     Override a rule's severity: off, error, warning or info (repeatable)
  --config FILE              Use this configuration file instead of the plan's nearest
                             crmsync.config.json|yaml|yml (searched upwards)
  --no-config                Use no configuration file
  --stdin-filename NAME      With the path -: the name the plan read from standard input is
                             shown under (default: <stdin>)
  -h, --help                 Show this help

The path - reads the plan from standard input.

Exit codes: 0 no error, 1 the plan has errors (the picture is still drawn), 2 usage error,
unreadable file or not a plan.
`;

const FORMATS = ['text', 'mermaid', 'svg', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  format: Format;
  outputFile?: string;
  stdinFilename?: string;
  rules: Record<string, SeverityOverride>;
  config?: string | false;
  paths: string[];
}

function parseArgs(args: readonly string[]): Options {
  const opts: Options = { format: 'text', rules: {}, paths: [] };
  let format: string | undefined;
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
      if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be text, mermaid, svg or html, not '${v}'`);
      format = once('--format', format, v);
      opts.format = v as Format;
    } else if (a === '--output-file' || a.startsWith('--output-file=')) {
      const v = valueOf('--output-file');
      if (v === '') throw new UsageError('--output-file needs a path');
      opts.outputFile = once('--output-file', opts.outputFile, v);
    } else if (a === '--stdin-filename' || a.startsWith('--stdin-filename=')) {
      const v = valueOf('--stdin-filename');
      if (v === '') throw new UsageError('--stdin-filename needs a name');
      opts.stdinFilename = once('--stdin-filename', opts.stdinFilename, v);
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
    } else if (a === '--') {
      opts.paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}'`);
    } else {
      opts.paths.push(a);
    }
  }
  if (opts.paths.length === 0) throw new UsageError('no plan given: name one plan file (*.crmsync.yaml or *.crmsync.yml), or - for standard input');
  if (opts.paths.length > 1) throw new UsageError(`explain draws one plan at a time, not ${opts.paths.length}: run it once per plan`);
  if (opts.stdinFilename !== undefined && opts.paths[0] !== '-') throw new UsageError('--stdin-filename only applies with the path - (standard input)');
  return opts;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Why a file could not be read or written, without repeating its path. */
function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a directory';
  return (err as Error)?.message ?? String(err);
}

const isDirectoryError = (err: unknown) => (err as NodeJS.ErrnoException)?.code === 'EISDIR';

/** Runs `crmsync explain` with the arguments after the command; returns the exit code. */
export function runExplain(args: readonly string[], io: ExplainIo): number {
  const parsed = commandOptions('explain', EXPLAIN_USAGE, args, parseArgs, io);
  if (typeof parsed === 'number') return parsed;
  const opts: Options = parsed;
  const cwd = path.resolve(io.cwd ?? process.cwd());
  const shown = (p: string) => displayPath(cwd, p);
  const ids = knownIds();
  for (const id of Object.keys(opts.rules)) if (!ids.has(id)) io.stderr(`crmsync: warning: --rule names unknown rule id '${id}'\n`);

  const fromStdin = opts.paths[0] === '-';
  const file = path.resolve(cwd, fromStdin ? (opts.stdinFilename ?? '<stdin>') : opts.paths[0]);
  const name = fromStdin && opts.stdinFilename === undefined ? '<stdin>' : shown(file);

  let text: string;
  try {
    const bytes = fromStdin ? readStdin(io) : io.read(file);
    try {
      text = decoder.decode(bytes);
    } catch {
      io.stderr(`crmsync: '${name}' is not valid UTF-8 text; plans must be UTF-8.\n`);
      return 2;
    }
  } catch (err) {
    if (isDirectoryError(err)) io.stderr(`crmsync: '${name}' is a directory: explain draws one plan; name a plan file (*.crmsync.yaml or *.crmsync.yml)\n`);
    else io.stderr(`crmsync: cannot read '${name}': ${reason(err)}\n`);
    return 2;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const analyzerOf = analyzersFor([file], opts, io, cwd, shown, ids);
  if (!analyzerOf) return 2;
  const analysis = analyzerOf(file).analyze(text);
  const overview = planOverview(analysis);
  if (!overview) {
    const first = analysis.findings.find((f) => f.severity === 'error');
    const why = first ? `: ${first.message} (line ${analysis.lines.position(first.span.start).line + 1})` : '';
    io.stderr(`crmsync: '${name}' is not a plan that can be drawn${why}\n`);
    return 2;
  }

  let out: string;
  switch (opts.format) {
    case 'text':
      out = renderText(overview);
      break;
    case 'mermaid':
      out = renderMermaid(overview);
      break;
    case 'svg':
      out = renderSvg(overview, layoutOverview(overview), { theme: 'standalone' });
      break;
    case 'html':
      out = renderHtml(overview, layoutOverview(overview), {
        title: `Plan overview: ${fromStdin && opts.stdinFilename === undefined ? 'standard input' : path.basename(file)}`,
        position: (offset) => analysis.lines.position(offset),
      });
      break;
  }
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
  const errors = analysis.findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) {
    io.stderr(`crmsync: ${name}: ${errors === 1 ? '1 error' : `${errors} errors`} (crmsync check lists them)\n`);
    return 1;
  }
  return 0;
}

function readStdin(io: ExplainIo): Uint8Array {
  if (!io.readStdin) throw new Error('standard input is not available');
  return io.readStdin();
}
