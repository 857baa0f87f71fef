/**
 * `commentsWith` (the TODO comments of import-todo, found without lexing a large plan) gives what
 * the YAML lexer gives: on every fixture plan with the marker written into random lines — as a
 * comment line at any indentation, after a key or a value, inside quoted and block scalars, in
 * flow collections, in a second document, after a lone CR (not a line end to the lexer).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { commentsWith } from '../../server/src/analysis/comments';
import { parsePlan, yamlComments } from '../../server/src/analysis/parse';
import { filesUnder, repoPath } from '../harness/paths';

const MARKER = 'TODO(crmsync import):';
const PLANS = [...filesUnder(repoPath('test', 'fixtures'), /\.crmsync\.ya?ml$/), ...filesUnder(repoPath('examples'), /\.crmsync\.ya?ml$/)].map((f) => fs.readFileSync(f, 'utf8'));

const lexed = (text: string) => yamlComments(text).filter((c) => c.text.includes(MARKER));

const FORMS: readonly ((line: string, indent: string) => string)[] = [
  (line, indent) => `${indent}# ${MARKER} own line\n${line}`,
  (line) => `${line} # ${MARKER} after`,
  (line) => `${line}  #${MARKER} tight`,
  (line) => `${line}#${MARKER} not a comment`,
  (line, indent) => `${indent}note: "text # ${MARKER} in quotes"\n${line}`,
  (line, indent) => `${indent}note: 'a\n${indent}  # ${MARKER} inside a quoted scalar'\n${line}`,
  (line, indent) => `${indent}note: |\n${indent}  keep\n${indent}  # ${MARKER} inside a block scalar\n${line}`,
  (line, indent) => `${indent}note: [a, # ${MARKER} in flow\n${indent}  b]\n${line}`,
  (line, indent) => `${indent}- "" # ${MARKER} list item\n${line}`,
  (line, indent) => `${indent}v: "" # ${MARKER} placeholder\n${line}`,
  (line) => `${line}\n---\nnote: |\n  # ${MARKER} second document`,
  (line, indent) => `${indent}k: ${MARKER} value # ${MARKER} both\n${line}`,
  (line) => `${line}\r`,
  (line, indent) => `${line} # c\r${indent}# ${MARKER} after a lone CR`,
];

test('commentsWith = the lexer on every fixture plan, as is', () => {
  assert.ok(PLANS.length > 100);
  for (const text of PLANS) assert.deepEqual(commentsWith(parsePlan(text), MARKER), lexed(text));
});

test('commentsWith = the lexer with the marker written into random lines', () => {
  fc.assert(
    fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat({ max: FORMS.length - 1 })), { minLength: 1, maxLength: 4 }), (p, edits) => {
      const lines = PLANS[p % PLANS.length].split('\n');
      for (const [at, form] of edits) {
        const i = at % lines.length;
        const indent = /^[ ]*/.exec(lines[i])![0];
        lines[i] = FORMS[form](lines[i], indent);
      }
      const text = lines.join('\n');
      assert.deepEqual(commentsWith(parsePlan(text), MARKER), lexed(text));
    }),
    { seed: 20261204, numRuns: 1500 },
  );
});
