/**
 * Quick fixes of the "Authentication" rules (`anonymous-auth-exchange` to
 * `ad-auth-protocol-online` in catalogue order): one test per fix, with the full list
 * of titles (* preferred, ! unsafe) and the whole document after applying it.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../../harness/check';
import { withCursor } from '../../harness/cursor';
import { fixesAt, fires } from '../../harness/fixes';



/** No yaml-syntax or schema finding: the fix left a well-formed plan. */
function wellFormed(text: string): void {
  const bad = analyze(text).findings.filter((f) => f.ruleId === 'yaml-syntax' || f.ruleId === 'duplicate-key');
  assert.deepEqual(bad.map((f) => f.message), []);
}

const ORG_ONPREM = `organization:
  name: contoso
  deployment: onPremises
`;
const ORG_ONLINE = `organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
`;
const MS_EXCH = 'exch: { kind: exchangeServer, version: "2016" }';
const MS_EXO = 'exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }';
const MS_YAHOO = 'yahoo: { kind: pop3Smtp, provider: yahoo }';
const ALICE = '  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }\n';

/** A plan with one mail system and one profile `id` (the default profile); `body` is its indented body. */
function plan(org: string, mailSystem: string, id: string, body: string, mailboxes = ALICE, defaults = ''): string {
  return `version: 1
${org}mailSystems:
  ${mailSystem}
systemSettings:
  defaults: { serverProfile: ${id}${defaults} }
serverProfiles:
  ${id}:
${body}mailboxes:
${mailboxes}`;
}

const EXCH_HEAD = `    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
`;
const EXO_HEAD = `    serverType: exchangeOnline
    mailSystem: exo
    incoming:
`;
const HYBRID_HEAD = `    serverType: exchangeServerHybrid
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.com/EWS/Exchange.asmx
`;
const POP_HEAD = `    serverType: pop3Smtp
    mailSystem: yahoo
    incoming:
      serverLocation: pop.mail.yahoo.com
      port: 995
`;
const POP_OUT = `    outgoing:
      serverLocation: smtp.mail.yahoo.com
      port: 465
`;

const exch = (conn: string, mailboxes = ALICE, defaults = '') => plan(ORG_ONPREM, MS_EXCH, 'exch', EXCH_HEAD + conn, mailboxes, defaults);
const exo = (conn: string) => plan(ORG_ONLINE, MS_EXO, 'exo', EXO_HEAD + conn);
const hybrid = (conn: string, org = ORG_ONLINE) => plan(org, MS_EXCH, 'hybrid', HYBRID_HEAD + conn);
const pop = (conn: string, out = POP_OUT, org = ORG_ONLINE, mailboxes = ALICE) => plan(org, MS_YAHOO, 'yahoo-pop', POP_HEAD + conn + out, mailboxes);

const SERVICE_ACCOUNT = 'Set authenticateUsing to serverProfile and useImpersonation to true';

// ------------------------------------------------------------------ anonymous-auth-exchange

test('anonymous-auth-exchange: exchangeOnline → Set authenticateUsing to serverToServer', () => {
  const r = fixesAt(exo('      authenticateUsing: anonymous$0\n'), 'anonymous-auth-exchange');
  assert.deepEqual(r.titles, ['*Set authenticateUsing to serverToServer']);
  const fixed = r.apply('Set authenticateUsing to serverToServer');
  assert.equal(fixed, exo('      authenticateUsing: serverToServer\n'));
  assert.equal(fires(fixed, 'anonymous-auth-exchange'), false);
});

test('anonymous-auth-exchange: exchangeServerHybrid → serverProfile with impersonation and inserted credentials', () => {
  const r = fixesAt(hybrid('      authenticateUsing: anonymous$0\n'), 'anonymous-auth-exchange');
  assert.deepEqual(r.titles, [SERVICE_ACCOUNT]);
  const fixed = r.apply(SERVICE_ACCOUNT);
  assert.equal(
    fixed,
    hybrid(`      authenticateUsing: serverProfile
      useImpersonation: true
      username: ""
      password: { secretRef: "env:CRMSYNC_HYBRID_IN_PASSWORD" }
`),
  );
  assert.equal(fires(fixed, 'anonymous-auth-exchange'), false);
  assert.equal(fires(fixed, 'hybrid-exchange-impersonation'), false);
});

test('anonymous-auth-exchange: exchangeServer on-premises → three fixes in order', () => {
  const src = exch('      authenticateUsing: anonymous$0\n');
  assert.deepEqual(fixesAt(src, 'anonymous-auth-exchange').titles, [SERVICE_ACCOUNT, 'Set authenticateUsing to userOrQueue', 'Set authenticateUsing to windowsIntegrated']);
});

test('anonymous-auth-exchange: exchangeServer, serverProfile fix keeps a written user name', () => {
  const src = exch('      authenticateUsing: anonymous$0 # was copied\n      username: CONTOSO\\svc-crm\n');
  const fixed = fixesAt(src, 'anonymous-auth-exchange').apply(SERVICE_ACCOUNT);
  assert.equal(
    fixed,
    exch(`      authenticateUsing: serverProfile # was copied
      username: CONTOSO\\svc-crm
      useImpersonation: true
      password: { secretRef: "env:CRMSYNC_EXCH_IN_PASSWORD" }
`),
  );
  assert.equal(fires(fixed, 'anonymous-auth-exchange'), false);
  assert.equal(fires(fixed, 'profile-credentials-missing'), false);
});

test('anonymous-auth-exchange: exchangeServer in a flow mapping, serverProfile fix', () => {
  const src = exch('      authenticateUsing: anonymous$0\n').replace(
    '    incoming:\n      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx\n      authenticateUsing: anonymous$0\n',
    '    incoming: { serverLocation: https://mail.contoso.local/EWS/Exchange.asmx, authenticateUsing: anonymous$0 }\n',
  );
  const fixed = fixesAt(src, 'anonymous-auth-exchange').apply(SERVICE_ACCOUNT);
  assert.equal(
    fixed,
    withCursor(src).text.replace(
      'authenticateUsing: anonymous }',
      'authenticateUsing: serverProfile, useImpersonation: true, username: "", password: { secretRef: "env:CRMSYNC_EXCH_IN_PASSWORD" } }',
    ),
  );
  wellFormed(fixed);
  assert.equal(fires(fixed, 'anonymous-auth-exchange'), false);
});

test('anonymous-auth-exchange: exchangeServer → Set authenticateUsing to userOrQueue', () => {
  const fixed = fixesAt(exch('      authenticateUsing: anonymous$0\n'), 'anonymous-auth-exchange').apply('Set authenticateUsing to userOrQueue');
  assert.equal(fixed, exch('      authenticateUsing: userOrQueue\n'));
  assert.equal(fires(fixed, 'anonymous-auth-exchange'), false);
});

test('anonymous-auth-exchange: exchangeServer → Set authenticateUsing to windowsIntegrated', () => {
  const fixed = fixesAt(exch('      authenticateUsing: anonymous$0\n'), 'anonymous-auth-exchange').apply('Set authenticateUsing to windowsIntegrated');
  assert.equal(fixed, exch('      authenticateUsing: windowsIntegrated\n'));
  assert.equal(fires(fixed, 'anonymous-auth-exchange'), false);
});

test('anonymous-auth-exchange: exchangeServer online offers no windowsIntegrated', () => {
  const src = plan(ORG_ONLINE, MS_EXCH, 'exch', EXCH_HEAD + '      authenticateUsing: anonymous$0\n');
  assert.deepEqual(fixesAt(src, 'anonymous-auth-exchange').titles, [SERVICE_ACCOUNT, 'Set authenticateUsing to userOrQueue']);
});

test('anonymous-auth-exchange: outgoing connection gets an _OUT secret reference', () => {
  const body = `${EXCH_HEAD}      authenticateUsing: serverProfile
      useImpersonation: true
      username: CONTOSO\\svc-crm
      password: { secretRef: "env:CONTOSO_SVC_PWD" }
    useSameSettingsForOutgoing: false
    outgoing:
      authenticateUsing: anonymous$0
`;
  const src = plan(ORG_ONPREM, MS_EXCH, 'exch', body);
  const fixed = fixesAt(src, 'anonymous-auth-exchange').apply(SERVICE_ACCOUNT);
  assert.equal(
    fixed,
    withCursor(src).text.replace(
      '      authenticateUsing: anonymous\n',
      '      authenticateUsing: serverProfile\n      useImpersonation: true\n      username: ""\n      password: { secretRef: "env:CRMSYNC_EXCH_OUT_PASSWORD" }\n',
    ),
  );
  assert.equal(fires(fixed, 'anonymous-auth-exchange'), false);
});

// ----------------------------------------------------------------- anonymous-auth-pop3-smtp

test('anonymous-auth-pop3-smtp: titles', () => {
  assert.deepEqual(fixesAt(pop('      authenticateUsing: anonymous$0\n'), 'anonymous-auth-pop3-smtp').titles, [
    '*Set authenticateUsing to userOrQueue',
    'Set authenticateUsing to serverProfile',
  ]);
});

test('anonymous-auth-pop3-smtp: Set authenticateUsing to userOrQueue', () => {
  const fixed = fixesAt(pop('      authenticateUsing: anonymous$0\n'), 'anonymous-auth-pop3-smtp').apply('Set authenticateUsing to userOrQueue');
  assert.equal(fixed, pop('      authenticateUsing: userOrQueue\n'));
  assert.equal(fires(fixed, 'anonymous-auth-pop3-smtp'), false);
});

test('anonymous-auth-pop3-smtp: Set authenticateUsing to serverProfile inserts username and password reference', () => {
  const fixed = fixesAt(pop('      authenticateUsing: anonymous$0\n'), 'anonymous-auth-pop3-smtp').apply('Set authenticateUsing to serverProfile');
  assert.equal(fixed, pop('      authenticateUsing: serverProfile\n      username: ""\n      password: { secretRef: "env:CRMSYNC_YAHOO_POP_IN_PASSWORD" }\n'));
  assert.equal(fires(fixed, 'anonymous-auth-pop3-smtp'), false);
});

// -------------------------------------------------------------- exchange-online-requires-s2s

test('exchange-online-requires-s2s: set serverToServer and remove the account keys (block)', () => {
  const src = exo(`      authenticateUsing: serverProfile$0
      useImpersonation: false
      username: svc-crm@contoso.com # service account
      password: { secretRef: "env:CONTOSO_SVC_PWD" }
      mfa: false
`);
  const r = fixesAt(src, 'exchange-online-requires-s2s');
  assert.deepEqual(r.titles, ['*Set authenticateUsing to serverToServer and remove username, password, useImpersonation and mfa']);
  const fixed = r.apply('Set authenticateUsing to serverToServer and remove username, password, useImpersonation and mfa');
  assert.equal(fixed, exo('      authenticateUsing: serverToServer\n'));
  assert.equal(fires(fixed, 'exchange-online-requires-s2s'), false);
});

test('exchange-online-requires-s2s: flow mapping, no comma left behind', () => {
  const src = exo('').replace(
    '    incoming:\n',
    '    incoming: { authenticateUsing: userOrQueue$0, username: svc-crm@contoso.com, password: { secretRef: "env:CONTOSO_SVC_PWD" } }\n',
  );
  const r = fixesAt(src, 'exchange-online-requires-s2s');
  assert.deepEqual(r.titles, ['*Set authenticateUsing to serverToServer and remove username and password']);
  const fixed = r.apply('Set authenticateUsing to serverToServer and remove username and password');
  assert.equal(fixed, exo('').replace('    incoming:\n', '    incoming: { authenticateUsing: serverToServer }\n'));
  wellFormed(fixed);
  assert.equal(fires(fixed, 'exchange-online-requires-s2s'), false);
});

test('exchange-online-requires-s2s: nothing to remove', () => {
  const r = fixesAt(exo('      authenticateUsing: userOrQueue$0\n'), 'exchange-online-requires-s2s');
  assert.deepEqual(r.titles, ['*Set authenticateUsing to serverToServer']);
  assert.equal(r.apply('Set authenticateUsing to serverToServer'), exo('      authenticateUsing: serverToServer\n'));
});

// ------------------------------------------------------------ exchange-online-impersonation

test('exchange-online-impersonation: Remove useImpersonation', () => {
  const src = exo('      authenticateUsing: serverToServer\n      useImpersonation: true$0\n');
  const r = fixesAt(src, 'exchange-online-impersonation');
  assert.deepEqual(r.titles, ['*Remove useImpersonation']);
  const fixed = r.apply('Remove useImpersonation');
  assert.equal(fixed, exo('      authenticateUsing: serverToServer\n'));
  assert.equal(fires(fixed, 'exchange-online-impersonation'), false);
});

// ------------------------------------------------------------ hybrid-exchange-impersonation

const HYBRID_ACCOUNT = `      username: svc-crm@contoso.com
      password: { secretRef: "env:CONTOSO_SVC_PWD" }
`;

test('hybrid-exchange-impersonation (b): Set useImpersonation to true (preferred: credentials present)', () => {
  const src = hybrid(`      authenticateUsing: serverProfile\n      useImpersonation: false$0\n${HYBRID_ACCOUNT}`);
  const r = fixesAt(src, 'hybrid-exchange-impersonation');
  assert.deepEqual(r.titles, ['*Set useImpersonation to true']);
  const fixed = r.apply('Set useImpersonation to true');
  assert.equal(fixed, hybrid(`      authenticateUsing: serverProfile\n      useImpersonation: true\n${HYBRID_ACCOUNT}`));
  assert.equal(fires(fixed, 'hybrid-exchange-impersonation'), false);
});

test('hybrid-exchange-impersonation (a): preferred when username and password are there', () => {
  const src = hybrid(`      authenticateUsing: userOrQueue$0\n${HYBRID_ACCOUNT}`);
  const r = fixesAt(src, 'hybrid-exchange-impersonation');
  assert.deepEqual(r.titles, [`*${SERVICE_ACCOUNT}`]);
  const fixed = r.apply(SERVICE_ACCOUNT);
  assert.equal(fixed, hybrid(`      authenticateUsing: serverProfile\n${HYBRID_ACCOUNT}      useImpersonation: true\n`));
  assert.equal(fires(fixed, 'hybrid-exchange-impersonation'), false);
});

test('hybrid-exchange-impersonation (a): inserts placeholders and is not preferred otherwise', () => {
  const src = hybrid('      authenticateUsing: serverToServer$0\n');
  const r = fixesAt(src, 'hybrid-exchange-impersonation');
  assert.deepEqual(r.titles, [SERVICE_ACCOUNT]);
  const fixed = r.apply(SERVICE_ACCOUNT);
  assert.equal(
    fixed,
    hybrid('      authenticateUsing: serverProfile\n      useImpersonation: true\n      username: ""\n      password: { secretRef: "env:CRMSYNC_HYBRID_IN_PASSWORD" }\n'),
  );
  assert.equal(fires(fixed, 'hybrid-exchange-impersonation'), false);
});

test('hybrid-exchange-impersonation (b): useImpersonation not written, only the password missing', () => {
  const src = hybrid('      authenticateUsing: serverProfile$0\n      username: svc-crm@contoso.com\n');
  const r = fixesAt(src, 'hybrid-exchange-impersonation');
  assert.deepEqual(r.titles, ['Set useImpersonation to true']);
  const fixed = r.apply('Set useImpersonation to true');
  assert.equal(
    fixed,
    hybrid('      authenticateUsing: serverProfile\n      username: svc-crm@contoso.com\n      useImpersonation: true\n      password: { secretRef: "env:CRMSYNC_HYBRID_IN_PASSWORD" }\n'),
  );
  assert.equal(fires(fixed, 'hybrid-exchange-impersonation'), false);
});

// ---------------------------------------------------------------------- windows-auth-online

test('windows-auth-online: exchangeOnline → Set authenticateUsing to serverToServer', () => {
  const r = fixesAt(exo('      authenticateUsing: windowsIntegrated$0\n'), 'windows-auth-online');
  assert.deepEqual(r.titles, ['*Set authenticateUsing to serverToServer']);
  const fixed = r.apply('Set authenticateUsing to serverToServer');
  assert.equal(fixed, exo('      authenticateUsing: serverToServer\n'));
  assert.equal(fires(fixed, 'windows-auth-online'), false);
});

test('windows-auth-online: exchangeServerHybrid → serverProfile with impersonation', () => {
  const r = fixesAt(hybrid('      authenticateUsing: windowsIntegrated$0\n'), 'windows-auth-online');
  assert.deepEqual(r.titles, [SERVICE_ACCOUNT]);
  const fixed = r.apply(SERVICE_ACCOUNT);
  assert.equal(
    fixed,
    hybrid('      authenticateUsing: serverProfile\n      useImpersonation: true\n      username: ""\n      password: { secretRef: "env:CRMSYNC_HYBRID_IN_PASSWORD" }\n'),
  );
  assert.equal(fires(fixed, 'windows-auth-online'), false);
});

test('windows-auth-online: SMTP → Set authenticateUsing to userOrQueue', () => {
  const out = `    useSameSettingsForOutgoing: false
    outgoing:
      serverLocation: smtp.mail.yahoo.com
      port: 465
      authenticateUsing: windowsIntegrated$0
`;
  const src = pop('      authenticateUsing: userOrQueue\n', out);
  const r = fixesAt(src, 'windows-auth-online');
  assert.deepEqual(r.titles, ['*Set authenticateUsing to userOrQueue']);
  const fixed = r.apply('Set authenticateUsing to userOrQueue');
  assert.equal(fixed, pop('      authenticateUsing: userOrQueue\n', out.replace('windowsIntegrated$0', 'userOrQueue')));
  assert.equal(fires(fixed, 'windows-auth-online'), false);
});

// ----------------------------------------------------------------------- windows-auth-pop3

test('windows-auth-pop3: titles', () => {
  const src = pop('      authenticateUsing: windowsIntegrated$0\n', POP_OUT, ORG_ONPREM);
  assert.deepEqual(fixesAt(src, 'windows-auth-pop3').titles, ['*Set authenticateUsing to userOrQueue', 'Set authenticateUsing to serverProfile']);
});

test('windows-auth-pop3: Set authenticateUsing to userOrQueue', () => {
  const src = pop('      authenticateUsing: windowsIntegrated$0\n', POP_OUT, ORG_ONPREM);
  const fixed = fixesAt(src, 'windows-auth-pop3').apply('Set authenticateUsing to userOrQueue');
  assert.equal(fixed, pop('      authenticateUsing: userOrQueue\n', POP_OUT, ORG_ONPREM));
  assert.equal(fires(fixed, 'windows-auth-pop3'), false);
});

test('windows-auth-pop3: Set authenticateUsing to serverProfile', () => {
  const src = pop('      authenticateUsing: windowsIntegrated$0\n      username: crm@yahoo.com\n', POP_OUT, ORG_ONPREM);
  const fixed = fixesAt(src, 'windows-auth-pop3').apply('Set authenticateUsing to serverProfile');
  assert.equal(
    fixed,
    pop('      authenticateUsing: serverProfile\n      username: crm@yahoo.com\n      password: { secretRef: "env:CRMSYNC_YAHOO_POP_IN_PASSWORD" }\n', POP_OUT, ORG_ONPREM),
  );
  assert.equal(fires(fixed, 'windows-auth-pop3'), false);
});

// ----------------------------------------------------------------- s2s-non-exchange-online

test('s2s-non-exchange-online: exchangeServer titles', () => {
  assert.deepEqual(fixesAt(exch('      authenticateUsing: serverToServer$0\n'), 's2s-non-exchange-online').titles, [SERVICE_ACCOUNT, 'Set authenticateUsing to userOrQueue']);
});

test('s2s-non-exchange-online: exchangeServer → serverProfile with impersonation', () => {
  const fixed = fixesAt(exch('      authenticateUsing: serverToServer$0\n'), 's2s-non-exchange-online').apply(SERVICE_ACCOUNT);
  assert.equal(fixed, exch('      authenticateUsing: serverProfile\n      useImpersonation: true\n      username: ""\n      password: { secretRef: "env:CRMSYNC_EXCH_IN_PASSWORD" }\n'));
  assert.equal(fires(fixed, 's2s-non-exchange-online'), false);
});

test('s2s-non-exchange-online: exchangeServer → Set authenticateUsing to userOrQueue', () => {
  const fixed = fixesAt(exch('      authenticateUsing: serverToServer$0\n'), 's2s-non-exchange-online').apply('Set authenticateUsing to userOrQueue');
  assert.equal(fixed, exch('      authenticateUsing: userOrQueue\n'));
  assert.equal(fires(fixed, 's2s-non-exchange-online'), false);
});

test('s2s-non-exchange-online: POP3 → Set authenticateUsing to userOrQueue (preferred)', () => {
  const r = fixesAt(pop('      authenticateUsing: serverToServer$0\n'), 's2s-non-exchange-online');
  assert.deepEqual(r.titles, ['*Set authenticateUsing to userOrQueue']);
  const fixed = r.apply('Set authenticateUsing to userOrQueue');
  assert.equal(fixed, pop('      authenticateUsing: userOrQueue\n'));
  assert.equal(fires(fixed, 's2s-non-exchange-online'), false);
});

// -------------------------------------------------------------- profile-credentials-missing

test('profile-credentials-missing: only the password missing → preferred', () => {
  const src = exch('      authenticateUsing: serverProfile$0\n      useImpersonation: true\n      username: CONTOSO\\svc-crm\n');
  const r = fixesAt(src, 'profile-credentials-missing');
  assert.deepEqual(r.titles, ['*Set password to secretRef env:CRMSYNC_EXCH_IN_PASSWORD']);
  const fixed = r.apply('Set password to secretRef env:CRMSYNC_EXCH_IN_PASSWORD');
  assert.equal(
    fixed,
    exch('      authenticateUsing: serverProfile\n      useImpersonation: true\n      username: CONTOSO\\svc-crm\n      password: { secretRef: "env:CRMSYNC_EXCH_IN_PASSWORD" }\n'),
  );
  assert.equal(fires(fixed, 'profile-credentials-missing'), false);
});

test('profile-credentials-missing: both missing on outgoing → placeholder user name, not preferred', () => {
  const out = `    useSameSettingsForOutgoing: false
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465, authenticateUsing: serverProfile$0 }
`;
  const src = pop('      authenticateUsing: userOrQueue\n', out);
  const r = fixesAt(src, 'profile-credentials-missing');
  const title = 'Set username to "" and password to secretRef env:CRMSYNC_YAHOO_POP_OUT_PASSWORD';
  assert.deepEqual(r.titles, [title]);
  assert.equal(
    r.apply(title),
    pop(
      '      authenticateUsing: userOrQueue\n',
      out.replace('serverProfile$0 }', 'serverProfile, username: "", password: { secretRef: "env:CRMSYNC_YAHOO_POP_OUT_PASSWORD" } }'),
    ),
  );
});

// -------------------------------------------------------------- profile-credentials-ignored

test('profile-credentials-ignored (a): titles', () => {
  const src = exch('      authenticateUsing: userOrQueue\n      username$0: CONTOSO\\svc-crm\n      password: { secretRef: "env:CONTOSO_SVC_PWD" }\n');
  assert.deepEqual(fixesAt(src, 'profile-credentials-ignored').titles, ['*Remove username and password', 'Set authenticateUsing to serverProfile']);
});

test('profile-credentials-ignored (a): Remove username and password', () => {
  const src = exch('      authenticateUsing: userOrQueue\n      username$0: CONTOSO\\svc-crm\n      password: { secretRef: "env:CONTOSO_SVC_PWD" }\n');
  const fixed = fixesAt(src, 'profile-credentials-ignored').apply('Remove username and password');
  assert.equal(fixed, exch('      authenticateUsing: userOrQueue\n'));
  assert.equal(fires(fixed, 'profile-credentials-ignored'), false);
});

test('profile-credentials-ignored (a): Set authenticateUsing to serverProfile', () => {
  const src = exch('      authenticateUsing: userOrQueue\n      useImpersonation: true\n      username: CONTOSO\\svc-crm\n      password$0: { secretRef: "env:CONTOSO_SVC_PWD" }\n');
  const fixed = fixesAt(src, 'profile-credentials-ignored').apply('Set authenticateUsing to serverProfile');
  assert.equal(fixed, exch('      authenticateUsing: serverProfile\n      useImpersonation: true\n      username: CONTOSO\\svc-crm\n      password: { secretRef: "env:CONTOSO_SVC_PWD" }\n'));
  assert.equal(fires(fixed, 'profile-credentials-ignored'), false);
});

const POP_ACCOUNT = `      authenticateUsing: serverProfile
      username: crm@yahoo.com
      password: { secretRef: "env:YAHOO_PWD" }
`;

test('profile-credentials-ignored (b): different outgoing credentials → Set useSameSettingsForOutgoing to false', () => {
  const out = `    outgoing:
      serverLocation: smtp.mail.yahoo.com
      port: 465
      authenticateUsing: serverProfile
      username$0: smtp@yahoo.com
      password: { secretRef: "env:YAHOO_SMTP_PWD" }
`;
  const src = pop(POP_ACCOUNT, out);
  const r = fixesAt(src, 'profile-credentials-ignored');
  assert.deepEqual(r.titles, ['*Set useSameSettingsForOutgoing to false']);
  const fixed = r.apply('Set useSameSettingsForOutgoing to false');
  assert.equal(fixed, pop(POP_ACCOUNT, out.replace('$0', '') + '    useSameSettingsForOutgoing: false\n'));
  assert.equal(fires(fixed, 'profile-credentials-ignored'), false);
});

test('profile-credentials-ignored (b): outgoing repeats incoming → remove the keys', () => {
  const out = `    outgoing:
      serverLocation: smtp.mail.yahoo.com
      username$0: crm@yahoo.com
      port: 465
      password: { secretRef: "env:YAHOO_PWD" }
      mfa: false
`;
  const r = fixesAt(pop(POP_ACCOUNT, out), 'profile-credentials-ignored');
  const title = 'Remove outgoing.username, outgoing.password and outgoing.mfa';
  assert.deepEqual(r.titles, [`*${title}`]);
  const fixed = r.apply(title);
  assert.equal(fixed, pop(POP_ACCOUNT, '    outgoing:\n      serverLocation: smtp.mail.yahoo.com\n      port: 465\n'));
  assert.equal(fires(fixed, 'profile-credentials-ignored'), false);
});

test('profile-credentials-ignored (b): outgoing holds nothing but repeated credentials → Remove outgoing', () => {
  const src = exch(`      authenticateUsing: serverProfile
      useImpersonation: true
      username: CONTOSO\\svc-crm
      password: { secretRef: "env:CONTOSO_SVC_PWD" }
    outgoing: { authenticateUsing$0: serverProfile, useImpersonation: true }
`);
  const r = fixesAt(src, 'profile-credentials-ignored');
  assert.deepEqual(r.titles, ['*Remove outgoing']);
  const fixed = r.apply('Remove outgoing');
  assert.equal(fixed, exch('      authenticateUsing: serverProfile\n      useImpersonation: true\n      username: CONTOSO\\svc-crm\n      password: { secretRef: "env:CONTOSO_SVC_PWD" }\n'));
  assert.equal(fires(fixed, 'profile-credentials-ignored'), false);
});

// ------------------------------------------------------------------------ plaintext-secret

const EXCH_ACCOUNT = '      authenticateUsing: serverProfile\n      useImpersonation: true\n      username: CONTOSO\\svc-crm\n';
const MOVE = 'Move to a secret reference';

function moves(src: string, expected: string): void {
  const r = fixesAt(src, 'plaintext-secret');
  assert.deepEqual(r.titles, [`*${MOVE}`]);
  const fixed = r.apply(MOVE);
  assert.equal(fixed, expected);
  assert.ok(!/not-a-real|12345/.test(fixed), 'the literal is gone');
  wellFormed(fixed);
  assert.equal(fires(fixed, 'plaintext-secret'), false);
}

test('plaintext-secret: plain scalar, comment kept', () => {
  moves(
    exch(`${EXCH_ACCOUNT}      password: not-a-real-password$0 # rotate monthly\n`),
    exch(`${EXCH_ACCOUNT}      password: { secretRef: "env:CRMSYNC_EXCH_IN_PASSWORD" } # rotate monthly\n`),
  );
});

test('plaintext-secret: literal block scalar followed by another key', () => {
  const conn = (pw: string) => `${EXCH_ACCOUNT}      password: ${pw}      mfa: false\n`;
  moves(exch(conn('|$0\n        not-a-real-password\n')), exch(conn('{ secretRef: "env:CRMSYNC_EXCH_IN_PASSWORD" }\n')));
});

test('plaintext-secret: folded block scalar with a header comment, several lines, last in the document', () => {
  const src = `${exch(EXCH_ACCOUNT, '')}  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
  bob:
    kind: user
    emailAddress: bob@contoso.com
    credentials:
      allowUse: true
      username: bob@contoso.com
      password: >-$0 # temporary
        not-a-real
        password

`;
  const expected = `${exch(EXCH_ACCOUNT, '')}  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
  bob:
    kind: user
    emailAddress: bob@contoso.com
    credentials:
      allowUse: true
      username: bob@contoso.com
      password: { secretRef: "env:CRMSYNC_BOB_PASSWORD" }

`;
  const r = fixesAt(src, 'plaintext-secret');
  const fixed = r.apply(MOVE);
  assert.equal(fixed, expected);
  assert.ok(!/not-a-real/.test(fixed));
  wellFormed(fixed);
  assert.equal(fires(fixed, 'plaintext-secret'), false);
});

test('plaintext-secret: flow mapping (outgoing) and a tagged value', () => {
  const out = (pw: string) => `    useSameSettingsForOutgoing: false\n    outgoing: { authenticateUsing: serverProfile, username: CONTOSO\\svc-crm, password: ${pw}, useImpersonation: true }\n`;
  const body = (pw: string) => `${EXCH_HEAD}${EXCH_ACCOUNT}      password: { secretRef: "env:CONTOSO_SVC_PWD" }\n${out(pw)}`;
  moves(plan(ORG_ONPREM, MS_EXCH, 'exch', body('"not-a-real password"$0')), plan(ORG_ONPREM, MS_EXCH, 'exch', body('{ secretRef: "env:CRMSYNC_EXCH_OUT_PASSWORD" }')));
  moves(plan(ORG_ONPREM, MS_EXCH, 'exch', body('!!str 12345$0')), plan(ORG_ONPREM, MS_EXCH, 'exch', body('{ secretRef: "env:CRMSYNC_EXCH_OUT_PASSWORD" }')));
});

test('plaintext-secret: a number on a mailbox', () => {
  const bob = (pw: string) => `  bob: { kind: user, emailAddress: bob@contoso.com, credentials: { allowUse: true, username: bob@contoso.com, password: ${pw} } }\n`;
  moves(
    plan(ORG_ONPREM, MS_EXCH, 'exch', EXCH_HEAD + '      authenticateUsing: userOrQueue\n', bob('12345$0')),
    plan(ORG_ONPREM, MS_EXCH, 'exch', EXCH_HEAD + '      authenticateUsing: userOrQueue\n', bob('{ secretRef: "env:CRMSYNC_BOB_PASSWORD" }')),
  );
});

// ------------------------------------------------------------- mailbox-credentials-missing

const PERSONAL = '      authenticateUsing: userOrQueue\n';
const personal = (mailboxes: string) => exch(PERSONAL, mailboxes);

test('mailbox-credentials-missing: no credentials (block mailbox) → credentials created in block style, preferred', () => {
  const src = personal('  dan$0:\n    kind: user\n    emailAddress: dan@contoso.com\n    approval: approved\n');
  const title = 'Set allowUse to true, username to dan@contoso.com and password to secretRef env:CRMSYNC_DAN_PASSWORD';
  const r = fixesAt(src, 'mailbox-credentials-missing');
  assert.deepEqual(r.titles, [`*${title}`]);
  const fixed = r.apply(title);
  assert.equal(
    fixed,
    personal(`  dan:
    kind: user
    emailAddress: dan@contoso.com
    approval: approved
    credentials:
      allowUse: true
      username: dan@contoso.com
      password: { secretRef: "env:CRMSYNC_DAN_PASSWORD" }
`),
  );
  assert.equal(fires(fixed, 'mailbox-credentials-missing'), false);
});

test('mailbox-credentials-missing: no credentials (flow mailbox) → one flow mapping', () => {
  const src = personal('  dan$0: { kind: user, emailAddress: dan@contoso.com, approval: approved }\n');
  const title = 'Set allowUse to true, username to dan@contoso.com and password to secretRef env:CRMSYNC_DAN_PASSWORD';
  const fixed = fixesAt(src, 'mailbox-credentials-missing').apply(title);
  assert.equal(
    fixed,
    personal('  dan: { kind: user, emailAddress: dan@contoso.com, approval: approved, credentials: { allowUse: true, username: dan@contoso.com, password: { secretRef: "env:CRMSYNC_DAN_PASSWORD" } } }\n'),
  );
  assert.equal(fires(fixed, 'mailbox-credentials-missing'), false);
});

test('mailbox-credentials-missing: allowUse false → Set allowUse to true', () => {
  const creds = (v: string) => `  lee:\n    kind: user\n    emailAddress: lee@contoso.com\n    credentials$0:\n      allowUse: ${v}\n      username: CONTOSO\\lee\n      password: { secretRef: "env:LEE_PWD" }\n`;
  const r = fixesAt(personal(creds('false')), 'mailbox-credentials-missing');
  assert.deepEqual(r.titles, ['*Set allowUse to true']);
  const fixed = r.apply('Set allowUse to true');
  assert.equal(fixed, personal(creds('true').replace('$0', '')));
  assert.equal(fires(fixed, 'mailbox-credentials-missing'), false);
});

test('mailbox-credentials-missing: no email address → placeholder user name, not preferred', () => {
  const src = personal('  shared:\n    kind: queue\n    name: Shared\n    credentials$0:\n      allowUse: true\n');
  const title = 'Set username to "" and password to secretRef env:CRMSYNC_SHARED_PASSWORD';
  const r = fixesAt(src, 'mailbox-credentials-missing');
  assert.deepEqual(r.titles, [title]);
  assert.equal(
    r.apply(title),
    personal('  shared:\n    kind: queue\n    name: Shared\n    credentials:\n      allowUse: true\n      username: ""\n      password: { secretRef: "env:CRMSYNC_SHARED_PASSWORD" }\n'),
  );
});

// -------------------------------------------------------------- mailbox-credentials-unused

test('mailbox-credentials-unused: Remove credentials', () => {
  const src = exch(`${EXCH_ACCOUNT}      password: { secretRef: "env:CONTOSO_SVC_PWD" }\n`, '  lee:\n    kind: user\n    credentials$0:\n      allowUse: true\n      username: CONTOSO\\lee # old\n    approval: approved\n');
  const r = fixesAt(src, 'mailbox-credentials-unused');
  assert.deepEqual(r.titles, ['*Remove credentials']);
  const fixed = r.apply('Remove credentials');
  assert.equal(fixed, exch(`${EXCH_ACCOUNT}      password: { secretRef: "env:CONTOSO_SVC_PWD" }\n`, '  lee:\n    kind: user\n    approval: approved\n'));
  assert.equal(fires(fixed, 'mailbox-credentials-unused'), false);
});

// -------------------------------------------------------------- act-requires-impersonation

const DELEGATE = '      authenticateUsing: serverProfile\n      username: CONTOSO\\svc-crm\n      password: { secretRef: "env:CONTOSO_SVC_PWD" }\n';
const ACT_MAILBOXES = (act: string) => `  ann:
    kind: user
    emailAddress: ann@contoso.com
    appointmentsContactsTasks: ${act}
    approval: approved
  ben: { kind: user, emailAddress: ben@contoso.com, approval: approved }
`;

test('act-requires-impersonation: titles', () => {
  const src = exch(DELEGATE.replace('serverProfile', 'serverProfile$0'), ACT_MAILBOXES('serverSideSync'), ', appointmentsContactsTasks: serverSideSync');
  assert.deepEqual(fixesAt(src, 'act-requires-impersonation').titles, ['*Set useImpersonation to true', 'Set appointmentsContactsTasks to none']);
});

test('act-requires-impersonation: Set useImpersonation to true', () => {
  const src = exch(DELEGATE.replace('serverProfile', 'serverProfile$0'), ACT_MAILBOXES('serverSideSync'), ', appointmentsContactsTasks: serverSideSync');
  const fixed = fixesAt(src, 'act-requires-impersonation').apply('Set useImpersonation to true');
  assert.equal(fixed, exch(DELEGATE + '      useImpersonation: true\n', ACT_MAILBOXES('serverSideSync'), ', appointmentsContactsTasks: serverSideSync'));
  assert.equal(fires(fixed, 'act-requires-impersonation'), false);
});

test('act-requires-impersonation: Set appointmentsContactsTasks to none on the mailbox and in the defaults', () => {
  const src = exch(DELEGATE + '      useImpersonation: false$0\n', ACT_MAILBOXES('serverSideSync'), ', appointmentsContactsTasks: serverSideSync');
  const fixed = fixesAt(src, 'act-requires-impersonation').apply('Set appointmentsContactsTasks to none');
  assert.equal(fixed, exch(DELEGATE + '      useImpersonation: false\n', ACT_MAILBOXES('none'), ', appointmentsContactsTasks: none'));
  assert.equal(fires(fixed, 'act-requires-impersonation'), false);
});

// ------------------------------------------------------------------ hybrid-mfa-unsupported

test('hybrid-mfa-unsupported: Set mfa to false (not preferred)', () => {
  const src = hybrid(`      authenticateUsing: serverProfile\n      useImpersonation: true\n${HYBRID_ACCOUNT}      mfa: true$0\n`);
  const r = fixesAt(src, 'hybrid-mfa-unsupported');
  assert.deepEqual(r.titles, ['Set mfa to false']);
  const fixed = r.apply('Set mfa to false');
  assert.equal(fixed, hybrid(`      authenticateUsing: serverProfile\n      useImpersonation: true\n${HYBRID_ACCOUNT}      mfa: false\n`));
  assert.equal(fires(fixed, 'hybrid-mfa-unsupported'), false);
});

// ---------------------------------------------------------------- hybrid-exchange-ews-auth

const HYBRID_OK = `      authenticateUsing: serverProfile\n      useImpersonation: true\n${HYBRID_ACCOUNT}`;
const ews = (list: string, conn = HYBRID_OK) =>
  plan(ORG_ONLINE, `exch:\n    kind: exchangeServer\n    version: "2016"\n    ewsAuthentication: ${list}`, 'hybrid', HYBRID_HEAD + conn);

test('hybrid-exchange-ews-auth (a): titles', () => {
  assert.deepEqual(fixesAt(ews('[]$0'), 'hybrid-exchange-ews-auth').titles, ['*Set ewsAuthentication to [ntlm]', 'Set ewsAuthentication to [basic]']);
});

test('hybrid-exchange-ews-auth (a): Set ewsAuthentication to [ntlm]', () => {
  const fixed = fixesAt(ews('[]$0'), 'hybrid-exchange-ews-auth').apply('Set ewsAuthentication to [ntlm]');
  assert.equal(fixed, ews('[ntlm]'));
  assert.equal(fires(fixed, 'hybrid-exchange-ews-auth'), false);
});

test('hybrid-exchange-ews-auth (a): Set ewsAuthentication to [basic]', () => {
  const fixed = fixesAt(ews('[]$0'), 'hybrid-exchange-ews-auth').apply('Set ewsAuthentication to [basic]');
  assert.equal(fixed, ews('[basic]'));
  assert.equal(fires(fixed, 'hybrid-exchange-ews-auth'), false);
});

const NTLM = `${HYBRID_OK}      authProtocol: ntlm\n`;

test('hybrid-exchange-ews-auth (b): Remove basic from ewsAuthentication (flow list)', () => {
  const r = fixesAt(ews('[ntlm, basic$0]', NTLM), 'hybrid-exchange-ews-auth');
  assert.deepEqual(r.titles, ['*Remove basic from ewsAuthentication']);
  const fixed = r.apply('Remove basic from ewsAuthentication');
  assert.equal(fixed, ews('[ntlm]', NTLM));
  assert.equal(fires(fixed, 'hybrid-exchange-ews-auth'), false);
});

test('hybrid-exchange-ews-auth (b): Remove basic from ewsAuthentication (block list)', () => {
  const fixed = fixesAt(ews('\n      - basic$0 # legacy\n      - ntlm', NTLM), 'hybrid-exchange-ews-auth').apply('Remove basic from ewsAuthentication');
  assert.equal(fixed, ews('\n      - ntlm', NTLM));
  assert.equal(fires(fixed, 'hybrid-exchange-ews-auth'), false);
});

test('hybrid-exchange-ews-auth (b): a list of only basic becomes [ntlm]', () => {
  const r = fixesAt(ews('[basic$0]', NTLM), 'hybrid-exchange-ews-auth');
  assert.deepEqual(r.titles, ['*Set ewsAuthentication to [ntlm]']);
  const fixed = r.apply('Set ewsAuthentication to [ntlm]');
  assert.equal(fixed, ews('[ntlm]', NTLM));
  assert.equal(fires(fixed, 'hybrid-exchange-ews-auth'), false);
});

// ----------------------------------------------------------------- ad-auth-protocol-online

test('ad-auth-protocol-online: titles', () => {
  const src = hybrid(`${HYBRID_OK}      authProtocol: negotiate$0\n`);
  assert.deepEqual(fixesAt(src, 'ad-auth-protocol-online').titles, ['*Set authProtocol to autoDetect', 'Set authProtocol to basic']);
});

test('ad-auth-protocol-online: Set authProtocol to autoDetect', () => {
  const fixed = fixesAt(hybrid(`${HYBRID_OK}      authProtocol: negotiate$0\n`), 'ad-auth-protocol-online').apply('Set authProtocol to autoDetect');
  assert.equal(fixed, hybrid(`${HYBRID_OK}      authProtocol: autoDetect\n`));
  assert.equal(fires(fixed, 'ad-auth-protocol-online'), false);
});

test('ad-auth-protocol-online: Set authProtocol to basic', () => {
  const fixed = fixesAt(hybrid(`${HYBRID_OK}      authProtocol: negotiate$0\n`), 'ad-auth-protocol-online').apply('Set authProtocol to basic');
  assert.equal(fixed, hybrid(`${HYBRID_OK}      authProtocol: basic\n`));
  assert.equal(fires(fixed, 'ad-auth-protocol-online'), false);
});

// ------------------------------------------------------------------------ username-not-upn

/** On-premises, a userOrQueue Exchange profile; kim writes an address, lee does not. */
const DOMAIN_USERS = `version: 1
${ORG_ONPREM}mailSystems:
  ${MS_EXCH}
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming: { serverLocation: https://mail.contoso.local/EWS/Exchange.asmx, authenticateUsing: userOrQueue }
mailboxes:
  kim:
    kind: user
    regarding: Kim Yamamoto
    emailAddress: kim@contoso.com
    credentials: { allowUse: true, username: CONTOSO\\kim$1, password: { secretRef: "env:KIM_PWD" } }
    approval: approved
  lee:
    kind: user
    regarding: Lee Chan
    credentials: { allowUse: true, username: CONTOSO\\lee$2, password: { secretRef: "env:LEE_PWD" } }
    approval: approved
`;
const cursorAt = (n: number) => DOMAIN_USERS.replace(/\$(\d)/g, (_, d: string) => (Number(d) === n ? '$0' : ''));

test('username-not-upn (b): Set credentials.username to the address (not preferred); none without an address', () => {
  const r = fixesAt(cursorAt(1), 'username-not-upn');
  assert.deepEqual(r.titles, ['Set credentials.username to kim@contoso.com']);
  const fixed = r.apply('Set credentials.username to kim@contoso.com');
  assert.equal(fixed, withCursor(cursorAt(1)).text.replace('username: CONTOSO\\kim,', 'username: kim@contoso.com,'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'username-not-upn').length, 1);
  assert.deepEqual(fixesAt(cursorAt(2), 'username-not-upn').titles, []);
});
