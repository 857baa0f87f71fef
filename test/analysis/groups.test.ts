/**
 * Cross-record indexes (analysis/incremental/groups.ts): after a mailbox edit the groups are the
 * previous version's, patched with the changed mailboxes only, and equal to groups built anew.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { exchangeOnlinePlan } from '../harness/plans';
import { createAnalyzer, type Analysis } from '../../server/src/analysis';
import { groupsOf, type Groups } from '../../server/src/analysis/incremental/groups';
import type { MailboxModel } from '../../server/src/analysis/model';
import { FIXED_NOW } from '../harness/check';

const analyzer = createAnalyzer({ now: () => FIXED_NOW });

function plan(n: number): string {
  return exchangeOnlinePlan(n, (i) => [`  m${i}: { kind: ${i % 4 === 0 ? 'queue' : 'user'}, emailAddress: a${i % 50}@contoso.com, approval: approved }`]);
}

let calls = 0;
/** A counting key: the kind and address's first letter. */
const keyOf = (m: MailboxModel) => {
  calls++;
  return m.kind === undefined ? undefined : `${m.kind}:${m.emailAddress?.[0] ?? ''}`;
};

/** The groups as plain data, comparable with deepEqual. */
function shape(g: Groups, a: Analysis): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const keys = new Set(a.plan!.mailboxes.map((m) => keyOf(m)).filter((k): k is string => k !== undefined));
  for (const k of [...keys].sort()) out[k] = [...(g.get(k) ?? [])].map((m) => m.id).sort();
  return out;
}

test('after a mailbox edit the groups are patched, not rebuilt, and equal groups built anew', () => {
  const text = plan(400);
  const a1 = analyzer.analyze(text);
  calls = 0;
  const g1 = groupsOf(a1.plan!, keyOf, undefined);
  assert.equal(calls, 400, 'built once over every mailbox');
  const edited = text.replace('  m7: { kind: user, emailAddress: a7@', '  m7: { kind: queue, emailAddress: b7@');
  const a2 = analyzer.analyze(edited, a1);
  calls = 0;
  const g2 = groupsOf(a2.plan!, keyOf, undefined);
  assert.equal(calls, 1, 'only the edited mailbox is keyed again');
  assert.equal(g2.get('queue:b')?.size, 1);
  calls = 0;
  const fresh = groupsOf(analyzer.analyze(edited).plan!, keyOf, undefined);
  assert.deepEqual(shape(g2, a2), shape(fresh, a2));
  // The earlier version gave its groups away: asked again, it builds its own, still right.
  calls = 0;
  const again = groupsOf(a1.plan!, keyOf, undefined);
  assert.equal(calls, 400);
  assert.notEqual(again, g1);
  assert.equal(again.get('queue:b'), undefined);
  assert.equal(again.get('user:a')?.size, 300);
});

test('repeated keys follow the edits: a duplicate address appears and goes', () => {
  const text = plan(60);
  const address = (m: MailboxModel) => m.emailAddress;
  const a1 = analyzer.analyze(text);
  // Addresses a0..a49: the first ten repeat (m50..m59).
  assert.equal(groupsOf(a1.plan!, address, undefined).repeated.size, 10);
  const a2 = analyzer.analyze(text.replace('  m55: { kind: user, emailAddress: a5@', '  m55: { kind: user, emailAddress: z55@'), a1);
  const g2 = groupsOf(a2.plan!, address, undefined);
  assert.equal(g2.repeated.size, 9);
  assert.ok(!g2.repeated.has('a5@contoso.com'));
  const a3 = analyzer.analyze(a2.text.replace('  m20: { kind: queue, emailAddress: a20@', '  m20: { kind: queue, emailAddress: z55@'), a2);
  const g3 = groupsOf(a3.plan!, address, undefined);
  assert.ok(g3.repeated.has('z55@contoso.com'));
  assert.deepEqual([...g3.get('z55@contoso.com')!].map((m) => m.id).sort(), ['m20', 'm55']);
  // The rule reads the patched groups: the same findings as a full analysis, the later mailbox reported.
  const dup = (a: Analysis) => a.findings.filter((f) => f.ruleId === 'duplicate-email-address');
  assert.deepEqual(dup(a3), dup(analyzer.analyze(a3.text)));
  assert.equal(dup(a3).length, 10);
  assert.match(dup(a3).find((f) => f.message.includes('z55@'))!.message, /already used by mailbox 'm20'/);
});
