/**
 * The picture of a plan (overview-model.ts) from its analysis: the organisation, mail systems,
 * server profiles and groups of mailboxes, each with the findings placed inside its records.
 * Read from the model (effective values, inheritance and defaults already applied), so what the
 * picture says is what the rules checked; what the model does not know is left out or shown as
 * unknown, never guessed. No value of a password, client secret or secret reference is read.
 *
 * Linear in the plan: one pass over the mailboxes for the groups and counts, one sort of the
 * records by offset, and a binary search per finding to find the record it lies in.
 */
import { isMap, isPair, type Node } from 'yaml';
import type { Analysis, Finding, Severity } from '../analysis';
import { documentStart, keySpan, locate } from '../analysis/locate';
import { valueAt, type MailboxModel, type MailSystemModel, type PlanModel, type ProfileModel, type ServerType } from '../analysis/model';
import type { ParsedPlan } from '../analysis/parse';
import { keyString } from '../analysis/yaml-tree';
import {
  FINDINGS_LIMIT,
  PLAN_OVERVIEW_VERSION,
  type FindingTally,
  type MailboxGroupNode,
  type MailSystemNode,
  type OrganizationNode,
  type OverviewEdge,
  type OverviewFinding,
  type OverviewNode,
  type PlanOverview,
  type ProfileNode,
} from './overview-model';
import { authWords, DEPLOYMENT, ENGINE, MAILBOX_KIND_PLURAL, mailSystemWords, METHOD, SERVER_TYPE } from './words';

/** At most this many mailbox ids are kept as a group's sample. */
const SAMPLE_SIZE = 10;

const ORGANIZATION_ID = 'organization';

/**
 * The overview of the analysed plan, or `undefined` when the plan has no model (a syntax error,
 * an empty document, a list or a scalar instead of a mapping).
 */
export function planOverview(analysis: Analysis): PlanOverview | undefined {
  const plan = analysis.plan;
  if (!plan) return undefined;
  const parsed = analysis.parsed;

  const order = mailboxOrder(parsed);
  const mailboxes = [...plan.mailboxes].sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity));
  const groups = groupMailboxes(mailboxes);
  const usage = profileUsage(mailboxes);

  // Findings by node: each one goes to the record it starts in, else to the organisation.
  const records = recordSpans(parsed, groups.groupOfMailbox);
  const tallies = new Map<string, TallyBuilder>();
  const totals = new TallyBuilder();
  const findings: OverviewFinding[] = [];
  for (const f of analysis.findings) {
    const nodeId = records.nodeAt(f.span.start) ?? ORGANIZATION_ID;
    let t = tallies.get(nodeId);
    if (!t) tallies.set(nodeId, (t = new TallyBuilder()));
    t.add(f);
    totals.add(f);
    if (findings.length < FINDINGS_LIMIT) findings.push(overviewFinding(f, nodeId));
  }
  const tallyOf = (id: string): FindingTally => (tallies.get(id) ?? EMPTY).build();

  const nodes: OverviewNode[] = [organizationNode(analysis, plan, tallyOf(ORGANIZATION_ID))];
  const inDocumentOrder = <T extends { id: string }>(section: string, list: readonly T[]): T[] => {
    const at = recordOrder(parsed, section);
    return [...list].sort((a, b) => (at.get(a.id) ?? Infinity) - (at.get(b.id) ?? Infinity));
  };
  const profiles = inDocumentOrder('serverProfiles', plan.profiles);
  // What each mail system serves: the profiles that name it and their mailboxes.
  const served = new Map<string, { profiles: number; mailboxes: number }>();
  for (const p of profiles) {
    if (p.mailSystemId === undefined) continue;
    const s = served.get(p.mailSystemId) ?? { profiles: 0, mailboxes: 0 };
    s.profiles++;
    s.mailboxes += usage.get(p.id)?.total ?? 0;
    served.set(p.mailSystemId, s);
  }
  for (const ms of inDocumentOrder('mailSystems', plan.mailSystems)) {
    const id = `mailSystem:${ms.id}`;
    const node: MailSystemNode = {
      id,
      kind: 'mailSystem',
      label: ms.id,
      details: mailSystemDetails(plan, ms),
      span: keySpan(parsed, ['mailSystems', ms.id]) ?? documentStart(analysis.text),
      findings: tallyOf(id),
      mailSystemId: ms.id,
      systemKind: ms.kind,
      version: ms.version,
      provider: ms.providerWritten ? ms.provider : undefined,
      profileCount: served.get(ms.id)?.profiles ?? 0,
      mailboxCount: served.get(ms.id)?.mailboxes ?? 0,
    };
    nodes.push(node);
  }
  for (const p of profiles) nodes.push(profileNode(analysis, plan, p, usage.get(p.id), tallyOf(`profile:${p.id}`)));
  for (const g of groups.list) nodes.push(groupNode(analysis, g, tallyOf(g.id)));

  return {
    formatVersion: PLAN_OVERVIEW_VERSION,
    nodes,
    edges: edgesOf(profiles, groups.list),
    totals: totals.build(),
    findings,
    findingsOmitted: analysis.findings.length - findings.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Document order and record spans

/** The index of each record's key in the mapping at `[section]` (the last of a repeated key, as in the value). */
function recordOrder(parsed: ParsedPlan, section: string): Map<string, number> {
  const out = new Map<string, number>();
  const map = locate(parsed, [section])?.node;
  if (!isMap(map)) return out;
  map.items.forEach((item, i) => {
    const id = isPair(item) ? keyString(item.key) : undefined;
    if (id !== undefined) out.set(id, i);
  });
  return out;
}

const mailboxOrder = (parsed: ParsedPlan) => recordOrder(parsed, 'mailboxes');

interface RecordSpan {
  readonly start: number;
  readonly end: number;
  readonly nodeId: string;
}

/**
 * Where each record of `mailSystems`, `serverProfiles` and `mailboxes` stands (key to end of
 * value; every occurrence of a repeated key), sorted by start, with the node it belongs to
 * (`mailSystem:<id>`, `profile:<id>`, a mailbox's group). Shared with the code lenses
 * (lenses.ts), so that both count the same findings for a record.
 */
export function recordSpans(parsed: ParsedPlan, groupOfMailbox: ReadonlyMap<string, string>): { nodeAt(offset: number): string | undefined } {
  const spans: RecordSpan[] = [];
  const sections: [string, (id: string) => string | undefined][] = [
    ['mailSystems', (id) => `mailSystem:${id}`],
    ['serverProfiles', (id) => `profile:${id}`],
    ['mailboxes', (id) => groupOfMailbox.get(id)],
  ];
  for (const [section, nodeOf] of sections) {
    const map = locate(parsed, [section])?.node;
    if (!isMap(map)) continue;
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const id = keyString(item.key);
      const key = item.key as Node | null;
      const value = item.value as Node | null;
      const nodeId = id === undefined ? undefined : nodeOf(id);
      if (nodeId === undefined || !key?.range) continue;
      const start = key.range[0];
      const end = Math.max(key.range[1], value?.range ? value.range[1] : 0);
      spans.push({ start, end, nodeId });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  return {
    nodeAt(offset) {
      // The last record starting at or before the offset; the finding is its when it starts inside it.
      let lo = 0;
      let hi = spans.length - 1;
      let hit = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (spans[mid].start <= offset) {
          hit = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (hit < 0) return undefined;
      const s = spans[hit];
      return offset < s.end || offset === s.start ? s.nodeId : undefined;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Mailbox groups and counts

interface Group {
  readonly id: string;
  readonly first: MailboxModel;
  readonly profileId?: string;
  readonly members: MailboxModel[];
  /** Some member names a profile that cannot be known (a typo, an unresolved reference), rather than none. */
  unknownProfile: boolean;
}

/** Mailboxes (in document order) grouped by effective profile, kind and the three methods; groups in order of their first mailbox. */
function groupMailboxes(mailboxes: readonly MailboxModel[]): { list: Group[]; groupOfMailbox: Map<string, string> } {
  const byKey = new Map<string, Group>();
  const list: Group[] = [];
  const ids = new Set<string>();
  const groupOfMailbox = new Map<string, string>();
  for (const m of mailboxes) {
    // The tuple itself as the key: unlike the node id, it keeps an unknown profile apart from one named "?".
    const key = [m.profileId === undefined ? '' : `=${m.profileId}`, m.kind ?? '', m.incomingEmail ?? '', m.outgoingEmail ?? '', m.appointmentsContactsTasks ?? ''].join('\u0000');
    let g = byKey.get(key);
    if (!g) {
      const base = `group:${m.profileId ?? '?'}:${m.kind ?? '?'}:${m.incomingEmail ?? '?'}:${m.outgoingEmail ?? '?'}:${m.appointmentsContactsTasks ?? '?'}`;
      let id = base;
      for (let n = 2; ids.has(id); n++) id = `${base}~${n}`;
      ids.add(id);
      g = { id, first: m, profileId: m.profileId, members: [], unknownProfile: false };
      byKey.set(key, g);
      list.push(g);
    }
    g.members.push(m);
    if (m.profileUnknown) g.unknownProfile = true;
    groupOfMailbox.set(m.id, g.id);
  }
  return { list, groupOfMailbox };
}

interface Usage {
  total: number;
  viaDefault: number;
}

/** How many mailboxes each profile serves (as their effective profile), and how many through the default. */
function profileUsage(mailboxes: readonly MailboxModel[]): Map<string, Usage> {
  const out = new Map<string, Usage>();
  for (const m of mailboxes) {
    if (m.profileId === undefined) continue;
    let u = out.get(m.profileId);
    if (!u) out.set(m.profileId, (u = { total: 0, viaDefault: 0 }));
    u.total++;
    if (!m.profileWritten) u.viaDefault++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Nodes

function organizationNode(analysis: Analysis, plan: PlanModel, findings: FindingTally): OrganizationNode {
  const name = valueAt(analysis.value, ['organization', 'name']);
  const details: string[] = [];
  if (plan.deployment) details.push(DEPLOYMENT[plan.deployment]);
  details.push(plan.crmVersionWritten ? `version ${plan.crmVersion}` : `version ${plan.crmVersion} (baseline ${plan.baseline})`);
  if (plan.processEmailUsing) details.push(ENGINE[plan.processEmailUsing]);
  return {
    id: ORGANIZATION_ID,
    kind: 'organization',
    label: typeof name === 'string' && name.trim() !== '' ? name : 'Organization',
    details,
    span: keySpan(analysis.parsed, ['organization']) ?? documentStart(analysis.text),
    findings,
    deployment: plan.deployment,
    crmVersion: plan.crmVersion,
    baseline: plan.baseline,
    engine: plan.processEmailUsing,
  };
}

/** "Exchange Server 2013 SP1", and for Exchange Online which tenant it is. */
function mailSystemDetails(plan: PlanModel, ms: MailSystemModel): string[] {
  const details: string[] = [];
  let words = mailSystemWords(ms, undefined);
  if (words && ms.kind === 'exchangeServer' && ms.servicePackWritten && ms.servicePack) words += ` ${ms.servicePack}`;
  if (words) details.push(words);
  if (ms.kind === 'exchangeOnline' && ms.tenantId) {
    if (plan.tenantId === undefined) details.push(`tenant ${ms.tenantId}`);
    else details.push(plan.tenantId.toLowerCase() === ms.tenantId.toLowerCase() ? "the organization's tenant" : `another tenant: ${ms.tenantId}`);
  }
  return details;
}

const HYBRID: readonly ServerType[] = ['exchangeOnlineHybrid', 'exchangeServerHybrid'];

/** "SSL", "no SSL", "SSL incoming only", "SSL outgoing": what the known useSsl values say, nothing of an unknown one. */
function sslWords(incoming: boolean | undefined, outgoing: boolean | undefined): string | undefined {
  if (incoming !== undefined && outgoing !== undefined) {
    if (incoming === outgoing) return incoming ? 'SSL' : 'no SSL';
    return incoming ? 'SSL incoming only' : 'SSL outgoing only';
  }
  if (incoming !== undefined) return incoming ? 'SSL incoming' : 'no SSL incoming';
  if (outgoing !== undefined) return outgoing ? 'SSL outgoing' : 'no SSL outgoing';
  return undefined;
}

function profileDetails(p: ProfileModel): string[] {
  const details: string[] = [];
  if (p.serverType) details.push(HYBRID.includes(p.serverType) ? `${SERVER_TYPE[p.serverType]} (hybrid)` : SERVER_TYPE[p.serverType]);
  const auth = [['in', authWords(p.incoming)], ['out', authWords(p.outgoing)]].filter(([, w]) => w !== undefined).map(([dir, w]) => `${dir}: ${w}`);
  if (auth.length > 0) details.push(auth.join(' · '));
  const flags = [sslWords(p.incoming.useSsl, p.outgoing.useSsl), p.autodiscover ? 'Autodiscover' : undefined].filter((w): w is string => w !== undefined);
  if (flags.length > 0) details.push(flags.join(' · '));
  return details;
}

function profileNode(analysis: Analysis, plan: PlanModel, p: ProfileModel, usage: Usage | undefined, findings: FindingTally): ProfileNode {
  return {
    id: `profile:${p.id}`,
    kind: 'profile',
    label: p.id,
    details: profileDetails(p),
    span: keySpan(analysis.parsed, ['serverProfiles', p.id]) ?? documentStart(analysis.text),
    findings,
    profileId: p.id,
    serverType: p.serverType,
    mailSystemId: p.mailSystemId,
    incomingAuth: p.incoming.auth,
    outgoingAuth: p.outgoing.auth,
    incomingSsl: p.incoming.useSsl,
    outgoingSsl: p.outgoing.useSsl,
    autodiscover: p.autodiscover,
    active: p.active,
    isDefault: plan.defaults.serverProfileId === p.id,
    mailboxCount: usage?.total ?? 0,
    mailboxCountViaDefault: usage?.viaDefault ?? 0,
  };
}

const methodWords = (m: MailboxModel['incomingEmail']) => (m ? METHOD[m] : 'unknown');

function groupNode(analysis: Analysis, g: Group, findings: FindingTally): MailboxGroupNode {
  const m = g.first;
  const details: string[] = [];
  if (g.profileId === undefined) details.push(g.unknownProfile ? 'server profile unknown' : 'no server profile');
  details.push(`in: ${methodWords(m.incomingEmail)} · out: ${methodWords(m.outgoingEmail)}`, `ACT: ${methodWords(m.appointmentsContactsTasks)}`);
  return {
    id: g.id,
    kind: 'mailboxGroup',
    label: m.kind ? MAILBOX_KIND_PLURAL[m.kind] : 'mailboxes',
    details,
    span: keySpan(analysis.parsed, ['mailboxes', m.id]) ?? keySpan(analysis.parsed, ['mailboxes']) ?? documentStart(analysis.text),
    findings,
    profileId: g.profileId,
    mailboxKind: m.kind,
    incomingEmail: m.incomingEmail,
    outgoingEmail: m.outgoingEmail,
    appointmentsContactsTasks: m.appointmentsContactsTasks,
    count: g.members.length,
    sample: g.members.slice(0, SAMPLE_SIZE).map((x) => x.id),
  };
}

/** Organisation → each profile, profile → its mail system, profile (or the organisation) → its groups. */
function edgesOf(profiles: readonly ProfileModel[], groups: readonly Group[]): OverviewEdge[] {
  const edges: OverviewEdge[] = profiles.map((p) => ({ from: ORGANIZATION_ID, to: `profile:${p.id}`, kind: 'profile' }));
  for (const p of profiles) if (p.mailSystemId !== undefined) edges.push({ from: `profile:${p.id}`, to: `mailSystem:${p.mailSystemId}`, kind: 'mailSystem' });
  for (const g of groups) edges.push({ from: g.profileId === undefined ? ORGANIZATION_ID : `profile:${g.profileId}`, to: g.id, kind: 'mailboxes' });
  return edges;
}

// ---------------------------------------------------------------------------------------------
// Findings

function overviewFinding(f: Finding, nodeId: string): OverviewFinding {
  return { ruleId: f.ruleId, severity: f.severity, message: f.message, span: f.span, nodeId };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Counts findings by severity and by rule (a rule's entry carries its worst severity). */
class TallyBuilder {
  private readonly counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  private readonly rules = new Map<string, { severity: Severity; count: number }>();

  add(f: Finding): void {
    this.counts[f.severity]++;
    const r = this.rules.get(f.ruleId);
    if (!r) this.rules.set(f.ruleId, { severity: f.severity, count: 1 });
    else {
      r.count++;
      if (RANK[f.severity] < RANK[r.severity]) r.severity = f.severity;
    }
  }

  build(): FindingTally {
    const { error, warning, info } = this.counts;
    const rules = [...this.rules]
      .map(([ruleId, r]) => ({ ruleId, severity: r.severity, count: r.count }))
      // Code-unit order, not the locale's: the same on every machine.
      .sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
    const worst: Severity | undefined = error ? 'error' : warning ? 'warning' : info ? 'info' : undefined;
    return worst ? { error, warning, info, worst, rules } : { error, warning, info, rules };
  }
}

const EMPTY = new TallyBuilder();
