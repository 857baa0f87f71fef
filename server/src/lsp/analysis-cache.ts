/**
 * The server's only analysis state: one `AnalysisHost` per open document (its last analysis,
 * keyed by version), made with the analyzer of the document's settings; and per document the
 * last analysis without a YAML syntax error, for the picture a plan with syntax errors shows
 * (`crmsync/planOverview`, overview.ts).
 */
import type { Analysis, Analyzer } from '../analysis';
import { AnalysisHost } from '../analysis/host';

export class AnalysisCache {
  private readonly hosts = new Map<string, AnalysisHost>();
  private readonly good = new Map<string, { readonly version: number; readonly analysis: Analysis }>();

  /**
   * The cached analysis of this version of the document, if it is the last one analysed; with
   * `analyzer`, only if it was made by that analyzer (the document's current settings).
   */
  get(uri: string, version: number, text: string, analyzer?: Analyzer): Analysis | undefined {
    const host = this.hosts.get(uri);
    return host && (analyzer === undefined || host.analyzer === analyzer) ? host.cached(version, text) : undefined;
  }

  /** Analyses this version (incrementally from the last one made with the same analyzer). */
  analyze(uri: string, version: number, text: string, analyzer: Analyzer): Analysis {
    let host = this.hosts.get(uri);
    if (!host || host.analyzer !== analyzer) {
      host = new AnalysisHost(analyzer);
      this.hosts.set(uri, host);
    }
    const analysis = host.update(version, text);
    if (!analysis.parsed.hasSyntaxError) this.good.set(uri, { version, analysis });
    return analysis;
  }

  /**
   * The last analysis of the document without a YAML syntax error, and its version. It is kept
   * while later versions have one (an analysis stays valid after later updates: host.ts), and
   * across `clear()` — it only ever stands in, marked stale, for a version that cannot be read —
   * until the document is closed.
   */
  lastGood(uri: string): { readonly version: number; readonly analysis: Analysis } | undefined {
    return this.good.get(uri);
  }

  delete(uri: string): void {
    this.hosts.delete(uri);
    this.good.delete(uri);
  }

  clear(): void {
    this.hosts.clear();
  }
}
