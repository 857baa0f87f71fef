/**
 * The project configuration file, `crmsync.config.json` (or `.yaml` / `.yml`), shared by the
 * CLI and the server: rule severities and options, as in the `crmsync.*` settings and `--rule`.
 * Pure: this module checks the file's text; finding it (walking up from a plan's directory) is
 * `server/src/config/find.ts`, used by the CLI and the Node server. Its JSON schema is
 * `schemas/crmsync.config.schema.json`.
 */
import { parseDocument } from 'yaml';
import type { SeverityOverride } from './types';

/** The names looked for in each directory, in this order (the first found wins). */
export const CONFIG_FILE_NAMES: readonly string[] = ['crmsync.config.json', 'crmsync.config.yaml', 'crmsync.config.yml'];

/** What a configuration sets; what it leaves unset keeps its default. */
export interface ProjectConfig {
  /** Rule id → off | error | warning | info. */
  readonly rules: Readonly<Record<string, SeverityOverride>>;
  /** Rule `process-email-from-old`: days back before `processEmailFrom` counts as old. */
  readonly processEmailFromMaxAgeDays?: number;
}

export interface ConfigParseResult {
  /** The configuration; undefined when there are errors (the file is then not used at all). */
  readonly config?: ProjectConfig;
  /** Why the file is invalid (each a sentence). */
  readonly errors: readonly string[];
  /** What is ignored but does not make the file invalid (unknown rule ids). */
  readonly warnings: readonly string[];
}

const SEVERITIES: ReadonlySet<string> = new Set(['off', 'error', 'warning', 'info']);
const KEYS: ReadonlySet<string> = new Set(['$schema', 'rules', 'processEmailFromMaxAgeDays']);

/** Parses and checks the text of a configuration file (`fileName` picks JSON or YAML). */
export function parseProjectConfig(text: string, fileName: string, knownIds: ReadonlySet<string>): ConfigParseResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let raw: unknown;
  if (/\.json$/i.test(fileName)) {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      return { errors: [`not valid JSON: ${(err as Error).message}`], warnings: [] };
    }
  } else {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) return { errors: [`not valid YAML: ${doc.errors[0].message.split('\n')[0]}`], warnings: [] };
    raw = doc.toJS({ maxAliasCount: 100 });
  }
  if (raw === null || raw === undefined) return { config: { rules: {} }, errors: [], warnings: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { errors: ['the file must hold an object, like { "rules": { "profile-unused": "off" } }'], warnings: [] };
  const errors: string[] = [];
  const warnings: string[] = [];
  const section = raw as Record<string, unknown>;
  for (const key of Object.keys(section)) {
    if (!KEYS.has(key)) errors.push(`unknown key '${key}' (allowed: rules, processEmailFromMaxAgeDays, $schema)`);
  }
  const rules: Record<string, SeverityOverride> = {};
  if (section.rules !== undefined) {
    if (!section.rules || typeof section.rules !== 'object' || Array.isArray(section.rules)) {
      errors.push("'rules' must be an object of rule id → off, error, warning or info");
    } else {
      for (const [id, sev] of Object.entries(section.rules as Record<string, unknown>)) {
        if (typeof sev !== 'string' || !SEVERITIES.has(sev)) {
          errors.push(`rules.${id}: ${JSON.stringify(sev) ?? String(sev)} is not off, error, warning or info`);
        } else if (!knownIds.has(id)) {
          warnings.push(`rules names unknown rule id '${id}'; it is ignored`);
        } else {
          rules[id] = sev as SeverityOverride;
        }
      }
    }
  }
  const days = section.processEmailFromMaxAgeDays;
  if (days !== undefined && !(typeof days === 'number' && Number.isInteger(days) && days >= 0)) {
    errors.push(`processEmailFromMaxAgeDays: ${JSON.stringify(days)} is not a whole number of days (0 or more)`);
  }
  if (typeof section.$schema !== 'undefined' && typeof section.$schema !== 'string') errors.push("'$schema' must be a string");
  if (errors.length > 0) return { errors, warnings };
  return { config: { rules, ...(typeof days === 'number' ? { processEmailFromMaxAgeDays: days } : {}) }, errors, warnings };
}

/**
 * The configuration with `over` on top: its rule severities win id by id, its options where it
 * sets them. The CLI layers `--rule` on the file, the server the `crmsync.*` settings.
 */
export function layerConfig(base: ProjectConfig | undefined, over: Partial<ProjectConfig>): ProjectConfig {
  const days = over.processEmailFromMaxAgeDays ?? base?.processEmailFromMaxAgeDays;
  return { rules: { ...base?.rules, ...over.rules }, ...(days === undefined ? {} : { processEmailFromMaxAgeDays: days }) };
}
