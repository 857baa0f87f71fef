/**
 * What the analysis core hands out: an `Analyzer` made from a configuration, and the `Analysis`
 * of one version of a plan — an immutable value (see the README's Architecture section).
 */
import type { PlanModel } from './model';
import type { ParsedPlan } from './parse';
import type { LineIndex } from './text';
import type { Finding, SeverityOverride, SuppressedFinding } from './types';

export interface AnalyzerConfig {
  /** The time of the check; defaults to the real clock. Tests inject a fixed one. */
  readonly now?: () => Date;
  /** Per-rule severity overrides (`crmsync.rules`, CLI `--rule`). */
  readonly rules?: Readonly<Record<string, SeverityOverride>>;
  /** `process-email-from-old`: days back before a processEmailFrom counts as old (default 14). */
  readonly processEmailFromMaxAgeDays?: number;
  /** Called when a rule throws; the rule's findings are dropped and the others kept. */
  readonly onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface Analysis {
  readonly text: string;
  /** Line starts of `text`: offsets to and from line/character positions (UTF-16). */
  readonly lines: LineIndex;
  /** The plan as plain data (the last of repeated keys wins); undefined when it could not be built. */
  readonly value: unknown;
  /** The parser's view (YAML nodes, syntax findings, the incremental layout): for the core's own use. */
  readonly parsed: ParsedPlan;
  /** Findings to show, in document order, then by rule id. */
  readonly findings: readonly Finding[];
  /** Findings silenced by suppression comments, with their reasons. */
  readonly suppressed: readonly SuppressedFinding[];
  /** Effective values, when the plan parsed into a mapping (for hovers and completion). */
  readonly plan?: PlanModel;
}

export interface Analyzer {
  /**
   * Analyses a plan. Given the analysis of the previous version of the same document, unchanged
   * records are not parsed again; the findings are the same either way.
   */
  analyze(text: string, previous?: Analysis): Analysis;
}
