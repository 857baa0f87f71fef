/**
 * One truth table: `authVerdict` (hovers, completion, schema fix ranking) says an
 * `authenticateUsing` value is supported exactly when no rule reports it, over every server type,
 * deployment, baseline, option and direction. Each cell is a minimal plan with a matching mail
 * system, a mailbox that uses the profile, and the credentials the option needs, so that only the
 * rules about the option itself can speak at the value.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Auth, Deployment, ServerType } from '../../server/src/analysis/model';
import { AUTH_VALUES, authVerdict } from '../../server/src/analysis/support';
import { BASELINES, type Baseline, type Finding } from '../../server/src/analysis/types';
import { RULES } from '../../server/src/analysis';
import { completeAt, hoverAt } from '../../server/src/ide';
import { analyze } from '../harness/check';

const TYPES: readonly ServerType[] = ['exchangeOnline', 'exchangeServer', 'exchangeServerHybrid', 'exchangeOnlineHybrid', 'pop3Smtp', 'imapSmtp'];
const DEPLOYMENTS: readonly Deployment[] = ['online', 'onPremises'];
const DIRS = ['in', 'out'] as const;
type Dir = (typeof DIRS)[number];

/** The rules that reject an authentication option as such (their findings sit on the value). */
const AUTH_OPTION_RULES = new Set([
  'anonymous-auth-exchange',
  'anonymous-auth-pop3-smtp',
  'exchange-online-requires-s2s',
  'hybrid-exchange-impersonation',
  'windows-auth-online',
  'windows-auth-pop3',
  's2s-non-exchange-online',
]);

const TENANT = '3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90';
const INTERNET = (t: ServerType) => t === 'pop3Smtp' || t === 'imapSmtp';

function mailSystem(type: ServerType): string {
  if (type === 'exchangeOnline' || type === 'exchangeOnlineHybrid') return `{ kind: exchangeOnline, tenantId: ${TENANT} }`;
  if (type === 'exchangeServer' || type === 'exchangeServerHybrid') return '{ kind: exchangeServer, version: "2016", servicePack: "CU1" }';
  return `{ kind: ${type}, provider: gmail }`;
}

/** The channel keys of one connection (before its credential keys). */
function channel(type: ServerType, dir: Dir): string[] {
  if (type === 'exchangeServer' || type === 'exchangeServerHybrid') return ['serverLocation: https://mail.contoso.com/EWS/Exchange.asmx'];
  if (type === 'pop3Smtp') return dir === 'in' ? ['serverLocation: pop.gmail.com', 'port: 995'] : ['serverLocation: smtp.gmail.com', 'port: 465'];
  if (type === 'imapSmtp') return dir === 'in' ? ['serverLocation: imap.gmail.com', 'port: 993'] : ['serverLocation: smtp.gmail.com', 'port: 465'];
  return [];
}

/** The credential keys an option needs, after `authenticateUsing`. */
function credentials(type: ServerType, auth: Auth, owner: string): string[] {
  if (auth !== 'serverProfile') return [];
  const impersonation = type === 'exchangeServer' || type === 'exchangeServerHybrid' ? ['useImpersonation: true'] : [];
  return [...impersonation, 'username: svc-crm@contoso.com', `password: { secretRef: "env:CRMSYNC_${owner}_PASSWORD" }`];
}

/** An option the other direction can use without findings of its own. */
function companion(type: ServerType): Auth {
  return type === 'exchangeOnline' || type === 'exchangeOnlineHybrid' ? 'serverToServer' : 'serverProfile';
}

interface Cell {
  readonly type: ServerType;
  readonly dep: Deployment;
  readonly baseline: Baseline;
  readonly auth: Auth;
  readonly dir: Dir;
}

/** The plan of a cell, and where the tested `authenticateUsing` value is. */
function plan(c: Cell, written: string = c.auth): { text: string; start: number; end: number } {
  const lines: string[] = [];
  let start = -1;
  const push = (line: string) => lines.push(line);
  push('version: 1');
  push(`baseline: ${c.baseline}`);
  push('organization:');
  push('  name: contoso');
  push(`  deployment: ${c.dep}`);
  if (c.dep === 'online') push(`  tenantId: ${TENANT}`);
  else push('  https: true');
  push('mailSystems:');
  push(`  ms: ${mailSystem(c.type)}`);
  push('serverProfiles:');
  push('  p:');
  push(`    serverType: ${c.type}`);
  push('    mailSystem: ms');
  const connection = (dir: Dir, auth: Auth, tested: boolean) => {
    push(`    ${dir === 'in' ? 'incoming' : 'outgoing'}:`);
    for (const k of channel(c.type, dir)) push(`      ${k}`);
    if (tested) start = [...lines, ''].join('\n').length + '      authenticateUsing: '.length;
    push(`      authenticateUsing: ${tested ? written : auth}`);
    for (const k of credentials(c.type, auth, dir === 'in' ? 'P_IN' : 'P_OUT')) push(`      ${k}`);
  };
  const other = companion(c.type);
  connection('in', c.dir === 'in' ? c.auth : other, c.dir === 'in');
  if (c.dir === 'out') {
    push('    useSameSettingsForOutgoing: false');
    connection('out', c.auth, true);
  } else if (INTERNET(c.type)) {
    push('    outgoing:');
    for (const k of channel(c.type, 'out')) push(`      ${k}`);
  }
  push('mailboxes:');
  push('  alice:');
  push('    kind: user');
  push('    serverProfile: p');
  push('    emailAddress: alice@contoso.com');
  push('    approval: approved');
  if (c.auth === 'userOrQueue') push('    credentials: { allowUse: true, username: alice@contoso.com, password: { secretRef: "env:CRMSYNC_ALICE_PASSWORD" } }');
  const text = `${lines.join('\n')}\n`;
  return { text, start, end: start + written.length };
}

function* cells(): Generator<Cell> {
  for (const type of TYPES)
    for (const dep of DEPLOYMENTS)
      for (const baseline of BASELINES)
        for (const auth of AUTH_VALUES)
          for (const dir of DIRS) yield { type, dep, baseline, auth, dir };
}

const label = (c: Cell) => `${c.type} ${c.dep} ${c.baseline} ${c.dir === 'in' ? 'incoming' : 'outgoing'} ${c.auth}`;
const rejecting = (findings: readonly Finding[], start: number, end: number): string[] =>
  findings.filter((f) => f.severity !== 'info' && f.span.start === start && f.span.end === end).map((f) => f.ruleId);

test('authVerdict, hover, completion and schema fix ranking agree with the rules on every authenticateUsing cell', (t) => {
  let n = 0;
  const rejected: string[] = [];
  for (const c of cells()) {
    n++;
    const where = label(c);
    const { text, start, end } = plan(c);
    assert.equal(text.slice(start, end), c.auth, `${where}: the value's place`);
    const analysis = analyze(text);
    const rules = rejecting(analysis.findings, start, end);
    for (const id of rules) assert.ok(AUTH_OPTION_RULES.has(id), `${where}: only rules about the option speak at the value, not ${id}`);
    const flagged = rules.length > 0;
    if (flagged) rejected.push(`${where}: ${rules.join(', ')}`);

    // The table itself.
    const v = authVerdict(c.type, c.auth, c.dep, c.dir);
    assert.equal(v.supported, !flagged, `${where}: authVerdict says ${v.supported ? 'supported' : `rejected by ${v.ruleId}`}, the rules report [${rules.join(', ')}]`);
    if (!v.supported) assert.ok(rules.includes(v.ruleId!), `${where}: authVerdict names ${v.ruleId}, the rules report [${rules.join(', ')}]`);

    // Hover on the value.
    const md = hoverAt(analysis, start + 1)?.markdown ?? '';
    if (flagged) {
      const m = /\*\*Not supported\*\* .*rule `([a-z0-9-]+)`/.exec(md);
      assert.ok(m, `${where}: the hover says not supported:\n${md}`);
      assert.ok(rules.includes(m[1]), `${where}: the hover names ${m[1]}, the rules report [${rules.join(', ')}]`);
    } else {
      assert.match(md, /\*\*Supported\*\* for this `/, `${where}: the hover says supported`);
    }

    // Completion at the end of the value: the item of the written value is marked and ranked.
    const items = completeAt(analysis, end);
    const item = items.find((i) => i.label === c.auth);
    assert.ok(item, `${where}: completion offers ${c.auth}`);
    assert.equal(item.unsupported, flagged, `${where}: completion marks ${c.auth} ${item.unsupported ? 'unsupported' : 'supported'}`);
    assert.equal(item.sortText[0], flagged ? '2' : '0', `${where}: completion ranks ${c.auth}`);
    if (flagged) assert.ok(rules.some((id) => item.detail?.includes(`(${id})`)), `${where}: completion names a reporting rule: ${item.detail}`);

    // Schema fix ranking: a typo of the value is fixed to it, preferred only where it is supported.
    const typo = plan(c, c.auth.slice(0, -1));
    const schema = analyze(typo.text).findings.find((f) => f.span.start === typo.start && f.span.end === typo.end);
    const fix = schema?.fixes.find((f) => f.title === `Set authenticateUsing to ${c.auth}`);
    assert.ok(fix, `${where}: the typo ${c.auth.slice(0, -1)} is fixed to ${c.auth}`);
    assert.equal(fix.isPreferred ?? false, !flagged, `${where}: the fix to ${c.auth} is ${fix.isPreferred ? '' : 'not '}preferred`);
  }
  assert.equal(n, TYPES.length * DEPLOYMENTS.length * BASELINES.length * AUTH_VALUES.length * DIRS.length);
  t.diagnostic(`matrix: ${n} cells (${TYPES.length} server types x ${DEPLOYMENTS.length} deployments x ${BASELINES.length} baselines x ${AUTH_VALUES.length} options x ${DIRS.length} directions), ${rejected.length} rejected`);
});

test('the authentication-option rules exist', () => {
  for (const id of AUTH_OPTION_RULES) assert.ok(RULES.some((r) => r.id === id), id);
});

test('with the deployment unknown, authVerdict is supported where some deployment supports it', () => {
  for (const type of TYPES)
    for (const auth of AUTH_VALUES)
      for (const dir of DIRS) {
        const some = DEPLOYMENTS.some((dep) => authVerdict(type, auth, dep, dir).supported);
        assert.equal(authVerdict(type, auth, undefined, dir).supported, some, `${type} ${dir} ${auth}`);
      }
});
