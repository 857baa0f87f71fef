/**
 * The overview model (`planOverview`, ide/plan-overview.ts): a snapshot per example
 * (test/fixtures/overview/<example>.json, spans shown as line:column and the text they cover;
 * CRMSYNC_UPDATE_SNAPSHOTS=1 writes them — review the diff), the counts of a generated
 * 10,000-mailbox plan, where findings are placed, document order, no secret in the model, and
 * no exception on any fixture, regression input or fuzzed plan.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fc from 'fast-check';
import { createAnalyzer, type Analysis, type Span } from '../../server/src/analysis';
import { secretLiterals } from '../../server/src/cli/mask';
import { planOverview } from '../../server/src/ide';
import { FINDINGS_LIMIT, type MailboxGroupNode, type OverviewNode, type PlanOverview, type ProfileNode } from '../../server/src/ide/overview-model';
import { analyze, FIXED_NOW } from '../harness/check';
import { filesUnder, repoPath } from '../harness/paths';
import { loadRegressions } from '../robustness/fuzz-run';
import { mutatedPlan } from '../robustness/generators';
import { VERSION_SEPARATOR } from '../robustness/properties';

const examples = filesUnder(repoPath('examples'), /\.crmsync\.yaml$/);
const SNAPSHOTS = repoPath('test', 'fixtures', 'overview');

function overviewOf(text: string): { analysis: Analysis; o: PlanOverview } {
  const analysis = analyze(text);
  const o = planOverview(analysis);
  assert.ok(o, 'a plan mapping has an overview');
  return { analysis, o };
}

/** What every overview must hold, whatever the plan: checked on examples, fixtures and fuzzed plans. */
function checkShape(o: PlanOverview, a: Analysis): void {
  const ids = o.nodes.map((n) => n.id);
  assert.equal(new Set(ids).size, ids.length, `node ids are unique: ${ids.join(', ')}`);
  assert.equal(o.nodes[0]?.kind, 'organization', 'the organisation comes first');
  const rank = { organization: 0, mailSystem: 1, profile: 2, mailboxGroup: 3 };
  for (let i = 1; i < o.nodes.length; i++) assert.ok(rank[o.nodes[i - 1].kind] <= rank[o.nodes[i].kind], 'organisation, mail systems, profiles, groups');
  for (const e of o.edges) assert.ok(ids.includes(e.from) && ids.includes(e.to), `edge ${e.from} → ${e.to} joins nodes`);
  const groups = o.nodes.filter((n): n is MailboxGroupNode => n.kind === 'mailboxGroup');
  assert.equal(
    groups.reduce((s, g) => s + g.count, 0),
    a.plan?.mailboxes.length,
    'every mailbox is in exactly one group',
  );
  for (const g of groups) assert.equal(o.edges.filter((e) => e.to === g.id && e.kind === 'mailboxes').length, 1, `${g.id} hangs off one node`);
  const sum = (k: 'error' | 'warning' | 'info') => o.nodes.reduce((s, n) => s + n.findings[k], 0);
  assert.deepEqual([sum('error'), sum('warning'), sum('info')], [o.totals.error, o.totals.warning, o.totals.info], 'each finding is on one node');
  assert.equal(o.totals.error + o.totals.warning + o.totals.info, a.findings.length);
  assert.equal(o.findings.length + o.findingsOmitted, a.findings.length);
  for (const f of o.findings) assert.ok(ids.includes(f.nodeId), `finding on ${f.nodeId}`);
  for (const n of o.nodes) {
    assert.ok(n.span.start >= 0 && n.span.end <= a.text.length && n.span.end >= n.span.start, `${n.id}: span inside the text`);
    assert.equal(n.findings.rules.reduce((s, r) => s + r.count, 0), n.findings.error + n.findings.warning + n.findings.info, `${n.id}: rules add up`);
  }
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(o)), 'plain data');
}

/** 1-based line:column of an offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

/**
 * Spans as a person reads them: a node's as line:column and the key it reveals (a record id); a
 * finding's as line:column–line:column only, since it may cover a password.
 */
function readable(o: PlanOverview, text: string): unknown {
  const key = (s: Span) => text.slice(s.start, Math.min(s.end, s.start + 60)).replace(/\n/g, '\\n');
  return {
    ...o,
    nodes: o.nodes.map((n) => ({ ...n, span: `${lineColumn(text, n.span.start)} ${key(n.span)}` })),
    findings: o.findings.map((f) => ({ ...f, span: `${lineColumn(text, f.span.start)}–${lineColumn(text, f.span.end)}` })),
  };
}

test('examples/ have a snapshot each, and no snapshot is left without its example', () => {
  assert.ok(examples.length >= 20);
  if (process.env.CRMSYNC_UPDATE_SNAPSHOTS === '1') return;
  const names = new Set(examples.map((f) => `${path.basename(f).replace(/\.crmsync\.yaml$/, '')}.json`));
  const snaps = fs.existsSync(SNAPSHOTS) ? fs.readdirSync(SNAPSHOTS) : [];
  assert.deepEqual(snaps.filter((s) => !names.has(s)), [], 'snapshots of removed examples');
});

for (const file of examples) {
  const name = path.basename(file).replace(/\.crmsync\.yaml$/, '');
  test(`overview of example ${name} matches test/fixtures/overview/${name}.json`, () => {
    const text = fs.readFileSync(file, 'utf8');
    const { analysis, o } = overviewOf(text);
    checkShape(o, analysis);
    const actual = `${JSON.stringify(readable(o, text), null, 2)}\n`;
    const snapshot = path.join(SNAPSHOTS, `${name}.json`);
    if (process.env.CRMSYNC_UPDATE_SNAPSHOTS === '1') {
      fs.mkdirSync(SNAPSHOTS, { recursive: true });
      fs.writeFileSync(snapshot, actual);
      return;
    }
    assert.ok(fs.existsSync(snapshot), `missing ${path.relative(repoPath(), snapshot)} (run with CRMSYNC_UPDATE_SNAPSHOTS=1 and review it)`);
    assert.equal(actual, fs.readFileSync(snapshot, 'utf8'));
    assert.deepEqual(planOverview(analyze(text)), o, 'the same plan gives the same overview');
  });
}

const PLAN = `version: 1
organization: { name: fabrikam, deployment: onPremises, crmVersion: "9.1" }
mailSystems:
  ex: { kind: exchangeServer, version: "2013", servicePack: SP1 }
  gm: { kind: pop3Smtp, provider: gmail }
  spare: { kind: imapSmtp }
systemSettings:
  defaults: { serverProfile: ex-imp }
serverProfiles:
  ex-imp:
    serverType: exchangeServer
    mailSystem: ex
    incoming: { authenticateUsing: serverProfile, useImpersonation: true, username: svc, password: { secretRef: "env:EX_PASSWORD" } }
  gmail:
    serverType: pop3Smtp
    mailSystem: gm
    incoming: { serverLocation: pop.gmail.com, port: 995, authenticateUsing: userOrQueue }
    useSameSettingsForOutgoing: true
    outgoing: { serverLocation: smtp.gmail.com, port: 465, useSsl: false }
mailboxes:
  "10": { kind: user, emailAddress: ten@fabrikam.com, approval: approved }
  b: { kind: user, emailAddress: b@fabrikam.com, approval: approved }
  "2": { kind: user, serverProfile: ex-imp, emailAddress: two@fabrikam.com, approval: approved }
  q: { kind: queue, serverProfile: ex-imp, emailAddress: q@fabrikam.com, appointmentsContactsTasks: none, approval: approved }
  g: { kind: user, serverProfile: gmail, emailAddress: g@gmail.com, appointmentsContactsTasks: none, approval: approved }
  lost: { kind: user, serverProfile: ex-typo, emailAddress: lost@fabrikam.com, approval: approved }
`;

const byId = (o: PlanOverview, id: string): OverviewNode => {
  const n = o.nodes.find((x) => x.id === id);
  assert.ok(n, `node ${id} in ${o.nodes.map((x) => x.id).join(', ')}`);
  return n;
};

test('nodes in document order (numeric ids too), groups by (profile, kind, methods), counts through the default', () => {
  const { analysis, o } = overviewOf(PLAN);
  checkShape(o, analysis);
  assert.deepEqual(
    o.nodes.map((n) => n.id),
    [
      'organization',
      'mailSystem:ex',
      'mailSystem:gm',
      'mailSystem:spare',
      'profile:ex-imp',
      'profile:gmail',
      'group:ex-imp:user:serverSideSync:serverSideSync:none',
      'group:ex-imp:queue:serverSideSync:serverSideSync:none',
      'group:gmail:user:serverSideSync:serverSideSync:none',
      'group:?:user:serverSideSync:serverSideSync:none',
    ],
  );
  const users = byId(o, 'group:ex-imp:user:serverSideSync:serverSideSync:none') as MailboxGroupNode;
  assert.deepEqual(users.sample, ['10', 'b', '2'], 'document order, not the numeric-keys-first order of a JS object');
  assert.equal(users.count, 3);
  assert.equal(PLAN.slice(users.span.start, users.span.end), '"10"', 'a group reveals its first mailbox key');
  const exImp = byId(o, 'profile:ex-imp') as ProfileNode;
  assert.deepEqual(
    { count: exImp.mailboxCount, viaDefault: exImp.mailboxCountViaDefault, isDefault: exImp.isDefault, details: exImp.details },
    { count: 4, viaDefault: 2, isDefault: true, details: ['Exchange Server', 'in: impersonation · out: impersonation', 'SSL'] },
  );
  const gmail = byId(o, 'profile:gmail') as ProfileNode;
  assert.deepEqual(
    { count: gmail.mailboxCount, viaDefault: gmail.mailboxCountViaDefault, isDefault: gmail.isDefault, details: gmail.details, ssl: [gmail.incomingSsl, gmail.outgoingSsl] },
    { count: 1, viaDefault: 0, isDefault: false, details: ['POP3/SMTP', 'in: mailbox credentials · out: mailbox credentials', 'SSL incoming only'], ssl: [true, false] },
  );
  assert.deepEqual(byId(o, 'mailSystem:ex').details, ['Exchange Server 2013 SP1']);
  assert.deepEqual(byId(o, 'mailSystem:gm').details, ['Gmail POP3/SMTP']);
  const counts = (id: string) => {
    const n = byId(o, id);
    return n.kind === 'mailSystem' ? [n.profileCount, n.mailboxCount] : undefined;
  };
  assert.deepEqual([counts('mailSystem:ex'), counts('mailSystem:gm'), counts('mailSystem:spare')], [[1, 4], [1, 1], [0, 0]]);
  const lost = byId(o, 'group:?:user:serverSideSync:serverSideSync:none') as MailboxGroupNode;
  assert.equal(lost.profileId, undefined);
  assert.deepEqual(lost.details[0], 'server profile unknown');
  assert.ok(o.edges.some((e) => e.from === 'organization' && e.to === lost.id && e.kind === 'mailboxes'), 'an unknown profile hangs off the organisation');
  assert.ok(o.edges.some((e) => e.from === 'profile:ex-imp' && e.to === 'mailSystem:ex' && e.kind === 'mailSystem'));
  assert.ok(!o.edges.some((e) => e.to === 'mailSystem:spare'), 'no profile names spare');
  const org = byId(o, 'organization');
  assert.deepEqual([org.label, org.details], ['fabrikam', ['CRM on-premises', 'version 9.1', 'Server-Side Synchronization']]);
});

test('a finding in a mailbox lands on its group, in a profile on the profile, in a mail system on it, elsewhere on the organisation', () => {
  const { analysis, o } = overviewOf(PLAN);
  const lostKey = PLAN.indexOf('lost:');
  const unknownRef = analysis.findings.find((f) => f.ruleId === 'unknown-reference');
  assert.ok(unknownRef && unknownRef.span.start > lostKey, 'the typo of mailbox lost is reported in it');
  assert.equal(o.findings.find((f) => f.ruleId === 'unknown-reference')?.nodeId, 'group:?:user:serverSideSync:serverSideSync:none');

  // One finding of each place, each from a text edit of the plan.
  const broken = PLAN.replace('b: { kind: user,', 'b: { kind: user, colour: red,')
    .replace('    mailSystem: gm\n', '    mailSystem: gm\n    shape: round\n')
    .replace('spare: { kind: imapSmtp }', 'spare: { kind: imapSmtp, size: 3 }')
    .replace('organization: { name: fabrikam,', 'organization: { name: fabrikam, mood: calm,');
  const b = overviewOf(broken);
  checkShape(b.o, b.analysis);
  const nodeOfKey = (key: string) => {
    const at = broken.indexOf(key);
    const f = b.o.findings.find((x) => x.span.start <= at && at < x.span.end);
    assert.ok(f, `a finding on ${key}: ${b.analysis.findings.map((x) => `${x.ruleId}@${x.span.start}`).join(', ')}`);
    return f.nodeId;
  };
  assert.equal(nodeOfKey('colour'), 'group:ex-imp:user:serverSideSync:serverSideSync:none');
  assert.equal(nodeOfKey('shape'), 'profile:gmail');
  assert.equal(nodeOfKey('size'), 'mailSystem:spare');
  assert.equal(nodeOfKey('mood'), 'organization');
  const users = byId(b.o, 'group:ex-imp:user:serverSideSync:serverSideSync:none');
  assert.equal(users.findings.worst, 'error');
  assert.deepEqual(users.findings.rules.map((r) => r.ruleId), [b.o.findings.find((f) => f.nodeId === users.id)?.ruleId]);
});

test('tallies list errors first, then warnings, then info, by rule id within each; findings over the limit are counted', () => {
  const mailboxes = Array.from({ length: FINDINGS_LIMIT + 20 }, (_, i) => `  m${i}: { kind: user, colour: red }`).join('\n');
  const text = `version: 1\norganization: { name: x, deployment: online }\nmailboxes:\n${mailboxes}\n`;
  const { analysis, o } = overviewOf(text);
  checkShape(o, analysis);
  assert.equal(o.findings.length, FINDINGS_LIMIT);
  assert.ok(o.findingsOmitted >= 20);
  const order = { error: 0, warning: 1, info: 2 };
  for (const n of [...o.nodes.map((x) => x.findings), o.totals]) {
    for (let i = 1; i < n.rules.length; i++) {
      const [p, q] = [n.rules[i - 1], n.rules[i]];
      assert.ok(order[p.severity] < order[q.severity] || (p.severity === q.severity && p.ruleId < q.ruleId), `${p.ruleId} before ${q.ruleId}`);
    }
  }
  const group = o.nodes.find((n) => n.kind === 'mailboxGroup');
  assert.ok(group && group.findings.error >= FINDINGS_LIMIT + 20, 'the tallies count every finding');
});

test('no overview without a plan model; a record id that looks like an unknown profile gets its own node', () => {
  assert.equal(planOverview(analyze('')), undefined);
  assert.equal(planOverview(analyze('- a list\n')), undefined);
  assert.equal(planOverview(analyze('organization: [unclosed\n')), undefined);
  assert.deepEqual(overviewOf('version: 1\n').o.nodes.map((n) => [n.id, n.label]), [['organization', 'Organization']]);
  const text = `version: 1
organization: { name: x, deployment: online }
serverProfiles:
  "?": { serverType: exchangeOnline, incoming: { authenticateUsing: serverToServer } }
mailboxes:
  a: { kind: user, serverProfile: "?" }
  b: { kind: user }
`;
  const { analysis, o } = overviewOf(text);
  checkShape(o, analysis);
  const groups = o.nodes.filter((n): n is MailboxGroupNode => n.kind === 'mailboxGroup');
  assert.deepEqual(groups.map((g) => [g.profileId, g.sample]), [['?', ['a']], [undefined, ['b']]]);
  assert.equal(groups[1].details[0], 'no server profile', 'none written and no default: not a typo');
});

/** The mailbox records of a generated plan, read from its text: the id and its written serverProfile. */
function generatedMailboxes(text: string): { id: string; profile?: string }[] {
  const out: { id: string; profile?: string }[] = [];
  const lines = text.slice(text.indexOf('\nmailboxes:\n') + 12).split('\n');
  for (const l of lines) {
    const rec = /^ {2}(\S+):$/.exec(l);
    if (rec) out.push({ id: rec[1] });
    const p = /^ {4}serverProfile: (\S+)$/.exec(l);
    if (p) out[out.length - 1].profile = p[1];
  }
  return out;
}

test('a generated plan of 10,000 mailboxes: tens of nodes, the counts of its text, fast', async () => {
  const gen = (await import(pathToFileURL(repoPath('bench', 'generate.mjs')).href)) as { generatePlan(n: number): { text: string } };
  const { text } = gen.generatePlan(10000);
  const records = generatedMailboxes(text);
  assert.equal(records.length, 10000);
  const analysis = analyze(text);
  const started = performance.now();
  const o = planOverview(analysis);
  const ms = performance.now() - started;
  assert.ok(o);
  checkShape(o, analysis);
  assert.ok(o.nodes.length < 40, `${o.nodes.length} nodes`);
  for (const p of o.nodes.filter((n): n is ProfileNode => n.kind === 'profile')) {
    const written = records.filter((r) => r.profile === p.profileId).length;
    const viaDefault = p.profileId === 'exo-default' ? records.filter((r) => r.profile === undefined).length : 0;
    assert.deepEqual([p.mailboxCount, p.mailboxCountViaDefault], [written + viaDefault, viaDefault], `profile ${p.profileId}`);
  }
  const exo = byId(o, 'mailSystem:exo');
  assert.ok(exo.kind === 'mailSystem' && exo.profileCount === 3);
  assert.equal(exo.mailboxCount, records.filter((r) => r.profile === undefined || r.profile.startsWith('exo-')).length);
  assert.ok(ms < 1000, `planOverview took ${ms.toFixed(0)} ms at 10,000 mailboxes`);
});

/** Passwords, client secrets and secret reference values written in a plan. */
function secretsOf(text: string): string[] {
  const refs = [...text.matchAll(/secretRef:\s*["']?([^"'\s,}]+)/g)].flatMap((m) => [m[1], m[1].replace(/^(env|file|keyvault):/, '')]);
  return [...new Set([...secretLiterals(text), ...refs])].filter((s) => s.length >= 3);
}

const allFixtures = [...examples, ...filesUnder(repoPath('test', 'fixtures'), /\.ya?ml$/)];

test('no password, client secret or secret reference value in any overview', () => {
  let checked = 0;
  for (const file of allFixtures) {
    const text = fs.readFileSync(file, 'utf8');
    if (!/password|secretRef|clientSecret/.test(text)) continue;
    const secrets = secretsOf(text);
    const o = planOverview(analyze(text));
    if (!o || secrets.length === 0) continue;
    const json = JSON.stringify(o);
    for (const s of secrets) assert.ok(!json.includes(s), `${path.relative(repoPath(), file)}: the overview shows '${s}'`);
    checked++;
  }
  assert.ok(checked > 50, `only ${checked} plans with secrets`);
  const literal = PLAN.replace('password: { secretRef: "env:EX_PASSWORD" }', 'password: "Hunter2-literal-pw"');
  assert.ok(!JSON.stringify(overviewOf(literal).o).includes('Hunter2'));
});

test('never throws: every fixture, every robustness regression (edit sequences version by version), 300 fuzzed plans', () => {
  // Each input is a sequence of versions of one document, analysed incrementally as the editor does.
  const inputs: string[][] = allFixtures.map((f) => [fs.readFileSync(f, 'utf8')]);
  for (const r of loadRegressions()) inputs.push(r.text.split(VERSION_SEPARATOR));
  inputs.push(...fc.sample(mutatedPlan, { seed: 20240601, numRuns: 300 }).map((t) => [t]));
  let drawn = 0;
  let versions = 0;
  for (const sequence of inputs) {
    const analyzer = createAnalyzer({ now: () => FIXED_NOW, onRuleError: () => undefined });
    let previous: Analysis | undefined;
    for (const text of sequence) {
      const analysis = analyzer.analyze(text, previous);
      previous = analysis;
      versions++;
      const o = planOverview(analysis);
      if (!o) continue;
      checkShape(o, analysis);
      drawn++;
    }
  }
  assert.ok(drawn > versions / 2, `${drawn} of ${versions} versions have an overview`);
});
