/**
 * A value one version owns and may hand to the next, which changes it in place; the giver
 * builds it anew if it is asked for it again. This is how a version's large tables (the mailbox
 * records by id, a section's plain value, the mailbox models by id) pass to the next version
 * in O(change) while every earlier version still reads its own.
 */
export class Handed<T> {
  constructor(
    private readonly build: () => T,
    private value?: T,
  ) {}

  get(): T {
    return (this.value ??= this.build());
  }

  /** The value, which the caller now owns. */
  take(): T {
    const v = this.get();
    this.value = undefined;
    return v;
  }
}
