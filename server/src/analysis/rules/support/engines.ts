/**
 * Shared predicates of the "System settings and engines" rules (rules.md §9). The yield of
 * `folder-tracking-no-exchange` (a) to `router-no-act` (rules.md §1.3) is implemented by
 * evaluating `router-no-act`'s condition here, so that both rules read the same definition.
 */
import type { MailboxKind, MailboxModel, PlanModel, ProfileModel } from '../../model';
import { keyOffsets } from '../../locate';
import type { Path } from '../../types';
import type { RelatedSpec, RuleContext } from '../define';

export const PROCESS_EMAIL_USING: Path = ['systemSettings', 'processEmailUsing'];
export const FOLDER_LEVEL_TRACKING: Path = ['systemSettings', 'tracking', 'folderLevelTracking'];
export const DEFAULTS: Path = ['systemSettings', 'defaults'];
export const METHOD_KEYS = ['incomingEmail', 'outgoingEmail', 'appointmentsContactsTasks'] as const;
export type MethodKey = (typeof METHOD_KEYS)[number];

/** The written and known value at `path`, or undefined. */
export function writtenValue(ctx: RuleContext, path: Path): unknown {
  return ctx.known(path) ? ctx.value(path) : undefined;
}

/** Effective boolean at `path`: written and known, else `dflt` when absent; undefined when unknown. */
export function effectiveBool(ctx: RuleContext, path: Path, dflt: boolean): boolean | undefined {
  if (!ctx.known(path)) return undefined;
  const v = ctx.value(path);
  if (v === undefined) return dflt;
  return typeof v === 'boolean' ? v : undefined;
}

/** `systemSettings.processEmailUsing: emailRouter` (written; the default is serverSideSync). */
export function routerSelected(plan: PlanModel): boolean {
  return plan.processEmailUsing === 'emailRouter';
}

/** `systemSettings.tracking.folderLevelTracking: true`, written and known. */
export function folderTrackingWritten(ctx: RuleContext): boolean {
  return writtenValue(ctx, FOLDER_LEVEL_TRACKING) === true;
}

/**
 * `router-no-act` reports `systemSettings.tracking.folderLevelTracking`:
 * * `true`: it does (processEmailUsing: emailRouter and folderLevelTracking: true);
 * * `false`: it does not;
 * * `undefined`: folder tracking is on but processEmailUsing is unknown (schema finding), so
 *   whether it would is unknown.
 */
export function routerNoActOnFolderTracking(ctx: RuleContext): boolean | undefined {
  if (!folderTrackingWritten(ctx)) return false;
  if (ctx.plan.processEmailUsing === undefined) return undefined;
  return routerSelected(ctx.plan);
}

/**
 * The profiles counted as used (plan-format.md §11.4), and whether the set is fully known: an
 * unresolved or broken default or mailbox `serverProfile` makes it incomplete.
 */
export function usedProfiles(plan: PlanModel): { profiles: ProfileModel[]; complete: boolean } {
  let complete = !(plan.defaults.serverProfileWritten && !plan.defaults.serverProfile);
  for (const m of plan.mailboxes) if (m.profileWritten && m.profileUnknown) complete = false;
  return { profiles: plan.profiles.filter((p) => p.used), complete };
}

/**
 * Effective `systemSettings.approval.users` (user) or `.queues` (queue): `true` by default,
 * undefined when unknown. Forward mailboxes have no approval switch: undefined.
 */
export function approvalRequired(ctx: RuleContext, kind: MailboxKind | undefined): boolean | undefined {
  const path = approvalSettingPath(kind);
  return path ? effectiveBool(ctx, path, true) : undefined;
}

export function approvalSettingPath(kind: MailboxKind | undefined): Path | undefined {
  if (kind === 'user') return ['systemSettings', 'approval', 'users'];
  if (kind === 'queue') return ['systemSettings', 'approval', 'queues'];
  return undefined;
}

/** `processed(M)`, approval required for `M`'s kind: the mailboxes both approval rules look at. */
export function approvalApplies(ctx: RuleContext, m: MailboxModel): boolean {
  return m.processed && approvalRequired(ctx, m.kind) === true;
}

/** Each mailbox's place in document order (null: the model's order is it), once per list of mailboxes. */
const ranks = new WeakMap<readonly MailboxModel[], Map<MailboxModel, number> | null>();

/** Ids that JavaScript objects list first, in numeric order (array-index-like keys). */
const INDEX_LIKE = /^(0|[1-9][0-9]*)$/;

function rankOf(ctx: RuleContext): Map<MailboxModel, number> | null {
  const all = ctx.plan.mailboxes;
  let rank = ranks.get(all);
  if (rank === undefined) {
    // A chunked parse with no repeated id and no index-like id lists mailboxes in document order.
    if (ctx.parsed.layout?.mailboxes && !all.some((m) => INDEX_LIKE.test(m.id))) {
      rank = null;
    } else {
      const starts = keyOffsets(ctx.parsed, ['mailboxes']);
      const keyed = all.map((m, i) => ({ m, at: starts.get(m.id) ?? Number.MAX_SAFE_INTEGER, i }));
      keyed.sort((a, b) => a.at - b.at || a.i - b.i);
      rank = new Map(keyed.map((k, i) => [k.m, i]));
    }
    ranks.set(all, rank);
  }
  return rank;
}

/** Mailboxes in document order of their keys (object key order can differ for numeric ids). `mailboxes` is a sublist of the plan's. */
export function inDocumentOrder(ctx: RuleContext, mailboxes: readonly MailboxModel[]): MailboxModel[] {
  const rank = rankOf(ctx);
  if (!rank) return [...mailboxes];
  const at = (m: MailboxModel) => rank.get(m) ?? Number.MAX_SAFE_INTEGER;
  return [...mailboxes].sort((a, b) => at(a) - at(b));
}

/** The mailbox key behind an effective method: the written value, else the written default. */
export function methodPlace(m: MailboxModel, key: MethodKey): { at: Path; part: 'key' | 'value'; inherited: boolean } {
  const source = key === 'incomingEmail' ? m.incSource : key === 'outgoingEmail' ? m.outgSource : m.actSource;
  return source === 'written' ? { at: [...m.path, key], part: 'value', inherited: false } : { at: m.path, part: 'key', inherited: true };
}

/** Related location on the written default a mailbox inherits (rules.md §1.4), if any. */
export function inheritedDefaultRelated(m: MailboxModel, key: MethodKey, message: string): RelatedSpec[] {
  const source = key === 'incomingEmail' ? m.incSource : key === 'outgoingEmail' ? m.outgSource : m.actSource;
  return source === 'default' ? [{ at: [...DEFAULTS, key], message }] : [];
}

/** `profile 'x'` or `profiles 'x', 'y'`. */
export function quoteIds(ids: readonly string[]): string {
  return ids.map((id) => `'${id}'`).join(', ');
}
