/**
 * Cross-record indexes updated by difference. A rule that looks at every mailbox for a few of
 * them (the repeated addresses, the Outlook users, the mailboxes server-side synchronization
 * processes) asks for the mailboxes grouped by a key instead. When the model was derived from
 * the previous version's (nothing outside `mailboxes` changed, analyze.ts), the previous
 * version's groups are handed over and patched with the mailboxes that changed, so the cost
 * follows the edit, not the plan.
 *
 * The key of a mailbox must depend only on its model, its own record and the plan outside
 * `mailboxes`: then an unchanged mailbox of a derived model has the key it had.
 *
 * A version owns its groups until it hands them on; asked again afterwards (an earlier analysis
 * used as the base of another edit), it builds them anew. What a version returns never changes
 * while the caller holds it within one analysis.
 */
import type { MailboxModel, PlanModel } from '../model';

/** How a model was derived from the previous version's: the mailbox models it dropped and added. */
interface Derivation {
  readonly previous: PlanModel;
  readonly removed: readonly MailboxModel[];
  readonly added: readonly MailboxModel[];
}

const derivations = new WeakMap<PlanModel, Derivation>();

/**
 * Records that `plan` is `previous` with the mailbox models `removed` taken out and `added` put
 * in, everything else (globals, the other mailboxes' models) being the same objects.
 */
export function recordDerivation(plan: PlanModel, previous: PlanModel, removed: readonly MailboxModel[], added: readonly MailboxModel[]): void {
  derivations.set(plan, { previous, removed, added });
}

/** Mailboxes grouped by a key. */
export interface Groups {
  /** The mailboxes with this key (in no particular order); undefined when there are none. */
  get(key: string): ReadonlySet<MailboxModel> | undefined;
  /** The keys shared by two or more mailboxes. */
  readonly repeated: ReadonlySet<string>;
}

class Index implements Groups {
  readonly groups = new Map<string, Set<MailboxModel>>();
  readonly keys = new Map<MailboxModel, string>();
  readonly repeated = new Set<string>();

  get(key: string): ReadonlySet<MailboxModel> | undefined {
    return this.groups.get(key);
  }

  add(m: MailboxModel, key: string | undefined): void {
    if (key === undefined) return;
    this.keys.set(m, key);
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = new Set()));
    g.add(m);
    if (g.size === 2) this.repeated.add(key);
  }

  remove(m: MailboxModel): void {
    const key = this.keys.get(m);
    if (key === undefined) return;
    this.keys.delete(m);
    const g = this.groups.get(key)!;
    g.delete(m);
    if (g.size === 1) this.repeated.delete(key);
    else if (g.size === 0) this.groups.delete(key);
  }
}

type KeyOf<A> = (m: MailboxModel, arg: A) => string | undefined;

const indexes = new WeakMap<PlanModel, Map<KeyOf<never>, Index>>();

/**
 * The plan's mailboxes grouped by `keyOf` (a mailbox with an undefined key is in no group).
 * `keyOf` names the index: pass a function defined once, not a new closure per call; `arg` is
 * handed to it (the rule's context, say) and must not change what it gives for an unchanged
 * mailbox.
 */
export function groupsOf<A>(plan: PlanModel, keyOf: KeyOf<A>, arg: A): Groups {
  let own = indexes.get(plan);
  if (!own) indexes.set(plan, (own = new Map()));
  let index = own.get(keyOf as KeyOf<never>);
  if (index) return index;
  const d = derivations.get(plan);
  const before = d ? indexes.get(d.previous) : undefined;
  const handed = before?.get(keyOf as KeyOf<never>);
  if (d && handed) {
    // The previous version gives its groups up (and builds them anew if asked again).
    before!.delete(keyOf as KeyOf<never>);
    for (const m of d.removed) handed.remove(m);
    for (const m of d.added) handed.add(m, keyOf(m, arg));
    index = handed;
  } else {
    index = new Index();
    for (const m of plan.mailboxes) index.add(m, keyOf(m, arg));
  }
  own.set(keyOf as KeyOf<never>, index);
  return index;
}
