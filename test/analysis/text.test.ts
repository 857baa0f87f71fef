/** The line index of an edited text, spliced from the previous version's, equals one built anew. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/analysis/text';
import { rng } from '../harness/random';

const starts = (l: LineIndex) => Array.from({ length: l.lineCount }, (_, i) => l.lineStart(i));

test('a spliced line index equals a new one, over 2,000 random edits', () => {
  const pieces = ['a', 'bc', '\n', '\n\n', '  key: value\n', '', 'x\ny'];
  for (let seq = 0; seq < 2000; seq++) {
    const r = rng(seq + 7);
    const pick = () => pieces[Math.floor(r() * pieces.length)];
    let text = Array.from({ length: Math.floor(r() * 12) }, pick).join('');
    let lines = new LineIndex(text);
    for (let step = 0; step < 4; step++) {
      const start = Math.floor(r() * (text.length + 1));
      const endOld = start + Math.floor(r() * (text.length - start + 1));
      const inserted = Array.from({ length: Math.floor(r() * 3) }, pick).join('');
      const next = text.slice(0, start) + inserted + text.slice(endOld);
      const spliced = LineIndex.spliced(lines, next, start, endOld, next.length - text.length);
      assert.deepEqual(starts(spliced), starts(new LineIndex(next)), `${JSON.stringify(text)} → ${JSON.stringify(next)}`);
      text = next;
      lines = spliced;
    }
  }
});
