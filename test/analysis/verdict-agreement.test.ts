/**
 * One truth table: `authVerdict` (hovers, completion, schema fix ranking) says an
 * `authenticateUsing` value is supported exactly when no rule reports it, over every server type,
 * deployment, baseline and CRM version, provider (Gmail or another), tenant (the organization's
 * or another one), option and direction. Each cell is a minimal plan with a matching mail
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
  'gmail-password-auth',
  'modern-auth-unavailable',
]);

const TENANT = '3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90';
const OTHER_TENANT = '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0';
const INTERNET = (t: ServerType) => t === 'pop3Smtp' || t === 'imapSmtp';
const EXCHANGE_ONLINE = (t: ServerType) => t === 'exchangeOnline' || t === 'exchangeOnlineHybrid';
const OAUTH_CLIENT = (a: Auth) => a === 'gmailOAuth' || a === 'azureAdOAuth';

/** The CRM versions of each baseline (9.2 exists only online). */
const VERSIONS: Record<Baseline, readonly string[]> = { crm2016: ['8.0', '8.1'], 'd365-8.2': ['8.2'], 'd365-9': ['9.0', '9.1', '9.2'] };

function mailSystem(c: Cell): string {
  if (EXCHANGE_ONLINE(c.type)) return `{ kind: exchangeOnline, tenantId: ${c.crossTenant ? OTHER_TENANT : TENANT} }`;
  if (c.type === 'exchangeServer' || c.type === 'exchangeServerHybrid') return '{ kind: exchangeServer, version: "2016", servicePack: "CU1" }';
  return `{ kind: ${c.type}, provider: ${c.gmail ? 'gmail' : 'yahoo'} }`;
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
  readonly version: string;
  /** POP3/IMAP mail systems: the provider is Gmail (else `other`). */
  readonly gmail: boolean;
  /** Exchange Online mail systems online: another tenant than the organization's. */
  readonly crossTenant: boolean;
  readonly auth: Auth;
  readonly dir: Dir;
}

/** The plan of a cell, and where the tested `authenticateUsing` value is. */
function plan(c: Cell, written: string = c.auth): { text: string; start: number; end: number } {
  const lines: string[] = [];
  let start = -1;
  const push = (...more: string[]) => lines.push(...more);
  push('version: 1');
  push(`baseline: ${c.baseline}`);
  push('organization:');
  push('  name: contoso');
  push(`  deployment: ${c.dep}`);
  push(`  crmVersion: "${c.version}"`);
  if (c.dep === 'online') push(`  tenantId: ${TENANT}`);
  else push('  https: true');
  push('mailSystems:');
  push(`  ms: ${mailSystem(c)}`);
  push('serverProfiles:');
  push('  p:');
  push(`    serverType: ${c.type}`);
  push('    mailSystem: ms');
  // Another tenant is named on the profile (exchange-online-cross-tenant (b)); an OAuth value
  // comes with its client (schema: required), so that only the option itself can be at fault.
  if (c.crossTenant) push(`    useDefaultTenantId: false`, `    exchangeOnlineTenantId: ${OTHER_TENANT}`);
  if (OAUTH_CLIENT(c.auth) || OAUTH_CLIENT(written as Auth)) push('    oauth: { applicationId: 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0, clientSecret: { secretRef: "env:CRMSYNC_P_CLIENT_SECRET" } }');
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
        for (const version of VERSIONS[baseline].filter((v) => dep === 'online' || v !== '9.2'))
          for (const gmail of INTERNET(type) ? [false, true] : [false])
            for (const crossTenant of EXCHANGE_ONLINE(type) && dep === 'online' ? [false, true] : [false])
              for (const auth of AUTH_VALUES)
                for (const dir of DIRS) yield { type, dep, baseline, version, gmail, crossTenant, auth, dir };
}

const label = (c: Cell) =>
  `${c.type} ${c.dep} ${c.baseline} ${c.version}${c.gmail ? ' gmail' : ''}${c.crossTenant ? ' other-tenant' : ''} ${c.dir === 'in' ? 'incoming' : 'outgoing'} ${c.auth}`;

/** The table's setting of a cell. */
const setting = (c: Cell) => ({ type: c.type, dep: c.dep, dir: c.dir, baseline: c.baseline, version: Number(c.version), gmail: c.gmail, crossTenant: c.crossTenant });
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
    const v = authVerdict(setting(c), c.auth);
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
  // 6 server types; per deployment 6 versions online, 5 on-premises; x2 for the provider of the
  // two POP3/IMAP types and for the tenant of the two Exchange Online types online.
  const settings = (2 * 2 + 2 * 2 + 2 * 1) * 6 + (2 * 2 + 4 * 1) * 5;
  assert.equal(n, settings * AUTH_VALUES.length * DIRS.length);
  t.diagnostic(`matrix: ${n} cells (${settings} settings x ${AUTH_VALUES.length} options x ${DIRS.length} directions), ${rejected.length} rejected`);
});

test('the authentication-option rules exist', () => {
  for (const id of AUTH_OPTION_RULES) assert.ok(RULES.some((r) => r.id === id), id);
});

test('with the deployment, provider or tenant unknown, authVerdict is supported where some value of it supports it', () => {
  for (const c of cells()) {
    const full = setting(c);
    for (const unknown of ['dep', 'gmail', 'crossTenant'] as const) {
      const values = unknown === 'dep' ? DEPLOYMENTS : [false, true];
      const some = values.some((v) => authVerdict({ ...full, [unknown]: v }, c.auth).supported);
      assert.equal(authVerdict({ ...full, [unknown]: undefined }, c.auth).supported, some, `${label(c)}, ${unknown} unknown`);
    }
  }
});
