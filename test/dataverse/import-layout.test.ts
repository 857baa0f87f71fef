/**
 * The pieces of import's output that the fixture organisation does not cover on its own: the
 * scalars (as the `yaml` package writes them), ids (slugs and collisions), the one
 * mapping's conversions (option codes both ways, defaultemailsettings, tracking tokens), mail
 * systems and placeholders for profile types the fixture lacks.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { assignIds, keptIdsFromPlan, slugOf } from '../../server/src/dataverse/ids';
import { importOrganization } from '../../server/src/dataverse/import';
import {
  OPTION_SETS,
  codeForToken,
  readDefaultEmailSettings,
  tokenForCode,
  trackingTokensFromMaximum,
  maximumForTrackingTokens,
  writeDefaultEmailSettings,
  type OptionSetName,
} from '../../server/src/dataverse/mapping';
import { str } from '../../server/src/dataverse/yaml-out';
import { fixture } from './import-helpers';

test('strings are written as yaml stringify writes them, and read back unchanged in a mapping value', () => {
  const samples = ['CRM:', '9.2', '', 'Chloé Dubois', '2025-01-06T00:00:00Z', 'true', 'True', 'tRUE', 'null', '~', 'a: b', 'a #b', 'x,', 'a, b', 'a  b', '- x', '@x', 'Inbox/Adventure Works', 'line\nbreak'];
  const check = (s: string) => {
    assert.equal(str(s), stringify(s, { lineWidth: 0, singleQuote: false, blockQuote: false }).replace(/\n$/, ''), JSON.stringify(s));
    assert.equal((parse(`k: ${str(s)} # comment\n`) as { k: unknown }).k, s, JSON.stringify(s));
  };
  samples.forEach(check);
  fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ._@/()+,#:-]{0,20}$/)), check), { seed: 7, numRuns: 2000 });
});

test('slugs: NFKD without marks, lower case, runs as -, at most 64 characters, a fallback when empty', () => {
  assert.equal(slugOf('Chloé Dubois', 'x', 'mailbox'), 'chloe-dubois');
  assert.equal(slugOf('  Gmail POP3/SMTP  ', 'x', 'profile'), 'gmail-pop3-smtp');
  assert.equal(slugOf('日本', '4B14817B-2938-4435-a482-700553693a24', 'mailbox'), 'mailbox-4b14817b');
  assert.equal(slugOf(`${'a'.repeat(63)} b`, 'x', 'mailbox'), 'a'.repeat(63));
  fc.assert(fc.property(fc.string(), fc.uuid(), (name, guid) => assert.match(slugOf(name, guid, 'profile'), /^[a-z0-9][a-z0-9-]{0,63}$/)), { seed: 3, numRuns: 1000 });
});

test('collisions: the GUID order decides, later ones take the smallest free <slug>-<n>, a name whose slug is taken keeps it', () => {
  const a = '10000000-0000-4000-8000-000000000000';
  const b = '20000000-0000-4000-8000-000000000000';
  const c = '30000000-0000-4000-8000-000000000000';
  // Two queues "Support" and one "Support 2" (the example of the id rules).
  const r = assignIds(
    [
      { guid: c, slug: 'support' },
      { guid: b, slug: 'support-2' },
      { guid: a, slug: 'support' },
    ],
    undefined,
  );
  assert.deepEqual(Object.fromEntries(r.ids), { [a]: 'support', [b]: 'support-2', [c]: 'support-3' });
  assert.deepEqual(r.renamed, [{ guid: c, id: 'support-3', slug: 'support', holder: a }]);
  // A kept id wins over a slug; the record whose slug it is moves on.
  const kept = assignIds([{ guid: a, slug: 'support' }, { guid: b, slug: 'x' }], new Map([[b, 'support']]));
  assert.deepEqual(Object.fromEntries(kept.ids), { [a]: 'support-2', [b]: 'support' });
  // Long slugs are cut so that the id stays within 64 characters.
  const long = 'l'.repeat(64);
  const cut = assignIds([{ guid: a, slug: long }, { guid: b, slug: long }], undefined);
  assert.equal(cut.ids.get(b), `${'l'.repeat(62)}-2`);
  // Many equal names: linear, all distinct.
  const many = Array.from({ length: 5000 }, (_, i) => ({ guid: `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`, slug: 'user' }));
  const m = assignIds(many, undefined);
  assert.equal(new Set(m.ids.values()).size, 5000);
  assert.equal(m.ids.get(many[4999].guid), 'user-5000');
});

test('--ids-from reads the crmsync:id comments on entry keys only, plain or quoted', () => {
  const ids = keptIdsFromPlan(
    [
      'mailSystems:',
      '  x: # crmsync:id 10000000-0000-4000-8000-000000000000',
      'serverProfiles:',
      '  "exo": # crmsync:id 20000000-0000-4000-8000-00000000000A',
      '    incoming: # crmsync:id 30000000-0000-4000-8000-000000000000',
      'mailboxes:',
      '  # a comment line',
      '  alice:   #crmsync:id  40000000-0000-4000-8000-000000000000  ',
      '  bob: # not an id',
      '',
    ].join('\n'),
  );
  assert.deepEqual(Object.fromEntries(ids.serverProfiles), { '20000000-0000-4000-8000-00000000000a': 'exo' });
  assert.deepEqual(Object.fromEntries(ids.mailboxes), { '40000000-0000-4000-8000-000000000000': 'alice' });
});

test('option codes map to tokens and back; ACT is 0 outlook, 1 serverSideSync, 2 none; other values have no token', () => {
  for (const set of Object.keys(OPTION_SETS) as OptionSetName[]) {
    OPTION_SETS[set].forEach((token, code) => {
      assert.equal(tokenForCode(set, code), token);
      assert.equal(codeForToken(set, token), code);
    });
    for (const bad of [-1, OPTION_SETS[set].length, 1.5, '1', null, true]) assert.equal(tokenForCode(set, bad), undefined, `${set} ${String(bad)}`);
  }
  assert.deepEqual(OPTION_SETS.appointmentsContactsTasks, ['outlook', 'serverSideSync', 'none']);
  assert.equal(codeForToken('serverType', 'exchangeOnline'), undefined);
});

test('defaultemailsettings: read anywhere in the string (also entity-encoded), written keeping the rest', () => {
  assert.deepEqual(readDefaultEmailSettings('<x><ACTDeliveryMethod>2</ACTDeliveryMethod><IncomingEmailDeliveryMethod> 1 </IncomingEmailDeliveryMethod></x>'), { incomingEmail: 1, appointmentsContactsTasks: 2 });
  assert.deepEqual(readDefaultEmailSettings('&lt;EmailSettings&gt;&lt;OutgoingEmailDeliveryMethod&gt;0&lt;/OutgoingEmailDeliveryMethod&gt;&lt;/EmailSettings&gt;'), { outgoingEmail: 0 });
  assert.equal(readDefaultEmailSettings('<EmailSettings/>'), undefined);
  const against = '<EmailSettings><Other>x</Other><IncomingEmailDeliveryMethod>2</IncomingEmailDeliveryMethod><OutgoingEmailDeliveryMethod>2</OutgoingEmailDeliveryMethod><ACTDeliveryMethod>1</ACTDeliveryMethod></EmailSettings>';
  assert.equal(writeDefaultEmailSettings(against, { appointmentsContactsTasks: 2 }), against.replace('<ACTDeliveryMethod>1', '<ACTDeliveryMethod>2'));
  assert.equal(writeDefaultEmailSettings(undefined, { incomingEmail: 1 }), '<EmailSettings><IncomingEmailDeliveryMethod>1</IncomingEmailDeliveryMethod><OutgoingEmailDeliveryMethod>2</OutgoingEmailDeliveryMethod><ACTDeliveryMethod>1</ACTDeliveryMethod></EmailSettings>');
});

test('tracking tokens: 0 means off; otherwise its digits are the counter digits, and back', () => {
  assert.deepEqual(trackingTokensFromMaximum(0), { enabled: false });
  assert.deepEqual(trackingTokensFromMaximum(999), { enabled: true, counterDigits: 3 });
  assert.equal(trackingTokensFromMaximum(-1), undefined);
  assert.equal(maximumForTrackingTokens(true, 4), 9999);
  assert.equal(maximumForTrackingTokens(false, 4), 0);
});

/** The fixture's profile file with one profile's attributes changed. */
function withProfile(change: Record<string, unknown>): string {
  const file = JSON.parse(fixture('org', 'emailserverprofiles.json')) as { value: Record<string, unknown>[] };
  Object.assign(file.value[1], change);
  return JSON.stringify(file);
}

function importWith(profiles: string, extra: { name: string; content: string }[] = []): ReturnType<typeof importOrganization> {
  const files = ['organizations.json', 'currentorganization.json', 'mailboxes-page1.json', 'mailboxes-page2.json', 'mailboxtrackingfolders.json'].map((n) => ({ name: `org/${n}`, content: fixture('org', n) }));
  return importOrganization([...files, { name: 'org/emailserverprofiles.json', content: profiles }, ...extra], { deployment: 'online' });
}

const section = (plan: string, key: string): string => new RegExp(`^ {2}${key}:.*\\n((?: {4}.*\\n)*)`, 'm').exec(plan)?.[0] ?? '';

test('mail systems: Exchange version from the legacy exchangeversion, the hybrid tenant, IMAP providers', () => {
  const legacy = importWith(withProfile({ exchangeversion: 4 }));
  assert.match(section(legacy.plan ?? '', 'fabrikam-exchange-hybrid'), /version: "2010" # inferred: from the legacy exchangeversion\n {4}servicePack: SP2\n/);
  const hybrid = importWith(withProfile({ servertype: 3, emailservertypename: 'Exchange Online (Hybrid)', usedefaulttenantid: false, exchangeonlinetenantid: '5D1949BF-E569-417F-8B20-C88415E94B56' }));
  const plan = hybrid.plan ?? '';
  assert.match(section(plan, 'fabrikam-exchange-hybrid'), /kind: exchangeOnline\n {4}tenantId: 5d1949bf-e569-417f-8b20-c88415e94b56 # inferred: the profile's exchangeonlinetenantid\n/);
  assert.match(plan, /serverType: exchangeOnlineHybrid\n(?: {4}.*\n)*? {4}useDefaultTenantId: false\n {4}exchangeOnlineTenantId: 5d1949bf-e569-417f-8b20-c88415e94b56\n/);
  const imap = importWith(withProfile({ servertype: 4, emailservertypename: 'Other (IMAP/SMTP)', incomingserverlocation: 'imap.mail.Yahoo.com:993' }));
  assert.match(section(imap.plan ?? '', 'fabrikam-exchange-hybrid'), /kind: imapSmtp\n {4}provider: yahoo # inferred: from the server location imap\.mail\.Yahoo\.com\n/);
  const inferred = importWith(withProfile({ servertype: 0, emailservertypename: undefined, incomingcredentialretrieval: 2 }).replace(/"emailservertypename":"Exchange Server \(Hybrid\)",?/, ''));
  assert.ok(inferred.diagnostics.some((d) => d.id === 'import/server-type-inferred' && d.pointer === '/value/1/servertype'));
  assert.match(section(inferred.plan ?? '', 'fabrikam-exchange-hybrid'), /kind: exchangeOnline\n {4}tenantId: 4f302b5e-4562-4792-8f6f-01842cc39122\n/);
  const unknown = importWith(withProfile({ servertype: 7, emailservertypename: 'Something' }));
  assert.ok(unknown.diagnostics.some((d) => d.id === 'import/unknown-option' && d.pointer === '/value/1/servertype'));
  assert.match(unknown.plan ?? '', /^ {4}serverType: "" # TODO\(crmsync import\): Dataverse servertype 7/m);
  assert.match(section(unknown.plan ?? '', 'fabrikam-exchange-hybrid'), /kind: "" # TODO\(crmsync import\)/);
});

test('profiles: separate outgoing credentials get their own secret reference; wrong JSON types are left out', () => {
  const r = importWith(withProfile({ usesamesettingsforoutgoingconnections: false, outgoingusername: 'svc-out@fabrikam.com', maxconcurrentconnections: 'many' }));
  const plan = r.plan ?? '';
  assert.match(plan, /useSameSettingsForOutgoing: false\n {4}outgoing:\n {6}authProtocol: basic\n {6}authenticateUsing: serverProfile\n {6}useImpersonation: true\n {6}username: svc-out@fabrikam\.com\n {6}password: \{ secretRef: "env:CRMSYNC_FABRIKAM_EXCHANGE_HYBRID_OUT_PASSWORD" \} # placeholder: a password is set in CRM; Dataverse never returns it\n/);
  assert.ok(r.diagnostics.some((d) => d.id === 'import/invalid-value' && d.pointer === '/value/1/maxconcurrentconnections'));
  assert.doesNotMatch(section(plan.slice(plan.indexOf('serverProfiles:')), 'fabrikam-exchange-hybrid'), /maxConcurrentConnections/);
});

test('organization: an Email Router organisation gets its TODO; a rounded attachment size and unreadable defaults are reported', () => {
  const org = JSON.parse(fixture('org', 'organizations.json')) as { value: Record<string, unknown>[] };
  Object.assign(org.value[0], { emailconnectionchannel: 1, maxuploadfilesize: 10485761, defaultemailsettings: '<EmailSettings/>', trackingprefix: ' TKN: , CRM:' });
  const files = ['currentorganization.json', 'emailserverprofiles.json', 'mailboxes-page1.json', 'mailboxes-page2.json', 'mailboxtrackingfolders.json'].map((n) => ({ name: `org/${n}`, content: fixture('org', n) }));
  const r = importOrganization([{ name: 'org/organizations.json', content: JSON.stringify(org) }, ...files], { deployment: 'online' });
  const plan = r.plan ?? '';
  assert.match(plan, /^ {2}processEmailUsing: emailRouter # TODO\(crmsync import\): is the Email Router still installed/m);
  assert.match(plan, /^ {2}maxAttachmentSizeKb: 10240$/m);
  assert.match(plan, /^ {6}prefix: "TKN:"$/m);
  assert.match(plan, /^ {2}defaults:\n {4}serverProfile: microsoft-exchange-online\n {2}approval:/m);
  assert.deepEqual(
    r.diagnostics.filter((d) => d.path === 'org/organizations.json').map((d) => `${d.pointer} ${d.id}`),
    ['/value/0/defaultemailsettings import/defaults-unreadable', '/value/0/maxuploadfilesize import/value-rounded'],
  );
  // The mailboxes now inherit the plan defaults: alice-ng's methods are written.
  assert.match(section(plan.slice(plan.indexOf('mailboxes:')), 'alice-ng'), /appointmentsContactsTasks: serverSideSync\n/);
});

test('mailboxes: regarding names from annotations or systemusers rows; an unresolved one is a placeholder', () => {
  const page = JSON.parse(fixture('org', 'mailboxes-page1.json')) as { value: Record<string, unknown>[] };
  // Alice without the $expand: the annotation names her.
  page.value[0].regardingobjectid = null;
  // Ben without $expand and annotations: a systemusers row names him; then without it, nothing does.
  const ben = page.value[1];
  ben.regardingobjectid = null;
  for (const k of Object.keys(ben)) if (k.startsWith('_regardingobjectid_value@')) delete ben[k];
  const users = { '@odata.context': 'https://fabrikam.crm4.dynamics.com/api/data/v9.2/$metadata#systemusers(fullname)', value: [{ fullname: 'Ben Okafor', systemuserid: String(ben._regardingobjectid_value).toUpperCase() }] };
  const base = ['organizations.json', 'currentorganization.json', 'emailserverprofiles.json', 'mailboxes-page2.json', 'mailboxtrackingfolders.json'].map((n) => ({ name: `org/${n}`, content: fixture('org', n) }));
  const withUsers = importOrganization([...base, { name: 'org/mailboxes-page1.json', content: JSON.stringify(page) }, { name: 'org/systemusers.json', content: JSON.stringify(users) }], { deployment: 'online' });
  assert.equal(withUsers.plan, fixture('expected-plan.crmsync.yaml').replace('(6 files)', '(7 files)'));
  const without = importOrganization([...base, { name: 'org/mailboxes-page1.json', content: JSON.stringify(page) }], { deployment: 'online' });
  assert.match(without.plan ?? '', /^ {2}ben-okafor: .*\n {4}kind: "" # TODO\(crmsync import\): user or queue; regarding record [0-9a-f-]+ is not in the export\n {4}name: Ben Okafor\n/m);
  assert.ok(without.diagnostics.some((d) => d.id === 'import/lookup-not-in-export' && d.pointer === '/value/1/_regardingobjectid_value'));
});
