/** The only test code that calls the analysis core directly. */
import { createAnalyzer, type Analysis, type AnalyzerConfig } from '../../server/src/analysis';

/** The clock every test uses unless it says otherwise. */
export const FIXED_NOW = new Date('2024-06-01T00:00:00Z');

export function analyze(text: string, config: AnalyzerConfig = {}): Analysis {
  return createAnalyzer({
    now: () => FIXED_NOW,
    onRuleError: (id, err) => {
      throw new Error(`rule ${id} crashed: ${(err as Error)?.stack ?? String(err)}`);
    },
    ...config,
  }).analyze(text);
}
