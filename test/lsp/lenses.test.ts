/**
 * Code lenses and inlay hints over LSP (in-process): announced in the capabilities, lenses at
 * the id keys with their `crmsync.showReferences` command (`[uri, position]`, what
 * client/src/references.ts reads) and the places `crmsync/lensReferences` gives for it, hints of the requested range only, both switched off by
 * their settings (`[]`), and the refresh requests after a settings change where the client
 * supports them.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CodeLens, InlayHint, Location, Position, Range } from 'vscode-languageserver/node';
import { repoPath } from '../harness/paths';
import { inProcess, type TestClient } from '../harness/lsp-client';

const PLAN = fs.readFileSync(repoPath('test', 'fixtures', 'lenses', 'usage.crmsync.yaml'), 'utf8');
const lines = PLAN.split('\n');
const uri = 'file:///tmp/lenses.crmsync.yaml';
const td = { uri };

/** The 0-based line of the record key `  <id>:` (or of a line starting with `text`). */
function lineOf(text: string): number {
  const i = lines.findIndex((l) => l.startsWith(text));
  assert.ok(i >= 0, text);
  return i;
}
const keyRange = (indent: number, id: string): Range => {
  const line = lineOf(`${' '.repeat(indent)}${id}:`);
  return { start: { line, character: indent }, end: { line, character: indent + id.length } };
};
const wholeDocument: Range = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };

async function session(settings: unknown = {}, workspace: object = {}): Promise<TestClient> {
  const client = inProcess();
  client.settings = settings;
  await client.initialize({ debounceMs: 0 }, { workspace: { configuration: true, ...workspace } });
  await client.open(uri, PLAN);
  await client.waitForDiagnostics(uri);
  return client;
}

const lensesOf = (c: TestClient) => c.request<CodeLens[]>('textDocument/codeLens', { textDocument: td });
const hintsOf = (c: TestClient, range: Range = wholeDocument) => c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: td, range });

test('code lenses and inlay hints are announced', async () => {
  const client = inProcess();
  const init = await client.initialize({ debounceMs: 0 });
  assert.deepEqual(init.capabilities.codeLensProvider, { resolveProvider: false });
  assert.deepEqual(init.capabilities.inlayHintProvider, { resolveProvider: false });
  await client.shutdown();
});

test('a lens at each profile and mail system key: its title, and the references command the client opens', async () => {
  const client = await session();
  const lenses = await lensesOf(client);
  assert.deepEqual(
    lenses.map((l) => [lines[l.range.start.line].trim().split(':')[0], l.command?.title]),
    [
      ['exo', 'used by 3 profiles · 5 mailboxes'],
      ['gmail', 'used by 1 profile · 1 mailbox'],
      ['spare', 'used by no profiles · no mailboxes'],
      ['exo-default', 'used by 4 mailboxes (3 through the default)'],
      ['exo-sales', 'used by 1 mailbox · 1 error'],
      ['gmail-pop', 'used by 1 mailbox · 2 errors, 1 warning'],
      ['idle', 'used by no mailboxes'],
    ],
  );
  const lens = lenses.find((l) => l.command?.title.startsWith('used by 4 mailboxes'))!;
  assert.deepEqual(lens.range, keyRange(2, 'exo-default'));
  assert.equal(lens.command?.command, 'crmsync.showReferences');
  const [argUri, position] = lens.command?.arguments as [string, Position];
  assert.equal(lens.command?.arguments?.length, 2, 'no locations in the lens: they are asked for on a click');
  assert.equal(argUri, uri);
  assert.deepEqual(position, lens.range.start, 'the peek opens at the lens');
  const refs = (p: unknown) => client.request<Location[]>('crmsync/lensReferences', p as object);
  assert.deepEqual(await refs({ textDocument: td, position }), ['alice', 'carol', 'dave', 'fwd'].map((id) => ({ uri, range: keyRange(2, id) })), 'the key of each mailbox that uses it');
  const exo = lenses.find((l) => l.command?.title === 'used by 3 profiles · 5 mailboxes')!;
  const exoRefs = await refs({ textDocument: td, position: exo.range.start });
  assert.equal(exoRefs.length, 3 + 5, 'a mail system: its profiles and its mailboxes');
  const spare = lenses.find((l) => l.command?.title.startsWith('used by no profiles'))!;
  assert.deepEqual(await refs({ textDocument: td, position: spare.range.start }), []);
  assert.deepEqual(await refs({ textDocument: td, position: { line: 0, character: 0 } }), [], 'no lens there');
  for (const junk of [undefined, {}, { textDocument: td, position: { line: -1, character: 0 } }, { textDocument: { uri: 42 }, position }]) {
    assert.deepEqual(await refs(junk), [], JSON.stringify(junk));
  }
  await client.shutdown();
});

test('inlay hints of the requested range only, at the end of each record line', async () => {
  const client = await session();
  const all = await hintsOf(client);
  assert.deepEqual(
    all.map((h) => [lines[h.position.line].trim().split(':')[0], h.label]),
    [
      ['alice', '⟵ profile exo-default · in/ACT serverSideSync (defaults)'],
      ['bob', '⟵ ACT serverSideSync (default)'],
      ['dave', '⟵ profile exo-default · in serverSideSync (defaults)'],
      ['fwd', '⟵ profile exo-default (default)'],
      ['gina', '⟵ in serverSideSync (default)'],
    ],
  );
  const bob = all[1];
  assert.deepEqual(bob.position, { line: lineOf('  bob:'), character: '  bob:'.length });
  assert.equal(bob.paddingLeft, true);
  assert.match(String(bob.tooltip), /^Mailbox 'bob' does not write this value and takes it from systemSettings\.defaults:\nappointmentsContactsTasks: serverSideSync$/);
  const alice = all[0];
  assert.equal(lines[alice.position.line].slice(alice.position.character), '  # everything from the defaults', 'before the comment');

  // A visible range from bob's key to the line before fwd's: bob and dave (carol inherits nothing).
  const range = { start: { line: lineOf('  bob:'), character: 0 }, end: { line: lineOf('  fwd:'), character: 0 } };
  assert.deepEqual((await hintsOf(client, range)).map((h) => h.position.line), [lineOf('  bob:'), lineOf('  dave:')]);
  assert.deepEqual(await hintsOf(client, { start: { line: 0, character: 0 }, end: { line: lineOf('mailboxes:'), character: 0 } }), []);
  await client.shutdown();
});

test('crmsync.codeLens.enabled and crmsync.inlayHints.inheritedValues false: no lenses, no hints; the rest unchanged', async () => {
  const client = await session({ codeLens: { enabled: false }, inlayHints: { inheritedValues: false } });
  assert.deepEqual(await lensesOf(client), []);
  assert.deepEqual(await hintsOf(client), []);
  const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: td });
  assert.ok(symbols.length > 0, 'other requests still answer');
  await client.shutdown();
  // Each switch alone: the other feature stays on.
  const lensesOnly = await session({ inlayHints: { inheritedValues: false } });
  assert.equal((await lensesOf(lensesOnly)).length, 7);
  assert.deepEqual(await hintsOf(lensesOnly), []);
  await lensesOnly.shutdown();
  const hintsOnly = await session({ codeLens: { enabled: false } });
  assert.deepEqual(await lensesOf(hintsOnly), []);
  assert.equal((await hintsOf(hintsOnly)).length, 5);
  await hintsOnly.shutdown();
});

test('a setting that is not a boolean is ignored with a warning: the feature stays on', async () => {
  const client = await session({ codeLens: { enabled: 'no' } });
  assert.equal((await lensesOf(client)).length, 7);
  assert.ok(client.logs.some((l) => l.includes("crmsync.codeLens.enabled: 'no' is not true or false")), client.logs.join('\n'));
  await client.shutdown();
});

/** Counts the refresh requests the server sends. */
function countRefreshes(client: TestClient): { codeLens: number; inlayHint: number } {
  const n = { codeLens: 0, inlayHint: 0 };
  client.connection.onRequest('workspace/codeLens/refresh', () => (n.codeLens++, null));
  client.connection.onRequest('workspace/inlayHint/refresh', () => (n.inlayHint++, null));
  return n;
}

async function until(what: string, pred: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('a settings change asks the client to refresh lenses and hints; the next requests follow the new settings', async () => {
  const client = await session({}, { codeLens: { refreshSupport: true }, inlayHint: { refreshSupport: true } });
  const refreshes = countRefreshes(client);
  assert.equal((await lensesOf(client)).length, 7);
  client.settings = { codeLens: { enabled: false }, inlayHints: { inheritedValues: false } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await until('both refresh requests', () => refreshes.codeLens === 1 && refreshes.inlayHint === 1);
  assert.deepEqual(await lensesOf(client), []);
  assert.deepEqual(await hintsOf(client), []);
  client.settings = {};
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await until('the second refreshes', () => refreshes.codeLens === 2 && refreshes.inlayHint === 2);
  assert.equal((await lensesOf(client)).length, 7);
  assert.equal((await hintsOf(client)).length, 5);
  await client.shutdown();
});

test('no refresh request to a client that does not support it', async () => {
  const client = await session({}, { codeLens: { refreshSupport: false } });
  const refreshes = countRefreshes(client);
  const before = client.diagnostics.get(uri)!.length;
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  // The re-check publishes again; by then a refresh request would have been sent.
  await client.waitForDiagnostics(uri, () => client.diagnostics.get(uri)!.length > before);
  await lensesOf(client);
  assert.deepEqual(refreshes, { codeLens: 0, inlayHint: 0 });
  await client.shutdown();
});

test('lenses and hints follow edits: the answers are for the current version', async () => {
  const client = await session();
  // carol stops writing her profile: exo-default gains one through the default, carol a hint.
  const line = lines.indexOf('    serverProfile: exo-default', lineOf('  carol:'));
  await client.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }]);
  await client.waitForDiagnostics(uri, (p) => p.version === 2);
  const lens = (await lensesOf(client)).find((l) => l.range.start.line === lineOf('  exo-default:'));
  assert.equal(lens?.command?.title, 'used by 4 mailboxes (4 through the default)');
  const hints = await hintsOf(client);
  assert.ok(hints.some((h) => h.label === '⟵ profile exo-default (default)' && h.position.line === lineOf('  carol:')), JSON.stringify(hints));
  await client.shutdown();
});
