/**
 * Typed `crmsync.*` settings and their mapping into the analyzer config. Each new setting is a
 * manifest entry (package.json), a field here, and a line in `toAnalyzerConfig`.
 */
import type { AnalyzerConfig, SeverityOverride } from '../analysis';

export interface Settings {
  /** `crmsync.rules`: rule id → off | error | warning | info. */
  readonly rules: Readonly<Record<string, SeverityOverride>>;
  /** `crmsync.processEmailFromMaxAgeDays`; unset (null): the configuration file's, else 14. */
  readonly processEmailFromMaxAgeDays?: number;
}

export const DEFAULT_SETTINGS: Settings = { rules: {} };

const SEVERITIES = new Set(['off', 'error', 'warning', 'info']);

/**
 * Reads the `crmsync` section as the client sends it. Invalid entries are dropped and reported
 * through `warn` (unknown rule ids, unknown severities).
 */
export function readSettings(raw: unknown, knownIds: ReadonlySet<string>, warn: (message: string) => void): Settings {
  if (!raw || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const section = raw as { rules?: unknown; processEmailFromMaxAgeDays?: unknown };
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
  return typeof days === 'number' && Number.isFinite(days) && days >= 0 ? { rules, processEmailFromMaxAgeDays: days } : { rules };
}

export function toAnalyzerConfig(settings: Settings): Pick<AnalyzerConfig, 'rules' | 'processEmailFromMaxAgeDays'> {
  return { rules: settings.rules, processEmailFromMaxAgeDays: settings.processEmailFromMaxAgeDays };
}

/** A stable key of the settings, so analyses made with other settings are not reused. */
export function settingsKey(settings: Settings): string {
  return JSON.stringify([Object.entries(settings.rules).sort(), settings.processEmailFromMaxAgeDays ?? null]);
}
