/** How messages name things: connections, mailboxes, lists of ids. One wording for every rule. */

import type { ConnectionModel, MailboxModel, ProfileModel } from '../../model';

/** `'incoming'` or `'outgoing'`. */
export function connName(c: ConnectionModel): 'incoming' | 'outgoing' {
  return c.dir === 'in' ? 'incoming' : 'outgoing';
}

/** `profile 'exo' (incoming)` for messages. */
export function connLabel(p: ProfileModel, c: ConnectionModel): string {
  return `profile '${p.id}' (${connName(c)})`;
}

/** `profile 'exo', incoming` for parenthesized mentions. */
export function connWhere(p: ProfileModel, c: ConnectionModel): string {
  return `profile '${p.id}', ${connName(c)}`;
}

/** `mailbox 'id'` for messages. */
export function mailboxLabel(m: MailboxModel): string {
  return `mailbox '${m.id}'`;
}

/** Up to three quoted ids, then "and n more". */
export function listIds(ids: readonly string[], max = 3): string {
  const shown = ids.slice(0, max).map((id) => `'${id}'`);
  const rest = ids.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function joinParts(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** `profile 'x'` or `profiles 'x', 'y'`. */
export function quoteIds(ids: readonly string[]): string {
  return ids.map((id) => `'${id}'`).join(', ');
}

/** "a" or "an" before a camelCase token or word. */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
