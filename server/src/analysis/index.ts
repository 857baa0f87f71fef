/**
 * The analysis core's entry point. Pure: no LSP, file system or process access. Offsets are
 * UTF-16 code units. `analyze` never throws on user input: parse problems are findings, and a
 * rule that crashes is reported through `onRuleError` while the other rules still run.
 */
import { buildModel, valueAt, type PlanModel } from './model';
import { parsePlan, type ParsedPlan } from './parse';
import { keySpan, valueSpan } from './locate';
import { checkReferences } from './references';
import { RULES } from './rules';
import type { RuleContext } from './rules/define';
import { validateSchema } from './schema/validate';
import { knownIds } from './catalog';
import { editorFor, fixList, makeFix } from './fixes';
import { removePairAt } from './edit';
import { applySuppressions } from './suppress';
import type { Finding, Path, Related, SeverityOverride, Span, SuppressedFinding } from './types';

export * from './types';
export type { ParsedPlan } from './parse';
export type { Rule } from './rules/define';
export { RULES } from './rules';
export { LineIndex } from './text';
export { hoverAt, type HoverModel } from './hover';
export { fixAll, minimalEdit, type FixAllResult } from './fix-all';
export { applyEdits } from './edit';
export { completeAt, type CompletionModel, type CompletionKind } from './complete';
export {
  symbolsOf,
  definitionAt,
  referencesAt,
  highlightsAt,
  prepareRenameAt,
  renameAt,
  foldingRanges,
  type SymbolModel,
  type SymbolKind,
  type Occurrence,
  type RenameResult,
  type FoldModel,
} from './navigate';

/** Ids of the parser, schema and reference findings (plan-format.md §12). */
export const BUILTIN_IDS = [
  'yaml-syntax',
  'duplicate-key',
  'schema/required',
  'schema/additional-properties',
  'schema/enum',
  'schema/type',
  'schema/range',
  'schema/pattern',
  'unknown-reference',
] as const;

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

function compareFindings(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

const MAX_RELATED = 10;

export function createAnalyzer(config: AnalyzerConfig = {}): Analyzer {
  const now = config.now ?? (() => new Date());
  const ids = knownIds();
  return {
    analyze(text: string, previous?: Analysis): Analysis {
      const parsed = parsePlan(text, previous?.parsed);
      let findings: Finding[] = parsed.findings.map((f) =>
        f.ruleId === 'duplicate-key' ? { ...f, fixes: fixList([makeFix('Remove this repeated entry', [removePairAt(parsed, f.span.start)])]) } : f,
      );
      let plan: PlanModel | undefined;
      if (!parsed.hasSyntaxError) {
        const schema = validateSchema(parsed);
        findings.push(...schema.findings);
        const unknown = schema.unknown;
        const known = (p: Path) => {
          return !unknown.coversPath(p);
        };
        const refs = checkReferences(parsed, known);
        findings.push(...refs.findings);
        for (const p of refs.unresolved) unknown.add(p);
        if (parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) {
          plan = buildModel(parsed.value, { known });
          findings.push(...runRules(parsed, plan, known, now(), config));
        }
      }
      findings = applyOverrides(findings, config.rules);
      const split = applySuppressions(text, parsed.lines, findings, ids, !parsed.hasSyntaxError);
      const shown = applyOverrides(split.findings.filter((f) => f.ruleId === 'invalid-suppression'), config.rules);
      findings = [...split.findings.filter((f) => f.ruleId !== 'invalid-suppression'), ...shown];
      findings.sort(compareFindings);
      split.suppressed.sort(compareFindings);
      return { text, parsed, findings, suppressed: split.suppressed, plan };
    },
  };
}

function applyOverrides(findings: Finding[], overrides: AnalyzerConfig['rules']): Finding[] {
  if (!overrides) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const o = overrides[f.ruleId];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}

function runRules(parsed: ParsedPlan, plan: PlanModel, known: (p: Path) => boolean, now: Date, config: AnalyzerConfig): Finding[] {
  const root = parsed.value;
  const edit = editorFor(parsed);
  const out: Finding[] = [];
  for (const rule of RULES) {
    const severity = rule.severities[plan.baseline];
    if (severity === null) continue;
    const found: Finding[] = [];
    const ctx: RuleContext = {
      plan,
      parsed,
      root,
      severity,
      now,
      processEmailFromMaxAgeDays: config.processEmailFromMaxAgeDays ?? 14,
      value: (p) => valueAt(root, p),
      has: (p) => valueAt(root, p) !== undefined,
      known,
      edit,
      fix: makeFix,
      report(r) {
        const span = spanOf(parsed, r.at, r.part ?? 'value');
        const related: Related[] = [];
        for (const rel of r.related ?? []) {
          if (related.length >= MAX_RELATED) break;
          const s = spanOf(parsed, rel.at, rel.part ?? 'value', false);
          if (s) related.push({ span: s, message: rel.message });
        }
        found.push({
          ruleId: rule.id,
          severity: r.severity ?? severity,
          message: r.message,
          span: span ?? { start: 0, end: Math.min(1, parsed.text.length) },
          related,
          fixes: fixList(r.fixes ?? []),
        });
      },
    };
    try {
      rule.check(ctx);
      out.push(...found);
    } catch (err) {
      config.onRuleError?.(rule.id, err);
    }
  }
  return out;
}

/**
 * The span for a reported place. When the path is not written (an inherited value, an absent
 * key), falls back to the key of the nearest written ancestor (rules.md §1.4).
 */
function spanOf(parsed: ParsedPlan, at: Path, part: 'key' | 'value', fallback = true): Span | undefined {
  const direct = part === 'key' ? keySpan(parsed, at) : valueSpan(parsed, at);
  if (direct || !fallback) return direct;
  for (let i = at.length - 1; i >= 1; i--) {
    const s = keySpan(parsed, at.slice(0, i));
    if (s) return s;
  }
  return keySpan(parsed, []);
}

export { validateSchema, planValidator, PLAN_SCHEMA } from './schema/validate';
