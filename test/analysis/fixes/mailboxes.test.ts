/**
 * Quick fixes of the "Mailboxes" and "Forward mailboxes" rules (`act-non-exchange` to
 * `forward-rules-manual` in catalogue order): one test per
 * fix, with the full list of titles (* preferred, ! unsafe) and the whole document after applying
 * it. Fixes that set a method a mailbox inherits write the key on the mailbox itself.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../../harness/check';
import { withCursor } from '../../harness/cursor';
import { fixesAt, fires, replaceOnce } from '../../harness/fixes';




/** A template with markers $1, $2, …: the cursor at marker n, or the plain text (n = 0). */
function at(template: string, n: number): string {
  return template.replace(/\$(\d)/g, (_, d: string) => (Number(d) === n && n !== 0 ? '$0' : ''));
}
const plain = (template: string) => at(template, 0);

// --------------------------------------------------------------------------- shared plans

const ONLINE_ORG = `version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
`;

const EXO_SYSTEM = `  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
`;

const EXO_PROFILE = `  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
`;

const POP_PROFILE = `  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming: { serverLocation: pop.gmail.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.gmail.com, port: 465 }
`;

/** Exchange Online, default profile exo-default, with the given mailboxes. */
const EXO_PLAN = (defaults: string, mailboxes: string) => `${ONLINE_ORG}mailSystems:
${EXO_SYSTEM}systemSettings:
  defaults: { serverProfile: exo-default${defaults} }
serverProfiles:
${EXO_PROFILE}mailboxes:
${mailboxes}`;

// ------------------------------------------------------------------------- act-non-exchange

/** (a): ACT by SSS as a default, with a POP3 default profile; `baseline` and extra mailboxes vary. */
const ACT_POP_DEFAULT = (baseline: string, extra: string) => `version: 1
${baseline}organization:
  name: tailspin
  deployment: online
  tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b
mailSystems:
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  processEmailUsing: serverSideSync
  defaults:
    serverProfile: gmail-pop
    appointmentsContactsTasks: serverSideSync$1
serverProfiles:
${POP_PROFILE}mailboxes:
  dan:
    kind: user
    regarding: Dan Oh
    emailAddress: dan.tailspin@gmail.com
    credentials: { allowUse: true, username: dan.tailspin@gmail.com, password: { secretRef: "env:DAN_GMAIL_PWD" } }
    approval: approved
${extra}`;

test('act-non-exchange (a): titles on the default', () => {
  assert.deepEqual(fixesAt(at(ACT_POP_DEFAULT('', ''), 1), 'act-non-exchange').titles, [
    '*Set appointmentsContactsTasks to none',
    'Set appointmentsContactsTasks to outlook',
  ]);
});

test('act-non-exchange (a): Set appointmentsContactsTasks to none', () => {
  const fixed = fixesAt(at(ACT_POP_DEFAULT('', ''), 1), 'act-non-exchange').apply('Set appointmentsContactsTasks to none');
  assert.equal(fixed, replaceOnce(plain(ACT_POP_DEFAULT('', '')), 'appointmentsContactsTasks: serverSideSync', 'appointmentsContactsTasks: none'));
  assert.equal(fires(fixed, 'act-non-exchange'), false);
});

test('act-non-exchange (a): Set appointmentsContactsTasks to outlook', () => {
  const fixed = fixesAt(at(ACT_POP_DEFAULT('', ''), 1), 'act-non-exchange').apply('Set appointmentsContactsTasks to outlook');
  assert.equal(fixed, replaceOnce(plain(ACT_POP_DEFAULT('', '')), 'appointmentsContactsTasks: serverSideSync', 'appointmentsContactsTasks: outlook'));
  assert.equal(fires(fixed, 'act-non-exchange'), false);
});

test('act-non-exchange (a): no outlook fix when a queue inherits the default', () => {
  const queue = `  orders:
    kind: queue
    regarding: Orders
    emailAddress: orders.tailspin@gmail.com
    credentials: { allowUse: true, username: orders.tailspin@gmail.com, password: { secretRef: "env:ORDERS_GMAIL_PWD" } }
    approval: approved
`;
  assert.deepEqual(fixesAt(at(ACT_POP_DEFAULT('', queue), 1), 'act-non-exchange').titles, ['*Set appointmentsContactsTasks to none']);
});

test('act-non-exchange (a): no outlook fix on d365-9 online', () => {
  assert.deepEqual(fixesAt(at(ACT_POP_DEFAULT('baseline: d365-9\n', ''), 1), 'act-non-exchange').titles, ['*Set appointmentsContactsTasks to none']);
});

/** (b): mailboxes that write the POP3 profile; the ACT method is inherited or written. */
const ACT_POP_MAILBOX = `${ONLINE_ORG}mailSystems:
${EXO_SYSTEM}  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: exo-default, appointmentsContactsTasks: serverSideSync }
serverProfiles:
${EXO_PROFILE}${POP_PROFILE}mailboxes:
  dan:
    kind: user
    regarding: Dan Oh
    emailAddress: dan.contoso@gmail.com
    serverProfile: gmail-pop$1
    credentials: { allowUse: true, username: dan.contoso@gmail.com, password: { secretRef: "env:DAN_GMAIL_PWD" } }
    approval: approved
  info: { kind: queue, regarding: Info, emailAddress: info.contoso@gmail.com, serverProfile: gmail-pop, appointmentsContactsTasks: serverSideSync$2, credentials: { allowUse: true, username: info.contoso@gmail.com, password: { secretRef: "env:INFO_GMAIL_PWD" } }, approval: approved }
`;

test('act-non-exchange (b): titles on a user and on a queue (no outlook for queues)', () => {
  assert.deepEqual(fixesAt(at(ACT_POP_MAILBOX, 1), 'act-non-exchange').titles, [
    '*Set appointmentsContactsTasks to none',
    'Set appointmentsContactsTasks to outlook',
  ]);
  assert.deepEqual(fixesAt(at(ACT_POP_MAILBOX, 2), 'act-non-exchange').titles, ['*Set appointmentsContactsTasks to none']);
});

test('act-non-exchange (b): Set appointmentsContactsTasks to none writes the inherited method on the mailbox', () => {
  const fixed = fixesAt(at(ACT_POP_MAILBOX, 1), 'act-non-exchange').apply('Set appointmentsContactsTasks to none');
  assert.equal(fixed, replaceOnce(plain(ACT_POP_MAILBOX), '    approval: approved\n  info', '    approval: approved\n    appointmentsContactsTasks: none\n  info'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'act-non-exchange').length, 1);
});

test('act-non-exchange (b): Set appointmentsContactsTasks to outlook writes the inherited method on the mailbox', () => {
  const fixed = fixesAt(at(ACT_POP_MAILBOX, 1), 'act-non-exchange').apply('Set appointmentsContactsTasks to outlook');
  assert.equal(fixed, replaceOnce(plain(ACT_POP_MAILBOX), '    approval: approved\n  info', '    approval: approved\n    appointmentsContactsTasks: outlook\n  info'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'act-non-exchange').length, 1);
});

test('act-non-exchange (b): Set appointmentsContactsTasks to none on a queue (written value)', () => {
  const fixed = fixesAt(at(ACT_POP_MAILBOX, 2), 'act-non-exchange').apply('Set appointmentsContactsTasks to none');
  assert.equal(
    fixed,
    replaceOnce(plain(ACT_POP_MAILBOX), 'serverProfile: gmail-pop, appointmentsContactsTasks: serverSideSync', 'serverProfile: gmail-pop, appointmentsContactsTasks: none'),
  );
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'act-non-exchange').length, 1);
});

// ----------------------------------------------------------------------- mailbox-no-profile

/** No default profile; alice names no profile; carol names her mail system. */
const NO_PROFILE = `${ONLINE_ORG}mailSystems:
${EXO_SYSTEM}  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  processEmailUsing: serverSideSync
serverProfiles:
${EXO_PROFILE}${POP_PROFILE}mailboxes:
  alice$1: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, approval: approved }
  carol$2:
    kind: user
    regarding: Carol Diaz
    emailAddress: carol@contoso.com
    mailSystem: exo
    approval: approved
`;

test('mailbox-no-profile: one fix per profile, preferred only when exactly one profile fits', () => {
  assert.deepEqual(fixesAt(at(NO_PROFILE, 1), 'mailbox-no-profile').titles, [
    'Set serverProfile to exo-default',
    'Set serverProfile to gmail-pop',
    'Set default serverProfile to exo-default',
    'Set default serverProfile to gmail-pop',
  ]);
  // carol's mail system exo is reached by exo-default only.
  assert.deepEqual(fixesAt(at(NO_PROFILE, 2), 'mailbox-no-profile').titles, ['*Set serverProfile to exo-default', 'Set default serverProfile to exo-default']);
});

test('mailbox-no-profile: Set serverProfile to exo-default (flow mailbox)', () => {
  const fixed = fixesAt(at(NO_PROFILE, 1), 'mailbox-no-profile').apply('Set serverProfile to exo-default');
  assert.equal(fixed, replaceOnce(plain(NO_PROFILE), 'approval: approved }', 'approval: approved, serverProfile: exo-default }'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'mailbox-no-profile').length, 1);
});

test('mailbox-no-profile: Set serverProfile to gmail-pop', () => {
  const fixed = fixesAt(at(NO_PROFILE, 1), 'mailbox-no-profile').apply('Set serverProfile to gmail-pop');
  assert.equal(fixed, replaceOnce(plain(NO_PROFILE), 'approval: approved }', 'approval: approved, serverProfile: gmail-pop }'));
});

test('mailbox-no-profile: Set serverProfile to exo-default (block mailbox)', () => {
  const fixed = fixesAt(at(NO_PROFILE, 2), 'mailbox-no-profile').apply('Set serverProfile to exo-default');
  assert.equal(fixed, `${plain(NO_PROFILE)}    serverProfile: exo-default\n`);
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'mailbox-no-profile').length, 1);
});

test('mailbox-no-profile: Set default serverProfile to exo-default creates the defaults and clears every finding', () => {
  const fixed = fixesAt(at(NO_PROFILE, 2), 'mailbox-no-profile').apply('Set default serverProfile to exo-default');
  assert.equal(
    fixed,
    replaceOnce(plain(NO_PROFILE), '  processEmailUsing: serverSideSync\n', '  processEmailUsing: serverSideSync\n  defaults:\n    serverProfile: exo-default\n'),
  );
  assert.equal(fires(fixed, 'mailbox-no-profile'), false);
});

test('mailbox-no-profile: Set default serverProfile to gmail-pop', () => {
  const fixed = fixesAt(at(NO_PROFILE, 1), 'mailbox-no-profile').apply('Set default serverProfile to gmail-pop');
  assert.equal(
    fixed,
    replaceOnce(plain(NO_PROFILE), '  processEmailUsing: serverSideSync\n', '  processEmailUsing: serverSideSync\n  defaults:\n    serverProfile: gmail-pop\n'),
  );
  assert.equal(fires(fixed, 'mailbox-no-profile'), false);
});

test('mailbox-no-profile: the only profile is not preferred when the mailbox writes no mail system', () => {
  const src = `${ONLINE_ORG}mailSystems:
${EXO_SYSTEM}serverProfiles:
${EXO_PROFILE}mailboxes:
  alice$0: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, approval: approved }
`;
  assert.deepEqual(fixesAt(src, 'mailbox-no-profile').titles, ['Set serverProfile to exo-default', 'Set default serverProfile to exo-default']);
});

// ------------------------------------------------------------------ mailbox-address-missing

test('mailbox-address-missing: Set emailAddress to "" (placeholder, not preferred)', () => {
  const src = EXO_PLAN('', `  erin$0: { kind: user, regarding: Erin Park, approval: approved }
  fwd:
    kind: forward
    name: Contoso forward mailbox
`);
  const r = fixesAt(src, 'mailbox-address-missing');
  assert.deepEqual(r.titles, ['Set emailAddress to ""']);
  assert.equal(r.apply('Set emailAddress to ""'), replaceOnce(withCursor(src).text, 'approval: approved }', 'approval: approved, emailAddress: "" }'));
  const fwd = fixesAt(src.replace('$0', '').replace('  fwd:', '  fwd$0:'), 'mailbox-address-missing');
  assert.deepEqual(fwd.titles, ['Set emailAddress to ""']);
  assert.equal(fwd.apply('Set emailAddress to ""'), `${withCursor(src).text}    emailAddress: ""\n`);
});

// ----------------------------------------------------------------- rules that have no fix

test('duplicate-email-address, mailbox-all-none, mailbox-test-failed: no fix', () => {
  const dup = EXO_PLAN(
    '',
    `  alice: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, approval: approved }
  alice2: { kind: user, regarding: Alice Ng, emailAddress: Alice@Contoso.com$0, approval: approved }
`,
  );
  assert.deepEqual(fixesAt(dup, 'duplicate-email-address').titles, []);
  const allNone = EXO_PLAN(
    '',
    `  alice$0: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, incomingEmail: none, outgoingEmail: none, approval: approved }
`,
  );
  assert.deepEqual(fixesAt(allNone, 'mailbox-all-none').titles, []);
  const failed = EXO_PLAN(
    '',
    `  alice: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, approval: approved, status: { incoming: failure$0 } }
`,
  );
  assert.deepEqual(fixesAt(failed, 'mailbox-test-failed').titles, []);
});

test('forward-mailbox-not-recommended, forward-rules-manual: no fix', () => {
  const fwd = EXO_PLAN('', `  fwd$1: { kind: forward$2, name: Contoso forward mailbox, emailAddress: crm-forward@contoso.com }\n`);
  assert.deepEqual(fixesAt(at(fwd, 1), 'forward-rules-manual').titles, []);
  assert.deepEqual(fixesAt(at(fwd, 2), 'forward-mailbox-not-recommended').titles, []);
});

test('pop3-outlook-manual-tracking: no fix', () => {
  const src = `version: 1
organization:
  name: tailspin
  deployment: online
  tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b
mailSystems:
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: gmail-pop }
serverProfiles:
${POP_PROFILE}mailboxes:
  dan:
    kind: user
    regarding: Dan Oh
    emailAddress: dan.tailspin@gmail.com
    outgoingEmail: outlook$0
    credentials: { allowUse: true, username: dan.tailspin@gmail.com, password: { secretRef: "env:DAN_GMAIL_PWD" } }
    approval: approved
`;
  assert.deepEqual(fixesAt(src, 'pop3-outlook-manual-tracking').titles, []);
});

test('bulk-test-and-enable: no fix', () => {
  const users = Array.from({ length: 201 }, (_, i) => {
    const id = `u${String(i + 1).padStart(3, '0')}`;
    return `  ${id}: { kind: user, emailAddress: ${id}@contoso.com, approval: approved }\n`;
  }).join('');
  const src = EXO_PLAN('', users).replace('mailboxes:', 'mailboxes$0:');
  assert.deepEqual(fixesAt(src, 'bulk-test-and-enable').titles, []);
});

// -------------------------------------------------------------- delete-after-processing-user

test('delete-after-processing-user: Remove deleteEmailsAfterProcessing', () => {
  const src = EXO_PLAN(
    '',
    `  alice:
    kind: user
    regarding: Alice Ng
    emailAddress: alice@contoso.com
    deleteEmailsAfterProcessing: true$0 # clean up
    approval: approved
`,
  );
  const r = fixesAt(src, 'delete-after-processing-user');
  assert.deepEqual(r.titles, ['*Remove deleteEmailsAfterProcessing']);
  const fixed = r.apply('Remove deleteEmailsAfterProcessing');
  assert.equal(fixed, replaceOnce(withCursor(src).text, '    deleteEmailsAfterProcessing: true # clean up\n', ''));
  assert.equal(fires(fixed, 'delete-after-processing-user'), false);
});

// ---------------------------------------------------------------------------- queue-outlook

/** A queue with incoming outlook written, outgoing outlook inherited, ACT outlook written. */
const QUEUE = (profile: string) => `${ONLINE_ORG}mailSystems:
${EXO_SYSTEM}  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: exo-default, outgoingEmail: outlook }
serverProfiles:
${EXO_PROFILE}${POP_PROFILE}mailboxes:
  alice: { kind: user, regarding: Alice Ng, emailAddress: alice@contoso.com, outgoingEmail: serverSideSync, approval: approved }
  support$2:
    kind: queue
    regarding: Support
    emailAddress: support@contoso.com
${profile}    incomingEmail: outlook$1
    appointmentsContactsTasks: outlook$3
    approval: approved
`;
const QUEUE_EX = QUEUE('');
const QUEUE_POP = QUEUE(
  '    serverProfile: gmail-pop\n    credentials: { allowUse: true, username: support.contoso@gmail.com, password: { secretRef: "env:SUPPORT_GMAIL_PWD" } }\n',
);
const queueCount = (text: string) => analyze(text).findings.filter((f) => f.ruleId === 'queue-outlook').length;

test('queue-outlook: titles per method; ACT gets serverSideSync only with an Exchange profile', () => {
  assert.deepEqual(fixesAt(at(QUEUE_EX, 1), 'queue-outlook').titles, ['*Set incomingEmail to serverSideSync', 'Set incomingEmail to none']);
  assert.deepEqual(fixesAt(at(QUEUE_EX, 2), 'queue-outlook').titles, ['*Set outgoingEmail to serverSideSync', 'Set outgoingEmail to none']);
  assert.deepEqual(fixesAt(at(QUEUE_EX, 3), 'queue-outlook').titles, ['*Set appointmentsContactsTasks to serverSideSync', 'Set appointmentsContactsTasks to none']);
  assert.deepEqual(fixesAt(at(QUEUE_POP, 3), 'queue-outlook').titles, ['*Set appointmentsContactsTasks to none']);
});

test('queue-outlook: Set incomingEmail to serverSideSync', () => {
  const fixed = fixesAt(at(QUEUE_EX, 1), 'queue-outlook').apply('Set incomingEmail to serverSideSync');
  assert.equal(fixed, replaceOnce(plain(QUEUE_EX), 'incomingEmail: outlook', 'incomingEmail: serverSideSync'));
  assert.equal(queueCount(fixed), 2);
});

test('queue-outlook: Set incomingEmail to none', () => {
  const fixed = fixesAt(at(QUEUE_EX, 1), 'queue-outlook').apply('Set incomingEmail to none');
  assert.equal(fixed, replaceOnce(plain(QUEUE_EX), 'incomingEmail: outlook', 'incomingEmail: none'));
  assert.equal(queueCount(fixed), 2);
});

test('queue-outlook: Set outgoingEmail to serverSideSync writes the inherited method on the queue', () => {
  const fixed = fixesAt(at(QUEUE_EX, 2), 'queue-outlook').apply('Set outgoingEmail to serverSideSync');
  assert.equal(fixed, `${plain(QUEUE_EX)}    outgoingEmail: serverSideSync\n`);
  assert.equal(queueCount(fixed), 2);
});

test('queue-outlook: Set outgoingEmail to none writes the inherited method on the queue', () => {
  const fixed = fixesAt(at(QUEUE_EX, 2), 'queue-outlook').apply('Set outgoingEmail to none');
  assert.equal(fixed, `${plain(QUEUE_EX)}    outgoingEmail: none\n`);
  assert.equal(queueCount(fixed), 2);
});

test('queue-outlook: Set appointmentsContactsTasks to serverSideSync (Exchange profile)', () => {
  const fixed = fixesAt(at(QUEUE_EX, 3), 'queue-outlook').apply('Set appointmentsContactsTasks to serverSideSync');
  assert.equal(fixed, replaceOnce(plain(QUEUE_EX), 'appointmentsContactsTasks: outlook', 'appointmentsContactsTasks: serverSideSync'));
  assert.equal(queueCount(fixed), 2);
});

test('queue-outlook: Set appointmentsContactsTasks to none (Exchange profile)', () => {
  const fixed = fixesAt(at(QUEUE_EX, 3), 'queue-outlook').apply('Set appointmentsContactsTasks to none');
  assert.equal(fixed, replaceOnce(plain(QUEUE_EX), 'appointmentsContactsTasks: outlook', 'appointmentsContactsTasks: none'));
  assert.equal(queueCount(fixed), 2);
});

test('queue-outlook: Set appointmentsContactsTasks to none (POP3 profile)', () => {
  const fixed = fixesAt(at(QUEUE_POP, 3), 'queue-outlook').apply('Set appointmentsContactsTasks to none');
  assert.equal(fixed, replaceOnce(plain(QUEUE_POP), 'appointmentsContactsTasks: outlook', 'appointmentsContactsTasks: none'));
  assert.equal(queueCount(fixed), 2);
});

// ------------------------------------------------------------------ folder-tracking-non-user

test('folder-tracking-non-user: Remove trackedFolders (block list)', () => {
  const src = EXO_PLAN(
    '',
    `  orders:
    kind: queue
    regarding: Orders
    emailAddress: orders@contoso.com
    trackedFolders$0:
      - Inbox/Orders/Priority
      - Inbox/Orders/Late
    approval: approved
`,
  );
  const r = fixesAt(src, 'folder-tracking-non-user');
  assert.deepEqual(r.titles, ['*Remove trackedFolders']);
  const fixed = r.apply('Remove trackedFolders');
  assert.equal(fixed, replaceOnce(withCursor(src).text, '    trackedFolders:\n      - Inbox/Orders/Priority\n      - Inbox/Orders/Late\n', ''));
  assert.equal(fires(fixed, 'folder-tracking-non-user'), false);
});

test('folder-tracking-non-user: Remove trackedFolders (flow mailbox)', () => {
  const src = EXO_PLAN('', `  fwd: { kind: forward, emailAddress: crm-forward@contoso.com, trackedFolders$0: [Inbox/Forwarded] }\n`);
  const r = fixesAt(src, 'folder-tracking-non-user');
  assert.deepEqual(r.titles, ['*Remove trackedFolders']);
  const fixed = r.apply('Remove trackedFolders');
  assert.equal(fixed, replaceOnce(withCursor(src).text, ', trackedFolders: [Inbox/Forwarded]', ''));
  assert.equal(fires(fixed, 'folder-tracking-non-user'), false);
});

// -------------------------------------------------------------- tracked-folder-outside-inbox

const FOLDERS = EXO_PLAN(
  '',
  `  alice:
    kind: user
    regarding: Alice Ng
    emailAddress: alice@contoso.com
    trackedFolders:
      - Projects/Contoso$1
      - "Sent Items"$2
      - Inbox$3
      - INBOX/$4
    approval: approved
  ben: { kind: user, regarding: Ben Okafor, emailAddress: ben@contoso.com, trackedFolders: [Archive$5, 'Old mail'$6], approval: approved }
`,
);
const folderCount = (text: string) => analyze(text).findings.filter((f) => f.ruleId === 'tracked-folder-outside-inbox').length;

test('tracked-folder-outside-inbox: titles; no fix for a bare Inbox', () => {
  assert.deepEqual(fixesAt(at(FOLDERS, 1), 'tracked-folder-outside-inbox').titles, ["*Prefix 'Projects/Contoso' with Inbox/"]);
  assert.deepEqual(fixesAt(at(FOLDERS, 2), 'tracked-folder-outside-inbox').titles, ["*Prefix 'Sent Items' with Inbox/"]);
  assert.deepEqual(fixesAt(at(FOLDERS, 3), 'tracked-folder-outside-inbox').titles, []);
  assert.deepEqual(fixesAt(at(FOLDERS, 4), 'tracked-folder-outside-inbox').titles, []);
  assert.deepEqual(fixesAt(at(FOLDERS, 5), 'tracked-folder-outside-inbox').titles, ["*Prefix 'Archive' with Inbox/"]);
  assert.deepEqual(fixesAt(at(FOLDERS, 6), 'tracked-folder-outside-inbox').titles, ["*Prefix 'Old mail' with Inbox/"]);
});

test('tracked-folder-outside-inbox: Prefix a plain block item with Inbox/', () => {
  const fixed = fixesAt(at(FOLDERS, 1), 'tracked-folder-outside-inbox').apply("Prefix 'Projects/Contoso' with Inbox/");
  assert.equal(fixed, replaceOnce(plain(FOLDERS), '- Projects/Contoso', '- Inbox/Projects/Contoso'));
  assert.equal(folderCount(fixed), 5);
});

test('tracked-folder-outside-inbox: Prefix a double-quoted item with Inbox/ (keeps the quotes)', () => {
  const fixed = fixesAt(at(FOLDERS, 2), 'tracked-folder-outside-inbox').apply("Prefix 'Sent Items' with Inbox/");
  assert.equal(fixed, replaceOnce(plain(FOLDERS), '- "Sent Items"', '- "Inbox/Sent Items"'));
  assert.equal(folderCount(fixed), 5);
});

test('tracked-folder-outside-inbox: Prefix a flow item with Inbox/', () => {
  const fixed = fixesAt(at(FOLDERS, 5), 'tracked-folder-outside-inbox').apply("Prefix 'Archive' with Inbox/");
  assert.equal(fixed, replaceOnce(plain(FOLDERS), '[Archive,', '[Inbox/Archive,'));
  assert.equal(folderCount(fixed), 5);
});

test('tracked-folder-outside-inbox: Prefix a single-quoted flow item with Inbox/', () => {
  const fixed = fixesAt(at(FOLDERS, 6), 'tracked-folder-outside-inbox').apply("Prefix 'Old mail' with Inbox/");
  assert.equal(fixed, replaceOnce(plain(FOLDERS), "'Old mail'", "'Inbox/Old mail'"));
  assert.equal(folderCount(fixed), 5);
});

// ----------------------------------------------------------------- act-sync-org-not-primary

const OTHER_ORGS = `version: 1
organization:
  name: trey-research
  deployment: onPremises
  otherOrgsSyncingSameMailboxes: true
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch, appointmentsContactsTasks: serverSideSync }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming: { serverLocation: https://mail.trey.local/EWS/Exchange.asmx, authenticateUsing: windowsIntegrated }
mailboxes:
  tom$1: { kind: user, regarding: Tom Hale, emailAddress: tom@trey.example, approval: approved }
  ann:
    kind: user
    regarding: Ann Lee
    emailAddress: ann@trey.example
    appointmentsContactsTasks: serverSideSync
    actSyncThisOrgOnly: false$2
    approval: approved
`;
const orgCount = (text: string) => analyze(text).findings.filter((f) => f.ruleId === 'act-sync-org-not-primary').length;

test('act-sync-org-not-primary: titles', () => {
  // None preferred: marking this organization primary stops ACT sync in the other organization.
  const titles = ['Set actSyncThisOrgOnly to true', 'Set appointmentsContactsTasks to none'];
  assert.deepEqual(fixesAt(at(OTHER_ORGS, 1), 'act-sync-org-not-primary').titles, titles);
  assert.deepEqual(fixesAt(at(OTHER_ORGS, 2), 'act-sync-org-not-primary').titles, titles);
});

test('act-sync-org-not-primary: Set actSyncThisOrgOnly to true (absent, flow mailbox)', () => {
  const fixed = fixesAt(at(OTHER_ORGS, 1), 'act-sync-org-not-primary').apply('Set actSyncThisOrgOnly to true');
  assert.equal(fixed, replaceOnce(plain(OTHER_ORGS), 'tom@trey.example, approval: approved }', 'tom@trey.example, approval: approved, actSyncThisOrgOnly: true }'));
  assert.equal(orgCount(fixed), 1);
});

test('act-sync-org-not-primary: Set appointmentsContactsTasks to none writes the inherited method on the mailbox', () => {
  const fixed = fixesAt(at(OTHER_ORGS, 1), 'act-sync-org-not-primary').apply('Set appointmentsContactsTasks to none');
  assert.equal(
    fixed,
    replaceOnce(plain(OTHER_ORGS), 'tom@trey.example, approval: approved }', 'tom@trey.example, approval: approved, appointmentsContactsTasks: none }'),
  );
  assert.equal(orgCount(fixed), 1);
});

test('act-sync-org-not-primary: Set actSyncThisOrgOnly to true (written false)', () => {
  const fixed = fixesAt(at(OTHER_ORGS, 2), 'act-sync-org-not-primary').apply('Set actSyncThisOrgOnly to true');
  assert.equal(fixed, replaceOnce(plain(OTHER_ORGS), 'actSyncThisOrgOnly: false', 'actSyncThisOrgOnly: true'));
  assert.equal(orgCount(fixed), 1);
});

test('act-sync-org-not-primary: Set appointmentsContactsTasks to none (written)', () => {
  const fixed = fixesAt(at(OTHER_ORGS, 2), 'act-sync-org-not-primary').apply('Set appointmentsContactsTasks to none');
  assert.equal(fixed, replaceOnce(plain(OTHER_ORGS), '    appointmentsContactsTasks: serverSideSync\n', '    appointmentsContactsTasks: none\n'));
  assert.equal(orgCount(fixed), 1);
});

// ------------------------------------------------------------------------ forward mailboxes

/** A forward mailbox (block) with extra lines. */
const FORWARD = (lines: string) =>
  EXO_PLAN(
    '',
    `  fwd:
    kind: forward
    name: Contoso forward mailbox
    emailAddress: crm-forward@contoso.com
${lines}  erin: { kind: user, regarding: Erin Park, emailAddress: erin@contoso.com, approval: approved }
`,
  );

test('forward-mailbox-incoming: Set incomingEmail to serverSideSync', () => {
  const src = FORWARD('    incomingEmail: outlook$0\n');
  const r = fixesAt(src, 'forward-mailbox-incoming');
  assert.deepEqual(r.titles, ['*Set incomingEmail to serverSideSync']);
  const fixed = r.apply('Set incomingEmail to serverSideSync');
  assert.equal(fixed, FORWARD('    incomingEmail: serverSideSync\n'));
  assert.equal(fires(fixed, 'forward-mailbox-incoming'), false);
});

test('forward-mailbox-outgoing: Set outgoingEmail to none', () => {
  const src = FORWARD('    outgoingEmail: serverSideSync$0\n');
  const r = fixesAt(src, 'forward-mailbox-outgoing');
  assert.deepEqual(r.titles, ['*Set outgoingEmail to none']);
  const fixed = r.apply('Set outgoingEmail to none');
  assert.equal(fixed, FORWARD('    outgoingEmail: none\n'));
  assert.equal(fires(fixed, 'forward-mailbox-outgoing'), false);
});

test('forward-mailbox-regarding: Remove regarding', () => {
  const src = FORWARD('    regarding$0: Erin Park\n');
  const r = fixesAt(src, 'forward-mailbox-regarding');
  assert.deepEqual(r.titles, ['*Remove regarding']);
  const fixed = r.apply('Remove regarding');
  assert.equal(fixed, FORWARD(''));
  assert.equal(fires(fixed, 'forward-mailbox-regarding'), false);
});

test('forward-mailbox-act: Set appointmentsContactsTasks to none', () => {
  const src = FORWARD('    appointmentsContactsTasks: serverSideSync$0\n');
  const r = fixesAt(src, 'forward-mailbox-act');
  assert.deepEqual(r.titles, ['*Set appointmentsContactsTasks to none']);
  const fixed = r.apply('Set appointmentsContactsTasks to none');
  assert.equal(fixed, FORWARD('    appointmentsContactsTasks: none\n'));
  assert.equal(fires(fixed, 'forward-mailbox-act'), false);
});

// ------------------------------------------------------------------- forward-mailbox-missing

/** No forward mailbox; the default and a queue name the forward mailbox method. */
const MISSING = (extra: string) =>
  EXO_PLAN(
    ', incomingEmail: forwardMailbox$1',
    `  erin: { kind: user, regarding: Erin Park, emailAddress: erin@contoso.com, approval: approved }
  orders:
    kind: queue
    regarding: Orders
    emailAddress: orders@contoso.com
    incomingEmail: forwardMailbox$2
    approval: approved
${extra}`,
  );

test('forward-mailbox-missing: titles (none preferred)', () => {
  const titles = ['Add a forward mailbox', 'Set incomingEmail to serverSideSync'];
  assert.deepEqual(fixesAt(at(MISSING(''), 1), 'forward-mailbox-missing').titles, titles);
  assert.deepEqual(fixesAt(at(MISSING(''), 2), 'forward-mailbox-missing').titles, titles);
});

test('forward-mailbox-missing: Add a forward mailbox clears every finding', () => {
  const fixed = fixesAt(at(MISSING(''), 2), 'forward-mailbox-missing').apply('Add a forward mailbox');
  assert.equal(fixed, `${plain(MISSING(''))}  forward:\n    kind: forward\n    emailAddress: ""\n`);
  assert.equal(fires(fixed, 'forward-mailbox-missing'), false);
});

test('forward-mailbox-missing: Add a forward mailbox picks a free id', () => {
  const taken = '  forward: { kind: user, regarding: Fred Ward, emailAddress: fred@contoso.com, approval: approved }\n';
  const fixed = fixesAt(at(MISSING(taken), 1), 'forward-mailbox-missing').apply('Add a forward mailbox');
  assert.equal(fixed, `${plain(MISSING(taken))}  forward-2:\n    kind: forward\n    emailAddress: ""\n`);
  assert.equal(fires(fixed, 'forward-mailbox-missing'), false);
});

test('forward-mailbox-missing: Set incomingEmail to serverSideSync (default)', () => {
  const fixed = fixesAt(at(MISSING(''), 1), 'forward-mailbox-missing').apply('Set incomingEmail to serverSideSync');
  assert.equal(fixed, replaceOnce(plain(MISSING('')), 'incomingEmail: forwardMailbox }', 'incomingEmail: serverSideSync }'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'forward-mailbox-missing').length, 1);
});

test('forward-mailbox-missing: Set incomingEmail to serverSideSync (queue)', () => {
  const fixed = fixesAt(at(MISSING(''), 2), 'forward-mailbox-missing').apply('Set incomingEmail to serverSideSync');
  assert.equal(fixed, replaceOnce(plain(MISSING('')), '    incomingEmail: forwardMailbox\n', '    incomingEmail: serverSideSync\n'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'forward-mailbox-missing').length, 1);
});

// -------------------------------------------------------------------------- mailbox-inactive

/** rosa is inactive and inherits every method (flow mapping); sam writes incomingEmail (block). */
const INACTIVE = EXO_PLAN(
  ', incomingEmail: serverSideSync, appointmentsContactsTasks: serverSideSync',
  `  rosa: { kind: user, regarding: Rosa Alvarez, emailAddress: rosa@contoso.com, active: false$1 }
  sam:
    kind: user
    regarding: Sam Ito
    emailAddress: sam@contoso.com
    active: false$2
    incomingEmail: serverSideSync
    outgoingEmail: none
`,
);

test('mailbox-inactive: titles (none preferred)', () => {
  assert.deepEqual(fixesAt(at(INACTIVE, 1), 'mailbox-inactive').titles, ['Set active to true', 'Set incomingEmail, outgoingEmail and appointmentsContactsTasks to none']);
  // sam writes outgoingEmail: none already: the title names only what changes.
  assert.deepEqual(fixesAt(at(INACTIVE, 2), 'mailbox-inactive').titles, ['Set active to true', 'Set incomingEmail and appointmentsContactsTasks to none']);
});

test('mailbox-inactive: Set active to true', () => {
  const fixed = fixesAt(at(INACTIVE, 2), 'mailbox-inactive').apply('Set active to true');
  assert.equal(fixed, replaceOnce(plain(INACTIVE), '    active: false\n', '    active: true\n'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'mailbox-inactive').length, 1);
});

test('mailbox-inactive: Set the methods to none writes the inherited ones on the mailbox (flow)', () => {
  const fixed = fixesAt(at(INACTIVE, 1), 'mailbox-inactive').apply('Set incomingEmail, outgoingEmail and appointmentsContactsTasks to none');
  assert.equal(
    fixed,
    replaceOnce(plain(INACTIVE), 'active: false }', 'active: false, incomingEmail: none, outgoingEmail: none, appointmentsContactsTasks: none }'),
  );
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'mailbox-inactive').length, 1);
});

test('mailbox-inactive: Set the methods to none keeps a written none (block)', () => {
  const fixed = fixesAt(at(INACTIVE, 2), 'mailbox-inactive').apply('Set incomingEmail and appointmentsContactsTasks to none');
  assert.equal(
    fixed,
    replaceOnce(plain(INACTIVE), '    incomingEmail: serverSideSync\n    outgoingEmail: none\n', '    incomingEmail: none\n    outgoingEmail: none\n    appointmentsContactsTasks: none\n'),
  );
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'mailbox-inactive').length, 1);
});

// ------------------------------------------------------- forward-mailbox-not-recommended (b)

test('forward-mailbox-not-recommended (b): Set incomingEmail to serverSideSync (not preferred) on a queue', () => {
  const src = EXO_PLAN(
    ', incomingEmail: forwardMailbox',
    `  fwd: { kind: forward, name: Contoso forward mailbox, emailAddress: crm-forward@contoso.com }
  orders$1: { kind: queue, regarding: Orders, emailAddress: orders@contoso.com, approval: approved }
  returns:
    kind: queue
    regarding: Returns
    emailAddress: returns@contoso.com
    incomingEmail: forwardMailbox$2
    approval: approved
`,
  );
  assert.deepEqual(fixesAt(at(src, 1), 'forward-mailbox-not-recommended').titles, ['Set incomingEmail to serverSideSync']);
  const inherited = fixesAt(at(src, 1), 'forward-mailbox-not-recommended').apply('Set incomingEmail to serverSideSync');
  assert.equal(inherited, replaceOnce(plain(src), 'approval: approved }\n  returns', 'approval: approved, incomingEmail: serverSideSync }\n  returns'));
  const written = fixesAt(at(src, 2), 'forward-mailbox-not-recommended').apply('Set incomingEmail to serverSideSync');
  assert.equal(written, replaceOnce(plain(src), '    incomingEmail: forwardMailbox\n', '    incomingEmail: serverSideSync\n'));
  // The forward mailbox itself keeps its finding (a).
  assert.equal(analyze(written).findings.filter((f) => f.ruleId === 'forward-mailbox-not-recommended').length, 2);
});
