/**
 * Shared predicates of the "System settings and engines" rules (`router-stops-processing` to
 * `outlook-client-retired` in catalogue order). The yields of `folder-tracking-no-exchange` (a)
 * to `router-no-act` (one finding per value) and of `router-exchange-online-basic-auth` to
 * `router-deprecated` (as an error) are implemented by evaluating the other rule's condition here,
 * so that both rules read the same definition.
 */
import type { MailboxKind, MailboxModel, PlanModel, ProfileModel } from '../../model';
import type { Path } from '../../types';
import type { RuleContext } from '../define';
import { effectiveBool, writtenValue } from './logic';
import { groupsOf } from '../../incremental/groups';

export const PROCESS_EMAIL_USING: Path = ['systemSettings', 'processEmailUsing'];
export const FOLDER_LEVEL_TRACKING: Path = ['systemSettings', 'tracking', 'folderLevelTracking'];
export const DEFAULTS: Path = ['systemSettings', 'defaults'];

/** `systemSettings.processEmailUsing: emailRouter` (written; the default is serverSideSync). */
export function routerSelected(plan: PlanModel): boolean {
  return plan.processEmailUsing === 'emailRouter';
}

/**
 * What `router-deprecated` reports: `error` on d365-9 online, `warning` on d365-9 on-premises,
 * `false` when it reports nothing (another baseline, or the router not selected), undefined when
 * the deployment is unknown. `router-exchange-online-basic-auth` yields to the error, so both
 * rules read this one definition.
 */
export function routerDeprecatedSeverity(plan: PlanModel): 'error' | 'warning' | false | undefined {
  if (plan.baseline !== 'd365-9' || !routerSelected(plan)) return false;
  if (plan.deployment === undefined) return undefined;
  return plan.deployment === 'online' ? 'error' : 'warning';
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

/** A mailbox whose written serverProfile is unknown (a typo, an unresolved reference). */
const brokenProfileReference = (m: MailboxModel) => (m.profileWritten && m.profileUnknown ? 'yes' : undefined);

/**
 * The profiles counted as used (docs/plan-format.md#used-profiles-and-referenced-mail-systems),
 * and whether the set is fully known: an unresolved or broken default or mailbox `serverProfile`
 * makes it incomplete.
 */
export function usedProfiles(plan: PlanModel): { profiles: ProfileModel[]; complete: boolean } {
  const complete = !(plan.defaults.serverProfileWritten && !plan.defaults.serverProfile) && !groupsOf(plan, brokenProfileReference, undefined).get('yes');
  return { profiles: plan.profiles.filter((p) => plan.usedProfileIds.has(p.id)), complete };
}

/**
 * Effective `systemSettings.approval.users` (user) or `.queues` (queue): `true` by default,
 * undefined when unknown. Forward mailboxes have no approval switch: undefined.
 */
function approvalRequired(ctx: RuleContext, kind: MailboxKind | undefined): boolean | undefined {
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

