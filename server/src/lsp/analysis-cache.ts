/**
 * The server's only analysis state: one `AnalysisHost` per open document (its last analysis,
 * keyed by version), made with the analyzer of the document's settings.
 */
import type { Analysis, Analyzer } from '../analysis';
import { AnalysisHost } from '../analysis/host';

export class AnalysisCache {
  private readonly hosts = new Map<string, AnalysisHost>();

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
    return host.update(version, text);
  }

  delete(uri: string): void {
    this.hosts.delete(uri);
  }

  clear(): void {
    this.hosts.clear();
  }
}
