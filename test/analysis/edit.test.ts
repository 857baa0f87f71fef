/** Minimal edits: layout, comments, quoting, flow/block style and CRLF survive. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/analysis';
import { editorFor } from '../../server/src/analysis/fixes';
import { parsePlan } from '../../server/src/analysis/parse';
import type { TextEdit } from '../../server/src/analysis';

function run(text: string, f: (e: ReturnType<typeof editorFor>) => TextEdit | undefined): string {
  const edit = f(editorFor(parsePlan(text)));
  assert.ok(edit, 'an edit');
  return applyEdits(text, [edit]);
}

const BLOCK = `a:
  b: 1 # keep me
  c:
    d: x
# trailing comment
e: { f: 1, g: 2 }
`;

test('set inserts at the end of a block mapping with its indentation', () => {
  assert.equal(run(BLOCK, (e) => e.set(['a', 'z'], true)), BLOCK.replace('    d: x\n', '    d: x\n  z: true\n'));
});

test('set replaces a written value and keeps the trailing comment', () => {
  assert.equal(run(BLOCK, (e) => e.set(['a', 'b'], 2)), BLOCK.replace('b: 1 # keep me', 'b: 2 # keep me'));
});

test('set inserts into a flow mapping before the brace', () => {
  assert.equal(run(BLOCK, (e) => e.set(['e', 'h'], 'x y')), BLOCK.replace('{ f: 1, g: 2 }', '{ f: 1, g: 2, h: x y }'));
  assert.equal(run('a: {}\n', (e) => e.set(['a', 'b'], 1)), 'a: { b: 1 }\n');
});

test('set creates missing parent mappings in block style', () => {
  assert.equal(run(BLOCK, (e) => e.set(['a', 'n', 'm'], 'v')), BLOCK.replace('    d: x\n', '    d: x\n  n:\n    m: v\n'));
  assert.equal(run('a: 1\n', (e) => e.set(['x', 'y'], 1)), 'a: 1\nx:\n  y: 1\n');
});

test('set under a key with no value writes the child on the next line', () => {
  assert.equal(run('a:\nb: 1\n', (e) => e.set(['a', 'c'], 1)), 'a:\n  c: 1\nb: 1\n');
});

test('strings that would read as other types are quoted', () => {
  assert.equal(run('a: 1\n', (e) => e.set(['a'], '8.0')), 'a: "8.0"\n');
  assert.equal(run('a: 1\n', (e) => e.set(['a'], 'yes')), 'a: "yes"\n');
  assert.equal(run('a: 1\n', (e) => e.set(['a'], '')), 'a: ""\n');
  assert.equal(run('a: 1\n', (e) => e.set(['a'], 'https://x/EWS')), 'a: https://x/EWS\n');
});

test('remove takes the whole pair: value lines and the trailing comment, nothing else', () => {
  assert.equal(run(BLOCK, (e) => e.remove(['a', 'b'])), BLOCK.replace('  b: 1 # keep me\n', ''));
  assert.equal(run(BLOCK, (e) => e.remove(['a', 'c'])), BLOCK.replace('  c:\n    d: x\n', ''));
  assert.equal(run(BLOCK, (e) => e.remove(['e', 'f'])), BLOCK.replace('{ f: 1, g: 2 }', '{ g: 2 }'));
  assert.equal(run(BLOCK, (e) => e.remove(['e', 'g'])), BLOCK.replace('{ f: 1, g: 2 }', '{ f: 1 }'));
});

test('CRLF line endings are kept for inserted lines', () => {
  const crlf = BLOCK.replace(/\n/g, '\r\n');
  assert.equal(run(crlf, (e) => e.set(['a', 'z'], 1)), crlf.replace('    d: x\r\n', '    d: x\r\n  z: 1\r\n'));
  assert.equal(run(crlf, (e) => e.remove(['a', 'b'])), crlf.replace('  b: 1 # keep me\r\n', ''));
});

test('rename keeps the value; appendEntry adds a record to an id map', () => {
  assert.equal(run(BLOCK, (e) => e.rename(['a', 'b'], 'bb')), BLOCK.replace('  b: 1', '  bb: 1'));
  const plan = 'mailSystems:\n  exo: { kind: exchangeOnline }\nserverProfiles: {}\n';
  assert.equal(run(plan, (e) => e.appendEntry(['mailSystems'], 'exch', [['kind', 'exchangeServer']])), 'mailSystems:\n  exo: { kind: exchangeOnline }\n  exch:\n    kind: exchangeServer\nserverProfiles: {}\n');
});

test('inserts at the same offset keep their order', () => {
  assert.equal(applyEdits('ab', [{ span: { start: 1, end: 1 }, newText: 'X' }, { span: { start: 1, end: 1 }, newText: 'Y' }]), 'aXYb');
});

test('a created entry whose id holds " #" is quoted (plain text would end at the comment)', () => {
  const source = 'mailSystems:\n  a: {}\nserverProfiles:\n  p:\n    mailSystem: "3 #"\n';
  const edit = editorFor(parsePlan(source)).appendEntry(['mailSystems'], '3 #', [['kind', 'exchangeServer']]);
  assert.ok(edit);
  const out = applyEdits(source, [edit]);
  assert.equal(out, 'mailSystems:\n  a: {}\n  "3 #":\n    kind: exchangeServer\nserverProfiles:\n  p:\n    mailSystem: "3 #"\n');
  assert.equal(parsePlan(out).hasSyntaxError, false);
});

test('a key with a tag or an anchor before it is not removed, and nothing is appended after an explicit key (the layout is too varied)', () => {
  const tagged = parsePlan('version: 1\n!!str r: x\n');
  assert.equal(editorFor(tagged).remove(['r']), undefined);
  assert.ok(editorFor(parsePlan('version: 1\nr: x\n')).remove(['r']), 'a plain key is removed');
  const explicit = parsePlan('version: 1\n? note\n: x\n');
  assert.equal(editorFor(explicit).setRaw(['baseline'], '"crm2016"'), undefined);
  assert.equal(editorFor(explicit).appendEntry([], 'extra', [['kind', 'exchangeServer']]), undefined);
  assert.ok(editorFor(parsePlan('version: 1\nnote: x\n')).setRaw(['baseline'], '"crm2016"'), 'a plain last pair is extended');
});
