/**
 * The `# expect:` headers of the example plans in examples/:
 *   # expect: <line> <severity> <rule-id> @ <path> (<key|value>)[ -- <note>]
 *   # expect: none
 */
import { isMap, isPair, isSeq, type Node, type Pair } from 'yaml';
import type { ParsedPlan } from '../../server/src/analysis';
import { LineIndex } from '../../server/src/analysis';

export interface ExpectLine {
  line: number;
  severity: string;
  ruleId: string;
  path: string;
  part: 'key' | 'value';
}

const EXPECT = /^# expect: (\d+) (error|warning|info) (\S+) @ (.+) \((key|value)\)( -- .*)?$/;

export function parseExpectations(text: string): { none: boolean; items: ExpectLine[] } {
  const items: ExpectLine[] = [];
  let none = false;
  for (const l of text.split(/\r?\n/)) {
    if (l === '# expect: none') none = true;
    const m = EXPECT.exec(l);
    if (m) items.push({ line: Number(m[1]), severity: m[2], ruleId: m[3], path: m[4], part: m[5] as 'key' | 'value' });
  }
  return { none, items };
}

/** Start offset of the key or value a dotted path names; ids may contain dots, so keys match greedily. */
export function startOf(plan: ParsedPlan, dotted: string, part: 'key' | 'value'): number | undefined {
  const segs = dotted.split('.');
  let node: unknown = plan.doc.contents;
  let pair: Pair | undefined;
  let i = 0;
  while (i < segs.length) {
    pair = undefined;
    if (isMap(node)) {
      let matched = 0;
      const map = node;
      for (let n = segs.length - i; n >= 1 && !matched; n--) {
        const k = segs.slice(i, i + n).join('.');
        const items: unknown[] = map.items;
        const found = items.filter((it) => isPair(it) && String((it.key as { value?: unknown })?.value) === k).pop();
        if (found) {
          pair = found as Pair;
          node = (found as Pair).value;
          matched = n;
        }
      }
      if (!matched) return undefined;
      i += matched;
    } else if (isSeq(node)) {
      node = node.items[Number(segs[i])];
      i++;
    } else return undefined;
  }
  if (part === 'key') return (pair?.key as Node | undefined)?.range?.[0];
  return (node as Node | undefined)?.range?.[0];
}

export function lineOf(text: string, offset: number): number {
  return new LineIndex(text).position(offset).line + 1;
}
