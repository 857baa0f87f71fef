/**
 * SARIF 2.1.0 for code scanning (GitHub and other SARIF viewers): rule metadata from the catalog
 * (names, descriptions, help from the rule docs), file locations relative to `%SRCROOT%` (the
 * current directory or `--sarif-root`) or absolute `file://` URIs for files outside it.
 */
import * as path from 'node:path';
import { catalog, type CatalogEntry } from '../analysis/catalog';
import { ruleDocsUrl, REPOSITORY_URL } from '../analysis/docs-url';
import type { Finding, LineIndex, Severity } from '../analysis';
import type { FileResult } from './format';
import { fileUri, relativeInside, relativeUri } from './paths';

const SRCROOT = '%SRCROOT%';

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** `anonymous-auth-exchange` → `AnonymousAuthExchange`, `schema/enum` → `SchemaEnum`. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** The explanation of a rule's docs: the text before its first `###` section (Invalid / Valid examples). */
function explanation(docs: string): string {
  const cut = docs.search(/^###\s/m);
  return (cut < 0 ? docs : docs.slice(0, cut)).trim();
}

/** Markdown paragraphs hard-wrapped in the source, as plain text: one line per paragraph. */
function unwrap(markdown: string): string {
  return markdown
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/** SARIF messages are sentences (the validator's SARIF2001). */
function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

const KIND_TAG: Record<CatalogEntry['kind'], string> = { parser: 'yaml', schema: 'schema', reference: 'reference', suppression: 'suppression', rule: 'rule' };

function defaultLevel(r: CatalogEntry): 'error' | 'warning' | 'note' {
  const s = r.severities.crm2016 ?? r.severities['d365-9'] ?? r.severities['d365-8.2'] ?? 'warning';
  return SARIF_LEVEL[s];
}

function ruleDescriptor(r: CatalogEntry) {
  const url = ruleDocsUrl(r.id);
  const about = r.docs ? explanation(r.docs) : r.summary;
  const note = r.severityNote ? `\n\nSeverity: ${r.severityNote}.` : '';
  return {
    id: r.id,
    name: pascalCase(r.id),
    shortDescription: { text: sentence(r.summary), markdown: sentence(r.summary) },
    fullDescription: { text: sentence(unwrap(about)), markdown: about },
    help: {
      text: `${unwrap(about)}${note}\n\nDocumentation: ${url}`,
      markdown: `${about}${note}\n\n[Documentation of \`${r.id}\`](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { level: defaultLevel(r) },
    properties: { tags: [r.set ?? KIND_TAG[r.kind], ...(r.kind === 'rule' ? [] : ['builtin']), ...(r.hasFix ? ['fixable'] : [])] },
  };
}

export interface SarifOptions {
  readonly toolVersion: string;
  /** Absolute directory that `%SRCROOT%` stands for (the current directory or `--sarif-root`). */
  readonly root: string;
  /** Ids outside the catalog that the findings may have (the drift/* ids of `crmsync diff`). */
  readonly extraRules?: readonly CatalogEntry[];
}

interface Position1 {
  line: number;
  column: number;
}

function pos1(lines: LineIndex, offset: number): Position1 {
  const p = lines.position(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

export function formatSarif(results: readonly FileResult[], options: SarifOptions): string {
  const rules = [...catalog(), ...(options.extraRules ?? [])];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  let usesRoot = false;
  const artifact = (r: FileResult) => {
    const rel = relativeInside(options.root, r.absPath);
    if (rel === undefined) return { uri: fileUri(r.absPath) };
    usesRoot = true;
    return { uri: relativeUri(rel), uriBaseId: SRCROOT };
  };
  const region = (lines: LineIndex, start: number, end: number) => {
    const s = pos1(lines, start);
    const e = pos1(lines, end);
    return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
  };
  const result = (r: FileResult, f: Finding, suppression?: string) => {
    const at = artifact(r);
    return {
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: SARIF_LEVEL[f.severity],
      message: { text: sentence(f.message) },
      locations: [{ physicalLocation: { artifactLocation: at, region: region(r.lines, f.span.start, f.span.end) } }],
      ...(f.related.length
        ? {
            relatedLocations: f.related.map((rel, i) => ({
              id: i + 1,
              message: { text: sentence(rel.message) },
              physicalLocation: { artifactLocation: at, region: region(r.lines, rel.span.start, rel.span.end) },
            })),
          }
        : {}),
      ...(suppression !== undefined ? { suppressions: [{ kind: 'inSource', justification: suppression }] } : {}),
    };
  };
  const sarifResults = results.flatMap((r) => [...r.findings.map((f) => result(r, f)), ...r.suppressed.map((f) => result(r, f, f.reason))]);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'crmsync',
            fullName: `crmsync (CRM Sync Plan Checker) ${options.toolVersion}`,
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: REPOSITORY_URL,
            rules: rules.map(ruleDescriptor),
          },
        },
        automationDetails: { id: 'crmsync/check/' },
        ...(usesRoot ? { originalUriBaseIds: { [SRCROOT]: { uri: fileUri(path.resolve(options.root), true) } } } : {}),
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
