/**
 * Effective values of the keys of the mapping, and the comparison of a plan record with the
 * organisation record it matched, in the plan domain: the organisation side is the plan
 * that import writes from the export, read with the same functions, so that lossy conversions
 * cannot produce a difference by themselves and an imported plan never differs from its export
 * (R1, R2). Export turns the differences into requests; diff into findings. Pure.
 */
import { valueAt, type MailboxModel, type ProfileModel } from '../analysis/model';
import type { Path } from '../analysis/types';
import { MAILBOX_ROWS, ORGANIZATION_ROWS, PROFILE_ROWS, type MappingRow, type RecordKind } from './mapping';
import type { PlanValues } from './view';

export type Value = string | number | boolean | readonly string[];

/** Where an effective value comes from: written, a plan default, the record's id, or another key. */
export type Origin = 'written' | 'default' | 'id' | { readonly inheritedFrom: Path; readonly label: string };

export interface EffectiveValue {
  readonly state: 'value';
  readonly value: Value;
  readonly written: boolean;
  readonly origin: Origin;
}

/**
 * A key's effective value: `unknown` (a schema finding, a placeholder, an unresolved reference,
 * or inside such a value), `none` (not written and no default, or not managed), or a value.
 */
export type Effective = { readonly state: 'unknown'; readonly written: boolean } | { readonly state: 'none' } | EffectiveValue;

export const ROWS: { readonly [K in RecordKind]: readonly MappingRow[] } = { organization: ORGANIZATION_ROWS, profile: PROFILE_ROWS, mailbox: MAILBOX_ROWS };

/** The plan path of a record (`[]` for the organization, whose rows hold absolute paths). */
export function recordPath(kind: RecordKind, id: string): Path {
  return kind === 'organization' ? [] : [kind === 'profile' ? 'serverProfiles' : 'mailboxes', id];
}

/** Plan defaults of the keys of the mapping that have one (docs/plan-format.md); the others are not managed. */
const DEFAULTS: { readonly [K in RecordKind]: Readonly<Record<string, Value>> } = {
  organization: {
    'systemSettings.processEmailUsing': 'serverSideSync',
    'systemSettings.approval.users': true,
    'systemSettings.approval.queues': true,
    'systemSettings.tracking.folderLevelTracking': false,
    'systemSettings.tracking.correlation': true,
    'systemSettings.tracking.smartMatching': true,
    'systemSettings.tracking.trackingTokens.enabled': true,
    'systemSettings.maxAttachmentSizeKb': 5120,
  },
  profile: {
    active: true,
    useDefaultTenantId: true,
    useSameSettingsForOutgoing: true,
    'incoming.useSsl': true,
    'outgoing.useSsl': true,
    'incoming.authProtocol': 'autoDetect',
    'outgoing.authProtocol': 'autoDetect',
    'incoming.useImpersonation': false,
    'outgoing.useImpersonation': false,
    'advanced.maxConcurrentConnections': 10,
    'advanced.moveFailedEmailsToUndeliverable': false,
    'advanced.sendAlertEmailToOwner': false,
  },
  mailbox: { active: true, deleteEmailsAfterProcessing: false, 'credentials.allowUse': false, actSyncThisOrgOnly: false, trackedFolders: [] },
};

/** The mailbox defaults of `systemSettings.defaults`, by key. */
const METHOD_KEYS = new Set(['incomingEmail', 'outgoingEmail', 'appointmentsContactsTasks']);
const OUTGOING_CREDENTIALS = new Set(['outgoing.authenticateUsing', 'outgoing.useImpersonation', 'outgoing.username', 'outgoing.password']);

const mailboxIndex = new WeakMap<PlanValues, Map<string, MailboxModel>>();

function mailboxModel(view: PlanValues, id: string): MailboxModel | undefined {
  let index = mailboxIndex.get(view);
  if (!index) {
    index = new Map(view.model.mailboxes.map((m) => [m.id, m]));
    mailboxIndex.set(view, index);
  }
  return index.get(id);
}

const profileModel = (view: PlanValues, id: string): ProfileModel | undefined => view.model.profileById.get(id);

const TYPE_OF: Partial<Record<MappingRow['type'], string>> = { boolean: 'boolean', integer: 'number', text: 'string', option: 'string', lookup: 'string', instant: 'string' };

/** A written value of the row's type, or undefined (the schema reports the others). */
function typed(row: MappingRow, raw: unknown): Value | undefined {
  if (row.type === 'secret') return raw !== null && raw !== undefined ? true : undefined;
  if (row.path[row.path.length - 1] === 'trackedFolders') return Array.isArray(raw) && raw.every((x) => typeof x === 'string') ? [...(raw as string[])].sort() : undefined;
  const want = TYPE_OF[row.type];
  if (want !== undefined) return typeof raw === want ? (raw as Value) : undefined;
  return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : undefined;
}

/** The effective value of `row` for record `id` of `view` (the organization: id `''`). */
export function effective(view: PlanValues, kind: RecordKind, id: string, row: MappingRow): Effective {
  const base = recordPath(kind, id);
  const path = [...base, ...row.path];
  const key = row.path.join('.');
  const raw = valueAt(view.value, path);
  const written = raw !== undefined;
  if (!view.known(path)) return { state: 'unknown', written };
  const fromWritten = (): Effective => {
    const v = typed(row, raw);
    return v === undefined ? { state: 'unknown', written: true } : { state: 'value', value: v, written: true, origin: 'written' };
  };
  const dflt = (v: Value | undefined): Effective => (v === undefined ? { state: 'none' } : { state: 'value', value: v, written: false, origin: 'default' });

  if (kind === 'profile') {
    const p = profileModel(view, id);
    if (OUTGOING_CREDENTIALS.has(key)) {
      if (p?.useSameSettingsForOutgoing === undefined) return { state: 'unknown', written };
      if (p.useSameSettingsForOutgoing) {
        const incomingRow = PROFILE_ROWS.find((r) => r.path[0] === 'incoming' && r.path[1] === row.path[1]);
        const inc = incomingRow ? effective(view, kind, id, incomingRow) : ({ state: 'none' } as const);
        return inc.state === 'value' ? { ...inc, written: false, origin: { inheritedFrom: [...base, 'incoming', row.path[1]], label: `incoming.${row.path[1]}` } } : inc;
      }
    }
    if (written) return fromWritten();
    if (key === 'name') return { state: 'value', value: id, written: false, origin: 'id' };
    if (key === 'autodiscover') return p?.autodiscover === undefined ? { state: 'unknown', written } : dflt(p.autodiscover);
    if (key === 'outgoing.serverLocation') {
      if (p?.family === undefined) return { state: 'unknown', written };
      if (p.family !== 'EX') return { state: 'none' };
      const inc = effective(view, kind, id, PROFILE_ROWS.find((r) => r.path.join('.') === 'incoming.serverLocation')!);
      return inc.state === 'value' ? { ...inc, written: false, origin: { inheritedFrom: [...base, 'incoming', 'serverLocation'], label: 'incoming.serverLocation' } } : inc;
    }
    return dflt(DEFAULTS.profile[key]);
  }

  if (kind === 'mailbox') {
    const m = mailboxModel(view, id);
    if (METHOD_KEYS.has(key)) {
      const k = key as 'incomingEmail' | 'outgoingEmail' | 'appointmentsContactsTasks';
      const v = m?.[k];
      if (v === undefined) return { state: 'unknown', written };
      const source = m![`${k}Source`];
      if (source === 'written') return { state: 'value', value: v, written: true, origin: 'written' };
      if (source === 'default') return { state: 'value', value: v, written: false, origin: { inheritedFrom: ['systemSettings', 'defaults', k], label: 'systemSettings.defaults' } };
      return dflt(v);
    }
    if (key === 'serverProfile') {
      if (!m || m.profileUnknown) return { state: 'unknown', written };
      if (m.profileId === undefined) return { state: 'none' };
      if (m.profileWritten) return { state: 'value', value: m.profileId, written: true, origin: 'written' };
      return { state: 'value', value: m.profileId, written: false, origin: { inheritedFrom: ['systemSettings', 'defaults', 'serverProfile'], label: 'systemSettings.defaults' } };
    }
    if (written) return fromWritten();
    if (key === 'name') {
      // A user or queue mailbox takes its name from its owner (import writes it only when it differs).
      const regarding = valueAt(view.value, [...base, 'regarding']);
      if ((m?.kind === 'user' || m?.kind === 'queue') && typeof regarding === 'string' && view.known([...base, 'regarding'])) {
        return { state: 'value', value: regarding, written: false, origin: { inheritedFrom: [...base, 'regarding'], label: 'regarding' } };
      }
      return { state: 'none' };
    }
    return dflt(DEFAULTS.mailbox[key]);
  }

  if (written) return fromWritten();
  return dflt(DEFAULTS.organization[key]);
}

/** Whether a profile key applies to the plan profile (families, the tenant keys, the outgoing credentials); undefined when unknown. */
export function applies(row: MappingRow, p: ProfileModel | undefined): boolean | undefined {
  if (!row.applies) return true;
  if (!p) return undefined;
  switch (row.applies) {
    case 'internetMail':
      return p.family === undefined ? undefined : p.family === 'IM';
    case 'exchange':
      return p.family === undefined ? undefined : p.family === 'EX';
    case 'notSameSettings':
      return p.useSameSettingsForOutgoing === undefined ? undefined : !p.useSameSettingsForOutgoing;
    case 'tenant': {
      if (p.serverType === undefined) return undefined;
      if (p.serverType === 'exchangeOnlineHybrid') return true;
      if (p.serverType !== 'exchangeOnline') return false;
      return p.incoming.auth === 'azureAdOAuth' || (p.useSameSettingsForOutgoing === false && p.outgoing.auth === 'azureAdOAuth');
    }
  }
}

const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/** An instant in ms; a bare date is midnight UTC. */
export function instantOf(v: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
}

/** The form two values are compared in (case-insensitive addresses and GUIDs, instants, sets). */
function canonical(row: MappingRow, v: Value): string {
  if (Array.isArray(v)) return JSON.stringify(v);
  if (row.compare === 'instant' && typeof v === 'string') {
    const t = instantOf(v);
    return Number.isNaN(t) ? v : String(t);
  }
  if (typeof v === 'string' && (row.compare === 'ignoreCase' || GUID.test(v))) return JSON.stringify(v.toLowerCase());
  return JSON.stringify(v);
}

/** One compared key whose plan value differs from the organisation's. */
export interface Difference {
  readonly row: MappingRow;
  /** The plan path of the key. */
  readonly path: Path;
  readonly plan: EffectiveValue;
  /** Undefined when the organisation has no value (an empty attribute, no lookup, no secret set). */
  readonly org?: EffectiveValue;
}

/** How lookups compare: as the organisation record they resolve to (its GUID). */
export interface Resolver {
  /** The organisation GUID of a plan profile (matched, or created by this export); undefined when it has none. */
  planProfile(id: string): string | undefined;
  /** The GUID of a profile of the imported plan. */
  orgProfile(id: string): string | undefined;
}

/** Row types whose empty attribute import leaves unwritten, so that "not written" there means "not set". */
const EMPTY_MEANS_UNSET = new Set<MappingRow['type']>(['text', 'lookup', 'instant', 'secret']);

export interface Comparison {
  readonly differences: readonly Difference[];
  /** Written plan keys that are unknown (a schema finding, a placeholder): neither compared nor written. */
  readonly skipped: readonly Path[];
}

const has = (o: Readonly<Record<string, unknown>>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const own = (o: Readonly<Record<string, unknown>>, k: string): unknown => (has(o, k) ? o[k] : undefined);

export interface CompareOptions {
  /**
   * A mailbox `status.*` that the plan writes is compared with `notRun` when the imported plan
   * has no status but the export holds the attribute (import leaves an all-notRun status out).
   */
  readonly statusNotRun?: boolean;
  /**
   * A mailbox's `approvedByExchangeOnlineAdmin` that the plan writes is compared with the exported
   * attribute even where import leaves it out (the organisation's profile is not exchangeOnline
   * yet): export judges it with the profile it binds.
   */
  readonly approvalFromRow?: boolean;
}

/**
 * Compares a plan record with the organisation record it matched, key by key in row order.
 * `orgRow` is the exported row (to tell an attribute left out of `$select` from an empty one);
 * `foldersExported` says whether the export holds the tracking folders.
 */
export function compareRecord(
  plan: PlanValues,
  org: PlanValues,
  kind: RecordKind,
  planId: string,
  orgId: string,
  orgRow: Readonly<Record<string, unknown>>,
  resolver: Resolver,
  foldersExported: boolean,
  options: CompareOptions = {},
): Comparison {
  const differences: Difference[] = [];
  const skipped: Path[] = [];
  const profile = kind === 'profile' ? profileModel(plan, planId) : undefined;
  for (const row of ROWS[kind]) {
    if (row.compare === 'no') continue;
    if (kind === 'profile' && applies(row, profile) !== true) continue;
    const p = effective(plan, kind, planId, row);
    if (p.state === 'unknown') {
      if (p.written) skipped.push([...recordPath(kind, planId), ...row.path]);
      continue;
    }
    if (p.state === 'none') continue;
    if ((row.compare === 'obs' || row.compare === 'whenWritten') && !p.written) continue;
    const isFolders = row.path[row.path.length - 1] === 'trackedFolders';
    if (isFolders && !foldersExported) continue;
    let o = effective(org, kind, orgId, row);
    if (o.state === 'unknown') continue;
    if (o.state === 'none' && options.statusNotRun && kind === 'mailbox' && row.path[0] === 'status' && own(orgRow, row.attribute) !== undefined && own(orgRow, row.attribute) !== null) {
      // Import leaves `status` out when every exported test result is notRun.
      o = { state: 'value', value: 'notRun', written: false, origin: 'default' };
    }
    const exported = own(orgRow, row.attribute);
    if (o.state === 'none' && options.approvalFromRow && kind === 'mailbox' && row.path[0] === 'approvedByExchangeOnlineAdmin' && typeof exported === 'boolean') {
      o = { state: 'value', value: exported, written: false, origin: 'default' };
    }
    if (o.state === 'none') {
      const attribute = row.isSetAttribute ?? row.attribute;
      if (!EMPTY_MEANS_UNSET.has(row.type) || !has(orgRow, attribute)) continue;
      differences.push({ row, path: [...recordPath(kind, planId), ...row.path], plan: p });
      continue;
    }
    let a: Value = p.value;
    let b: Value = o.value;
    if (row.type === 'lookup') {
      a = resolver.planProfile(String(a)) ?? `plan:${String(a)}`;
      b = resolver.orgProfile(String(b)) ?? `org:${String(b)}`;
    }
    if (canonical(row, a) === canonical(row, b)) continue;
    differences.push({ row, path: [...recordPath(kind, planId), ...row.path], plan: p, org: o });
  }
  return { differences, skipped };
}
