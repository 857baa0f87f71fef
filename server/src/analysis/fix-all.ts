/**
 * Fix-all: applies the preferred fixes, never an unsafe one, again and again until nothing
 * changes (a fix may expose follow-ups), at most `maxPasses` times.
 */
import type { Analyzer } from './index';
import { applyEdits } from './edit';
import type { Fix, TextEdit } from './types';

export interface FixAllResult {
  readonly text: string;
  /** How many fixes were applied in all passes. */
  readonly applied: number;
  readonly passes: number;
}

export function fixAll(analyzer: Analyzer, text: string, maxPasses = 10): FixAllResult {
  let current = text;
  let applied = 0;
  let passes = 0;
  let analysis = analyzer.analyze(current);
  const hadSyntaxError = analysis.parsed.hasSyntaxError;
  for (; passes < maxPasses; passes++) {
    const fixes: Fix[] = [];
    const accepted: TextEdit[] = [];
    for (const finding of analysis.findings) {
      const fix = finding.fixes.find((f) => f.isPreferred && !f.unsafe);
      if (!fix) continue;
      // Skip a fix that overlaps one already taken in this pass; the next pass sees it again.
      if (fix.edits.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
      accepted.push(...fix.edits);
      fixes.push(fix);
    }
    if (!fixes.length) break;
    let next = applyEdits(current, accepted);
    let nextAnalysis = analyzer.analyze(next);
    let count = fixes.length;
    if (!hadSyntaxError && nextAnalysis.parsed.hasSyntaxError) {
      // Together the fixes broke the YAML (odd layouts such as explicit `?` keys): apply them one
      // by one and keep only those that leave it valid.
      next = current;
      count = 0;
      for (const fix of fixes) {
        const candidate = applyEdits(next, fix.edits);
        const a = analyzer.analyze(candidate);
        if (a.parsed.hasSyntaxError) continue;
        next = candidate;
        nextAnalysis = a;
        count++;
        break;
      }
    }
    if (next === current) break;
    current = next;
    analysis = nextAnalysis;
    applied += count;
  }
  return { text: current, applied, passes };
}

function overlaps(a: TextEdit, e: TextEdit): boolean {
  return (e.span.start < a.span.end && a.span.start < e.span.end) || (e.span.start === a.span.start && e.span.end === a.span.end);
}

/** One edit that turns `before` into `after`: the changed middle, common prefix and suffix kept. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  return { span: { start, end: endB }, newText: after.slice(start, endA) };
}
