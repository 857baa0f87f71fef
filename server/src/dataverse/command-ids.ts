/**
 * The finding ids of `crmsync export` (export/*) and `crmsync diff` (drift/*): they belong to
 * the commands, not to the rule catalogue of plan checks, but SARIF lists them with a help URI,
 * `--rule` overrides their severity and docs/rules.md documents them. Plain data.
 */
import type { CatalogEntry } from '../analysis/catalog';
import type { Severity } from '../analysis/types';

interface CommandId {
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly docs: string;
}

const EXPORT: readonly CommandId[] = [
  {
    id: 'export/plan-has-errors',
    severity: 'error',
    summary: 'The plan has error findings, so export writes nothing (use --allow-errors to export it anyway).',
    docs: 'Placed at 1:1; the error findings of `crmsync check` are listed with it. With `--allow-errors` export proceeds and skips every key that is unknown or holds a placeholder (`export/skipped`).',
  },
  {
    id: 'export/wrong-organization',
    severity: 'error',
    summary: "The plan's organization crmsync:id is not the organization of the --against export.",
    docs: 'Placed at the `# crmsync:id` comment of `organization`. Export writes nothing: the requests would change another organisation.',
  },
  {
    id: 'export/ambiguous-match',
    severity: 'error',
    summary: 'A plan record without a usable crmsync:id matches more than one record of the organization.',
    docs: 'Placed at the record key. A profile is matched by its name, a user or queue mailbox by its kind and regarding (then its address), a forward mailbox by its name. Add the `# crmsync:id` of the right record.',
  },
  {
    id: 'export/duplicate-id',
    severity: 'error',
    summary: 'Two records of one map have the same crmsync:id.',
    docs: 'Placed at the second comment. Each record of the organisation is one plan record.',
  },
  {
    id: 'export/stale-id',
    severity: 'warning',
    summary: 'A crmsync:id is not in the export, but the record was found by its name (it was recreated).',
    docs: 'Placed at the `# crmsync:id` comment. Export writes to the record it found; change the comment to its GUID.',
  },
  {
    id: 'export/not-written',
    severity: 'warning',
    summary: 'A difference that the Web API cannot write (read-only attribute, no code, unknown format): change it in CRM.',
    docs: 'Placed at the value, or at the record key for an inherited or default value. Examples: a mailbox `kind` or `regarding` (read-only), a profile `owner` (an assignment needs a GUID), `serverType` to or from `exchangeOnline` (no code), `trackedFolders`, `actSyncThisOrgOnly`, `trackingTokens.prefix`, test results (`status`), `approval` `empty` or `pendingApproval`, `approvedByExchangeOnlineAdmin`, the `owner` of a profile export creates, `trackingTokens.enabled: true` without `counterDigits` (maximumtrackingnumber needs both).',
  },
  {
    id: 'export/not-in-org',
    severity: 'warning',
    summary: 'A plan mailbox is not in the organization (export never creates mailboxes), or a value needs an organisation GUID the plan lacks.',
    docs: 'Placed at the record key. User and queue mailboxes come with their user or queue; create a forward mailbox with "New Forward Mailbox" in CRM.',
  },
  {
    id: 'export/secret-required',
    severity: 'warning',
    summary: 'The plan names a secret that the organization does not have: export never writes secrets, so set it in CRM.',
    docs: 'Placed at the secret reference. The message names the attribute and the reference, never a secret value.',
  },
  {
    id: 'export/skipped',
    severity: 'warning',
    summary: 'With --allow-errors: a key that is unknown or holds a placeholder is neither compared nor written.',
    docs: 'Placed at the value.',
  },
  {
    id: 'export/test-enable-limit',
    severity: 'warning',
    summary: 'More than 200 mailboxes are scheduled for Test & Enable; Microsoft advises at most 200 every 5 hours.',
    docs: 'Placed at the `mailboxes` key. Split the phase-2 files with --batch-size and send them hours apart.',
  },
  {
    id: 'export/full-mode',
    severity: 'warning',
    summary: 'Without --against, export rewrites every value, which fires business logic and auditing.',
    docs: 'Placed at 1:1. Export a fresh copy of the organisation and pass it with `--against` to write only the differences.',
  },
  {
    id: 'export/new-record',
    severity: 'info',
    summary: 'A profile that is not in the organization is created, with a GUID derived from the plan.',
    docs: 'Placed at the profile key. The GUID is a UUID version 5 of the organisation and the profile id, so running the same batch twice fails instead of creating a duplicate. `--write-ids` adds its `# crmsync:id` comment.',
  },
  {
    id: 'export/test-scheduled',
    severity: 'info',
    summary: 'The plan expects successful tests, so Test & Enable is scheduled in phase 2.',
    docs: 'Placed at `status`. Phase 2 (`*.test.batch`) sets `testemailconfigurationscheduled` after the approvals and settings of phase 1 are applied.',
  },
  {
    id: 'export/not-webapi',
    severity: 'info',
    summary: 'deploymentSettings are not in the Web API: set them with PowerShell or the Deployment SDK.',
    docs: 'Placed at `deploymentSettings`, once.',
  },
];

const DRIFT: readonly CommandId[] = [
  {
    id: 'drift/changed',
    severity: 'warning',
    summary: 'A compared key differs between the plan and the organization.',
    docs: 'Placed at the value, or at the record key for an inherited or default value (with a related location at the written default). The message gives both values as plan tokens.',
  },
  {
    id: 'drift/observed-changed',
    severity: 'info',
    summary: 'Observed state written in the plan (approval, approvedByExchangeOnlineAdmin, status) differs from the organization.',
    docs: 'Placed at the value. These keys record what CRM reports; export schedules Test & Enable for a `status` that expects success.',
  },
  {
    id: 'drift/secret-not-set',
    severity: 'warning',
    summary: 'The plan names a secret, but the organization has none set.',
    docs: 'Placed at the secret reference. Dataverse reports only whether a secret is set, never its value.',
  },
  {
    id: 'drift/missing-in-org',
    severity: 'warning',
    summary: 'A plan profile or mailbox is not in the organization.',
    docs: 'Placed at the record key: no record of the export has its crmsync:id, its name or (mailboxes) its kind and regarding.',
  },
  {
    id: 'drift/missing-in-plan',
    severity: 'info',
    summary: 'A profile or mailbox of the organization is not in the plan.',
    docs: 'Placed at the `serverProfiles` or `mailboxes` key, or at 1:1 when the map is absent. The message names the record, its GUID and where it is in the export.',
  },
  {
    id: 'drift/id-changed',
    severity: 'warning',
    summary: 'A crmsync:id is not in the export; the record was found by its name (it was recreated).',
    docs: 'Placed at the `# crmsync:id` comment; change it to the GUID the message gives.',
  },
  {
    id: 'drift/ambiguous-match',
    severity: 'error',
    summary: 'A plan record without a usable crmsync:id matches more than one record of the organization.',
    docs: 'Placed at the record key. The record is not compared.',
  },
  {
    id: 'drift/duplicate-id',
    severity: 'error',
    summary: 'Two records of one map have the same crmsync:id.',
    docs: 'Placed at the second comment; that record is not compared.',
  },
  {
    id: 'drift/wrong-organization',
    severity: 'error',
    summary: "The plan's organization crmsync:id is not the exported organization; nothing else is compared.",
    docs: 'Placed at the `# crmsync:id` comment of `organization`.',
  },
];

const every = (s: Severity) => ({ crm2016: s, 'd365-8.2': s, 'd365-9': s });

const entries = (ids: readonly CommandId[]): CatalogEntry[] =>
  ids.map((c) => ({ id: c.id, kind: 'rule', summary: c.summary, severities: every(c.severity), docs: c.docs, hasFix: false }));

/** The export/* ids, as catalogue entries (SARIF, docs). */
export const EXPORT_IDS: readonly CatalogEntry[] = entries(EXPORT);
/** The drift/* ids, as catalogue entries (SARIF, docs). */
export const DRIFT_IDS: readonly CatalogEntry[] = entries(DRIFT);

/** The default severity of a command finding id. */
export function commandSeverity(id: string): Severity {
  return [...EXPORT, ...DRIFT].find((c) => c.id === id)?.severity ?? 'warning';
}
