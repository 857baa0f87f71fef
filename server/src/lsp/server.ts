/**
 * The thin protocol layer: documents in, diagnostics out. All analysis is done by the core;
 * this file only schedules it, caches it by (uri, version) and converts the results.
 */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  CodeActionKind,
  DocumentHighlightKind,
  FoldingRangeKind,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  ResponseError,
  ErrorCodes,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalyzer, type Analysis, type Analyzer, type AnalyzerConfig } from '../analysis';
import { completeAt, definitionAt, foldingRanges, highlightsAt, hoverAt, planSummary, prepareRenameAt, referencesAt, renameAt, symbolsOf } from '../ide';
import { knownIds } from '../analysis/catalog';
import { CONFIG_FILE_NAMES, layerConfig, parseProjectConfig, type ProjectConfig } from '../analysis/config';
import { AnalysisCache } from './analysis-cache';
import { registerOverview } from './overview';
import { LENS_CAPABILITIES, registerLenses } from './lenses';
import { registerDataverse } from './dataverse';
import { FIX_ALL_KIND, codeActions } from './code-actions';
import { OPEN_RULE_DOCS_COMMAND, readRuleDocs, ruleDocsHref, type RuleDocs } from './rule-docs';
import { completionToLsp, editToLsp, findingToDiagnostic, hoverToLsp, spanToRange, symbolToLsp, type CompletionSupport } from './convert';
import { DEFAULT_SETTINGS, readSettings, settingsKey, toAnalyzerConfig, type Settings } from './settings';
import { PLAN_DOCUMENTS } from './documents';

/** `crmsync/planSummary`: `{ textDocument: { uri } }` → `PlanSummary | null`, from the cached analysis. */
const PLAN_SUMMARY_REQUEST = 'crmsync/planSummary';
interface PlanSummaryParams {
  readonly textDocument?: { readonly uri?: unknown };
}

export interface ServerOptions {
  /** Delay between an edit and its diagnostics (ms). Opening a document is never delayed. */
  readonly debounceMs?: number;
  /** Makes analyzers; tests wrap it to observe how often documents are analysed. */
  readonly createAnalyzer?: (config: AnalyzerConfig) => Analyzer;
  /**
   * The `crmsync.config.*` file that applies to a document (`lsp/config-files.ts`, given by the
   * Node entry; the web server has none). Throws when the file exists but cannot be read.
   */
  readonly configFile?: (uri: string) => { readonly file: string; readonly text: string } | undefined;
  /** The URI of the docs/rules.md shipped with the server (main.ts: a `file:` URI), linked when the client names none. */
  readonly ruleDocsDocument?: string;
  /** The time in ms the debounce measures quiet spells with (`Date.now`); tests give their own clock. */
  readonly clock?: () => number;
}

interface InitOptions {
  debounceMs?: number;
  /** How the client opens a rule's documentation (rule-docs.ts). */
  ruleDocs?: unknown;
}

/**
 * Long enough to merge the burst of changes one user action can send (multi-cursor edits, a
 * paste that is then re-indented), short enough not to be felt. It delays only the rest of a
 * burst: an edit after this long a quiet spell is checked at once (see `changed`).
 */
const DEFAULT_DEBOUNCE_MS = 50;
/** Analyses slower than this are logged with their timing. */
const SLOW_ANALYSIS_MS = 500;

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(PLAN_DOCUMENTS);
  const cache = new AnalysisCache();
  const timers = new Map<string, NodeJS.Timeout>();
  /** When each open document last changed, by `clock`. */
  const lastChange = new Map<string, number>();
  const clock = options.clock ?? Date.now;
  const ids = knownIds();
  const warned = new Set<string>();
  /** Settings per document uri, fetched from the client on first use. */
  const settingsByUri = new Map<string, Promise<Settings>>();
  const analyzers = new Map<string, Analyzer>();
  let debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  let canFetchConfiguration = false;
  let canWatchFiles = false;
  // What the client declared (initialize): nothing declared means plain text and no snippets.
  let hoverMarkdown = false;
  let completionSupport: CompletionSupport = { markdown: false, snippets: false };
  let snippetEdits = false;
  let ruleDocs: RuleDocs = readRuleDocs(undefined, options.ruleDocsDocument);
  let canShowDocument = false;

  const warnOnce = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    connection.console.warn(message);
  };

  /** Configuration-file problems already shown to the user (shown again after the file changes). */
  const configReported = new Set<string>();
  const reportConfig = (message: string) => {
    connection.console.error(message);
    if (configReported.has(message)) return;
    configReported.add(message);
    // A notification (window/showMessage): nothing to answer, so a client without it cannot fail the server.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
  };

  /** The document's configuration file, checked; undefined when there is none or it is invalid (then reported, and not used). */
  function configFileFor(uri: string): ProjectConfig | undefined {
    if (!options.configFile) return undefined;
    try {
      const found = options.configFile(uri);
      if (!found) return undefined;
      const result = parseProjectConfig(found.text, found.file, ids);
      for (const w of result.warnings) warnOnce(`crmsync: ${found.file}: ${w}.`);
      if (!result.config) reportConfig(`crmsync: ${found.file} is invalid and is not used: ${result.errors.join('; ')}.`);
      return result.config;
    } catch (err) {
      reportConfig(`crmsync: ${(err as Error)?.message ?? String(err)}; the configuration file is not used.`);
      return undefined;
    }
  }

  /** The document's settings: its configuration file with the client's `crmsync.*` settings on top. */
  function settingsFor(uri: string): Promise<Settings> {
    let s = settingsByUri.get(uri);
    if (!s) {
      const client = canFetchConfiguration
        ? connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'crmsync' })
            .then((raw) => readSettings(raw, ids, warnOnce))
            .catch(() => DEFAULT_SETTINGS)
        : Promise.resolve(DEFAULT_SETTINGS);
      s = client.then((settings) => ({ ...settings, ...layerConfig(configFileFor(uri), settings) }));
      settingsByUri.set(uri, s);
    }
    return s;
  }

  function analyzerFor(settings: Settings): Analyzer {
    const key = settingsKey(settings);
    let a = analyzers.get(key);
    if (!a) {
      a = (options.createAnalyzer ?? createAnalyzer)({
        ...toAnalyzerConfig(settings),
        onRuleError: (ruleId, err) => connection.console.error(`crmsync: rule ${ruleId} failed: ${(err as Error)?.stack ?? String(err)}`),
      });
      analyzers.set(key, a);
    }
    return a;
  }

  /** The analysis of the document's current version, computed at most once per version. */
  function analysisOf(doc: TextDocument, analyzer: Analyzer): Analysis | undefined {
    // Only an analysis made with these settings: a request that waited for the old settings
    // across a configuration change must not stand in for the new ones.
    const cached = cache.get(doc.uri, doc.version, doc.getText(), analyzer);
    if (cached) return cached;
    try {
      const started = Date.now();
      const analysis = cache.analyze(doc.uri, doc.version, doc.getText(), analyzer);
      const ms = Date.now() - started;
      if (ms > SLOW_ANALYSIS_MS) connection.console.log(`crmsync: analysis of ${doc.uri} took ${ms} ms`);
      return analysis;
    } catch (err) {
      connection.console.error(`crmsync: analysis of ${doc.uri} failed: ${(err as Error)?.stack ?? String(err)}`);
      return undefined;
    }
  }

  async function publish(uri: string): Promise<void> {
    const settings = await settingsFor(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const analysis = analysisOf(doc, analyzerFor(settings));
    // On failure publish an empty list, so that no stale problems remain.
    const diagnostics = analysis ? analysis.findings.map((f) => findingToDiagnostic(f, analysis.lines, uri, ruleDocs)) : [];
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  function schedule(uri: string, delay: number): void {
    const prev = timers.get(uri);
    if (prev) clearTimeout(prev);
    timers.delete(uri);
    if (delay <= 0) {
      void publish(uri);
      return;
    }
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void publish(uri);
      }, delay),
    );
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitOptions;
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    canFetchConfiguration = params.capabilities.workspace?.configuration === true;
    ruleDocs = readRuleDocs(init.ruleDocs, options.ruleDocsDocument);
    canShowDocument = params.capabilities.window?.showDocument?.support === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const td = params.capabilities.textDocument;
    snippetEdits = (params.capabilities.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport === true;
    hoverMarkdown = td?.hover?.contentFormat?.includes(MarkupKind.Markdown) === true;
    const item = td?.completion?.completionItem;
    completionSupport = { markdown: item?.documentationFormat?.includes(MarkupKind.Markdown) === true, snippets: item?.snippetSupport === true };
    lenses.initialize(params.capabilities);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '{', ','], resolveProvider: false },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentHighlightProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [OPEN_RULE_DOCS_COMMAND] },
        ...LENS_CAPABILITIES,
      },
      serverInfo: { name: 'crmsync-language-server', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    connection.console.log(`crmsync language server ${SERVER_VERSION} started (debounce ${debounceMs} ms)`);
    if (canFetchConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'crmsync' }).catch(() => undefined);
    // Configuration files: watched where the client can; otherwise read again when a plan is opened.
    if (canWatchFiles && options.configFile) {
      const watchers = CONFIG_FILE_NAMES.map((name) => ({ globPattern: `**/${name}` }));
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
  });

  function recheckAll(why: string): void {
    settingsByUri.clear();
    analyzers.clear();
    cache.clear();
    connection.console.log(`crmsync: ${why}; checking open plans again`);
    for (const doc of documents.all()) schedule(doc.uri, 0);
    // Lens counts follow the rules' severities, and the switches are settings too.
    lenses.refresh();
  }

  connection.onDidChangeConfiguration(() => recheckAll('settings changed'));
  connection.onDidChangeWatchedFiles((p) => {
    if (!p.changes.some((c) => CONFIG_FILE_NAMES.some((name) => c.uri.endsWith(`/${name}`)))) return;
    configReported.clear();
    recheckAll('a configuration file changed');
  });

  /** The text each document was opened with: its first analysis is published at once. */
  const openedText = new Map<string, string>();
  documents.onDidOpen((e) => {
    openedText.set(e.document.uri, e.document.getText());
    schedule(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    // TextDocuments fires this for the open too; that one is already published.
    const opened = openedText.get(e.document.uri);
    openedText.delete(e.document.uri);
    if (opened !== undefined && opened === e.document.getText()) return;
    changed(e.document.uri);
  });

  /**
   * Debounce on both edges: an edit that comes after a quiet spell of `debounceMs` is checked at
   * once, and the changes that follow it within `debounceMs` of each other wait until the burst
   * ends. A lone edit shows its diagnostics without delay, a burst is checked at most twice. (A
   * request needs the analysis of the current version anyway, so checking the first change of a
   * burst costs at most one analysis more than waiting for its end.)
   */
  function changed(uri: string): void {
    const now = clock();
    const last = lastChange.get(uri);
    lastChange.set(uri, now);
    schedule(uri, last === undefined || now - last >= debounceMs ? 0 : debounceMs);
  }

  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    cache.delete(e.document.uri);
    settingsByUri.delete(e.document.uri);
    openedText.delete(e.document.uri);
    lastChange.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  /** The cached analysis of the document's current version (computed once if missing). */
  async function current(uri: string): Promise<Analysis | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const cached = cache.get(uri, doc.version, doc.getText());
    if (cached) return cached;
    const settings = await settingsFor(uri);
    const again = documents.get(uri);
    return again ? analysisOf(again, analyzerFor(settings)) : undefined;
  }

  /** Runs a request on the current analysis; an exception is logged and answered with `empty`. */
  function answer<T>(name: string, uri: string, empty: T, f: (a: Analysis) => T): Promise<T> {
    return current(uri).then((a) => {
      if (!a) return empty;
      try {
        return f(a);
      } catch (err) {
        if (err instanceof ResponseError) throw err;
        connection.console.error(`crmsync: ${name} failed for ${uri}: ${(err as Error)?.stack ?? String(err)}`);
        return empty;
      }
    });
  }

  const offsetOf = (a: Analysis, p: { line: number; character: number }) => a.lines.offset(p.line, p.character);

  connection.onHover((p) =>
    answer('hover', p.textDocument.uri, null, (a) => {
      const h = hoverAt(a, offsetOf(a, p.position), (ruleId) => ruleDocsHref(ruleId, ruleDocs));
      return h ? hoverToLsp(h, a.lines, hoverMarkdown) : null;
    }),
  );
  connection.onCompletion((p) =>
    answer('completion', p.textDocument.uri, [], (a) => completeAt(a, offsetOf(a, p.position)).map((c) => completionToLsp(c, a.lines, completionSupport))),
  );
  connection.onDocumentSymbol((p) => answer('documentSymbol', p.textDocument.uri, [], (a) => symbolsOf(a).map((s) => symbolToLsp(s, a.lines))));
  connection.onDefinition((p) =>
    answer('definition', p.textDocument.uri, null, (a) => {
      const span = definitionAt(a, offsetOf(a, p.position));
      return span ? { uri: p.textDocument.uri, range: spanToRange(a.lines, span) } : null;
    }),
  );
  connection.onReferences((p) =>
    answer('references', p.textDocument.uri, [], (a) =>
      referencesAt(a, offsetOf(a, p.position), p.context.includeDeclaration).map((span) => ({ uri: p.textDocument.uri, range: spanToRange(a.lines, span) })),
    ),
  );
  connection.onDocumentHighlight((p) =>
    answer('documentHighlight', p.textDocument.uri, [], (a) =>
      highlightsAt(a, offsetOf(a, p.position)).map((o) => ({ range: spanToRange(a.lines, o.span), kind: o.isDefinition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read })),
    ),
  );
  connection.onPrepareRename((p) =>
    answer('prepareRename', p.textDocument.uri, null, (a) => {
      const r = prepareRenameAt(a, offsetOf(a, p.position));
      return r ? { range: spanToRange(a.lines, r.span), placeholder: r.placeholder } : null;
    }),
  );
  connection.onRenameRequest((p) =>
    answer('rename', p.textDocument.uri, null, (a) => {
      const r = renameAt(a, offsetOf(a, p.position), p.newName);
      if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      const doc = documents.get(p.textDocument.uri);
      return {
        documentChanges: [{ textDocument: { uri: p.textDocument.uri, version: doc?.version ?? null }, edits: r.edits.map((e) => editToLsp(e, a.lines)) }],
      };
    }),
  );
  connection.onCodeAction(async (p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    const analyzer = analyzerFor(await settingsFor(p.textDocument.uri));
    return answer('codeAction', p.textDocument.uri, [], (a) => codeActions({ uri: p.textDocument.uri, version: doc.version, analysis: a, analyzer, snippetEdits, docs: ruleDocs }, p));
  });
  connection.onFoldingRanges((p) =>
    answer('foldingRange', p.textDocument.uri, [], (a) =>
      foldingRanges(a).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: f.kind === 'comment' ? FoldingRangeKind.Comment : undefined })),
    ),
  );

  // "Show documentation" for clients without a command of their own: the rule's section of the
  // shipped docs/rules.md (or the web) through window/showDocument.
  connection.onExecuteCommand(async (p) => {
    const ruleId = p.arguments?.[0];
    if (p.command !== OPEN_RULE_DOCS_COMMAND || typeof ruleId !== 'string' || !ids.has(ruleId)) return null;
    const uri = ruleDocsHref(ruleId, { document: ruleDocs.document });
    if (!canShowDocument) {
      connection.console.log(`crmsync: documentation of ${ruleId}: ${uri}`);
      return { uri };
    }
    const r = await connection.window.showDocument({ uri, external: /^https?:/.test(uri) }).catch(() => ({ success: false }));
    return { uri, success: r.success };
  });

  // The client's status bar asks for the plan's topology in words: it never parses a plan.
  connection.onRequest(PLAN_SUMMARY_REQUEST, (p: PlanSummaryParams) =>
    typeof p?.textDocument?.uri === 'string' ? answer('planSummary', p.textDocument.uri, null, (a) => planSummary(a) ?? null) : null,
  );
  // The overview webview asks for the plan's picture (a stale one while the YAML cannot be read).
  registerOverview(connection, { answer, document: (uri) => documents.get(uri), lastGood: (uri) => cache.lastGood(uri) });
  // Code lenses on profiles and mail systems, inlay hints of inherited values on mailboxes.
  const lenses = registerLenses(connection, { answer, settings: settingsFor });
  // "Import from Dataverse Export…": the client sends the files it read, the server imports them.
  registerDataverse(connection, { answer, toDiagnostic: (f, a, uri) => findingToDiagnostic(f, a.lines, uri, ruleDocs) });

  documents.listen(connection);
  connection.listen();
}

declare const __CRMSYNC_VERSION__: string | undefined;
const SERVER_VERSION: string = typeof __CRMSYNC_VERSION__ === 'string' ? __CRMSYNC_VERSION__ : '0.0.0-dev';
