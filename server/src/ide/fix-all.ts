/**
 * Fix-all (`source.fixAll.crmsync`, `crmsync check --fix`): applies preferred fixes that are
 * safe by the mechanism of fix-safety.ts, never an unsafe one. Literal passwords are moved into
 * secret references first, then the fixes go in document order of their findings.
 *
 * Each round takes the preferred fixes of the current findings whose edits do not overlap and
 * judges them together; when the round as a whole is not safe (two fixes of one mapping that
 * together repeat a key, a fix that adds a finding, …), its fixes are judged one at a time and
 * only the safe ones are kept. A rejected fix is not tried again. It stops when no preferred fix
 * is left, or after as many rounds as there were findings at the start (plus ten for follow-ups).
 */
import type { Analysis, Analyzer } from '../analysis';
import { judgeFix, judgeFixes } from '../analysis/fix-safety';
import type { Finding, Fix, TextEdit } from '../analysis/types';

export interface RejectedFix {
  readonly ruleId: string;
  readonly title: string;
  /** Why fix-all did not apply it ("adds error schema/required", "deletes the value at …"). */
  readonly reason: string;
}

export interface FixAllResult {
  readonly text: string;
  /** How many fixes were applied. */
  readonly applied: number;
  /** How many rounds ran. */
  readonly passes: number;
  /** Preferred fixes that were not applied because they would have made the plan worse. */
  readonly rejected: readonly RejectedFix[];
  /** The findings whose fixes were applied, in the order of the rounds (some appear only after an earlier round). */
  readonly fixed: readonly Finding[];
}

interface Candidate {
  readonly finding: Finding;
  readonly fix: Fix;
  readonly key: string;
}

const MOVE_FIRST = 'plaintext-secret';

function candidatesOf(analysis: Analysis, rejected: ReadonlySet<string>): Candidate[] {
  const out: Candidate[] = [];
  for (const finding of analysis.findings) {
    const fix = finding.fixes.find((f) => f.isPreferred && !f.unsafe);
    if (!fix) continue;
    // The text a fix edits and the text it writes identify it across rounds.
    const key = `${finding.ruleId}\u0000${fix.title}\u0000${fix.edits.map((e) => `${analysis.text.slice(e.span.start, e.span.end)}\u0001${e.newText}`).join('\u0002')}`;
    if (!rejected.has(key)) out.push({ finding, fix, key });
  }
  // A literal password is moved before anything else touches it (stable sort keeps document order).
  return out.sort((a, b) => Number(b.finding.ruleId === MOVE_FIRST) - Number(a.finding.ruleId === MOVE_FIRST));
}

function overlaps(a: TextEdit, e: TextEdit): boolean {
  return (e.span.start < a.span.end && a.span.start < e.span.end) || e.span.start === a.span.start;
}

export function fixAll(analyzer: Analyzer, text: string, maxPasses?: number): FixAllResult {
  let analysis = analyzer.analyze(text);
  // As many rounds as there were findings at the start, and a few more for the follow-ups that
  // fixing a parser, schema or reference finding reveals.
  const limit = maxPasses ?? analysis.findings.length + 10;
  const rejectedKeys = new Set<string>();
  const rejected: RejectedFix[] = [];
  let applied = 0;
  let passes = 0;
  const fixed: Finding[] = [];
  const reject = (c: Candidate, reason: string) => {
    rejectedKeys.add(c.key);
    rejected.push({ ruleId: c.finding.ruleId, title: c.fix.title, reason });
  };
  while (passes < limit) {
    const all = candidatesOf(analysis, rejectedKeys);
    if (!all.length) break;
    passes++;
    // A password move goes alone: the fixes after it see the moved value.
    const round: Candidate[] = [];
    const taken: TextEdit[] = [];
    for (const c of all) {
      if (c.fix.edits.some((e) => taken.some((a) => overlaps(a, e)))) continue;
      round.push(c);
      taken.push(...c.fix.edits);
      if (c.finding.ruleId === MOVE_FIRST) break;
    }
    if (round.length > 1) {
      const together = judgeRound(analyzer, analysis, round);
      if (together) {
        analysis = together;
        applied += round.length;
        fixed.push(...round.map((c) => c.finding));
        continue;
      }
    }
    // One at a time: the first safe fix is kept, the unsafe ones are not tried again.
    let progressed = false;
    for (const c of round) {
      const verdict = judgeFix(analyzer, analysis, c.finding, c.fix);
      if (!verdict.safe) {
        reject(c, verdict.reason ?? 'unsafe');
        continue;
      }
      analysis = verdict.after;
      applied++;
      fixed.push(c.finding);
      progressed = true;
      break;
    }
    if (!progressed && !candidatesOf(analysis, rejectedKeys).length) break;
  }
  return { text: analysis.text, applied, passes, rejected, fixed };
}

/** The analysis after all fixes of a round, when the round is safe as a whole. */
function judgeRound(analyzer: Analyzer, analysis: Analysis, round: readonly Candidate[]): Analysis | undefined {
  const verdict = judgeFixes(
    analyzer,
    analysis,
    round.map((c) => c.finding),
    round.flatMap((c) => c.fix.edits),
  );
  return verdict.safe ? verdict.after : undefined;
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
