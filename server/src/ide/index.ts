/**
 * Editor features over an analysis (rust-analyzer's `ide` over `hir`): what to show on hover,
 * what to complete, where a name is defined and used, what fix-all does. Plain data in UTF-16
 * offsets; no LSP types and no Node built-ins (the LSP layer converts).
 */
export { hoverAt, type HoverModel } from './hover';
export { completeAt, type CompletionModel } from './complete';
export {
  symbolsOf,
  definitionAt,
  referencesAt,
  highlightsAt,
  prepareRenameAt,
  renameAt,
  foldingRanges,
  type SymbolModel,
} from './navigate';
export { fixAll, minimalEdit } from './fix-all';
export { planSummary } from './plan-summary';
export { planOverview } from './plan-overview';
export { codeLenses, inheritedValueHints } from './lenses';
