/**
 * Properties of `crmsync import` over generated organisations and mutated exports (fast-check,
 * fixed seeds): import never throws; every diagnostic names one of the files and a JSON pointer
 * that resolves in it (or line:column for a file that is not JSON); the output does not depend on
 * the order of the files (R3); `--ids-from` its own plan gives that plan (R4); and `crmsync check`
 * on the plan finds no structural error: no parser error or unknown key, and enum, type and
 * reference errors only on the placeholders that import marks with a TODO, and one `import-todo` per TODO.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { createAnalyzer } from '../../server/src/analysis';
import type { ImportDiagnostic } from '../../server/src/dataverse/diagnostics';
import { keptIdsFromPlan } from '../../server/src/dataverse/ids';
import { importOrganization, type ImportResult } from '../../server/src/dataverse/import';
import type { ExportFile } from '../../server/src/dataverse/reader';
import { valuesOf, viewOf } from '../../server/src/dataverse/view';
import { FIXTURES } from './import-helpers';

const HOST = 'https://contoso.crm.dynamics.com/api/data/v9.2/$metadata#';

const guidArb = fc.uuid().map((u) => u.toLowerCase());
/** Names that collide after slugging, and awkward ones. */
const nameArb = fc.oneof(
  fc.constantFrom('Support', 'support', 'Support 2', 'SUPPORT!', 'Chloé Dubois', 'Chloe Dubois', '', '  ', 'true', '9.2', 'a: b', '#x', '- y', 'Ärger', '日本', 'x'.repeat(80)),
  fc.string({ maxLength: 12 }),
);
const codeArb = (max: number) => fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, max + 3, -1, '2', 1.5) });
const boolArb = fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'yes', 0) });

interface Org {
  readonly files: ExportFile[];
}

const profileArb = fc.record({
  id: guidArb,
  name: nameArb,
  servertype: codeArb(4),
  typeName: fc.constantFrom<string | undefined>(undefined, 'Exchange Online', 'exchange online ', 'Exchange Server', 'Other (POP3/SMTP)'),
  state: codeArb(1),
  inAuth: codeArb(7),
  outAuth: codeArb(7),
  same: boolArb,
  proto: codeArb(4),
  location: fc.constantFrom<unknown>(null, 'pop.gmail.com', 'imap.mail.yahoo.com', 'https://mail.contoso.com/EWS/Exchange.asmx', 'outlook.office365.com', '', 3),
  port: fc.constantFrom<unknown>(null, 995, 993, 587, 'x'),
  passwordSet: boolArb,
  secretSet: boolArb,
  clientId: fc.constantFrom<unknown>(null, '', '6b2f9d41-0c3e-4a58-b7e2-9d1f4c8a2e65', 'client.apps.googleusercontent.com'),
  defaultTenant: boolArb,
  eoTenant: fc.constantFrom<unknown>(null, '', '5D1949BF-E569-417F-8B20-C88415E94B56', 'contoso.onmicrosoft.com'),
  exchangeversion: fc.constantFrom<unknown>(null, 0, 3, 5, 9),
  owner: fc.constantFrom<string | undefined>(undefined, 'CRM Administrators'),
  timeout: boolArb,
});

const mailboxArb = (profiles: readonly string[]) =>
  fc.record({
    id: guidArb,
    name: nameArb,
    forward: boolArb,
    regarding: fc.oneof(
      fc.record({ kind: fc.constant('user' as const), name: nameArb }),
      fc.record({ kind: fc.constant('queue' as const), name: nameArb }),
      fc.record({ kind: fc.constant('annotated' as const), name: nameArb }),
      fc.record({ kind: fc.constant('bare' as const), name: nameArb }),
      fc.record({ kind: fc.constant('none' as const), name: nameArb }),
    ),
    regardingId: guidArb,
    profile: profiles.length > 0 ? fc.oneof(fc.constantFrom<unknown>(...profiles), fc.constant(null), guidArb) : fc.oneof(fc.constant(null), guidArb),
    address: fc.constantFrom<unknown>(null, '', 'a@contoso.com', 'not-an-address'),
    state: codeArb(1),
    incoming: codeArb(3),
    outgoing: codeArb(2),
    act: codeArb(2),
    approval: codeArb(3),
    o365: boolArb,
    statuses: fc.tuple(codeArb(2), codeArb(2), codeArb(2)),
    passwordSet: boolArb,
    folders: fc.array(fc.constantFrom('Inbox', 'Projects', 'Inbox/Deals', 'Customers/A', ''), { maxLength: 3 }),
  });

const orgArb: fc.Arbitrary<Org> = fc
  .record({
    orgId: guidArb,
    profiles: fc.array(profileArb, { maxLength: 5 }),
    detail: fc.boolean(),
    version: fc.constantFrom('9.2.25101.170', '9.1.0.5805', '8.2.1.1', '7.0', 'x'),
    defaults: fc.oneof(
      fc.tuple(codeArb(3), codeArb(2), codeArb(2)).map(([i, o, a]) => `<EmailSettings><IncomingEmailDeliveryMethod>${String(i)}</IncomingEmailDeliveryMethod><OutgoingEmailDeliveryMethod>${String(o)}</OutgoingEmailDeliveryMethod><ACTDeliveryMethod>${String(a)}</ACTDeliveryMethod></EmailSettings>`),
      fc.constantFrom<unknown>(null, '', '&lt;EmailSettings&gt;&lt;ACTDeliveryMethod&gt;2&lt;/ACTDeliveryMethod&gt;&lt;/EmailSettings&gt;', 7),
    ),
    upload: fc.constantFrom<unknown>(5242880, 10485761, 1024, null, 'big'),
    tracking: fc.constantFrom<unknown>(0, 9, 999, 99999, null, -4),
    channel: codeArb(1),
    defaultProfile: fc.boolean(),
  })
  .chain((o) =>
    fc.record({
      o: fc.constant(o),
      mailboxes: fc.array(mailboxArb(o.profiles.map((p) => p.id)), { maxLength: 10 }),
      pageSize: fc.integer({ min: 1, max: 6 }),
    }),
  )
  .map(({ o, mailboxes, pageSize }) => {
    const files: ExportFile[] = [];
    const json = (name: string, v: unknown) => files.push({ name, content: JSON.stringify(v, null, 2) });
    json('organizations.json', {
      '@odata.context': `${HOST}organizations(name)`,
      value: [
        {
          name: 'orgname',
          organizationid: o.orgId,
          emailconnectionchannel: o.channel,
          _defaultemailserverprofileid_value: o.defaultProfile && o.profiles.length > 0 ? o.profiles[0].id : null,
          defaultemailsettings: o.defaults,
          requireapprovalforuseremail: true,
          maximumtrackingnumber: o.tracking,
          trackingprefix: 'CRM:,OLD:',
          maxuploadfilesize: o.upload,
        },
      ],
    });
    if (o.detail) {
      json('current.json', { '@odata.context': `${HOST}Microsoft.Dynamics.CRM.RetrieveCurrentOrganizationResponse`, Detail: { OrganizationId: o.orgId, FriendlyName: 'Contoso', OrganizationVersion: o.version, TenantId: '4f302b5e-4562-4792-8f6f-01842cc39122' } });
    }
    json('profiles.json', {
      '@odata.context': `${HOST}emailserverprofiles(name)`,
      value: o.profiles.map((p) => ({
        name: p.name,
        servertype: p.servertype,
        ...(p.typeName !== undefined ? { emailservertypename: p.typeName } : {}),
        ...(p.owner !== undefined ? { '_ownerid_value@OData.Community.Display.V1.FormattedValue': p.owner } : {}),
        _ownerid_value: '28eb7074-eb62-4161-99da-e0439e520404',
        statecode: p.state,
        useautodiscover: true,
        usedefaulttenantid: p.defaultTenant,
        exchangeonlinetenantid: p.eoTenant,
        exchangeversion: p.exchangeversion,
        incomingserverlocation: p.location,
        incomingportnumber: p.port,
        incomingauthenticationprotocol: p.proto,
        incomingcredentialretrieval: p.inAuth,
        incomingusername: 'svc@contoso.com',
        isincomingpasswordset: p.passwordSet,
        usesamesettingsforoutgoingconnections: p.same,
        outgoingserverlocation: p.location,
        outgoingcredentialretrieval: p.outAuth,
        isoutgoingpasswordset: p.passwordSet,
        oauthclientid: p.clientId,
        isoauthclientsecretset: p.secretSet,
        timeoutmailboxconnection: p.timeout,
        timeoutmailboxconnectionafteramount: 60000,
        emailserverprofileid: p.id,
      })),
    });
    const rows = mailboxes.map((m) => ({
      name: m.name,
      emailaddress: m.address,
      isforwardmailbox: m.forward,
      _regardingobjectid_value: m.regarding.kind === 'none' ? null : m.regardingId,
      ...(m.regarding.kind === 'annotated'
        ? { '_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'queue', '_regardingobjectid_value@OData.Community.Display.V1.FormattedValue': m.regarding.name }
        : {}),
      _emailserverprofile_value: m.profile,
      statecode: m.state,
      incomingemaildeliverymethod: m.incoming,
      outgoingemaildeliverymethod: m.outgoing,
      actdeliverymethod: m.act,
      ispasswordset: m.passwordSet,
      emailrouteraccessapproval: m.approval,
      isemailaddressapprovedbyo365admin: m.o365,
      incomingemailstatus: m.statuses[0],
      outgoingemailstatus: m.statuses[1],
      actstatus: m.statuses[2],
      mailboxid: m.id,
      regardingobjectid: m.regarding.kind === 'user' ? { fullname: m.regarding.name } : null,
      regardingobjectid_queue: m.regarding.kind === 'queue' ? { name: m.regarding.name } : null,
    }));
    // Pages of `pageSize` rows, linked with the paging cookie of the Web API's documented example.
    const pages = rows.length === 0 ? [[]] : Array.from({ length: Math.ceil(rows.length / pageSize) }, (_, i) => rows.slice(i * pageSize, (i + 1) * pageSize));
    pages.forEach((value, i) => {
      const cookie = encodeURIComponent(`<cookie pagenumber="${i + 2}" pagingcookie="${encodeURIComponent(`<cookie page="${i + 1}"></cookie>`)}" />`);
      json(`mailboxes-${i + 1}.json`, {
        '@odata.context': `${HOST}mailboxes(name)`,
        value,
        ...(i < pages.length - 1 ? { '@odata.nextLink': `https://contoso.crm.dynamics.com/api/data/v9.2/mailboxes?$skiptoken=${cookie}` } : {}),
      });
    });
    json('folders.json', {
      '@odata.context': `${HOST}mailboxtrackingfolders(exchangefoldername)`,
      value: mailboxes.flatMap((m, i) => m.folders.map((f, j) => ({ exchangefoldername: f, _mailboxid_value: j === 2 ? o.orgId : m.id, mailboxtrackingfolderid: `00000000-0000-4000-8000-${String(i * 10 + j).padStart(12, '0')}` }))),
    });
    return { files };
  });

/** The JSON value at an RFC 6901 pointer; `missing` when it does not resolve. */
function at(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, token)) return 'missing';
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

function textOf(f: ExportFile): string | undefined {
  const c = typeof f.content === 'function' ? f.content() : f.content;
  if (c === undefined) return undefined;
  return typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
}

/** Every diagnostic names a given file, and a pointer that resolves in it (or line:column). */
function assertLocated(files: readonly ExportFile[], diagnostics: readonly ImportDiagnostic[]): void {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const d of diagnostics) {
    const f = byName.get(d.path);
    assert.ok(f, `${d.id}: names a given file (${d.path})`);
    assert.ok(d.message.length > 0 && !d.message.includes('\n'), `${d.id}: a one-line message`);
    if (d.id === 'import/not-json') {
      assert.ok(d.line !== undefined && d.line >= 1 && (d.column ?? 0) >= 1, 'not-json has line and column');
      continue;
    }
    assert.ok(d.pointer === '' || d.pointer.startsWith('/'), `${d.id}: a JSON pointer (${d.pointer})`);
    let root: unknown;
    try {
      root = JSON.parse((textOf(f) ?? '').replace(/^\uFEFF/, ''));
    } catch {
      assert.fail(`${d.id} on a file that is not JSON`);
    }
    assert.notEqual(at(root, d.pointer), 'missing', `${d.path}:${d.pointer} ${d.id} resolves`);
    for (const r of d.related ?? []) assert.ok(byName.has(r.path), `related ${r.path} is a given file`);
  }
}

/** What check says of a written plan: no structural error; errors on the placeholders only. */
/**
 * The plain data import gives with its plan (what diff and export compare, so that they never
 * parse the written text again) is what parsing that text gives, and leaves the same paths unknown.
 */
function assertValueAsParsed(result: ImportResult): void {
  if (result.plan === undefined) return;
  const parsed = viewOf(result.plan);
  const values = valuesOf(result.value);
  assert.ok(parsed && values, 'both views exist');
  assert.deepEqual(result.value, parsed.value, 'import value = parsed plan text');
  assert.deepEqual(values.model, parsed.model, 'the same model');
  for (const p of allPaths(parsed.value)) assert.equal(values.known(p), parsed.known(p), `known(${p.join('.')})`);
}

function allPaths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...allPaths(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...allPaths(x, [...at, k]));
  return out;
}

function assertCheckable(result: ImportResult): void {
  const plan = result.plan;
  if (plan === undefined) return;
  const analysis = createAnalyzer({ now: () => new Date('2025-01-15T00:00:00Z') }).analyze(plan);
  const lines = plan.split('\n');
  assertValueAsParsed(result);
  for (const f of analysis.findings) {
    const line = lines[analysis.lines.position(f.span.start).line] ?? '';
    assert.ok(!['yaml-syntax', 'duplicate-key', 'schema/additional-properties'].includes(f.ruleId), `${f.ruleId}: ${f.message}\n${line}`);
    if (f.ruleId === 'schema/enum' || f.ruleId === 'schema/type' || f.ruleId === 'unknown-reference') assert.match(line, /"" # TODO\(crmsync import\)/, `${f.ruleId} only on a placeholder: ${f.message}`);
  }
  assert.equal(analysis.findings.filter((f) => f.ruleId === 'import-todo').length, result.counts.todos, 'one import-todo per TODO');
  // No secret value: every secret key holds a generated reference.
  for (const l of lines) if (/^\s*(password|clientSecret):/.test(l)) assert.match(l, /: \{ secretRef: "env:CRMSYNC_[A-Z0-9_]+" \} # placeholder: /);
}

test('generated organisations: import never throws, locates its diagnostics, is order-independent (R3) and keeps its ids (R4)', () => {
  fc.assert(
    fc.property(orgArb, fc.integer(), ({ files }, seed) => {
      const r = importOrganization(files, { deployment: 'online' });
      assertLocated(files, r.diagnostics);
      assertCheckable(r);
      const shuffled = [...files].sort((a, b) => ((a.name.length * 31 + seed) % 7) - ((b.name.length * 31 + seed) % 7) || (seed % 2 ? 1 : -1) * a.name.localeCompare(b.name));
      const again = importOrganization(shuffled, { deployment: 'online' });
      assert.equal(again.plan, r.plan, 'the same plan in any file order');
      assert.equal(again.errors, r.errors);
      if (r.plan !== undefined) {
        const kept = importOrganization(files, { deployment: 'online', keptIds: keptIdsFromPlan(r.plan) });
        assert.equal(kept.plan, r.plan, '--ids-from its own plan gives that plan');
      }
    }),
    { seed: 20261204, numRuns: 300 },
  );
});

const ORG = fs
  .readdirSync(path.join(FIXTURES, 'org'))
  .sort()
  .map((n) => ({ name: `org/${n}`, text: fs.readFileSync(path.join(FIXTURES, 'org', n), 'utf8') }));

/** Replaces a random node of a JSON value (chosen by `path`, a list of choice numbers) with `by`. */
function replaceAt(value: unknown, choices: readonly number[], by: unknown): unknown {
  if (choices.length === 0 || value === null || typeof value !== 'object') return by;
  const [c, ...rest] = choices;
  if (Array.isArray(value)) {
    if (value.length === 0) return by;
    const i = c % value.length;
    return value.map((v, j) => (j === i ? replaceAt(v, rest, by) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return by;
  const k = keys[c % keys.length];
  if (c % 5 === 0) {
    // Delete the key instead.
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    delete copy[k];
    return copy;
  }
  return { ...(value as Record<string, unknown>), [k]: replaceAt((value as Record<string, unknown>)[k], rest, by) };
}

const mutationArb = fc.record({
  file: fc.nat(),
  kind: fc.constantFrom('replace', 'truncate', 'bytes', 'deep'),
  choices: fc.array(fc.nat(), { maxLength: 5 }),
  by: fc.jsonValue({ maxDepth: 3 }),
  cut: fc.nat(),
  bytes: fc.uint8Array({ maxLength: 64 }),
});

test('mutated exports (random JSON nodes, deleted keys, truncation, bytes, deep nesting): import never throws and locates every diagnostic', () => {
  fc.assert(
    fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
      const files: ExportFile[] = ORG.map((f) => ({ name: f.name, content: f.text }));
      // Deep nesting last: the test's own JSON.stringify would recurse through it.
      for (const m of [...mutations].sort((a, b) => Number(a.kind === 'deep') - Number(b.kind === 'deep'))) {
        const i = m.file % files.length;
        const text = textOf(files[i]) ?? '';
        let content: string | Uint8Array;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          continue; // an earlier mutation already broke this file
        }
        if (text.includes('[[[[[[[[')) continue;
        if (m.kind === 'replace') content = JSON.stringify(replaceAt(parsed, m.choices, m.by));
        else if (m.kind === 'truncate') content = text.slice(0, m.cut % (text.length + 1));
        else if (m.kind === 'bytes') content = Buffer.concat([Buffer.from(text.slice(0, m.cut % (text.length + 1))), Buffer.from(m.bytes)]);
        // Deep nesting, spliced in as text (JSON.stringify itself recurses).
        else content = JSON.stringify(replaceAt(parsed, m.choices, '\u0000deep')).replace('"\\u0000deep"', `${'['.repeat(5000)}{"a":1}${']'.repeat(5000)}`);
        files[i] = { name: files[i].name, content };
      }
      const r = importOrganization(files, { deployment: 'online' });
      assertLocated(files, r.diagnostics);
      assert.equal(r.plan === undefined, r.errors > 0, 'a plan exactly when there is no error');
      assertCheckable(r);
    }),
    { seed: 20261205, numRuns: 300 },
  );
});

test('import never throws on hostile top-level JSON and binary', () => {
  const hostile: (string | Uint8Array)[] = [
    '',
    'null',
    '[]',
    '"x"',
    '{"@odata.context": 5, "value": []}',
    '{"@odata.context": "#mailboxes", "value": "x"}',
    '{"@odata.context": "#mailboxes", "value": [null, 1, "x", [], {"mailboxid": "not-a-guid"}, {"__proto__": {"name": 1}, "mailboxid": "1c62a59e-6b0d-40e2-bcc0-9172058e4b4f"}]}',
    '{"@odata.context": "#organizations/$entity", "organizationid": "e545e4ef-0b72-467e-a024-02d9e16b004a", "name": "x"}',
    '{"@odata.context": "#mailboxes", "value": [], "@odata.nextLink": "https://h/x?$skiptoken=%3Ccookie%20pagenumber=%22999999999%22%20pagingcookie=%22%253ccookie%2520page%253d%2522999999998%2522%253e%22"}',
    '{"error": {"code": ["x"], "message": {"a": 1}}}',
    '{"Detail": {"OrganizationId": 1}}',
    '{"Version": "9.2"}',
    `${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}`,
    new Uint8Array([0xff, 0xfe, 0x00, 0x41]),
    new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
  ];
  for (const content of hostile) {
    const files: ExportFile[] = [...ORG.map((f) => ({ name: f.name, content: f.text })), { name: 'hostile.json', content }];
    const r = importOrganization(files, { deployment: 'online' });
    assertLocated(files, r.diagnostics);
    assert.ok(r.errors > 0 || r.plan !== undefined);
  }
});
