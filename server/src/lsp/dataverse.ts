/**
 * The Dataverse commands of the editor, on the core of `crmsync import`, `diff` and `export`
 * (server/src/dataverse): `crmsync/importDataverse` ("Import from Dataverse Export…": the files
 * → a plan and the import diagnostics), `crmsync/compareDataverse` ("Compare with Export…": an
 * open plan vs the files → drift findings as diagnostics of source `crmsync drift`) and
 * `crmsync/exportDataverse` ("Export Web API Requests…": an open plan, against the files or in
 * full mode → the `$batch` or JSON files to write, or a refusal with the plan's errors). The
 * client reads the files the user picked (it knows nothing of their content) and writes what it
 * is given; nothing is read from disk or the network here.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { Analysis } from '../analysis';
import { formatImportText, type ImportDiagnostic } from '../dataverse/diagnostics';
import { driftFindings } from '../dataverse/drift';
import { batchFiles, requestsJson } from '../dataverse/batch';
import { exportPlan } from '../dataverse/export';
import { importOrganization, type ImportCounts } from '../dataverse/import';
import type { ExportFile } from '../dataverse/reader';

/** `{ files: { name, text }[], deployment? }` → `ImportDataverseResult`. */
const IMPORT_DATAVERSE_REQUEST = 'crmsync/importDataverse';
/** `{ textDocument: { uri }, files }` → `CompareDataverseResult | null` (null: the plan is not open). */
const COMPARE_DATAVERSE_REQUEST = 'crmsync/compareDataverse';

/**
 * `{ textDocument: { uri }, files?, format?: 'webapi-batch' | 'json', output? }` →
 * `ExportDataverseResult | null`. Without `files`: full mode. `output`: the name of the first
 * `$batch` file (`changes.batch`); the others are named after it.
 */
const EXPORT_DATAVERSE_REQUEST = 'crmsync/exportDataverse';

/** The drift findings' diagnostic source: apart from the plan's checks, cleared on demand by the client. */
const DRIFT_SOURCE = 'crmsync drift';

export interface ImportDataverseResult {
  /** The plan; absent when the export has an input error. */
  readonly plan?: string;
  readonly diagnostics: readonly ImportDiagnostic[];
  /** One line per diagnostic, as `crmsync import` prints them. */
  readonly text: string;
  readonly errors: number;
  readonly counts: ImportCounts;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The files of the request; anything that is not `{ name: string, text: string }` is left out. */
function filesOf(params: unknown): ExportFile[] {
  const files = isRecord(params) && Array.isArray(params.files) ? params.files : [];
  return files.filter((f): f is { name: string; text: string } => isRecord(f) && typeof f.name === 'string' && typeof f.text === 'string').map((f) => ({ name: f.name, content: f.text }));
}

function importDataverse(params: unknown): ImportDataverseResult {
  const deployment = isRecord(params) && (params.deployment === 'online' || params.deployment === 'onPremises') ? params.deployment : undefined;
  const result = importOrganization(filesOf(params), deployment ? { deployment } : {});
  return {
    ...(result.plan !== undefined ? { plan: result.plan } : {}),
    diagnostics: result.diagnostics,
    text: formatImportText(result.diagnostics),
    errors: result.errors,
    counts: result.counts,
  };
}

export interface CompareDataverseResult {
  /** The drift findings as diagnostics of the plan (source `crmsync drift`, code the drift id). */
  readonly diagnostics: readonly Diagnostic[];
  /** The export could not be imported (its diagnostics are in `text`): nothing was compared. */
  readonly inputError: boolean;
  /** The plan has a YAML syntax error: nothing was compared. */
  readonly planError: boolean;
  readonly exportFiles: number;
  /** The import diagnostics of the export, one a line (infos left out, as `crmsync diff` does). */
  readonly text: string;
}

function compareDataverse(analysis: Analysis, params: unknown, toDiagnostic: (f: Analysis['findings'][number]) => Diagnostic): CompareDataverseResult {
  const result = driftFindings(analysis, filesOf(params));
  return {
    diagnostics: result.findings.map((f) => ({ ...toDiagnostic(f), source: DRIFT_SOURCE })),
    inputError: result.inputError,
    planError: result.planError,
    exportFiles: result.exportFiles,
    text: formatImportText(result.importDiagnostics.filter((d) => d.severity !== 'info')),
  };
}

export interface ExportDataverseResult {
  /** The plan has error findings (or a matching error): nothing to write. */
  readonly refused: boolean;
  /** The export compared with has input errors (their lines in `text`): nothing to write. */
  readonly inputError: boolean;
  /** The export findings (and, when refused, the plan's errors) as diagnostics of the plan. */
  readonly diagnostics: readonly Diagnostic[];
  /** The files to write next to `output`, in order (none when there is no change). */
  readonly files: readonly { readonly name: string; readonly text: string; readonly boundary?: string }[];
  readonly requests: number;
  readonly text: string;
}

const BASE_NAME = /^[^\\/]+$/;

function exportDataverse(analysis: Analysis, params: unknown, toDiagnostic: (f: Analysis['findings'][number]) => Diagnostic): ExportDataverseResult {
  const p = isRecord(params) ? params : {};
  const format = p.format === 'json' ? 'json' : 'webapi-batch';
  const output = typeof p.output === 'string' && BASE_NAME.test(p.output) ? p.output : format === 'json' ? 'changes.json' : 'changes.batch';
  const result = exportPlan(analysis, {
    ...(Array.isArray(p.files) ? { against: filesOf(params) } : {}),
    apiVersion: 'v9.2',
    scheduleTest: false,
    ifMatch: 'any',
    allowErrors: false,
    writeIds: false,
  });
  const blocked = result.refused || result.inputError;
  const files = blocked || result.requests.length === 0 ? [] : format === 'json' ? [{ name: output, text: requestsJson(result.requests) }] : batchFiles(result.requests, output, 1000).map((f) => ({ name: f.name, text: f.text, boundary: f.boundary }));
  return {
    refused: result.refused,
    inputError: result.inputError,
    diagnostics: result.findings.map(toDiagnostic),
    files,
    requests: blocked ? 0 : result.requests.length,
    text: formatImportText(result.importDiagnostics.filter((d) => d.severity !== 'info')),
  };
}

export interface DataverseHost {
  /** Runs `f` on the plan's current analysis (`empty` when the plan is not open). */
  readonly answer: <T>(name: string, uri: string, empty: T, f: (a: Analysis) => T) => Promise<T>;
  readonly toDiagnostic: (f: Analysis['findings'][number], a: Analysis, uri: string) => Diagnostic;
}

const uriOf = (params: unknown): string | undefined =>
  isRecord(params) && isRecord(params.textDocument) && typeof params.textDocument.uri === 'string' ? params.textDocument.uri : undefined;

export function registerDataverse(connection: Connection, host: DataverseHost): void {
  connection.onRequest(IMPORT_DATAVERSE_REQUEST, (params: unknown) => importDataverse(params));
  connection.onRequest(COMPARE_DATAVERSE_REQUEST, (params: unknown) => {
    const uri = uriOf(params);
    return uri === undefined ? null : host.answer('compareDataverse', uri, null, (a) => compareDataverse(a, params, (f) => host.toDiagnostic(f, a, uri)));
  });
  connection.onRequest(EXPORT_DATAVERSE_REQUEST, (params: unknown) => {
    const uri = uriOf(params);
    return uri === undefined ? null : host.answer('exportDataverse', uri, null, (a) => exportDataverse(a, params, (f) => host.toDiagnostic(f, a, uri)));
  });
}
