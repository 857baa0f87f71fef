/**
 * An Analysis is a value: analysing later versions from it (incremental reuse of its chunks)
 * never changes what it answers. Keeps `a1`, analyses `v2` and `v3` from it (and `v3` from `v2`),
 * and checks that every finding span, fix edit, hover, definition, reference, symbol and code
 * action of `a1` is what it was before.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createAnalyzer, type Analysis } from '../../server/src/analysis';
import { definitionAt, foldingRanges, highlightsAt, hoverAt, planSummary, referencesAt, symbolsOf } from '../../server/src/ide';
import { targetAt } from '../../server/src/analysis/cursor';
import { codeActions } from '../../server/src/lsp/code-actions';
import { spanToRange } from '../../server/src/lsp/convert';
import { FIXED_NOW } from '../harness/check';
import { filesUnder, repoPath } from '../harness/paths';

const analyzer = createAnalyzer({ now: () => FIXED_NOW });

/** Offsets worth asking at: the start, middle and end of every token-like run. */
function probes(text: string): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(/[^\s:{},[\]#]+/g)) {
    out.add(m.index!);
    out.add(m.index! + (m[0].length >> 1));
    out.add(m.index! + m[0].length);
  }
  return [...out].sort((a, b) => a - b);
}

/** Everything a user could be shown from `a`, as a string. */
function snapshot(a: Analysis): string {
  const at = probes(a.text).map((o) => ({
    o,
    target: targetAt(a.parsed, o),
    hover: hoverAt(a, o),
    definition: definitionAt(a, o),
    references: referencesAt(a, o, true),
    highlights: highlightsAt(a, o),
  }));
  const actions = a.findings.map((f) =>
    codeActions(
      { uri: 'file:///p.crmsync.yaml', version: 1, analysis: a, analyzer, snippetEdits: false },
      {
        textDocument: { uri: 'file:///p.crmsync.yaml' },
        range: spanToRange(a.lines, f.span),
        context: { diagnostics: [{ range: spanToRange(a.lines, f.span), message: f.message, code: f.ruleId, source: 'crmsync' }] },
      },
    ),
  );
  const used = [...(a.plan?.usedProfileIds ?? [])];
  return JSON.stringify({ value: a.value, findings: a.findings, suppressed: a.suppressed, at, symbols: symbolsOf(a), folds: foldingRanges(a), actions, summary: planSummary(a), used });
}

/** A version of `text` with a line inserted near the top and one removed further down. */
function edits(text: string): [string, string] {
  const lines = text.split('\n');
  const mailboxes = lines.findIndex((l) => l === 'mailboxes:');
  const at = mailboxes > 0 ? mailboxes + 2 : Math.min(3, lines.length);
  const v2 = [...lines.slice(0, at), '    # a note typed by the user', ...lines.slice(at)].join('\n');
  const v3 = [...lines.slice(0, 1), '# a comment at the top', ...lines.slice(1, -2), ...lines.slice(-1)].join('\n');
  return [v2, v3];
}

const plans = [
  ...filesUnder(repoPath('examples'), /\.crmsync\.yaml$/),
  ...filesUnder(repoPath('test', 'fixtures', 'rules'), /\.crmsync\.yaml$/).filter((_, i) => i % 9 === 0),
];

for (const file of plans) {
  test(`an analysis of ${file.slice(repoPath().length + 1)} is unchanged by analyses made from it`, () => {
    const text = fs.readFileSync(file, 'utf8');
    const a1 = analyzer.analyze(text);
    const before = snapshot(a1);
    const [v2, v3] = edits(text);
    const a2 = analyzer.analyze(v2, a1);
    analyzer.analyze(v3, a1);
    analyzer.analyze(v3, a2);
    assert.equal(snapshot(a1), before);
    // The later analyses are right too: each equals a fresh one.
    assert.equal(JSON.stringify(a2.findings), JSON.stringify(analyzer.analyze(v2).findings));
  });
}

test('a chunk shared by two versions keeps its ranges for the older one', () => {
  const lines = ['version: 1', 'organization: { name: c, deployment: online }', 'mailboxes:'];
  for (let i = 0; i < 40; i++) lines.push(`  m${i}: { kind: user, emailAddress: m${i}@contoso.com }`);
  const text = lines.join('\n') + '\n';
  const a1 = analyzer.analyze(text);
  const last = text.lastIndexOf('m39:');
  const place = (a: Analysis, at = last) => {
    const t = targetAt(a.parsed, at);
    return t && { path: t.path, part: t.part, span: t.span, range: [...((t.pair?.value as { range?: number[] } | undefined)?.range ?? [])] };
  };
  const before = place(a1);
  const a2 = analyzer.analyze(text.replace('m0:', 'mailbox-zero:'), a1);
  assert.deepEqual(place(a1), before);
  assert.deepEqual(before?.path, ['mailboxes', 'm39']);
  // The newer version sees the same record 10 characters further on.
  assert.deepEqual(place(a2, last + 10)?.span, { start: before!.span.start + 10, end: before!.span.end + 10 });
});

test('which profiles are used belongs to each analysis: re-pointing a mailbox changes the new one only', () => {
  const v1 = `version: 1
organization: { name: contoso, deployment: online, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
  pop: { kind: pop3Smtp, provider: gmail }
serverProfiles:
  exo: { serverType: exchangeOnline, mailSystem: exo, incoming: { authenticateUsing: serverToServer } }
  pop: { serverType: pop3Smtp, mailSystem: pop, incoming: { authenticateUsing: userOrQueue } }
mailboxes:
  alice: { kind: user, serverProfile: exo, emailAddress: alice@contoso.com }
`;
  const a1 = analyzer.analyze(v1);
  const before = snapshot(a1);
  const a2 = analyzer.analyze(v1.replace('serverProfile: exo,', 'serverProfile: pop,'), a1);
  assert.deepEqual([...a2.plan!.usedProfileIds], ['pop']);
  assert.deepEqual([...a1.plan!.usedProfileIds], ['exo']);
  assert.equal(planSummary(a1)?.summary, 'CRM Online → Exchange Online (S2S)');
  assert.equal(snapshot(a1), before);
});

test('a value edit in a mailbox hands the id table and the plain value on; the older version still reads its own', () => {
  const lines = ['version: 1', 'organization: { name: c, deployment: online }', 'mailboxes:'];
  for (let i = 0; i < 40; i++) lines.push(`  m${i}: { kind: user, emailAddress: m${i}@contoso.com }`);
  const text = lines.join('\n') + '\n';
  const a1 = analyzer.analyze(text);
  const before = snapshot(a1);
  const records = (a: Analysis) => (a.value as { mailboxes: Record<string, { kind: string }> }).mailboxes;
  const v2 = text.replace('m7: { kind: user', 'm7: { kind: queue');
  const v3 = text.replace('m9: { kind: user', 'm9: { kind: queue');
  const a2 = analyzer.analyze(v2, a1);
  assert.equal(records(a2).m7.kind, 'queue');
  assert.equal(records(a1).m7.kind, 'user');
  // A second version from a1 (as a fix judged on a copy of the document is), then one from a2.
  const a3 = analyzer.analyze(v3, a1);
  const a4 = analyzer.analyze(v3, a2);
  for (const [a, t] of [[a2, v2], [a3, v3], [a4, v3]] as const) {
    const fresh = analyzer.analyze(t);
    assert.deepEqual(a.value, fresh.value);
    assert.deepEqual(Object.keys(records(a)), Object.keys(records(fresh)));
    assert.equal(JSON.stringify(a.findings), JSON.stringify(fresh.findings));
    assert.equal(a.plan?.mailboxes.find((m) => m.id === 'm7')?.kind, t === v2 ? 'queue' : 'user');
  }
  assert.equal(snapshot(a1), before);
  assert.equal(records(a2).m7.kind, 'queue');
});
