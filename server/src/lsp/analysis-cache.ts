/**
 * The server's only analysis state: the last analysis per document, keyed by (uri, version).
 */
import type { Analysis } from '../analysis';

export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; analysis: Analysis }>();

  get(uri: string, version: number): Analysis | undefined {
    const e = this.entries.get(uri);
    return e && e.version === version ? e.analysis : undefined;
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
