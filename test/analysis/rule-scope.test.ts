/**
 * Rules declared `scope: 'mailbox'` have their findings for unchanged mailbox records reused
 * after an edit. That is only right when each such finding depends on its own record (and the
 * plan outside `mailboxes`) alone. Checked on every fixture, example and rule docs plan: the
 * rule's findings over all mailboxes are exactly those it gives when shown no mailbox, plus,
 * for each mailbox, those it adds when shown only that one — and those lie in that record.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { isMap, isPair, isScalar, type Node, type YAMLMap } from 'yaml';
import { RULES, type Analysis, type Finding, type Span } from '../../server/src/analysis';
import { findingsOfRule } from '../../server/src/analysis/analyze';
import { analyze, FIXED_NOW } from '../harness/check';
import { filesUnder, repoPath } from '../harness/paths';

const SCOPED = RULES.filter((r) => r.scope === 'mailbox');

const plans: [string, string][] = [
  ...filesUnder(repoPath('test', 'fixtures'), /\.crmsync\.ya?ml$/).map((f): [string, string] => [f, fs.readFileSync(f, 'utf8')]),
  ...filesUnder(repoPath('examples'), /\.crmsync\.yaml$/).map((f): [string, string] => [f, fs.readFileSync(f, 'utf8')]),
  ...RULES.flatMap((r) => [...r.docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m, i): [string, string] => [`${r.id} docs #${i + 1}`, m[1]])),
];

const key = (f: Finding) => JSON.stringify(f);

/** The span of each mailbox record (from its key to the end of its value), by id. */
function recordSpans(a: Analysis): Map<string, Span> {
  const spans = new Map<string, Span>();
  const root = a.parsed.doc.contents;
  if (!isMap(root)) return spans;
  const mailboxes = (root as YAMLMap).items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'mailboxes');
  if (!mailboxes || !isMap(mailboxes.value)) return spans;
  for (const pair of mailboxes.value.items) {
    const k = pair.key as Node;
    const v = (pair.value as Node | null) ?? k;
    if (isScalar(k) && k.range && v.range) spans.set(String(k.value), { start: k.range[0], end: v.range[1] });
  }
  return spans;
}

test('some rules are scoped to mailboxes, and each is exercised by a plan', () => {
  assert.ok(SCOPED.length >= 20, `only ${SCOPED.length} scoped rules`);
  for (const rule of SCOPED) {
    const exercised = plans.some(([, text]) => {
      const a = analyze(text);
      return a.plan && a.plan.mailboxes.length > 0 && findingsOfRule(a, rule.id, undefined, { now: () => FIXED_NOW }).length > 0;
    });
    assert.ok(exercised, `no plan gives a finding of ${rule.id}`);
  }
});

test('a scoped rule’s findings are the sum of its findings per mailbox record', () => {
  let checked = 0;
  const broken = new Map<string, string>();
  for (const [name, text] of plans) {
    const a = analyze(text);
    if (!a.plan || a.plan.mailboxes.length === 0 || a.parsed.hasSyntaxError) continue;
    const spans = recordSpans(a);
    for (const rule of SCOPED) {
      if (broken.has(rule.id)) continue;
      const run = (ids?: string[]) => findingsOfRule(a, rule.id, ids, { now: () => FIXED_NOW });
      const all = run();
      const none = new Set(run([]).map(key));
      const sum = [...none];
      for (const m of a.plan.mailboxes) {
        const added = run([m.id]).filter((f) => !none.has(key(f)));
        const span = spans.get(m.id);
        const outside = added.find((f) => !span || f.span.start < span.start || f.span.end > span.end);
        if (outside) broken.set(rule.id, `${name}: a finding for mailbox '${m.id}' lies outside its record: ${outside.message}`);
        sum.push(...added.map(key));
      }
      if (JSON.stringify(sum.sort()) !== JSON.stringify(all.map(key).sort())) broken.set(rule.id, `${name}: its findings depend on more than one mailbox`);
      checked++;
    }
  }
  assert.deepEqual(Object.fromEntries(broken), {}, 'rules declared scope: mailbox that are not');
  assert.ok(checked > 1000, `only ${checked} (plan, rule) pairs checked`);
});
