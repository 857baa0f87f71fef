/** Hover, completion and navigation over LSP (in-process), answered from the cached analysis. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, DocumentSymbol, FoldingRange, Hover, Location, Range, WorkspaceEdit } from 'vscode-languageserver/node';
import { createAnalyzer, type AnalyzerConfig } from '../../server/src/analysis';
import { inProcess } from '../harness/lsp-client';

const PLAN = `# Contoso online
# with two profiles
version: 1
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
  spare:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
  bob:
    kind: user
    serverProfile: exo-default
    emailAddress: bob@contoso.com
    approval: approved
`;
const lines = PLAN.split('\n');
/** Position of the first occurrence of `needle` on a line that contains `lineHas`. */
function pos(lineHas: string, needle: string, delta = 1) {
  const line = lines.findIndex((l) => l.includes(lineHas));
  assert.ok(line >= 0, lineHas);
  return { line, character: lines[line].indexOf(needle) + delta };
}
const uri = 'file:///tmp/nav.crmsync.yaml';
const td = { uri };
const lineOf = (r: Range) => r.start.line;

async function session(options = {}) {
  const client = inProcess(options);
  await client.initialize({ debounceMs: 0 }, { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } });
  await client.open(uri, PLAN);
  await client.waitForDiagnostics(uri);
  return client;
}

/** An analyzer factory that counts analyses, to show that requests use the cached one. */
function countingAnalyzer() {
  const counter = {
    analyses: 0,
    createAnalyzer: (config: AnalyzerConfig) => {
      const a = createAnalyzer(config);
      return { analyze: (text: string) => (counter.analyses++, a.analyze(text)) };
    },
  };
  return counter;
}

test('requests are answered from the cached analysis: one analysis per document version', async () => {
  const counting = countingAnalyzer();
  const client = await session({ createAnalyzer: counting.createAnalyzer });
  assert.equal(counting.analyses, 1);
  await client.request('textDocument/hover', { textDocument: td, position: pos('authenticateUsing: serverToServer', 'serverToServer') });
  await client.request('textDocument/completion', { textDocument: td, position: pos('serverType: exchangeOnline', 'exchangeOnline') });
  await client.request('textDocument/documentSymbol', { textDocument: td });
  await client.request('textDocument/definition', { textDocument: td, position: pos('serverProfile: exo-default', 'exo-default') });
  await client.request('textDocument/foldingRange', { textDocument: td });
  assert.equal(counting.analyses, 1, 'no request analysed the document again');
  await client.shutdown();
});

test('hover over LSP is markdown, or plain text for a client without markdown', async () => {
  const client = await session();
  const h = await client.request<Hover>('textDocument/hover', { textDocument: td, position: pos('authenticateUsing: serverToServer', 'serverToServer') });
  assert.equal((h.contents as { kind: string }).kind, 'markdown');
  assert.match((h.contents as { value: string }).value, /\*\*Supported\*\*/);
  assert.deepEqual(h.range, { start: pos('authenticateUsing: serverToServer', 'serverToServer', 0), end: pos('authenticateUsing: serverToServer', 'serverToServer', 14) });
  await client.shutdown();

  const plain = inProcess();
  await plain.initialize({ debounceMs: 0 }, { textDocument: { hover: { contentFormat: ['plaintext'] } } });
  await plain.open(uri, PLAN);
  const hp = await plain.request<Hover>('textDocument/hover', { textDocument: td, position: pos('authenticateUsing: serverToServer', 'serverToServer') });
  assert.equal((hp.contents as { kind: string }).kind, 'plaintext');
  assert.doesNotMatch((hp.contents as { value: string }).value, /\*\*|`/);
  await plain.shutdown();
});

test('completion over LSP returns text edits over the typed word', async () => {
  const client = await session();
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: td, position: pos('authenticateUsing: serverToServer', 'serverToServer', 6) });
  const s2s = items.find((i) => i.label === 'serverToServer')!;
  assert.ok(s2s.textEdit);
  await client.shutdown();
});

test('document symbols: sections, and records of the id maps with their kinds', async () => {
  const client = await session();
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: td });
  assert.deepEqual(symbols.map((s) => s.name), ['version', 'organization', 'mailSystems', 'systemSettings', 'serverProfiles', 'mailboxes']);
  const profiles = symbols.find((s) => s.name === 'serverProfiles')!;
  assert.deepEqual(profiles.children!.map((c) => [c.name, c.detail]), [['exo-default', 'exchangeOnline'], ['spare', 'exchangeOnline']]);
  const mailboxes = symbols.find((s) => s.name === 'mailboxes')!;
  assert.deepEqual(mailboxes.children!.map((c) => [c.name, c.detail]), [['alice', 'user'], ['bob', 'user']]);
  assert.equal(symbols.find((s) => s.name === 'organization')!.detail, 'contoso');
  await client.shutdown();
});

test('go to definition from a reference and from the default', async () => {
  const client = await session();
  const def = await client.request<Location>('textDocument/definition', { textDocument: td, position: pos('serverProfile: exo-default', 'exo-default') });
  assert.equal(lineOf(def.range), lines.indexOf('  exo-default:'));
  const ms = await client.request<Location>('textDocument/definition', { textDocument: td, position: pos('    mailSystem: exo', 'exo') });
  assert.equal(lineOf(ms.range), lines.findIndex((l) => l.startsWith('  exo:')));
  assert.equal(await client.request('textDocument/definition', { textDocument: td, position: pos('kind: user', 'user') }), null);
  await client.shutdown();
});

test('find references includes the default in system settings', async () => {
  const client = await session();
  const refs = await client.request<Location[]>('textDocument/references', { textDocument: td, position: pos('  exo-default:', 'exo-default'), context: { includeDeclaration: true } });
  assert.deepEqual(refs.map((r) => lineOf(r.range)), [11, 13, 26]);
  const noDecl = await client.request<Location[]>('textDocument/references', { textDocument: td, position: pos('  exo-default:', 'exo-default'), context: { includeDeclaration: false } });
  assert.deepEqual(noDecl.map((r) => lineOf(r.range)), [11, 26]);
  await client.shutdown();
});

test('document highlight marks the id as write and its references as read', async () => {
  const client = await session();
  const hl = await client.request<{ range: Range; kind: number }[]>('textDocument/documentHighlight', { textDocument: td, position: pos('    mailSystem: exo', 'exo') });
  assert.deepEqual(hl.map((h) => [lineOf(h.range), h.kind]), [[8, 3], [15, 2], [20, 2]]);
  await client.shutdown();
});

test('rename: prepareRename refuses what is not an id; rename changes the id and every reference', async () => {
  const client = await session();
  assert.equal(await client.request('textDocument/prepareRename', { textDocument: td, position: pos('kind: user', 'user') }), null);
  const prep = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: td, position: pos('serverProfile: exo-default', 'exo-default') });
  assert.equal(prep.placeholder, 'exo-default');
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: td, position: pos('  exo-default:', 'exo-default'), newName: 'exo-main' });
  const change = edit.documentChanges![0] as { textDocument: { version: number }; edits: { range: Range; newText: string }[] };
  assert.equal(change.textDocument.version, 1, 'a versioned edit');
  assert.deepEqual(change.edits.map((e) => [lineOf(e.range), e.newText]), [[11, 'exo-main'], [13, 'exo-main'], [26, 'exo-main']]);
  await assert.rejects(
    client.request('textDocument/rename', { textDocument: td, position: pos('  exo-default:', 'exo-default'), newName: 'spare' }),
    /already has an entry 'spare'/,
  );
  await assert.rejects(client.request('textDocument/rename', { textDocument: td, position: pos('  exo-default:', 'exo-default'), newName: 'bad id' }), /not a valid id/);
  await client.shutdown();
});

test('folding ranges for block mappings and comment runs', async () => {
  const client = await session();
  const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: td });
  assert.ok(folds.some((f) => f.startLine === 0 && f.endLine === 1 && f.kind === 'comment'));
  assert.ok(folds.some((f) => f.startLine === 3 && f.endLine === 6), 'organization');
  assert.ok(folds.some((f) => f.startLine === 12 && f.endLine === 21), 'serverProfiles');
  assert.ok(folds.some((f) => f.startLine === 24 && f.endLine === 28), 'bob');
  await client.shutdown();
});

test('crmsync/planSummary: the topology in words from the cached analysis, null for an unknown document', async () => {
  const counting = countingAnalyzer();
  const client = await session({ createAnalyzer: counting.createAnalyzer });
  const s = await client.request<{ summary: string; profiles: string[] }>('crmsync/planSummary', { textDocument: td });
  // Both mailboxes use exo-default (alice through the default); 'spare' is not used and not named.
  assert.deepEqual(s, { summary: 'CRM Online → Exchange Online (S2S)', profiles: ['Exchange Online (S2S)'] });
  assert.equal(counting.analyses, 1, 'answered from the cached analysis');
  assert.equal(await client.request('crmsync/planSummary', { textDocument: { uri: 'file:///tmp/unknown.crmsync.yaml' } }), null);
  assert.equal(await client.request('crmsync/planSummary', {}), null, 'malformed params are answered, not a crash');
  await client.shutdown();
});
