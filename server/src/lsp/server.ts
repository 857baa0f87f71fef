/**
 * The thin protocol layer: documents in, diagnostics out. All analysis is done by the core;
 * this file only schedules it, caches it by (uri, version) and converts the results.
 */
import {
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalyzer, type Analysis, type Analyzer } from '../analysis';
import { AnalysisCache } from './analysis-cache';
import { findingToDiagnostic } from './convert';

export interface ServerOptions {
  /** Delay between an edit and its diagnostics (ms). Opening a document is never delayed. */
  readonly debounceMs?: number;
}

interface InitOptions {
  debounceMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 150;

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const timers = new Map<string, NodeJS.Timeout>();
  let debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const analyzer: Analyzer = makeAnalyzer();

  function makeAnalyzer(): Analyzer {
    return createAnalyzer({
      onRuleError: (ruleId, err) => connection.console.error(`crmsync: rule ${ruleId} failed: ${(err as Error)?.stack ?? String(err)}`),
    });
  }

  /** The analysis of the document's current version, computed at most once per version. */
  function analysisOf(doc: TextDocument): Analysis | undefined {
    const cached = cache.get(doc.uri, doc.version);
    if (cached) return cached;
    try {
      const started = Date.now();
      const analysis = analyzer.analyze(doc.getText());
      const ms = Date.now() - started;
      if (ms > 500) connection.console.log(`crmsync: analysis of ${doc.uri} took ${ms} ms`);
      cache.set(doc.uri, doc.version, analysis);
      return analysis;
    } catch (err) {
      connection.console.error(`crmsync: analysis of ${doc.uri} failed: ${(err as Error)?.stack ?? String(err)}`);
      return undefined;
    }
  }

  function publish(uri: string): void {
    const doc = documents.get(uri);
    if (!doc) return;
    const analysis = analysisOf(doc);
    // On failure publish nothing stale: an empty list clears old problems.
    const diagnostics = analysis ? analysis.findings.map((f) => findingToDiagnostic(f, analysis.parsed.lines, uri)) : [];
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  function schedule(uri: string, delay: number): void {
    const prev = timers.get(uri);
    if (prev) clearTimeout(prev);
    if (delay <= 0) {
      timers.delete(uri);
      publish(uri);
      return;
    }
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        publish(uri);
      }, delay),
    );
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitOptions;
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      },
      serverInfo: { name: 'crmsync-language-server', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    connection.console.log(`crmsync language server ${SERVER_VERSION} started (debounce ${debounceMs} ms)`);
  });

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    // onDidChangeContent also fires for open; the open handler already published.
    if (e.document.version === undefined) return;
    if (cache.get(e.document.uri, e.document.version)) return;
    schedule(e.document.uri, debounceMs);
  });
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    cache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
}

declare const __CRMSYNC_VERSION__: string | undefined;
export const SERVER_VERSION: string = typeof __CRMSYNC_VERSION__ === 'string' ? __CRMSYNC_VERSION__ : '0.0.0-dev';
