/**
 * Finding plan records in an organisation: the `# crmsync:id <guid>` comment on an entry's
 * key line first, then the profile's effective name, or the mailbox's kind and regarding (with
 * the address when that is ambiguous; a forward mailbox by its name). Hash maps only: no pairwise
 * comparison, so matching 50,000 mailboxes stays linear. Pure; never throws.
 */
import { keySpan } from '../analysis/locate';
import { valueAt } from '../analysis/model';
import { yamlComments } from '../analysis/parse';
import type { Path, Span } from '../analysis/types';
import type { PlanView } from './view';

/** A `# crmsync:id` comment: its GUID in lower case, and where it is. */
export interface IdComment {
  readonly guid: string;
  readonly span: Span;
}

export interface PlanIds {
  readonly organization?: IdComment;
  /** Plan id → comment, per map. */
  readonly serverProfiles: ReadonlyMap<string, IdComment>;
  readonly mailboxes: ReadonlyMap<string, IdComment>;
}

const ID_COMMENT = /^#\s*crmsync:id\s+([0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12})\s*$/;

export const recordIds = (value: unknown, map: 'serverProfiles' | 'mailboxes'): string[] => {
  const m = valueAt(value, [map]);
  return m !== null && typeof m === 'object' && !Array.isArray(m) ? Object.keys(m) : [];
};

/**
 * The `crmsync:id` comments of a plan: the first comment on the line of the key `organization:`
 * and of each entry key of `serverProfiles` and `mailboxes`, when its text is a crmsync:id
 *. The rest of a key line is scanned directly; a line that holds quotes (a flow value)
 * is left to the YAML lexer, so that a `#` inside a quoted scalar is never taken for a comment.
 */
export function idComments(view: PlanView): PlanIds {
  const { parsed } = view;
  const text = parsed.text;
  let lexed: Map<number, { span: Span; text: string }> | undefined;
  /** The first comment of the line that `span` (a key) is on, after the key. */
  const firstComment = (span: Span): { span: Span; text: string } | undefined => {
    const line = parsed.lines.position(span.start).line;
    const end = parsed.lines.lineEnd(line);
    const rest = text.slice(span.end, end);
    if (!rest.includes('#')) return undefined;
    if (!/["']/.test(rest)) {
      const m = /(^|\s)#/.exec(rest);
      if (!m) return undefined;
      const start = span.end + m.index + m[1].length;
      const body = text.slice(start, end).replace(/\s+$/, '');
      return { span: { start, end: start + body.length }, text: body };
    }
    if (!lexed) {
      lexed = new Map();
      for (const c of yamlComments(text)) {
        const l = parsed.lines.position(c.span.start).line;
        if (!lexed.has(l)) lexed.set(l, c);
      }
    }
    const c = lexed.get(line);
    return c && c.span.start >= span.end ? c : undefined;
  };
  const idAt = (path: Path): IdComment | undefined => {
    const key = keySpan(parsed, path);
    if (!key) return undefined;
    const c = firstComment(key);
    const m = c ? ID_COMMENT.exec(c.text) : null;
    return m && c ? { guid: m[1].toLowerCase(), span: c.span } : undefined;
  };
  const mapIds = (map: 'serverProfiles' | 'mailboxes'): Map<string, IdComment> => {
    const out = new Map<string, IdComment>();
    for (const id of recordIds(view.value, map)) {
      const c = idAt([map, id]);
      if (c) out.set(id, c);
    }
    return out;
  };
  return { organization: idAt(['organization']), serverProfiles: mapIds('serverProfiles'), mailboxes: mapIds('mailboxes') };
}

/** An organisation profile or mailbox, read from the plan that import wrote of the export. */
export interface OrgRecord {
  /** The id import gave it. */
  readonly id: string;
  /** Lower case. */
  readonly guid: string;
  /** Profiles: the name. Mailboxes: `<kind>\0<regarding>` for user and queue, `forward\0<name>` for forward ones (normalised). */
  readonly matchKey?: string;
  /** Mailboxes: the address, normalised, to break ties. */
  readonly emailAddress?: string;
}

/** A plan record with what rule 2 of the matching compares. */
export interface PlanRecord {
  readonly id: string;
  readonly matchKey?: string;
  readonly emailAddress?: string;
}

export type MatchIssueKind = 'stale-id' | 'ambiguous-match' | 'duplicate-id';

export interface MatchIssue {
  readonly kind: MatchIssueKind;
  /** The plan record's path (`['mailboxes', id]`). */
  readonly path: Path;
  /** Where the finding goes: the comment, or undefined for the record key. */
  readonly span?: Span;
  readonly message: string;
}

export interface MapMatching {
  /** Plan id → organisation record. */
  readonly matched: ReadonlyMap<string, OrgRecord>;
  /** Organisation GUID → plan id. */
  readonly byGuid: ReadonlyMap<string, string>;
  /** Plan ids with no organisation record (ambiguous and duplicate ones excluded). */
  readonly unmatched: readonly string[];
  /** Organisation records no plan record matched, in the given order. */
  readonly orphans: readonly OrgRecord[];
  readonly issues: readonly MatchIssue[];
}

/** Text compared by rule 2 of the matching: trimmed, ignoring case. */
export const matchText = (s: string): string => s.trim().toLowerCase();

/**
 * Matches the records of one map: rule 1 (`crmsync:id` = GUID) for every record first, then
 * rule 2 in plan order among the organisation records not yet matched. `noun` names the records
 * in messages (`Profile`, `Mailbox`); `rule2` says what rule 2 compares (`its name`).
 */
export function matchRecords(
  map: 'serverProfiles' | 'mailboxes',
  plan: readonly PlanRecord[],
  ids: ReadonlyMap<string, IdComment>,
  org: readonly OrgRecord[],
  options: { readonly noun: string; readonly rule2: string; readonly idsOnly?: boolean },
): MapMatching {
  const byGuid = new Map<string, OrgRecord>();
  for (const o of org) byGuid.set(o.guid, o);
  const matched = new Map<string, OrgRecord>();
  const taken = new Map<string, string>();
  const issues: MatchIssue[] = [];
  const unmatched: string[] = [];
  const second: PlanRecord[] = [];
  /** The first plan record of each GUID, to find duplicates. */
  const firstWithGuid = new Map<string, string>();
  for (const r of plan) {
    const c = ids.get(r.id);
    if (!c) {
      second.push(r);
      continue;
    }
    const first = firstWithGuid.get(c.guid);
    if (first !== undefined) {
      issues.push({
        kind: 'duplicate-id',
        path: [map, r.id],
        span: c.span,
        message: `${options.noun} '${r.id}' has the same crmsync:id ${c.guid} as '${first}'; each record needs its own. '${r.id}' is not compared.`,
      });
      continue;
    }
    firstWithGuid.set(c.guid, r.id);
    const o = byGuid.get(c.guid);
    if (o) {
      matched.set(r.id, o);
      taken.set(o.guid, r.id);
    } else second.push(r);
  }
  // Rule 2: candidates by key among the records not yet matched.
  const candidates = new Map<string, OrgRecord[]>();
  if (!options.idsOnly) {
    for (const o of org) {
      if (taken.has(o.guid) || o.matchKey === undefined) continue;
      const list = candidates.get(o.matchKey);
      if (list) list.push(o);
      else candidates.set(o.matchKey, [o]);
    }
  }
  for (const r of second) {
    const c = ids.get(r.id);
    let found: OrgRecord | undefined;
    if (!options.idsOnly && r.matchKey !== undefined) {
      let list = (candidates.get(r.matchKey) ?? []).filter((o) => !taken.has(o.guid));
      if (list.length > 1 && r.emailAddress !== undefined) {
        const same = list.filter((o) => o.emailAddress === r.emailAddress);
        if (same.length > 0) list = same;
      }
      if (list.length > 1) {
        issues.push({
          kind: 'ambiguous-match',
          path: [map, r.id],
          message: `${options.noun} '${r.id}' matches ${list.length} records of the organization by ${options.rule2} (${list
            .slice(0, 5)
            .map((o) => o.guid)
            .join(', ')}${list.length > 5 ? ', …' : ''}); add the crmsync:id of the right one. It is not compared.`,
        });
        continue;
      }
      found = list[0];
    }
    if (!found) {
      unmatched.push(r.id);
      continue;
    }
    matched.set(r.id, found);
    taken.set(found.guid, r.id);
    if (c) {
      issues.push({
        kind: 'stale-id',
        path: [map, r.id],
        span: c.span,
        message: `${options.noun} '${r.id}': no record of the export has its crmsync:id ${c.guid}; it matched ${found.guid} by ${options.rule2} (the record was recreated). Change the comment to "# crmsync:id ${found.guid}".`,
      });
    }
  }
  const byPlan = new Map<string, string>();
  for (const [id, o] of matched) byPlan.set(o.guid, id);
  return { matched, byGuid: byPlan, unmatched, orphans: org.filter((o) => !taken.has(o.guid)), issues };
}
