/**
 * Parser problems as yaml-syntax findings: warnings by their decided severity (a warning does not
 * stop the schema and rule checks), and hints chosen by code *and* message — an input for every
 * hint of the table, and messages that get none.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { SYNTAX_HINTS, WARNING_POLICY, firstLine, hintFor, parserProblem } from '../../server/src/analysis/syntax-hints';
import { analyze } from '../harness/check';

const PLAN = (org = 'contoso', regarding = 'Alice Ng') => `version: 1
organization:
  name: ${org}
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, regarding: ${regarding}, emailAddress: alice@contoso.com, approval: approved }
`;

const summary = (text: string) => analyze(text).findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`);

test('the plan used below has no findings', () => {
  assert.deepEqual(summary(PLAN()), []);
});

test('parser warnings for valid YAML are yaml-syntax warnings, and the plan is still checked', () => {
  const cases: [string, string][] = [
    [`%FOO bar\n---\n${PLAN()}`, 'Unknown YAML directive %FOO; it is ignored. YAML defines only the %YAML and %TAG directives.'],
    [`%YAM 1.2\n---\n${PLAN()}`, 'Unknown YAML directive %YAM; it is ignored. YAML defines only the %YAML and %TAG directives.'],
    [`%YAML 1.3\n---\n${PLAN()}`, 'YAML version 1.3 is not one this parser knows (1.1, 1.2); the plan is read as YAML 1.2.'],
  ];
  for (const [text, message] of cases) {
    const a = analyze(text);
    assert.deepEqual(summary(text), [`warning yaml-syntax: ${message}`], text);
    assert.equal(a.parsed.hasSyntaxError, false);
    assert.ok(a.plan, 'the plan model is built');
    // The checks run: a typo is still reported next to the warning.
    const typo = summary(text.replace('  deployment: online\n', '  deployment: online\n  colour: blue\n'));
    assert.deepEqual(typo, [`warning yaml-syntax: ${message}`, "error schema/additional-properties: Unknown key 'colour' in organization."]);
  }
  const colon = PLAN('&org: contoso', '*org:');
  assert.deepEqual(summary(colon), [
    "warning yaml-syntax: This anchor's name ends in ':'; YAML allows that, but the ':' is part of the name and easily misread.",
    "warning yaml-syntax: This alias's name ends in ':'; YAML allows that, but the ':' is part of the name and easily misread. To use an alias as a key, put a space before the ':' (*name : value).",
  ]);
  assert.equal(analyze(colon).parsed.hasSyntaxError, false);
  assert.equal(analyze(colon).plan?.mailboxes[0].id, 'alice');
});

test('the plan restrictions among the parser warnings stay errors and stop the checks', () => {
  const cases: [string, string][] = [
    [`%YAML 2.0\n---\n${PLAN()}`, 'YAML version 2.0 is not supported: a YAML 1.2 parser must reject a document of another major version.'],
    [PLAN('!secret contoso'), 'Unknown YAML tag: Unresolved tag: !secret.'],
    [PLAN('!!int contoso'), 'The value does not fit its tag !!int.'],
    [PLAN('!!set [contoso]'), 'The value does not fit its tag: !!set used for seq collection, but expects map.'],
  ];
  for (const [text, message] of cases) {
    assert.deepEqual(summary(text.replace('  deployment: online\n', '  deployment: online\n  colour: blue\n')), [`error yaml-syntax: ${message}`], text);
    assert.equal(analyze(text).parsed.hasSyntaxError, true);
  }
});

test('every warning the parser can emit has a decision; those the plan options never produce are still decided', () => {
  for (const p of WARNING_POLICY) assert.ok(p.shown && p.why, `${p.code} ${p.message}`);
  const dormant = WARNING_POLICY.filter((p) => p.dormant).map((p) => [p.code, p.severity]);
  assert.deepEqual(dormant, [
    ['BAD_INDENT', 'warning'],
    ['TAG_RESOLVE_FAILED', 'warning'],
  ]);
  const problem = (code: string, message: string) => parserProblem({ code, message, pos: [0, 1] }, true, 'x', false);
  assert.deepEqual(problem('BAD_INDENT', 'Flow end indicator should be more indented than parent'), {
    severity: 'warning',
    message: 'YAML warning: Flow end indicator should be more indented than parent.',
  });
  assert.equal(problem('TAG_RESOLVE_FAILED', 'Value may be parsed as either !!int or !!str').severity, 'warning');
  // A warning of a newer yaml package that no entry knows: a warning, not an error.
  assert.deepEqual(problem('IMPOSSIBLE', 'Something new'), { severity: 'warning', message: 'YAML warning: Something new.' });
});

/** An input for every hint: the parser's message for it, and the hint (keyed by the pattern's source). */
const SAMPLES: Record<string, string> = {
  '^Missing closing "quote': 'a: "b\n',
  "^Missing closing 'quote": "a: 'b\n",
  '^Flow sequence must end with a \\]': '[a, b\n',
  '^Flow map must end with a \\}': '{a: 1\n',
  '^Flow sequence in block collection must be sufficiently indented and end with a \\]': 'a: [b\n',
  '^Flow map in block collection must be sufficiently indented and end with a \\}': 'a: {b: c\n',
  '^Missing , or : between flow (sequence|map) items': '["a" "b"]\n',
  '^Unexpected , in flow (sequence|map)$': 'a: [b, , c]\n',
  '^Block collections are not allowed within flow collections': 'a: [\n  - b\n]\n',
  '^Implicit keys of flow sequence pairs need to be on a single line': '[ key\n  : value ]\n',
  '^Unexpected scalar at node end': 'name: "Contoso" Ltd\n',
  '^Nested mappings are not allowed in compact mappings': 'name: Litware: Sales\n',
  '^Implicit map keys need to be followed by map values': 'version: 1\nname contoso\n',
  '^Implicit keys need to be on a single line': '- a\n b: c\n',
  '^Unexpected block-seq-ind on same line with key': 'a: - b\n',
  '^All mapping items must start at the same column': 'a:\n  b: 1\n c: 2\n',
  '^All sequence items must start at the same column': '- key: value\n - item1\n',
  '^Sequence item without - indicator': '- - a\n  b\n',
  '^Tabs are not allowed as indentation': 'a:\n\t- b\n',
  '^Plain value cannot start with ': 'a: @contoso\n',
  '^Invalid escape sequence': 'path: "C:\\path"\n',
  '^(Alias|Anchor) cannot be an empty string': 'filter: *\n',
  '^Alias ending in : is ambiguous': 'a: &x 1\n*x: 2\n',
  '^Comments must be separated from other tokens by white space characters': 'a: "b"# note\n',
  '^Tags and anchors must be separated from the next token by white space': 'a: &x[b]\n',
  '^Missing newline after block sequence props': '&anchor - sequence entry\n',
  '^Block scalars with more-indented leading empty lines must use an explicit indentation indicator': 'note: >\n \n  \n   \n text\n',
  '^Block scalar header includes extra characters': 'note: |x\n  text\n',
  '^Missing directives-end(\\/doc-start)? indicator line': '%YAML 1.2\na: b\n',
  '^Block collection cannot start on same line with directives-end marker': '--- a: b\n',
  '^Unknown directive ': '%FOO\n---\na: 1\n',
};

for (const entry of SYNTAX_HINTS) {
  test(`hint for ${entry.code} /${entry.message.source}/`, () => {
    const text = SAMPLES[entry.message.source];
    assert.ok(text !== undefined, `no sample input for /${entry.message.source}/`);
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
    const problem = [...doc.errors, ...doc.warnings].find((e) => e.code === entry.code && entry.message.test(firstLine(e.message)));
    assert.ok(problem, `the sample gives no ${entry.code} matching /${entry.message.source}/: ${[...doc.errors, ...doc.warnings].map((e) => `${e.code} ${e.message}`).join('; ')}`);
    assert.equal(hintFor(problem.code, firstLine(problem.message), text, problem.pos[0]), entry.hint);
    // What the user sees: the finding at the parser's position ends with exactly this hint.
    // (A position at the very end of the text is widened back onto its last character.)
    const at = (start: number) => start === problem.pos[0] || (problem.pos[0] >= text.length - 1 && start === text.length - 1);
    const finding = analyze(text).findings.find((f) => f.ruleId === 'yaml-syntax' && at(f.span.start) && f.message.endsWith(` ${entry.hint}`));
    assert.ok(finding, `no yaml-syntax finding ending in the hint at ${problem.pos[0]}: ${summary(text).join(' | ')}`);
  });
}

test('every sample belongs to an entry of the table', () => {
  const sources = new Set(SYNTAX_HINTS.map((h) => h.message.source));
  assert.deepEqual(Object.keys(SAMPLES).filter((s) => !sources.has(s)), []);
});

test('the hint is the one for the message, not for the code: MISSING_CHAR, BAD_INDENT and the rest', () => {
  assert.deepEqual(summary('a: "b\n'), ['error yaml-syntax: YAML syntax error: Missing closing "quote. Close the text with ". Inside "…", a quote is written \\".']);
  assert.deepEqual(summary('version: 1\nname contoso\n'), ["error yaml-syntax: YAML syntax error: Implicit map keys need to be followed by map values. A key is followed by ':' and a space, then its value."]);
  assert.deepEqual(summary('a: "b"# note\n'), ["error yaml-syntax: YAML syntax error: Comments must be separated from other tokens by white space characters. Put a space before the '#' that starts a comment."]);
  assert.deepEqual(summary('a: [b\n'), ["error yaml-syntax: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]. A [ … ] list must be closed with ']', and its lines must be indented more than its key."]);
  for (const f of analyze('note: >\n \n  \n   \n text\n').findings) assert.doesNotMatch(f.message, /bracket|quote/);
});

test('no hint where the table has nothing true to say', () => {
  const cases: [string, string[]][] = [
    // Text after a value on the next line, or after an alias: not "after a closing quote or bracket".
    ['- |\nx\n', ['error yaml-syntax: YAML syntax error: Unexpected scalar at node end.']],
    ['a: &x &y b\n', ['error yaml-syntax: YAML syntax error: A node can have at most one anchor.']],
    ['a: !!str !!str b\n', ['error yaml-syntax: YAML syntax error: A node can have at most one tag.']],
    ['key1: &a value1\n&b *a : value2\n', ['error yaml-syntax: YAML syntax error: An alias node must not specify any properties.']],
    // The block sequence's misplaced '-': no hint, while the other two messages have theirs.
    [
      'key:\n   - ok\n   - also ok\n  - wrong\n',
      [
        'error yaml-syntax: YAML syntax error: A block sequence may not be used as an implicit map key.',
        'error yaml-syntax: YAML syntax error: Implicit keys need to be on a single line. A key must fit on one line; check the indentation of this line and the one above.',
        'error yaml-syntax: A key must be a plain value; a mapping or list used as a key is not allowed in a plan.',
        "error yaml-syntax: YAML syntax error: Implicit map keys need to be followed by map values. A key is followed by ':' and a space, then its value.",
      ],
    ],
    ['foo: |\n\t\nbar: 1\n', ['error yaml-syntax: YAML syntax error: Block scalar values in collections must be indented.']],
  ];
  for (const [text, expected] of cases) assert.deepEqual(summary(text), expected, JSON.stringify(text));
});

test('in a file with a control character (binary junk) no parser message gets a hint', () => {
  assert.deepEqual(summary('a: "b\u0000\n'), [
    'error yaml-syntax: The plan contains the control character U+0000, which YAML does not allow; is this a binary file?',
    'error yaml-syntax: YAML syntax error: Missing closing "quote.',
  ]);
  assert.deepEqual(summary('a: [b\u0007\n'), [
    'error yaml-syntax: The plan contains the control character U+0007, which YAML does not allow; is this a binary file?',
    'error yaml-syntax: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ].',
  ]);
  const nul = summary(`version: 1\norganization: { name: con\u0000toso, deployment: onPremises }\n`);
  assert.deepEqual(nul, ['error yaml-syntax: The plan contains the control character U+0000, which YAML does not allow; is this a binary file?']);
});
