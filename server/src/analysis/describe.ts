/** Names records and keys in messages: "profile 'exo'", "mailbox 'alice'". */
import type { Path } from './types';

const COLLECTIONS: Record<string, string> = { serverProfiles: 'profile', mailboxes: 'mailbox', mailSystems: 'mail system' };

/** The record a path belongs to, e.g. `profile 'exo'`, `organization`, `the plan`. */
export function describeRecord(path: Path): string {
  if (path.length === 0) return 'the plan';
  const top = String(path[0]);
  if (COLLECTIONS[top] && path.length >= 2) return `${COLLECTIONS[top]} '${String(path[1])}'`;
  return top;
}

/** The location of a path inside its record, e.g. `incoming` for a profile's incoming connection. */
function describeWithin(path: Path): string {
  const top = String(path[0] ?? '');
  const rest = COLLECTIONS[top] ? path.slice(2) : path.slice(1);
  return rest.map(String).join('.');
}

/** `incoming of profile 'exo'`, or just `profile 'exo'`. */
export function describePath(path: Path): string {
  const within = describeWithin(path);
  const record = describeRecord(path);
  return within ? `${within} of ${record}` : record;
}

/** Joins values as `a, b or c`. */
export function listOr(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
