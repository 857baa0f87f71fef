/**
 * The analysis core (a barrel): `createAnalyzer(config).analyze(text)` → an immutable
 * `Analysis`. Editor features over an analysis are in `../ide`.
 */
export * from './types';
export type { Analysis, Analyzer, AnalyzerConfig } from './analysis';
export { createAnalyzer } from './analyze';
export type { ParsedPlan } from './parse';
export { RULES } from './rules';
export { LineIndex } from './text';
export { applyEdits } from './edit';
export { confirmPreferred, goneFindings, isBuiltinFinding, judgeFix, worsening } from './fix-safety';
