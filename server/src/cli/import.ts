/**
 * `crmsync import <file-or-folder>...`: a plan from a Dataverse Web API export (the JSON bodies
 * of the GET requests an administrator saved). Arguments, reading the files and writing the plan;
 * the import itself is the pure server/src/dataverse/import.ts. Diagnostics go to stderr (text
 * or JSON), the plan to `-o` or stdout. Exit codes: 0 plan written (warnings or infos possible),
 * 1 input errors (no plan written), 2 usage error, unreadable path or existing output.
 */
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import { formatImportJson, formatImportText } from '../dataverse/diagnostics';
import { keptIdsFromPlan, type KeptIds } from '../dataverse/ids';
import { importOrganization, type ImportCounts, type ImportOptions } from '../dataverse/import';
import type { ExportFile } from '../dataverse/reader';
import { SELECTED_ATTRIBUTES } from '../dataverse/mapping';
import { plural } from './format';
import { displayPath, toSlashes } from './paths';
import { commandOptions, optionValue, UsageError } from './usage';

/** The part of the CLI's I/O (`CliIo`, run.ts) import uses. */
export interface ImportIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly read: (path: string) => Uint8Array;
  readonly write: (path: string, text: string) => void;
  /** The names of the files directly in a folder; undefined when the path is not a folder. Throws when unreadable. */
  readonly listDir?: (path: string) => string[] | undefined;
  readonly cwd?: string;
}

const IMPORT_USAGE = `Usage: crmsync import [options] <file-or-folder>...

Writes a plan from a Dataverse Web API export: the JSON responses of the GET requests for
organizations, emailserverprofiles, mailboxes, mailboxtrackingfolders (and optionally
systemusers, queues, RetrieveCurrentOrganization, RetrieveVersion), one file per page. A folder
means every *.json file directly in it. Files are recognised by their content, not their names.
Nothing is fetched: crmsync never opens a network connection. Secrets are never read or written:
where CRM holds one, the plan gets a secret reference placeholder.

Options:
  -o, --output PATH          Write the plan to PATH (default: standard output)
  --force                    Overwrite an existing output file
  --deployment DEPLOYMENT    online or onPremises (Dataverse does not record it)
  --crm-version VERSION      "8.0" … "9.2" (default: from RetrieveCurrentOrganization or
                             RetrieveVersion); "9.2" is online only
  --baseline BASELINE        crm2016, d365-8.2 or d365-9 (default: from the version)
  --tenant-id GUID           The organization's Office 365 tenant (default: from
                             RetrieveCurrentOrganization)
  --org-name TEXT            organization.name (default: the friendly name, else the name)
  --ids-from PLAN            Keep the ids of an earlier plan for records whose "# crmsync:id"
                             comment it holds
  --explicit                 Also write values that equal their plan default
  --format FORMAT            Diagnostics on standard error: text (default) or json
  -h, --help                 Show this help

Exit codes: 0 plan written (with warnings or infos, if any), 1 input errors (no plan written),
2 usage error, unreadable path, or an existing output file without --force.
`;

/**
 * The GET requests to save, relative to [Organization URI]/api/data/v9.2/ (the README's "Work
 * with a live organisation" lists the same, checked by test/dataverse/import.test.ts).
 */
const SAVE_REQUESTS: readonly string[] = [
  `organizations?$select=${SELECTED_ATTRIBUTES.organizations.join(',')}`,
  `emailserverprofiles?$select=${SELECTED_ATTRIBUTES.emailserverprofiles.join(',')}`,
  `mailboxes?$select=${SELECTED_ATTRIBUTES.mailboxes.join(',')}&$expand=regardingobjectid($select=fullname),regardingobjectid_queue($select=name)`,
  `mailboxtrackingfolders?$select=${SELECTED_ATTRIBUTES.mailboxtrackingfolders.join(',')}`,
  "RetrieveCurrentOrganization(AccessType=@p1)?@p1=Microsoft.Dynamics.CRM.EndpointAccessType'Default'",
];

const REQUESTS = `Requests to save (GET [Organization URI]/api/data/v9.2/<request>, one file per page; headers
Accept: application/json, OData-MaxVersion: 4.0, OData-Version: 4.0, If-None-Match: null,
Prefer: odata.include-annotations="*"; follow @odata.nextLink and save every page):
${SAVE_REQUESTS.map((r) => `  ${r}\n`).join('')}`;

interface Options {
  paths: string[];
  output?: string;
  force: boolean;
  format: 'text' | 'json';
  idsFrom?: string;
  import: { -readonly [K in keyof ImportOptions]: ImportOptions[K] };
}

const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const VERSIONS = ['8.0', '8.1', '8.2', '9.0', '9.1', '9.2'];
const BASELINES = ['crm2016', 'd365-8.2', 'd365-9'];

function parseArgs(args: readonly string[]): Options {
  const opts: Options = { paths: [], force: false, format: 'text', import: {} };
  const once = <T>(name: string, before: T | undefined, value: T): T => {
    if (before !== undefined && before !== value) throw new UsageError(`${name} is given twice ('${String(before)}' and '${String(value)}')`);
    return value;
  };
  let format: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const named = (...names: string[]) => names.find((n) => a === n || a.startsWith(`${n}=`));
    const valueOf = (name: string): string => {
      const r = optionValue(args, i, name, true);
      i = r.last;
      return r.value;
    };
    let n: string | undefined;
    if ((n = named('-o', '--output', '--output-file'))) {
      const v = valueOf(n);
      if (v === '') throw new UsageError(`${n} needs a path`);
      opts.output = once('-o', opts.output, v);
    } else if (a === '--force') opts.force = true;
    else if (a === '--explicit') opts.import.explicit = true;
    else if ((n = named('--format'))) {
      const v = valueOf(n);
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json, not '${v}'`);
      format = once('--format', format, v);
      opts.format = v;
    } else if ((n = named('--deployment'))) {
      const v = valueOf(n);
      if (v !== 'online' && v !== 'onPremises') throw new UsageError(`--deployment must be online or onPremises, not '${v}'`);
      opts.import.deployment = once('--deployment', opts.import.deployment, v);
    } else if ((n = named('--crm-version'))) {
      const v = valueOf(n);
      if (!VERSIONS.includes(v)) throw new UsageError(`--crm-version must be one of ${VERSIONS.join(', ')}, not '${v}'`);
      opts.import.crmVersion = once('--crm-version', opts.import.crmVersion, v);
    } else if ((n = named('--baseline'))) {
      const v = valueOf(n);
      if (!BASELINES.includes(v)) throw new UsageError(`--baseline must be crm2016, d365-8.2 or d365-9, not '${v}'`);
      opts.import.baseline = once('--baseline', opts.import.baseline, v);
    } else if ((n = named('--tenant-id'))) {
      const v = valueOf(n);
      if (!GUID.test(v)) throw new UsageError(`--tenant-id must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), not '${v}'`);
      opts.import.tenantId = once('--tenant-id', opts.import.tenantId, v.toLowerCase());
    } else if ((n = named('--org-name'))) {
      const v = valueOf(n);
      if (v.length < 1 || v.length > 100 || /[\r\n]/.test(v)) throw new UsageError('--org-name must be 1 to 100 characters on one line');
      opts.import.orgName = once('--org-name', opts.import.orgName, v);
    } else if ((n = named('--ids-from'))) {
      const v = valueOf(n);
      if (v === '') throw new UsageError('--ids-from needs a plan file');
      opts.idsFrom = once('--ids-from', opts.idsFrom, v);
    } else if (a === '--') {
      opts.paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}'`);
    } else opts.paths.push(a);
  }
  if (opts.import.crmVersion === '9.2' && opts.import.deployment === 'onPremises') {
    throw new UsageError('--crm-version 9.2 exists only online: there is no on-premises 9.2');
  }
  if (opts.paths.length === 0) throw new UsageError('no export given: name the JSON files of a Web API export, or the folder that holds them');
  if (opts.paths.includes('-')) throw new UsageError('import reads files and folders, not standard input');
  return opts;
}

/** Why a file could not be read or written, without repeating its path. */
export function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'not a directory';
  return (err as Error)?.message ?? String(err);
}

const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function summary(c: ImportCounts, target: string): string {
  return (
    `crmsync import: wrote ${target} from ${plural(c.files, 'file')}: ${plural(c.organizations, 'organization')}, ` +
    `${plural(c.profiles, 'server profile')}, ${plural(c.mailboxes, 'mailbox', 'mailboxes')}, ${plural(c.trackedFolders, 'tracked folder')}; ` +
    `${plural(c.todos, 'TODO')}, ${plural(c.secrets, 'secret placeholder')}.\n`
  );
}

/**
 * The export files named on the command line (import, diff): a folder means every *.json file
 * directly in it, in ordinal name order. Each file is read when its turn comes, so that only one
 * file's text is held at a time; a file that cannot be read adds its message to `unreadable`.
 * `error` (exit 2) when a folder cannot be read or holds no *.json file.
 */
export function exportInputs(
  command: string,
  paths: readonly string[],
  io: ImportIo,
  cwd: string,
): { readonly files: ExportFile[]; readonly unreadable: string[] } | { readonly error: string } {
  const shown = (p: string) => toSlashes(displayPath(cwd, p));
  const inputs: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let names: string[] | undefined;
    try {
      names = io.listDir?.(abs);
    } catch (err) {
      return { error: `crmsync ${command}: cannot read '${shown(abs)}': ${reason(err)}\n` };
    }
    if (names === undefined) {
      inputs.push(abs);
      continue;
    }
    const json = names.filter((n) => /\.json$/i.test(n)).sort(ordinal);
    if (json.length === 0) return { error: `crmsync ${command}: no *.json file in '${shown(abs)}'\n` };
    for (const n of json) inputs.push(path.join(abs, n));
  }
  const unreadable: string[] = [];
  const files: ExportFile[] = inputs.map((abs) => ({
    name: shown(abs),
    content: () => {
      try {
        const bytes = io.read(abs);
        // Valid UTF-8 is decoded here (fast); anything else is left to the importer, which reports it.
        return isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : bytes;
      } catch (err) {
        unreadable.push(`crmsync ${command}: cannot read '${shown(abs)}': ${reason(err)}\n`);
        return undefined;
      }
    },
  }));
  return { files, unreadable };
}

/** Runs `crmsync import` with the arguments after the command; returns the exit code. */
export function runImport(args: readonly string[], io: ImportIo): number {
  const parsed = commandOptions('import', IMPORT_USAGE, args, parseArgs, io, `${IMPORT_USAGE}\n${REQUESTS}`);
  if (typeof parsed === 'number') return parsed;
  const opts: Options = parsed;
  const cwd = path.resolve(io.cwd ?? process.cwd());
  const shown = (p: string) => toSlashes(displayPath(cwd, p));

  const inputs = exportInputs('import', opts.paths, io, cwd);
  if ('error' in inputs) {
    io.stderr(inputs.error);
    return 2;
  }
  const { files, unreadable } = inputs;

  let keptIds: KeptIds | undefined;
  if (opts.idsFrom !== undefined) {
    const file = path.resolve(cwd, opts.idsFrom);
    try {
      keptIds = keptIdsFromPlan(Buffer.from(io.read(file)).toString('utf8'));
    } catch (err) {
      io.stderr(`crmsync import: cannot read '${shown(file)}': ${reason(err)}\n`);
      return 2;
    }
  }

  const target = opts.output === undefined ? undefined : path.resolve(cwd, opts.output);
  if (target !== undefined && !opts.force) {
    let exists = false;
    try {
      io.read(target);
      exists = true;
    } catch {
      // Not there (or not a readable file): writing it is tried below.
    }
    if (exists) {
      io.stderr(`crmsync import: '${shown(target)}' exists; use --force to overwrite it\n`);
      return 2;
    }
  }

  const result = importOrganization(files, { ...opts.import, ...(keptIds ? { keptIds } : {}) });
  if (unreadable.length > 0) {
    io.stderr(unreadable.join(''));
    return 2;
  }

  const diagnostics = opts.format === 'json' ? formatImportJson(result.diagnostics) : formatImportText(result.diagnostics);
  if (result.plan === undefined) {
    io.stderr(diagnostics);
    if (opts.format === 'text') {
      io.stderr(`crmsync import: no plan written: ${plural(result.errors, 'error')} in ${plural(result.counts.files, 'file')}.\n`);
    }
    return 1;
  }
  if (target === undefined) io.stdout(result.plan);
  else {
    try {
      io.write(target, result.plan);
    } catch (err) {
      io.stderr(diagnostics);
      io.stderr(`crmsync import: cannot write '${shown(target)}': ${reason(err)}\n`);
      return 2;
    }
  }
  io.stderr(diagnostics);
  if (opts.format === 'text') io.stderr(summary(result.counts, target === undefined ? 'the plan to standard output' : shown(target)));
  return 0;
}
