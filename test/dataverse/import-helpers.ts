/** Shared by the import tests: the fixture folder, an in-memory CliIo, and the expected-output parsers. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/run';
import { repoPath } from '../harness/paths';

/** test/fixtures/dataverse: copies of the specification's fixtures (never read from elsewhere). */
export const FIXTURES = repoPath('test', 'fixtures', 'dataverse');
export const fixture = (...parts: string[]): string => fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8');

export interface ImportRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Files written, by absolute path. */
  readonly written: ReadonlyMap<string, string>;
}

/**
 * Runs `crmsync <args>` in-process in `cwd` (the fixture folder by default): files are read from
 * disk, written files are kept in memory (`existing` pretends files exist).
 */
export function run(args: readonly string[], cwd = FIXTURES, existing: Readonly<Record<string, string>> = {}): ImportRun {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, string>();
  const code = runCli(
    args,
    {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      discover: (p) => [p],
      read: (p) => {
        const w = written.get(p) ?? existing[p];
        return w !== undefined ? Buffer.from(w) : fs.readFileSync(p);
      },
      write: (p, text) => void written.set(p, text),
      listDir: (p) => (fs.statSync(p).isDirectory() ? fs.readdirSync(p, { withFileTypes: true }).filter((e) => !e.isDirectory()).map((e) => e.name) : undefined),
      cwd,
    },
    'test',
  );
  return { code, stdout, stderr, written };
}

export interface ExpectedDiagnostic {
  readonly path: string;
  /** A JSON pointer, or `line:column` for import/not-json. */
  readonly location: string;
  readonly severity: string;
  readonly id: string;
}

const DIAGNOSTIC = /^(.+?):(\d+:\d+|(?:\/\S*)?) (error|warning|info) (import\/\S+)(?: |$)/;

/** The diagnostic lines of an expected.txt (or of stderr): file, location, severity, id. */
export function diagnosticsOf(text: string): ExpectedDiagnostic[] {
  const out: ExpectedDiagnostic[] = [];
  for (const line of text.split('\n')) {
    const m = DIAGNOSTIC.exec(line);
    if (m && !line.startsWith('#')) out.push({ path: m[1], location: m[2], severity: m[3], id: m[4] });
  }
  return out;
}

/** As the fixtures README says: for import/not-json only file, severity and id are compared. */
export function comparable(d: ExpectedDiagnostic): string {
  return `${d.path} ${d.id === 'import/not-json' ? '<offset>' : d.location || '""'} ${d.severity} ${d.id}`;
}

/** The command of an expected.txt (`#   crmsync import …` with `\` continuations), without `crmsync`. */
export function commandOf(text: string): string[] {
  const lines = text.split('\n').filter((l) => l.startsWith('#'));
  const start = lines.findIndex((l) => /^#\s+crmsync /.test(l));
  let command = '';
  for (let i = start; i >= 0 && i < lines.length; i++) {
    const part = lines[i].replace(/^#\s*/, '');
    command += part.replace(/\\$/, ' ');
    if (!part.endsWith('\\')) break;
  }
  return command.trim().split(/\s+/).slice(1);
}

export function exitCodeOf(text: string): number {
  const m = /^# Exit code: (\d+)/m.exec(text);
  if (!m) throw new Error('no exit code in the expected file');
  return Number(m[1]);
}

/** The text after `TODO(crmsync import): ` is not normative: masked on both sides. */
export const maskTodos = (plan: string): string => plan.replace(/(# TODO\(crmsync import\):).*$/gm, '$1 …');
