/**
 * `crmsync check` and configuration files: `--config <file>` for every plan, `--no-config` for
 * none, otherwise each plan's nearest `crmsync.config.*` (walking up from its directory). The
 * `--rule` flags are layered on the file, as the editor layers its settings. Files are read
 * through the CLI's I/O; an invalid or unreadable file is an error naming it (exit 2).
 */
import * as path from 'node:path';
import { createAnalyzer, type Analyzer, type SeverityOverride } from '../analysis';
import { layerConfig, parseProjectConfig, type ProjectConfig } from '../analysis/config';
import { findConfig, isMissing } from '../config/find';

/** The part of `CliIo` (run.ts) this module uses. */
interface ConfigIo {
  readonly stderr: (s: string) => void;
  readonly read: (path: string) => Uint8Array;
  readonly now?: () => Date;
}

export interface ConfigOptions {
  /** A file given with `--config`, `false` for `--no-config`, undefined to search. */
  readonly config?: string | false;
  readonly rules: Readonly<Record<string, SeverityOverride>>;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The analyzer of each plan, or undefined when a configuration file is invalid or unreadable
 * (after writing why to stderr).
 */
export function analyzersFor(
  files: readonly string[],
  opts: ConfigOptions,
  io: ConfigIo,
  cwd: string,
  shown: (p: string) => string,
  ids: ReadonlySet<string>,
): ((file: string) => Analyzer) | undefined {
  const checked = new Map<string, ProjectConfig | undefined>();
  let bad = false;
  const load = (file: string, text: string): ProjectConfig | undefined => {
    if (checked.has(file)) return checked.get(file);
    const r = parseProjectConfig(text, file, ids);
    for (const w of r.warnings) io.stderr(`crmsync: warning: ${shown(file)}: ${w}\n`);
    if (!r.config) {
      io.stderr(`crmsync: invalid configuration file '${shown(file)}':\n${r.errors.map((e) => `  ${e}\n`).join('')}`);
      bad = true;
    }
    checked.set(file, r.config);
    return r.config;
  };
  const readText = (file: string): string => decoder.decode(io.read(file));
  const fail = (file: string, err: unknown) => {
    io.stderr(`crmsync: cannot read configuration file '${shown(file)}': ${(err as Error)?.message ?? String(err)}\n`);
    bad = true;
  };

  const configOf = new Map<string, ProjectConfig | undefined>();
  if (typeof opts.config === 'string') {
    const file = path.resolve(cwd, opts.config);
    let config: ProjectConfig | undefined;
    try {
      config = load(file, readText(file));
    } catch (err) {
      fail(file, isMissing(err) ? new Error('no such file') : err);
    }
    for (const f of files) configOf.set(f, config);
  } else if (opts.config === undefined) {
    const byDir = new Map<string, ProjectConfig | undefined>();
    for (const f of files) {
      const dir = path.dirname(f);
      if (!byDir.has(dir)) {
        let current = '';
        try {
          const found = findConfig(dir, (p) => {
            current = p;
            try {
              return readText(p);
            } catch (err) {
              if (isMissing(err)) return undefined;
              throw err;
            }
          });
          byDir.set(dir, found ? load(found.file, found.text) : undefined);
        } catch (err) {
          fail(current, err);
          byDir.set(dir, undefined);
        }
      }
      configOf.set(f, byDir.get(dir));
    }
  }
  if (bad) return undefined;

  const analyzers = new Map<ProjectConfig | undefined, Analyzer>();
  return (file) => {
    const config = configOf.get(file);
    let a = analyzers.get(config);
    if (!a) {
      const { rules, processEmailFromMaxAgeDays } = layerConfig(config, { rules: opts.rules });
      a = createAnalyzer({ rules, processEmailFromMaxAgeDays, now: io.now });
      analyzers.set(config, a);
    }
    return a;
  };
}
