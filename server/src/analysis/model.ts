/**
 * The plan as the rules see it: effective values after inheritance and defaults
 * (docs/plan-format.md#effective-values), with unknown values (docs/plan-format.md#unknown-values)
 * left `undefined` so that a rule reading them skips the record and one typo gives one finding.
 */
import type { Baseline, Path } from './types';

export type Deployment = 'online' | 'onPremises';
export type ServerType = 'exchangeOnline' | 'exchangeServer' | 'exchangeServerHybrid' | 'exchangeOnlineHybrid' | 'pop3Smtp' | 'imapSmtp';
export type Family = 'EX' | 'IM';
export type MailSystemKind = 'exchangeOnline' | 'exchangeServer' | 'pop3Smtp' | 'imapSmtp';
export type Auth =
  | 'userOrQueue'
  | 'serverProfile'
  | 'serverToServer'
  | 'windowsIntegrated'
  | 'anonymous'
  | 'gmailOAuth'
  | 'exchangeHybridModernAuth'
  | 'azureAdOAuth';

/** The modern sign-in values (MA): they exist only in Dataverse (Dynamics 365 online, and Gmail OAuth from 9.1). */
export const MODERN_AUTH: readonly Auth[] = ['gmailOAuth', 'exchangeHybridModernAuth', 'azureAdOAuth'];
/** The password-based values (PW). */
export const PASSWORD_AUTH: readonly Auth[] = ['userOrQueue', 'serverProfile'];
export type Method = 'none' | 'outlook' | 'serverSideSync' | 'forwardMailbox';
export type MailboxKind = 'user' | 'queue' | 'forward';
export type Engine = 'serverSideSync' | 'emailRouter';

export const EXCHANGE_TYPES: readonly ServerType[] = ['exchangeOnline', 'exchangeServer', 'exchangeServerHybrid', 'exchangeOnlineHybrid'];
export const INTERNET_MAIL_TYPES: readonly ServerType[] = ['pop3Smtp', 'imapSmtp'];

export function familyOf(type: ServerType | undefined): Family | undefined {
  if (!type) return undefined;
  return INTERNET_MAIL_TYPES.includes(type) ? 'IM' : 'EX';
}

/** The CRM version each baseline implies when `crmVersion` is not written. */
export const BASELINE_VERSION: Record<Baseline, string> = { crm2016: '8.0', 'd365-8.2': '8.2', 'd365-9': '9.0' };

/** Answers "is the value at this path free of parser and schema findings?" */
export interface Knowledge {
  known(path: Path): boolean;
}

export interface MailSystemModel {
  readonly id: string;
  readonly path: Path;
  readonly kind?: MailSystemKind;
  readonly tenantId?: string;
  readonly version?: string;
  /** Effective service pack (`RTM` when not written); undefined when unknown. */
  readonly servicePack?: string;
  readonly servicePackWritten: boolean;
  /** Effective provider (`other` when not written); undefined when unknown. */
  readonly provider?: string;
  readonly providerWritten: boolean;
  /** Written list, or undefined when absent or unknown. */
  readonly ewsAuthentication?: readonly string[];
  /** Named by some profile's `mailSystem` (docs/plan-format.md#used-profiles-and-referenced-mail-systems). */
  referenced: boolean;
}

export interface ConnectionModel {
  readonly dir: 'in' | 'out';
  /** `['serverProfiles', id, 'incoming' | 'outgoing']`: where channel keys are written. */
  readonly path: Path;
  /** Where credential keys come from: `incoming` for outgoing when useSameSettingsForOutgoing is true. */
  readonly credentialPath: Path;
  readonly written: boolean;
  /** Effective authenticateUsing; undefined when absent or unknown. */
  readonly auth?: Auth;
  readonly authWritten: boolean;
  /** Effective useImpersonation (false when not written); undefined when unknown. */
  readonly useImpersonation?: boolean;
  readonly useImpersonationWritten: boolean;
  readonly hasUsername: boolean;
  readonly hasPassword: boolean;
  /** Effective mfa (false when not written); undefined when unknown. */
  readonly mfa?: boolean;
  /** Effective server location (docs/plan-format.md#the-outgoing-connection) and where it is written. */
  readonly serverLocation?: string;
  readonly serverLocationPath?: Path;
  /** Effective useSsl (true when not written); undefined when unknown. */
  readonly useSsl?: boolean;
  readonly useSslWritten: boolean;
  readonly port?: number;
  /** Effective authProtocol (`autoDetect` when not written); undefined when unknown. */
  readonly authProtocol?: string;
  readonly authProtocolWritten: boolean;
}

export interface ProfileModel {
  readonly id: string;
  readonly path: Path;
  readonly serverType?: ServerType;
  readonly family?: Family;
  /** The written mailSystem id when it is known and resolves. */
  readonly mailSystemId?: string;
  readonly mailSystem?: MailSystemModel;
  /** Effective autodiscover; undefined when unknown. */
  readonly autodiscover?: boolean;
  readonly autodiscoverWritten: boolean;
  /** Effective useSameSettingsForOutgoing; undefined when unknown. */
  readonly useSameSettingsForOutgoing?: boolean;
  readonly incoming: ConnectionModel;
  readonly outgoing: ConnectionModel;
  /** `incoming`, plus `outgoing` when useSameSettingsForOutgoing is false. */
  readonly credentialConnections: readonly ConnectionModel[];
  /** Effective `active` (true when not written); undefined when unknown. */
  readonly active?: boolean;
  readonly activeWritten: boolean;
  /** The `oauth` block: whether it is written, and its keys. */
  readonly oauth: {
    readonly written: boolean;
    readonly applicationId?: string;
    readonly hasClientSecret: boolean;
  };
}

export type Source = 'written' | 'default' | 'format';

export interface MailboxModel {
  readonly id: string;
  readonly path: Path;
  readonly kind?: MailboxKind;
  /** The effective profile id when known and resolved (written or default). */
  readonly profileId?: string;
  readonly profile?: ProfileModel;
  readonly profileWritten: boolean;
  /** True when the effective profile reference could not be known (typo, unresolved reference). */
  readonly profileUnknown: boolean;
  readonly incomingEmail?: Method;
  readonly outgoingEmail?: Method;
  readonly appointmentsContactsTasks?: Method;
  readonly incomingEmailSource: Source;
  readonly outgoingEmailSource: Source;
  readonly appointmentsContactsTasksSource: Source;
  /** Effective mail system id (written, else the profile's); undefined when unknown. */
  readonly mailSystemId?: string;
  readonly mailSystemWritten: boolean;
  readonly emailAddress?: string;
  readonly approval?: string;
  readonly approvalWritten: boolean;
  /** Effective `active` (true when not written); undefined when unknown. */
  readonly active?: boolean;
  readonly activeWritten: boolean;
  /** Written and known `approvedByExchangeOnlineAdmin`; undefined when absent or unknown. */
  readonly approvedByExchangeOnlineAdmin?: boolean;
  /** Active, and at least one effective method is serverSideSync (docs/plan-format.md#processed-mailboxes). */
  readonly processed: boolean;
  /** Processed, and processEmailUsing is serverSideSync (not the Email Router). */
  readonly syncedByServerSideSync: boolean;
}

export interface PlanModel {
  readonly baseline: Baseline;
  readonly baselineWritten: boolean;
  /** Effective crmVersion, e.g. "8.0". */
  readonly crmVersion: string;
  readonly crmVersionWritten: boolean;
  /** Effective crmVersion as a number (8.0 < 8.1 < 8.2 < 9.0 < 9.1 < 9.2). */
  readonly crmVersionNumber: number;
  readonly deployment?: Deployment;
  /** Written and known `organization.tenantId`. */
  readonly tenantId?: string;
  /** The deployment is onPremises and allowNonSslEmail is true. */
  readonly nonSsl: boolean;
  readonly processEmailUsing?: Engine;
  readonly mailSystems: readonly MailSystemModel[];
  readonly profiles: readonly ProfileModel[];
  readonly mailboxes: readonly MailboxModel[];
  readonly mailSystemById: ReadonlyMap<string, MailSystemModel>;
  readonly profileById: ReadonlyMap<string, ProfileModel>;
  /** Profiles named by the default profile or by a mailbox's written serverProfile. */
  readonly usedProfileIds: ReadonlySet<string>;
  /** Written and known `systemSettings.defaults` values. */
  readonly defaults: {
    readonly serverProfileWritten: boolean;
    readonly serverProfileId?: string;
    readonly serverProfile?: ProfileModel;
    readonly incomingEmail?: Method;
    readonly outgoingEmail?: Method;
    readonly appointmentsContactsTasks?: Method;
  };
}

type Obj = Record<string, unknown>;

/** A plain mapping (not null, not a list): what a YAML mapping becomes in the plan's value. */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The raw value at `path` in plain data, or undefined. */
export function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isObj(v) && Object.prototype.hasOwnProperty.call(v, seg)) v = v[seg as string];
    else return undefined;
  }
  return v;
}

function entries(v: unknown): [string, unknown][] {
  return isObj(v) ? Object.entries(v) : [];
}

/** The previous version's model, and which of its mailboxes are unchanged (same record text, same plan around it). */
export interface ModelReuse {
  readonly previous: PlanModel;
  /** The previous model's mailbox `id` when its record is unchanged and everything outside `mailboxes` is too. */
  readonly unchanged: (id: string) => MailboxModel | undefined;
  /** Told of each mailbox model built anew. */
  readonly built?: (m: MailboxModel) => void;
  /**
   * The previous model's mailbox `id` when its record is unchanged but values outside
   * `mailboxes` it inherits changed (a default, its profile): its model is derived from that one
   * (`derivedMailbox`), not built from the record again.
   */
  readonly derive?: (id: string) => MailboxModel | undefined;
  /**
   * When the mailbox ids are the previous model's with `removed` of them from `at` on replaced
   * by `ids` (in the same order as the new plan's keys): the list is spliced, not rebuilt.
   */
  readonly splice?: { readonly at: number; readonly removed: number; readonly ids: readonly string[] };
}

/**
 * Builds the model. `root` is the plan's plain value; `k` says which paths are unknown. With
 * `reuse`, the plan outside `mailboxes` is unchanged: its models and those of unchanged
 * mailboxes are taken over (a mailbox's model depends only on its record and that plan).
 */
export function buildModel(root: unknown, k: Knowledge, reuse?: ModelReuse): PlanModel {
  const g = reuse ? reuse.previous : buildGlobals(root, k);
  const fresh = (id: string) => {
    const m = buildMailbox(root, k, g, id);
    reuse?.built?.(m);
    return m;
  };
  let inherited: InheritedDefaults | undefined;
  const derived = (id: string) => {
    const old = reuse?.derive?.(id);
    if (!old) return undefined;
    const m = derivedMailbox(old, g, (inherited ??= inheritedDefaults(root, k)));
    reuse?.built?.(m);
    return m;
  };
  const model = (id: string) => reuse?.unchanged(id) ?? derived(id) ?? fresh(id);
  let mailboxes: MailboxModel[];
  if (reuse?.splice) {
    const { at, removed, ids } = reuse.splice;
    const before = reuse.previous.mailboxes;
    mailboxes = before.slice(0, at).concat(ids.map(model), before.slice(at + removed));
  } else {
    // Object.keys, not entries: on a mapping of 50,000 records the pairs cost more than the models.
    const records = valueAt(root, ['mailboxes']);
    mailboxes = (isObj(records) ? Object.keys(records) : []).map(model);
  }
  // Who uses which profile: the default, and every mailbox that names one.
  // A set of its own, not a flag on the profiles: with `reuse` the profiles are the previous
  // model's, which must not change (an analysis is an immutable value).
  const used = new Set<string>();
  if (g.defaults.serverProfileId !== undefined && g.defaults.serverProfile) used.add(g.defaults.serverProfileId);
  for (const m of mailboxes) if (m.profile && m.profileWritten) used.add(m.profile.id);
  return { ...g, mailboxes, usedProfileIds: used };
}

type Globals = Omit<PlanModel, 'mailboxes' | 'usedProfileIds'>;

/** How the model's values outside `mailboxes` compare with the previous version's. */
export interface GlobalsChange {
  /**
   * This version's values, in which every mail system and profile equal to the previous
   * version's is that one (the same object): the models of the mailboxes that use none of the
   * others stay valid.
   */
  readonly globals: Globals;
  /** Ids of the profiles whose model changed. */
  readonly profiles: ReadonlySet<string>;
  /** Ids of the mail systems whose model changed. */
  readonly mailSystems: ReadonlySet<string>;
  /** The methods of `systemSettings.defaults` whose value changed (or that were written or removed). */
  readonly defaults: ReadonlySet<MethodKey>;
}

/** The three methods a mailbox has, which `systemSettings.defaults` can give it. */
export const METHOD_KEYS = ['incomingEmail', 'outgoingEmail', 'appointmentsContactsTasks'] as const;
type MethodKey = (typeof METHOD_KEYS)[number];

/**
 * Compares the model's values outside `mailboxes` with `previous`'s; undefined unless all of
 * them but some mail systems, profiles and default methods are equal, with the same ids in the
 * same order. An edit out there that the model does not read (a profile's
 * `maxConcurrentConnections`, a comment) gives no change at all.
 */
export function globalsAgainst(root: unknown, k: Knowledge, previous: PlanModel): GlobalsChange | undefined {
  const g = buildGlobals(root, k);
  const sameIds = (a: readonly { id: string }[], b: readonly { id: string }[]) => a.length === b.length && a.every((x, i) => x.id === b[i].id);
  if (!sameIds(g.mailSystems, previous.mailSystems) || !sameIds(g.profiles, previous.profiles)) return undefined;
  const { serverProfile, ...defaults } = g.defaults;
  for (const key of METHOD_KEYS) delete (defaults as Partial<typeof defaults>)[key];
  const { serverProfile: before, ...previousDefaults } = previous.defaults;
  for (const key of METHOD_KEYS) delete (previousDefaults as Partial<typeof previousDefaults>)[key];
  if (serverProfile?.id !== before?.id || !equalModels(defaults, previousDefaults)) return undefined;
  // A method is given by a default when written there, known or not (buildMailbox): compared with
  // the previous version's written-ness too.
  const methods = new Set<MethodKey>();
  const writtenNow = inheritedDefaults(root, k);
  const writtenBefore = INHERITED.get(previous.defaults);
  for (const key of METHOD_KEYS) {
    if (g.defaults[key] !== previous.defaults[key] || !writtenBefore || writtenBefore[key].written !== writtenNow[key].written) methods.add(key);
  }
  for (const key of Object.keys(g) as (keyof Globals)[]) {
    if (key === 'mailSystems' || key === 'profiles' || key === 'mailSystemById' || key === 'profileById' || key === 'defaults') continue;
    if (!equalModels(g[key], previous[key])) return undefined;
  }
  const mailSystems = new Set<string>();
  const systems = g.mailSystems.map((m, i) => {
    if (equalModels(m, previous.mailSystems[i])) return previous.mailSystems[i];
    mailSystems.add(m.id);
    return m;
  });
  const mailSystemById = new Map(systems.map((m) => [m.id, m]));
  const profiles = new Set<string>();
  const list = g.profiles.map((p, i) => {
    if (equalModels(p, previous.profiles[i])) return previous.profiles[i];
    profiles.add(p.id);
    return p.mailSystem ? { ...p, mailSystem: mailSystemById.get(p.mailSystem.id) } : p;
  });
  if (!mailSystems.size && !profiles.size && !methods.size) return { globals: previous, profiles, mailSystems, defaults: methods };
  const profileById = profiles.size ? new Map(list.map((p) => [p.id, p])) : previous.profileById;
  const nextDefaults = methods.size || profiles.size ? { ...g.defaults, serverProfile: serverProfile && profileById.get(serverProfile.id) } : previous.defaults;
  if (nextDefaults !== previous.defaults) INHERITED.set(nextDefaults, writtenNow);
  return {
    globals: {
      ...g,
      mailSystems: mailSystems.size ? systems : previous.mailSystems,
      mailSystemById: mailSystems.size ? mailSystemById : previous.mailSystemById,
      profiles: profiles.size ? list : previous.profiles,
      profileById,
      defaults: nextDefaults,
    },
    profiles,
    mailSystems,
    defaults: methods,
  };
}

/** Per default method: whether `systemSettings.defaults` writes it, and its value when known. */
type InheritedDefaults = Readonly<Record<MethodKey, { readonly written: boolean; readonly value: Method | undefined }>>;

/** The defaults' written-ness, kept with the model's `defaults` it was read with (the model holds values only). */
const INHERITED = new WeakMap<object, InheritedDefaults>();

function inheritedDefaults(root: unknown, k: Knowledge): InheritedDefaults {
  const out = {} as Record<MethodKey, { written: boolean; value: Method | undefined }>;
  for (const key of METHOD_KEYS) {
    const p: Path = ['systemSettings', 'defaults', key];
    const v = valueAt(root, p);
    out[key] = { written: v !== undefined, value: typeof v === 'string' && k.known(p) ? (v as Method) : undefined };
  }
  return out;
}

/**
 * The model `buildMailbox` gives a record whose model was `old`, after values outside
 * `mailboxes` changed that the record inherits: a default method, its profile (same ids). What
 * the record itself says is read from `old`.
 */
function derivedMailbox(old: MailboxModel, g: Globals, defaults: InheritedDefaults): MailboxModel {
  const method = (key: MethodKey, value: Method | undefined, source: Source, formatDefault: Method, forwardDefault: Method): [Method | undefined, Source] => {
    if (source === 'written') return [value, 'written'];
    if (old.kind === undefined) return [undefined, 'format'];
    if (old.kind === 'forward') return [forwardDefault, 'format'];
    if (defaults[key].written) return [defaults[key].value, 'default'];
    return [formatDefault, 'format'];
  };
  const [incoming, incomingSource] = method('incomingEmail', old.incomingEmail, old.incomingEmailSource, 'serverSideSync', 'serverSideSync');
  const [outgoing, outgoingSource] = method('outgoingEmail', old.outgoingEmail, old.outgoingEmailSource, 'serverSideSync', 'none');
  const [activities, activitiesSource] = method('appointmentsContactsTasks', old.appointmentsContactsTasks, old.appointmentsContactsTasksSource, 'none', 'none');
  const profile = old.profileId !== undefined ? g.profileById.get(old.profileId) : undefined;
  const processed = old.active === true && (incoming === 'serverSideSync' || outgoing === 'serverSideSync' || activities === 'serverSideSync');
  // Written out in buildMailbox's order: every mailbox model has the same shape (a spread would make another).
  return {
    id: old.id,
    path: old.path,
    kind: old.kind,
    profileId: old.profileId,
    profile,
    profileWritten: old.profileWritten,
    profileUnknown: old.profileUnknown,
    incomingEmail: incoming,
    outgoingEmail: outgoing,
    appointmentsContactsTasks: activities,
    incomingEmailSource: incomingSource,
    outgoingEmailSource: outgoingSource,
    appointmentsContactsTasksSource: activitiesSource,
    mailSystemId: old.mailSystemWritten ? old.mailSystemId : profile?.mailSystemId,
    mailSystemWritten: old.mailSystemWritten,
    emailAddress: old.emailAddress,
    approval: old.approval,
    approvalWritten: old.approvalWritten,
    active: old.active,
    activeWritten: old.activeWritten,
    approvedByExchangeOnlineAdmin: old.approvedByExchangeOnlineAdmin,
    processed,
    syncedByServerSideSync: processed && g.processEmailUsing === 'serverSideSync',
  };
}

/** Structural equality of model values: plain objects, lists, maps and scalars. */
function equalModels(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !equalModels(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !equalModels((a as Obj)[k], (b as Obj)[k])) return false;
  return true;
}

function buildGlobals(root: unknown, k: Knowledge): Globals {
  const has = (p: Path) => valueAt(root, p) !== undefined;
  const get = <T>(p: Path, type: 'string' | 'boolean' | 'number'): T | undefined => {
    const v = valueAt(root, p);
    return typeof v === type && k.known(p) ? (v as T) : undefined;
  };
  /** Effective value: written and known, or the default when absent; undefined when unknown. */
  const eff = <T>(p: Path, type: 'string' | 'boolean' | 'number', dflt: T): T | undefined =>
    has(p) ? get<T>(p, type) : k.known(p) ? dflt : undefined;

  const baselineRaw = get<string>(['baseline'], 'string');
  const baseline: Baseline = baselineRaw === 'd365-8.2' || baselineRaw === 'd365-9' ? baselineRaw : 'crm2016';
  const crmVersionRaw = get<string>(['organization', 'crmVersion'], 'string');
  const crmVersion = crmVersionRaw ?? BASELINE_VERSION[baseline];
  const deployment = get<Deployment>(['organization', 'deployment'], 'string');
  const nonSsl = deployment === 'onPremises' && get<boolean>(['organization', 'deploymentSettings', 'allowNonSslEmail'], 'boolean') === true;
  const processEmailUsing = eff<Engine>(['systemSettings', 'processEmailUsing'], 'string', 'serverSideSync');

  const mailSystems: MailSystemModel[] = entries(valueAt(root, ['mailSystems'])).map(([id]) => {
    const p: Path = ['mailSystems', id];
    return {
      id,
      path: p,
      kind: get<MailSystemKind>([...p, 'kind'], 'string'),
      tenantId: get<string>([...p, 'tenantId'], 'string'),
      version: get<string>([...p, 'version'], 'string'),
      servicePack: eff<string>([...p, 'servicePack'], 'string', 'RTM'),
      servicePackWritten: has([...p, 'servicePack']),
      provider: eff<string>([...p, 'provider'], 'string', 'other'),
      providerWritten: has([...p, 'provider']),
      ewsAuthentication: Array.isArray(valueAt(root, [...p, 'ewsAuthentication'])) && k.known([...p, 'ewsAuthentication'])
        ? (valueAt(root, [...p, 'ewsAuthentication']) as unknown[]).filter((x): x is string => typeof x === 'string')
        : undefined,
      referenced: false,
    };
  });
  const mailSystemById = new Map(mailSystems.map((m) => [m.id, m]));

  const connection = (pid: string, dir: 'in' | 'out', useSame: boolean | undefined, type: ServerType | undefined): ConnectionModel => {
    const base: Path = ['serverProfiles', pid];
    const path: Path = [...base, dir === 'in' ? 'incoming' : 'outgoing'];
    const incoming: Path = [...base, 'incoming'];
    // Credential keys of the outgoing connection come from incoming unless useSame is false.
    const credentialPath = dir === 'out' && useSame !== false ? incoming : path;
    const credUnknown = dir === 'out' && useSame === undefined;
    const cred = <T>(key: string, type2: 'string' | 'boolean', dflt?: T): T | undefined =>
      credUnknown ? undefined : dflt === undefined ? get<T>([...credentialPath, key], type2) : eff<T>([...credentialPath, key], type2, dflt);
    let serverLocationPath: Path | undefined;
    if (has([...path, 'serverLocation'])) serverLocationPath = [...path, 'serverLocation'];
    else if (dir === 'out' && familyOf(type) === 'EX' && has([...incoming, 'serverLocation'])) serverLocationPath = [...incoming, 'serverLocation'];
    return {
      dir,
      path,
      credentialPath,
      written: isObj(valueAt(root, path)),
      auth: cred<Auth>('authenticateUsing', 'string'),
      authWritten: has([...credentialPath, 'authenticateUsing']),
      useImpersonation: cred<boolean>('useImpersonation', 'boolean', false),
      useImpersonationWritten: has([...credentialPath, 'useImpersonation']),
      hasUsername: !credUnknown && has([...credentialPath, 'username']),
      hasPassword: !credUnknown && has([...credentialPath, 'password']),
      mfa: cred<boolean>('mfa', 'boolean', false),
      serverLocation: serverLocationPath ? get<string>(serverLocationPath, 'string') : undefined,
      serverLocationPath,
      useSsl: eff<boolean>([...path, 'useSsl'], 'boolean', true),
      useSslWritten: has([...path, 'useSsl']),
      port: get<number>([...path, 'port'], 'number'),
      authProtocol: eff<string>([...path, 'authProtocol'], 'string', 'autoDetect'),
      authProtocolWritten: has([...path, 'authProtocol']),
    };
  };

  const profiles: ProfileModel[] = entries(valueAt(root, ['serverProfiles'])).map(([id]) => {
    const p: Path = ['serverProfiles', id];
    const serverType = get<ServerType>([...p, 'serverType'], 'string');
    const msId = get<string>([...p, 'mailSystem'], 'string');
    const mailSystem = msId !== undefined ? mailSystemById.get(msId) : undefined;
    if (mailSystem) mailSystem.referenced = true;
    const autodiscoverDefault = serverType === 'exchangeOnline' || serverType === 'exchangeOnlineHybrid';
    const autodiscover = has([...p, 'autodiscover'])
      ? get<boolean>([...p, 'autodiscover'], 'boolean')
      : serverType !== undefined ? autodiscoverDefault : undefined;
    const useSame = eff<boolean>([...p, 'useSameSettingsForOutgoing'], 'boolean', true);
    const incoming = connection(id, 'in', useSame, serverType);
    const outgoing = connection(id, 'out', useSame, serverType);
    return {
      id,
      path: p,
      serverType,
      family: familyOf(serverType),
      mailSystemId: mailSystem ? msId : undefined,
      mailSystem,
      autodiscover,
      autodiscoverWritten: has([...p, 'autodiscover']),
      useSameSettingsForOutgoing: useSame,
      incoming,
      outgoing,
      credentialConnections: useSame === false ? [incoming, outgoing] : [incoming],
      active: eff<boolean>([...p, 'active'], 'boolean', true),
      activeWritten: has([...p, 'active']),
      oauth: {
        written: isObj(valueAt(root, [...p, 'oauth'])),
        applicationId: get<string>([...p, 'oauth', 'applicationId'], 'string'),
        hasClientSecret: has([...p, 'oauth', 'clientSecret']),
      },
    };
  });
  const profileById = new Map(profiles.map((pr) => [pr.id, pr]));

  const d: Path = ['systemSettings', 'defaults'];
  const defaultProfileId = get<string>([...d, 'serverProfile'], 'string');
  const defaultProfile = defaultProfileId !== undefined ? profileById.get(defaultProfileId) : undefined;
  const defaults = {
    serverProfileWritten: has([...d, 'serverProfile']),
    serverProfileId: defaultProfile ? defaultProfileId : undefined,
    serverProfile: defaultProfile,
    incomingEmail: get<Method>([...d, 'incomingEmail'], 'string'),
    outgoingEmail: get<Method>([...d, 'outgoingEmail'], 'string'),
    appointmentsContactsTasks: get<Method>([...d, 'appointmentsContactsTasks'], 'string'),
  };
  INHERITED.set(defaults, inheritedDefaults(root, k));

  return {
    baseline,
    baselineWritten: has(['baseline']),
    crmVersion,
    crmVersionWritten: crmVersionRaw !== undefined,
    crmVersionNumber: Number(crmVersion),
    deployment,
    tenantId: get<string>(['organization', 'tenantId'], 'string'),
    nonSsl,
    processEmailUsing,
    mailSystems,
    profiles,
    mailSystemById,
    profileById,
    defaults,
  };
}

function buildMailbox(root: unknown, k: Knowledge, g: Globals, id: string): MailboxModel {
  const has = (p: Path) => valueAt(root, p) !== undefined;
  const get = <T>(p: Path, type: 'string' | 'boolean' | 'number'): T | undefined => {
    const v = valueAt(root, p);
    return typeof v === type && k.known(p) ? (v as T) : undefined;
  };
  const { defaults, profileById, mailSystemById, processEmailUsing } = g;
  const d: Path = ['systemSettings', 'defaults'];
  const p: Path = ['mailboxes', id];
  const kind = get<MailboxKind>([...p, 'kind'], 'string');
  const method = (key: 'incomingEmail' | 'outgoingEmail' | 'appointmentsContactsTasks', formatDefault: Method, forwardDefault: Method): [Method | undefined, Source] => {
    if (has([...p, key])) return [get<Method>([...p, key], 'string'), 'written'];
    if (kind === undefined) return [undefined, 'format'];
    if (kind === 'forward') return [forwardDefault, 'format'];
    if (has([...d, key])) return [get<Method>([...d, key], 'string'), 'default'];
    return [formatDefault, 'format'];
  };
  const [incoming, incomingSource] = method('incomingEmail', 'serverSideSync', 'serverSideSync');
  const [outgoing, outgoingSource] = method('outgoingEmail', 'serverSideSync', 'none');
  const [activities, activitiesSource] = method('appointmentsContactsTasks', 'none', 'none');

  const profileWritten = has([...p, 'serverProfile']);
  let profileId: string | undefined;
  let profileUnknown = false;
  if (profileWritten) {
    const v = get<string>([...p, 'serverProfile'], 'string');
    if (v !== undefined && profileById.has(v)) profileId = v;
    else profileUnknown = true;
  } else if (defaults.serverProfileWritten) {
    if (defaults.serverProfile) profileId = defaults.serverProfileId;
    else profileUnknown = true;
  }
  const profile = profileId !== undefined ? profileById.get(profileId) : undefined;

  const mailSystemWritten = has([...p, 'mailSystem']);
  let mailSystemId: string | undefined;
  if (mailSystemWritten) {
    const v = get<string>([...p, 'mailSystem'], 'string');
    mailSystemId = v !== undefined && mailSystemById.has(v) ? v : undefined;
  } else {
    mailSystemId = profile?.mailSystemId;
  }

  const active = has([...p, 'active']) ? get<boolean>([...p, 'active'], 'boolean') : k.known([...p, 'active']) ? true : undefined;
  // An inactive mailbox is never processed (Test & Enable fails with MailboxDisabled); an unknown
  // `active` leaves it unprocessed too, so that rules reading `processed` skip it.
  const processed = active === true && (incoming === 'serverSideSync' || outgoing === 'serverSideSync' || activities === 'serverSideSync');
  return {
    id,
    path: p,
    kind,
    profileId,
    profile,
    profileWritten,
    profileUnknown,
    incomingEmail: incoming,
    outgoingEmail: outgoing,
    appointmentsContactsTasks: activities,
    incomingEmailSource: incomingSource,
    outgoingEmailSource: outgoingSource,
    appointmentsContactsTasksSource: activitiesSource,
    mailSystemId,
    mailSystemWritten,
    emailAddress: get<string>([...p, 'emailAddress'], 'string'),
    approval: get<string>([...p, 'approval'], 'string'),
    approvalWritten: has([...p, 'approval']),
    active,
    activeWritten: has([...p, 'active']),
    approvedByExchangeOnlineAdmin: get<boolean>([...p, 'approvedByExchangeOnlineAdmin'], 'boolean'),
    processed,
    syncedByServerSideSync: processed && processEmailUsing === 'serverSideSync',
  };
}
