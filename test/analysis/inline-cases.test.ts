/** Cases of the example set that cannot be files (a clock, a setting), as inline tests. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyze } from '../harness/check';
import { lineOf, startOf } from '../harness/expect';
import { repoPath } from '../harness/paths';

const summary = (text: string, config = {}) =>
  analyze(text, config).findings.map((f) => `${lineOf(text, f.span.start)}:${f.span.start - text.lastIndexOf('\n', f.span.start - 1)} ${f.severity} ${f.ruleId}`);

test('yaml-syntax: an unquoted value with ": " gives exactly one finding and no schema finding', () => {
  const text = 'version: 1\norganization:\n  name: Litware: Sales\n  deployment: online\n';
  assert.deepEqual(summary(text), ['3:9 error yaml-syntax']);
});

test('duplicate-key: the repeated id is reported on its key, the last occurrence is checked', () => {
  const text = [
    'version: 1',
    'organization:',
    '  name: fabrikam',
    '  deployment: onPremises',
    'mailSystems:',
    '  exch:',
    '    kind: exchangeServer',
    '    version: "2016"',
    '  exch:',
    '    kind: exchangeServer',
    '    version: "2013"',
    '',
  ].join('\n');
  const a = analyze(text);
  assert.deepEqual(summary(text), ['9:3 error duplicate-key']);
  assert.equal(a.findings[0].span.start, startOf(a.parsed, 'mailSystems.exch', 'key'));
  assert.equal(a.findings[0].related.length, 1);
  assert.equal(lineOf(text, a.findings[0].related[0].span.start), 6);
});

test('duplicate-key: the last occurrence is the one checked', () => {
  const text = 'version: 1\norganization: { name: x, deployment: onPremises }\nmailSystems:\n  exch: { kind: exchangeServer, version: "2016" }\n  exch: { kind: exchangeServer, version: 2013 }\n';
  assert.deepEqual(summary(text), ['5:3 error duplicate-key', '5:42 error schema/type']);
});

const onprem2013 = fs.readFileSync(repoPath('examples', 'onprem-exchange-server-2013.crmsync.yaml'), 'utf8');

function withProcessEmailFrom(): string {
  // Add processEmailFrom under serverProfiles.exch-onprem.advanced (creating `advanced` if needed).
  const lines = onprem2013.split('\n');
  const profile = lines.findIndex((l) => l === '  exch-onprem:');
  assert.ok(profile >= 0, 'profile exch-onprem in the example');
  const adv = lines.findIndex((l, i) => i > profile && l === '    advanced:');
  if (adv >= 0) lines.splice(adv + 1, 0, '      processEmailFrom: "2016-12-01T00:00:00Z"');
  else lines.splice(profile + 1, 0, '    advanced:', '      processEmailFrom: "2016-12-01T00:00:00Z"');
  return lines.join('\n');
}

test('process-email-from-old: warning at 2024-06-01, none at 2016-12-10 (the clock is injected)', () => {
  const text = withProcessEmailFrom();
  const late = analyze(text, { now: () => new Date('2024-06-01T00:00:00Z') }).findings;
  assert.deepEqual(late.map((f) => `${f.severity} ${f.ruleId}`), ['warning process-email-from-old']);
  assert.equal(text.slice(late[0].span.start, late[0].span.end), '"2016-12-01T00:00:00Z"');
  const early = analyze(text, { now: () => new Date('2016-12-10T00:00:00Z') }).findings;
  assert.deepEqual(early, []);
});

const onlineExo = fs.readFileSync(repoPath('examples', 'online-exchange-online.crmsync.yaml'), 'utf8');

function withUsers(n: number, approved: boolean): string {
  const head = onlineExo.slice(0, onlineExo.indexOf('\nmailboxes:\n') + 1);
  const users = Array.from({ length: n }, (_, i) => {
    const id = `user${String(i + 1).padStart(3, '0')}`;
    return `  ${id}: { kind: user, emailAddress: ${id}@contoso.com${approved ? ', approval: approved' : ''} }`;
  });
  return `${head}mailboxes:\n${users.join('\n')}\n`;
}

test('bulk-test-and-enable: 201 processed mailboxes give one info on key(mailboxes); 200 give none', () => {
  const text201 = withUsers(201, true);
  const a = analyze(text201);
  assert.deepEqual(a.findings.map((f) => `${f.severity} ${f.ruleId}`), ['info bulk-test-and-enable']);
  assert.equal(a.findings[0].span.start, startOf(a.parsed, 'mailboxes', 'key'));
  assert.deepEqual(analyze(withUsers(200, true)).findings, []);
});

test('bulk-test-and-enable: without approval the 201-mailbox plan also gives mailboxes-awaiting-approval', () => {
  const ids = analyze(withUsers(201, false)).findings.map((f) => `${f.severity} ${f.ruleId}`);
  assert.deepEqual(ids.sort(), ['info bulk-test-and-enable', 'info mailboxes-awaiting-approval']);
});

const onlineGmail = fs.readFileSync(repoPath('examples', 'online-gmail-pop3.crmsync.yaml'), 'utf8');

/** online-gmail-pop3 with its whole mailboxes map replaced by `n` approved users with @gmail.com addresses. */
function withGmailUsers(n: number): string {
  const head = onlineGmail.slice(0, onlineGmail.indexOf('\nmailboxes:\n') + 1);
  const users = Array.from({ length: n }, (_, i) => {
    const id = `user${String(i + 1).padStart(3, '0')}`;
    return `  ${id}: { kind: user, emailAddress: ${id}.tailspin@gmail.com, approval: approved }`;
  });
  return `${head}mailboxes:\n${users.join('\n')}\n`;
}

test('gmail-oauth-user-limit: 101 mailboxes on the Gmail OAuth profile give one warning on key(serverProfiles.gmail-oauth); 100 give none', () => {
  const a = analyze(withGmailUsers(101));
  assert.deepEqual(a.findings.map((f) => `${f.severity} ${f.ruleId}`), ['warning gmail-oauth-user-limit']);
  assert.equal(a.findings[0].span.start, startOf(a.parsed, 'serverProfiles.gmail-oauth', 'key'));
  assert.deepEqual(analyze(withGmailUsers(100)).findings, []);
});
