/**
 * `crmsync export`: the Web API requests that make an organisation match a plan. Delta mode
 * (`--against`) imports the export, matches records (crmsync:id, then names) and writes only the differences
 * compare.ts finds in the plan domain; full mode writes every writable key of the records with a
 * `crmsync:id`. New profiles are created with a UUID v5 GUID, Test & Enable goes to phase 2,
 * approvals to the regarding user or queue, secrets never; what cannot be
 * written is reported as export/* findings placed in the plan. Pure; never throws on user input.
 */
import type { Analysis } from '../analysis';
import { documentStart, keySpan, reportSpan, valueSpan } from '../analysis/locate';
import { valueAt } from '../analysis/model';
import type { LineIndex } from '../analysis/text';
import type { Finding, Path, SeverityOverride, Span, TextEdit } from '../analysis/types';
import { loadOrganization, matchPlan, type Organization } from './against';
import type { WebApiRequest } from './batch';
import { commandSeverity } from './command-ids';
import { applies, compareRecord, effective, instantOf, recordPath, ROWS, type Difference, type EffectiveValue, type Resolver } from './compare';
import type { ImportDiagnostic } from './diagnostics';
import {
  bytesForAttachmentKb,
  codeForToken,
  DEFAULT_EMAIL_SETTINGS,
  maximumForTrackingTokens,
  stateForActive,
  writeDefaultEmailSettings,
  type MappingRow,
  type RecordKind,
} from './mapping';
import { idComments, recordIds } from './match';
import type { ExportFile } from './reader';
import { uuidV5 } from './uuid';
import { viewOfAnalysis, type PlanView } from './view';

export interface ExportOptions {
  /** The files of `--against`; undefined for full mode. */
  readonly against?: readonly ExportFile[];
  readonly apiVersion: string;
  readonly scheduleTest: boolean;
  readonly ifMatch: 'any' | 'etag';
  readonly allowErrors: boolean;
  readonly writeIds: boolean;
  /** `--rule <id>=<severity>` for export/* ids (the plan checks get theirs through the analyzer). */
  readonly ruleOverrides?: Readonly<Record<string, SeverityOverride>>;
}

export interface ExportResult {
  readonly requests: readonly WebApiRequest[];
  /** Ordered by position in the plan, then id. When refused: export/plan-has-errors and the error findings of the checks. */
  readonly findings: readonly Finding[];
  /** Nothing may be written (error findings of the checks, or a matching error): exit 1. */
  readonly refused: boolean;
  /** The `--against` input has an import error: exit 2. */
  readonly inputError: boolean;
  readonly importDiagnostics: readonly ImportDiagnostic[];
  /** With `writeIds`: the `# crmsync:id` comments of the created profiles. */
  readonly planEdits: readonly TextEdit[];
  readonly lines: LineIndex;
  readonly exportFiles: number;
}

const NAMESPACE = '4c8e9c0a-3534-41f0-b36a-af7eb93f8544';

const pointer = (path: Path): string => path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

const isError = (f: Finding): boolean => f.severity === 'error';

class Collector {
  readonly findings: Finding[] = [];
  constructor(
    private readonly view: PlanView,
    private readonly overrides: Readonly<Record<string, SeverityOverride>>,
  ) {}
  add(id: string, span: Span | undefined, message: string): void {
    const severity = Object.prototype.hasOwnProperty.call(this.overrides, id) ? this.overrides[id] : commandSeverity(id);
    if (severity === 'off') return;
    const at = span && span.end > span.start ? span : documentStart(this.view.parsed.text);
    this.findings.push({ ruleId: id, severity, message, span: at, related: [], fixes: [] });
  }
  key(path: Path): Span | undefined {
    return keySpan(this.view.parsed, path) ?? reportSpan(this.view.parsed, path, 'key');
  }
  value(path: Path): Span | undefined {
    return valueSpan(this.view.parsed, path) ?? this.key(path);
  }
}

const label = (kind: RecordKind, id: string): string => (kind === 'organization' ? '' : `${kind === 'profile' ? 'Profile' : 'Mailbox'} '${id}': `);

/** Why a key of write mode `report` is not written. */
function notWrittenReason(row: MappingRow): string {
  switch (row.path.join('.')) {
    case 'kind':
      return "kind cannot be changed through the Web API (the mailbox's isforwardmailbox is read-only)";
    case 'regarding':
      return "regarding cannot be changed through the Web API (the mailbox's regardingobjectid is read-only)";
    case 'owner':
      return 'owner is not written: an assignment needs a user or team GUID';
    case 'trackedFolders':
      return 'trackedFolders are not written: a tracking folder row needs its exchangefolderid and the tracked record';
    case 'actSyncThisOrgOnly':
      return 'actSyncThisOrgOnly is not written: the attribute behind the check box is not known';
    case 'systemSettings.tracking.trackingTokens.prefix':
      return 'trackingTokens.prefix is not written: trackingprefix is a history list whose format is not known';
    case 'approvedByExchangeOnlineAdmin':
      return 'approvedByExchangeOnlineAdmin is not written: isemailaddressapprovedbyo365admin is read-only and set when an Exchange administrator approves the address';
    default:
      return row.path[0] === 'status' ? `${row.path.join('.')} is a test result that CRM sets` : `${row.path.join('.')} cannot be written through the Web API`;
  }
}

const SECRET_NOUN: Readonly<Record<string, string>> = {
  oauthclientsecret: 'client secret',
  incomingpassword: 'incoming password',
  outgoingpassword: 'outgoing password',
  password: 'password',
};

/** The pending body of one record: properties in row order, the plan pointers that caused them. */
class Body {
  readonly props: Record<string, unknown> = {};
  readonly plan: string[] = [];
  state?: { active: boolean; pointer: string };
  put(attribute: string, value: unknown, path: Path): void {
    this.props[attribute] = value;
    const p = pointer(path);
    if (!this.plan.includes(p)) this.plan.push(p);
  }
  get empty(): boolean {
    return Object.keys(this.props).length === 0;
  }
}

interface Context {
  readonly c: Collector;
  readonly view: PlanView;
  readonly org?: Organization;
  readonly resolver: Resolver;
  readonly options: ExportOptions;
}

/** Writes one difference into `body` (or reports it); returns whether it changed a property. */
function writeDifference(ctx: Context, kind: RecordKind, id: string, d: Difference, body: Body, orgRow: Readonly<Record<string, unknown>>): boolean {
  const { c, view } = ctx;
  const row = d.row;
  const key = row.path.join('.');
  const at = d.plan.written ? c.value(d.path) : c.key(recordPath(kind, id).length > 0 ? recordPath(kind, id) : d.path);
  if (row.write === 'none') return false;
  if (row.write === 'never') {
    if (d.org === undefined && d.plan.written) {
      const ref = valueAt(view.value, [...d.path, 'secretRef']);
      c.add(
        'export/secret-required',
        at,
        `${label(kind, id)}Dataverse has no ${SECRET_NOUN[row.attribute] ?? 'secret'} set (${row.attribute}); set the secret of ${typeof ref === 'string' ? ref : 'the reference'} in CRM.`,
      );
    }
    return false;
  }
  if (row.write === 'report') {
    if (row.path[0] === 'status') return false; // Handled with Test & Enable.
    c.add('export/not-written', at, `${label(kind, id)}${notWrittenReason(row)}; change it in CRM.`);
    return false;
  }
  const v = d.plan.value;
  if (key === 'active') {
    body.state = { active: v === true, pointer: pointer(d.path) };
    return true;
  }
  if (key === 'approval') return false; // Written on the regarding record.
  if (row.type === 'lookup') {
    const guid = ctx.resolver.planProfile(String(v));
    if (guid === undefined) {
      c.add('export/not-in-org', at, `${label(kind, id)}${key} names profile '${String(v)}', which has no organization GUID; it is not written.`);
      return false;
    }
    body.put(`${row.navigation}@odata.bind`, `/${row.target}(${guid})`, d.path);
    return true;
  }
  if (kind === 'profile' && key === 'serverType') {
    const code = codeForToken('serverType', String(v));
    if (!ctx.org && code === undefined) return false; // Full mode: nothing to compare with, nothing that can be written.
    if (code === undefined || d.org?.value === 'exchangeOnline') {
      c.add('export/not-written', at, `${label(kind, id)}serverType ${d.org?.value === 'exchangeOnline' ? 'from' : 'to'} exchangeOnline cannot be written: exchangeOnline has no servertype code; change it in CRM.`);
      return false;
    }
    body.put('servertype', code, d.path);
    return true;
  }
  const value = attributeValue(ctx, row, d.plan, orgRow);
  if (value === undefined) {
    // A default the author did not write (full mode) is left out silently, as before.
    if (!d.plan.written) return false;
    const why =
      row.attribute === 'maximumtrackingnumber'
        ? 'trackingTokens.enabled: true needs trackingTokens.counterDigits to give maximumtrackingnumber; add counterDigits'
        : `${key} has no Web API value for ${row.attribute}; change it in CRM`;
    c.add('export/not-written', at, `${label(kind, id)}${why}; it is not written.`);
    return false;
  }
  body.put(row.attribute, value, d.path);
  if (key === 'advanced.mailboxConnectionTimeoutMs') body.put('timeoutmailboxconnection', true, d.path);
  return true;
}

/** The Web API value of a written or default plan value; undefined when it has none. */
function attributeValue(ctx: Context, row: MappingRow, p: EffectiveValue, orgRow: Readonly<Record<string, unknown>>): unknown {
  const v = p.value;
  const key = row.path.join('.');
  if (row.type === 'option') return row.optionSet ? codeForToken(row.optionSet, String(v)) : undefined;
  if (row.type === 'instant') {
    const t = instantOf(String(v));
    return Number.isNaN(t) ? undefined : new Date(t).toISOString().replace('.000Z', 'Z');
  }
  if (row.type !== 'special') return v;
  if (row.attribute === 'defaultemailsettings') {
    const codes: Partial<Record<'incomingEmail' | 'outgoingEmail' | 'appointmentsContactsTasks', number>> = {};
    for (const s of DEFAULT_EMAIL_SETTINGS) {
      const r = ROWS.organization.find((x) => x.path.join('.') === `systemSettings.defaults.${s.key}`)!;
      const e = effective(ctx.view, 'organization', '', r);
      if (e.state === 'value') codes[s.key] = codeForToken(s.optionSet, String(e.value));
    }
    return writeDefaultEmailSettings(orgRow.defaultemailsettings, codes);
  }
  if (row.attribute === 'maximumtrackingnumber') {
    const get = (k: string) => {
      const r = ROWS.organization.find((x) => x.path.join('.') === `systemSettings.tracking.trackingTokens.${k}`)!;
      const e = effective(ctx.view, 'organization', '', r);
      return e.state === 'value' ? e.value : undefined;
    };
    const enabled = get('enabled');
    const digits = get('counterDigits');
    if (enabled === false) return 0;
    return typeof digits === 'number' ? maximumForTrackingTokens(true, digits) : undefined;
  }
  if (key === 'systemSettings.maxAttachmentSizeKb') return typeof v === 'number' ? bytesForAttachmentKb(v) : undefined;
  if (key === 'advanced.mailboxConnectionTimeoutMs') return v;
  return undefined;
}

/** The requests of one record: its state change before (activation) or after (deactivation) its PATCH. */
function recordRequests(ctx: Context, url: string, body: Body, etag: unknown): { method: 'PATCH'; url: string; headers: Record<string, string>; body: Record<string, unknown>; plan: string[] }[] {
  const headers = { 'Content-Type': 'application/json', 'If-Match': ctx.options.ifMatch === 'etag' && typeof etag === 'string' ? etag : '*' };
  const main = body.empty ? [] : [{ method: 'PATCH' as const, url, headers, body: body.props, plan: body.plan }];
  if (!body.state) return main;
  const state = { method: 'PATCH' as const, url, headers, body: { ...stateForActive(body.state.active) }, plan: [body.state.pointer] };
  return body.state.active ? [state, ...main] : [...main, state];
}

const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Whether a profile row goes into the body of a POST (a new profile): it applies to the server type family. */
function appliesOnCreate(view: PlanView, id: string, row: MappingRow): boolean {
  const p = view.model.profileById.get(id);
  if (row.applies === 'notSameSettings') {
    if (p?.useSameSettingsForOutgoing === false) return true;
    const incoming = ROWS.profile.find((r) => r.path[0] === 'incoming' && r.path[1] === row.path[1]);
    return incoming ? applies(incoming, p) === true : false;
  }
  return applies(row, p) === true;
}

/** Computes the requests and findings of `crmsync export` for an analysed plan. */
export function exportPlan(analysis: Analysis, options: ExportOptions): ExportResult {
  const base = { requests: [], planEdits: [], lines: analysis.lines, importDiagnostics: [] as readonly ImportDiagnostic[], exportFiles: options.against?.length ?? 0 };
  const view = viewOfAnalysis(analysis);
  const errors = analysis.findings.filter(isError);
  const refuse = (c: Collector | undefined): ExportResult => {
    const first: Finding = {
      ruleId: 'export/plan-has-errors',
      severity: 'error',
      message: `The plan has ${errors.length === 1 ? '1 error' : `${errors.length} errors`}, so export writes nothing; fix them, or use --allow-errors.`,
      span: documentStart(analysis.text),
      related: [],
      fixes: [],
    };
    return { ...base, findings: [first, ...errors, ...(c?.findings ?? [])], refused: true, inputError: false };
  };
  if (!view || (errors.length > 0 && !options.allowErrors)) return refuse(undefined);

  let org: Organization | undefined;
  let importDiagnostics: readonly ImportDiagnostic[] = [];
  if (options.against) {
    const loaded = loadOrganization(options.against);
    importDiagnostics = loaded.result.diagnostics;
    if (!loaded.organization) return { ...base, importDiagnostics, findings: [], refused: false, inputError: true };
    org = loaded.organization;
  }
  const c = new Collector(view, options.ruleOverrides ?? {});
  const ids = idComments(view);
  const done = (requests: WebApiRequest[], planEdits: TextEdit[]): ExportResult => {
    const findings = c.findings.sort((a, b) => a.span.start - b.span.start || ordinal(a.ruleId, b.ruleId));
    // A matching error refuses even with --allow-errors: the requests could go to the wrong record.
    const refused = findings.some(isError);
    return { ...base, importDiagnostics, findings, refused, inputError: false, requests: refused ? [] : requests, planEdits: refused ? [] : planEdits };
  };

  // Matching; full mode uses rule 1 only, without an organisation to look in.
  const profileGuid = new Map<string, string>();
  const mailboxGuid = new Map<string, string>();
  const unmatchedProfiles: string[] = [];
  const unmatchedMailboxes: string[] = [];
  if (org) {
    const m = matchPlan(view, ids, org);
    if (m.wrongOrganization) {
      c.add('export/wrong-organization', m.wrongOrganization.comment.span, m.wrongOrganization.message.replace('so nothing is compared', 'so export writes nothing'));
      return done([], []);
    }
    for (const [map, mm] of [
      ['serverProfiles', m.profiles],
      ['mailboxes', m.mailboxes],
    ] as const) {
      for (const issue of mm.issues) c.add(`export/${issue.kind}`, issue.span ?? c.key(issue.path), issue.message.replace('It is not compared.', 'Nothing is written for it.'));
      for (const [id, o] of mm.matched) (map === 'serverProfiles' ? profileGuid : mailboxGuid).set(id, o.guid);
      (map === 'serverProfiles' ? unmatchedProfiles : unmatchedMailboxes).push(...mm.unmatched);
    }
  } else {
    c.add('export/full-mode', documentStart(analysis.text), 'Without --against, export rewrites every value of the records with a crmsync:id, which fires business logic and auditing; pass a fresh export with --against to write only the differences.');
    for (const [map, ofMap, guids, unmatched] of [
      ['serverProfiles', ids.serverProfiles, profileGuid, unmatchedProfiles],
      ['mailboxes', ids.mailboxes, mailboxGuid, unmatchedMailboxes],
    ] as const) {
      const seen = new Map<string, string>();
      for (const id of recordIds(view.value, map)) {
        const comment = ofMap.get(id);
        if (!comment) {
          unmatched.push(id);
          continue;
        }
        const first = seen.get(comment.guid);
        if (first !== undefined) {
          c.add('export/duplicate-id', comment.span, `${map === 'serverProfiles' ? 'Profile' : 'Mailbox'} '${id}' has the same crmsync:id ${comment.guid} as '${first}'; each record needs its own. Nothing is written for it.`);
          continue;
        }
        seen.set(comment.guid, id);
        guids.set(id, comment.guid);
      }
    }
  }

  // New profiles.
  const orgGuid = ids.organization?.guid ?? org?.guid;
  const orgName = valueAt(view.value, ['organization', 'name']);
  const newProfiles = new Map<string, string>();
  for (const id of unmatchedProfiles) {
    const serverType = effective(view, 'profile', id, ROWS.profile.find((r) => r.path[0] === 'serverType')!);
    if (serverType.state === 'value' && serverType.value === 'exchangeOnline') {
      c.add('export/not-written', c.key(['serverProfiles', id]), `Profile '${id}' is not in the organization and cannot be created: exchangeOnline has no servertype code; create it in the admin center.`);
      continue;
    }
    const name = `emailserverprofile:${orgGuid ?? `name:${typeof orgName === 'string' ? orgName : ''}`}:${id}`;
    newProfiles.set(id, uuidV5(NAMESPACE, name));
  }
  const resolver: Resolver = {
    planProfile: (id) => profileGuid.get(id) ?? newProfiles.get(id),
    orgProfile: (id) => org?.profiles.get(id)?.guid,
  };
  const ctx: Context = { c, view, org, resolver, options };
  const api = `/api/data/${options.apiVersion}`;

  /** The differences of a record: compared with the organisation, or (full mode) every effective value. */
  const differencesOf = (kind: RecordKind, planId: string, orgId: string | undefined, orgRow: Readonly<Record<string, unknown>>): Difference[] => {
    if (org) {
      if (orgId === undefined) return [];
      // A written status is compared with notRun where import left an all-notRun status out, as
      // diff does; an Exchange Online approval also where the mailbox moves to such a profile.
      const cmp = compareRecord(view, org.view, kind, planId, orgId, orgRow, resolver, org.foldersExported, { statusNotRun: true, approvalFromRow: true });
      for (const p of cmp.skipped) {
        c.add('export/skipped', c.value(p), `${label(kind, planId)}${p.slice(kind === 'organization' ? 0 : 2).join('.')} is unknown or a placeholder, so it is neither compared nor written.`);
      }
      return [...cmp.differences];
    }
    const out: Difference[] = [];
    const profile = kind === 'profile' ? view.model.profileById.get(planId) : undefined;
    for (const row of ROWS[kind]) {
      if (row.write !== 'value' || row.compare === 'no') continue;
      if (kind === 'profile' && applies(row, profile) !== true) continue;
      const e = effective(view, kind, planId, row);
      const path = [...recordPath(kind, planId), ...row.path];
      if (e.state === 'unknown') {
        if (e.written) c.add('export/skipped', c.value(path), `${label(kind, planId)}${row.path.join('.')} is unknown or a placeholder, so it is neither compared nor written.`);
        continue;
      }
      if (e.state !== 'value') continue;
      if (row.path[0] === 'approval') {
        if (e.written) c.add('export/not-in-org', c.value(path), `Mailbox '${planId}': approval needs the GUID of the mailbox's user or queue, which only --against gives; it is not written.`);
        continue;
      }
      out.push({ row, path, plan: e });
    }
    return out;
  };

  const group1: Omit<WebApiRequest, 'phase' | 'atomicGroup'>[] = [];
  // POSTs of new profiles, by plan id.
  const created = [...newProfiles.keys()].sort(ordinal);
  const planEdits: TextEdit[] = [];
  const lateState: Omit<WebApiRequest, 'phase' | 'atomicGroup'>[] = [];
  for (const id of created) {
    const guid = newProfiles.get(id)!;
    const body: Record<string, unknown> = { emailserverprofileid: guid };
    const fake = new Body();
    for (const row of ROWS.profile) {
      const path = ['serverProfiles', id, ...row.path];
      const e = effective(view, 'profile', id, row);
      if (e.state === 'unknown') {
        if (e.written && row.write === 'value') c.add('export/skipped', c.value(path), `Profile '${id}': ${row.path.join('.')} is unknown or a placeholder, so it is neither compared nor written.`);
        continue;
      }
      if (e.state !== 'value' || !appliesOnCreate(view, id, row)) continue;
      if (row.write === 'never') {
        if (e.written) {
          const ref = valueAt(view.value, [...path, 'secretRef']);
          c.add(
            'export/secret-required',
            c.value(path),
            `Profile '${id}' is new, so Dataverse has no ${SECRET_NOUN[row.attribute] ?? 'secret'} for it (${row.attribute}); set the secret of ${typeof ref === 'string' ? ref : 'the reference'} in CRM after the batch has run.`,
          );
        }
        continue;
      }
      if (row.write === 'report' && e.written) {
        c.add('export/not-written', c.value(path), `Profile '${id}' is new: ${notWrittenReason(row)}; it is created owned by the user who runs the batch, so change it in CRM after the batch has run.`);
        continue;
      }
      if (row.write !== 'value') continue;
      if (row.path[0] === 'active') {
        if (e.value === false) fake.state = { active: false, pointer: pointer(path) };
        continue;
      }
      writeDifference(ctx, 'profile', id, { row, path, plan: e }, fake, {});
    }
    Object.assign(body, fake.props);
    group1.push({ method: 'POST', url: `${api}/emailserverprofiles`, headers: { 'Content-Type': 'application/json; type=entry' }, body, plan: [pointer(['serverProfiles', id])] });
    if (fake.state) lateState.push(...recordRequests(ctx, `${api}/emailserverprofiles(${guid})`, Object.assign(new Body(), { state: fake.state }), undefined));
    c.add('export/new-record', c.key(['serverProfiles', id]), `Profile '${id}' will be created with id ${guid}; add "# crmsync:id ${guid}" after its key, or run with --write-ids.`);
    if (options.writeIds) {
      const key = keySpan(view.parsed, ['serverProfiles', id]);
      if (key) {
        const line = view.parsed.lines.position(key.start).line;
        const end = view.parsed.lines.lineEnd(line);
        const rest = analysis.text.slice(key.end, end);
        const colon = rest.indexOf(':');
        const at = /^\s*:\s*$/.test(rest) ? key.end + rest.replace(/\s+$/, '').length : key.end + colon + 1;
        if (colon >= 0) planEdits.push({ span: { start: at, end: at }, newText: ` # crmsync:id ${guid}` });
      }
    }
  }
  group1.push(...lateState);

  // Profile PATCHes, by plan id.
  for (const id of [...profileGuid.keys()].sort(ordinal)) {
    const guid = profileGuid.get(id)!;
    const imported = org?.profileByGuid.get(guid);
    const body = new Body();
    for (const d of differencesOf('profile', id, imported?.id ?? (org ? undefined : ''), imported?.row ?? {})) writeDifference(ctx, 'profile', id, d, body, imported?.row ?? {});
    group1.push(...recordRequests(ctx, `${api}/emailserverprofiles(${guid})`, body, imported?.row['@odata.etag']));
  }
  // The organization PATCH.
  const orgId = ids.organization?.guid ?? org?.guid;
  if (orgId !== undefined) {
    const body = new Body();
    const orgRow = org?.row ?? {};
    for (const d of differencesOf('organization', '', org ? '' : '', orgRow)) writeDifference(ctx, 'organization', '', d, body, orgRow);
    group1.push(...recordRequests(ctx, `${api}/organizations(${orgId})`, body, orgRow['@odata.etag']));
  } else if (!org) {
    c.add('export/not-in-org', c.key(['organization']), 'The organization has no crmsync:id, so its settings are not written in full mode.');
  }

  const requests: WebApiRequest[] = [];
  const group = group1.length > 0 ? 1 : 0;
  for (const r of group1) requests.push({ phase: 1, atomicGroup: 1, ...r });
  let nextGroup = group + 1;

  // Approvals and mailboxes, by plan id; Test & Enable in phase 2.
  const phase2: WebApiRequest[] = [];
  const TEST_KEYS = new Set(['serverProfile', 'emailAddress', 'incomingEmail', 'outgoingEmail', 'appointmentsContactsTasks', 'credentials.allowUse', 'credentials.username', 'active']);
  for (const id of unmatchedMailboxes) {
    c.add('export/not-in-org', c.key(['mailboxes', id]), `Mailbox '${id}' is not in the organization${org ? '' : ' (it has no crmsync:id)'}; export never creates mailboxes: user and queue mailboxes come with their user or queue, a forward mailbox is made with "New Forward Mailbox" in CRM.`);
  }
  const mailboxByGuid = new Map([...(org?.mailboxes.values() ?? [])].map((r) => [r.guid, r]));
  for (const id of [...mailboxGuid.keys()].sort(ordinal)) {
    const guid = mailboxGuid.get(id)!;
    const imported = mailboxByGuid.get(guid);
    const row = imported?.row ?? {};
    const body = new Body();
    const diffs = differencesOf('mailbox', id, imported?.id ?? (org ? undefined : ''), row);
    const testPlan: string[] = [];
    let testScheduled = false;
    const activeE = effective(view, 'mailbox', id, ROWS.mailbox.find((r) => r.path[0] === 'active')!);
    const active = activeE.state !== 'value' || activeE.value === true;
    // Test & Enable for a plan that expects success: compared here, since the organisation leaves a status that is not success unwritten.
    if (org && imported && active) {
      for (const r of ROWS.mailbox.filter((x) => x.path[0] === 'status')) {
        const p = effective(view, 'mailbox', id, r);
        const o = effective(org.view, 'mailbox', imported.id, r);
        if (p.state === 'value' && p.written && p.value === 'success' && !(o.state === 'value' && o.value === 'success')) testScheduled = true;
      }
    }
    for (const d of diffs) {
      const key = d.row.path.join('.');
      if (key === 'approval') {
        const code = d.plan.value === 'approved' ? 1 : d.plan.value === 'rejected' ? 3 : undefined;
        const regarding = row._regardingobjectid_value;
        const set = row['_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname'] === 'queue' ? 'queues' : 'systemusers';
        if (code === undefined) c.add('export/not-written', c.value(d.path), `Mailbox '${id}': approval ${String(d.plan.value)} is a state CRM sets; change it in CRM.`);
        else if (typeof regarding !== 'string') c.add('export/not-in-org', c.value(d.path), `Mailbox '${id}': approval needs the GUID of the mailbox's user or queue, which the export lacks; it is not written.`);
        else {
          requests.push({ phase: 1, atomicGroup: null, method: 'PATCH', url: `${api}/${set}(${regarding.toLowerCase()})`, headers: { 'Content-Type': 'application/json', 'If-Match': '*' }, body: { emailrouteraccessapproval: code }, plan: [pointer(d.path)] });
          if (code === 1 && options.scheduleTest) testPlan.push(pointer(d.path));
        }
        continue;
      }
      if (d.row.path[0] === 'status') {
        if (d.plan.value !== 'success' || !active) c.add('export/not-written', c.value(d.path), `Mailbox '${id}': ${notWrittenReason(d.row)}; it is not written.`);
        continue;
      }
      if (writeDifference(ctx, 'mailbox', id, d, body, row) && options.scheduleTest && TEST_KEYS.has(key)) testPlan.push(pointer(d.path));
    }
    const reqs = recordRequests(ctx, `${api}/mailboxes(${guid})`, body, row['@odata.etag']);
    const g = reqs.length > 1 ? nextGroup++ : null;
    for (const r of reqs) requests.push({ phase: 1, atomicGroup: g, ...r });
    if (testScheduled) {
      c.add('export/test-scheduled', c.key(['mailboxes', id, 'status']), `Mailbox '${id}': the plan expects successful tests, so Test & Enable is scheduled (testemailconfigurationscheduled) in phase 2.`);
    }
    if ((testScheduled || testPlan.length > 0) && active) {
      // In the row order of the mailbox mapping: `status` comes last.
      const plan = [...testPlan, ...(testScheduled ? [pointer(['mailboxes', id, 'status'])] : [])];
      phase2.push({ phase: 2, atomicGroup: null, method: 'PATCH', url: `${api}/mailboxes(${guid})`, headers: { 'Content-Type': 'application/json', 'If-Match': '*' }, body: { testemailconfigurationscheduled: true }, plan });
    }
  }
  if (phase2.length > 200) c.add('export/test-enable-limit', c.key(['mailboxes']), `${phase2.length} mailboxes are scheduled for Test & Enable; Microsoft advises at most 200 every 5 hours: split the phase-2 files with --batch-size and send them hours apart.`);
  requests.push(...phase2);
  if (valueAt(view.value, ['organization', 'deploymentSettings']) !== undefined) {
    c.add('export/not-webapi', c.key(['organization', 'deploymentSettings']), 'deploymentSettings are not in the Web API: set them with PowerShell (Set-CrmAdvancedSetting) or the Deployment SDK.');
  }
  return done(requests, planEdits);
}
