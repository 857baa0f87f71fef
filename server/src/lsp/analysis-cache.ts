/**
 * The server's only analysis state: the last analysis per document, keyed by (uri, version).
 */
import type { Analysis } from '../analysis';

export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; analysis: Analysis }>();

  /**
   * The analysis of this version of the document. The text is compared too, because a client
   * may send a version number twice (then the old analysis must not be reused).
   */
  get(uri: string, version: number, text: string): Analysis | undefined {
    const e = this.entries.get(uri);
    return e && e.version === version && e.analysis.text === text ? e.analysis : undefined;
  }

  /** The last analysis of the document, whatever its version (the base of an incremental one). */
  latest(uri: string): Analysis | undefined {
    return this.entries.get(uri)?.analysis;
  }

  set(uri: string, version: number, analysis: Analysis): void {
    this.entries.set(uri, { version, analysis });
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
