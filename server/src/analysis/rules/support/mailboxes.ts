/**
 * Facts of the "Mailboxes" and "Forward mailboxes" rules (`act-non-exchange` to
 * `forward-rules-manual` in catalogue order) that are not three-valued logic, wording, edits or
 * places (those are in logic.ts, wording.ts, edits.ts and places.ts).
 */
import type { MailboxModel, PlanModel } from '../../model';
import { sssOf } from './logic';

/**
 * `tracked-folder-outside-inbox`: the first `/`-separated segment is not `Inbox` (any case), or
 * there is no second segment (an empty one, as in `Inbox/`, counts as none). Localized names of
 * the Inbox are not recognized.
 */
export function outsideInbox(folder: string): boolean {
  const segments = folder.split('/');
  return segments[0].toLowerCase() !== 'inbox' || segments.length < 2 || segments[1] === '';
}

/**
 * Dynamics 365 for Outlook is retired on d365-9 online (rule `outlook-client-retired`), so fixes
 * that set `outlook` are not offered there, nor when the deployment is unknown on d365-9.
 */
export function outlookRetired(plan: PlanModel): boolean {
  return plan.baseline === 'd365-9' && plan.deployment !== 'onPremises';
}

/**
 * `sss(M)` as the mailbox rules read it: also unknown (undefined) while the mailbox's `kind` is
 * unknown, since its effective methods depend on the kind (docs/plan-format.md#unknown-values): a
 * record without its required `kind` gets the schema's finding, not a cascade of rule findings.
 */
export function sssKnownKind(plan: PlanModel, m: MailboxModel): boolean | undefined {
  return m.kind === undefined ? undefined : sssOf(plan, m);
}
