/**
 * Three-valued logic and effective values shared by the rules. A predicate answers `undefined`
 * when it would have to read an unknown value (docs/plan-format.md#unknown-values); rules
 * report only on a definite `true`, so one typo gives one finding.
 */

import type { Auth, ConnectionModel, MailboxModel, Method, PlanModel, ProfileModel, Source } from '../../model';
import type { Path } from '../../types';
import type { RuleContext } from '../define';

/** Three-valued `and`. */
export function and3(...xs: (boolean | undefined)[]): boolean | undefined {
  if (xs.includes(false)) return false;
  return xs.includes(undefined) ? undefined : true;
}

/** Three-valued `or`. */
function or3(...xs: (boolean | undefined)[]): boolean | undefined {
  if (xs.includes(true)) return true;
  return xs.includes(undefined) ? undefined : false;
}

/** `x = serverSideSync` for an effective method that may be unknown. */
function isSss(x: string | undefined): boolean | undefined {
  return x === undefined ? undefined : x === 'serverSideSync';
}

/** `uses(M, d)`: `sss(M)` and a method of direction `d` is serverSideSync. ACT travels over the incoming connection. */
export function usesOf(plan: PlanModel, m: MailboxModel, dir: 'in' | 'out'): boolean | undefined {
  const sss = sssOf(plan, m);
  return dir === 'in' ? and3(sss, or3(isSss(m.incomingEmail), isSss(m.appointmentsContactsTasks))) : and3(sss, isSss(m.outgoingEmail));
}

/** `auth(P, d)`: the effective authenticateUsing of direction `d` (undefined when unknown). */
export function authOf(p: ProfileModel, dir: 'in' | 'out'): Auth | undefined {
  return dir === 'in' ? p.incoming.auth : p.outgoing.auth;
}

/** The connection whose credential keys decide `auth(P, d)`. */
export function authConnection(p: ProfileModel, dir: 'in' | 'out'): ConnectionModel {
  return dir === 'in' ? p.incoming : p.outgoing;
}

/**
 * `processed(M)` (docs/plan-format.md#processed-mailboxes): the mailbox is active and at least
 * one effective method is `serverSideSync`. `false` for an inactive mailbox (never processed);
 * `undefined` when `active` is unknown, or when no known method is `serverSideSync` but one of
 * them is unknown.
 */
function processedOf(m: MailboxModel): boolean | undefined {
  if (m.active === false) return false;
  if (m.active === undefined) return undefined;
  const methods = [m.incomingEmail, m.outgoingEmail, m.appointmentsContactsTasks];
  if (methods.includes('serverSideSync')) return true;
  return methods.includes(undefined) ? undefined : false;
}

/**
 * `sss(M)`, processed by server-side synchronization (docs/plan-format.md#processed-mailboxes):
 * processed and effective `processEmailUsing = serverSideSync`. `undefined` when it depends on
 * an unknown value.
 */
export function sssOf(plan: PlanModel, m: MailboxModel): boolean | undefined {
  const processed = processedOf(m);
  if (processed === false || plan.processEmailUsing === 'emailRouter') return false;
  if (processed === undefined || plan.processEmailUsing === undefined) return undefined;
  return true;
}

/** Effective value and where it comes from, for one method key of `m`. */
export function methodOf(m: MailboxModel, key: MethodKey): { value?: Method; source: Source } {
  switch (key) {
    case 'incomingEmail':
      return { value: m.incomingEmail, source: m.incomingEmailSource };
    case 'outgoingEmail':
      return { value: m.outgoingEmail, source: m.outgoingEmailSource };
    default:
      return { value: m.appointmentsContactsTasks, source: m.appointmentsContactsTasksSource };
  }
}

/** The three method keys of a mailbox, in the order of docs/plan-format.md#mailboxes. */
export type MethodKey = 'incomingEmail' | 'outgoingEmail' | 'appointmentsContactsTasks';

export const METHOD_KEYS: readonly MethodKey[] = ['incomingEmail', 'outgoingEmail', 'appointmentsContactsTasks'];

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

/**
 * A boolean key read as "is it `true`": `false` when absent (every key used here defaults to
 * `false`), the value when written and known, `undefined` when unknown.
 */
export function boolFlag(ctx: RuleContext, path: Path): boolean | undefined {
  return effectiveBool(ctx, path, false);
}
