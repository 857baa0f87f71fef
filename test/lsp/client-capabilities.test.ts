/**
 * The server answers in what the client declared at initialize: without
 * `completionItem.snippetSupport` no completion carries snippet syntax (plain text with the
 * placeholders' defaults), and without `markdown` in `hover.contentFormat` /
 * `completionItem.documentationFormat` every hover and documentation is plain text without markup.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { InsertTextFormat, MarkupKind, type CompletionItem, type Hover, type MarkupContent } from 'vscode-languageserver/node';
import { inProcess } from '../harness/lsp-client';
import { withCursor } from '../harness/cursor';

const HEAD = `version: 1
organization:
  name: contoso
  deployment: onPremises
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
  exch: { kind: exchangeServer, version: "2016" }
`;

/** Cursor positions ($0) where the core offers snippets and documented items. */
const COMPLETIONS = [
  `${HEAD}serverProfiles:\n  $0\n`,
  `${HEAD}mailboxes:\n  $0\n`,
  `${HEAD}serverProfiles:\n  p:\n    $0\n`,
  `${HEAD}serverProfiles:\n  p:\n    serverType: exchangeServer\n    incoming:\n      $0\n`,
  `${HEAD}serverProfiles:\n  p:\n    serverType: exchangeServer\n    incoming:\n      password: $0\n`,
  `${HEAD}serverProfiles:\n  p:\n    serverType: exchangeServer\n    mailSystem: exch\n    incoming:\n      authenticateUsing: $0\n`,
  `${HEAD}$0\n`,
];

/** A plan whose hovers cover **bold**, *emphasis*, `code`, links, bullets, a table, a ```yaml block and findings. */
const PLAN = `${HEAD}systemSettings:
  defaults: { serverProfile: exch-profile }
serverProfiles:
  exch-profile:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      authenticateUsing: serverProfile
      useImpersonation: true
      username: CONTOSO\\svc-crm
      password: { secretRef: "env:CRM_PASSWORD" }
mailboxes:
  # crmsync-disable-next-line profile-unsued -- demo
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved, colour: blue }
`;

const uri = (i: number) => `file:///tmp/caps-${i}.crmsync.yaml`;

function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** An offset inside every word (its second character): keys, values, ids, comment words. */
function wordStarts(text: string): number[] {
  return [...text.matchAll(/(?<![\w-])[\w-]+/g)].map((m) => m.index! + Math.min(1, m[0].length - 1));
}

const MARKUP = /```|\*\*|`|\]\(|(^|[\s(])\*[^\s*][^*\n]*\*(?=[\s.,;:)]|$)|\\[\\`*_[\]#|]|^\|.*\|$|\|---/m;
const SNIPPET = /\$\{|\$\d|\\[$}\\]/;

async function collect(capabilities: object) {
  const client = inProcess();
  await client.initialize({ debounceMs: 0 }, capabilities);
  const items: CompletionItem[] = [];
  for (const [i, source] of COMPLETIONS.entries()) {
    const { text, offset } = withCursor(source);
    await client.open(uri(i), text);
    const list = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uri(i) }, position: positionOf(text, offset) });
    items.push(...list);
  }
  const hovers: Hover[] = [];
  await client.open(uri(99), PLAN);
  for (const offset of wordStarts(PLAN)) {
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri(99) }, position: positionOf(PLAN, offset) });
    if (h) hovers.push(h);
  }
  await client.shutdown();
  return { items, hovers };
}

test('a client that declares no snippet or markdown support gets plain text completions and plain text hovers and documentation', async () => {
  const { items, hovers } = await collect({});
  assert.ok(items.length > 30, `${items.length} completion items`);
  assert.ok(hovers.length > 30, `${hovers.length} hovers`);
  for (const item of items) {
    assert.equal(item.insertTextFormat, InsertTextFormat.PlainText, item.label);
    const newText = (item.textEdit as { newText: string }).newText;
    assert.doesNotMatch(newText, SNIPPET, item.label);
    assert.equal(item.insertText, undefined);
    if (item.documentation !== undefined) {
      const doc = item.documentation as MarkupContent;
      assert.equal(doc.kind, MarkupKind.PlainText, item.label);
      assert.doesNotMatch(doc.value, MARKUP, `${item.label}: ${doc.value}`);
    }
  }
  // Placeholders keep their default text; a choice its first option; a tab stop nothing.
  const byLabel = (label: string) => items.find((i) => i.label === label)!;
  assert.equal((byLabel('{ secretRef: "env:…" }').textEdit as { newText: string }).newText, '{ secretRef: "env:NAME" }');
  assert.equal(
    (byLabel('New user mailbox').textEdit as { newText: string }).newText,
    'mailbox-id:\n    kind: user\n    regarding: Full Name\n    emailAddress: name@contoso.com',
  );
  assert.match((byLabel('New email server profile').textEdit as { newText: string }).newText, /^profile-id:\n {4}serverType: exchangeOnline\n {4}mailSystem: exo\n/);
  assert.ok(items.some((i) => i.documentation !== undefined), 'some items are documented');

  const kinds = new Set(hovers.map((h) => (h.contents as MarkupContent).kind));
  assert.deepEqual([...kinds], [MarkupKind.PlainText]);
  for (const h of hovers) assert.doesNotMatch((h.contents as MarkupContent).value, MARKUP, (h.contents as MarkupContent).value);
  const all = hovers.map((h) => (h.contents as MarkupContent).value).join('\n');
  // What the markup said is still there: emphasis, code, the docs link, a code block, a message's own characters.
  assert.match(all, /acts as each mailbox owner/);
  assert.match(all, /\n {4}mailSystems:\n {6}exo: \{ kind: exchangeOnline/);
  assert.match(all, /profile-unused/);
  assert.match(all, /DOMAIN\\user/);
  // A table is laid out in columns, without its pipes and delimiter row.
  assert.match(all, /\ndeployment +exchangeOnline +exchangeServer +pop3Smtp +imapSmtp\n/);
});

test('a client that declares snippets and markdown gets them', async () => {
  const { items, hovers } = await collect({
    textDocument: {
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    },
  });
  assert.ok(items.some((i) => i.insertTextFormat === InsertTextFormat.Snippet && SNIPPET.test((i.textEdit as { newText: string }).newText)));
  for (const i of items) if (i.insertTextFormat === InsertTextFormat.PlainText) assert.doesNotMatch((i.textEdit as { newText: string }).newText, /\$\{/);
  assert.ok(items.some((i) => (i.documentation as MarkupContent | undefined)?.kind === MarkupKind.Markdown));
  assert.ok(hovers.length > 0 && hovers.every((h) => (h.contents as MarkupContent).kind === MarkupKind.Markdown));
  assert.ok(hovers.some((h) => /\*\*/.test((h.contents as MarkupContent).value)));
});

test('plain text is declared per feature: markdown hovers with plain completion documentation, snippets without markdown', async () => {
  const { items, hovers } = await collect({
    textDocument: { hover: { contentFormat: ['markdown'] }, completion: { completionItem: { snippetSupport: true, documentationFormat: ['plaintext'] } } },
  });
  assert.ok(hovers.every((h) => (h.contents as MarkupContent).kind === MarkupKind.Markdown));
  for (const i of items) if (i.documentation !== undefined) assert.equal((i.documentation as MarkupContent).kind, MarkupKind.PlainText);
  assert.ok(items.some((i) => i.insertTextFormat === InsertTextFormat.Snippet));
});
