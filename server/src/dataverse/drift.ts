/**
 * `crmsync diff`: where a plan and a fresh export of the organisation differ, as findings
 * placed in the plan. The export is imported and matched by against.ts, each matched
 * pair compared key by key in the plan domain by compare.ts; this module turns the matching
 * issues, unmatched records and differences into the drift/* findings of command-ids.ts, with
 * `--rule` overrides, ordered by position then id. Messages give both values as plan tokens and
 * never a secret value. Pure; never throws on user input.
 */
import type { Analysis } from '../analysis';
import { documentStart, keySpan, reportSpan, valueSpan } from '../analysis/locate';
import { valueAt } from '../analysis/model';
import type { LineIndex } from '../analysis/text';
import type { Finding, Path, Related, SeverityOverride, Span } from '../analysis/types';
import { loadOrganization, matchPlan, type Organization, type PlanMatching } from './against';
import { commandSeverity } from './command-ids';
import { compareRecord, recordPath, type Difference, type EffectiveValue, type Resolver, type Value } from './compare';
import type { ImportDiagnostic } from './diagnostics';
import type { MappingRow, RecordKind } from './mapping';
import { idComments, type MapMatching } from './match';
import type { ExportFile } from './reader';
import { viewOf, viewOfAnalysis, type PlanValues, type PlanView } from './view';

export interface DriftOptions {
  /** `--rule <id>=<severity>`: drift/* ids only; `off` drops the id's findings. */
  readonly ruleOverrides?: Readonly<Record<string, SeverityOverride>>;
}

export interface DriftResult {
  /** Ordered by position in the plan, then by id. */
  readonly findings: readonly Finding[];
  /** The diagnostics of importing the export. */
  readonly importDiagnostics: readonly ImportDiagnostic[];
  /** The export has an import error: nothing is compared (exit 2). */
  readonly inputError: boolean;
  /** The plan has a YAML syntax error or is not a mapping: nothing is compared (exit 2). */
  readonly planError: boolean;
  readonly exportFiles: number;
  /** The plan's lines, to show the findings' positions. */
  readonly lines?: LineIndex;
}

const isTokenRow = (row: MappingRow): boolean => row.optionSet !== undefined || row.type === 'option' || row.type === 'lookup' || row.path.join('.') === 'kind';

/** Free text as a plan token: single-quoted, or double-quoted (JSON) when it holds a control character. */
function quoteText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f\u2028\u2029]/.test(s) ? JSON.stringify(s) : `'${s.replace(/'/g, "''")}'`;
}

/** A value as the plan writes it: options, ids and references bare, other text quoted. */
function token(row: MappingRow, v: Value): string {
  if (Array.isArray(v)) return `[${v.map(quoteText).join(', ')}]`;
  if (typeof v !== 'string') return String(v);
  return isTokenRow(row) && v !== '' && !/[\s'"]/.test(v) ? v : quoteText(v);
}

/** How a plan value that is not written is marked in a message. */
function mark(kind: RecordKind, v: EffectiveValue): string {
  if (v.origin === 'written') return '';
  if (v.origin === 'default') return ' (not written: the default)';
  if (v.origin === 'id') return ` (not written: the ${kind === 'profile' ? "profile's" : "record's"} id)`;
  return ` (inherited from ${v.origin.label})`;
}

const recordLabel = (kind: RecordKind, id: string): string => (kind === 'organization' ? '' : `${kind === 'profile' ? 'Profile' : 'Mailbox'} '${id}': `);

const textAt = (view: PlanValues, path: Path): string | undefined => {
  const v = valueAt(view.value, path);
  return typeof v === 'string' && view.known(path) ? v : undefined;
};

class Collector {
  readonly findings: Finding[] = [];
  constructor(
    private readonly view: PlanView,
    private readonly overrides: Readonly<Record<string, SeverityOverride>>,
  ) {}

  add(id: string, span: Span | undefined, message: string, related: readonly Related[] = []): void {
    const severity = Object.prototype.hasOwnProperty.call(this.overrides, id) ? this.overrides[id] : commandSeverity(id);
    if (severity === 'off') return;
    const at = span && span.end > span.start ? span : documentStart(this.view.parsed.text);
    this.findings.push({ ruleId: id, severity, message, span: at, related, fixes: [] });
  }

  key(path: Path): Span | undefined {
    return keySpan(this.view.parsed, path) ?? reportSpan(this.view.parsed, path, 'key');
  }
}

/** The matching issues and unmatched records of one map. */
function matchingFindings(c: Collector, plan: PlanView, org: Organization, map: 'serverProfiles' | 'mailboxes', m: MapMatching): void {
  for (const issue of m.issues) {
    const id = issue.kind === 'stale-id' ? 'drift/id-changed' : `drift/${issue.kind}`;
    c.add(id, issue.span ?? c.key(issue.path), issue.message);
  }
  const noun = map === 'serverProfiles' ? 'Profile' : 'Mailbox';
  for (const id of m.unmatched) {
    const name = textAt(plan, [map, id, 'name']);
    const forward = map === 'mailboxes' && textAt(plan, [map, id, 'kind']) === 'forward';
    const by = map === 'serverProfiles' || forward ? 'its name' : 'its kind and regarding';
    c.add(
      'drift/missing-in-org',
      c.key([map, id]),
      `${noun} '${id}'${name !== undefined && name !== id ? ` (${name.replace(/[\r\n]+/g, ' ')})` : ''} is not in the organization: no ${noun.toLowerCase()} has its crmsync:id or ${by}.`,
    );
  }
  const imported = map === 'serverProfiles' ? org.profiles : org.mailboxes;
  const place = keySpan(plan.parsed, [map]) ?? documentStart(plan.parsed.text);
  for (const o of m.orphans) {
    const rec = imported.get(o.id);
    const name = textAt(org.view, [map, o.id, 'name']) ?? textAt(org.view, [map, o.id, 'regarding']) ?? o.id;
    const where = rec ? `, ${rec.file} ${rec.pointer || '/'}` : '';
    c.add('drift/missing-in-plan', place, `${noun} ${quoteText(name)} of the organization (${o.guid}${where}) is not in the plan.`);
  }
}

/** The finding of one difference. */
function differenceFinding(c: Collector, plan: PlanView, kind: RecordKind, id: string, d: Difference, orgToken: (row: MappingRow, v: Value) => string): void {
  const parsed = plan.parsed;
  const key = d.row.path.join('.');
  const label = recordLabel(kind, id);
  const inherited = typeof d.plan.origin === 'object' ? d.plan.origin : undefined;
  if (d.row.type === 'secret') {
    // Presence only: never a value, not even the reference.
    const span = d.plan.written ? valueSpan(parsed, d.path) : inherited ? valueSpan(parsed, inherited.inheritedFrom) : undefined;
    if (d.org !== undefined) return;
    c.add(
      'drift/secret-not-set',
      span ?? c.key(recordPath(kind, id)),
      `${label}${key}${mark(kind, d.plan)} names a secret, but the organization has none set (${d.row.isSetAttribute ?? d.row.attribute} is false); set it in CRM.`,
    );
    return;
  }
  const ruleId = d.row.compare === 'obs' ? 'drift/observed-changed' : 'drift/changed';
  let span: Span | undefined;
  const related: Related[] = [];
  if (d.plan.written) span = valueSpan(parsed, d.path);
  else {
    span = kind === 'organization' ? reportSpan(parsed, d.path, 'key') : keySpan(parsed, recordPath(kind, id));
    const at = inherited ? valueSpan(parsed, inherited.inheritedFrom) : undefined;
    if (inherited && at) {
      const message = inherited.label === 'systemSettings.defaults' ? `Default ${d.row.path[d.row.path.length - 1]} set here` : `${inherited.label} set here`;
      related.push({ span: at, message });
    }
  }
  const theirs = d.org === undefined ? 'not set' : orgToken(d.row, d.org.value);
  c.add(ruleId, span ?? c.key(d.path), `${label}${key} is ${token(d.row, d.plan.value)} in the plan${mark(kind, d.plan)} but ${theirs} in the organization.`, related);
}

function compareAll(c: Collector, plan: PlanView, org: Organization, matching: PlanMatching): void {
  const resolver: Resolver = {
    planProfile: (id) => matching.profiles.matched.get(id)?.guid,
    orgProfile: (id) => org.profiles.get(id)?.guid,
  };
  /** Organisation values: a profile reference by the plan id of the profile it resolves to. */
  const orgToken = (row: MappingRow, v: Value): string => {
    if (row.type === 'lookup' && typeof v === 'string') {
      const guid = org.profiles.get(v)?.guid;
      return token(row, (guid !== undefined ? matching.profiles.byGuid.get(guid) : undefined) ?? v);
    }
    return token(row, v);
  };
  // A reference to a profile that is not compared (ambiguous, duplicate id) resolves to nothing known.
  const uncompared = new Set(matching.profiles.issues.filter((i) => i.kind !== 'stale-id').map((i) => String(i.path[1])));
  const run = (kind: RecordKind, planId: string, orgId: string, row: Readonly<Record<string, unknown>>) => {
    for (const d of compareRecord(plan, org.view, kind, planId, orgId, row, resolver, org.foldersExported, { statusNotRun: true }).differences) {
      if (d.row.type === 'lookup' && uncompared.has(String(d.plan.value))) continue;
      differenceFinding(c, plan, kind, planId, d, orgToken);
    }
  };
  run('organization', '', '', org.row);
  for (const [planId, o] of matching.profiles.matched) run('profile', planId, o.id, org.profiles.get(o.id)?.row ?? {});
  for (const [planId, o] of matching.mailboxes.matched) run('mailbox', planId, o.id, org.mailboxes.get(o.id)?.row ?? {});
}

/** Compares a plan (its text, or its analysis) with the files of an export. */
export function driftFindings(plan: string | Analysis, files: readonly ExportFile[], options: DriftOptions = {}): DriftResult {
  const { result, organization: org } = loadOrganization(files);
  const base = { importDiagnostics: result.diagnostics, exportFiles: files.length };
  if (!org) return { ...base, findings: [], inputError: true, planError: false };
  const view = typeof plan === 'string' ? viewOf(plan) : viewOfAnalysis(plan);
  if (!view) return { ...base, findings: [], inputError: false, planError: true };
  const c = new Collector(view, options.ruleOverrides ?? {});
  const matching = matchPlan(view, idComments(view), org);
  if (matching.wrongOrganization) {
    c.add('drift/wrong-organization', matching.wrongOrganization.comment.span, matching.wrongOrganization.message);
  } else {
    matchingFindings(c, view, org, 'serverProfiles', matching.profiles);
    matchingFindings(c, view, org, 'mailboxes', matching.mailboxes);
    compareAll(c, view, org, matching);
  }
  const findings = c.findings.sort((a, b) => a.span.start - b.span.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { ...base, findings, inputError: false, planError: false, lines: view.parsed.lines };
}
