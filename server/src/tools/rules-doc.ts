/**
 * Renders docs/rules.md and the README's rules table from the registry, so the docs cannot
 * drift from the code (a test compares them with the files).
 */
import { catalog, type CatalogEntry } from '../analysis/catalog';
import { ruleDocsUrl } from '../analysis/docs-url';
import { citedSources, SOURCES } from '../analysis/sources';
import { BASELINES } from '../analysis/types';
import { IMPORT_DIAGNOSTICS } from '../dataverse/diagnostics';
import { DRIFT_IDS, EXPORT_IDS } from '../dataverse/command-ids';

const SEV = (s: string | null) => (s === null ? '—' : s);

function severityCells(e: CatalogEntry): string {
  return BASELINES.map((b) => SEV(e.severities[b])).join(' | ');
}

function severityLine(e: CatalogEntry): string {
  const values = BASELINES.map((b) => e.severities[b]);
  const same = values.every((v) => v === values[0]);
  const base = same ? `${SEV(values[0])} on every baseline` : BASELINES.map((b) => `${b}: ${SEV(e.severities[b])}`).join(', ');
  return e.severityNote ? `${base} (${e.severityNote})` : base;
}

const KIND_HEADINGS: Record<CatalogEntry['kind'], string> = {
  parser: 'Parser findings',
  schema: 'Schema findings',
  reference: 'References',
  suppression: 'Suppression comments',
  rule: 'Domain rules',
};

export function renderRulesDoc(): string {
  const entries = catalog();
  const out: string[] = [
    '# crmsync rules',
    '',
    '<!-- Generated from the rule registry by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every finding crmsync reports has one of these ids. Use them in `crmsync.rules` (VS Code),',
    '`--rule <id>=<severity>` (CLI) and suppression comments',
    '(`# crmsync-disable-next-line <id> -- <reason>`). Severity columns are per baseline; "—" means',
    'the rule is not evaluated on that baseline.',
    '',
    '| id | set | crm2016 | d365-8.2 | d365-9 | quick fix | summary |',
    '|---|---|---|---|---|---|---|',
    ...entries.map((e) => `| [${e.id}](#${anchor(e.id)}) | ${e.set ?? e.kind} | ${severityCells(e)} | ${e.hasFix ? 'yes' : 'no'} | ${e.summary} |`),
    '',
  ];
  let kind: CatalogEntry['kind'] | undefined;
  for (const e of entries) {
    if (e.kind !== kind) {
      kind = e.kind;
      out.push(`## ${KIND_HEADINGS[kind]}`, '');
    }
    out.push(`### ${e.id}`, '');
    out.push(`${e.set ? `${e.set === 'core' ? 'Core' : 'Extended'} · ` : ''}${severityLine(e)} · quick fix: ${e.hasFix ? 'yes' : 'no'}`, '');
    out.push(e.summary, '');
    if (e.docs) out.push(linkSources(e.docs.replace(/^### /gm, '#### ').trim()), '');
  }
  out.push(...renderImportIds());
  out.push(...renderCommandIds());
  out.push(...renderSources(entries));
  return out.join('\n');
}

/** The diagnostics of `crmsync import`: about the export files, not the plan, so not in the catalogue above. */
function renderImportIds(): string[] {
  return [
    '## Import diagnostics',
    '',
    '`crmsync import` reports these about the files of a Dataverse Web API export, at a file and a JSON',
    'pointer into it (`import/not-json`: at a line and column). They are not findings of a plan: they',
    'cannot be suppressed or given another severity. Any error means no plan is written (exit 1).',
    'The plan import writes is then checked like any other; the TODOs it leaves are `import-todo`.',
    '',
    '| id | severity | reported when |',
    '|---|---|---|',
    ...IMPORT_DIAGNOSTICS.map((d) => `| \`${d.id}\` | ${d.severity} | ${d.summary} |`),
    '',
  ];
}

/** The findings of `crmsync export` and `crmsync diff`: placed in the plan, but about its organisation, so not in the catalogue. */
function renderCommandIds(): string[] {
  const section = (title: string, intro: string, ids: readonly CatalogEntry[]): string[] => [
    `## ${title}`,
    '',
    intro,
    '',
    ...ids.flatMap((e) => [`### ${e.id}`, '', `Default severity: ${e.severities['d365-9']}. ${e.summary}`, '', e.docs ?? '', '']),
  ];
  return [
    ...section(
      'Export findings',
      '`crmsync export` reports these in the plan it exports (text, JSON or SARIF with `--report`, as `crmsync check` does); `--rule <id>=<severity>` overrides them. They are not checks of the plan: `crmsync check` never reports them. Secrets are never exported (README, "Work with a live organisation").',
      EXPORT_IDS,
    ),
    ...section(
      'Drift findings',
      '`crmsync diff` and "CRM Sync: Compare with Export…" report only these: where the plan and a fresh export of the organisation differ, placed at the plan\'s value (or, for an inherited one, at the record\'s key). Any warning or error means drift (exit 1). `--rule <id>=<severity>` overrides them.',
      DRIFT_IDS,
    ),
  ];
}

/** `Source: S1, S2.` with each number linked to its entry in the Sources section. */
function linkSources(docs: string): string {
  return docs.replace(/^Source:.*$/gm, (line) => line.replace(/\bS\d+\b/g, (id) => (SOURCES[id] ? `[${id}](#${id.toLowerCase()})` : id)));
}

/**
 * The Sources section: every document the rules cite, in a table whose rows carry the anchors the
 * Source lines link to (HTML anchors, not headings: a `###` heading in docs/rules.md is a rule id).
 */
function renderSources(entries: readonly CatalogEntry[]): string[] {
  const cited = new Set(entries.flatMap((e) => citedSources(e.docs ?? '')));
  const out = [
    '## Sources',
    '',
    'The documents that the rules cite in their "Source:" lines. Microsoft\'s pages are linked at their',
    'learn.microsoft.com address; pages of the retired TechNet and MSDN libraries are named by their',
    'library id. "Derived" or "this tool" in a Source line means the rule follows from the plan format',
    'or from other rules rather than from one document.',
    '',
    '| source | document |',
    '|---|---|',
  ];
  for (const [id, s] of Object.entries(SOURCES)) {
    if (!cited.has(id)) continue;
    const title = s.url ? `[${s.title}](${s.url})` : `“${s.title}”`;
    out.push(`| <a id="${id.toLowerCase()}"></a>${id} | ${title}${s.note ? `: ${s.note}` : ''} |`);
  }
  out.push('');
  return out;
}

function anchor(id: string): string {
  return ruleDocsUrl(id).split('#')[1];
}

const README_TABLE_START = '<!-- rules-table:start -->';
const README_TABLE_END = '<!-- rules-table:end -->';

/** The README's rules table (between the markers). */
function renderReadmeTable(): string {
  const entries = catalog().filter((e) => e.kind === 'rule');
  return [
    README_TABLE_START,
    '| rule | set | crm2016 | d365-8.2 | d365-9 | summary |',
    '|---|---|---|---|---|---|',
    ...entries.map((e) => `| [\`${e.id}\`](docs/rules.md#${anchor(e.id)}) | ${e.set} | ${severityCells(e)} | ${e.summary} |`),
    README_TABLE_END,
  ].join('\n');
}

/** The README with its rules table replaced by the current one. */
export function withReadmeTable(readme: string): string {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start < 0 || end < start) return readme;
  return readme.slice(0, start) + renderReadmeTable() + readme.slice(end + README_TABLE_END.length);
}
