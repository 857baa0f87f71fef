/**
 * `crmsync import`: a plan from the files of a Dataverse Web API export. Read and recognise
 * the files (reader.ts), resolve kinds, names and lookups, derive ids (ids.ts), build the plan
 * with the omission rule, mail systems, placeholders and secret references, and write it
 * (yaml-out.ts), byte for byte deterministic. Every value goes through the one mapping
 * (mapping.ts). Pure: no I/O; never throws on any input; no secret value is ever read or written
 * (Dataverse returns none; only whether one is set).
 */
import { DiagnosticSink, pointerToken, type ImportDiagnostic } from './diagnostics';
import { assignIds, slugOf, type KeptIds } from './ids';
import {
  DEFAULT_EMAIL_SETTINGS,
  EXCHANGE_ONLINE_TYPE_NAME,
  PRIMARY_KEYS,
  REQUIRED_ATTRIBUTES,
  SELECTED_ATTRIBUTES,
  activeFromStatecode,
  attachmentKbFromBytes,
  exchangeVersionFromCode,
  isExchangeFamily,
  isInternetMailFamily,
  readDefaultEmailSettings,
  secretPlaceholderComment,
  secretRefFor,
  tokenForCode,
  trackedFolderName,
  trackingPrefixFrom,
  trackingTokensFromMaximum,
  type EntitySet,
  type OptionSetName,
  type SecretKind,
} from './mapping';
import { describe, isGuid, isRecord, own, quote, readExport, type ExportFile, type ExportRow } from './reader';
import { bool, int, quoted, secretRef, str, valueOf, writeEntries, type YamlEntry, type YamlValue } from './yaml-out';

export interface ImportOptions {
  readonly deployment?: 'online' | 'onPremises';
  /** A plan token (`"9.2"`); checked by the caller. */
  readonly crmVersion?: string;
  readonly baseline?: string;
  readonly tenantId?: string;
  readonly orgName?: string;
  /** `--ids-from`: the ids an earlier plan gave to records. */
  readonly keptIds?: KeptIds;
  /** `--explicit`: also write values that equal their plan default. */
  readonly explicit?: boolean;
}

export interface ImportCounts {
  readonly files: number;
  readonly organizations: number;
  readonly profiles: number;
  readonly mailboxes: number;
  readonly trackedFolders: number;
  readonly todos: number;
  readonly secrets: number;
}

/** A profile or mailbox of the export with the plan id import gave it. */
export interface ImportedRecord {
  readonly id: string;
  /** Lower case. */
  readonly guid: string;
  readonly file: string;
  readonly pointer: string;
  readonly row: Readonly<Record<string, unknown>>;
}

export interface ImportResult {
  /** Sorted by path, then position. */
  readonly diagnostics: readonly ImportDiagnostic[];
  readonly errors: number;
  /** The plan text; undefined when there is an error diagnostic. */
  readonly plan?: string;
  /** The plan as plain data, exactly what parsing `plan` gives (set with it). */
  readonly value?: Readonly<Record<string, unknown>>;
  readonly counts: ImportCounts;
  /** The organization row, when the export could be read. */
  readonly organization?: { readonly guid: string; readonly file: string; readonly pointer: string; readonly row: Readonly<Record<string, unknown>> };
  /** By id, in ordinal order. */
  readonly profiles: readonly ImportedRecord[];
  readonly mailboxes: readonly ImportedRecord[];
  /** The entity sets the export held (a file of them, even an empty one). */
  readonly exported: ReadonlySet<EntitySet>;
}

const TODO = '# TODO(crmsync import):';
const VERSIONS = new Set(['8.0', '8.1', '8.2', '9.0', '9.1', '9.2']);
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Mail providers guessed from the incoming server's host. */
const PROVIDERS: readonly (readonly [string, string])[] = [
  ['gmail.com', 'gmail'],
  ['googlemail.com', 'gmail'],
  ['yahoo.com', 'yahoo'],
  ['outlook.com', 'outlookCom'],
  ['hotmail.com', 'outlookCom'],
  ['live.com', 'outlookCom'],
  ['msn.com', 'msn'],
];

/** The host of a server location: a URL's authority without port and credentials, or the text itself. */
function hostOf(location: string): string {
  const t = location.trim();
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(t);
  let host = m ? m[1] : (/^[^/?#]*/.exec(t)?.[0] ?? t);
  host = host.slice(host.lastIndexOf('@') + 1);
  return host.replace(/:\d*$/, '');
}

function providerOf(host: string): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  for (const [domain, provider] of PROVIDERS) if (h === domain || h.endsWith(`.${domain}`)) return provider;
  return undefined;
}

/** The first two numbers of a version (`9.2.25101.170` → `"9.2"`) when they form a plan token. */
function versionToken(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+)\.(\d+)/.exec(v);
  const t = m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
  return t !== undefined && VERSIONS.has(t) ? t : undefined;
}

function baselineFor(version: string): string {
  return version === '8.0' || version === '8.1' ? 'crm2016' : version === '8.2' ? 'd365-8.2' : 'd365-9';
}

/** The plan default of a mailbox method for a kind when the organisation's default is not written. */
const METHOD_DEFAULTS = {
  incomingEmail: 'serverSideSync',
  outgoingEmail: 'serverSideSync',
  appointmentsContactsTasks: 'none',
} as const;

const FORWARD_DEFAULTS = { incomingEmail: 'serverSideSync', outgoingEmail: 'none', appointmentsContactsTasks: 'none' } as const;

type Method = keyof typeof METHOD_DEFAULTS;

/**
 * A value read from a row: known (`value`), a placeholder `""` with a TODO, or unknown
 * (`undefined`: absent, null, or of the wrong type).
 */
type Read<T> = { readonly value: T } | { readonly todo: string } | undefined;

/** Shared state of one import. */
class Session {
  todos = 0;
  secrets = 0;
  /** `file\0attribute` pairs already reported as not exported. */
  private readonly notExported = new Set<string>();

  constructor(readonly sink: DiagnosticSink) {}

  todo(text: string): string {
    this.todos++;
    return `${TODO} ${text}`;
  }

  warn(rec: ExportRow, attribute: string | undefined, id: string, message: string): void {
    this.sink.add({ path: rec.file, pointer: attribute === undefined ? rec.pointer : `${rec.pointer}/${pointerToken(attribute)}`, severity: 'warning', id, message });
  }

  /** `import/attribute-not-exported`, once per file and attribute, at `/value/0`. */
  notExportedOnce(rec: ExportRow, attribute: string, message?: string): void {
    const key = `${rec.file}\0${attribute}`;
    if (this.notExported.has(key)) return;
    this.notExported.add(key);
    this.sink.add({
      path: rec.file,
      pointer: rec.pointer.startsWith('/value/') ? '/value/0' : '',
      severity: 'info',
      id: 'import/attribute-not-exported',
      message: message ?? `'${attribute}' is not in this file; add it to $select to import its key (it is left unwritten).`,
    });
  }

  /** Reports every optional attribute of the export request that the row lacks (once per file). */
  sweep(set: EntitySet, rec: ExportRow): void {
    const required = REQUIRED_ATTRIBUTES[set];
    for (const a of SELECTED_ATTRIBUTES[set]) {
      if (required.includes(a)) continue;
      if (!Object.prototype.hasOwnProperty.call(rec.row, a)) this.notExportedOnce(rec, a);
    }
  }
}

/** Typed reading of one row, reporting wrong types (`import/invalid-value`) and unknown codes. */
class RowReader {
  constructor(
    private readonly s: Session,
    readonly rec: ExportRow,
    /** `Mailbox 'Erin Park'`: how messages name the record. */
    readonly label: string,
  ) {}

  raw(attr: string): unknown {
    return own(this.rec.row, attr);
  }

  /** Present and not null. */
  known(attr: string): boolean {
    const v = this.raw(attr);
    return v !== undefined && v !== null;
  }

  private invalid(attr: string, expected: string, key: string): undefined {
    this.s.warn(this.rec, attr, 'import/invalid-value', `${this.label}: ${attr} is ${describe(this.raw(attr))}, not ${expected}; ${key} is left out.`);
    return undefined;
  }

  bool(attr: string, key: string): boolean | undefined {
    const v = this.raw(attr);
    if (v === undefined || v === null) return undefined;
    return typeof v === 'boolean' ? v : this.invalid(attr, 'true or false', key);
  }

  int(attr: string, key: string): number | undefined {
    const v = this.raw(attr);
    if (v === undefined || v === null) return undefined;
    return typeof v === 'number' && Number.isSafeInteger(v) ? v : this.invalid(attr, 'a whole number', key);
  }

  /** A string, undefined when empty. */
  text(attr: string, key: string): string | undefined {
    const v = this.raw(attr);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') return this.invalid(attr, 'text', key);
    return v === '' ? undefined : v;
  }

  /** An option code → its token, or a placeholder with `import/unknown-option`. Null is unknown unless `required`. */
  option(attr: string, set: OptionSetName, key: string, required = false): Read<string> {
    const v = this.raw(attr);
    if (v === undefined || ((v === null) && !required)) return undefined;
    const token = tokenForCode(set, v);
    if (token !== undefined) return { value: token };
    this.s.warn(this.rec, attr, 'import/unknown-option', `${this.label}: ${attr} ${describe(v)} has no plan token; ${key} is written as a placeholder.`);
    return { todo: this.s.todo(`Dataverse ${attr} ${describe(v)} has no plan token`) };
  }

  /** `statecode` → `active`. */
  active(): Read<boolean> {
    const v = this.raw('statecode');
    if (v === undefined || v === null) return undefined;
    const a = activeFromStatecode(v);
    if (a !== undefined) return { value: a };
    this.s.warn(this.rec, 'statecode', 'import/unknown-option', `${this.label}: statecode ${describe(v)} has no plan token; active is written as a placeholder.`);
    return { todo: this.s.todo(`Dataverse statecode ${describe(v)} has no plan token`) };
  }

  /** A lookup's GUID (lower case); null → undefined; a malformed one is `import/invalid-value`. */
  lookup(attr: string, key: string): string | undefined {
    const v = this.raw(attr);
    if (v === undefined || v === null) return undefined;
    return isGuid(v) ? v.toLowerCase() : this.invalid(attr, 'a GUID', key);
  }

  /** The FormattedValue annotation of an attribute (a name), when it is text. */
  formatted(attr: string): string | undefined {
    const v = this.raw(`${attr}@OData.Community.Display.V1.FormattedValue`);
    return typeof v === 'string' && v.trim() !== '' ? v : undefined;
  }
}

/** Builds a YAML mapping in key order, applying the omission rule. */
class Entries {
  readonly list: YamlEntry[] = [];
  constructor(private readonly explicit: boolean) {}

  /** Always written. */
  put(key: string, value: YamlValue, comment?: string): void {
    this.list.push(comment === undefined ? { key, value } : { key, value, comment });
  }

  /** A record-level value: written when it differs from what the plan would take without the key (or with --explicit). */
  differs<T>(key: string, read: Read<T>, effectiveDefault: T | undefined, render: (v: T) => string): void {
    if (read === undefined) return;
    if ('todo' in read) return this.put(key, '""', read.todo);
    if (!this.explicit && effectiveDefault !== undefined && read.value === effectiveDefault) return;
    this.put(key, render(read.value));
  }

  /** A known value, always written. */
  known<T>(key: string, read: Read<T>, render: (v: T) => string): void {
    if (read === undefined) return;
    if ('todo' in read) return this.put(key, '""', read.todo);
    this.put(key, render(read.value));
  }

  /** A nested map, written when it holds anything. */
  nest(key: string, inner: Entries, comment?: string): void {
    if (inner.list.length > 0) this.put(key, inner.list, comment);
  }

  line(comment: string): void {
    this.list.push({ key: '', comment });
  }
}

const val = <T>(v: T | undefined): Read<T> => (v === undefined ? undefined : { value: v });

interface ProfileFacts {
  readonly id: string;
  readonly guid: string;
  /** `""` when unknown. */
  readonly serverType: string;
  readonly incomingAuth?: string;
  readonly outgoingAuth?: string;
  readonly sameSettings: boolean;
}

/** Imports the files of a Web API export (in reading order) into a plan. */
export function importOrganization(files: readonly ExportFile[], options: ImportOptions = {}): ImportResult {
  const sink = new DiagnosticSink();
  const s = new Session(sink);
  const explicit = options.explicit === true;
  const fail = (counts?: Partial<ImportCounts>): ImportResult => ({
    diagnostics: sink.sorted(),
    errors: sink.errors,
    counts: { files: files.length, organizations: 0, profiles: 0, mailboxes: 0, trackedFolders: 0, todos: 0, secrets: 0, ...counts },
    profiles: [],
    mailboxes: [],
    exported: contents?.setsGiven ?? new Set(),
  });

  const contents = readExport(files, sink);
  if (!contents) return fail();
  const first = contents.firstFile ?? '';
  const orgs = [...contents.rows.organizations.values()];
  if (orgs.length === 0) {
    sink.add({ path: first, pointer: '', severity: 'error', id: 'import/organization-missing', message: 'No file holds the organizations row; export organizations?$select=… (request 1) and add it.' });
  } else if (orgs.length > 1) {
    const second = orgs[1];
    sink.add({
      path: second.file,
      pointer: second.pointer,
      severity: 'error',
      id: 'import/multiple-organizations',
      message: `There is more than one organizations row (${orgs.length}); a plan describes one organisation.`,
      related: [{ path: orgs[0].file, pointer: orgs[0].pointer, message: 'The first organizations row' }],
    });
  }
  for (const set of ['emailserverprofiles', 'mailboxes'] as const) {
    if (!contents.setsGiven.has(set)) {
      sink.add({ path: first, pointer: '', severity: 'warning', id: 'import/table-not-exported', message: `No file holds ${set}; the plan has none. Export ${set}?$select=… to import them.` });
    }
  }
  const profileRows = [...contents.rows.emailserverprofiles.values()];
  const mailboxRows = [...contents.rows.mailboxes.values()];
  const folderRows = [...contents.rows.mailboxtrackingfolders.values()];
  if (sink.errors > 0 || orgs.length !== 1) return fail();
  const orgRec = orgs[0];
  const orgGuid = String(own(orgRec.row, PRIMARY_KEYS.organizations)).toLowerCase();

  // Ids.
  const nameOf = (rec: ExportRow) => {
    const n = own(rec.row, 'name');
    return typeof n === 'string' ? n : '';
  };
  const guidOf = (rec: ExportRow, set: EntitySet) => String(own(rec.row, PRIMARY_KEYS[set])).toLowerCase();
  const profileIds = assignIds(
    profileRows.map((r) => ({ guid: guidOf(r, 'emailserverprofiles'), slug: slugOf(nameOf(r), guidOf(r, 'emailserverprofiles'), 'profile') })),
    options.keptIds?.serverProfiles,
  );
  const mailboxIds = assignIds(
    mailboxRows.map((r) => ({ guid: guidOf(r, 'mailboxes'), slug: slugOf(nameOf(r), guidOf(r, 'mailboxes'), 'mailbox') })),
    options.keptIds?.mailboxes,
  );
  const reportRenamed = (rows: readonly ExportRow[], set: EntitySet, assignment: typeof profileIds, noun: string) => {
    if (assignment.renamed.length === 0) return;
    const byGuid = new Map(rows.map((r) => [guidOf(r, set), r]));
    for (const x of assignment.renamed) {
      const rec = byGuid.get(x.guid);
      if (!rec) continue;
      sink.add({
        path: rec.file,
        pointer: rec.pointer,
        severity: 'info',
        id: 'import/name-not-unique',
        message: `${noun} '${quote(nameOf(rec), 100)}' (${x.guid}) gets the id '${x.id}': '${x.slug}' is taken by ${noun.toLowerCase()} ${x.holder ?? 'another record'}.`,
      });
    }
  };
  reportRenamed(profileRows, 'emailserverprofiles', profileIds, 'Profile');
  reportRenamed(mailboxRows, 'mailboxes', mailboxIds, 'Mailbox');

  // The organization.
  const org = new RowReader(s, orgRec, 'Organization');
  s.sweep('organizations', orgRec);
  const detail = contents.detail?.value;
  const friendly = detail ? own(detail, 'FriendlyName') : undefined;
  const orgNameAttr = org.raw('name');
  const orgName =
    options.orgName ??
    (typeof friendly === 'string' && friendly.trim() !== '' ? friendly : undefined) ??
    (typeof orgNameAttr === 'string' && orgNameAttr !== '' ? orgNameAttr : undefined);
  if (orgName === undefined && orgNameAttr !== undefined && typeof orgNameAttr !== 'string') {
    s.warn(orgRec, 'name', 'import/invalid-value', `Organization: name is ${describe(orgNameAttr)}, not text; organization.name is written as a placeholder.`);
  }
  const crmVersion = options.crmVersion ?? versionToken(detail ? own(detail, 'OrganizationVersion') : undefined) ?? versionToken(contents.version);
  const baseline = options.baseline ?? (crmVersion !== undefined ? baselineFor(crmVersion) : undefined);
  const detailTenant = detail ? own(detail, 'TenantId') : undefined;
  const tenantId = options.tenantId?.toLowerCase() ?? (isGuid(detailTenant) ? detailTenant.toLowerCase() : undefined);
  const deployment = options.deployment;

  const organization = new Entries(true);
  if (orgName !== undefined) organization.put('name', str(orgName));
  else organization.put('name', '""', s.todo('the organization name; the export holds none'));
  if (deployment !== undefined) organization.put('deployment', deployment);
  else organization.put('deployment', '""', s.todo('online or onPremises; Dataverse does not record it (use --deployment)'));
  if (crmVersion !== undefined) organization.put('crmVersion', quoted(crmVersion));
  else organization.line(s.todo('crmVersion; the export holds no RetrieveCurrentOrganization or RetrieveVersion response (use --crm-version)'));
  if (deployment !== 'onPremises') {
    if (tenantId !== undefined) organization.put('tenantId', tenantId);
    else if (deployment === 'online') organization.put('tenantId', '""', s.todo('the Office 365 tenant id; the export holds no RetrieveCurrentOrganization response (use --tenant-id)'));
  }
  if (deployment === 'onPremises') {
    organization.line(s.todo('the on-premises keys https, ifd, fips140, hybridConnector, s2sCertificate and otherOrgsSyncingSameMailboxes are not in the Web API; write those that apply'));
  }

  // Profiles.
  const profileFacts = new Map<string, ProfileFacts>();
  const profileEntries = new Map<string, Built>();
  const mailSystemEntries = new Map<string, Built>();
  const profileNames = new Map<string, string>();
  for (const rec of profileRows) {
    const guid = guidOf(rec, 'emailserverprofiles');
    const id = profileIds.ids.get(guid) ?? guid;
    const name = nameOf(rec);
    profileNames.set(guid, name);
    const facts = readProfile(s, rec, id, guid, name, explicit, tenantId, profileEntries, mailSystemEntries);
    profileFacts.set(guid, facts);
  }

  // System settings: written whenever known.
  const settings = new Entries(true);
  const channel = org.option('emailconnectionchannel', 'processEmailUsing', 'processEmailUsing');
  if (channel && 'value' in channel && channel.value === 'emailRouter') {
    settings.put('processEmailUsing', 'emailRouter', s.todo('is the Email Router still installed for this organization? Write emailRouter: { installed: true } if it is'));
  } else settings.known('processEmailUsing', channel, (v) => v);
  const defaults = new Entries(true);
  const defaultProfileGuid = org.lookup('_defaultemailserverprofileid_value', 'systemSettings.defaults.serverProfile');
  /** The organisation's default profile for mailboxes: its id, `""` when unknown, undefined when none. */
  let defaultProfile: string | undefined;
  if (defaultProfileGuid !== undefined) {
    const facts = profileFacts.get(defaultProfileGuid);
    if (facts) {
      defaultProfile = facts.id;
      defaults.put('serverProfile', str(facts.id));
    } else {
      defaultProfile = '';
      defaults.put('serverProfile', '""', s.todo(lookupTodo(org, '_defaultemailserverprofileid_value', defaultProfileGuid)));
      s.warn(
        orgRec,
        '_defaultemailserverprofileid_value',
        'import/lookup-not-in-export',
        `The organization's default email server profile ${defaultProfileGuid}${annotated(org, '_defaultemailserverprofileid_value')} is not in the export; defaults.serverProfile is written as a placeholder.`,
      );
    }
  } else if (org.raw('_defaultemailserverprofileid_value') !== undefined && org.raw('_defaultemailserverprofileid_value') !== null) {
    defaultProfile = '';
  }
  /** The organisation's default methods: a token, `""` when unknown, absent when not written. */
  const methodDefaults: Partial<Record<Method, string>> = {};
  const xml = org.raw('defaultemailsettings');
  if (typeof xml === 'string') {
    const codes = readDefaultEmailSettings(xml);
    if (!codes) {
      s.warn(orgRec, 'defaultemailsettings', 'import/defaults-unreadable', `Organization: defaultemailsettings holds none of IncomingEmailDeliveryMethod, OutgoingEmailDeliveryMethod and ACTDeliveryMethod; the default methods are left unwritten.`);
    } else {
      for (const d of DEFAULT_EMAIL_SETTINGS) {
        const code = codes[d.key];
        if (code === undefined) continue;
        const token = tokenForCode(d.optionSet, code);
        if (token !== undefined) {
          methodDefaults[d.key] = token;
          defaults.put(d.key, token);
        } else {
          methodDefaults[d.key] = '';
          s.warn(orgRec, 'defaultemailsettings', 'import/unknown-option', `Organization: ${d.element} ${code} in defaultemailsettings has no plan token; defaults.${d.key} is written as a placeholder.`);
          defaults.put(d.key, '""', s.todo(`Dataverse defaultemailsettings ${d.element} ${code} has no plan token`));
        }
      }
    }
  } else if (xml !== undefined && xml !== null) {
    s.warn(orgRec, 'defaultemailsettings', 'import/invalid-value', `Organization: defaultemailsettings is ${describe(xml)}, not text; the default methods are left unwritten.`);
  }
  settings.nest('defaults', defaults);
  const approval = new Entries(true);
  approval.known('users', val(org.bool('requireapprovalforuseremail', 'approval.users')), bool);
  approval.known('queues', val(org.bool('requireapprovalforqueueemail', 'approval.queues')), bool);
  settings.nest('approval', approval);
  const tracking = new Entries(true);
  tracking.known('folderLevelTracking', val(org.bool('isfolderbasedtrackingenabled', 'tracking.folderLevelTracking')), bool);
  tracking.known('correlation', val(org.bool('emailcorrelationenabled', 'tracking.correlation')), bool);
  tracking.known('smartMatching', val(org.bool('enablesmartmatching', 'tracking.smartMatching')), bool);
  const tokens = new Entries(true);
  const maxTracking = org.int('maximumtrackingnumber', 'trackingTokens.enabled');
  const tt = maxTracking === undefined ? undefined : trackingTokensFromMaximum(maxTracking);
  if (maxTracking !== undefined && tt === undefined) {
    s.warn(orgRec, 'maximumtrackingnumber', 'import/invalid-value', `Organization: maximumtrackingnumber ${maxTracking} is negative; trackingTokens.enabled is left out.`);
  }
  if (tt) tokens.put('enabled', bool(tt.enabled));
  const prefixText = org.text('trackingprefix', 'trackingTokens.prefix');
  const prefix = prefixText === undefined ? undefined : trackingPrefixFrom(prefixText);
  if (prefix !== undefined) tokens.put('prefix', str(prefix));
  tokens.known('baseNumber', val(org.int('trackingtokenidbase', 'trackingTokens.baseNumber')), int);
  tokens.known('userDigits', val(org.int('trackingtokeniddigits', 'trackingTokens.userDigits')), int);
  if (tt?.counterDigits !== undefined) tokens.put('counterDigits', int(tt.counterDigits));
  tracking.nest('trackingTokens', tokens);
  settings.nest('tracking', tracking);
  const upload = org.int('maxuploadfilesize', 'maxAttachmentSizeKb');
  if (upload !== undefined) {
    const { kb, rounded } = attachmentKbFromBytes(upload);
    if (rounded) {
      s.warn(orgRec, 'maxuploadfilesize', 'import/value-rounded', `Organization: maxuploadfilesize ${upload} bytes is not a whole number of KB; maxAttachmentSizeKb is written as ${kb}.`);
    }
    settings.put('maxAttachmentSizeKb', int(kb));
  }
  const alerts = new Entries(true);
  alerts.known('error', val(org.bool('generatealertsforerrors', 'alerts.error')), bool);
  alerts.known('warning', val(org.bool('generatealertsforwarnings', 'alerts.warning')), bool);
  alerts.known('information', val(org.bool('generatealertsforinformation', 'alerts.information')), bool);
  alerts.known('notifyMailboxOwner', val(org.bool('notifymailboxownerofemailserverlevelalerts', 'alerts.notifyMailboxOwner')), bool);
  settings.nest('alerts', alerts);

  // Tracked folders, joined through _mailboxid_value.
  const folders = new Map<string, string[]>();
  let folderCount = 0;
  for (const rec of folderRows) {
    const r = new RowReader(s, rec, 'Tracked folder');
    s.sweep('mailboxtrackingfolders', rec);
    const mailbox = r.lookup('_mailboxid_value', 'the folder');
    const folderName = r.text('exchangefoldername', 'the folder');
    if (mailbox === undefined) {
      if (r.raw('_mailboxid_value') === null) s.warn(rec, '_mailboxid_value', 'import/invalid-value', 'Tracked folder: _mailboxid_value is null; the folder is dropped.');
      continue;
    }
    if (!contents.rows.mailboxes.has(mailbox)) {
      s.warn(rec, '_mailboxid_value', 'import/lookup-not-in-export', `Tracked folder${folderName ? ` '${quote(folderName, 100)}'` : ''} belongs to mailbox ${mailbox}, which is not in the export; the folder is dropped.`);
      continue;
    }
    if (folderName === undefined) continue;
    const list = folders.get(mailbox);
    if (list) list.push(trackedFolderName(folderName));
    else folders.set(mailbox, [trackedFolderName(folderName)]);
    folderCount++;
  }

  // Mailboxes.
  const users = contents.rows.systemusers;
  const queues = contents.rows.queues;
  const mailboxEntries = new Map<string, Built>();
  for (const rec of mailboxRows) {
    const guid = guidOf(rec, 'mailboxes');
    const id = mailboxIds.ids.get(guid) ?? guid;
    const r = new RowReader(s, rec, `Mailbox '${quote(nameOf(rec), 100)}'`);
    s.sweep('mailboxes', rec);
    const e = new Entries(explicit);
    const forward = r.bool('isforwardmailbox', 'kind') === true;
    const regarding = resolveRegarding(r, users, queues);
    let kind: Read<string>;
    if (forward) kind = { value: 'forward' };
    else if (regarding.kind) kind = { value: regarding.kind };
    else if (regarding.unresolved !== undefined) {
      s.warn(rec, '_regardingobjectid_value', 'import/lookup-not-in-export', `${r.label}: its regarding record ${regarding.unresolved} is not in the export (no $expand, annotation, systemusers or queues row); kind is written as a placeholder.`);
      kind = { todo: s.todo(`user or queue; regarding record ${regarding.unresolved} is not in the export`) };
    } else {
      if (r.raw('_regardingobjectid_value') === null) {
        s.warn(rec, '_regardingobjectid_value', 'import/invalid-value', `${r.label}: _regardingobjectid_value is null and isforwardmailbox is false; kind is written as a placeholder.`);
      }
      kind = { todo: s.todo('user, queue or forward; the mailbox has no regarding record and is not a forward mailbox') };
    }
    e.known('kind', kind, (v) => v);
    const kindValue = 'value' in kind ? kind.value : '';
    const mbName = r.raw('name');
    if (typeof mbName === 'string' && mbName !== '') {
      if (kindValue === 'forward' || kindValue === '' || regarding.name === undefined || mbName !== regarding.name || explicit) e.put('name', str(mbName));
    } else if (kindValue === 'forward') {
      if (mbName !== undefined && mbName !== null && typeof mbName !== 'string') s.warn(rec, 'name', 'import/invalid-value', `${r.label}: name is ${describe(mbName)}, not text; name is written as a placeholder.`);
      e.put('name', '""', s.todo('the forward mailbox name; the export holds none'));
    } else if (mbName !== undefined && mbName !== null && typeof mbName !== 'string') {
      s.warn(rec, 'name', 'import/invalid-value', `${r.label}: name is ${describe(mbName)}, not text; name is left out.`);
    }
    if (regarding.name !== undefined) e.put('regarding', str(regarding.name));
    const address = r.text('emailaddress', 'emailAddress');
    if (address !== undefined) e.put('emailAddress', str(address));
    e.differs('active', r.active(), true, bool);
    // serverProfile: inherits the organisation's default profile.
    const profileGuid = r.lookup('_emailserverprofile_value', 'serverProfile');
    let effectiveProfile: ProfileFacts | undefined;
    if (profileGuid !== undefined) {
      const facts = profileFacts.get(profileGuid);
      if (facts) {
        effectiveProfile = facts;
        e.differs('serverProfile', { value: facts.id }, defaultProfile === '' ? undefined : defaultProfile, str);
      } else {
        s.warn(
          rec,
          '_emailserverprofile_value',
          'import/lookup-not-in-export',
          `${r.label} uses email server profile ${profileGuid}${annotated(r, '_emailserverprofile_value')}, which is not in the export; serverProfile is written as a placeholder.`,
        );
        e.put('serverProfile', '""', s.todo(lookupTodo(r, '_emailserverprofile_value', profileGuid)));
      }
    } else if (defaultProfileGuid !== undefined && !r.known('_emailserverprofile_value')) {
      effectiveProfile = profileFacts.get(defaultProfileGuid);
    }
    const defaultsFor = kindValue === 'forward' ? FORWARD_DEFAULTS : undefined;
    const methodDefault = (m: Method): string | undefined => {
      if (defaultsFor) return defaultsFor[m];
      const d = methodDefaults[m];
      return d === '' ? undefined : (d ?? METHOD_DEFAULTS[m]);
    };
    e.differs('incomingEmail', r.option('incomingemaildeliverymethod', 'incomingEmail', 'incomingEmail'), methodDefault('incomingEmail'), (v) => v);
    e.differs('outgoingEmail', r.option('outgoingemaildeliverymethod', 'outgoingEmail', 'outgoingEmail'), methodDefault('outgoingEmail'), (v) => v);
    e.differs('appointmentsContactsTasks', r.option('actdeliverymethod', 'appointmentsContactsTasks', 'appointmentsContactsTasks'), methodDefault('appointmentsContactsTasks'), (v) => v);
    e.differs('deleteEmailsAfterProcessing', val(r.bool('processanddeleteemails', 'deleteEmailsAfterProcessing')), false, bool);
    const credentials = new Entries(explicit);
    credentials.differs('allowUse', val(r.bool('allowemailconnectortousecredentials', 'credentials.allowUse')), false, bool);
    const username = r.text('username', 'credentials.username');
    if (username !== undefined) credentials.put('username', str(username));
    if (r.bool('ispasswordset', 'credentials.password') === true) putSecret(s, credentials, 'password', 'mailboxPassword', id);
    e.nest('credentials', credentials);
    e.differs('actSyncThisOrgOnly', val(r.bool('orgmarkedasprimaryforexchangesync', 'actSyncThisOrgOnly')), false, bool);
    const tracked = folders.get(guid);
    if (tracked && tracked.length > 0) e.put('trackedFolders', { list: tracked.sort(ordinal).map(str) });
    else if (explicit) e.put('trackedFolders', { list: [] });
    if (kindValue !== 'forward') {
      e.known('approval', r.option('emailrouteraccessapproval', 'approval', 'approval'), (v) => v);
      if (effectiveProfile?.serverType === 'exchangeOnline') {
        e.known('approvedByExchangeOnlineAdmin', val(r.bool('isemailaddressapprovedbyo365admin', 'approvedByExchangeOnlineAdmin')), bool);
      }
    }
    const statuses = [
      ['incoming', r.option('incomingemailstatus', 'testStatus', 'status.incoming')],
      ['outgoing', r.option('outgoingemailstatus', 'testStatus', 'status.outgoing')],
      ['act', r.option('actstatus', 'testStatus', 'status.act')],
    ] as const;
    if (statuses.some(([, st]) => st !== undefined && !('value' in st && st.value === 'notRun'))) {
      const status = new Entries(true);
      for (const [key, st] of statuses) status.known(key, st, (v) => v);
      e.nest('status', status);
    }
    mailboxEntries.set(id, { entries: e.list, guid });
  }

  if (sink.errors > 0) return fail();

  // Layout.
  const out: string[] = [
    '# Imported by crmsync import from a Dataverse Web API export of organization',
    `# ${orgGuid} (${files.length === 1 ? '1 file' : `${files.length} files`}). Keep the "crmsync:id" comments:`,
    '# crmsync export and crmsync diff use them to find the records again.',
    '# Passwords and client secrets cannot be read from Dataverse: each secretRef below is a',
    '# placeholder for a secret that is set in CRM. crmsync never reads or writes secrets.',
    '# Mail systems are not stored in Dataverse: one is written per profile; merge and complete them.',
    'version: 1',
  ];
  if (baseline !== undefined) out.push(`baseline: ${str(baseline)}`);
  else out.push(s.todo('baseline; the export does not say which CRM version runs (use --baseline or --crm-version)'));
  const section = (key: string, value: YamlEntry[], comment?: string) => {
    out.push('');
    writeEntries(out, [comment === undefined ? { key, value } : { key, value, comment }], 0);
  };
  const byId = (m: Map<string, Built>): YamlEntry[] =>
    [...m.keys()].sort(ordinal).map((k) => {
      const b = m.get(k) ?? { entries: [] };
      return b.guid === undefined ? { key: str(k), value: b.entries } : { key: str(k), value: b.entries, comment: `# crmsync:id ${b.guid}` };
    });
  const sections: readonly [string, YamlEntry[], string?][] = [
    ['organization', organization.list, `# crmsync:id ${orgGuid}`],
    ['mailSystems', byId(mailSystemEntries)],
    ['systemSettings', settings.list],
    ['serverProfiles', byId(profileEntries)],
    ['mailboxes', byId(mailboxEntries)],
  ];
  for (const [key, value, comment] of sections) section(key, value, comment);
  const plan = `${out.join('\n')}\n`;
  const value: Record<string, unknown> = { version: 1, ...(baseline !== undefined ? { baseline } : {}) };
  for (const [key, entries] of sections) value[key] = valueOf(entries);

  const records = (rows: readonly ExportRow[], set: EntitySet, assignment: typeof profileIds): ImportedRecord[] =>
    rows
      .map((rec) => {
        const guid = guidOf(rec, set);
        return { id: assignment.ids.get(guid) ?? guid, guid, file: rec.file, pointer: rec.pointer, row: rec.row };
      })
      .sort((a, b) => ordinal(a.id, b.id));
  return {
    diagnostics: sink.sorted(),
    errors: 0,
    plan,
    value,
    counts: {
      files: files.length,
      organizations: 1,
      profiles: profileRows.length,
      mailboxes: mailboxRows.length,
      trackedFolders: folderCount,
      todos: s.todos,
      secrets: s.secrets,
    },
    organization: { guid: orgGuid, file: orgRec.file, pointer: orgRec.pointer, row: orgRec.row },
    profiles: records(profileRows, 'emailserverprofiles', profileIds),
    mailboxes: records(mailboxRows, 'mailboxes', mailboxIds),
    exported: contents.setsGiven,
  };
}

/** ` (<name>)` from a lookup's FormattedValue annotation, or nothing. */
function annotated(r: RowReader, attr: string): string {
  const n = r.formatted(attr);
  return n === undefined ? '' : ` (${quote(n, 100)})`;
}

function lookupTodo(r: RowReader, attr: string, guid: string): string {
  return `email server profile ${guid}${annotated(r, attr)} is not in the export`;
}

function putSecret(s: Session, e: Entries, key: string, kind: SecretKind, id: string): void {
  s.secrets++;
  e.put(key, secretRef(secretRefFor(kind, id)), secretPlaceholderComment(kind));
}

/** A record's entries, with the GUID of its `# crmsync:id` comment (none for mail systems). */
interface Built {
  readonly entries: YamlEntry[];
  readonly guid?: string;
}

/** The regarding record's kind and name, or the GUID that does not resolve. */
function resolveRegarding(
  r: RowReader,
  users: ReadonlyMap<string, ExportRow>,
  queues: ReadonlyMap<string, ExportRow>,
): { kind?: 'user' | 'queue'; name?: string; unresolved?: string } {
  const user = r.raw('regardingobjectid');
  if (isRecord(user)) {
    const n = own(user, 'fullname');
    if (typeof n === 'string' && n !== '') return { kind: 'user', name: n };
  }
  const queue = r.raw('regardingobjectid_queue');
  if (isRecord(queue)) {
    const n = own(queue, 'name');
    if (typeof n === 'string' && n !== '') return { kind: 'queue', name: n };
  }
  const raw = r.raw('_regardingobjectid_value');
  if (raw === undefined || raw === null) return {};
  const table = r.raw('_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname');
  const formatted = r.formatted('_regardingobjectid_value');
  if ((table === 'systemuser' || table === 'queue') && formatted !== undefined) return { kind: table === 'systemuser' ? 'user' : 'queue', name: formatted };
  if (!isGuid(raw)) {
    r.lookup('_regardingobjectid_value', 'kind');
    return {};
  }
  const guid = raw.toLowerCase();
  const u = users.get(guid);
  const un = u ? own(u.row, 'fullname') : undefined;
  if (typeof un === 'string' && un !== '') return { kind: 'user', name: un };
  const q = queues.get(guid);
  const qn = q ? own(q.row, 'name') : undefined;
  if (typeof qn === 'string' && qn !== '') return { kind: 'queue', name: qn };
  return { unresolved: guid };
}

/** Reads one profile row into its plan entries and its mail system. */
function readProfile(
  s: Session,
  rec: ExportRow,
  id: string,
  guid: string,
  name: string,
  explicit: boolean,
  orgTenant: string | undefined,
  profiles: Map<string, Built>,
  mailSystems: Map<string, Built>,
): ProfileFacts {
  const r = new RowReader(s, rec, `Profile '${quote(name, 100)}'`);
  s.sweep('emailserverprofiles', rec);
  const e = new Entries(explicit);
  if (name !== '') e.put('name', str(name));
  else if (r.raw('name') !== undefined && r.raw('name') !== null && typeof r.raw('name') !== 'string') {
    s.warn(rec, 'name', 'import/invalid-value', `Profile ${guid}: name is ${describe(r.raw('name'))}, not text; name is left out.`);
  }

  // Server type. Row 3 (inferred Exchange Online) is tried before row 2: with servertype 0,
  // row 2 would otherwise always win.
  const typeName = r.raw('emailservertypename');
  const code = r.raw('servertype');
  const incomingCode = r.raw('incomingcredentialretrieval');
  let serverType: Read<string>;
  if (typeof typeName === 'string' && typeName.trim().toLowerCase() === EXCHANGE_ONLINE_TYPE_NAME.toLowerCase()) serverType = { value: 'exchangeOnline' };
  else if (typeName === undefined && code === 0 && incomingCode === 2) {
    s.warn(rec, 'servertype', 'import/server-type-inferred', `${r.label}: servertype 0 with server-to-server authentication and no emailservertypename is taken as exchangeOnline; export emailservertypename to be sure.`);
    serverType = { value: 'exchangeOnline' };
  } else {
    const token = tokenForCode('serverType', code);
    if (token !== undefined) serverType = { value: token };
    else {
      s.warn(rec, code === undefined ? 'emailservertypename' : 'servertype', 'import/unknown-option', `${r.label}: servertype ${describe(code)}${typeof typeName === 'string' ? ` ('${quote(typeName, 60)}')` : ''} has no plan token; serverType is written as a placeholder.`);
      serverType = { todo: s.todo(`Dataverse servertype ${describe(code)}${typeof typeName === 'string' ? ` ('${quote(typeName, 60)}')` : ''} has no plan token`) };
    }
  }
  e.known('serverType', serverType, (v) => v);
  const type = 'value' in serverType ? serverType.value : '';
  e.put('mailSystem', str(id));
  const owner = r.formatted('_ownerid_value');
  if (owner !== undefined) e.put('owner', str(owner));
  else if (r.known('_ownerid_value')) s.notExportedOnce(rec, '_ownerid_value@OData.Community.Display.V1.FormattedValue', `The owner names are not in this file: export with Prefer: odata.include-annotations="*" to import owner (it is left unwritten).`);
  e.differs('active', r.active(), true, bool);
  const exchangeLike = type === '' || isExchangeFamily(type);
  const internetLike = type === '' || isInternetMailFamily(type);
  e.differs('autodiscover', val(r.bool('useautodiscover', 'autodiscover')), type === '' ? undefined : type === 'exchangeOnline' || type === 'exchangeOnlineHybrid', bool);

  const incomingAuth = r.option('incomingcredentialretrieval', 'authenticateUsing', 'incoming.authenticateUsing', true);
  const sameRead = r.bool('usesamesettingsforoutgoingconnections', 'useSameSettingsForOutgoing');
  const same = sameRead !== false;
  const outgoingAuth = same ? undefined : r.option('outgoingcredentialretrieval', 'authenticateUsing', 'outgoing.authenticateUsing', true);
  const authValue = (a: Read<string>) => (a && 'value' in a ? a.value : undefined);
  const azure = authValue(incomingAuth) === 'azureAdOAuth' || authValue(outgoingAuth) === 'azureAdOAuth';
  const tenantApplies = type === 'exchangeOnlineHybrid' || (type === 'exchangeOnline' && azure);
  const useDefaultTenant = tenantApplies ? r.bool('usedefaulttenantid', 'useDefaultTenantId') : undefined;
  const eoTenantText = tenantApplies ? r.text('exchangeonlinetenantid', 'exchangeOnlineTenantId') : undefined;
  const eoTenant = eoTenantText === undefined ? undefined : isGuid(eoTenantText) ? eoTenantText.toLowerCase() : eoTenantText;
  if (tenantApplies) {
    e.differs('useDefaultTenantId', val(useDefaultTenant), true, bool);
    if (eoTenant !== undefined) e.put('exchangeOnlineTenantId', str(eoTenant));
  }
  const oauth = new Entries(true);
  const appId = r.text('oauthclientid', 'oauth.applicationId');
  if (appId !== undefined) oauth.put('applicationId', str(appId));
  if (r.bool('isoauthclientsecretset', 'oauth.clientSecret') === true) putSecret(s, oauth, 'clientSecret', 'clientSecret', id);
  e.nest('oauth', oauth);

  const incoming = new Entries(explicit);
  const incomingLocation = r.text('incomingserverlocation', 'incoming.serverLocation');
  if (incomingLocation !== undefined) incoming.put('serverLocation', str(incomingLocation));
  if (internetLike) {
    incoming.known('port', val(r.int('incomingportnumber', 'incoming.port')), int);
    incoming.differs('useSsl', val(r.bool('incomingusessl', 'incoming.useSsl')), true, bool);
  }
  incoming.differs('authProtocol', r.option('incomingauthenticationprotocol', 'authProtocol', 'incoming.authProtocol'), 'autoDetect', (v) => v);
  incoming.known('authenticateUsing', incomingAuth, (v) => v);
  if (exchangeLike) incoming.differs('useImpersonation', val(r.bool('incominguseimpersonation', 'incoming.useImpersonation')), false, bool);
  const inUser = r.text('incomingusername', 'incoming.username');
  if (inUser !== undefined) incoming.put('username', str(inUser));
  if (r.bool('isincomingpasswordset', 'incoming.password') === true) putSecret(s, incoming, 'password', 'incomingPassword', id);
  e.nest('incoming', incoming);
  e.differs('useSameSettingsForOutgoing', val(sameRead), true, bool);

  const outgoing = new Entries(explicit);
  const outLocation = r.text('outgoingserverlocation', 'outgoing.serverLocation');
  if (outLocation !== undefined) {
    // Exchange family: the outgoing location defaults to the incoming one (EWS serves both).
    if (type !== '' && isExchangeFamily(type)) outgoing.differs('serverLocation', { value: outLocation }, incomingLocation, str);
    else outgoing.put('serverLocation', str(outLocation));
  }
  if (internetLike) {
    outgoing.known('port', val(r.int('outgoingportnumber', 'outgoing.port')), int);
    outgoing.differs('useSsl', val(r.bool('outgoingusessl', 'outgoing.useSsl')), true, bool);
  }
  outgoing.differs('authProtocol', r.option('outgoingauthenticationprotocol', 'authProtocol', 'outgoing.authProtocol'), 'autoDetect', (v) => v);
  if (!same) {
    outgoing.known('authenticateUsing', outgoingAuth, (v) => v);
    outgoing.differs('useImpersonation', val(r.bool('outgoinguseimpersonation', 'outgoing.useImpersonation')), false, bool);
    const outUser = r.text('outgoingusername', 'outgoing.username');
    if (outUser !== undefined) outgoing.put('username', str(outUser));
    if (r.bool('isoutgoingpasswordset', 'outgoing.password') === true) putSecret(s, outgoing, 'password', 'outgoingPassword', id);
  }
  e.nest('outgoing', outgoing);

  const advanced = new Entries(explicit);
  advanced.known('processEmailFrom', val(r.text('processemailsreceivedafter', 'advanced.processEmailFrom')), str);
  advanced.known('minPollingIntervalMinutes', val(r.int('minpollingintervalinminutes', 'advanced.minPollingIntervalMinutes')), int);
  advanced.differs('maxConcurrentConnections', val(r.int('maxconcurrentconnections', 'advanced.maxConcurrentConnections')), 10, int);
  advanced.differs('moveFailedEmailsToUndeliverable', val(r.bool('moveundeliveredemails', 'advanced.moveFailedEmailsToUndeliverable')), false, bool);
  if (r.bool('timeoutmailboxconnection', 'advanced.mailboxConnectionTimeoutMs') === true) {
    advanced.known('mailboxConnectionTimeoutMs', val(r.int('timeoutmailboxconnectionafteramount', 'advanced.mailboxConnectionTimeoutMs')), int);
  }
  advanced.differs('sendAlertEmailToOwner', val(r.bool('sendemailalert', 'advanced.sendAlertEmailToOwner')), false, bool);
  e.nest('advanced', advanced);
  profiles.set(id, { entries: e.list, guid });

  // The mail system.
  const m = new Entries(true);
  const tenantEntry = (tenant: string | undefined, comment: string | undefined, missing: string) => {
    if (tenant !== undefined) m.put('tenantId', tenant, comment);
    else m.put('tenantId', '""', s.todo(missing));
  };
  const eoTenantGuid = eoTenant !== undefined && isGuid(eoTenant) ? eoTenant : undefined;
  const fromProfile = '# inferred: the profile\'s exchangeonlinetenantid';
  if (type === 'exchangeOnline') {
    m.put('kind', 'exchangeOnline');
    const auth = authValue(incomingAuth);
    if (auth === 'serverToServer') tenantEntry(orgTenant, undefined, "the organization's Office 365 tenant id (use --tenant-id)");
    else if (azure) {
      if (useDefaultTenant === false) tenantEntry(eoTenantGuid, fromProfile, 'the Exchange Online tenant id; the profile holds no GUID in exchangeonlinetenantid');
      else tenantEntry(orgTenant, "# inferred: useDefaultTenantId is true, the organization's own tenant", "the organization's Office 365 tenant id (use --tenant-id)");
    } else {
      const t = isGuid(r.raw('exchangeonlinetenantid')) ? String(r.raw('exchangeonlinetenantid')).toLowerCase() : undefined;
      tenantEntry(t, fromProfile, 'the Exchange Online tenant id; the profile holds no GUID in exchangeonlinetenantid');
    }
  } else if (type === 'exchangeOnlineHybrid') {
    m.put('kind', 'exchangeOnline');
    if (useDefaultTenant === false && eoTenantGuid !== undefined) m.put('tenantId', eoTenantGuid, fromProfile);
    else m.put('tenantId', '""', s.todo('the Exchange Online tenant id (S2STenantId is set with PowerShell and is not in the Web API)'));
  } else if (type === 'exchangeServer' || type === 'exchangeServerHybrid') {
    m.put('kind', 'exchangeServer');
    const raw = r.raw('exchangeversion');
    const v = exchangeVersionFromCode(raw);
    if (v) {
      m.put('version', quoted(v.version), '# inferred: from the legacy exchangeversion');
      if (v.servicePack !== 'RTM' || explicit) m.put('servicePack', v.servicePack);
    } else {
      if (raw !== undefined && raw !== null) {
        s.warn(rec, 'exchangeversion', 'import/unknown-option', `${r.label}: exchangeversion ${describe(raw)} has no plan token; the mail system's version is written as a placeholder.`);
      }
      m.put('version', '""', s.todo('Exchange Server version and service pack; Dataverse does not record them'));
    }
  } else if (type === 'pop3Smtp' || type === 'imapSmtp') {
    m.put('kind', type);
    if (incomingLocation !== undefined) {
      const host = hostOf(incomingLocation);
      const provider = providerOf(host);
      if (provider !== undefined) m.put('provider', provider, `# inferred: from the server location ${host.replace(/[\r\n]/g, ' ')}`);
    }
  } else {
    m.put('kind', '""', s.todo('the mail system kind; the profile type is unknown'));
  }
  mailSystems.set(id, { entries: m.list });
  return {
    id,
    guid,
    serverType: type,
    ...(authValue(incomingAuth) !== undefined ? { incomingAuth: authValue(incomingAuth) } : {}),
    ...(authValue(outgoingAuth) !== undefined ? { outgoingAuth: authValue(outgoingAuth) } : {}),
    sameSettings: same,
  };
}
