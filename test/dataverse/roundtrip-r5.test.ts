/**
 * The whole cycle import → edit → export → apply → diff, offline, over generated organisations
 * (the fixture organisation of test/fixtures/dataverse/org with mutated values): the plan import
 * writes gets edits an administrator would make, `crmsync export --against` writes its requests,
 * a small simulation of the Web API applies them to the export's JSON, and `crmsync diff` of the
 * edited plan with that fresh export reports only what export reported instead of writing, at the
 * same place in the plan, plus observed state that is still pending.
 *
 * The simulated organisation: a PATCH merges its body into the row (`<nav>@odata.bind` sets the
 * `_<nav>_value` lookup, a changed value loses its FormattedValue annotation, a servertype change
 * changes emailservertypename); `If-Match: *` never creates a row; a POST creates the profile with
 * the GUID its body gives, owned by the caller, with no secret set and every attribute export did
 * not send empty; an approval on a user or queue reaches that record's mailboxes. Right after the
 * batch the tests have not run: Test & Enable (testemailconfigurationscheduled), and a change of a
 * mailbox's profile, address, methods, credentials or state, leave its three test results notRun;
 * a changed address waits for approval again (pendingApproval, not approved by an Exchange
 * administrator). Export must never write a secret, a read-only attribute or a missing record.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { runDiff } from '../../server/src/cli/drift';
import type { WebApiRequest } from '../../server/src/dataverse/batch';
import { importOrganization } from '../../server/src/dataverse/import';
import { SELECTED_ATTRIBUTES } from '../../server/src/dataverse/mapping';
import { findingLines, runExportIn } from './export-helpers';
import { FIXTURES } from './import-helpers';

type Row = Record<string, unknown>;
interface Page {
  readonly '@odata.context': string;
  value: Row[];
}

const PLAN = 'r5.crmsync.yaml';
const BEFORE = 'r5-before';
const AFTER = 'r5-after';
const at = (...parts: string[]) => path.join(FIXTURES, ...parts);
const ORG_FILES = fs.readdirSync(at('org')).sort();
const ORG_TEXT = new Map(ORG_FILES.map((n) => [n, fs.readFileSync(at('org', n), 'utf8')]));

// ---------------------------------------------------------------------------------------------
// Running the commands in memory

interface Reported {
  readonly line: number;
  readonly col: number;
  readonly id: string;
  readonly text: string;
}

/** The `<file>:<line>:<col> <severity> <id> <message>` lines of a report. */
function reported(text: string): Reported[] {
  return findingLines(text).map((l) => {
    const m = /^[^:]+:(\d+):(\d+) \S+ (\S+) /.exec(l)!;
    return { line: Number(m[1]), col: Number(m[2]), id: m[3], text: l };
  });
}

/** `crmsync diff <args>` in-process in the fixture folder; `files` (absolute path → text) come before the disk. */
function runDiffIn(args: readonly string[], files: ReadonlyMap<string, string>): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runDiff(
    args,
    {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      read: (p) => {
        const t = files.get(p);
        return t !== undefined ? Buffer.from(t) : fs.readFileSync(p);
      },
      write: () => assert.fail('diff writes no file'),
      listDir: (p) => {
        const inMemory = [...files.keys()].filter((f) => path.dirname(f) === p).map((f) => path.basename(f));
        return inMemory.length > 0 ? inMemory : undefined;
      },
      cwd: FIXTURES,
    },
    'test',
  );
  return { code, stdout, stderr };
}

// ---------------------------------------------------------------------------------------------
// Generated organisations (as the R1 property of export.test.ts mutates them)

const orgMutation = fc.record({
  mailbox: fc.nat(),
  incoming: fc.integer({ min: 0, max: 3 }),
  outgoing: fc.integer({ min: 0, max: 2 }),
  act: fc.integer({ min: 0, max: 2 }),
  address: fc.stringMatching(/^[a-z]{1,8}\.[a-z]{1,8}@[a-z]{2,6}\.com$/),
  mailboxActive: fc.boolean(),
  approval: fc.integer({ min: 0, max: 3 }),
  tests: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
  profile: fc.nat(),
  connections: fc.integer({ min: 1, max: 100 }),
  profileActive: fc.boolean(),
  kb: fc.integer({ min: 1, max: 131072 }),
  trackingNumber: fc.constantFrom(0, 999, 99999),
});
type OrgMutation = typeof orgMutation extends fc.Arbitrary<infer T> ? T : never;

/** The fixture organisation, as parsed JSON by file name; `edit` changes it first. */
function fixtureOrg(edit: (files: Map<string, unknown>) => void = () => {}): Map<string, unknown> {
  const files = new Map<string, unknown>([...ORG_TEXT].map(([n, t]) => [n, JSON.parse(t)]));
  edit(files);
  return files;
}

function generatedOrg(m: OrgMutation): Map<string, unknown> {
  const files = fixtureOrg();
  const rows = (name: string) => (files.get(name) as Page).value;
  const mb = rows('mailboxes-page1.json')[m.mailbox % rows('mailboxes-page1.json').length];
  Object.assign(mb, {
    incomingemaildeliverymethod: m.incoming,
    outgoingemaildeliverymethod: m.outgoing,
    actdeliverymethod: m.act,
    emailaddress: m.address,
    statecode: m.mailboxActive ? 0 : 1,
    statuscode: m.mailboxActive ? 1 : 2,
    emailrouteraccessapproval: m.approval,
    incomingemailstatus: m.tests[0],
    outgoingemailstatus: m.tests[1],
    actstatus: m.tests[2],
  });
  const profile = rows('emailserverprofiles.json')[m.profile % rows('emailserverprofiles.json').length];
  Object.assign(profile, { maxconcurrentconnections: m.connections, statecode: m.profileActive ? 0 : 1, statuscode: m.profileActive ? 1 : 2 });
  Object.assign(rows('organizations.json')[0], { maxuploadfilesize: m.kb * 1024, maximumtrackingnumber: m.trackingNumber });
  return files;
}

// ---------------------------------------------------------------------------------------------
// Plan edits, by lines: keys are found by their indentation and replaced, or added at the end
// of their mapping. The `# crmsync:id` comments on the record keys stay where they are.

const indentOf = (line: string): number => line.length - line.trimStart().length;
const keyOf = (line: string): string | undefined => /^\s*([^\s:#'"-][^:]*):(?:\s|$)/.exec(line)?.[1];

/** The lines [start, end) that belong to the key on line `start` (its value and nested block). */
function blockEnd(lines: readonly string[], start: number): number {
  const indent = indentOf(lines[start]);
  let i = start + 1;
  while (i < lines.length && lines[i].trim() !== '' && indentOf(lines[i]) > indent) i++;
  return i;
}

/** The line of `key` among the direct children of the block [start, end) at `indent`, or -1. */
function childLine(lines: readonly string[], start: number, end: number, indent: number, key: string): number {
  for (let i = start; i < end; i++) if (indentOf(lines[i]) === indent && keyOf(lines[i]) === key) return i;
  return -1;
}

/** The YAML lines of `key: value` at `indent`: a scalar written as YAML text, or a block list. */
function render(indent: number, key: string, value: string | readonly string[]): string[] {
  const pad = ' '.repeat(indent);
  if (typeof value === 'string') return [`${pad}${key}: ${value}`];
  if (value.length === 0) return [`${pad}${key}: []`];
  return [`${pad}${key}:`, ...value.map((v) => `${pad}  - ${JSON.stringify(v)}`)];
}

/** Sets the key at `keyPath` (added, with the mappings it needs, at the end of its parent), or removes it (`undefined`). */
function setKey(lines: string[], keyPath: readonly string[], value: string | readonly string[] | undefined): void {
  let start = 0;
  let end = lines.length;
  for (let d = 0; d < keyPath.length; d++) {
    const indent = 2 * d;
    const last = d === keyPath.length - 1;
    let line = childLine(lines, start, end, indent, keyPath[d]);
    if (line >= 0 && last) {
      lines.splice(line, blockEnd(lines, line) - line, ...(value === undefined ? [] : render(indent, keyPath[d], value)));
      return;
    }
    if (line < 0 && value === undefined) return;
    if (line < 0) {
      let insert = end;
      while (insert > start && lines[insert - 1].trim() === '') insert--;
      const added = last ? render(indent, keyPath[d], value!) : [`${' '.repeat(indent)}${keyPath[d]}:`];
      lines.splice(insert, 0, ...added);
      if (last) return;
      line = insert;
    }
    start = line + 1;
    end = blockEnd(lines, line);
  }
}

/** The ids of a map of the plan, with their `crmsync:id` GUIDs (undefined without one). */
function recordsOf(lines: readonly string[], map: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const top = childLine(lines, 0, lines.length, 0, map);
  if (top < 0) return out;
  for (let i = top + 1; i < blockEnd(lines, top); i++) {
    const key = indentOf(lines[i]) === 2 ? keyOf(lines[i]) : undefined;
    if (key !== undefined) out.set(key, /# crmsync:id ([0-9a-f-]{36})\s*$/.exec(lines[i])?.[1]);
  }
  return out;
}

/** The plan path of the key written on (1-based) line `n`. */
function pathAtLine(lines: readonly string[], n: number): string[] {
  const out: string[] = [];
  let indent = Infinity;
  for (let i = n - 1; i >= 0 && indent > 0; i--) {
    const key = keyOf(lines[i]);
    if (key === undefined || indentOf(lines[i]) >= indent) continue;
    indent = indentOf(lines[i]);
    out.unshift(key);
  }
  return out;
}

const q = (s: string) => JSON.stringify(s);
const bool = fc.boolean().map(String);
const int = (min: number, max: number) => fc.integer({ min, max }).map(String);
const token = (...tokens: string[]) => fc.constantFrom(...tokens);
const set = <T>(key: readonly string[], value: fc.Arbitrary<T>) => fc.tuple(fc.constant(key), value);
const remove = (...keys: string[]) => fc.tuple(token(...keys).map((k): readonly string[] => [k]), fc.constant(undefined));

const INCOMING = token('none', 'outlook', 'serverSideSync', 'forwardMailbox');
const OUTGOING = token('none', 'outlook', 'serverSideSync');
const ACT = token('outlook', 'serverSideSync', 'none');
const TEST = token('notRun', 'success', 'failure');

/** Keys an administrator edits on a mailbox: written ones, and ones that are reported instead. */
const mailboxKey = fc.oneof(
  set(['incomingEmail'], INCOMING),
  set(['outgoingEmail'], OUTGOING),
  set(['appointmentsContactsTasks'], ACT),
  set(['emailAddress'], fc.stringMatching(/^[a-z]{1,8}@(fabrikam|contoso)\.com$/).map(q)),
  set(['active'], bool),
  set(['deleteEmailsAfterProcessing'], bool),
  set(['credentials', 'allowUse'], bool),
  set(['credentials', 'username'], fc.stringMatching(/^[a-z]{1,8}@fabrikam\.com$/).map(q)),
  set(['credentials', 'password'], fc.constant('{ secretRef: "env:CRMSYNC_R5_MAILBOX_PASSWORD" }')),
  set(['approval'], token('empty', 'approved', 'pendingApproval', 'rejected')),
  set(['status', 'incoming'], TEST),
  set(['status', 'outgoing'], TEST),
  set(['status', 'act'], TEST),
  set(['approvedByExchangeOnlineAdmin'], bool),
  set(['actSyncThisOrgOnly'], bool),
  set(['trackedFolders'], fc.subarray(['Inbox/Adventure Works', 'Inbox/Contracts', 'Inbox/Projects'])),
  set(['regarding'], token('Customer Support', 'Alex Kim', 'Sam Lee').map(q)),
  set(['name'], token('Front desk', 'Sales team').map(q)),
  // Removed keys: the mailbox then inherits the default, or the key is no longer managed.
  remove('serverProfile', 'incomingEmail', 'outgoingEmail', 'appointmentsContactsTasks', 'deleteEmailsAfterProcessing', 'credentials', 'status', 'approval'),
);

const profileKey = fc.oneof(
  set(['advanced', 'maxConcurrentConnections'], int(1, 100)),
  set(['advanced', 'sendAlertEmailToOwner'], bool),
  set(['advanced', 'moveFailedEmailsToUndeliverable'], bool),
  set(['advanced', 'minPollingIntervalMinutes'], int(1, 60)),
  set(['advanced', 'processEmailFrom'], token('2025-03-01', '2025-03-01T08:30:00Z')),
  set(['advanced', 'mailboxConnectionTimeoutMs'], int(1000, 120000)),
  set(['active'], bool),
  set(['owner'], token('Priya Raman', 'CRM Administrators').map(q)),
  set(['autodiscover'], bool),
  set(['incoming', 'port'], int(1, 65535)),
  set(['incoming', 'username'], fc.stringMatching(/^[a-z]{1,8}@fabrikam\.com$/).map(q)),
  set(['oauth', 'applicationId'], fc.uuid({ version: 4 }).map(q)),
  set(['name'], token('Renamed profile A', 'Renamed profile B').map(q)),
  set(['serverType'], token('exchangeServer', 'pop3Smtp', 'exchangeServerHybrid', 'imapSmtp')),
  set(['useSameSettingsForOutgoing'], bool),
  set(['outgoing', 'authenticateUsing'], token('userOrQueue', 'serverProfile')),
  set(['outgoing', 'username'], fc.stringMatching(/^[a-z]{1,8}@fabrikam\.com$/).map(q)),
  set(['useDefaultTenantId'], bool),
  set(['exchangeOnlineTenantId'], fc.uuid({ version: 4 })),
  remove('advanced', 'owner', 'active'),
);

const settingsKey = fc.oneof(
  set(['systemSettings', 'maxAttachmentSizeKb'], int(1, 131072)),
  set(['systemSettings', 'tracking', 'smartMatching'], bool),
  set(['systemSettings', 'tracking', 'correlation'], bool),
  set(['systemSettings', 'tracking', 'folderLevelTracking'], bool),
  set(['systemSettings', 'tracking', 'trackingTokens', 'enabled'], bool),
  set(['systemSettings', 'tracking', 'trackingTokens', 'counterDigits'], int(1, 6)),
  set(['systemSettings', 'tracking', 'trackingTokens', 'baseNumber'], int(0, 1000)),
  set(['systemSettings', 'tracking', 'trackingTokens', 'prefix'], token('CRM:', 'TKT:').map(q)),
  set(['systemSettings', 'alerts', 'error'], bool),
  set(['systemSettings', 'alerts', 'warning'], bool),
  set(['systemSettings', 'alerts', 'notifyMailboxOwner'], bool),
  set(['systemSettings', 'approval', 'users'], bool),
  set(['systemSettings', 'approval', 'queues'], bool),
  set(['systemSettings', 'defaults', 'incomingEmail'], INCOMING),
  set(['systemSettings', 'defaults', 'outgoingEmail'], OUTGOING),
  set(['systemSettings', 'defaults', 'appointmentsContactsTasks'], ACT),
  set(['systemSettings', 'processEmailUsing'], token('serverSideSync', 'emailRouter')),
);

type PlanEdit =
  | { readonly at: 'mailbox'; readonly record: number; readonly key: readonly string[]; readonly value: string | readonly string[] | undefined }
  | { readonly at: 'profile'; readonly record: number; readonly key: readonly string[]; readonly value: string | undefined }
  | { readonly at: 'settings'; readonly key: readonly string[]; readonly value: string }
  | { readonly at: 'mailboxProfile'; readonly record: number; readonly profile: number }
  | { readonly at: 'defaultProfile'; readonly profile: number };

const planEdit: fc.Arbitrary<PlanEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.nat(), mailboxKey).map(([record, [key, value]]): PlanEdit => ({ at: 'mailbox', record, key, value })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(), profileKey).map(([record, [key, value]]): PlanEdit => ({ at: 'profile', record, key, value })) },
  { weight: 2, arbitrary: settingsKey.map(([key, value]): PlanEdit => ({ at: 'settings', key, value })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.nat()).map(([record, profile]): PlanEdit => ({ at: 'mailboxProfile', record, profile })) },
  { weight: 1, arbitrary: fc.nat().map((profile): PlanEdit => ({ at: 'defaultProfile', profile })) },
);

/** A profile the plan adds (export creates it, except an exchangeOnline one). */
const newProfile = fc.option(
  fc.record({
    type: token('imapSmtp', 'pop3Smtp', 'exchangeServer', 'exchangeOnline'),
    owner: fc.option(token('Priya Raman'), { nil: undefined }),
    secret: fc.boolean(),
    active: fc.boolean(),
  }),
  { nil: undefined },
);
type NewProfile = NonNullable<typeof newProfile extends fc.Arbitrary<infer T> ? T : never>;

const NEW_ID = 'r5-new-profile';

function addProfile(lines: string[], p: NewProfile): void {
  const system: Record<string, string[]> = {
    imapSmtp: ['    kind: imapSmtp'],
    pop3Smtp: ['    kind: pop3Smtp'],
    exchangeServer: ['    kind: exchangeServer', '    version: "2019"'],
    exchangeOnline: ['    kind: exchangeOnline', '    tenantId: 4f302b5e-4562-4792-8f6f-01842cc39122'],
  };
  const internet = p.type === 'imapSmtp' || p.type === 'pop3Smtp';
  const password = p.secret ? ['      password: { secretRef: "env:CRMSYNC_R5_NEW_PROFILE_IN_PASSWORD" }'] : [];
  const connection =
    p.type === 'exchangeOnline'
      ? ['    incoming:', '      authenticateUsing: serverToServer']
      : internet
        ? ['    incoming:', '      serverLocation: mail.contoso.com', '      port: 993', '      authenticateUsing: serverProfile', '      username: svc@contoso.com', ...password, '    outgoing:', '      serverLocation: smtp.contoso.com', '      port: 587']
        : ['    incoming:', '      serverLocation: https://mail.contoso.com/EWS/Exchange.asmx', '      authenticateUsing: serverProfile', '      username: svc@contoso.com', ...password];
  const profile = [`  ${NEW_ID}:`, '    name: Contoso Mail (new)', `    serverType: ${p.type}`, `    mailSystem: ${NEW_ID}`, ...(p.owner ? [`    owner: ${p.owner}`] : []), ...(p.active ? [] : ['    active: false']), ...connection];
  for (const [map, block] of [
    ['serverProfiles', profile],
    ['mailSystems', [`  ${NEW_ID}:`, ...system[p.type]]],
  ] as const) {
    const top = childLine(lines, 0, lines.length, 0, map);
    lines.splice(blockEnd(lines, top), 0, ...block);
  }
}

function editPlan(plan: string, p: NewProfile | undefined, edits: readonly PlanEdit[]): string {
  const lines = plan.split('\n');
  if (p) addProfile(lines, p);
  const mailboxes = [...recordsOf(lines, 'mailboxes').keys()];
  const profiles = [...recordsOf(lines, 'serverProfiles').keys()];
  for (const e of edits) {
    if (e.at === 'mailbox') setKey(lines, ['mailboxes', mailboxes[e.record % mailboxes.length], ...e.key], e.value);
    else if (e.at === 'profile') setKey(lines, ['serverProfiles', profiles[e.record % profiles.length], ...e.key], e.value);
    else if (e.at === 'settings') setKey(lines, e.key, e.value);
    else if (e.at === 'mailboxProfile') setKey(lines, ['mailboxes', mailboxes[e.record % mailboxes.length], 'serverProfile'], profiles[e.profile % profiles.length]);
    else setKey(lines, ['systemSettings', 'defaults', 'serverProfile'], profiles[e.profile % profiles.length]);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The simulated Web API

/** emailservertypename by servertype code, as Dataverse returns it. */
const SERVER_TYPE_NAMES = ['Exchange Server', 'Other (POP3/SMTP)', 'Exchange Server (Hybrid)', 'Exchange Online (Hybrid)', 'IMAP/SMTP'];
/** The caller who runs the batch: the owner of the profiles it creates. */
const CALLER = { id: 'bbf14b86-b2bb-41b8-bec3-5494f6ed3851', name: 'Priya Raman' };
const SECRETS = ['incomingpassword', 'outgoingpassword', 'password', 'oauthclientsecret'];
/** Attributes that are read-only, or that export must write elsewhere (approval: on the user or queue). */
const NOT_WRITABLE: Readonly<Record<string, readonly string[]>> = {
  organizations: ['name', 'trackingprefix'],
  emailserverprofiles: ['emailservertypename', '_ownerid_value', 'exchangeversion', 'isincomingpasswordset', 'isoutgoingpasswordset', 'isoauthclientsecretset'],
  mailboxes: [
    'isforwardmailbox',
    '_regardingobjectid_value',
    'ispasswordset',
    'orgmarkedasprimaryforexchangesync',
    'emailrouteraccessapproval',
    'isemailaddressapprovedbyo365admin',
    'incomingemailstatus',
    'outgoingemailstatus',
    'actstatus',
  ],
};
/** Mailbox attributes whose change means the configuration must be tested again. */
const RETEST = ['_emailserverprofile_value', 'emailaddress', 'incomingemaildeliverymethod', 'outgoingemaildeliverymethod', 'actdeliverymethod', 'allowemailconnectortousecredentials', 'username', 'statecode'];
const TEST_RESULTS = ['incomingemailstatus', 'outgoingemailstatus', 'actstatus'];
const FORMATTED = '@OData.Community.Display.V1.FormattedValue';

class SimulatedOrg {
  readonly rows = new Map<string, Map<string, Row>>();
  /** Mailboxes (GUIDs) whose test results were cleared: Test & Enable scheduled or settings changed. */
  readonly untested = new Set<string>();
  /** Mailboxes whose address changed, so that it waits for approval again. */
  readonly unapproved = new Set<string>();
  private readonly profiles: Page;

  constructor(readonly files: Map<string, unknown>) {
    let profiles: Page | undefined;
    for (const page of files.values()) {
      const { '@odata.context': context, value } = page as Page;
      if (!Array.isArray(value)) continue;
      const entitySet = /#([a-z]+)/.exec(context)![1];
      const key = { organizations: 'organizationid', emailserverprofiles: 'emailserverprofileid', mailboxes: 'mailboxid' }[entitySet];
      if (key === undefined) continue;
      if (entitySet === 'emailserverprofiles') profiles = page as Page;
      const byGuid = this.rows.get(entitySet) ?? new Map<string, Row>();
      for (const row of value) byGuid.set(String(row[key]).toLowerCase(), row);
      this.rows.set(entitySet, byGuid);
    }
    assert.ok(profiles);
    this.profiles = profiles;
  }

  apply(request: WebApiRequest): void {
    const what = `${request.method} ${request.url}`;
    const m = /^\/api\/data\/v9\.2\/([a-z]+)(?:\(([0-9a-f-]{36})\))?$/.exec(request.url);
    assert.ok(m, what);
    const [, entitySet, guid] = m;
    for (const k of Object.keys(request.body)) assert.ok(!SECRETS.includes(k), `${what} writes the secret ${k}`);
    if (request.method === 'POST') {
      assert.equal(entitySet, 'emailserverprofiles', what);
      assert.equal(guid, undefined, what);
      return this.create(request.body);
    }
    assert.equal(request.headers['If-Match'], '*', `${what}: a PATCH never creates a record`);
    if (entitySet === 'systemusers' || entitySet === 'queues') return this.approve(what, entitySet, guid, request.body);
    const row = this.rows.get(entitySet)?.get(guid);
    assert.ok(row, `${what}: no such record (If-Match: * gives 404)`);
    this.patch(what, entitySet, guid, row, request.body);
  }

  private create(body: Readonly<Record<string, unknown>>): void {
    const guid = String(body.emailserverprofileid);
    assert.ok(!this.rows.get('emailserverprofiles')!.has(guid), `POST of an existing profile ${guid} fails`);
    assert.equal(body.statecode, undefined, 'statecode cannot be set on create');
    const row: Row = { '@odata.etag': 'W/"1"', ...Object.fromEntries(SELECTED_ATTRIBUTES.emailserverprofiles.map((a) => [a, null])) };
    Object.assign(row, {
      statecode: 0,
      statuscode: 1,
      isincomingpasswordset: false,
      isoutgoingpasswordset: false,
      isoauthclientsecretset: false,
      [`_ownerid_value${FORMATTED}`]: CALLER.name,
      _ownerid_value: CALLER.id,
    });
    for (const [k, v] of Object.entries(body)) {
      assert.ok(k === 'emailserverprofileid' || SELECTED_ATTRIBUTES.emailserverprofiles.includes(k), `POST writes ${k}`);
      assert.ok(!NOT_WRITABLE.emailserverprofiles.includes(k), `POST writes the read-only ${k}`);
      row[k] = v;
    }
    row.emailservertypename = SERVER_TYPE_NAMES[Number(row.servertype)];
    this.profiles.value.push(row);
    this.rows.get('emailserverprofiles')!.set(guid, row);
  }

  private approve(what: string, entitySet: string, guid: string, body: Readonly<Record<string, unknown>>): void {
    assert.deepEqual(Object.keys(body), ['emailrouteraccessapproval'], what);
    assert.ok(body.emailrouteraccessapproval === 1 || body.emailrouteraccessapproval === 3, what);
    const table = entitySet === 'queues' ? 'queue' : 'systemuser';
    const mailboxes = [...this.rows.get('mailboxes')!.values()].filter((r) => String(r._regardingobjectid_value).toLowerCase() === guid);
    assert.ok(mailboxes.length > 0, `${what}: no mailbox of that record`);
    for (const r of mailboxes) {
      assert.equal(r[`_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname`], table, `${what}: the regarding record is a ${String(r[`_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname`])}`);
      r.emailrouteraccessapproval = body.emailrouteraccessapproval;
      delete r[`emailrouteraccessapproval${FORMATTED}`];
    }
  }

  private patch(what: string, entitySet: string, guid: string, row: Row, body: Readonly<Record<string, unknown>>): void {
    const before = { ...row };
    for (const [k, v] of Object.entries(body)) {
      if (k === 'testemailconfigurationscheduled') {
        assert.equal(entitySet, 'mailboxes', what);
        assert.equal(v, true, what);
        assert.deepEqual(Object.keys(body), [k], `${what}: Test & Enable goes in a request of its own`);
        this.clearTests(guid, row);
        continue;
      }
      const bind = /^(.+)@odata\.bind$/.exec(k);
      if (bind) {
        const target = v === null ? null : /^\/emailserverprofiles\(([0-9a-f-]{36})\)$/.exec(String(v))?.[1];
        assert.ok(target !== undefined, `${what}: ${k} ${String(v)}`);
        const profile = target === null ? undefined : this.rows.get('emailserverprofiles')!.get(target);
        assert.ok(target === null || profile, `${what}: ${k} binds to a profile that does not exist`);
        const attribute = `_${bind[1]}_value`;
        assert.ok(Object.prototype.hasOwnProperty.call(row, attribute), `${what}: ${k} has no ${attribute}`);
        row[attribute] = target;
        if (profile) row[`${attribute}${FORMATTED}`] = profile.name;
        else delete row[`${attribute}${FORMATTED}`];
        continue;
      }
      assert.ok(SELECTED_ATTRIBUTES[entitySet as 'mailboxes'].includes(k) || k === 'statuscode', `${what} writes ${k}, which is not exported`);
      assert.ok(!NOT_WRITABLE[entitySet].includes(k), `${what} writes the read-only ${k}`);
      row[k] = v;
      delete row[`${k}${FORMATTED}`];
      if (k === 'servertype') row.emailservertypename = SERVER_TYPE_NAMES[Number(v)];
    }
    if (entitySet !== 'mailboxes') return;
    if (RETEST.some((a) => row[a] !== before[a])) this.clearTests(guid, row);
    if (row.emailaddress !== before.emailaddress) {
      row.emailrouteraccessapproval = 2;
      row.isemailaddressapprovedbyo365admin = false;
      delete row[`emailrouteraccessapproval${FORMATTED}`];
      delete row[`isemailaddressapprovedbyo365admin${FORMATTED}`];
      this.unapproved.add(guid);
    }
  }

  private clearTests(guid: string, row: Row): void {
    for (const a of TEST_RESULTS) {
      row[a] = 0;
      delete row[`${a}${FORMATTED}`];
    }
    this.untested.add(guid);
  }
}

// ---------------------------------------------------------------------------------------------
// The property

/** What export reports instead of writing, for each drift id diff may give at the same place. */
const REPORTED_INSTEAD: Readonly<Record<string, readonly string[]>> = {
  'drift/changed': ['export/not-written', 'export/not-in-org', 'export/skipped'],
  'drift/observed-changed': ['export/not-written', 'export/not-in-org', 'export/skipped'],
  'drift/secret-not-set': ['export/secret-required'],
  'drift/missing-in-org': ['export/not-written'],
};

const STATUS_ATTRIBUTES: Readonly<Record<string, string>> = { incoming: 'incomingemailstatus', outgoing: 'outgoingemailstatus', act: 'actstatus' };

/** An observed value that is still pending: a test not yet run, an address awaiting approval again. */
function pending(org: SimulatedOrg, lines: readonly string[], f: Reported): boolean {
  const [map, id, key, direction] = pathAtLine(lines, f.line);
  if (map !== 'mailboxes') return false;
  const guid = recordsOf(lines, 'mailboxes').get(id);
  const row = guid === undefined ? undefined : org.rows.get('mailboxes')!.get(guid);
  if (!row || guid === undefined) return false;
  if (key === 'status') return org.untested.has(guid) && row[STATUS_ATTRIBUTES[direction]] === 0;
  if (key === 'approval') return org.unapproved.has(guid) && row.emailrouteraccessapproval === 2;
  if (key === 'approvedByExchangeOnlineAdmin') return org.unapproved.has(guid) && row.isemailaddressapprovedbyo365admin === false;
  return false;
}

/** One turn of the cycle: export `plan` (P′) against `before` (E), apply its requests, diff P′ with E′. */
function cycle(before: ReadonlyMap<string, unknown>, plan: string, scheduleTest = false) {
  const beforeText = new Map([...before].map(([n, v]) => [n, JSON.stringify(v, null, 2)]));
  const files = new Map([...beforeText].map(([n, t]) => [at(BEFORE, n), t]));
  files.set(at(PLAN), plan);
  const exported = runExportIn([PLAN, '--against', BEFORE, '--format', 'json', '--allow-errors', ...(scheduleTest ? ['--schedule-test'] : [])], files);
  assert.equal(exported.code, 0, `${exported.stderr}\n${plan}`);
  const requests = JSON.parse(exported.stdout) as WebApiRequest[];
  const byExport = reported(exported.stderr).filter((f) => f.id.startsWith('export/'));

  // E′: the requests applied in order (phase 1, then phase 2).
  const org = new SimulatedOrg(new Map([...before].map(([n, v]) => [n, structuredClone(v)])));
  for (const r of requests) org.apply(r);
  const after = new Map([...org.files].map(([n, v]) => [at(AFTER, n), JSON.stringify(v, null, 2)]));
  after.set(at(PLAN), plan);
  const drift = runDiffIn([PLAN, AFTER], after);
  assert.notEqual(drift.code, 2, drift.stderr);

  // Each finding of diff: reported by export at the same line and column, pending, or unexplained.
  const lines = plan.split('\n');
  const exportAt = new Map<string, Set<string>>();
  for (const f of byExport) exportAt.set(`${f.line}:${f.col}`, (exportAt.get(`${f.line}:${f.col}`) ?? new Set()).add(f.id));
  const judged = { findings: reported(drift.stdout), explained: 0, pending: 0, unexplained: [] as string[] };
  for (const f of judged.findings) {
    const here = exportAt.get(`${f.line}:${f.col}`) ?? new Set<string>();
    if ((REPORTED_INSTEAD[f.id] ?? []).some((id) => here.has(id))) judged.explained++;
    else if (f.id === 'drift/observed-changed' && pending(org, lines, f)) judged.pending++;
    else judged.unexplained.push(`${f.text}\n    (plan path ${pathAtLine(lines, f.line).join('.')}; export reported here: ${[...here].join(', ') || 'nothing'})`);
  }
  const context = `export requests:\n${exported.stdout}\nexport reported:\n${byExport.map((f) => f.text).join('\n')}`;
  return { requests, judged, context };
}

/** P = import E. */
function importPlan(before: ReadonlyMap<string, unknown>): string {
  const imported = importOrganization([...before].map(([n, v]) => ({ name: `${BEFORE}/${n}`, content: JSON.stringify(v, null, 2) })), { deployment: 'online' });
  assert.ok(imported.plan !== undefined, JSON.stringify(imported.diagnostics.filter((d) => d.severity === 'error')));
  return imported.plan;
}

test('R5: after the requests of export --against are applied, diff reports only what export reported instead of writing, and pending observed state', () => {
  const stats = { requests: 0, posts: 0, explained: 0, pending: 0, clean: 0 };
  fc.assert(
    fc.property(orgMutation, newProfile, fc.array(planEdit, { minLength: 1, maxLength: 6 }), fc.boolean(), (m, added, edits, scheduleTest) => {
      const before = generatedOrg(m);
      const { requests, judged, context } = cycle(before, editPlan(importPlan(before), added, edits), scheduleTest);
      assert.deepEqual(judged.unexplained, [], `edits: ${JSON.stringify({ added, edits, scheduleTest })}\n${context}`);
      stats.requests += requests.length;
      stats.posts += requests.filter((r) => r.method === 'POST').length;
      stats.explained += judged.explained;
      stats.pending += judged.pending;
      if (judged.findings.length === 0) stats.clean++;
    }),
    { numRuns: 60, seed: 5005 },
  );
  // The property is not vacuous: requests were applied, profiles created, and diff found both kinds.
  assert.ok(stats.requests > 50 && stats.posts > 0, JSON.stringify(stats));
  assert.ok(stats.explained > 0 && stats.pending > 0 && stats.clean > 0, JSON.stringify(stats));
});

/**
 * The minimal cases of the four gaps this property found in export (it wrote and reported nothing
 * for these values, so diff found them after the batch): diff's one finding is now one that export
 * reported at the same place.
 */
test('export reports what it cannot write: a status against all-notRun results, tracking tokens without counterDigits, the owner of a created profile, the Exchange Online approval of a mailbox it moves', () => {
  const cases: { name: string; org: Map<string, unknown>; edit: (lines: string[]) => void; requests: number; reported: RegExp }[] = [
    {
      name: 'status written, all test results notRun in the organisation',
      org: fixtureOrg(),
      edit: (lines) => setKey(lines, ['mailboxes', 'alex-kim-2', 'status', 'act'], 'failure'),
      requests: 0,
      reported: /status\.act is a test result that CRM sets/,
    },
    {
      name: 'tracking tokens enabled without counterDigits',
      org: fixtureOrg((files) => Object.assign((files.get('organizations.json') as Page).value[0], { maximumtrackingnumber: 0 })),
      edit: (lines) => setKey(lines, ['systemSettings', 'tracking', 'trackingTokens', 'enabled'], 'true'),
      requests: 0,
      reported: /needs trackingTokens\.counterDigits/,
    },
    {
      name: 'owner of a created profile',
      org: fixtureOrg(),
      edit: (lines) => {
        addProfile(lines, { type: 'imapSmtp', owner: undefined, secret: false, active: true });
        setKey(lines, ['serverProfiles', NEW_ID, 'owner'], '"CRM Administrators"');
      },
      requests: 1,
      reported: /is new: owner is not written/,
    },
    {
      name: 'approvedByExchangeOnlineAdmin of a mailbox moved to an exchangeOnline profile',
      org: fixtureOrg(),
      edit: (lines) => {
        setKey(lines, ['mailboxes', 'carol-diaz', 'serverProfile'], 'microsoft-exchange-online');
        setKey(lines, ['mailboxes', 'carol-diaz', 'approvedByExchangeOnlineAdmin'], 'true');
      },
      requests: 1,
      reported: /approvedByExchangeOnlineAdmin is not written/,
    },
  ];
  for (const c of cases) {
    const lines = importPlan(c.org).split('\n');
    c.edit(lines);
    const { requests, judged, context } = cycle(c.org, lines.join('\n'));
    assert.equal(requests.length, c.requests, `${c.name}\n${context}`);
    assert.deepEqual(judged.unexplained, [], `${c.name}\n${context}`);
    assert.equal(judged.explained, 1, `${c.name}: ${judged.findings.map((f) => f.text).join('\n')}\n${context}`);
    assert.match(context, c.reported, c.name);
  }
});
