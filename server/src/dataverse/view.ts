/**
 * A plan as export and diff read it: the parsed text, its plain value, which paths are unknown
 * (schema findings, placeholders, unresolved references: docs/plan-format.md#unknown-values) and
 * the model of effective values. Built from an analysis (export, which runs the checks anyway) or
 * from text without running the rules (diff, and the plan that import writes from an export:
 * both sides are then read the same way, in the plan domain of the comparison), or from plain data
 * (the plan import writes, without parsing its text). Pure; never throws.
 */
import type { Analysis } from '../analysis';
import { knownValues } from '../analysis/analyze';
import { buildModel, type PlanModel } from '../analysis/model';
import { parsePlan, type ParsedPlan } from '../analysis/parse';
import { checkReferences, unresolvedReferences } from '../analysis/references';
import { unknownPaths, validateSchema } from '../analysis/schema/validate';
import type { Path } from '../analysis/types';

/** What the comparison reads of a plan: its plain value, which paths are unknown, its model. */
export interface PlanValues {
  readonly value: unknown;
  /** False for a path with a schema finding, inside such a value, or an unresolved reference. */
  readonly known: (path: Path) => boolean;
  readonly model: PlanModel;
}

/** A plan with its text, where findings are placed. */
export interface PlanView extends PlanValues {
  readonly parsed: ParsedPlan;
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

/**
 * The values of a plan given as plain data (the plan import writes, read back without parsing its
 * text): the same unknown paths as `viewOf` of that text.
 */
export function valuesOf(value: unknown): PlanValues | undefined {
  if (!isMapping(value)) return undefined;
  const unknown = unknownPaths(value);
  const known = (p: Path) => !unknown.coversPath(p);
  for (const p of unresolvedReferences(value, known)) unknown.add(p);
  return { value, known, model: buildModel(value, { known }) };
}

/** The view of an analysed plan; undefined when it has no model (a syntax error, not a mapping). */
export function viewOfAnalysis(analysis: Analysis): PlanView | undefined {
  if (!analysis.plan || analysis.parsed.hasSyntaxError) return undefined;
  // The analysis's own: its schema and reference checks ran already.
  return { parsed: analysis.parsed, value: analysis.value, known: knownValues(analysis) ?? knownOf(analysis.parsed), model: analysis.plan };
}
