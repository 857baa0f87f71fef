/**
 * Code lenses and inlay hints over an analysis. A lens on each server profile and mail system
 * says who uses it ("used by 12 mailboxes (10 through the default) · 1 error") and carries the
 * places that use it; an inlay hint on a mailbox record names what it inherits from
 * `systemSettings.defaults` without writing it ("⟵ profile exo-default (default)").
 *
 * Both read the model (effective values and where they come from), never the YAML again, so a
 * lens counts what the rules checked. Findings are given to records as the overview gives them
 * (`recordSpans`). Hints cost what the visible range holds: the mailbox records starting in it
 * are found by binary search over the mapping's entries, which stand in document order.
 */
import { isMap, isPair, type Node, type Pair } from 'yaml';
import type { Analysis, Span } from '../analysis';
import { keySpan, locate } from '../analysis/locate';
import type { MailboxModel, Method, PlanModel } from '../analysis/model';
import { keyString } from '../analysis/yaml-tree';
import { recordSpans } from './plan-overview';

export interface LensModel {
  /** The record's id key. */
  readonly span: Span;
  readonly title: string;
  /** The id keys of the records that use it (profiles, mailboxes), in document order. */
  readonly references: readonly Span[];
}

export interface InheritedHintModel {
  /** Where the hint stands: the end of the record's first line (UTF-16 offset). */
  readonly offset: number;
  /** Short: "⟵ profile exo-default · in/out serverSideSync (defaults)". */
  readonly label: string;
  /** The whole story: each inherited key with its value, one a line. */
  readonly tooltip: string;
}

/** "no mailboxes", "1 mailbox", "8,423 mailboxes" (digits grouped the same in every locale). */
const count = (n: number, one: string, many: string) => (n === 0 ? `no ${many}` : `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`);

/** " · 1 error, 2 warnings"; nothing when the record has neither (info findings are not counted). */
function findingWords(t: { error: number; warning: number } | undefined): string {
  if (!t) return '';
  const parts: string[] = [];
  if (t.error) parts.push(count(t.error, 'error', 'errors'));
  if (t.warning) parts.push(count(t.warning, 'warning', 'warnings'));
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

/**
 * One lens per server profile ("used by N mailboxes (M through the default)") and per mail
 * system ("used by P profiles · N mailboxes"), each with the errors and warnings found inside
 * its record, in document order. A profile's mailboxes are those whose effective profile it is;
 * a mail system's, those whose effective mail system it is (written, else their profile's).
 * Empty when the plan has no model.
 */
export function codeLenses(analysis: Analysis): LensModel[] {
  const plan = analysis.plan;
  if (!plan) return [];
  const parsed = analysis.parsed;

  const tallies = new Map<string, { error: number; warning: number }>();
  const records = recordSpans(parsed, new Map());
  for (const f of analysis.findings) {
    if (f.severity === 'info') continue;
    const node = records.nodeAt(f.span.start);
    if (node === undefined) continue;
    let t = tallies.get(node);
    if (!t) tallies.set(node, (t = { error: 0, warning: 0 }));
    t[f.severity]++;
  }

  interface Uses {
    mailboxes: Span[];
    viaDefault: number;
    profiles: Span[];
  }
  const uses = new Map<string, Uses>();
  const usesOf = (node: string) => {
    let u = uses.get(node);
    if (!u) uses.set(node, (u = { mailboxes: [], viaDefault: 0, profiles: [] }));
    return u;
  };
  for (const p of plan.profiles) {
    if (p.mailSystemId === undefined) continue;
    const at = keySpan(parsed, p.path);
    if (at) usesOf(`mailSystem:${p.mailSystemId}`).profiles.push(at);
  }
  for (const m of plan.mailboxes) {
    if (m.profileId === undefined && m.mailSystemId === undefined) continue;
    const at = keySpan(parsed, m.path);
    if (!at) continue;
    if (m.profileId !== undefined) {
      const u = usesOf(`profile:${m.profileId}`);
      u.mailboxes.push(at);
      if (!m.profileWritten) u.viaDefault++;
    }
    if (m.mailSystemId !== undefined) usesOf(`mailSystem:${m.mailSystemId}`).mailboxes.push(at);
  }

  const out: LensModel[] = [];
  for (const p of plan.profiles) {
    const span = keySpan(parsed, p.path);
    if (!span) continue;
    const node = `profile:${p.id}`;
    const u = uses.get(node);
    const n = u?.mailboxes.length ?? 0;
    const via = u?.viaDefault ? ` (${u.viaDefault.toLocaleString('en-US')} through the default)` : '';
    out.push({ span, title: `used by ${count(n, 'mailbox', 'mailboxes')}${via}${findingWords(tallies.get(node))}`, references: inOrder(u?.mailboxes ?? []) });
  }
  for (const ms of plan.mailSystems) {
    const span = keySpan(parsed, ms.path);
    if (!span) continue;
    const node = `mailSystem:${ms.id}`;
    const u = uses.get(node);
    const profiles = u?.profiles ?? [];
    const mailboxes = u?.mailboxes ?? [];
    out.push({
      span,
      title: `used by ${count(profiles.length, 'profile', 'profiles')} · ${count(mailboxes.length, 'mailbox', 'mailboxes')}${findingWords(tallies.get(node))}`,
      references: inOrder([...profiles, ...mailboxes]),
    });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

const inOrder = (spans: Span[]) => spans.sort((a, b) => a.start - b.start);

// ---------------------------------------------------------------------------------------------
// Inlay hints

/** Each method key, where the model says its value comes from, and its short name in a hint. */
const METHOD_KEYS = [
  ['incomingEmail', 'incomingEmailSource', 'in'],
  ['outgoingEmail', 'outgoingEmailSource', 'out'],
  ['appointmentsContactsTasks', 'appointmentsContactsTasksSource', 'ACT'],
] as const;

/** The model of each mailbox by id, built once per plan (a plan is never changed), when `modelOf` needs it. */
const mailboxIndexes = new WeakMap<PlanModel, Map<string, MailboxModel>>();

function mailboxById(plan: PlanModel): Map<string, MailboxModel> {
  let index = mailboxIndexes.get(plan);
  if (!index) mailboxIndexes.set(plan, (index = new Map(plan.mailboxes.map((m) => [m.id, m]))));
  return index;
}

/**
 * The model of entry `i` of the mailboxes mapping, or undefined when the entry is not the record
 * the model describes (an earlier occurrence of a repeated id). Usually the model at the same
 * index, without touching the other 9,999 records: as many models as entries means no id is
 * repeated, and models stand in entry order unless ids look like integers (JavaScript puts those
 * first). Otherwise: looked up by id, for the last occurrence only.
 */
function modelOf(analysis: Analysis, plan: PlanModel, entries: number, i: number, pair: Pair, id: string): MailboxModel | undefined {
  const direct = plan.mailboxes[i];
  if (plan.mailboxes.length === entries && direct?.id === id) return direct;
  if (locate(analysis.parsed, ['mailboxes', id])?.pair !== pair) return undefined;
  return mailboxById(plan).get(id);
}

const startOf = (pair: Pair): number | undefined => (pair.key as Node | null)?.range?.[0] ?? (pair.value as Node | null)?.range?.[0];

/** The first entry of `items` that starts at or after `offset` (entries stand in document order). */
function firstFrom(items: readonly unknown[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // An entry without a position (never seen from the parser) counts as standing where the next one does.
    let probe = mid;
    let start: number | undefined;
    while (probe < hi && (start = isPair(items[probe]) ? startOf(items[probe] as Pair) : undefined) === undefined) probe++;
    if (start === undefined || start >= offset) hi = mid;
    else lo = probe + 1;
  }
  return lo;
}

/**
 * Hints for the mailbox records whose key starts in `range` (`[start, end)`, UTF-16 offsets):
 * for each, the server profile and methods it does not write and takes from
 * `systemSettings.defaults` (a forward mailbox takes only the profile). A record that inherits
 * nothing, or whose inherited value is unknown, gets no hint; so does an earlier occurrence of a
 * repeated id (the model is the last one's). Costs the records in the range, not the plan.
 */
export function inheritedValueHints(analysis: Analysis, range: Span): InheritedHintModel[] {
  const plan = analysis.plan;
  if (!plan) return [];
  const map = locate(analysis.parsed, ['mailboxes'])?.node;
  if (!isMap(map)) return [];
  const out: InheritedHintModel[] = [];
  for (let i = firstFrom(map.items, range.start); i < map.items.length; i++) {
    const pair = map.items[i];
    if (!isPair(pair)) continue;
    const start = startOf(pair);
    if (start === undefined) continue;
    if (start >= range.end) break;
    const id = keyString(pair.key);
    const m = id === undefined ? undefined : modelOf(analysis, plan, map.items.length, i, pair, id);
    if (!m) continue;
    const hint = hintFor(analysis, pair, start, m);
    if (hint) out.push(hint);
  }
  return out;
}

function hintFor(analysis: Analysis, pair: Pair, start: number, m: MailboxModel): InheritedHintModel | undefined {
  const parts: string[] = [];
  const story: string[] = [];
  if (!m.profileWritten && m.profileId !== undefined) {
    parts.push(`profile ${m.profileId}`);
    story.push(`serverProfile: ${m.profileId}`);
  }
  // Methods with the same inherited value share one part: "in/out/ACT serverSideSync".
  const byValue = new Map<Method, string[]>();
  for (const [key, source, short] of METHOD_KEYS) {
    const value = m[key];
    if (m[source] !== 'default' || value === undefined) continue;
    const names = byValue.get(value);
    if (names) names.push(short);
    else byValue.set(value, [short]);
    story.push(`${key}: ${value}`);
  }
  for (const [value, names] of byValue) parts.push(`${names.join('/')} ${value}`);
  if (story.length === 0) return undefined;
  return {
    offset: hintOffset(analysis, pair, start),
    label: `⟵ ${parts.join(' · ')} (${story.length === 1 ? 'default' : 'defaults'})`,
    tooltip: [`Mailbox '${m.id}' does not write ${story.length === 1 ? 'this value' : 'these values'} and takes ${story.length === 1 ? 'it' : 'them'} from systemSettings.defaults:`, ...story].join('\n'),
  };
}

/**
 * The end of the record's first line, without trailing white space; for a record whose value
 * ends on that line (a flow mapping, several records on one line), the end of its value.
 */
function hintOffset(analysis: Analysis, pair: Pair, start: number): number {
  const { lines, text } = analysis;
  let end = lines.lineEnd(lines.position(start).line);
  const value = (pair.value as Node | null)?.range?.[1];
  if (value !== undefined && value > start && value < end) end = value;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}
