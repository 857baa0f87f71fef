/** Helpers of the single-fix tests (test/analysis/fixes/). */
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/analysis';
import { analyze } from './check';
import { withCursor } from './cursor';

/**
 * The fixes of the `ruleId` finding under the `$0` cursor: titles marked `*` when preferred and
 * `!` when unsafe, and `apply(title)` giving the whole document after that fix.
 */
export function fixesAt(source: string, ruleId: string) {
  const { text, offset } = withCursor(source);
  const f = analyze(text).findings.find((x) => x.ruleId === ruleId && x.span.start <= offset && offset <= x.span.end);
  assert.ok(f, `a ${ruleId} finding under $0`);
  return {
    text,
    titles: f.fixes.map((x) => `${x.isPreferred ? '*' : ''}${x.unsafe ? '!' : ''}${x.title}`),
    apply: (title: string) => {
      const fix = f.fixes.find((x) => x.title === title);
      assert.ok(fix, title);
      return applyEdits(text, fix.edits);
    },
  };
}

/** True when the rule reports anything in `text`. */
export function fires(text: string, ruleId: string): boolean {
  return analyze(text).findings.some((f) => f.ruleId === ruleId);
}

/** `text` with the single occurrence of `from` replaced by `to`. */
export function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `exactly one ${JSON.stringify(from)}`);
  return text.replace(from, () => to);
}
