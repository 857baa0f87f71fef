/**
 * Hostile inputs, each with its concrete expected behaviour (which finding, where). Time is
 * measured only against generous bounds that catch hangs and blow-ups, never as a speed test.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Analysis } from '../../server/src/analysis';
import { foldingRanges, hoverAt, symbolsOf, completeAt } from '../../server/src/ide';
import { analyze } from '../harness/check';
import { repoPath } from '../harness/paths';
import { checkFindings } from './properties';

process.removeAllListeners('warning');
process.on('warning', () => undefined);

/** Analyses `text` and fails if that takes longer than `boundMs` (a hang or blow-up guard). */
function bounded(text: string, boundMs: number): { analysis: Analysis; ms: number } {
  const started = performance.now();
  const analysis = analyze(text);
  const ms = performance.now() - started;
  assert.ok(ms < boundMs, `analysis took ${Math.round(ms)} ms, more than the bound of ${boundMs} ms`);
  checkFindings(analysis);
  return { analysis, ms };
}

/** [ruleId, the text under the span, message] of every finding. */
function summary(a: Analysis): [string, string, string][] {
  return a.findings.map((f) => [f.ruleId, a.text.slice(f.span.start, f.span.end), f.message]);
}

let tmp: string | undefined;
function tempFile(name: string, content: string | Buffer): string {
  tmp ??= fs.mkdtempSync(path.join(os.tmpdir(), 'crmsync-hostile-'));
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [repoPath('bin', 'crmsync.js'), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const HEADER = 'version: 1\norganization: { name: contoso, deployment: online, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }\n';

test('an alias bomb ("billion laughs") is one yaml-syntax finding at the first alias, bounded in time and memory', () => {
  const lines = [`a: &a [${Array(9).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  // 9^9 = 387,420,489 strings if expanded.
  const text = `${HEADER}${lines.join('\n')}\n`;
  const heapBefore = process.memoryUsage().heapUsed;
  const { analysis } = bounded(text, 10_000);
  const grown = process.memoryUsage().heapUsed - heapBefore;
  assert.ok(grown < 200e6, `heap grew by ${Math.round(grown / 1e6)} MB`);
  assert.deepEqual(summary(analysis), [
    ['yaml-syntax', '*a', 'Aliases expand to too many nodes (more than 1000); this looks like an alias bomb and the plan is not checked.'],
  ]);
  assert.equal(analysis.findings[0].span.start, text.indexOf('*a'));
  // The editor features do not expand the aliases either.
  for (const offset of [text.indexOf('*a'), text.indexOf('*h'), text.length]) {
    hoverAt(analysis, offset);
    completeAt(analysis, offset);
  }
  symbolsOf(analysis);
  foldingRanges(analysis);
  assert.ok(process.memoryUsage().heapUsed - heapBefore < 300e6);
});

test('aliases under the limit (999 aliases of one anchored mailbox, 11 KB) are analysed within a bound', () => {
  let text = `${HEADER}mailboxes:\n  m0: &m { kind: userx, approval: nope, emailAddress: bad, incomingEmail: x, outgoingEmail: y, appointmentsContactsTasks: z, serverProfile: nope }\n`;
  for (let i = 1; i < 999; i++) text += `  m${i}: *m\n`;
  const { analysis } = bounded(text, 5000);
  // Each schema problem is reported on the anchored value once per mailbox that uses it.
  const enums = analysis.findings.filter((f) => f.ruleId === 'schema/enum');
  assert.ok(enums.length >= 999 * 4, `${enums.length} schema/enum findings`);
  assert.ok(
    enums.every((f) => text.slice(f.span.start, f.span.end) !== '' && f.span.end <= text.indexOf('\n  m1:')),
    'placed on the anchored node',
  );
});

test('a 20 MB plan (18,000 mailboxes with comments) is analysed within a bound', () => {
  const head = fs.readFileSync(repoPath('examples', 'online-exchange-online.crmsync.yaml'), 'utf8').replace(/\n*$/, '\n');
  const parts = [head];
  let length = head.length;
  for (let i = 0; length < 20e6; i++) {
    const part =
      `  # ${'Imported from the HR system; do not edit by hand. '.repeat(12)}\n` +
      `  user${i}:\n    kind: user\n    regarding: User ${i}\n    emailAddress: user${i}@contoso.com\n    serverProfile: exo-default\n    approval: approved\n`;
    parts.push(part);
    length += part.length;
  }
  const text = parts.join('');
  assert.ok(text.length >= 20e6);
  const { analysis } = bounded(text, 120_000);
  const mailboxes = parts.length - 1 + 3;
  assert.deepEqual(summary(analysis), [
    ['bulk-test-and-enable', 'mailboxes', `${mailboxes} mailboxes will need Test & Enable; do at most about 200 every 5 hours.`],
  ]);
});

test('nesting 10,000 deep (flow sequences, flow maps, block sequences) is a yaml-syntax finding inside the nesting, not a crash', () => {
  const depth = 10_000;
  const cases: Record<string, string> = {
    'flow sequences': `${HEADER}systemSettings: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
    'flow maps': `${HEADER}systemSettings: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`,
    'block sequences': `${HEADER}systemSettings:\n${'- '.repeat(depth)}x\n`,
  };
  for (const [name, text] of Object.entries(cases)) {
    const { analysis } = bounded(text, 30_000);
    const nestStart = text.indexOf('systemSettings:');
    assert.ok(analysis.findings.length > 0, name);
    for (const f of analysis.findings) {
      assert.equal(f.ruleId, 'yaml-syntax', `${name}: ${f.ruleId} ${f.message}`);
      assert.ok(f.span.start >= nestStart, `${name}: finding at ${f.span.start}, before the nesting`);
    }
    // The features walk the same tree; they must not overflow the stack either.
    symbolsOf(analysis);
    foldingRanges(analysis);
    hoverAt(analysis, text.length - 3);
    completeAt(analysis, nestStart + 20);
  }
});

test('a 1 MB single line (a flow map of 12,000 mailboxes) is analysed; the CLI reports the finding at its column', () => {
  const entries = Array.from({ length: 12_000 }, (_, i) => `u${i}: { kind: user, emailAddress: u${i}@contoso.com, serverProfile: exo, approval: approved }`);
  entries.push('last: { kind: user, emailAddress: not-an-address, serverProfile: exo, approval: approved }');
  const line = `mailboxes: { ${entries.join(', ')} }`;
  const text =
    `${HEADER}mailSystems: { exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 } }\n` +
    'systemSettings: { defaults: { serverProfile: exo } }\n' +
    'serverProfiles: { exo: { serverType: exchangeOnline, mailSystem: exo, incoming: { authenticateUsing: serverToServer } } }\n' +
    `${line}\n`;
  assert.ok(line.length > 1_000_000);
  const { analysis } = bounded(text, 60_000);
  assert.deepEqual(summary(analysis), [
    ['bulk-test-and-enable', 'mailboxes', '12001 mailboxes will need Test & Enable; do at most about 200 every 5 hours.'],
    ['schema/pattern', 'not-an-address', "'not-an-address' is not an email address such as name@contoso.com (emailAddress, mailbox 'last')."],
  ]);
  const column = line.indexOf('not-an-address') + 1;
  const r = cli(['check', '--format', 'json', tempFile('one-line.crmsync.yaml', text)]);
  assert.equal(r.code, 1, r.stderr);
  const pattern = JSON.parse(r.stdout).files[0].findings.find((f: { ruleId: string }) => f.ruleId === 'schema/pattern');
  assert.deepEqual([pattern.line, pattern.column, pattern.endLine, pattern.endColumn], [6, column, 6, column + 'not-an-address'.length]);
});

test('NUL bytes are a yaml-syntax finding on the first one (core and CLI), and binary junk never crashes', () => {
  const text = `${HEADER}mailboxes:\n  alice: { kind: user, regarding: "Al\0ice" }\n`;
  const { analysis } = bounded(text, 5000);
  assert.deepEqual(summary(analysis), [
    ['yaml-syntax', '\0', 'The plan contains the control character U+0000, which YAML does not allow; is this a binary file?'],
  ]);
  assert.equal(analysis.findings[0].span.start, text.indexOf('\0'));
  const r = cli(['check', tempFile('nul.crmsync.yaml', text)]);
  assert.equal(r.code, 1, r.stderr);
  const column = text.split('\n')[3].indexOf('\0') + 1;
  assert.ok(r.stdout.includes(`nul.crmsync.yaml:4:${column} error yaml-syntax The plan contains the control character U+0000`), r.stdout);
  // 64 KB of pseudo-random bytes read as Latin-1: one finding at the first control character.
  let seed = 7;
  const bytes = Buffer.alloc(65536);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
  const junk = bytes.toString('latin1');
  const first = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(junk)!.index;
  const binary = bounded(junk, 10_000).analysis;
  assert.ok(binary.findings.some((f) => f.ruleId === 'yaml-syntax' && f.span.start === first && /control character/.test(f.message)));
  assert.ok(binary.findings.every((f) => f.ruleId === 'yaml-syntax'));
});

test('invalid UTF-8 from the CLI: a clear error, exit 2, the other files still checked', () => {
  const bad = tempFile(
    'latin1.crmsync.yaml',
    Buffer.concat([Buffer.from('version: 1\norganization: { name: M'), Buffer.from([0xfc]), Buffer.from('ller, deployment: online }\n')]),
  );
  const utf16 = tempFile('utf16.crmsync.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\n', 'utf16le')]));
  const good = tempFile('good.crmsync.yaml', fs.readFileSync(repoPath('examples', 'online-exchange-online.crmsync.yaml')));
  const r = cli(['check', bad, utf16, good]);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    `crmsync: '${bad}' is not valid UTF-8 text; plans must be UTF-8.\ncrmsync: '${utf16}' is not valid UTF-8 text; plans must be UTF-8.\n`,
  );
  assert.match(r.stdout, /^1 file checked: 0 errors, 0 warnings/m);
  const json = cli(['check', '--format', 'json', bad]);
  assert.equal(json.code, 2);
  assert.deepEqual(JSON.parse(json.stdout).files, []);
});

test('an empty file is one schema/type finding "The plan is empty" at offset 0 (core and CLI)', () => {
  for (const text of ['', '\n', '   \n\n', '# only a comment\n', '\ufeff']) {
    const { analysis } = bounded(text, 5000);
    assert.equal(analysis.findings.length, 1, JSON.stringify(text));
    const [f] = analysis.findings;
    assert.equal(f.ruleId, 'schema/type');
    assert.equal(f.message, 'The plan is empty; a plan is a mapping with at least version and organization.');
    assert.equal(f.span.start, 0);
  }
  const r = cli(['check', '--format', 'json', tempFile('empty.crmsync.yaml', '')]);
  assert.equal(r.code, 1);
  const [f] = JSON.parse(r.stdout).files[0].findings;
  assert.deepEqual([f.ruleId, f.line, f.column], ['schema/type', 1, 1]);
});

test('a top-level list or scalar is one schema/type finding on the whole value', () => {
  const cases: [string, string, string][] = [
    ['- version: 1\n- organization: {}\n', '- version: 1', 'not a list'],
    ['[1, 2]\n', '[1, 2]', 'not a list'],
    ['hello\n', 'hello', 'not text'],
    ['"quoted"\n', '"quoted"', 'not text'],
    ['42\n', '42', 'not a number'],
    ['true\n', 'true', 'not a boolean'],
    ['--- |\n  block text\n', '|\n  block text\n', 'not text'],
  ];
  for (const [text, under, what] of cases) {
    const { analysis } = bounded(text, 5000);
    assert.deepEqual(summary(analysis), [['schema/type', under, `A plan is a mapping of sections (version, organization, …), ${what}.`]], JSON.stringify(text));
  }
  for (const text of ['~\n', 'null\n']) {
    assert.deepEqual(summary(bounded(text, 5000).analysis), [
      ['schema/type', text.trimEnd(), 'The plan is empty; a plan is a mapping with at least version and organization.'],
    ]);
  }
});

test.after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});
