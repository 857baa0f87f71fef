/**
 * Plain data shared by every part of the analysis core. Nothing here knows about LSP.
 *
 * All offsets are UTF-16 code unit offsets into the document text (what JavaScript strings,
 * the `yaml` package and LSP's default position encoding use). Spans are half-open.
 */

/** A half-open range `[start, end)` of UTF-16 offsets. A reported span is never empty. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A path into the plan: map keys as strings, list indexes as numbers. */
export type Path = readonly (string | number)[];

/** A secondary location attached to a finding ("Exchange Online tenant set here"). */
export interface Related {
  readonly span: Span;
  readonly message: string;
}

/** One replacement of the text at `span` (an empty span inserts). */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A quick fix: a set of edits to the plan file only. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** At most one fix of a finding is preferred. */
  readonly isPreferred?: boolean;
  /** Changes meaning beyond the finding; never applied by fix-all. */
  readonly unsafe?: boolean;
}

/** One problem found in a plan. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related: readonly Related[];
  readonly fixes: readonly Fix[];
}

/**
 * What one check placed in one mailbox record: its findings, and the paths in the record they
 * make unknown (the schema check, the reference check; kept per record for the next version).
 */
export interface RecordResult {
  readonly findings: Finding[];
  readonly unknown: Path[];
}

/** A finding silenced by a `# crmsync-disable-…` comment, with the comment's reason. */
export interface SuppressedFinding extends Finding {
  readonly reason: string;
}

export type Baseline = 'crm2016' | 'd365-8.2' | 'd365-9';
export const BASELINES: readonly Baseline[] = ['crm2016', 'd365-8.2', 'd365-9'];

/** A per-rule severity override: `off` drops the rule's findings. */
export type SeverityOverride = Severity | 'off';
