/** AnalysisHost: one document over time; each version analysed once, incrementally, earlier analyses unchanged. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createAnalyzer, type Analysis } from '../../server/src/analysis';
import { AnalysisHost } from '../../server/src/analysis/host';
import { FIXED_NOW } from '../harness/check';

const PLAN = `version: 1
organization: { name: contoso, deployment: online, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
serverProfiles:
  exo: { serverType: exchangeOnline, incoming: { authenticateUsing: serverToServer } }
mailboxes:
  alice: { kind: user, serverProfile: exo, emailAddress: alice@contoso.com }
`;

test('a version is analysed once; a new version from the last one; a reused version number with other text again', () => {
  const analyzer = createAnalyzer({ now: () => FIXED_NOW });
  const calls: (Analysis | undefined)[] = [];
  const host = new AnalysisHost({ analyze: (text, previous) => (calls.push(previous), analyzer.analyze(text, previous)) });
  assert.equal(host.cached(1, PLAN), undefined);
  const a1 = host.update(1, PLAN);
  assert.equal(host.update(1, PLAN), a1);
  assert.equal(host.cached(1, PLAN), a1);
  const findings1 = JSON.stringify(a1.findings);

  const v2 = PLAN.replace('authenticateUsing: serverToServer', 'authenticateUsing: anonymous');
  const a2 = host.update(2, v2);
  assert.equal(calls.length, 2);
  assert.equal(calls[1], a1, 'version 2 is analysed from version 1');
  assert.ok(a2.findings.length > a1.findings.length, 'anonymous on Exchange Online is flagged');
  assert.equal(JSON.stringify(a2.findings), JSON.stringify(analyzer.analyze(v2).findings), 'the same as a fresh analysis');
  assert.equal(JSON.stringify(a1.findings), findings1, 'version 1 is unchanged');

  // A client may send a version number twice: the text decides.
  const a2b = host.update(2, PLAN);
  assert.notEqual(a2b, a2);
  assert.equal(JSON.stringify(a2b.findings), findings1);
  assert.equal(host.cached(2, v2), undefined);
});
