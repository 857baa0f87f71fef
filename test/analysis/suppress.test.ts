/** Suppression comments: next-line and file scope, reasons, unknown ids, unused suppressions. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../harness/check';

const PLAN = (extra: string) => `version: 1
organization:
  name: contoso
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
${extra}    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
`;

const ids = (text: string) => analyze(text).findings.map((f) => f.ruleId);

test('without a comment the unknown key is reported', () => {
  assert.deepEqual(ids(PLAN('    colour: blue\n')), ['schema/additional-properties']);
});

test('disable-next-line with a reason suppresses the finding on the next line and keeps it in suppressed', () => {
  const a = analyze(PLAN('    # crmsync-disable-next-line schema/additional-properties -- kept for the migration script\n    colour: blue\n'));
  assert.deepEqual(a.findings, []);
  assert.equal(a.suppressed.length, 1);
  assert.equal(a.suppressed[0].ruleId, 'schema/additional-properties');
  assert.equal(a.suppressed[0].reason, 'kept for the migration script');
});

test('disable-next-line only covers the next line', () => {
  const text = PLAN('    # crmsync-disable-next-line schema/additional-properties -- one only\n    colour: blue\n    flavour: mint\n');
  assert.deepEqual(ids(text), ['schema/additional-properties']);
});

test('a list of ids, and disable-file anywhere in the file', () => {
  assert.deepEqual(ids(PLAN('    # crmsync-disable-next-line schema/enum, schema/additional-properties -- both\n    colour: blue\n')), ['invalid-suppression']);
  const a = analyze(`# crmsync-disable-file schema/additional-properties -- generated file\n${PLAN('    colour: blue\n    flavour: mint\n')}`);
  assert.deepEqual(a.findings, []);
  assert.equal(a.suppressed.length, 2);
});

test('a suppression without a reason still applies and is itself a warning', () => {
  const a = analyze(PLAN('    # crmsync-disable-next-line schema/additional-properties\n    colour: blue\n'));
  assert.deepEqual(a.findings.map((f) => `${f.severity} ${f.ruleId}`), ['warning invalid-suppression']);
  assert.match(a.findings[0].message, /without a reason/);
  assert.equal(a.suppressed.length, 1);
});

test('an unknown id and a suppression that suppresses nothing are reported on the id', () => {
  const text = PLAN('    # crmsync-disable-next-line no-such-rule -- typo\n    colour: blue\n');
  const a = analyze(text);
  assert.deepEqual(a.findings.map((f) => f.ruleId).sort(), ['invalid-suppression', 'schema/additional-properties']);
  const inv = a.findings.find((f) => f.ruleId === 'invalid-suppression')!;
  assert.equal(text.slice(inv.span.start, inv.span.end), 'no-such-rule');
  const unused = analyze(PLAN('    # crmsync-disable-next-line plaintext-secret -- nothing here\n'));
  assert.deepEqual(unused.findings.map((f) => f.ruleId), ['invalid-suppression']);
  assert.match(unused.findings[0].message, /suppresses nothing/);
});

test('a severity override can turn invalid-suppression off', () => {
  const a = analyze(PLAN('    # crmsync-disable-next-line plaintext-secret -- nothing here\n'), { rules: { 'invalid-suppression': 'off' } });
  assert.deepEqual(a.findings, []);
});

test("an unknown id names the closest known id, with a fix that replaces it (not preferred: fix-all leaves it)", () => {
  const text = PLAN('    # crmsync-disable-next-line plaintext-secre -- demo account\n    colour: blue\n');
  const inv = analyze(text).findings.find((f) => f.ruleId === 'invalid-suppression')!;
  assert.equal(inv.message, "Unknown rule id 'plaintext-secre' in a suppression comment. Did you mean 'plaintext-secret'?");
  assert.deepEqual(inv.fixes, [{ title: "Replace with 'plaintext-secret'", edits: [{ span: inv.span, newText: 'plaintext-secret' }] }]);
  const typo = analyze(`# crmsync-disable-file profile-unsued -- reason\n${PLAN('')}`).findings.find((f) => f.ruleId === 'invalid-suppression')!;
  assert.match(typo.message, /did you mean 'profile-unused'\?$/i);
  assert.equal(typo.fixes[0].isPreferred, undefined);
  // Nothing close: no suggestion and no fix.
  const far = analyze(PLAN('    # crmsync-disable-next-line no-such-rule -- typo\n    colour: blue\n')).findings.find((f) => f.ruleId === 'invalid-suppression')!;
  assert.equal(far.message, "Unknown rule id 'no-such-rule' in a suppression comment.");
  assert.deepEqual(far.fixes, []);
});
