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
  // One link back, not a chain: a derivation holds the previous model, which would hold its own.
  derivations.delete(previous);
}

/** Mailboxes grouped by a key. */
export interface Groups {
  /** The mailboxes with this key (in no particular order); undefined when there are none. */
  get(key: string): ReadonlySet<MailboxModel> | undefined;
  /** The keys shared by two or more mailboxes. */
  readonly repeated: ReadonlySet<string>;
}

class Index implements Groups {
  /** Keys held by one mailbox (most keys, for an address): no set per key. */
  private readonly single = new Map<string, MailboxModel>();
  private readonly multi = new Map<string, Set<MailboxModel>>();
  private readonly keys = new Map<MailboxModel, string>();
  readonly repeated = new Set<string>();

  get(key: string): ReadonlySet<MailboxModel> | undefined {
    const one = this.single.get(key);
    return one ? new Set([one]) : this.multi.get(key);
  }

  add(m: MailboxModel, key: string | undefined): void {
    if (key === undefined) return;
    this.keys.set(m, key);
    const group = this.multi.get(key);
    if (group) {
      group.add(m);
      return;
    }
    const one = this.single.get(key);
    if (!one) {
      this.single.set(key, m);
      return;
    }
    this.single.delete(key);
    this.multi.set(key, new Set([one, m]));
    this.repeated.add(key);
  }

  remove(m: MailboxModel): void {
    const key = this.keys.get(m);
    if (key === undefined) return;
    this.keys.delete(m);
    if (this.single.get(key) === m) {
      this.single.delete(key);
      return;
    }
    const group = this.multi.get(key)!;
    group.delete(m);
    if (group.size === 1) {
      const [rest] = group;
      this.multi.delete(key);
      this.repeated.delete(key);
      this.single.set(key, rest);
    }
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
  // Patched while the change is small; after most mailboxes changed (a default they all
  // inherit), building anew costs less than removing and adding nearly all of them.
  if (d && handed && (d.removed.length + d.added.length) * 2 <= plan.mailboxes.length) {
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

/** Ids that JavaScript objects list first, in numeric order (array-index-like keys). */
export const INDEX_LIKE = /^(0|[1-9][0-9]*)$/;
const indexLike = (m: MailboxModel) => (INDEX_LIKE.test(m.id) ? 'yes' : undefined);

/** Whether a mailbox id is index-like: then the model's order (object-key order) is not the file's. */
export function hasIndexLikeIds(plan: PlanModel): boolean {
  return groupsOf(plan, indexLike, undefined).get('yes') !== undefined;
}
