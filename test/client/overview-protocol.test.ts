// The plan overview's messages (client/src/overview-protocol.ts): the webview is not trusted, so
// what it posts is checked and rebuilt, and a `reveal` goes only to a range the overview it was
// shown holds; the server's answer is drawn only in the format this client knows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyMessageOf, isDrawable, parseWebviewMessage, revealTarget, showMessageOf, type OverviewAnswer } from '../../client/src/overview-protocol';

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

const answer: OverviewAnswer & { svg: string } = {
  version: 7,
  stale: false,
  svg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
  overview: {
    formatVersion: 1,
    nodes: [
      { id: 'organization', label: 'Contoso', range: range(0, 0, 12) },
      { id: 'profile:exo', label: 'exo', range: range(8, 2, 5) },
    ],
    totals: { error: 1, warning: 0, info: 0, rules: [{ ruleId: 'unknown-reference', severity: 'error', count: 1 }] },
    findings: [{ ruleId: 'unknown-reference', severity: 'error', message: 'no profile "exx"', nodeId: 'profile:exo', range: range(20, 13, 16) }],
    findingsOmitted: 0,
  },
};

test('a message from the webview is rebuilt from its known fields only', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 'x' }), { type: 'ready' });
  assert.deepEqual(parseWebviewMessage({ type: 'reveal', nodeId: 'profile:exo', command: 'workbench.action.terminal.new' }), { type: 'reveal', nodeId: 'profile:exo' });
  assert.deepEqual(parseWebviewMessage({ type: 'reveal', range: { ...range(1, 2, 3), extra: 1 } }), { type: 'reveal', range: range(1, 2, 3) });
  assert.deepEqual(parseWebviewMessage({ type: 'test:focus', nodeId: null }), { type: 'test:focus', nodeId: null });
});

test('junk from the webview is dropped, never thrown on', () => {
  for (const junk of [
    undefined,
    null,
    42,
    'ready',
    [],
    { type: 'unknown' },
    { type: 'reveal' },
    { type: 'reveal', nodeId: 'x'.repeat(5000) },
    { type: 'reveal', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } },
    { type: 'reveal', range: { start: { line: 1.5, character: 0 }, end: { line: 2, character: 0 } } },
    { type: 'rendered', version: 1, nodes: [1], labels: [], texts: [], rules: [], totals: '', stale: false },
    { type: 'rendered', version: 1, nodes: [], labels: [], texts: [], rules: [{ ruleId: 'r', severity: 'fatal', count: 1 }], totals: '', stale: false },
    { type: 'rendered', version: 1, nodes: [], labels: [], texts: [], rules: [], totals: '', stale: 'no' },
    { type: 'test:focus', nodeId: 3 },
  ]) {
    assert.equal(parseWebviewMessage(junk), undefined, JSON.stringify(junk));
  }
});

test('a reveal goes to a node by id, or to a range the overview holds; a made-up one goes nowhere', () => {
  assert.deepEqual(revealTarget(answer, { type: 'reveal', nodeId: 'profile:exo' }), range(8, 2, 5));
  assert.deepEqual(revealTarget(answer, { type: 'reveal', range: range(20, 13, 16) }), range(20, 13, 16), 'a finding');
  assert.deepEqual(revealTarget(answer, { type: 'reveal', range: range(0, 0, 12) }), range(0, 0, 12), 'a node');
  assert.equal(revealTarget(answer, { type: 'reveal', nodeId: 'profile:nope' }), undefined);
  assert.equal(revealTarget(answer, { type: 'reveal', range: range(99, 0, 1) }), undefined);
  assert.equal(revealTarget(undefined, { type: 'reveal', nodeId: 'organization' }), undefined, 'nothing shown yet');
  assert.equal(revealTarget(answer, { type: 'ready' }), undefined);
});

test("the server's answer is drawn only in the format this client knows, and says why not otherwise", () => {
  assert.equal(isDrawable(answer), true);
  assert.equal(isDrawable({ ...answer, svg: undefined }), false, 'no SVG asked for');
  assert.equal(isDrawable({ ...answer, overview: { ...answer.overview, formatVersion: 2 } }), false);
  assert.equal(isDrawable(null), false);
  const emptyText = (m: ReturnType<typeof emptyMessageOf>) => ('empty' in m ? m.empty : '');
  assert.match(emptyText(emptyMessageOf(3, null)), /not a plan/);
  assert.match(emptyText(emptyMessageOf(3, { ...answer, overview: { ...answer.overview, formatVersion: 2 } })), /format this version of the extension cannot show/);
  assert.equal(emptyMessageOf(3, null).version, 3);
});

test('the show message names the node of each finding and carries the totals', () => {
  const m = showMessageOf(answer);
  assert.ok(!('empty' in m));
  if ('empty' in m) return;
  assert.equal(m.version, 7);
  assert.deepEqual(m.findings, [{ ruleId: 'unknown-reference', severity: 'error', message: 'no profile "exx"', where: 'exo', range: range(20, 13, 16) }]);
  assert.deepEqual(m.totals, answer.overview.totals);
  assert.equal(m.svg, answer.svg);
});
