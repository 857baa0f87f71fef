/**
 * Offline rule documentation over LSP: a diagnostic's `codeDescription.href`, the hover's rule
 * links and "Show documentation for <rule>" lead to the rule's section of the docs/rules.md that
 * ships with the server, never to the web, unless nothing shipped is known:
 * - the VS Code client names its command (`initializationOptions.ruleDocs.command`): `command:` links;
 * - a client may name a document (`ruleDocs.document`): `<document>#<anchor>`;
 * - otherwise the server's own copy (ServerOptions.ruleDocsDocument, set by main.ts) and the
 *   server's `crmsync.server.openRuleDocs` command, run through window/showDocument.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver/node';
import { inProcess } from '../harness/lsp-client';
import { repoPath } from '../harness/paths';

const TEXT = `version: 1
organization:
  name: contoso
  deployment: OnPremises
`;
const uri = 'file:///tmp/rule-docs.crmsync.yaml';
const SHIPPED = pathToFileURL(repoPath('docs', 'rules.md')).href;

async function session(initOptions: object, serverOptions: Parameters<typeof inProcess>[0] = {}, capabilities: object = {}) {
  const client = inProcess(serverOptions);
  await client.initialize({ debounceMs: 0, ...initOptions }, capabilities);
  await client.open(uri, TEXT);
  const diags = await client.waitForDiagnostics(uri);
  const d = diags.find((x) => x.code === 'schema/enum') as Diagnostic;
  assert.ok(d, 'the misspelt deployment is reported');
  return { client, d };
}

async function docsAction(client: ReturnType<typeof inProcess>, d: Diagnostic): Promise<CodeAction> {
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const docs = actions.find((a) => a.title === 'Show documentation for schema/enum');
  assert.ok(docs, actions.map((a) => a.title).join(', '));
  return docs;
}

test('the VS Code client names its command: diagnostics, hovers and the docs action run it with the rule id', async () => {
  const { client, d } = await session(
    { ruleDocs: { command: 'crmsync.showRuleDocs' } },
    { ruleDocsDocument: SHIPPED },
    { textDocument: { hover: { contentFormat: ['markdown'] } } },
  );
  const href = `command:crmsync.showRuleDocs?${encodeURIComponent(JSON.stringify(['schema/enum']))}`;
  assert.equal(d.codeDescription?.href, href);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 16 } });
  assert.ok((hover.contents as MarkupContent).value.includes(`](${href})`), (hover.contents as MarkupContent).value);
  const action = await docsAction(client, d);
  assert.deepEqual(action.command, { title: 'Show documentation for schema/enum', command: 'crmsync.showRuleDocs', arguments: ['schema/enum'] });
  await client.shutdown();
});

test('a client may name the document: links go to its anchor; a malformed option is ignored', async () => {
  const mine = await session({ ruleDocs: { document: 'file:///opt/crmsync/share/crmsync-rules.md#old' } });
  assert.equal(mine.d.codeDescription?.href, 'file:///opt/crmsync/share/crmsync-rules.md#schemaenum');
  await mine.client.shutdown();
  const junk = await session({ ruleDocs: { command: 'rm -rf /', document: 42 } }, { ruleDocsDocument: SHIPPED });
  assert.equal(junk.d.codeDescription?.href, `${SHIPPED}#schemaenum`);
  await junk.client.shutdown();
});

test('other clients: the shipped copy is linked, and the server opens it through window/showDocument', async () => {
  const { client, d } = await session({}, { ruleDocsDocument: SHIPPED }, { window: { showDocument: { support: true } } });
  assert.equal(d.codeDescription?.href, `${SHIPPED}#schemaenum`);
  // The anchor is a heading of the shipped file.
  assert.match(fs.readFileSync(fileURLToPath(SHIPPED), 'utf8'), /^#+ `?schema\/enum`?\s*$/m);
  const shown: { uri: string; external?: boolean }[] = [];
  client.connection.onRequest('window/showDocument', (p: { uri: string; external?: boolean }) => {
    shown.push(p);
    return { success: true };
  });
  const action = await docsAction(client, d);
  assert.equal(action.command?.command, 'crmsync.server.openRuleDocs');
  const result = await client.request<{ uri: string; success: boolean }>('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments });
  assert.deepEqual(result, { uri: `${SHIPPED}#schemaenum`, success: true });
  assert.deepEqual(shown, [{ uri: `${SHIPPED}#schemaenum`, external: false }]);
  // Not a rule id: nothing is opened.
  assert.equal(await client.request('workspace/executeCommand', { command: 'crmsync.server.openRuleDocs', arguments: ['../../etc/passwd'] }), null);
  assert.equal(shown.length, 1);
  await client.shutdown();
});

test('without showDocument the command answers the link; with nothing shipped the web page is linked', async () => {
  const { client, d } = await session({});
  assert.equal(d.codeDescription?.href, 'https://github.com/crmsync/crmsync/blob/main/docs/rules.md#schemaenum');
  const result = await client.request('workspace/executeCommand', { command: 'crmsync.server.openRuleDocs', arguments: ['schema/enum'] });
  assert.deepEqual(result, { uri: 'https://github.com/crmsync/crmsync/blob/main/docs/rules.md#schemaenum' });
  await client.shutdown();
});
