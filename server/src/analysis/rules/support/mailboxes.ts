/**
 * Shared predicates of the "Mailboxes" and "Forward mailboxes" rules (rules.md §10, §11).
 * Every predicate answers `undefined` when it would have to read an unknown value
 * (plan-format.md §11.5), so that the rule skips that record.
 */
import { yamlScalar } from '../../edit';
import { keySpan, valueSpan } from '../../locate';
import type { MailboxModel, Method, PlanModel, ServerType, Source } from '../../model';
import type { Fix, Path, TextEdit } from '../../types';
import type { RelatedSpec, RuleContext } from '../define';
import { inDocumentOrder } from './engines';

/** The three method keys of a mailbox, in the order of plan-format.md §10. */
export type MethodKey = 'incomingEmail' | 'outgoingEmail' | 'appointmentsContactsTasks';
export const METHOD_KEYS: readonly MethodKey[] = ['incomingEmail', 'outgoingEmail', 'appointmentsContactsTasks'];

/** Short names of the methods for messages. */
export const METHOD_LABEL: Record<MethodKey, string> = {
  incomingEmail: 'incoming email',
  outgoingEmail: 'outgoing email',
  appointmentsContactsTasks: 'appointments, contacts and tasks',
};

/** Effective value and where it comes from, for one method key of `m`. */
export function methodOf(m: MailboxModel, key: MethodKey): { value?: Method; source: Source } {
  switch (key) {
    case 'incomingEmail':
      return { value: m.inc, source: m.incSource };
    case 'outgoingEmail':
      return { value: m.outg, source: m.outgSource };
    default:
      return { value: m.act, source: m.actSource };
  }
}

/**
 * `processed(M)` (rules.md §1.2): at least one effective method is `serverSideSync`.
 * `undefined` when no known method is `serverSideSync` but one of them is unknown.
 */
export function processedOf(m: MailboxModel): boolean | undefined {
  const methods = [m.inc, m.outg, m.act];
  if (methods.includes('serverSideSync')) return true;
  return methods.includes(undefined) ? undefined : false;
}

/**
 * `sss(M)` (rules.md §1.2): processed and effective `processEmailUsing = serverSideSync`.
 * `undefined` when it depends on an unknown value.
 */
export function sssOf(plan: PlanModel, m: MailboxModel): boolean | undefined {
  const processed = processedOf(m);
  if (processed === false || plan.processEmailUsing === 'emailRouter') return false;
  if (processed === undefined || plan.processEmailUsing === undefined) return undefined;
  return true;
}

/**
 * The effective profile's server type of `m`: `null` when the mailbox has no profile at all,
 * `undefined` when the profile reference or its type is unknown.
 */
export function profileTypeOf(m: MailboxModel): ServerType | null | undefined {
  if (m.profileUnknown) return undefined;
  if (m.profileId === undefined) return null;
  return m.profile?.serverType;
}

/** Path of a written key of `systemSettings.defaults`. */
export function defaultPath(key: MethodKey | 'serverProfile'): Path {
  return ['systemSettings', 'defaults', key];
}

/**
 * The related location §1.4 asks for when a mailbox value is inherited from
 * `systemSettings.defaults` (dropped automatically when the default is not written).
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

/** `mailbox 'id'` for messages. */
export function mailboxName(m: MailboxModel): string {
  return `mailbox '${m.id}'`;
}

/**
 * `tracked-folder-outside-inbox`: the first `/`-separated segment is not `Inbox` (any case), or
 * there is no second segment (an empty one, as in `Inbox/`, counts as none) [U11].
 */
export function outsideInbox(folder: string): boolean {
  const segments = folder.split('/');
  return segments[0].toLowerCase() !== 'inbox' || segments.length < 2 || segments[1] === '';
}

// ---------------------------------------------------------------------------- quick fixes

/**
 * "Set <key> to <value>" written on the mailbox itself: replaces a written value, or inserts the
 * key when the mailbox inherits it (the fixes of §10 and §11 never change a default on behalf of
 * one mailbox).
 */
export function setOnMailbox(ctx: RuleContext, m: MailboxModel, key: string, value: string | boolean, isPreferred = false): Fix | undefined {
  return ctx.fix(`Set ${key} to ${String(value)}`, [ctx.edit.set([...m.path, key], value)], { isPreferred });
}

/** "Remove <key>" of a mailbox key. */
export function removeFromMailbox(ctx: RuleContext, m: MailboxModel, key: string, isPreferred = false): Fix | undefined {
  return ctx.fix(`Remove ${key}`, [ctx.edit.remove([...m.path, key])], { isPreferred });
}

/**
 * Dynamics 365 for Outlook is retired on d365-9 online (rule `outlook-client-retired`), so fixes
 * that set `outlook` are not offered there, nor when the deployment is unknown on d365-9.
 */
export function outlookRetired(plan: PlanModel): boolean {
  return plan.baseline === 'd365-9' && plan.deployment !== 'onPremises';
}

/**
 * The edit that puts `prefix` in front of the string scalar at `at`, keeping its quoting: after
 * the opening quote of a quoted scalar, before a plain one; any other form (alias, tag, block
 * scalar) is replaced by the new value.
 */
export function prefixScalar(ctx: RuleContext, at: Path, current: string, prefix: string): TextEdit | undefined {
  const span = valueSpan(ctx.parsed, at);
  if (!span) return undefined;
  const first = ctx.parsed.text[span.start];
  if (first === '"' || first === "'") return { span: { start: span.start + 1, end: span.start + 1 }, newText: prefix };
  if (!/[*&!|>]/.test(first) && ctx.parsed.text.startsWith(current, span.start)) return { span: { start: span.start, end: span.start }, newText: prefix };
  return ctx.edit.replace(at, yamlScalar(prefix + current));
}
