/**
 * Quick fixes of the "System settings and engines" rules (`router-stops-processing` to
 * `outlook-client-retired` in catalogue order): one test per fix, with
 * the full list of titles (* preferred, ! unsafe) and the whole document after applying it.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../../harness/check';
import { withCursor } from '../../harness/cursor';
import { fixesAt, fires, replaceOnce } from '../../harness/fixes';




const ONPREM_ORG = `version: 1
organization:
  name: fabrikam
  deployment: onPremises
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
`;

const EXCH_PROFILE = `serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@fabrikam.local
      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }
`;

const BOB = `mailboxes:
  bob: { kind: user, emailAddress: bob@fabrikam.com, approval: approved }
`;

// ---------------------------------------------------------------- router-stops-processing

const STOPS = `${ONPREM_ORG}emailRouter:
  installed: true$0
systemSettings:
  processEmailUsing: serverSideSync
  defaults: { serverProfile: exch }
${EXCH_PROFILE}${BOB}`;

test('router-stops-processing: titles', () => {
  assert.deepEqual(fixesAt(STOPS, 'router-stops-processing').titles, ['*Set installed to false', 'Set processEmailUsing to emailRouter']);
});

test('router-stops-processing: Set installed to false', () => {
  const fixed = fixesAt(STOPS, 'router-stops-processing').apply('Set installed to false');
  assert.equal(fixed, replaceOnce(withCursor(STOPS).text, 'installed: true', 'installed: false'));
  assert.equal(fires(fixed, 'router-stops-processing'), false);
});

test('router-stops-processing: Set processEmailUsing to emailRouter (written)', () => {
  const fixed = fixesAt(STOPS, 'router-stops-processing').apply('Set processEmailUsing to emailRouter');
  assert.equal(fixed, replaceOnce(withCursor(STOPS).text, 'processEmailUsing: serverSideSync', 'processEmailUsing: emailRouter'));
  assert.equal(fires(fixed, 'router-stops-processing'), false);
});

test('router-stops-processing: Set processEmailUsing to emailRouter inserts the key when only the default selects SSS', () => {
  const src = `${ONPREM_ORG}emailRouter: { installed: true$0 }\nsystemSettings:\n  defaults: { serverProfile: exch }\n${EXCH_PROFILE}${BOB}`;
  const r = fixesAt(src, 'router-stops-processing');
  assert.deepEqual(r.titles, ['*Set installed to false', 'Set processEmailUsing to emailRouter']);
  assert.equal(r.apply('Set installed to false'), `${ONPREM_ORG}emailRouter: { installed: false }\nsystemSettings:\n  defaults: { serverProfile: exch }\n${EXCH_PROFILE}${BOB}`);
  const fixed = r.apply('Set processEmailUsing to emailRouter');
  assert.equal(fixed, `${ONPREM_ORG}emailRouter: { installed: true }\nsystemSettings:\n  defaults: { serverProfile: exch }\n  processEmailUsing: emailRouter\n${EXCH_PROFILE}${BOB}`);
  assert.equal(fires(fixed, 'router-stops-processing'), false);
});

// ---------------------------------------------------------------------------- router-no-act

const NO_ACT = `${ONPREM_ORG}emailRouter:
  installed: true
systemSettings:
  processEmailUsing: emailRouter
  defaults:
    appointmentsContactsTasks: serverSideSync$1
  tracking:
    folderLevelTracking: true$2
mailboxes:
  bob:
    kind: user
    emailAddress: bob@fabrikam.com
    appointmentsContactsTasks: serverSideSync$3
    approval: approved
`;
/** NO_ACT with the cursor at marker n. */
const noAct = (n: number) => NO_ACT.replace(/\$(\d)/g, (_, d: string) => (Number(d) === n ? '$0' : ''));
const NO_ACT_TEXT = NO_ACT.replace(/\$\d/g, '');

test('router-no-act: titles on the default, the folder tracking switch and a mailbox', () => {
  assert.deepEqual(fixesAt(noAct(1), 'router-no-act').titles, ['*Set appointmentsContactsTasks to none', '!Set processEmailUsing to serverSideSync']);
  assert.deepEqual(fixesAt(noAct(2), 'router-no-act').titles, ['*Set folderLevelTracking to false', '!Set processEmailUsing to serverSideSync']);
  assert.deepEqual(fixesAt(noAct(3), 'router-no-act').titles, ['*Set appointmentsContactsTasks to none', '!Set processEmailUsing to serverSideSync']);
});

test('router-no-act: Set processEmailUsing to serverSideSync (unsafe: it switches the engine) clears every finding of the rule', () => {
  const fixed = fixesAt(noAct(2), 'router-no-act').apply('Set processEmailUsing to serverSideSync');
  assert.equal(fixed, replaceOnce(NO_ACT_TEXT, 'processEmailUsing: emailRouter', 'processEmailUsing: serverSideSync'));
  assert.equal(fires(fixed, 'router-no-act'), false);
});

test('router-no-act: Set appointmentsContactsTasks to none (default)', () => {
  const fixed = fixesAt(noAct(1), 'router-no-act').apply('Set appointmentsContactsTasks to none');
  assert.equal(fixed, replaceOnce(NO_ACT_TEXT, '    appointmentsContactsTasks: serverSideSync\n  tracking', '    appointmentsContactsTasks: none\n  tracking'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'router-no-act').length, 2);
});

test('router-no-act: Set folderLevelTracking to false', () => {
  const fixed = fixesAt(noAct(2), 'router-no-act').apply('Set folderLevelTracking to false');
  assert.equal(fixed, replaceOnce(NO_ACT_TEXT, 'folderLevelTracking: true', 'folderLevelTracking: false'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'router-no-act').length, 2);
});

test('router-no-act: Set appointmentsContactsTasks to none (mailbox)', () => {
  const fixed = fixesAt(noAct(3), 'router-no-act').apply('Set appointmentsContactsTasks to none');
  assert.equal(fixed, replaceOnce(NO_ACT_TEXT, '    appointmentsContactsTasks: serverSideSync\n    approval', '    appointmentsContactsTasks: none\n    approval'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'router-no-act').length, 2);
});

// ------------------------------------------------------------------------ router-deprecated

test('router-deprecated: Set processEmailUsing to serverSideSync', () => {
  const src = `version: 1
baseline: d365-9
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  processEmailUsing: emailRouter$0
  defaults: { serverProfile: exch, appointmentsContactsTasks: none }
${EXCH_PROFILE}${BOB}`;
  const r = fixesAt(src, 'router-deprecated');
  assert.deepEqual(r.titles, ['!Set processEmailUsing to serverSideSync']);
  const fixed = r.apply('Set processEmailUsing to serverSideSync');
  assert.equal(fixed, replaceOnce(withCursor(src).text, 'processEmailUsing: emailRouter', 'processEmailUsing: serverSideSync'));
  assert.equal(fires(fixed, 'router-deprecated'), false);
});

// -------------------------------------------------------- router-exchange-online-basic-auth

test('router-exchange-online-basic-auth: Set processEmailUsing to serverSideSync (unsafe)', () => {
  const src = `version: 1
baseline: d365-8.2
organization: { name: proseware, deployment: onPremises }
mailSystems:
  exo: { kind: exchangeOnline$0, tenantId: 1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b }
systemSettings:
  processEmailUsing: emailRouter
  defaults: { appointmentsContactsTasks: none }
mailboxes:
  mark: { kind: user, emailAddress: mark@proseware.example, mailSystem: exo, approval: approved }
`;
  const r = fixesAt(src, 'router-exchange-online-basic-auth');
  assert.deepEqual(r.titles, ['!Set processEmailUsing to serverSideSync']);
  const fixed = r.apply('Set processEmailUsing to serverSideSync');
  assert.equal(fixed, replaceOnce(withCursor(src).text, 'processEmailUsing: emailRouter', 'processEmailUsing: serverSideSync'));
  assert.equal(fires(fixed, 'router-exchange-online-basic-auth'), false);
  // The follow-up the section names: server-side synchronization now needs a profile for mark.
  assert.equal(fires(fixed, 'mailbox-no-profile'), true);
});

// -------------------------------------------------------------- folder-tracking-no-exchange

const POP_PLAN = (tracking: string, dan: string) => `version: 1
organization:
  name: tailspin
  deployment: online
  tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b
mailSystems:
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: gmail-pop, appointmentsContactsTasks: none }
  tracking:
    folderLevelTracking: ${tracking}
serverProfiles:
  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming: { serverLocation: pop.gmail.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.gmail.com, port: 465 }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@gmail.com
    credentials: { allowUse: true, username: dan.tailspin@gmail.com, password: { secretRef: "env:DAN_GMAIL_PWD" } }
${dan}    approval: approved
`;

test('folder-tracking-no-exchange (a): Set folderLevelTracking to false', () => {
  const r = fixesAt(POP_PLAN('true$0', ''), 'folder-tracking-no-exchange');
  assert.deepEqual(r.titles, ['*Set folderLevelTracking to false']);
  const fixed = r.apply('Set folderLevelTracking to false');
  assert.equal(fixed, POP_PLAN('false', ''));
  assert.equal(fires(fixed, 'folder-tracking-no-exchange'), false);
});

test('folder-tracking-no-exchange (b): Remove trackedFolders (block list, with its comment)', () => {
  const r = fixesAt(POP_PLAN('false', '    trackedFolders$0: # deals only\n      - Inbox/Deals\n'), 'folder-tracking-no-exchange');
  assert.deepEqual(r.titles, ['*Remove trackedFolders']);
  const fixed = r.apply('Remove trackedFolders');
  assert.equal(fixed, POP_PLAN('false', ''));
  assert.equal(fires(fixed, 'folder-tracking-no-exchange'), false);
});

test('folder-tracking-no-exchange (b): Remove trackedFolders (flow list)', () => {
  const r = fixesAt(POP_PLAN('false', '    trackedFolders$0: [Inbox/Deals]\n'), 'folder-tracking-no-exchange');
  assert.deepEqual(r.titles, ['*Remove trackedFolders']);
  assert.equal(r.apply('Remove trackedFolders'), POP_PLAN('false', ''));
});

// ------------------------------------------------------------------- attachment-size-limit

test('attachment-size-limit: Set maxAttachmentSizeKb to 32768', () => {
  const plan = (kb: string) => `${ONPREM_ORG}systemSettings:\n  defaults: { serverProfile: exch }\n  maxAttachmentSizeKb: ${kb}\n${EXCH_PROFILE}${BOB}`;
  const r = fixesAt(plan('40960$0'), 'attachment-size-limit');
  assert.deepEqual(r.titles, ['*Set maxAttachmentSizeKb to 32768']);
  const fixed = r.apply('Set maxAttachmentSizeKb to 32768');
  assert.equal(fixed, plan('32768'));
  assert.equal(fires(fixed, 'attachment-size-limit'), false);
});

// ------------------------------------------------------------------------ mixed-act-methods

const MIXED = (alice: string, carl: string) => `${ONPREM_ORG}systemSettings:
  defaults: { serverProfile: exch, appointmentsContactsTasks: outlook }
${EXCH_PROFILE}mailboxes:
  ${alice}
  bob: { kind: user, emailAddress: bob@fabrikam.com, appointmentsContactsTasks: serverSideSync, approval: approved }
  carl:
    kind: user
    emailAddress: carl@fabrikam.com
${carl}    approval: approved
`;
const ALICE = 'alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }';
const CARL_ACT = (v: string) => `    appointmentsContactsTasks: ${v}\n`;

test('mixed-act-methods: titles', () => {
  // Neither is preferred (v2): the first often exposes other findings, the second stops ACT sync.
  assert.deepEqual(fixesAt(MIXED(ALICE, CARL_ACT('outlook$0')), 'mixed-act-methods').titles, [
    'Set appointmentsContactsTasks to serverSideSync',
    'Set appointmentsContactsTasks to none',
  ]);
});

test('mixed-act-methods: Set appointmentsContactsTasks to serverSideSync (written on the mailbox)', () => {
  const fixed = fixesAt(MIXED(ALICE, CARL_ACT('outlook$0')), 'mixed-act-methods').apply('Set appointmentsContactsTasks to serverSideSync');
  assert.equal(fixed, MIXED(ALICE, CARL_ACT('serverSideSync')));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'mixed-act-methods').length, 1); // alice remains
});

test('mixed-act-methods: Set appointmentsContactsTasks to none (written on the mailbox)', () => {
  const fixed = fixesAt(MIXED(ALICE, CARL_ACT('outlook$0')), 'mixed-act-methods').apply('Set appointmentsContactsTasks to none');
  assert.equal(fixed, MIXED(ALICE, CARL_ACT('none')));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'mixed-act-methods').length, 1);
});

test('mixed-act-methods: an inherited outlook is overridden on the mailbox (flow mapping), the default stays', () => {
  const r = fixesAt(MIXED(`alice$0: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }`, CARL_ACT('none')), 'mixed-act-methods');
  assert.deepEqual(r.titles, ['Set appointmentsContactsTasks to serverSideSync', 'Set appointmentsContactsTasks to none']);
  const fixed = r.apply('Set appointmentsContactsTasks to serverSideSync');
  assert.equal(fixed, MIXED('alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved, appointmentsContactsTasks: serverSideSync }', CARL_ACT('none')));
  assert.equal(fires(fixed, 'mixed-act-methods'), false);
  assert.equal(
    r.apply('Set appointmentsContactsTasks to none'),
    MIXED('alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved, appointmentsContactsTasks: none }', CARL_ACT('none')),
  );
});

test('mixed-act-methods: an inherited outlook is overridden on the mailbox (block mapping)', () => {
  const r = fixesAt(MIXED(ALICE, '').replace('  carl:', '  carl$0:'), 'mixed-act-methods');
  assert.deepEqual(r.titles, ['Set appointmentsContactsTasks to serverSideSync', 'Set appointmentsContactsTasks to none']);
  const fixed = r.apply('Set appointmentsContactsTasks to none');
  assert.equal(fixed, replaceOnce(MIXED(ALICE, ''), '    approval: approved\n', '    approval: approved\n    appointmentsContactsTasks: none\n'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'mixed-act-methods').length, 1); // alice still inherits outlook
});

// --------------------------------------------------------------- email-correlation-disabled

test('email-correlation-disabled: Set correlation to true', () => {
  const plan = (c: string, key = 'tracking') => `${ONPREM_ORG}systemSettings:
  defaults: { serverProfile: exch }
  ${key}:
    correlation: ${c}
    smartMatching: false
    trackingTokens: { enabled: false }
${EXCH_PROFILE}${BOB}`;
  const r = fixesAt(plan('false', 'track$0ing'), 'email-correlation-disabled');
  assert.deepEqual(r.titles, ['*Set correlation to true']);
  const fixed = r.apply('Set correlation to true');
  assert.equal(fixed, plan('true'));
  assert.equal(fires(fixed, 'email-correlation-disabled'), false);
});

// ------------------------------------------------------------------- outlook-client-retired

const ONLINE = (profile: string, defaults: string, quinn: string) => `version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
  yahoo: { kind: imapSmtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: ${profile}${defaults} }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
  yahoo-imap:
    serverType: imapSmtp
    mailSystem: yahoo
    incoming: { serverLocation: imap.mail.yahoo.com, port: 993, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  quinn:
    kind: user
    emailAddress: quinn.contoso@yahoo.com
    credentials: { allowUse: true, username: quinn.contoso@yahoo.com, password: { secretRef: "env:QUINN_YAHOO_PWD" } }
${quinn}    approval: approved
`;

test('outlook-client-retired: incomingEmail and outgoingEmail → Set … to serverSideSync', () => {
  for (const key of ['incomingEmail', 'outgoingEmail']) {
    const r = fixesAt(ONLINE('exo', '', `    ${key}: outlook$0\n`), 'outlook-client-retired');
    assert.deepEqual(r.titles, [`*Set ${key} to serverSideSync`]);
    const fixed = r.apply(`Set ${key} to serverSideSync`);
    assert.equal(fixed, ONLINE('exo', '', `    ${key}: serverSideSync\n`));
    assert.equal(fires(fixed, 'outlook-client-retired'), false);
  }
});

test('outlook-client-retired: ACT default with an Exchange default profile → serverSideSync', () => {
  const r = fixesAt(ONLINE('exo', ', appointmentsContactsTasks: outlook$0', ''), 'outlook-client-retired');
  assert.deepEqual(r.titles, ['*Set appointmentsContactsTasks to serverSideSync']);
  const fixed = r.apply('Set appointmentsContactsTasks to serverSideSync');
  assert.equal(fixed, ONLINE('exo', ', appointmentsContactsTasks: serverSideSync', ''));
  assert.equal(fires(fixed, 'outlook-client-retired'), false);
});

test('outlook-client-retired: ACT on a mailbox whose profile is IMAP → none', () => {
  const r = fixesAt(ONLINE('yahoo-imap', '', '    appointmentsContactsTasks: outlook$0\n'), 'outlook-client-retired');
  assert.deepEqual(r.titles, ['*Set appointmentsContactsTasks to none']);
  const fixed = r.apply('Set appointmentsContactsTasks to none');
  assert.equal(fixed, ONLINE('yahoo-imap', '', '    appointmentsContactsTasks: none\n'));
  assert.equal(fires(fixed, 'outlook-client-retired'), false);
});

test('outlook-client-retired: ACT default with an IMAP default profile → none', () => {
  const r = fixesAt(ONLINE('yahoo-imap', ', appointmentsContactsTasks: outlook$0', ''), 'outlook-client-retired');
  assert.deepEqual(r.titles, ['*Set appointmentsContactsTasks to none']);
  assert.equal(r.apply('Set appointmentsContactsTasks to none'), ONLINE('yahoo-imap', ', appointmentsContactsTasks: none', ''));
});

test('outlook-client-retired: ACT on a mailbox whose own profile is Exchange → serverSideSync', () => {
  const r = fixesAt(ONLINE('yahoo-imap', '', '    serverProfile: exo\n    appointmentsContactsTasks: outlook$0\n'), 'outlook-client-retired');
  assert.deepEqual(r.titles, ['*Set appointmentsContactsTasks to serverSideSync']);
  assert.equal(
    r.apply('Set appointmentsContactsTasks to serverSideSync'),
    ONLINE('yahoo-imap', '', '    serverProfile: exo\n    appointmentsContactsTasks: serverSideSync\n'),
  );
});

test('outlook-client-retired: ACT with an unresolved profile → both, none preferred', () => {
  const r = fixesAt(ONLINE('exo', '', '    serverProfile: yahoo-imapp\n    appointmentsContactsTasks: outlook$0\n'), 'outlook-client-retired');
  assert.deepEqual(r.titles, ['Set appointmentsContactsTasks to serverSideSync', 'Set appointmentsContactsTasks to none']);
  assert.equal(
    r.apply('Set appointmentsContactsTasks to serverSideSync'),
    ONLINE('exo', '', '    serverProfile: yahoo-imapp\n    appointmentsContactsTasks: serverSideSync\n'),
  );
  assert.equal(r.apply('Set appointmentsContactsTasks to none'), ONLINE('exo', '', '    serverProfile: yahoo-imapp\n    appointmentsContactsTasks: none\n'));
});
