/**
 * A plan as export and diff read it: the parsed text, its plain value, which paths are unknown
 * (schema findings, placeholders, unresolved references: docs/plan-format.md#unknown-values) and
 * the model of effective values. Built from an analysis (export, which runs the checks anyway) or
 * from text without running the rules (diff, and the plan that import writes from an export:
 * both sides are then read the same way, in the plan domain of the comparison). Pure; never throws.
 */
import type { Analysis } from '../analysis';
import { buildModel, type PlanModel } from '../analysis/model';
import { parsePlan, type ParsedPlan } from '../analysis/parse';
import { checkReferences } from '../analysis/references';
import { validateSchema } from '../analysis/schema/validate';
import type { Path } from '../analysis/types';

export interface PlanView {
  readonly parsed: ParsedPlan;
  readonly value: unknown;
  /** False for a path with a schema finding, inside such a value, or an unresolved reference. */
  readonly known: (path: Path) => boolean;
  readonly model: PlanModel;
}

/** What the schema and the references leave unknown, as the analysis computes it. */
function knownOf(parsed: ParsedPlan): (path: Path) => boolean {
  const { unknown } = validateSchema(parsed);
  const known = (p: Path) => !unknown.coversPath(p);
  for (const p of checkReferences(parsed, known).unresolved) unknown.add(p);
  return known;
}

const isMapping = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The view of a plan's text; undefined when it has a YAML syntax error or is not a mapping. */
export function viewOf(text: string): PlanView | undefined {
  const parsed = parsePlan(text);
  if (parsed.hasSyntaxError || !isMapping(parsed.value)) return undefined;
  const known = knownOf(parsed);
  return { parsed, value: parsed.value, known, model: buildModel(parsed.value, { known }) };
}

/** The view of an analysed plan; undefined when it has no model (a syntax error, not a mapping). */
export function viewOfAnalysis(analysis: Analysis): PlanView | undefined {
  if (!analysis.plan || analysis.parsed.hasSyntaxError) return undefined;
  return { parsed: analysis.parsed, value: analysis.value, known: knownOf(analysis.parsed), model: analysis.plan };
}
