/**
 * Typed `crmsync.*` settings and their mapping into the analyzer config. Each new setting is a
 * manifest entry (package.json), a field here, and a line in `toAnalyzerConfig` — or, for a
 * switch of an editor feature that does not change the analysis, a check where the feature
 * answers (lenses.ts).
 */
import type { AnalyzerConfig, SeverityOverride } from '../analysis';

export interface Settings {
  /** `crmsync.rules`: rule id → off | error | warning | info. */
  readonly rules: Readonly<Record<string, SeverityOverride>>;
  /** `crmsync.processEmailFromMaxAgeDays`; unset (null): the configuration file's, else 14. */
  readonly processEmailFromMaxAgeDays?: number;
  /** `crmsync.codeLens.enabled`: the lenses on profiles and mail systems (default true). */
  readonly codeLens: { readonly enabled: boolean };
  /** `crmsync.inlayHints.inheritedValues`: the hints on mailboxes for inherited values (default true). */
  readonly inlayHints: { readonly inheritedValues: boolean };
}

export const DEFAULT_SETTINGS: Settings = { rules: {}, codeLens: { enabled: true }, inlayHints: { inheritedValues: true } };

const SEVERITIES = new Set(['off', 'error', 'warning', 'info']);

/**
 * Reads the `crmsync` section as the client sends it. Invalid entries are dropped and reported
 * through `warn` (unknown rule ids, unknown severities).
 */
export function readSettings(raw: unknown, knownIds: ReadonlySet<string>, warn: (message: string) => void): Settings {
  if (!raw || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const section = raw as { rules?: unknown; processEmailFromMaxAgeDays?: unknown; codeLens?: unknown; inlayHints?: unknown };
  const rules: Record<string, SeverityOverride> = {};
  if (section.rules && typeof section.rules === 'object' && !Array.isArray(section.rules)) {
    for (const [id, sev] of Object.entries(section.rules as Record<string, unknown>)) {
      if (!knownIds.has(id)) {
        warn(`crmsync.rules names unknown rule id '${id}'; it is ignored.`);
        continue;
      }
      if (typeof sev !== 'string' || !SEVERITIES.has(sev)) {
        warn(`crmsync.rules: '${String(sev)}' for '${id}' is not off, error, warning or info; it is ignored.`);
        continue;
      }
      rules[id] = sev as SeverityOverride;
    }
  }
  const days = section.processEmailFromMaxAgeDays;
  const editor = {
    codeLens: { enabled: flag(raw, 'codeLens', 'enabled', warn) },
    inlayHints: { inheritedValues: flag(raw, 'inlayHints', 'inheritedValues', warn) },
  };
  return typeof days === 'number' && Number.isFinite(days) && days >= 0 ? { rules, processEmailFromMaxAgeDays: days, ...editor } : { rules, ...editor };
}

/**
 * An on/off setting of the editor features (`crmsync.<group>.<name>`), true unless it is false.
 * VS Code sends it nested (`{ codeLens: { enabled } }`); a flat `"codeLens.enabled"` key, as
 * some clients send, is read too. Not a boolean: dropped with a warning.
 */
function flag(raw: object, group: string, name: string, warn: (message: string) => void): boolean {
  const nested = (raw as Record<string, unknown>)[group];
  const v = nested && typeof nested === 'object' && name in nested ? (nested as Record<string, unknown>)[name] : (raw as Record<string, unknown>)[`${group}.${name}`];
  if (v === undefined || v === null) return true;
  if (typeof v === 'boolean') return v;
  warn(`crmsync.${group}.${name}: '${String(v)}' is not true or false; it is ignored.`);
  return true;
}

export function toAnalyzerConfig(settings: Settings): Pick<AnalyzerConfig, 'rules' | 'processEmailFromMaxAgeDays'> {
  return { rules: settings.rules, processEmailFromMaxAgeDays: settings.processEmailFromMaxAgeDays };
}

/**
 * A stable key of the settings, so analyses made with other settings are not reused. The
 * editor switches (code lenses, inlay hints) do not change an analysis and are not part of it.
 */
export function settingsKey(settings: Settings): string {
  return JSON.stringify([Object.entries(settings.rules).sort(), settings.processEmailFromMaxAgeDays ?? null]);
}
