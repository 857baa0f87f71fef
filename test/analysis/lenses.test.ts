/**
 * Code lenses and inlay hints of inherited values (ide/lenses.ts) on the plans of
 * test/fixtures/lenses/: what each lens says and lists, which mailboxes get a hint and what it
 * says, that a hint request returns only the records starting in its range (also after an
 * incremental edit and on a generated 10,000-mailbox plan), and no exception on any fixture or
 * fuzzed plan.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as fc from 'fast-check';
import { createAnalyzer, type Analysis, type Span } from '../../server/src/analysis';
import { codeLenses, inheritedValueHints } from '../../server/src/ide';
import { analyze, FIXED_NOW } from '../harness/check';
import { filesUnder, repoPath } from '../harness/paths';
import { mutatedPlan } from '../robustness/generators';

const fixture = (name: string) => fs.readFileSync(repoPath('test', 'fixtures', 'lenses', `${name}.crmsync.yaml`), 'utf8');
const USAGE = fixture('usage');

/** The text a span covers. */
const textOf = (a: Analysis, s: Span) => a.text.slice(s.start, s.end);
const whole = (a: Analysis): Span => ({ start: 0, end: a.text.length });
/** The offset of the start of the line holding `needle`. */
function lineStartOf(a: Analysis, needle: string): number {
  const at = a.text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return a.lines.lineStart(a.lines.position(at).line);
}
/** Hints as [record id, label]; the record is the key on the hint's line. */
function hintsOf(a: Analysis, range: Span = whole(a)): [string, string][] {
  return inheritedValueHints(a, range).map((h) => {
    const line = a.lines.position(h.offset).line;
    const id = /^\s*([\w.-]+):/.exec(a.text.slice(a.lines.lineStart(line), h.offset))?.[1] ?? '?';
    return [id, h.label];
  });
}

test('a lens on each profile and mail system: mailboxes (through the default), profiles, errors and warnings', () => {
  const a = analyze(USAGE);
  const lenses = codeLenses(a);
  assert.deepEqual(
    lenses.map((l) => [textOf(a, l.span), l.title]),
    [
      ['exo', 'used by 3 profiles · 5 mailboxes'],
      ['gmail', 'used by 1 profile · 1 mailbox'],
      ['spare', 'used by no profiles · no mailboxes'],
      ['exo-default', 'used by 4 mailboxes (3 through the default)'],
      ['exo-sales', 'used by 1 mailbox · 1 error'],
      ['gmail-pop', 'used by 1 mailbox · 2 errors, 1 warning'],
      // Its profile-unused finding is an info: lenses count errors and warnings.
      ['idle', 'used by no mailboxes'],
    ],
  );
  const refs = (id: string) => lenses.find((l) => textOf(a, l.span) === id)!.references.map((s) => textOf(a, s));
  assert.deepEqual(refs('exo-default'), ['alice', 'carol', 'dave', 'fwd'], 'written and inherited, in document order');
  assert.deepEqual(refs('exo-sales'), ['bob']);
  assert.deepEqual(refs('exo'), ['exo-default', 'exo-sales', 'idle', 'alice', 'bob', 'carol', 'dave', 'fwd'], 'its profiles, then the mailboxes it hosts');
  assert.deepEqual(refs('gmail'), ['gmail-pop', 'gina']);
  assert.deepEqual(refs('spare'), []);
});

test('lenses count findings inside the record only, as the overview does', () => {
  // A mailbox finding about profile exo-sales (profile-inactive is on the profile; bob's own
  // outlook-client-retired warning is on bob) does not count for the profile.
  const a = analyze(USAGE);
  const ids = a.findings.map((f) => f.ruleId);
  assert.ok(ids.includes('outlook-client-retired') && ids.includes('mailbox-credentials-missing'), ids.join(', '));
  const sales = codeLenses(a).find((l) => textOf(a, l.span) === 'exo-sales')!;
  assert.equal(sales.title, 'used by 1 mailbox · 1 error');
  // With the profile's error turned off, its lens has no findings part.
  const off = analyze(USAGE, { rules: { 'profile-inactive': 'off' } });
  assert.equal(codeLenses(off).find((l) => textOf(off, l.span) === 'exo-sales')!.title, 'used by 1 mailbox');
});

test('an inlay hint on each mailbox that inherits from systemSettings.defaults, naming only what it does not write', () => {
  const a = analyze(USAGE);
  assert.deepEqual(hintsOf(a), [
    ['alice', '⟵ profile exo-default · in/ACT serverSideSync (defaults)'],
    // bob writes his profile and incomingEmail; outgoingEmail has no written default (the format's is not inherited).
    ['bob', '⟵ ACT serverSideSync (default)'],
    // carol writes all three that have defaults: no hint.
    ['dave', '⟵ profile exo-default · in serverSideSync (defaults)'],
    // A forward mailbox takes the default profile, never the method defaults.
    ['fwd', '⟵ profile exo-default (default)'],
    ['gina', '⟵ in serverSideSync (default)'],
  ]);
  const [alice] = inheritedValueHints(a, whole(a));
  assert.equal(alice.tooltip, "Mailbox 'alice' does not write these values and takes them from systemSettings.defaults:\nserverProfile: exo-default\nincomingEmail: serverSideSync\nappointmentsContactsTasks: serverSideSync");
  const fwd = inheritedValueHints(a, whole(a)).find((h) => h.tooltip.includes("'fwd'"))!;
  assert.equal(fwd.tooltip, "Mailbox 'fwd' does not write this value and takes it from systemSettings.defaults:\nserverProfile: exo-default");
});

test('a hint stands at the end of the record line: after a flow record, before its comment; after a block key', () => {
  const a = analyze(USAGE);
  const [alice, bob] = inheritedValueHints(a, whole(a));
  const before = (o: number) => a.text.slice(a.lines.lineStart(a.lines.position(o).line), o);
  assert.equal(before(alice.offset), '  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }');
  assert.equal(before(bob.offset), '  bob:');
  // Several records on one line: each hint right after its own record.
  const one = analyze(fixture('one-line'));
  const hints = inheritedValueHints(one, whole(one));
  assert.deepEqual(
    hints.map((h) => [one.text.slice(h.offset - 10, h.offset), h.label]),
    [
      ['approved }', '⟵ profile exo-default · ACT serverSideSync (defaults)'],
      ['approved }', '⟵ profile exo-default · ACT serverSideSync (defaults)'],
    ],
  );
  assert.ok(one.text.slice(hints[1].offset).startsWith(' }  # one line'), 'cy (a queue) is the second one');
});

test('no profile hint for a default profile that does not resolve; a repeated id gets one hint, on the record that counts', () => {
  const a = analyze(fixture('unknown-default'));
  assert.ok(a.findings.some((f) => f.ruleId === 'unknown-reference'));
  const hints = inheritedValueHints(a, whole(a));
  assert.equal(hints.length, 1);
  assert.equal(hints[0].label, '⟵ out none (default)');
  const second = a.text.indexOf('  ann:', a.text.indexOf('  ann:') + 1);
  assert.equal(hints[0].offset, second + '  ann:'.length, 'on the second ann (the queue)');
  assert.deepEqual(
    codeLenses(a).map((l) => l.title),
    ['used by 1 profile · 1 mailbox', 'used by 1 mailbox'],
    'the mailboxes of a profile that does not resolve count for none',
  );
});

test('ids that look like numbers (ordered first in the model) get their own hints', () => {
  const a = analyze(USAGE.replace('  gina:', "  '42':").replace('  alice:', '  7:'));
  assert.deepEqual(hintsOf(a).map(([, label]) => label), hintsOf(analyze(USAGE)).map(([, label]) => label));
  const tooltips = inheritedValueHints(a, whole(a)).map((h) => /^Mailbox '([^']+)'/.exec(h.tooltip)?.[1]);
  assert.deepEqual(tooltips, ['7', 'bob', 'dave', 'fwd', '42']);
});

test('a hint request returns only the records whose key starts in [start, end)', () => {
  const a = analyze(USAGE);
  const bob = lineStartOf(a, '  bob:');
  const dave = lineStartOf(a, '  dave:');
  const fwd = lineStartOf(a, '  fwd:');
  assert.deepEqual(hintsOf(a, { start: bob, end: fwd }).map(([id]) => id), ['bob', 'dave'], 'carol between them has none');
  assert.deepEqual(hintsOf(a, { start: bob, end: dave + 2 }).map(([id]) => id), ['bob'], 'the end is exclusive: a range ending at dave\'s key leaves dave out');
  assert.deepEqual(hintsOf(a, { start: dave + 2, end: dave + 3 }).map(([id]) => id), ['dave'], 'the start is inclusive');
  assert.deepEqual(hintsOf(a, { start: bob + 3, end: fwd + 3 }).map(([id]) => id), ['dave', 'fwd'], 'a record whose key starts before the range is left out');
  assert.deepEqual(hintsOf(a, { start: 0, end: bob }).map(([id]) => id), ['alice']);
  assert.deepEqual(hintsOf(a, { start: 0, end: a.text.indexOf('mailboxes:') }), [], 'a range above the mailboxes');
  assert.deepEqual(hintsOf(a, { start: fwd, end: fwd }), [], 'an empty range');
});

test('after an incremental edit, hints stand at the new offsets and the lenses count the new text', () => {
  const analyzer = createAnalyzer({ now: () => FIXED_NOW });
  const first = analyzer.analyze(USAGE);
  // A line inserted above the mailboxes moves every record; bob now writes ACT too.
  const edited = USAGE.replace('mailboxes:\n', '# moved down\nmailboxes:\n').replace('    incomingEmail: outlook\n', '    incomingEmail: outlook\n    appointmentsContactsTasks: none\n');
  const second = analyzer.analyze(edited, first);
  assert.deepEqual(hintsOf(second).map(([id]) => id), ['alice', 'dave', 'fwd', 'gina']);
  const fresh = analyze(edited);
  assert.deepEqual(inheritedValueHints(second, whole(second)), inheritedValueHints(fresh, whole(fresh)), 'the same as a full analysis');
  assert.deepEqual(codeLenses(second), codeLenses(fresh));
  // The earlier analysis is unchanged.
  assert.deepEqual(hintsOf(first).map(([id]) => id), ['alice', 'bob', 'dave', 'fwd', 'gina']);
});

test('a generated plan of 10,000 mailboxes: counts of its text; 60 visible lines give their records only, fast', async () => {
  const gen = (await import(pathToFileURL(repoPath('bench', 'generate.mjs')).href)) as { generatePlan(n: number): { text: string; edit: { line: number } } };
  const plan = gen.generatePlan(10000);
  const a = analyze(plan.text);
  // The records, read from the text: the key line, the written serverProfile, and whether the kind is valid.
  const lines = plan.text.split('\n');
  const first = lines.indexOf('mailboxes:') + 1;
  const records: { line: number; profile?: string; validKind: boolean }[] = [];
  for (let i = first; i < lines.length; i++) {
    if (/^ {2}\S+:$/.test(lines[i])) records.push({ line: i, validKind: false });
    const p = /^ {4}serverProfile: (\S+)$/.exec(lines[i]);
    if (p) records[records.length - 1].profile = p[1];
    if (/^ {4}kind: (user|queue)$/.test(lines[i])) records[records.length - 1].validKind = true;
  }
  assert.equal(records.length, 10000);
  const lenses = codeLenses(a);
  const viaDefault = records.filter((r) => r.profile === undefined).length;
  const written = records.filter((r) => r.profile === 'exo-default').length;
  const exoDefault = lenses.find((l) => textOf(a, l.span) === 'exo-default')!;
  assert.equal(exoDefault.title, `used by ${(written + viaDefault).toLocaleString('en-US')} mailboxes (${viaDefault.toLocaleString('en-US')} through the default)`);
  assert.equal(exoDefault.references.length, written + viaDefault);

  // A record inherits the default profile when it writes none, and method defaults when its
  // kind is known (none of them writes all three methods).
  const inherits = (r: (typeof records)[number]) => r.profile === undefined || r.validKind;
  const mid = plan.edit.line;
  const range = { start: a.lines.offset(mid - 30, 0), end: a.lines.offset(mid + 30, 0) };
  const inRange = records.filter((r) => r.line >= mid - 30 && r.line < mid + 30);
  assert.ok(inRange.length > 5 && inRange.some((r) => r.profile !== undefined), 'the 60 lines hold records with and without a profile');
  inheritedValueHints(a, range); // the first request builds the per-analysis indexes
  const started = performance.now();
  const hints = inheritedValueHints(a, range);
  const ms = performance.now() - started;
  assert.deepEqual(
    hints.map((h) => a.lines.position(h.offset).line),
    inRange.filter(inherits).map((r) => r.line),
  );
  assert.ok(ms < 20, `inheritedValueHints took ${ms.toFixed(1)} ms for 60 lines`);
  // Hints of consecutive ranges add up to those of the whole document.
  const all = inheritedValueHints(a, whole(a));
  assert.equal(all.length, records.filter(inherits).length);
  const pieces: number[] = [];
  for (let start = 0; start < a.text.length; start += 4096) pieces.push(...inheritedValueHints(a, { start, end: start + 4096 }).map((h) => h.offset));
  assert.deepEqual(pieces, all.map((h) => h.offset));
});

test('never throws and stays inside the text: every fixture and 300 fuzzed plans, with random ranges', () => {
  const inputs = [...filesUnder(repoPath('examples'), /\.ya?ml$/), ...filesUnder(repoPath('test', 'fixtures'), /\.ya?ml$/)].map((f) => fs.readFileSync(f, 'utf8'));
  inputs.push(...fc.sample(mutatedPlan, { seed: 20240601, numRuns: 300 }));
  let hinted = 0;
  for (const [i, text] of inputs.entries()) {
    const a = createAnalyzer({ now: () => FIXED_NOW, onRuleError: () => undefined }).analyze(text);
    for (const l of codeLenses(a)) {
      assert.ok(l.span.start >= 0 && l.span.end <= text.length && l.span.end > l.span.start);
      for (const r of l.references) assert.ok(r.start >= 0 && r.end <= text.length);
    }
    const start = (i * 7919) % (text.length + 1);
    const ranges = [whole(a), { start, end: Math.min(text.length, start + 500) }, { start: text.length, end: 0 }];
    for (const range of ranges) {
      for (const h of inheritedValueHints(a, range)) {
        assert.ok(h.offset >= 0 && h.offset <= text.length && h.label.startsWith('⟵ '));
        hinted++;
      }
    }
  }
  assert.ok(hinted > 50, `${hinted} hints`);
});
