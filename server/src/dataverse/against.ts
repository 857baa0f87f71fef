/**
 * The organisation side of export (`--against`) and diff: the export files imported
 * into a plan, that plan read as a view (the plan domain of the comparison), and the records of the plan
 * matched to the organisation's. Shared by export.ts and drift.ts. Pure; never throws.
 */
import { valueAt } from '../analysis/model';
import type { Path } from '../analysis/types';
import { importOrganization, type ImportedRecord, type ImportResult } from './import';
import { matchRecords, matchText, recordIds, type IdComment, type MapMatching, type OrgRecord, type PlanIds, type PlanRecord } from './match';
import type { ExportFile } from './reader';
import { valuesOf, type PlanValues } from './view';

/** An organisation as export and diff compare with it. */
export interface Organization {
  /** Lower case. */
  readonly guid: string;
  readonly row: Readonly<Record<string, unknown>>;
  readonly file: string;
  readonly pointer: string;
  /** The plan import wrote of the export, as data (its text is never parsed again). */
  readonly view: PlanValues;
  /** Imported records by the id import gave them. */
  readonly profiles: ReadonlyMap<string, ImportedRecord>;
  readonly mailboxes: ReadonlyMap<string, ImportedRecord>;
  readonly profileByGuid: ReadonlyMap<string, ImportedRecord>;
  /** Whether the export holds the tracking folders (else `trackedFolders` is not compared). */
  readonly foldersExported: boolean;
  /** How many files were read. */
  readonly files: number;
}

/**
 * Imports the export files (the first step). `organization` is undefined when the import has an
 * error (the caller prints `result.diagnostics` and exits 2).
 */
export function loadOrganization(files: readonly ExportFile[]): { readonly result: ImportResult; readonly organization?: Organization } {
  const result = importOrganization(files);
  if (result.value === undefined || !result.organization) return { result };
  const view = valuesOf(result.value);
  if (!view) return { result };
  const byId = (list: readonly ImportedRecord[]) => new Map(list.map((r) => [r.id, r]));
  return {
    result,
    organization: {
      guid: result.organization.guid,
      row: result.organization.row,
      file: result.organization.file,
      pointer: result.organization.pointer,
      view,
      profiles: byId(result.profiles),
      mailboxes: byId(result.mailboxes),
      profileByGuid: new Map(result.profiles.map((r) => [r.guid, r])),
      foldersExported: result.exported.has('mailboxtrackingfolders'),
      files: result.counts.files,
    },
  };
}

const text = (view: PlanValues, path: Path): string | undefined => {
  const v = valueAt(view.value, path);
  return typeof v === 'string' && view.known(path) ? v : undefined;
};

/** What rule 2 of the matching compares: a profile's effective name. */
function profileKey(view: PlanValues, id: string): string {
  return matchText(text(view, ['serverProfiles', id, 'name']) ?? id);
}

/** A mailbox's kind and regarding (user, queue) or name (forward), and its address. */
function mailboxKeys(view: PlanValues, id: string): { matchKey?: string; emailAddress?: string } {
  const base = ['mailboxes', id];
  const kind = text(view, [...base, 'kind']);
  const regarding = text(view, [...base, 'regarding']);
  const name = text(view, [...base, 'name']);
  const address = text(view, [...base, 'emailAddress']);
  const matchKey =
    (kind === 'user' || kind === 'queue') && regarding !== undefined ? `${kind}\0${matchText(regarding)}` : kind === 'forward' && name !== undefined ? `forward\0${matchText(name)}` : undefined;
  return { matchKey, emailAddress: address === undefined ? undefined : matchText(address) };
}

export interface PlanMatching {
  readonly ids: PlanIds;
  /** Set when the plan's organization comment names another organisation. */
  readonly wrongOrganization?: { readonly comment: IdComment; readonly message: string };
  readonly profiles: MapMatching;
  readonly mailboxes: MapMatching;
}

/** Matches the plan's records to the organisation's, in document order of the plan. */
export function matchPlan(plan: PlanValues, ids: PlanIds, org: Organization): PlanMatching {
  const planRecords = (map: 'serverProfiles' | 'mailboxes'): PlanRecord[] =>
    recordIds(plan.value, map).map((id) => (map === 'serverProfiles' ? { id, matchKey: profileKey(plan, id) } : { id, ...mailboxKeys(plan, id) }));
  const orgRecords = (map: 'serverProfiles' | 'mailboxes', imported: ReadonlyMap<string, ImportedRecord>): OrgRecord[] =>
    [...imported.values()].map((r) => ({ id: r.id, guid: r.guid, ...(map === 'serverProfiles' ? { matchKey: profileKey(org.view, r.id) } : mailboxKeys(org.view, r.id)) }));
  const wrong =
    ids.organization && ids.organization.guid !== org.guid
      ? {
          comment: ids.organization,
          message: `The plan's organization has crmsync:id ${ids.organization.guid}, but the export is of organization ${org.guid}: the plan describes another organization, so nothing is compared.`,
        }
      : undefined;
  return {
    ids,
    ...(wrong ? { wrongOrganization: wrong } : {}),
    profiles: matchRecords('serverProfiles', planRecords('serverProfiles'), ids.serverProfiles, orgRecords('serverProfiles', org.profiles), { noun: 'Profile', rule2: 'its name' }),
    mailboxes: matchRecords('mailboxes', planRecords('mailboxes'), ids.mailboxes, orgRecords('mailboxes', org.mailboxes), {
      noun: 'Mailbox',
      rule2: 'its kind and regarding (or, for a forward mailbox, its name)',
    }),
  };
}
