/** The line index of an edited text, spliced from the previous version's, equals one built anew. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/analysis/text';
import { rng } from '../harness/random';

const starts = (l: LineIndex) => Array.from({ length: l.lineCount }, (_, i) => l.lineStart(i));

/** Every answer of the index about `text`: the line starts and ends, and the position of every offset and back. */
function answers(l: LineIndex, text: string) {
  const positions = Array.from({ length: text.length + 2 }, (_, o) => l.position(o));
  return {
    starts: starts(l),
    ends: Array.from({ length: l.lineCount }, (_, i) => l.lineEnd(i)),
    positions,
    offsets: positions.map((p) => l.offset(p.line, p.character)),
    clamped: [l.offset(-1, 0), l.offset(l.lineCount, 0), l.lineStart(-3), l.lineStart(l.lineCount + 3), l.offset(0, 999)],
  };
}

// Blocks of 1, 2 and 3 lines make every edit of these short texts reach across blocks; 1024 is the
// size the product uses.
for (const blockLines of [1, 2, 3, 1024]) {
  test(`a spliced line index answers as a new one, over 2,000 random edit sequences (blocks of ${blockLines} lines)`, () => {
    const pieces = ['a', 'bc', '\n', '\n\n', '  key: value\n', '', 'x\ny', '\n\n\n\n\n'];
    for (let seq = 0; seq < 2000; seq++) {
      const r = rng(seq + 7);
      const pick = () => pieces[Math.floor(r() * pieces.length)];
      let text = Array.from({ length: Math.floor(r() * 12) }, pick).join('');
      let lines = new LineIndex(text, blockLines);
      for (let step = 0; step < 6; step++) {
        const start = Math.floor(r() * (text.length + 1));
        const endOld = start + Math.floor(r() * (text.length - start + 1));
        const inserted = Array.from({ length: Math.floor(r() * 4) }, pick).join('');
        const next = text.slice(0, start) + inserted + text.slice(endOld);
        const spliced = LineIndex.spliced(lines, next, start, endOld, next.length - text.length);
        assert.deepEqual(answers(spliced, next), answers(new LineIndex(next), next), `${JSON.stringify(text)} → ${JSON.stringify(next)}`);
        // The previous version's index is a value: it still answers for its own text.
        assert.deepEqual(answers(lines, text), answers(new LineIndex(text), text), `${JSON.stringify(text)}, after the splice`);
        text = next;
        lines = spliced;
      }
    }
  });
}

test('a line index of a long text spliced many times in one place answers as a new one', () => {
  // Enter typed 3,000 times at one spot of a 5,000-line text, then the lines deleted one by one.
  let text = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');
  let lines = new LineIndex(text);
  const at = text.indexOf('line 2500');
  for (let i = 0; i < 3000; i++) {
    const next = text.slice(0, at) + '\n' + text.slice(at);
    lines = LineIndex.spliced(lines, next, at, at, 1);
    text = next;
  }
  assert.equal(lines.lineCount, 8000);
  assert.deepEqual(starts(lines), starts(new LineIndex(text)));
  for (let i = 0; i < 3000; i++) {
    const next = text.slice(0, at) + text.slice(at + 1);
    lines = LineIndex.spliced(lines, next, at, at + 1, -1);
    text = next;
  }
  assert.deepEqual(answers(lines, text).starts, starts(new LineIndex(text)));
  assert.deepEqual(lines.position(at + 3), { line: 2500, character: 3 });
});
