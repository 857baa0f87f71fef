/**
 * Document order and related locations: records in the order of the file (the model lists
 * integer-like ids first), and the related location of an inherited value on the written
 * default (docs/plan-format.md#where-findings-are-placed).
 */
import { keyOffsets, keySpan } from '../../locate';
import { hasIndexLikeIds } from '../../incremental/groups';
import type { MailboxModel } from '../../model';
import type { Path } from '../../types';
import type { RelatedSpec, RuleContext } from '../define';
import { DEFAULTS } from './engines';
import type { MethodKey } from './logic';

/** The source offset of the key at `path` (for document order), or Infinity when not written. */
export function offsetOf(ctx: RuleContext, path: Path): number {
  return keySpan(ctx.parsed, path)?.start ?? Number.POSITIVE_INFINITY;
}

/**
 * The mailboxes in document order. The model lists them in object-key order, which puts
 * integer-like ids first; rules that name "the first" mailbox need the order of the file.
 */
export function mailboxesInDocumentOrder(ctx: RuleContext): MailboxModel[] {
  return inDocumentOrder(ctx, ctx.plan.mailboxes);
}

/** Path of a written key of `systemSettings.defaults`. */
function defaultPath(key: MethodKey | 'serverProfile'): Path {
  return ['systemSettings', 'defaults', key];
}

/**
 * The related location on the written default (docs/plan-format.md#where-findings-are-placed)
 * when a mailbox value is inherited from `systemSettings.defaults` (dropped automatically when the
 * default is not written).
 */
export function inheritedRelated(key: MethodKey | 'serverProfile', value: string): RelatedSpec {
  return { at: defaultPath(key), message: `Default ${key}: ${value} set here` };
}

/** Related location on the effective profile's serverType, plus the default profile when inherited. */
export function profileRelated(m: MailboxModel): RelatedSpec[] {
  const out: RelatedSpec[] = [];
  if (m.profile?.serverType !== undefined) {
    out.push({ at: [...m.profile.path, 'serverType'], message: `Profile '${m.profile.id}' is ${m.profile.serverType}` });
  }
  if (!m.profileWritten && m.profileId !== undefined) out.push(inheritedRelated('serverProfile', m.profileId));
  return out;
}

/**
 * Each record's place in document order (null: the model's order is it), once per collection
 * array. The profile and mail system arrays are shared with the next version's model only when
 * nothing outside `mailboxes` changed, so their order is still right then.
 */
const ranks = new WeakMap<readonly object[], Map<object, number> | null>();


type Collection = 'mailSystems' | 'serverProfiles' | 'mailboxes';

function rankOf(ctx: RuleContext, collection: Collection): Map<object, number> | null {
  const all: readonly { readonly id: string }[] =
    collection === 'mailboxes' ? ctx.plan.mailboxes : collection === 'serverProfiles' ? ctx.plan.profiles : ctx.plan.mailSystems;
  let rank = ranks.get(all);
  if (rank === undefined) {
    // Mailboxes parsed as chunks (no repeated id) with no index-like id are in document order.
    if (collection === 'mailboxes' && ctx.parsed.layout?.mailboxes && !hasIndexLikeIds(ctx.plan)) {
      rank = null;
    } else {
      const starts = keyOffsets(ctx.parsed, [collection]);
      const keyed = all.map((r, i) => ({ r, at: starts.get(r.id) ?? Number.MAX_SAFE_INTEGER, i }));
      keyed.sort((x, y) => x.at - y.at || x.i - y.i);
      rank = new Map(keyed.map((k, i) => [k.r, i]));
    }
    ranks.set(all, rank);
  }
  return rank;
}

/**
 * Records of one collection (mailboxes, profiles or mail systems of the plan's model, or a
 * sublist of them) in document order of their keys: the model lists them in object-key order,
 * which puts integer-like ids first, and rules that name "the first" record need the file's.
 */
export function inDocumentOrder<T extends { readonly id: string; readonly path: Path }>(ctx: RuleContext, records: readonly T[]): T[] {
  if (records.length < 2) return [...records];
  const rank = rankOf(ctx, records[0].path[0] as Collection);
  if (!rank) return [...records];
  const at = (r: T) => rank.get(r) ?? Number.MAX_SAFE_INTEGER;
  return [...records].sort((x, y) => at(x) - at(y));
}

/**
 * Mailboxes of a group (incremental/groups.ts, in no particular order) in document order of
 * their keys.
 */
export function groupInDocumentOrder(ctx: RuleContext, group: ReadonlySet<MailboxModel>): MailboxModel[] {
  const records = [...group];
  if (records.length < 2) return records;
  if (rankOf(ctx, 'mailboxes')) return inDocumentOrder(ctx, records);
  // The model lists the mailboxes in document order: their keys' offsets order them the same way.
  const at = new Map(records.map((m) => [m, keySpan(ctx.parsed, m.path)?.start ?? Number.MAX_SAFE_INTEGER]));
  return records.sort((x, y) => at.get(x)! - at.get(y)!);
}

/** The mailbox key behind an effective method: the written value, else the written default. */
export function methodPlace(m: MailboxModel, key: MethodKey): { at: Path; part: 'key' | 'value'; inherited: boolean } {
  const source = key === 'incomingEmail' ? m.incomingEmailSource : key === 'outgoingEmail' ? m.outgoingEmailSource : m.appointmentsContactsTasksSource;
  return source === 'written' ? { at: [...m.path, key], part: 'value', inherited: false } : { at: m.path, part: 'key', inherited: true };
}

/** Related location on the written default a mailbox inherits (docs/plan-format.md#where-findings-are-placed), if any. */
export function inheritedDefaultRelated(m: MailboxModel, key: MethodKey, message: string): RelatedSpec[] {
  const source = key === 'incomingEmail' ? m.incomingEmailSource : key === 'outgoingEmail' ? m.outgoingEmailSource : m.appointmentsContactsTasksSource;
  return source === 'default' ? [{ at: [...DEFAULTS, key], message }] : [];
}
