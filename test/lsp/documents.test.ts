/**
 * The server's documents (lsp/documents.ts) read every edit as the library's TextDocument does:
 * the same text, offsets, positions and line count after any sequence of incremental and full
 * changes, with and without carriage returns.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { PLAN_DOCUMENTS } from '../../server/src/lsp/documents';

const piece = fc.constantFrom('a', 'key: value', '\n', '\n\n', '  ', 'é', '😀', '# c', '\r\n', '\r', '');
const text = (withCr: boolean) => fc.array(withCr ? piece : piece.filter((p) => !p.includes('\r')), { maxLength: 12 }).map((a) => a.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 8 }), character: fc.integer({ min: -1, max: 14 }) });

function changes(withCr: boolean): fc.Arbitrary<TextDocumentContentChangeEvent[]> {
  const incremental = fc.record({ range: fc.record({ start: position, end: position }), text: text(withCr) });
  const full = fc.record({ text: text(withCr) });
  return fc.array(fc.oneof({ arbitrary: incremental, weight: 6 }, { arbitrary: full, weight: 1 }), { minLength: 1, maxLength: 3 });
}

function check(withCr: boolean, runs: number, seed: number) {
  fc.assert(
    fc.property(text(withCr), fc.array(changes(withCr), { maxLength: 6 }), fc.array(position, { maxLength: 6 }), fc.array(fc.integer({ min: -2, max: 60 }), { maxLength: 6 }), (initial, edits, positions, offsets) => {
      const ours = PLAN_DOCUMENTS.create('file:///p.crmsync.yaml', 'crmsync', 1, initial);
      const theirs = TextDocument.create('file:///p.crmsync.yaml', 'crmsync', 1, initial);
      let version = 1;
      for (const batch of edits) {
        version++;
        // Ranges inside the document, as clients send them: each change's ends moved onto the text
        // it applies to (the library's line offsets go wrong after a range past the end).
        let cur = TextDocument.create('file:///p.crmsync.yaml', 'crmsync', 0, theirs.getText());
        const e = batch.map((c) => {
          const inside = 'range' in c && c.range ? { ...c, range: { start: cur.positionAt(cur.offsetAt(c.range.start)), end: cur.positionAt(cur.offsetAt(c.range.end)) } } : c;
          cur = TextDocument.update(cur, [inside], 0);
          return inside;
        });
        const got = PLAN_DOCUMENTS.update(ours, e, version);
        TextDocument.update(theirs, e, version);
        assert.equal(got, ours);
        // The text as the library applies the edits; lines as it reads that text afresh.
        assert.equal(ours.getText(), theirs.getText());
        const fresh = TextDocument.create('file:///p.crmsync.yaml', 'crmsync', version, theirs.getText());
        assert.equal(ours.version, version);
        assert.equal(ours.lineCount, fresh.lineCount);
        for (const p of positions) assert.equal(ours.offsetAt(p), fresh.offsetAt(p), JSON.stringify(p));
        for (const o of offsets) assert.deepEqual(ours.positionAt(o), fresh.positionAt(o), String(o));
        for (const p of positions) assert.equal(ours.getText({ start: p, end: positions[0] }), fresh.getText({ start: p, end: positions[0] }));
        for (const p of positions) assert.deepEqual(ours.getLineRange(p.line), fresh.getLineRange(p.line));
        for (const p of positions) assert.equal(ours.getEOLCharacters(p.line), fresh.getEOLCharacters(p.line));
      }
    }),
    { numRuns: runs, seed },
  );
}

test('documents without carriage returns read every edit as the library does (fast-check, 3,000 runs)', () => check(false, 3000, 20261205));

test('documents with carriage returns too (fast-check, 1,500 runs)', () => check(true, 1500, 1205));
