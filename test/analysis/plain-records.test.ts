/**
 * The plain-record parser builds exactly what `yaml` builds (nodes, ranges, comments, plain
 * values) for every text it accepts, and accepts the records plans are mostly made of.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as fc from 'fast-check';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import { parseChunked } from '../../server/src/analysis/incremental/chunks';
import { parsePlainRecord } from '../../server/src/analysis/incremental/plain-records';
import { filesUnder, repoPath } from '../harness/paths';
import { exchangeOnlinePlan } from '../harness/plans';

/** A node as data: its kind, every own enumerable property, its children the same way. */
function shape(n: unknown): unknown {
  if (isPair(n)) return { pair: true, props: Object.keys(n).sort(), key: shape(n.key), value: shape(n.value) };
  if (isMap(n)) {
    const { items, ...props } = n as unknown as Record<string, unknown> & { items: unknown[] };
    return { map: true, schema: n.schema !== undefined, props, items: items.map(shape) };
  }
  if (isScalar(n)) return { scalar: true, props: { ...n } };
  return { other: n };
}

/** Compares the plain parse of `text` with yaml's, when the plain parser accepts it; true if it did. */
function agrees(text: string): boolean {
  const plain = parsePlainRecord(text);
  if (!plain) return false;
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  assert.deepEqual(doc.errors, [], `yaml reads an error in a text the plain parser took: ${JSON.stringify(text)}`);
  assert.deepEqual(doc.warnings, []);
  assert.deepEqual(shape(plain.contents), shape(doc.contents), JSON.stringify(text));
  const js = doc.toJS() as Record<string, unknown>;
  assert.deepEqual(Object.keys(js), [plain.key]);
  assert.deepEqual(plain.value, js[plain.key], JSON.stringify(text));
  return true;
}

const chunksOf = (text: string): string[] => parseChunked(text)?.layout.entries.map((e) => e.text) ?? [];

test('every chunk of every example and fixture plan that the plain parser takes, it reads as yaml does', () => {
  const files = [...filesUnder(repoPath('examples'), /\.crmsync\.ya?ml$/), ...filesUnder(repoPath('test', 'fixtures'), /\.crmsync\.ya?ml$/)];
  assert.ok(files.length > 300, `${files.length} plans`);
  let chunks = 0;
  let taken = 0;
  for (const file of files) {
    for (const chunk of chunksOf(fs.readFileSync(file, 'utf8'))) {
      chunks++;
      if (agrees(chunk)) taken++;
    }
  }
  // The fixtures carry annotation comments and every odd case the rules check, so many of their
  // chunks go to yaml; still, the plain parser must be taking a good share (about half in 2026-12).
  assert.ok(taken > chunks / 3, `${taken} of ${chunks} chunks read by the plain parser`);
});

test('the plain parser takes every record of a generated plan and reads it as yaml does', () => {
  const text = exchangeOnlinePlan(200, (i) => [
    `  user-${i}:`,
    '    kind: user',
    `    regarding: Person Number ${i}`,
    `    emailAddress: user${i}@contoso.com`,
    ...(i % 3 ? [] : ['    appointmentsContactsTasks: none    # email only']),
    ...(i % 5 ? [] : ['    status:', '      incoming: success', `      testedOn: ${20260000 + i}`, '    useImpersonation: false']),
  ]);
  const records = chunksOf(text).filter((c) => c.startsWith('  user-'));
  assert.equal(records.length, 200);
  for (const r of records) assert.ok(agrees(r), `not taken: ${JSON.stringify(r)}`);
});

test('a plan imported from Dataverse is read by the plain parser but for its header comment and section keys', () => {
  const chunks = chunksOf(fs.readFileSync(repoPath('test', 'fixtures', 'dataverse', 'expected-plan.crmsync.yaml'), 'utf8'));
  const left = chunks.filter((c) => !agrees(c)).map((c) => c.split('\n')[0]);
  assert.deepEqual(left, ['# Imported by crmsync import from a Dataverse Web API export of organization', 'mailSystems:', 'serverProfiles:', 'mailboxes:']);
});

test('texts the plain parser takes, read as yaml reads them', () => {
  for (const text of [
    'version: 1\n',
    '  a: x\n',
    '  a:\n    k: "quoted"\n    j: \'single, quoted\'   # why\n',
    '  a:\n    k: 012x\n    tenantId: 4a7e2b1c-9d3f-4e6a-8b5c-1f2e3d4c5b6a\n',
    '  a:\n    serverLocation: https://mail.example/EWS/Exchange.asmx?x=1&y=%20\n',
    '  a:\n    k: x\n\n    j: y\n  \n\n',
    '  a:\n    status:\n      incoming: success\n\n    k: x',
    '  alice-ng: # crmsync:id bfe45462-1c1f-46f3-af25-99646e1a9345\n    trackedFolders:\n      - Inbox/Adventure Works\n      - "Inbox/Fourth Coffee"  # c\n    status:   # s\n      act: success\n\n',
    '  a:\n    k:\n    - x\n    - y\n    j: z\n',
    '  a:\n  - x\n',
    '  a:\n    k: {x: 1}\n    password: { secretRef: "env:CRMSYNC_SALES_PASSWORD" } # placeholder\n    j: { a: b c , d: 7,e: "f" }\n',
    '  chloe-dubois:\n    regarding: Chloé Dubois\n    name: "Zoë Ünal"\n',
  ]) {
    assert.ok(agrees(text), JSON.stringify(text));
  }
});

test('texts the plain parser must leave to yaml', () => {
  for (const text of [
    '  a:\n    k: "esc\\"aped"\n',
    "  a:\n    k: 'it''s'\n",
    '  a:\n    k: null\n',
    '  a:\n    k: ~\n',
    '  a:\n    k: 012\n',
    '  a:\n    k: 1.5\n',
    '  a:\n    k: 0x1F\n',
    '  a:\n    k: 1e3\n',
    '  a:\n    k: [x, y]\n',
    '  a:\n    k: {x: {y: 1}}\n',
    '  a:\n    k: {}\n',
    '  a:\n    k: { x: 1, }\n',
    '  a:\n    k: { x }\n',
    '  a:\n    k: { x: [1] }\n',
    '  a:\n    k: { x: 1 } y\n',
    '  a:\n    - k: x\n',
    '  a:\n    k:\n      - x\n\n      - y\n',
    '  a:\n    k:\n      -\n',
    '  a:\n    k: x: y\n',
    '  a:\n    k:\n',
    '  a:\n    k: x\n    k: y\n',
    '  a:\n\n    k: x\n',
    '  a:\n    k: x\n  # the end\n',
    '  a:\n    # note\n    k: x\n',
    '  a:\n\tk: x\n',
    '  a:\r\n    k: x\r\n',
    '  a:\n    k: x   \n',
    '  a:\n    k: x\n   j: y\n',
    '  a:\n    k: x\n  b:\n    k: y\n',
    '  true:\n    k: x\n',
    '  __proto__:\n    k: x\n',
    '  a:\n    k: &anchor x\n',
    '  a:\n    k: !tag x\n',
    '  a:   #\n    k: x\n',
    '  a:\n    k: >\n      folded\n',
  ]) {
    assert.equal(parsePlainRecord(text), undefined, JSON.stringify(text));
  }
});

test('property: whatever text of plain-looking lines the plain parser takes, it reads as yaml does', () => {
  const word = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('a', 'user', 'x.y', 'a-b', 'a_b', '0', '7', 'u@c.com', 'A b', 'yes', 'True', 'False', '012x', '2f6a1c9e-8b3d', '"q"', "'s p'", 'https://x.y/p?q=1&r=%20~', 'A, b', 'Chloé Dubois', '"Zoë"', '{ k: v }', '{k: v, j: "q"}', '{ a: b c }', '{ a: 1 , b: x}', '{ s: "env:X_1" }') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('Null', 'null', '012', '1.5', 'v  w', '#', 'x#y', 'a:b', '-x', 'é', '1_000', '"x\\"', "'it''s'", '"é"', '12.5.3', '1.', '0o7', '0x1f', '1e3', '99999999999999999', '"a" b', 'a [b]', 'x:', 'a:#b', 'a: b', 'a::b', '""', "''", '{a:1}', '{ a: b, }', '{ }', '{ a: {b: 1} }', '{ a: [x] }', '{ a: b, a: c }', '{ a: x:y }', '{ a: b } c', '\u0085x', 'a\u2028b', '\ufeffx', 'x\u00a0y', 'e\u0301'),
    },
  );
  const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('a', 'b', 'c', 'kind', 'x.y', 'a-b', 'a_b', 'k9') }, { weight: 1, arbitrary: fc.constantFrom('Null', 'true', '9', '__proto__', 'constructor', 'a b', '"q"') });
  const comment = fc.constantFrom('', '', '', ' # c', '   #c  ', ' #', '#x', ' ', '  # a # b');
  const opening = fc.constantFrom('', '', '', ' # crmsync:id 1c62a59e', '   #x  ', ' #', '#x', ' ');
  const pad = (n: number) => ' '.repeat(Math.max(0, n));
  // A tree of mappings as yaml would indent it (step 2 or 4), with now and then a blank or
  // comment line, or a line one space off.
  const lines = (indent: number, step: number, depth: number): fc.Arbitrary<string[]> =>
    fc
      .array(
        fc.oneof(
          { weight: 6, arbitrary: fc.tuple(key, word, comment).map(([k, v, c]) => [`${pad(indent)}${k}: ${v}${c}`]) },
          {
            weight: depth < 2 ? 2 : 1,
            arbitrary: depth < 2 ? fc.tuple(key, opening).chain(([k, c]) => lines(indent + step, step, depth + 1).map((ls) => [`${pad(indent)}${k}:${c}`, ...ls])) : fc.constant([`${pad(indent)}z: 1`]),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(key, opening, fc.constantFrom(0, step, step + 1), fc.array(fc.tuple(word, comment, fc.constantFrom('- ', '-   ', '-', '- k: ')), { minLength: 1, maxLength: 3 }))
              .map(([k, c, off, items]) => [`${pad(indent)}${k}:${c}`, ...items.map(([v, ic, d]) => `${pad(indent + off)}${d}${v}${ic}`)]),
          },
          { weight: 1, arbitrary: fc.constantFrom(['', ''], [''], ['  '], [`${pad(indent)}# note`]) },
          { weight: 1, arbitrary: fc.tuple(key, word, fc.constantFrom(-1, 1)).map(([k, v, off]) => [`${pad(indent + off)}${k}: ${v}`]) },
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((groups) => groups.flat());
  const record = fc
    .tuple(fc.constantFrom(0, 2), fc.constantFrom(2, 4), key, fc.boolean())
    .chain(([indent, step, k, newline]) => lines(indent + step, step, 0).map((ls) => `${pad(indent)}${k}:\n${ls.join('\n')}${newline ? '\n' : ''}`));
  let taken = 0;
  fc.assert(
    fc.property(record, (text) => {
      if (agrees(text)) taken++;
    }),
    { numRuns: 3000, seed: 20261204 },
  );
  assert.ok(taken > 100, `${taken} of 3000 generated texts read by the plain parser`);
});
