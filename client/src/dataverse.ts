/**
 * "CRM Sync: Import from Dataverse Export…": pick a folder (or files) of Web API JSON, read
 * every `*.json` file directly in it (ordinal name order, as `crmsync import` does), send them to
 * the server (`crmsync/importDataverse`), and open the plan it writes as a new untitled plan.
 * The import's diagnostics go to the "CRM Sync" output channel, with a summary notification.
 * "CRM Sync: Compare with Export…": the active plan against such a folder
 * (`crmsync/compareDataverse`); the drift findings become diagnostics of the plan in a collection
 * of their own ("crmsync drift"), kept until "CRM Sync: Clear Drift Findings" (or the next compare).
 * "CRM Sync: Export Web API Requests…": the active plan, against a fresh export (only what
 * differs) or in full mode, written where the save dialog says (`changes.batch`, then
 * `changes.test.batch` …, or one JSON request list); a plan with errors is refused, with why.
 * The client reads bytes and shows text: it knows nothing of what the files hold.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

const IMPORT_COMMAND = 'crmsync.importFromDataverse';
const IMPORT_DATAVERSE_REQUEST = 'crmsync/importDataverse';
const COMPARE_COMMAND = 'crmsync.compareWithExport';
const CLEAR_DRIFT_COMMAND = 'crmsync.clearDriftFindings';
const COMPARE_DATAVERSE_REQUEST = 'crmsync/compareDataverse';

const EXPORT_COMMAND = 'crmsync.exportWebApiRequests';
const EXPORT_DATAVERSE_REQUEST = 'crmsync/exportDataverse';

interface ExportAnswer {
  readonly refused: boolean;
  readonly inputError: boolean;
  readonly diagnostics: readonly { readonly severity?: number; readonly code?: unknown; readonly message: string; readonly range: { readonly start: { readonly line: number } } }[];
  readonly files: readonly { readonly name: string; readonly text: string; readonly boundary?: string }[];
  readonly requests: number;
  readonly text: string;
}

interface CompareAnswer {
  readonly diagnostics: readonly unknown[];
  readonly inputError: boolean;
  readonly planError: boolean;
  readonly exportFiles: number;
  readonly text: string;
}

interface ImportAnswer {
  readonly plan?: string;
  readonly text: string;
  readonly errors: number;
  readonly diagnostics: readonly { readonly severity: string }[];
}

/** What the command returns (for tests and other extensions): the new plan, if any, and the diagnostics' counts. */
interface ImportOutcome {
  readonly document?: vscode.TextDocument;
  readonly errors: number;
  readonly warnings: number;
}

const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const isJson = (name: string): boolean => name.toLowerCase().endsWith('.json');

/** The files to import: each picked file, and every `*.json` file directly in each picked folder. */
async function filesOf(picked: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  for (const uri of picked) {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) {
      const entries = await vscode.workspace.fs.readDirectory(uri);
      const names = entries.filter(([name, type]) => !(type & vscode.FileType.Directory) && isJson(name)).map(([name]) => name);
      out.push(...names.sort(ordinal).map((name) => vscode.Uri.joinPath(uri, name)));
    } else out.push(uri);
  }
  return out;
}

const DEPLOYMENTS: readonly (vscode.QuickPickItem & { value?: string })[] = [
  { label: 'Online', description: 'Dynamics 365 online', value: 'online' },
  { label: 'On-premises', description: 'Dynamics CRM / Dynamics 365 on-premises', value: 'onPremises' },
  { label: 'Leave a TODO', description: 'Dataverse does not record the deployment: the plan gets a placeholder' },
];

/** The export's files as the server wants them: names relative to the workspace, text. */
async function readExport(picked: readonly vscode.Uri[], progress: vscode.Progress<{ message?: string; increment?: number }>): Promise<{ name: string; text: string }[]> {
  const uris = await filesOf(picked);
  const decoder = new TextDecoder('utf-8');
  const files: { name: string; text: string }[] = [];
  for (const [i, uri] of uris.entries()) {
    progress.report({ message: `reading ${i + 1} of ${uris.length} files`, increment: 50 / uris.length });
    files.push({ name: vscode.workspace.asRelativePath(uri, false), text: decoder.decode(await vscode.workspace.fs.readFile(uri)) });
  }
  return files;
}

const asUris = (given: unknown): vscode.Uri[] | undefined =>
  given instanceof vscode.Uri ? [given] : Array.isArray(given) && given.length > 0 && given.every((u) => u instanceof vscode.Uri) ? (given as vscode.Uri[]) : undefined;

const pickExport = (title: string, openLabel: string) =>
  vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: true, canSelectMany: true, filters: { 'Web API JSON': ['json'] }, openLabel, title });

/** The plan to compare or export: the given one, else the active editor's crmsync document. */
async function planDocument(given: unknown): Promise<vscode.TextDocument | undefined> {
  if (given instanceof vscode.Uri) return vscode.workspace.openTextDocument(given);
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && doc.languageId === 'crmsync') return doc;
  void vscode.window.showWarningMessage('CRM Sync: open a plan (*.crmsync.yaml) first.');
  return undefined;
}

export function registerDataverseCompare(context: vscode.ExtensionContext, client: BaseLanguageClient, output: vscode.LogOutputChannel): void {
  const drift = vscode.languages.createDiagnosticCollection('crmsync-drift');
  context.subscriptions.push(
    drift,
    vscode.commands.registerCommand(CLEAR_DRIFT_COMMAND, () => drift.clear()),
    vscode.commands.registerCommand(COMPARE_COMMAND, async (planUri?: unknown, exportGiven?: unknown) => {
      const doc = await planDocument(planUri);
      if (!doc) return undefined;
      const picked = asUris(exportGiven) ?? (await pickExport('CRM Sync: compare the plan with the folder (or files) of a fresh Dataverse Web API export', 'Compare'));
      if (!picked || picked.length === 0) return undefined;
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'CRM Sync: comparing the plan with the export' }, async (progress) => {
        const files = await readExport(picked, progress);
        progress.report({ message: 'comparing' });
        const answer = await client.sendRequest<CompareAnswer | null>(COMPARE_DATAVERSE_REQUEST, { textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) }, files });
        if (!answer) return undefined;
        for (const line of answer.text.split('\n').filter((l) => l !== '')) output.info(`  ${line}`);
        if (answer.inputError || answer.planError) {
          drift.delete(doc.uri);
          const why = answer.planError ? 'the plan has a YAML syntax error' : 'the export has input errors (see the output)';
          void vscode.window.showErrorMessage(`CRM Sync: nothing compared: ${why}.`, 'Show Output').then((show) => show && output.show(true));
          return { findings: 0, inputError: answer.inputError, planError: answer.planError };
        }
        const diagnostics = await client.protocol2CodeConverter.asDiagnostics(answer.diagnostics as never[]);
        drift.set(doc.uri, diagnostics);
        output.info(`compared ${doc.uri.toString()} with ${answer.exportFiles} export files: ${diagnostics.length} drift findings`);
        void vscode.window.showInformationMessage(
          diagnostics.length === 0
            ? `CRM Sync: the plan matches the export (${answer.exportFiles} files).`
            : `CRM Sync: ${diagnostics.length} drift finding(s) against ${answer.exportFiles} export files, in the Problems view.`,
        );
        return { findings: diagnostics.length, inputError: false, planError: false };
      });
    }),
  );
}

export function registerDataverseExport(context: vscode.ExtensionContext, client: BaseLanguageClient, output: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPORT_COMMAND, async (planUri?: unknown, againstGiven?: unknown, targetGiven?: unknown) => {
      const doc = await planDocument(planUri);
      if (!doc) return undefined;
      // `'full'` from a test or another extension: no export to compare with.
      let against = againstGiven === 'full' ? undefined : asUris(againstGiven);
      if (againstGiven === undefined) {
        const mode = await vscode.window.showQuickPick(
          [
            { label: 'Against a fresh export…', description: 'only the values that differ (recommended)', full: false },
            { label: 'Full mode', description: 'every value of each record with a crmsync:id (rewrites unchanged values)', full: true },
          ],
          { title: 'CRM Sync: export the plan as Web API requests' },
        );
        if (!mode) return undefined;
        if (!mode.full) {
          against = await pickExport('CRM Sync: the folder (or files) of a fresh Dataverse Web API export to compare with', 'Compare');
          if (!against || against.length === 0) return undefined;
        }
      }
      const target =
        targetGiven instanceof vscode.Uri
          ? targetGiven
          : await vscode.window.showSaveDialog({
              defaultUri: vscode.Uri.joinPath(doc.uri.with({ path: doc.uri.path.replace(/\/[^/]*$/, '') || '/' }), 'changes.batch'),
              filters: { 'Web API $batch': ['batch'], 'JSON request list': ['json'] },
              title: 'CRM Sync: where to write the requests',
            });
      if (!target) return undefined;
      const name = target.path.slice(target.path.lastIndexOf('/') + 1);
      const format = name.toLowerCase().endsWith('.json') ? 'json' : 'webapi-batch';
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'CRM Sync: exporting Web API requests' }, async (progress) => {
        const files = against ? await readExport(against, progress) : undefined;
        progress.report({ message: 'writing the requests' });
        const answer = await client.sendRequest<ExportAnswer | null>(EXPORT_DATAVERSE_REQUEST, {
          textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) },
          ...(files ? { files } : {}),
          format,
          output: name,
        });
        if (!answer) return undefined;
        for (const line of answer.text.split('\n').filter((l) => l !== '')) output.info(`  ${line}`);
        for (const d of answer.diagnostics) output.info(`  ${doc.uri.toString()}:${d.range.start.line + 1} ${d.message}`);
        if (answer.inputError) {
          void vscode.window.showErrorMessage('CRM Sync: nothing exported: the export to compare with has input errors.', 'Show Output').then((show) => show && output.show(true));
          return { refused: false, inputError: true, written: [] };
        }
        if (answer.refused) {
          const errors = answer.diagnostics.filter((d) => d.severity === 1 && d.code !== 'export/plan-has-errors');
          const first = errors[0];
          const why = first ? ` First: line ${first.range.start.line + 1}: ${first.message}` : '';
          void vscode.window.showErrorMessage(
            `CRM Sync: export refused: the plan has ${errors.length} error(s), and requests from a plan with errors could break the organisation. Fix them (see the Problems view) and export again.${why}`,
            'Show Output',
          ).then((show) => show && output.show(true));
          return { refused: true, inputError: false, written: [] };
        }
        if (answer.files.length === 0) {
          void vscode.window.showInformationMessage('CRM Sync: no changes: the organisation already matches the plan.');
          return { refused: false, inputError: false, written: [] };
        }
        const folder = target.with({ path: target.path.slice(0, target.path.lastIndexOf('/')) || '/' });
        const written: vscode.Uri[] = [];
        for (const f of answer.files) {
          const uri = vscode.Uri.joinPath(folder, f.name);
          await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(f.text));
          written.push(uri);
          output.info(
            f.boundary
              ? `wrote ${uri.toString()}: POST it to [Organization URI]/api/data/v9.2/$batch with Content-Type: multipart/mixed; boundary=${f.boundary} (and Prefer: odata.continue-on-error)`
              : `wrote ${uri.toString()}`,
          );
        }
        void vscode.window.showInformationMessage(`CRM Sync: ${answer.requests} request(s) written to ${written.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)).join(', ')}.`, 'Show Output').then((show) => show && output.show(true));
        return { refused: false, inputError: false, written };
      });
    }),
  );
}

export function registerDataverseImport(context: vscode.ExtensionContext, client: BaseLanguageClient, output: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(IMPORT_COMMAND, async (given?: unknown, deployment?: unknown): Promise<ImportOutcome | undefined> => {
      // From a test or another extension: a Uri (or a list of them), and optionally the deployment.
      const picked = asUris(given) ?? (await pickExport('CRM Sync: the folder (or files) of a Dataverse Web API export', 'Import'));
      if (!picked || picked.length === 0) return undefined;
      let dep = deployment === 'online' || deployment === 'onPremises' ? deployment : undefined;
      if (deployment === undefined && !asUris(given)) {
        const choice = await vscode.window.showQuickPick(DEPLOYMENTS, { title: 'CRM Sync: where does the organisation run?', placeHolder: 'Dataverse does not record the deployment' });
        if (!choice) return undefined;
        dep = choice.value;
      }
      const sources = picked;
      return vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'CRM Sync: importing the Dataverse export', cancellable: false },
        async (progress) => {
          const files = await readExport(sources, progress);
          if (files.length === 0) {
            void vscode.window.showWarningMessage('CRM Sync: no *.json file to import there.');
            return { errors: 0, warnings: 0 };
          }
          progress.report({ message: 'writing the plan' });
          const answer = await client.sendRequest<ImportAnswer>(IMPORT_DATAVERSE_REQUEST, { files, ...(dep ? { deployment: dep } : {}) });
          const warnings = answer.diagnostics.filter((d) => d.severity === 'warning').length;
          output.info(`import of ${files.length} files: ${answer.errors} errors, ${warnings} warnings`);
          for (const line of answer.text.split('\n').filter((l) => l !== '')) output.info(`  ${line}`);
          if (answer.plan === undefined) {
            void vscode.window.showErrorMessage(`CRM Sync: the export has ${answer.errors} input error(s); no plan was written.`, 'Show Output').then((show) => show && output.show(true));
            return { errors: answer.errors, warnings };
          }
          const document = await vscode.workspace.openTextDocument({ language: 'crmsync', content: answer.plan });
          await vscode.window.showTextDocument(document);
          if (warnings > 0) {
            void vscode.window.showWarningMessage(`CRM Sync: plan imported with ${warnings} warning(s) about the export.`, 'Show Output').then((show) => show && output.show(true));
          }
          return { document, errors: 0, warnings };
        },
      );
    }),
  );
}
