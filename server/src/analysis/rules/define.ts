/**
 * How a rule is declared: metadata, docs (whose Invalid / Valid examples run as tests) and a
 * check that reports paths. Finding, presenting and fixing are separate steps: a rule only says
 * where and what; `locate.ts` turns paths into spans.
 */
import type { ParsedPlan } from '../parse';
import type { PlanModel } from '../model';
import type { Editor, FixOptions } from '../fixes';
import type { Baseline, Fix, Path, Severity, Span, TextEdit } from '../types';

/** Severity per baseline; `null` means the rule is not evaluated on that baseline. */
export type SeverityByBaseline = Readonly<Record<Baseline, Severity | null>>;

/** Which part of the node at a path a finding or related location covers. */
export type Part = 'key' | 'value';

export interface Place {
  readonly at: Path;
  /** Default `value`. A list item is `value` of a path ending in its index. */
  readonly part?: Part;
}

export interface RelatedSpec extends Place {
  readonly message: string;
}

export interface Report extends Place {
  readonly message: string;
  /**
   * The exact range to report on, for a place that no path's key or value names: a comment
   * (see `yamlComments` in parse.ts). `at` then names the value the range belongs to, or is
   * `[]`. UTF-16 offsets; never empty.
   */
  readonly span?: Span;
  /** Overrides the rule's severity for this finding (baseline- or setting-dependent rules). */
  readonly severity?: Severity;
  readonly related?: readonly RelatedSpec[];
  /** In order of preference; undefined entries (fixes that could not be built) are dropped. */
  readonly fixes?: readonly (Fix | undefined)[];
}

export interface RuleContext {
  readonly plan: PlanModel;
  readonly parsed: ParsedPlan;
  /** The plan's plain value (last occurrence of a repeated key wins). */
  readonly root: unknown;
  /** The rule's severity on this plan's baseline. */
  readonly severity: Severity;
  /** The time of the check (injected; tests fix it). */
  readonly now: Date;
  /** `process-email-from-old`: how many days back is too old. */
  readonly processEmailFromMaxAgeDays: number;
  /** The raw value at a path, or undefined when absent. */
  value(path: Path): unknown;
  /** True when a value is written at the path. */
  has(path: Path): boolean;
  /** True when the value at the path has no parser or schema finding (docs/plan-format.md#unknown-values). */
  known(path: Path): boolean;
  report(report: Report): void;
  /** Edit helpers for fixes (minimal text edits from node spans). */
  readonly edit: Editor;
  /** A fix from edits; undefined when an edit could not be computed (then it is not offered). */
  fix(title: string, edits: readonly (TextEdit | undefined)[], options?: FixOptions): Fix | undefined;
  /**
   * Runs `f`, the part of a `scope: 'mailbox'` rule that checks what lies outside `mailboxes`
   * (a profile's password, say). What it reads there is not taken as something the rule's
   * mailbox findings depend on; a mailbox finding it reports is (then everything is).
   */
  outsideMailboxes<T>(f: () => T): T;
}

export interface RuleDefinition {
  /** Public, stable id: the file name, the `code` of diagnostics, the suppression token. */
  readonly id: string;
  readonly set: 'core' | 'extended';
  /** A severity on every baseline, or one per baseline. */
  readonly severity: Severity | SeverityByBaseline;
  /** When severity also depends on other settings, a short note for the docs. */
  readonly severityNote?: string;
  /** One sentence: what the rule finds. */
  readonly summary: string;
  /**
   * Markdown: why it matters, then `### Invalid` and `### Valid` sections with ```yaml blocks
   * (complete plans; run as tests), then `Source:`. Complete plans rather than fragments over a
   * few named base plans: docs/rules.md shows each as written, and a reader can copy it into a
   * file and run `crmsync check` on it alone; the price is their length.
   */
  readonly docs: string;
  /**
   * True when at least one finding of this rule can carry a quick fix (docs and SARIF say so);
   * test/analysis/has-fix.test.ts checks it against the fixtures, examples and docs plans.
   */
  readonly hasFix?: boolean;
  /**
   * `mailbox`: every finding placed in a mailbox record depends only on that record and on the
   * plan outside `mailboxes`, and the rule reads mailboxes only through `ctx.plan.mailboxes`.
   * Its findings for unchanged records are then reused after an edit (analyze.ts, incremental/memo.ts), and any other
   * finding must not depend on the mailboxes. So such a rule reads neither `now` nor the model's
   * `usedProfileIds` (which depends on every mailbox). rule-scope.test.ts checks
   * the rest on every fixture, example and docs plan.
   */
  readonly scope?: 'mailbox';
  check(ctx: RuleContext): void;
}

export interface Rule extends RuleDefinition {
  readonly severities: SeverityByBaseline;
}

export function defineRule(def: RuleDefinition): Rule {
  const severities: SeverityByBaseline =
    typeof def.severity === 'string' ? { crm2016: def.severity, 'd365-8.2': def.severity, 'd365-9': def.severity } : def.severity;
  return { ...def, severities };
}
