/**
 * The one mapping between plan keys and Dataverse Web API attributes (docs: README "Import from a
 * live organisation"). Import reads through it, export writes through it and diff
 * compares through it, so a key that import reads is the key that export writes. Pure data and
 * small pure functions: no I/O, never throws.
 *
 * Exports:
 * - `OptionSetName`, `OPTION_SETS`, `tokenForCode(set, value)`, `codeForToken(set, token)`:
 *   the option codes in both directions (`ACT` is 0 outlook, 1 serverSideSync, 2 none).
 * - `activeFromStatecode(value)`, `stateForActive(active)`: `statecode` (+ `statuscode`) ↔ `active`.
 * - `exchangeVersionFromCode(value)`: legacy `exchangeversion` → mail system `version`/`servicePack`.
 * - `MappingRow` (with `ValueType`, `WriteMode`, `CompareMode`, `Applies`, `RecordKind`), `ORGANIZATION_ROWS`, `PROFILE_ROWS`, `MAILBOX_ROWS`: the rows of the mapping in
 *   table order (export writes body properties in this order). Organization paths are absolute
 *   plan paths; profile and mailbox paths are relative to `serverProfiles.<id>` / `mailboxes.<id>`.
 * - `DEFAULT_EMAIL_SETTINGS`, `readDefaultEmailSettings(text)`, `writeDefaultEmailSettings(against, values)`:
 *   the organization's XML of default methods.
 * - `trackingTokensFromMaximum(value)`, `maximumForTrackingTokens(enabled, counterDigits)`,
 *   `trackingPrefixFrom(text)`, `attachmentKbFromBytes(bytes)`, `bytesForAttachmentKb(kb)`: the
 *   lossy conversions of the organization row.
 * - `trackedFolderName(exchangefoldername)`: tracked folder names (`Inbox/` prefix for leaf names).
 * - `ENTITY_SETS`, `EntitySet`, `PRIMARY_KEYS`, `SELECTED_ATTRIBUTES`, `REQUIRED_ATTRIBUTES`: the requests to export and what import needs.
 * - `SecretKind`, `secretRefFor(kind, id)`, `secretPlaceholderComment(kind)`: secret references
 *   (`env:CRMSYNC_<ID>_…`), never a secret value.
 * - `EXCHANGE_ONLINE_TYPE_NAME`, `isExchangeFamily(serverType)`, `isInternetMailFamily(serverType)`.
 */

// ---------------------------------------------------------------------------------------------
// Option sets

/** The option sets whose codes map to plan tokens one to one. */
export type OptionSetName =
  | 'serverType'
  | 'authenticateUsing'
  | 'authProtocol'
  | 'incomingEmail'
  | 'outgoingEmail'
  | 'appointmentsContactsTasks'
  | 'approval'
  | 'testStatus'
  | 'processEmailUsing';

/** Code → plan token: the token at index `code`. Every set's codes are 0…n−1. */
export const OPTION_SETS: { readonly [K in OptionSetName]: readonly string[] } = {
  // Email Server Type: `exchangeOnline` has no code.
  serverType: ['exchangeServer', 'pop3Smtp', 'exchangeServerHybrid', 'exchangeOnlineHybrid', 'imapSmtp'],
  authenticateUsing: [
    'userOrQueue',
    'serverProfile',
    'serverToServer',
    'windowsIntegrated',
    'anonymous',
    'gmailOAuth',
    'exchangeHybridModernAuth',
    'azureAdOAuth',
  ],
  authProtocol: ['autoDetect', 'negotiate', 'ntlm', 'basic', 'oauth'],
  incomingEmail: ['none', 'outlook', 'serverSideSync', 'forwardMailbox'],
  outgoingEmail: ['none', 'outlook', 'serverSideSync'],
  // ACT: note the order differs from the other two methods.
  appointmentsContactsTasks: ['outlook', 'serverSideSync', 'none'],
  approval: ['empty', 'approved', 'pendingApproval', 'rejected'],
  testStatus: ['notRun', 'success', 'failure'],
  processEmailUsing: ['serverSideSync', 'emailRouter'],
};

/** The plan token of option code `value` in `set`; undefined when `value` is not a JSON integer with a code. */
export function tokenForCode(set: OptionSetName, value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
  const tokens = OPTION_SETS[set];
  return value >= 0 && value < tokens.length ? tokens[value] : undefined;
}

/** The option code of plan token `token` in `set`; undefined when the token has none (`exchangeOnline`). */
export function codeForToken(set: OptionSetName, token: string): number | undefined {
  const i = OPTION_SETS[set].indexOf(token);
  return i < 0 ? undefined : i;
}

/** `statecode` 0 → true, 1 → false; anything else undefined. */
export function activeFromStatecode(value: unknown): boolean | undefined {
  return value === 0 ? true : value === 1 ? false : undefined;
}

/** The `statecode` / `statuscode` pair that sets `active` (SetState: 0/1 active, 1/2 inactive). */
export function stateForActive(active: boolean): { readonly statecode: number; readonly statuscode: number } {
  return active ? { statecode: 0, statuscode: 1 } : { statecode: 1, statuscode: 2 };
}

const EXCHANGE_VERSIONS: readonly (readonly [string, string])[] = [
  ['2007', 'RTM'],
  ['2007', 'SP1'],
  ['2010', 'RTM'],
  ['2010', 'SP1'],
  ['2010', 'SP2'],
  ['2013', 'RTM'],
];

/** Legacy `exchangeversion` (import only) → `{ version, servicePack }`; undefined for other values. */
export function exchangeVersionFromCode(value: unknown): { readonly version: string; readonly servicePack: string } | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= EXCHANGE_VERSIONS.length) return undefined;
  const [version, servicePack] = EXCHANGE_VERSIONS[value];
  return { version, servicePack };
}

// ---------------------------------------------------------------------------------------------
// Rows

/** How a value is read and written. `special` rows are converted by the functions of this module or by the importer (kinds, server types). */
export type ValueType = 'boolean' | 'integer' | 'text' | 'option' | 'lookup' | 'secret' | 'instant' | 'special';

/**
 * What export does with a key: `value` writes the attribute, `report` never writes it (a difference
 * is `export/not-written`), `never` is a secret (never exported), `none` has nothing to write.
 */
export type WriteMode = 'value' | 'report' | 'never' | 'none';

/**
 * How diff compares a key: `yes` exactly, `ignoreCase` case-insensitively, `instant` as instants,
 * `set` as sets, `presence` a secret's presence (`is…set`), `obs` only when the plan writes it,
 * `whenWritten` only when the plan writes it (not observed state), `no` never.
 */
export type CompareMode = 'yes' | 'ignoreCase' | 'instant' | 'set' | 'presence' | 'obs' | 'whenWritten' | 'no';

/**
 * When a profile key applies: `internetMail` POP3/IMAP family only, `exchange` Exchange
 * family only, `tenant` where the tenant keys apply, `notSameSettings` outgoing credential keys
 * only when `usesamesettingsforoutgoingconnections` is false.
 */
export type Applies = 'internetMail' | 'exchange' | 'tenant' | 'notSameSettings';

export interface MappingRow {
  /** Plan path: absolute for organization rows, relative to the record otherwise. */
  readonly path: readonly string[];
  /** The Web API property (for lookups the `_…_value` property). */
  readonly attribute: string;
  readonly type: ValueType;
  readonly optionSet?: OptionSetName;
  readonly write: WriteMode;
  readonly compare: CompareMode;
  /** Lookups: the navigation property for `<nav>@odata.bind`, and the entity set it binds to. */
  readonly navigation?: string;
  readonly target?: EntitySet;
  /** Secrets: the readable `is…set` flag. */
  readonly isSetAttribute?: string;
  readonly applies?: Applies;
}

export type RecordKind = 'organization' | 'profile' | 'mailbox';

const bool = (path: readonly string[], attribute: string, extra: Partial<MappingRow> = {}): MappingRow => ({
  path,
  attribute,
  type: 'boolean',
  write: 'value',
  compare: 'yes',
  ...extra,
});
const int = (path: readonly string[], attribute: string, extra: Partial<MappingRow> = {}): MappingRow => ({
  path,
  attribute,
  type: 'integer',
  write: 'value',
  compare: 'yes',
  ...extra,
});
const text = (path: readonly string[], attribute: string, extra: Partial<MappingRow> = {}): MappingRow => ({
  path,
  attribute,
  type: 'text',
  write: 'value',
  compare: 'yes',
  ...extra,
});
const option = (path: readonly string[], attribute: string, optionSet: OptionSetName, extra: Partial<MappingRow> = {}): MappingRow => ({
  path,
  attribute,
  type: 'option',
  optionSet,
  write: 'value',
  compare: 'yes',
  ...extra,
});

/** The organization row (System Settings › Email). Paths are absolute plan paths. */
export const ORGANIZATION_ROWS: readonly MappingRow[] = [
  // `name` is not valid for update; Detail.FriendlyName is preferred on import.
  text(['organization', 'name'], 'name', { write: 'none', compare: 'no' }),
  option(['systemSettings', 'processEmailUsing'], 'emailconnectionchannel', 'processEmailUsing'),
  {
    path: ['systemSettings', 'defaults', 'serverProfile'],
    attribute: '_defaultemailserverprofileid_value',
    type: 'lookup',
    write: 'value',
    compare: 'yes',
    navigation: 'defaultemailserverprofileid',
    target: 'emailserverprofiles',
  },
  { path: ['systemSettings', 'defaults', 'incomingEmail'], attribute: 'defaultemailsettings', type: 'special', optionSet: 'incomingEmail', write: 'value', compare: 'yes' },
  { path: ['systemSettings', 'defaults', 'outgoingEmail'], attribute: 'defaultemailsettings', type: 'special', optionSet: 'outgoingEmail', write: 'value', compare: 'yes' },
  {
    path: ['systemSettings', 'defaults', 'appointmentsContactsTasks'],
    attribute: 'defaultemailsettings',
    type: 'special',
    optionSet: 'appointmentsContactsTasks',
    write: 'value',
    compare: 'yes',
  },
  bool(['systemSettings', 'approval', 'users'], 'requireapprovalforuseremail'),
  bool(['systemSettings', 'approval', 'queues'], 'requireapprovalforqueueemail'),
  bool(['systemSettings', 'tracking', 'folderLevelTracking'], 'isfolderbasedtrackingenabled'),
  bool(['systemSettings', 'tracking', 'correlation'], 'emailcorrelationenabled'),
  bool(['systemSettings', 'tracking', 'smartMatching'], 'enablesmartmatching'),
  { path: ['systemSettings', 'tracking', 'trackingTokens', 'enabled'], attribute: 'maximumtrackingnumber', type: 'special', write: 'value', compare: 'yes' },
  { path: ['systemSettings', 'tracking', 'trackingTokens', 'counterDigits'], attribute: 'maximumtrackingnumber', type: 'special', write: 'value', compare: 'yes' },
  { path: ['systemSettings', 'tracking', 'trackingTokens', 'prefix'], attribute: 'trackingprefix', type: 'special', write: 'report', compare: 'yes' },
  int(['systemSettings', 'tracking', 'trackingTokens', 'baseNumber'], 'trackingtokenidbase'),
  int(['systemSettings', 'tracking', 'trackingTokens', 'userDigits'], 'trackingtokeniddigits'),
  { path: ['systemSettings', 'maxAttachmentSizeKb'], attribute: 'maxuploadfilesize', type: 'special', write: 'value', compare: 'yes' },
  bool(['systemSettings', 'alerts', 'error'], 'generatealertsforerrors'),
  bool(['systemSettings', 'alerts', 'warning'], 'generatealertsforwarnings'),
  bool(['systemSettings', 'alerts', 'information'], 'generatealertsforinformation'),
  bool(['systemSettings', 'alerts', 'notifyMailboxOwner'], 'notifymailboxownerofemailserverlevelalerts'),
];

/** The connection rows of one direction, in table order. */
function connectionRows(dir: 'incoming' | 'outgoing'): MappingRow[] {
  const cred: Partial<MappingRow> = dir === 'outgoing' ? { applies: 'notSameSettings' } : {};
  return [
    text([dir, 'serverLocation'], `${dir}serverlocation`),
    int([dir, 'port'], `${dir}portnumber`, { applies: 'internetMail' }),
    bool([dir, 'useSsl'], `${dir}usessl`, { applies: 'internetMail' }),
    option([dir, 'authProtocol'], `${dir}authenticationprotocol`, 'authProtocol'),
    option([dir, 'authenticateUsing'], `${dir}credentialretrieval`, 'authenticateUsing', cred),
    bool([dir, 'useImpersonation'], `${dir}useimpersonation`, { applies: dir === 'outgoing' ? 'notSameSettings' : 'exchange' }),
    text([dir, 'username'], `${dir}username`, cred),
    {
      path: [dir, 'password'],
      attribute: `${dir}password`,
      type: 'secret',
      write: 'never',
      compare: 'presence',
      isSetAttribute: `is${dir}passwordset`,
      ...cred,
    },
  ];
}

/** Email server profiles. Paths are relative to `serverProfiles.<id>`. */
export const PROFILE_ROWS: readonly MappingRow[] = [
  text(['name'], 'name'),
  // Read by the importer from `servertype` and `emailservertypename`; `exchangeOnline` has no code.
  { path: ['serverType'], attribute: 'servertype', type: 'special', optionSet: 'serverType', write: 'value', compare: 'yes' },
  // The owner's name comes from the `_ownerid_value` FormattedValue annotation; an assignment needs a GUID.
  { path: ['owner'], attribute: '_ownerid_value', type: 'special', write: 'report', compare: 'yes' },
  { path: ['active'], attribute: 'statecode', type: 'special', write: 'value', compare: 'yes' },
  bool(['autodiscover'], 'useautodiscover', { applies: 'exchange' }),
  bool(['useDefaultTenantId'], 'usedefaulttenantid', { applies: 'tenant' }),
  text(['exchangeOnlineTenantId'], 'exchangeonlinetenantid', { applies: 'tenant' }),
  text(['oauth', 'applicationId'], 'oauthclientid'),
  {
    path: ['oauth', 'clientSecret'],
    attribute: 'oauthclientsecret',
    type: 'secret',
    write: 'never',
    compare: 'presence',
    isSetAttribute: 'isoauthclientsecretset',
  },
  ...connectionRows('incoming'),
  bool(['useSameSettingsForOutgoing'], 'usesamesettingsforoutgoingconnections'),
  ...connectionRows('outgoing'),
  { path: ['advanced', 'processEmailFrom'], attribute: 'processemailsreceivedafter', type: 'instant', write: 'value', compare: 'instant' },
  int(['advanced', 'minPollingIntervalMinutes'], 'minpollingintervalinminutes'),
  int(['advanced', 'maxConcurrentConnections'], 'maxconcurrentconnections'),
  bool(['advanced', 'moveFailedEmailsToUndeliverable'], 'moveundeliveredemails', { applies: 'exchange' }),
  // Read only when `timeoutmailboxconnection` is true; written with `timeoutmailboxconnection: true`.
  { path: ['advanced', 'mailboxConnectionTimeoutMs'], attribute: 'timeoutmailboxconnectionafteramount', type: 'special', write: 'value', compare: 'yes' },
  bool(['advanced', 'sendAlertEmailToOwner'], 'sendemailalert'),
];

/** Mailboxes. Paths are relative to `mailboxes.<id>`. */
export const MAILBOX_ROWS: readonly MappingRow[] = [
  // Kind and regarding are read by the importer; both attributes are read-only.
  { path: ['kind'], attribute: 'isforwardmailbox', type: 'special', write: 'report', compare: 'yes' },
  text(['name'], 'name', { compare: 'whenWritten' }),
  { path: ['regarding'], attribute: '_regardingobjectid_value', type: 'special', write: 'report', compare: 'yes' },
  text(['emailAddress'], 'emailaddress', { compare: 'ignoreCase' }),
  { path: ['active'], attribute: 'statecode', type: 'special', write: 'value', compare: 'yes' },
  {
    path: ['serverProfile'],
    attribute: '_emailserverprofile_value',
    type: 'lookup',
    write: 'value',
    compare: 'yes',
    navigation: 'emailserverprofile',
    target: 'emailserverprofiles',
  },
  option(['incomingEmail'], 'incomingemaildeliverymethod', 'incomingEmail'),
  option(['outgoingEmail'], 'outgoingemaildeliverymethod', 'outgoingEmail'),
  option(['appointmentsContactsTasks'], 'actdeliverymethod', 'appointmentsContactsTasks'),
  bool(['deleteEmailsAfterProcessing'], 'processanddeleteemails'),
  bool(['credentials', 'allowUse'], 'allowemailconnectortousecredentials'),
  text(['credentials', 'username'], 'username'),
  { path: ['credentials', 'password'], attribute: 'password', type: 'secret', write: 'never', compare: 'presence', isSetAttribute: 'ispasswordset' },
  bool(['actSyncThisOrgOnly'], 'orgmarkedasprimaryforexchangesync', { write: 'report' }),
  // Rows of `mailboxtrackingfolders` joined through `_mailboxid_value` (see trackedFolderName).
  { path: ['trackedFolders'], attribute: 'exchangefoldername', type: 'special', write: 'report', compare: 'set' },
  // Written on the regarding systemuser / queue, approved and rejected only.
  option(['approval'], 'emailrouteraccessapproval', 'approval', { compare: 'obs' }),
  bool(['approvedByExchangeOnlineAdmin'], 'isemailaddressapprovedbyo365admin', { write: 'report', compare: 'obs' }),
  option(['status', 'incoming'], 'incomingemailstatus', 'testStatus', { write: 'report', compare: 'obs' }),
  option(['status', 'outgoing'], 'outgoingemailstatus', 'testStatus', { write: 'report', compare: 'obs' }),
  option(['status', 'act'], 'actstatus', 'testStatus', { write: 'report', compare: 'obs' }),
];

// ---------------------------------------------------------------------------------------------
// defaultemailsettings

/** The three elements of `defaultemailsettings`, their `systemSettings.defaults` keys and option sets. */
export const DEFAULT_EMAIL_SETTINGS: readonly {
  readonly key: 'incomingEmail' | 'outgoingEmail' | 'appointmentsContactsTasks';
  readonly element: string;
  readonly optionSet: OptionSetName;
}[] = [
  { key: 'incomingEmail', element: 'IncomingEmailDeliveryMethod', optionSet: 'incomingEmail' },
  { key: 'outgoingEmail', element: 'OutgoingEmailDeliveryMethod', optionSet: 'outgoingEmail' },
  { key: 'appointmentsContactsTasks', element: 'ACTDeliveryMethod', optionSet: 'appointmentsContactsTasks' },
];

const CANONICAL_DEFAULT_EMAIL_SETTINGS =
  '<EmailSettings><IncomingEmailDeliveryMethod>2</IncomingEmailDeliveryMethod><OutgoingEmailDeliveryMethod>2</OutgoingEmailDeliveryMethod><ACTDeliveryMethod>1</ACTDeliveryMethod></EmailSettings>';

/** Decodes the XML entities once when the string starts with `&lt;`. */
function decodeIfEscaped(s: string): string {
  if (!s.startsWith('&lt;')) return s;
  return s.replace(/&(lt|gt|quot|apos|amp|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));/g, (m, name: string, dec?: string, hex?: string) => {
    if (dec !== undefined || hex !== undefined) {
      const cp = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[name] ?? m;
  });
}

function elementPattern(element: string): RegExp {
  return new RegExp(`<${element}>\\s*(-?\\d{1,9})\\s*</${element}>`);
}

/**
 * The integer codes of the three elements, found by name anywhere in the string. A missing
 * element is absent from the result; `undefined` when none can be found (`import/defaults-unreadable`).
 * Codes are not mapped to tokens here: see `tokenForCode` with each element's option set.
 */
export function readDefaultEmailSettings(value: string): Partial<Record<'incomingEmail' | 'outgoingEmail' | 'appointmentsContactsTasks', number>> | undefined {
  const s = decodeIfEscaped(value);
  const out: Partial<Record<'incomingEmail' | 'outgoingEmail' | 'appointmentsContactsTasks', number>> = {};
  let found = false;
  for (const d of DEFAULT_EMAIL_SETTINGS) {
    const m = elementPattern(d.element).exec(s);
    if (m) {
      out[d.key] = Number(m[1]);
      found = true;
    }
  }
  return found ? out : undefined;
}

/**
 * The `defaultemailsettings` string to send: the `--against` string with the text of the three
 * elements replaced (everything else kept), or the canonical form when there is no readable string.
 * `values` holds option codes; an element whose code is not given keeps its text.
 */
export function writeDefaultEmailSettings(
  against: unknown,
  values: Partial<Record<'incomingEmail' | 'outgoingEmail' | 'appointmentsContactsTasks', number>>,
): string {
  const readable = typeof against === 'string' && readDefaultEmailSettings(against) !== undefined;
  let s = readable ? decodeIfEscaped(against) : CANONICAL_DEFAULT_EMAIL_SETTINGS;
  for (const d of DEFAULT_EMAIL_SETTINGS) {
    const code = values[d.key];
    if (code === undefined) continue;
    const re = elementPattern(d.element);
    if (re.test(s)) s = s.replace(re, `<${d.element}>${code}</${d.element}>`);
    else s = s.replace(/<\/EmailSettings>/, `<${d.element}>${code}</${d.element}></EmailSettings>`);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Conversions of the organization and mailbox rows

/**
 * `maximumtrackingnumber` → `{ enabled, counterDigits }`: 0 means tokens off (no counterDigits);
 * otherwise the decimal digits of the value. Undefined when the value is not a non-negative integer.
 */
export function trackingTokensFromMaximum(value: unknown): { readonly enabled: boolean; readonly counterDigits?: number } | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return undefined;
  if (value === 0) return { enabled: false };
  return { enabled: true, counterDigits: String(value).length };
}

/** `maximumtrackingnumber` to write: `false` → 0; `true` with d counter digits → 10^d − 1. */
export function maximumForTrackingTokens(enabled: boolean, counterDigits: number): number {
  return enabled ? 10 ** counterDigits - 1 : 0;
}

/** The current prefix of the `trackingprefix` history list: the text before the first `,`, trimmed; undefined when empty. */
export function trackingPrefixFrom(value: string): string | undefined {
  const comma = value.indexOf(',');
  const p = (comma < 0 ? value : value.slice(0, comma)).trim();
  return p === '' ? undefined : p;
}

/** `maxuploadfilesize` (bytes) → KB rounded down, and whether a remainder was dropped (`import/value-rounded`). */
export function attachmentKbFromBytes(bytes: number): { readonly kb: number; readonly rounded: boolean } {
  return { kb: Math.floor(bytes / 1024), rounded: bytes % 1024 !== 0 };
}

/** `maxAttachmentSizeKb` → `maxuploadfilesize` in bytes. */
export function bytesForAttachmentKb(kb: number): number {
  return kb * 1024;
}

/** A tracked folder's plan name: a name with no `/` other than `Inbox` gets `Inbox/`. */
export function trackedFolderName(exchangefoldername: string): string {
  return exchangefoldername.includes('/') || exchangefoldername === 'Inbox' ? exchangefoldername : `Inbox/${exchangefoldername}`;
}

// ---------------------------------------------------------------------------------------------
// Entity sets and attributes

export const ENTITY_SETS = ['organizations', 'emailserverprofiles', 'mailboxes', 'mailboxtrackingfolders', 'systemusers', 'queues'] as const;
export type EntitySet = (typeof ENTITY_SETS)[number];

export const PRIMARY_KEYS: { readonly [K in EntitySet]: string } = {
  organizations: 'organizationid',
  emailserverprofiles: 'emailserverprofileid',
  mailboxes: 'mailboxid',
  mailboxtrackingfolders: 'mailboxtrackingfolderid',
  systemusers: 'systemuserid',
  queues: 'queueid',
};

/** The `$select` list of each export request (without the primary key and the `$expand`). */
export const SELECTED_ATTRIBUTES: { readonly [K in EntitySet]: readonly string[] } = {
  organizations: [
    'name',
    'emailconnectionchannel',
    '_defaultemailserverprofileid_value',
    'defaultemailsettings',
    'requireapprovalforuseremail',
    'requireapprovalforqueueemail',
    'isfolderbasedtrackingenabled',
    'emailcorrelationenabled',
    'enablesmartmatching',
    'maximumtrackingnumber',
    'trackingprefix',
    'trackingtokenidbase',
    'trackingtokeniddigits',
    'maxuploadfilesize',
    'generatealertsforerrors',
    'generatealertsforwarnings',
    'generatealertsforinformation',
    'notifymailboxownerofemailserverlevelalerts',
  ],
  emailserverprofiles: [
    'name',
    'servertype',
    'emailservertypename',
    '_ownerid_value',
    'statecode',
    'useautodiscover',
    'usedefaulttenantid',
    'exchangeonlinetenantid',
    'exchangeversion',
    'incomingserverlocation',
    'incomingportnumber',
    'incomingusessl',
    'incomingauthenticationprotocol',
    'incomingcredentialretrieval',
    'incominguseimpersonation',
    'incomingusername',
    'isincomingpasswordset',
    'usesamesettingsforoutgoingconnections',
    'outgoingserverlocation',
    'outgoingportnumber',
    'outgoingusessl',
    'outgoingauthenticationprotocol',
    'outgoingcredentialretrieval',
    'outgoinguseimpersonation',
    'outgoingusername',
    'isoutgoingpasswordset',
    'oauthclientid',
    'isoauthclientsecretset',
    'processemailsreceivedafter',
    'minpollingintervalinminutes',
    'maxconcurrentconnections',
    'moveundeliveredemails',
    'timeoutmailboxconnection',
    'timeoutmailboxconnectionafteramount',
    'sendemailalert',
  ],
  mailboxes: [
    'name',
    'emailaddress',
    'isforwardmailbox',
    '_regardingobjectid_value',
    '_emailserverprofile_value',
    'statecode',
    'incomingemaildeliverymethod',
    'outgoingemaildeliverymethod',
    'actdeliverymethod',
    'processanddeleteemails',
    'allowemailconnectortousecredentials',
    'username',
    'ispasswordset',
    'orgmarkedasprimaryforexchangesync',
    'emailrouteraccessapproval',
    'isemailaddressapprovedbyo365admin',
    'incomingemailstatus',
    'outgoingemailstatus',
    'actstatus',
  ],
  mailboxtrackingfolders: ['exchangefoldername', '_mailboxid_value'],
  systemusers: ['fullname'],
  queues: ['name'],
};

/**
 * Required attributes per entity set (`import/missing-attribute`). An inner array is a
 * choice: profiles need `servertype` or `emailservertypename`.
 */
export const REQUIRED_ATTRIBUTES: { readonly [K in EntitySet]: readonly (string | readonly string[])[] } = {
  organizations: ['name'],
  emailserverprofiles: ['name', ['servertype', 'emailservertypename'], 'incomingcredentialretrieval'],
  mailboxes: ['name', 'isforwardmailbox', '_regardingobjectid_value'],
  mailboxtrackingfolders: ['exchangefoldername', '_mailboxid_value'],
  systemusers: ['fullname'],
  queues: ['name'],
};

// ---------------------------------------------------------------------------------------------
// Secrets and server type families

/** Which secret: a profile's incoming or outgoing password, its OAuth client secret, or a mailbox password. */
export type SecretKind = 'incomingPassword' | 'outgoingPassword' | 'clientSecret' | 'mailboxPassword';

/** The generated secret reference for record id `id` (the naming of the generated references in docs/rules.md): a name, never a value. */
export function secretRefFor(kind: SecretKind, id: string): string {
  const owner = id.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const suffix = { incomingPassword: '_IN_PASSWORD', outgoingPassword: '_OUT_PASSWORD', clientSecret: '_CLIENT_SECRET', mailboxPassword: '_PASSWORD' }[kind];
  return `env:CRMSYNC_${owner}${suffix}`;
}

/** The comment import writes after a secret placeholder. */
export function secretPlaceholderComment(kind: SecretKind): string {
  return kind === 'clientSecret'
    ? '# placeholder: a client secret is set in CRM; Dataverse never returns it'
    : '# placeholder: a password is set in CRM; Dataverse never returns it';
}

/** `emailservertypename` of the Exchange Online profile, compared trimmed and ignoring case. */
export const EXCHANGE_ONLINE_TYPE_NAME = 'Exchange Online';

export function isExchangeFamily(serverType: string): boolean {
  return serverType === 'exchangeOnline' || serverType === 'exchangeServer' || serverType === 'exchangeServerHybrid' || serverType === 'exchangeOnlineHybrid';
}

export function isInternetMailFamily(serverType: string): boolean {
  return serverType === 'pop3Smtp' || serverType === 'imapSmtp';
}
