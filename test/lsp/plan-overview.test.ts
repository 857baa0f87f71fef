/**
 * `crmsync/planOverview` over LSP (in-process): the overview of the current version with LSP
 * ranges at the record keys; while the YAML has a syntax error the last good picture, marked
 * stale; after the fix the new picture; null for an unknown or closed document.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Range } from 'vscode-languageserver/node';
import { LineIndex } from '../../server/src/analysis';
import { planOverview } from '../../server/src/ide';
import { analyze } from '../harness/check';
import { inProcess, type TestClient } from '../harness/lsp-client';

interface RangedNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly range: Range;
  readonly span?: unknown;
  readonly count?: number;
  readonly mailboxCount?: number;
}

interface Answer {
  readonly version: number;
  readonly stale: boolean;
  readonly overviewVersion: number;
  readonly overview: {
    readonly formatVersion: number;
    readonly nodes: RangedNode[];
    readonly findings: { ruleId: string; nodeId: string; range: Range; span?: unknown }[];
    readonly totals: { error: number; warning: number; info: number };
  };
}

const PLAN = `version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults:
    serverProfile: exo-default
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming:
      authenticateUsing: serverToServer
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
  bob:
    kind: user
    emailAddress: bob@contoso.com
    approval: approved
    colour: blue
`;

const uri = 'file:///tmp/overview.crmsync.yaml';

async function session(text = PLAN): Promise<TestClient> {
  const client = inProcess();
  await client.initialize({ debounceMs: 0 });
  await client.open(uri, text);
  return client;
}

const ask = (client: TestClient, u = uri) => client.request<Answer | null>('crmsync/planOverview', { textDocument: { uri: u } });

function textAt(text: string, r: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(r.start.line, r.start.character), lines.offset(r.end.line, r.end.character));
}

/** An edit replacing the first `from` in `text` by `to`, as an incremental LSP change; and the text after it. */
function edit(text: string, from: string, to: string): { change: { range: Range; text: string }; after: string } {
  const at = text.indexOf(from);
  assert.ok(at >= 0, from);
  const lines = new LineIndex(text);
  const range = { start: lines.position(at), end: lines.position(at + from.length) };
  return { change: { range, text: to }, after: text.slice(0, at) + to + text.slice(at + from.length) };
}

const node = (a: Answer, id: string) => {
  const n = a.overview.nodes.find((x) => x.id === id);
  assert.ok(n, `${id} in ${a.overview.nodes.map((x) => x.id).join(', ')}`);
  return n;
};

test('crmsync/planOverview: the overview of the current version, every span an LSP range at the record key', async () => {
  const client = await session();
  const a = await ask(client);
  assert.ok(a);
  assert.deepEqual([a.version, a.stale, a.overviewVersion, a.overview.formatVersion], [1, false, 1, 1]);
  const model = planOverview(analyze(PLAN));
  assert.ok(model);
  assert.deepEqual(
    a.overview.nodes.map((n) => n.id),
    model.nodes.map((n) => n.id),
    'the nodes of the model, in its order',
  );
  for (const n of a.overview.nodes) assert.equal(n.span, undefined, `${n.id}: a range, not a span`);
  assert.equal(textAt(PLAN, node(a, 'organization').range), 'organization');
  assert.equal(textAt(PLAN, node(a, 'mailSystem:exo').range), 'exo');
  assert.equal(textAt(PLAN, node(a, 'profile:exo-default').range), 'exo-default');
  const group = node(a, 'group:exo-default:user:serverSideSync:serverSideSync:none');
  assert.equal(textAt(PLAN, group.range), 'alice', 'a group reveals its first mailbox');
  assert.equal(group.count, 2);
  const colour = a.overview.findings.find((f) => textAt(PLAN, f.range) === 'colour');
  assert.ok(colour, `the unknown key is listed: ${JSON.stringify(a.overview.findings)}`);
  assert.equal(colour.nodeId, group.id);
  assert.equal(colour.span, undefined);
  await client.shutdown();
});

test('a syntax error gives the last good picture, marked stale; the fix gives the new one', async () => {
  const client = await session();
  const good = await ask(client);
  assert.ok(good && !good.stale);

  // Version 2 cannot be read: an unclosed flow mapping.
  const broken = edit(PLAN, 'alice: { kind: user,', 'alice: { kind: user, [');
  await client.change(uri, 2, [broken.change]);
  const stale = await ask(client);
  assert.ok(stale, 'a picture while the YAML is broken');
  assert.deepEqual([stale.version, stale.stale, stale.overviewVersion], [2, true, 1]);
  assert.deepEqual(stale.overview, good.overview, 'the picture (and ranges) of version 1');

  // Version 3 repairs it and adds a mailbox after a renamed profile: new content, ranges of version 3.
  const repaired = edit(broken.after, 'alice: { kind: user, [', 'alice: { kind: user,');
  const renamed = edit(repaired.after, '  exo-default:\n', '  exo-main:\n');
  const added = edit(renamed.after, '  bob:\n', '  carol: { kind: user, emailAddress: carol@contoso.com, approval: approved }\n  bob:\n');
  await client.change(uri, 3, [repaired.change, renamed.change, added.change]);
  const fixed = await ask(client);
  assert.ok(fixed);
  assert.deepEqual([fixed.version, fixed.stale, fixed.overviewVersion], [3, false, 3]);
  const text = added.after;
  // The default still names exo-default, which no longer exists: the mailboxes have no known profile.
  assert.ok(!fixed.overview.nodes.some((n) => n.id === 'profile:exo-default'));
  assert.equal(textAt(text, node(fixed, 'profile:exo-main').range), 'exo-main');
  const lost = node(fixed, 'group:?:user:serverSideSync:serverSideSync:none');
  assert.equal(lost.count, 3, 'alice, carol and bob');
  assert.equal(textAt(text, lost.range), 'alice');
  for (const f of fixed.overview.findings) assert.ok(textAt(text, f.range).length > 0, `${f.ruleId} has a range in version 3`);
  assert.ok(fixed.overview.findings.some((f) => f.ruleId === 'unknown-reference' && textAt(text, f.range) === 'exo-default'));

  // Broken again: the last good picture is now version 3's.
  await client.change(uri, 4, [{ text: `${text}mailboxes: [\n` }]);
  const again = await ask(client);
  assert.ok(again);
  assert.deepEqual([again.version, again.stale, again.overviewVersion], [4, true, 3]);
  assert.deepEqual(again.overview, fixed.overview);
  await client.shutdown();
});

test('null for an unknown document, malformed params, a plan that is not a mapping, and after close', async () => {
  const client = await session();
  assert.equal(await ask(client, 'file:///tmp/unknown.crmsync.yaml'), null);
  assert.equal(await client.request('crmsync/planOverview', {}), null, 'malformed params are answered, not a crash');
  assert.equal(await client.request('crmsync/planOverview', { textDocument: { uri: 42 } }), null);
  assert.ok(await ask(client));

  // Closing drops the last good picture: reopened broken, there is nothing to show.
  await client.close(uri);
  await client.open(uri, 'organization: [unclosed\n', 1);
  assert.equal(await ask(client), null);
  await client.change(uri, 2, [{ text: '- a list\n' }]);
  assert.equal(await ask(client), null, 'a list is no plan');
  await client.shutdown();
});
