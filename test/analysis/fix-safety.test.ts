/**
 * Fix safety as a mechanism (fix-safety.ts): fix-all and the preferred quick fix never make a
 * plan worse. Over every fixture, every example and 2,000 mutants of the examples: fix-all adds
 * no error or warning (a parser, schema or reference fix may reveal domain findings, never new
 * parser, schema or reference findings), changes nothing of what the plan connects, deletes no
 * text the user typed and keeps YAML valid; the quick fix the LSP marks preferred obeys the same
 * on the current text. The cases that made plans worse before are fixtures in
 * test/fixtures/fix-safety/.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, createAnalyzer, goneFindings, isBuiltinFinding, worsening, type Analysis } from '../../server/src/analysis';
import { fixAll } from '../../server/src/ide';
import { codeActions } from '../../server/src/lsp/code-actions';
import { spanToRange } from '../../server/src/lsp/convert';
import { FIXED_NOW } from '../harness/check';
import { filesUnder, repoPath } from '../harness/paths';
import { rng } from '../harness/random';

const analyzer = createAnalyzer({ now: () => FIXED_NOW });
const plans = [
  ...filesUnder(repoPath('test', 'fixtures'), /\.crmsync\.ya?ml$/).filter((f) => !/\.fixed\.crmsync\.ya?ml$/.test(f) && !f.includes(`${path.sep}examples-fixed${path.sep}`)),
  ...filesUnder(repoPath('examples'), /\.crmsync\.yaml$/),
];
const read = (f: string) => fs.readFileSync(f, 'utf8');
const caseFile = (name: string) => read(repoPath('test', 'fixtures', 'fix-safety', `${name}.crmsync.yaml`));

/** How fix-all made `text` worse, or undefined. */
function fixAllWorsens(text: string): string | undefined {
  const before = analyzer.analyze(text);
  const after = analyzer.analyze(fixAll(analyzer, text).text);
  const gone = goneFindings(before, after);
  return worsening(before, after, gone, gone.some((f) => isBuiltinFinding(f.ruleId)));
}

test(`fix-all makes none of the ${plans.length} fixtures and examples worse`, () => {
  const worse = plans.map((f) => [path.relative(repoPath(), f), fixAllWorsens(read(f))]).filter(([, w]) => w);
  assert.deepEqual(worse, []);
});

const LINES = [
  '      authenticateUsing: anonymous',
  '      username: svc@contoso.com',
  '      password: Hunter2!x',
  '    useSameSettingForOutgoing: false',
  '    useSameSettingsForOutgoing: false',
  '    serverType: exchangeOnlin',
  '    autodiscover: false',
  '    incomingEmail: serverSideSync',
  '    appointmentsContactsTasks: serverSideSync',
  '    trackedFolders: [Inbox/Deals]',
  '    credentials: { allowUse: true, username: x@contoso.com }',
  '  processEmailUsing: emailRouter',
  '  crmVersion: "8.1"',
  '    useSsl: false',
  '    approval: pending',
];

/** One to three line edits of a plan: insert a known-tricky line, drop a line, or break a value. */
function mutant(text: string, r: () => number): string {
  const lines = text.split('\n');
  const n = 1 + Math.floor(r() * 3);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(r() * lines.length);
    const op = Math.floor(r() * 4);
    if (op === 0) lines.splice(i, 1);
    else if (op === 1 || op === 2) lines.splice(i, 0, LINES[Math.floor(r() * LINES.length)]);
    else lines[i] = lines[i].replace(/: (\S+)$/, (_, v: string) => `: ${v.length > 1 ? v.slice(0, -1) : `${v}x`}`);
  }
  return lines.join('\n');
}

test('fix-all makes none of 2,000 mutants of the examples worse', () => {
  const bases = filesUnder(repoPath('examples'), /\.crmsync\.yaml$/).map(read);
  const r = rng(120_2026);
  const worse: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const text = mutant(bases[i % bases.length], r);
    const w = fixAllWorsens(text);
    if (w && worse.length < 3) worse.push(`${w}\n--- mutant ${i} ---\n${text}`);
  }
  assert.deepEqual(worse, []);
});

/** Every quick fix the LSP marks preferred, with the analysis it was offered on. */
function preferredActions(a: Analysis) {
  const uri = 'file:///plan.crmsync.yaml';
  const diagnostics = a.findings.map((f) => ({ range: spanToRange(a.lines, f.span), message: f.message, code: f.ruleId, source: 'crmsync' }));
  const out: { ruleId: string; title: string; text: string }[] = [];
  for (const d of diagnostics) {
    for (const action of codeActions({ uri, version: 1, analysis: a, analyzer, snippetEdits: false }, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) {
      if (!action.isPreferred) continue;
      type Position = { line: number; character: number };
      const edits = (action.edit!.documentChanges![0] as { edits: { range: { start: Position; end: Position }; newText: string }[] }).edits;
      const at = (p: Position) => a.lines.offset(p.line, p.character);
      out.push({ ruleId: String(d.code), title: action.title, text: applyEdits(a.text, edits.map((e) => ({ span: { start: at(e.range.start), end: at(e.range.end) }, newText: e.newText }))) });
    }
  }
  return out;
}

test('every quick fix the LSP marks preferred removes its finding and makes no fixture or example worse', () => {
  const bad: string[] = [];
  let checked = 0;
  for (const file of plans) {
    const before = analyzer.analyze(read(file));
    for (const p of preferredActions(before)) {
      checked++;
      const after = analyzer.analyze(p.text);
      const gone = goneFindings(before, after);
      const w = gone.some((f) => f.ruleId === p.ruleId) ? worsening(before, after, gone.filter((f) => f.ruleId === p.ruleId)) : 'the finding stays';
      if (w) bad.push(`${path.relative(repoPath(), file)}: ${p.ruleId} "${p.title}": ${w}`);
    }
  }
  assert.ok(checked > 100, `only ${checked} preferred fixes seen`);
  assert.deepEqual(bad, []);
});

const valueOf = (text: string) => analyzer.analyze(text).parsed.value as Record<string, any>;

test('an unsafe fix is never preferred nor applied: CRM 8.0 with Exchange Online (Hybrid) is not re-pointed', () => {
  const text = caseFile('invalid-onprem-80-exchange-online-hybrid');
  const fixed = valueOf(fixAll(analyzer, text).text);
  assert.equal(fixed.serverProfiles['exo-hybrid'].mailSystem, 'exo');
  assert.equal(fixed.serverProfiles['exo-hybrid'].serverType, 'exchangeOnlineHybrid');
  const before = analyzer.analyze(text);
  assert.deepEqual(preferredActions(before).filter((p) => p.ruleId === 'crm-onprem-exchange-online'), [], 'the re-pointing fix is offered, not preferred');
  assert.ok(codeActionTitles(before, 'crm-onprem-exchange-online').includes('Set mailSystem to exch'), 'but still offered');
});

test('the Email Router plan without profiles keeps its engine (no mailbox-no-profile errors)', () => {
  const after = analyzer.analyze(fixAll(analyzer, caseFile('invalid-router-no-profiles')).text);
  assert.equal((after.parsed.value as any).systemSettings.processEmailUsing, 'emailRouter');
  assert.deepEqual(after.findings.filter((f) => f.ruleId === 'mailbox-no-profile'), []);
});

test('two fixes of one mapping never repeat a key (misspelled useSameSettingForOutgoing)', () => {
  const fixed = fixAll(analyzer, caseFile('invalid-misspelled-use-same-settings')).text;
  const after = analyzer.analyze(fixed);
  assert.deepEqual(after.findings.map((f) => f.ruleId), []);
  const written = fixed.split('\n').filter((l) => !l.trimStart().startsWith('#'));
  assert.equal(written.filter((l) => l.includes('useSameSettingsForOutgoing')).length, 1);
});

test('a fix never leaves a required key out (outgoing with only a user name)', () => {
  const text = caseFile('invalid-outgoing-username-only');
  const result = fixAll(analyzer, text);
  assert.equal(result.text, text);
  // Without outgoing.authenticateUsing the fix is offered but not preferred (schema/required would follow).
  const finding = analyzer.analyze(text).findings.find((f) => f.ruleId === 'profile-credentials-ignored')!;
  const fix = finding.fixes.find((f) => f.title === 'Set useSameSettingsForOutgoing to false');
  assert.ok(fix && !fix.isPreferred, 'offered, not preferred');
  assert.deepEqual(result.rejected, []);
});

test('version fixes that would add onprem-exchange-version or change the baseline are not applied', () => {
  const text = caseFile('invalid-onprem-81-exchange-2019');
  const fixed = valueOf(fixAll(analyzer, text).text);
  assert.equal(fixed.baseline, 'd365-9');
  assert.equal(fixed.organization.crmVersion, '8.1');
});

test('credentials on an anonymous profile are kept and the literal password is moved, not deleted', () => {
  const text = caseFile('invalid-anonymous-with-credentials');
  const before = analyzer.analyze(text);
  assert.ok(before.findings.some((f) => f.ruleId === 'plaintext-secret'), 'the literal password is flagged');
  const fixed = fixAll(analyzer, text).text;
  const incoming = valueOf(fixed).serverProfiles.exch.incoming;
  assert.equal(incoming.username, 'svc-crm@contoso.com');
  assert.deepEqual(incoming.password, { secretRef: 'env:CRMSYNC_EXCH_IN_PASSWORD' });
  assert.ok(!fixed.includes('Winter2024!'));
  assert.deepEqual(preferredActions(before).filter((p) => p.ruleId === 'profile-credentials-ignored'), [], 'removing the account is offered, never preferred');
  assert.ok(analyzer.analyze(fixed).findings.some((f) => f.ruleId === 'anonymous-auth-exchange'), 'the real error stays for the user to decide');
});

function codeActionTitles(a: Analysis, ruleId: string): string[] {
  const uri = 'file:///plan.crmsync.yaml';
  const titles: string[] = [];
  for (const f of a.findings.filter((x) => x.ruleId === ruleId)) {
    const d = { range: spanToRange(a.lines, f.span), message: f.message, code: f.ruleId, source: 'crmsync' };
    for (const action of codeActions({ uri, version: 1, analysis: a, analyzer, snippetEdits: false }, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) titles.push(action.title);
  }
  return titles;
}

test('insecure-channel-allowed: turning a switch off is preferred only when nothing in the plan relies on it', () => {
  const rule = (name: string) => read(repoPath('test', 'fixtures', 'rules', 'insecure-channel-allowed', `${name}.crmsync.yaml`));
  // Every connection encrypted: all three switches are preferred off.
  const free = analyzer.analyze(rule('invalid'));
  assert.equal(preferredActions(free).filter((p) => p.ruleId === 'insecure-channel-allowed').length, 3);
  // An http:// EWS location relies on allowNonSslEmail and Basic over it on
  // allowBasicAuthenticationOnNonSecureChannel: neither is preferred, both are still offered.
  const relied = analyzer.analyze(rule('invalid-relied-on'));
  assert.deepEqual(preferredActions(relied).filter((p) => p.ruleId === 'insecure-channel-allowed'), []);
  const titles = codeActionTitles(relied, 'insecure-channel-allowed');
  assert.ok(titles.includes('Set allowNonSslEmail to false') && titles.includes('Set allowBasicAuthenticationOnNonSecureChannel to false'), 'still offered');
});
