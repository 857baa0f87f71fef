/** Completion at the positions people type at, with `$0` as the cursor. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { completeAt, type CompletionModel } from '../../server/src/ide';
import { RECORD_SNIPPETS } from '../../server/src/ide/snippets';
import { snippetToPlain } from '../../server/src/lsp/convert';
import { TEMPLATES } from '../../client/src/templates';
import { analyze } from '../harness/check';
import { withCursor } from '../harness/cursor';
import { filesUnder, repoPath } from '../harness/paths';
import * as fs from 'node:fs';

function complete(source: string): CompletionModel[] {
  const { text, offset } = withCursor(source);
  return completeAt(analyze(text), offset);
}
const labels = (items: CompletionModel[]) => [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label);

const HEAD = `version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
  exch: { kind: exchangeServer, version: "2016" }
`;

test('after `authenticateUsing: ` the values are ranked: supported for this server type first, the rest marked', () => {
  const items = complete(`${HEAD}serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming:
      authenticateUsing: $0
`);
  assert.deepEqual(labels(items)[0], 'serverToServer');
  assert.equal(items.length, 8);
  // Azure AD OAuth is for Exchange Online of another tenant: here the tenant is the organization's.
  assert.equal(items.find((i) => i.label === 'azureAdOAuth')!.unsupported, true);
  const anon = items.find((i) => i.label === 'anonymous')!;
  assert.equal(anon.unsupported, true);
  assert.match(anon.detail!, /not supported here \(anonymous-auth-exchange\)/);
  assert.ok(items.find((i) => i.label === 'serverToServer')!.documentation!.includes('Server to Server'));
});

test('the same key on an Exchange Server (Hybrid) profile ranks serverProfile first', () => {
  const items = complete(`${HEAD}serverProfiles:
  hyb:
    serverType: exchangeServerHybrid
    mailSystem: exch
    incoming: { authenticateUsing: $0 }
`);
  assert.equal(labels(items)[0], 'serverProfile');
  assert.deepEqual(items.filter((i) => !i.unsupported).map((i) => i.label), ['serverProfile']);
});

test('a partial word is replaced, in a flow mapping', () => {
  const source = `${HEAD}serverProfiles:\n  hyb: { serverType: exchangeServerHy$0, mailSystem: exch, incoming: { authenticateUsing: serverProfile } }\n`;
  const { text, offset } = withCursor(source);
  const items = completeAt(analyze(text), offset);
  const item = items.find((i) => i.label === 'exchangeServerHybrid')!;
  assert.equal(text.slice(item.replace.start, item.replace.end), 'exchangeServerHy');
  assert.equal(labels(items)[0], 'exchangeServerHybrid', 'the expected type for an exchangeServer mail system online comes first');
});

test('references offer the ids of the target map', () => {
  const items = complete(`${HEAD}serverProfiles:\n  p:\n    serverType: exchangeOnline\n    mailSystem: $0\n`);
  assert.deepEqual(labels(items), ['exo', 'exch']);
  const prof = complete(`${HEAD}serverProfiles:\n  p1: {}\n  p2: {}\nmailboxes:\n  alice:\n    kind: user\n    serverProfile: p$0\n`);
  assert.deepEqual(labels(prof), ['p1', 'p2']);
});

test('booleans after a boolean key', () => {
  assert.deepEqual(labels(complete(`${HEAD}emailRouter:\n  installed: $0\n`)), ['true', 'false']);
});

test('version-like enum values are inserted quoted; 9.2 only online', () => {
  const items = complete('version: 1\norganization:\n  name: c\n  deployment: onPremises\n  crmVersion: $0\n');
  assert.deepEqual(items.map((i) => i.insertText), ['"8.0"', '"8.1"', '"8.2"', '"9.0"', '"9.1"']);
  const online = complete('version: 1\norganization:\n  name: c\n  deployment: online\n  crmVersion: $0\n');
  assert.deepEqual(online.map((i) => i.insertText), ['"8.0"', '"8.1"', '"8.2"', '"9.0"', '"9.1"', '"9.2"']);
});

test('on an empty line inside a mapping: the keys not yet present, required first', () => {
  const items = complete(`${HEAD}serverProfiles:
  p:
    serverType: exchangeOnline
    $0
    incoming: { authenticateUsing: serverToServer }
`);
  const ls = items.map((i) => i.label);
  assert.ok(ls.includes('mailSystem') && ls.includes('autodiscover') && ls.includes('advanced'));
  assert.ok(!ls.includes('serverType') && !ls.includes('incoming'), 'present keys are not offered');
  assert.equal(labels(items)[0], 'mailSystem', 'the missing required key first');
  assert.match(items.find((i) => i.label === 'mailSystem')!.detail!, /required/);
});

test('a partial key at the top level', () => {
  const items = complete('version: 1\nmail$0\n');
  const ls = items.map((i) => i.label);
  assert.ok(ls.includes('mailSystems') && ls.includes('mailboxes') && ls.includes('organization'));
  assert.ok(!ls.includes('version'));
  const mb = items.find((i) => i.label === 'mailboxes')!;
  assert.equal(mb.replace.end - mb.replace.start, 4);
});

test('keys inside a flow mapping exclude those already written', () => {
  const ls = complete(`${HEAD}mailboxes:\n  alice: { kind: user, $0 }\n`).map((i) => i.label);
  assert.ok(ls.includes('emailAddress') && ls.includes('serverProfile'));
  assert.ok(!ls.includes('kind'));
});

test('under serverProfiles and mailboxes: snippets that fill the required children', () => {
  const prof = complete(`${HEAD}serverProfiles:\n  $0\n`);
  const snippet = prof.find((i) => i.label === 'New email server profile')!;
  assert.ok(snippet.isSnippet);
  assert.match(snippet.insertText, /serverType: \$\{2\|exchangeOnline,/);
  assert.match(snippet.insertText, /\n {4}mailSystem: \$\{3\|exo,exch\|\}/);
  assert.match(snippet.insertText, /incoming:\n {6}authenticateUsing:/);
  const mbs = complete(`${HEAD}mailboxes:\n  $0\n`).map((i) => i.label);
  assert.deepEqual(mbs, ['New user mailbox', 'New queue mailbox', 'New forward mailbox']);
});

test('a list item position offers the item values', () => {
  const items = complete(`version: 1\norganization: { name: c, deployment: online, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }\nmailSystems:\n  exch:\n    kind: exchangeServer\n    version: "2016"\n    ewsAuthentication:\n      - $0\n`);
  assert.deepEqual(labels(items), ['basic', 'ntlm']);
});

test('completion works while the document does not parse', () => {
  const items = complete('version: 1\norganization:\n  name: Litware: Sales\n  deployment: $0\n');
  assert.deepEqual(labels(items), ['online', 'onPremises']);
});

test('nothing is offered inside a comment', () => {
  assert.deepEqual(complete('version: 1\n# deployment: $0\n'), []);
});

test('in a plan parsed in chunks, completion skips the records above the cursor and offers what a line-by-line scan offers', () => {
  const texts = filesUnder(repoPath('examples'), /\.crmsync\.yaml$/).map((f) => fs.readFileSync(f, 'utf8'));
  let compared = 0;
  for (const text of texts) {
    const a = analyze(text);
    if (!a.parsed.layout) continue;
    // The same analysis without its layout: completion then scans every line above.
    const scanned = { ...a, parsed: { ...a.parsed, layout: undefined } };
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
      for (const offset of [at, text.lastIndexOf(': ', at) + 2]) {
        assert.deepEqual(completeAt(a, offset), completeAt(scanned, offset), `at offset ${offset}`);
        compared++;
      }
    }
  }
  assert.ok(compared > 1000, `only ${compared} positions compared`);
});

// Each record snippet, inserted where completion offers it into a plan it fits (a "New Plan…"
// template), adds no error and no schema finding. The e2e suite tries the same cases in VS Code.
const SNIPPET_CASES = JSON.parse(fs.readFileSync(repoPath('test', 'fixtures', 'snippet-cases.json'), 'utf8')) as [label: string, template: string, section: string][];

test('every record snippet is offered once, under its collection, and found by its prefix', () => {
  const offered = Object.entries(RECORD_SNIPPETS).flatMap(([collection, list]) => list.map((s) => [collection, s] as const));
  for (const [collection, s] of offered) {
    const items = complete(`${HEAD}${collection}:\n  $0\n`).filter((i) => i.kind === 'snippet');
    assert.equal(items.filter((i) => i.label === s.label).length, 1, `${s.label} under ${collection}`);
    assert.ok(items.find((i) => i.label === s.label)!.filterText!.startsWith(`${s.prefix} `), s.label);
    for (const alias of s.aliases ?? []) assert.ok(items.find((i) => i.label === s.label)!.filterText!.split(' ').includes(alias), `${s.label} by ${alias}`);
  }
  const tried = new Set(SNIPPET_CASES.map((c) => c[0]));
  for (const s of [...RECORD_SNIPPETS.serverProfiles, ...RECORD_SNIPPETS.mailboxes]) assert.ok(tried.has(s.label), `${s.label} is tried below`);
});

for (const [label, templateId, section] of SNIPPET_CASES) {
  test(`"${label}" inserted into ${section} of ${templateId} adds no error or schema finding`, () => {
    const template = TEMPLATES.find((t) => t.id === templateId)!.text;
    const lines = template.split('\n');
    const at = lines.indexOf(`${section}:`) + 1;
    assert.ok(at > 0, `${templateId} has ${section}`);
    const source = [...lines.slice(0, at), '  $0', ...lines.slice(at)].join('\n');
    const item = complete(source).find((i) => i.label === label);
    assert.ok(item?.isSnippet, `${label} offered`);
    // The default of each placeholder, the first of each choice; an id that cannot clash.
    const inserted = snippetToPlain(item.insertText).replace(/^[^:]+:/, 'snippet-record:');
    const text = [...lines.slice(0, at), `  ${inserted}`, ...lines.slice(at)].join('\n');
    const bad = analyze(text).findings.filter((f) => f.severity === 'error' || f.ruleId.startsWith('schema/'));
    assert.deepEqual(bad.map((f) => `${f.ruleId}: ${f.message}`), [], text);
  });
}
