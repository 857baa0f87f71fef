/**
 * One document's analyses over time, like rust-analyzer's `AnalysisHost`: it owns the last
 * version, so each new text is analysed incrementally from it, while `Analyzer.analyze(text)`
 * stays a pure function of its input. Every `Analysis` it hands out is an immutable value and
 * stays valid after later updates.
 */
import type { Analysis, Analyzer } from './analysis';

export class AnalysisHost {
  private last: { readonly version: number; readonly analysis: Analysis } | undefined;

  constructor(readonly analyzer: Analyzer) {}

  /**
   * The analysis of this version, when it is the last one analysed. The text is compared too:
   * a client may send a version number twice, and then the old analysis must not be reused.
   */
  cached(version: number, text: string): Analysis | undefined {
    const l = this.last;
    return l && l.version === version && l.analysis.text === text ? l.analysis : undefined;
  }

  /** The analysis of `text` as `version`: the cached one, else analysed from the last version. */
  update(version: number, text: string): Analysis {
    const cached = this.cached(version, text);
    if (cached) return cached;
    const analysis = this.analyzer.analyze(text, this.last?.analysis);
    this.last = { version, analysis };
    return analysis;
  }
}
