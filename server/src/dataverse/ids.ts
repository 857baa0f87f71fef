/**
 * Plan ids for imported records: the slug of a name, collisions resolved by GUID order
 * with `<slug>-<n>` (hash maps only, never pairwise comparison), and ids kept from an earlier
 * plan's `# crmsync:id <guid>` comments (`--ids-from`). Pure.
 */

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX = 64;

/** The slug of a name: NFKD without combining marks, lower case, runs outside [a-z0-9] as `-`, ≤ 64 characters. */
export function slugOf(name: string, guid: string, fallback: 'profile' | 'mailbox'): string {
  let s = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  s = s.slice(0, MAX).replace(/-+$/, '');
  return s === '' ? `${fallback}-${guid.replace(/-/g, '').slice(0, 8).toLowerCase()}` : s;
}

export interface IdRequest {
  /** Lower-case GUID. */
  readonly guid: string;
  readonly slug: string;
}

export interface IdAssignment {
  /** GUID → id. */
  readonly ids: ReadonlyMap<string, string>;
  /** Records that got `<slug>-<n>`, with the GUID of the record that holds the slug. */
  readonly renamed: readonly { readonly guid: string; readonly id: string; readonly slug: string; readonly holder: string | undefined }[];
}

const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Assigns ids to the records of one map: ids kept from `--ids-from` first, then slugs that
 * only one record has, then the first of each group of equal slugs (by GUID), then the later ones
 * `<slug>-<n>` with the smallest free n ≥ 2, group by group in slug order.
 */
export function assignIds(records: readonly IdRequest[], kept: ReadonlyMap<string, string> | undefined): IdAssignment {
  const ids = new Map<string, string>();
  const taken = new Map<string, string>();
  const take = (guid: string, id: string) => {
    ids.set(guid, id);
    taken.set(id, guid);
  };
  const rest: IdRequest[] = [];
  for (const r of records) {
    const k = kept?.get(r.guid);
    if (k !== undefined && ID.test(k) && !taken.has(k)) take(r.guid, k);
    else rest.push(r);
  }
  const groups = new Map<string, IdRequest[]>();
  for (const r of rest) {
    const g = groups.get(r.slug);
    if (g) g.push(r);
    else groups.set(r.slug, [r]);
  }
  const later: { slug: string; records: IdRequest[] }[] = [];
  for (const [slug, g] of groups) {
    if (g.length === 1 && !taken.has(slug)) {
      take(g[0].guid, slug);
      continue;
    }
    g.sort((a, b) => ordinal(a.guid, b.guid));
    if (!taken.has(slug)) take(g[0].guid, slug);
    later.push({ slug, records: taken.get(slug) === g[0].guid ? g.slice(1) : g });
  }
  later.sort((a, b) => ordinal(a.slug, b.slug));
  const renamed: { guid: string; id: string; slug: string; holder: string | undefined }[] = [];
  for (const { slug, records: group } of later) {
    let n = 2;
    for (const r of group) {
      let id: string;
      for (;;) {
        const suffix = `-${n}`;
        id = `${slug.slice(0, MAX - suffix.length)}${suffix}`;
        n++;
        if (!taken.has(id)) break;
      }
      take(r.guid, id);
      renamed.push({ guid: r.guid, id, slug, holder: taken.get(slug) });
    }
  }
  return { ids, renamed };
}

const ID_COMMENT = /^#\s*crmsync:id\s+([0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12})\s*$/;

/** The ids an earlier plan gave to records, by lower-case GUID, per map (`--ids-from`). */
export interface KeptIds {
  readonly serverProfiles: ReadonlyMap<string, string>;
  readonly mailboxes: ReadonlyMap<string, string>;
}

/**
 * Reads the `# crmsync:id <guid>` comments on the entry keys of `serverProfiles` and `mailboxes`
 * in a plan's text: a line scan of the block layout import writes (an entry key one level inside
 * a top-level map, its first comment on the same line). Keys may be plain or quoted.
 */
export function keptIdsFromPlan(text: string): KeptIds {
  const maps = { serverProfiles: new Map<string, string>(), mailboxes: new Map<string, string>() };
  let current: Map<string, string> | undefined;
  let entryIndent: number | undefined;
  for (const line of text.split(/\r?\n/)) {
    const top = /^([A-Za-z][A-Za-z0-9]*)\s*:/.exec(line);
    if (top) {
      current = top[1] === 'serverProfiles' ? maps.serverProfiles : top[1] === 'mailboxes' ? maps.mailboxes : undefined;
      entryIndent = undefined;
      continue;
    }
    if (!current) continue;
    const lead = /^( *)(\S)/.exec(line);
    if (!lead || lead[2] === '#') continue;
    entryIndent ??= lead[1].length;
    const m = /^( +)(?:"([^"\\]*)"|'([^']*)'|([^\s#'"][^:#]*?))\s*:(?:\s+(#.*))?\s*$/.exec(line);
    if (!m) continue;
    if (m[1].length !== entryIndent || m[5] === undefined) continue;
    const id = m[2] ?? m[3] ?? m[4];
    const c = ID_COMMENT.exec(m[5]);
    if (c && !current.has(c[1].toLowerCase())) current.set(c[1].toLowerCase(), id);
  }
  return maps;
}
