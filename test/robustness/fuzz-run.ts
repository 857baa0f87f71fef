/**
 * The fuzz loop shared by `test/robustness/fuzz.test.ts` (a fixed-seed sample) and
 * `npm run fuzz` (scripts/fuzz.mjs, 100,000 cases). Inputs come from fast-check with a fixed
 * seed per chunk; every case runs (a failure does not end the chunk), failures are grouped by
 * signature (property + rule id), and the first input of each group is shrunk by delta
 * debugging over lines, then characters, while it still breaks the same property.
 * Nothing runs at load time (node --test loads every file under out/test).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { mutatedPlan, mutation, mutate, planText } from './generators';
import { PropertyFailure, VERSION_SEPARATOR, checkEachFix, checkFixAll, checkIncremental, checkText, type CheckOptions } from './properties';
import { repoPath } from '../harness/paths';

/**
 * `analysis`: the main property; `fix-all`: fix-all on the plan; `each-fix`: every quick fix
 * applied alone; `incremental`: an edit sequence analysed version by version equals full analyses.
 */
export type Kind = 'analysis' | 'fix-all' | 'each-fix' | 'incremental';

export interface Failure {
  readonly kind: Kind;
  readonly seed: number;
  /** The broken property, e.g. `finding-span`. */
  readonly property: string;
  /** Property and cause (rule id, fix) of the shrunk input: failures with one signature are one problem. */
  readonly signature: string;
  /** The signature of the input as generated (before shrinking). */
  readonly rawSignature: string;
  readonly message: string;
  /** The input, shrunk when `shrunk`. */
  readonly text: string;
  readonly probe: number;
  readonly shrunk: boolean;
  /** How many inputs of the chunk failed with this signature. */
  readonly count: number;
}

export interface ChunkOptions extends CheckOptions {
  /** Sees each input before it is checked (the fuzz script's hang watchdog). */
  readonly onCase?: (text: string) => void;
  /** Time allowed for shrinking one failure (ms); 0 keeps the input as it is. */
  readonly shrinkMs?: number;
  /** Time allowed for all the shrinking in a chunk (ms); unlimited when absent. */
  readonly shrinkTotalMs?: number;
  /** Raw signatures already shrunk in earlier chunks: counted, not shrunk again. */
  readonly known?: ReadonlySet<string>;
}

export interface ChunkResult {
  readonly cases: number;
  readonly failures: Failure[];
  readonly slowestMs: number;
  readonly slowestText: string;
}

/** The analysis property's input: a (mutated) plan and an offset for the editor features. */
export const analysisInput: fc.Arbitrary<[string, number]> = fc.tuple(mutatedPlan, fc.nat());
/** Fix-all's and each-fix's input: plans with at most one mutation, so that most still parse and have fixes. */
export const fixAllInput: fc.Arbitrary<[string, number]> = fc
  .tuple(planText, fc.array(mutation, { maxLength: 1 }))
  .map(([t, ms]) => [ms.reduce(mutate, t), 0] as [string, number]);

/** An edit sequence: a plan and 1–4 successive mutations of it, as versions in one string. */
export const incrementalInput: fc.Arbitrary<[string, number]> = fc.tuple(planText, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([t, ms]) => {
  const versions = [t];
  for (const m of ms) versions.push(mutate(versions[versions.length - 1], m));
  return [versions.join(VERSION_SEPARATOR), 0] as [string, number];
});

/** The property `text` breaks, with its message; undefined when it holds. */
export function failureOf(kind: Kind, text: string, probe: number, opts: CheckOptions = {}): { property: string; message: string; key?: string } | undefined {
  try {
    if (kind === 'analysis') checkText(text, probe, opts);
    else if (kind === 'fix-all') checkFixAll(text);
    else if (kind === 'incremental') checkIncremental(text);
    else checkEachFix(text);
    return undefined;
  } catch (err) {
    if (err instanceof PropertyFailure) return { property: err.property, message: err.message, key: err.key };
    return { property: 'unexpected-error', message: (err as Error)?.stack ?? String(err) };
  }
}

function signatureOf(f: { property: string; message: string; key?: string }): string {
  if (f.key) return `${f.property} ${f.key}`;
  const rule = /^[\w-]+: (?:related .*? of |fix .*? of )?([a-z][\w/-]*) \[/.exec(f.message)?.[1];
  return rule ? `${f.property} ${rule}` : f.property;
}

/** Runs `numRuns` cases of `kind` from `seed`. */
export function runChunk(kind: Kind, seed: number, numRuns: number, opts: ChunkOptions = {}): ChunkResult {
  const inputs = fc.sample(kind === 'analysis' ? analysisInput : kind === 'incremental' ? incrementalInput : fixAllInput, { seed, numRuns });
  let slowestMs = 0;
  let slowestText = '';
  const bySignature = new Map<string, Failure>();
  let shrinkLeft = opts.shrinkTotalMs ?? Infinity;
  for (const [text, probe] of inputs) {
    opts.onCase?.(text);
    const started = performance.now();
    const f = failureOf(kind, text, probe, opts);
    const ms = performance.now() - started;
    if (ms > slowestMs) {
      slowestMs = ms;
      slowestText = text;
    }
    if (!f) continue;
    const signature = signatureOf(f);
    const seen = bySignature.get(signature);
    if (seen) {
      bySignature.set(signature, { ...seen, count: seen.count + 1 });
      continue;
    }
    const shrinkMs = opts.known?.has(signature) ? 0 : Math.max(0, Math.min(opts.shrinkMs ?? 10_000, shrinkLeft));
    const shrinkStarted = Date.now();
    const small = shrinkMs > 0 ? shrink(kind, text, probe, f.property, opts, shrinkMs) : { text, probe };
    shrinkLeft -= Date.now() - shrinkStarted;
    const again = failureOf(kind, small.text, small.probe, opts) ?? f;
    bySignature.set(signature, {
      kind,
      seed,
      property: f.property,
      signature: signatureOf(again),
      rawSignature: signature,
      message: again.message,
      text: small.text,
      probe: small.probe,
      shrunk: shrinkMs > 0,
      count: 1,
    });
  }
  return { cases: inputs.length, failures: [...bySignature.values()], slowestMs, slowestText };
}

/**
 * Delta debugging: removes chunks of lines, then of characters (code points), while the input
 * still breaks `property`. For the editor-feature properties the probe offset is searched too.
 */
export function shrink(kind: Kind, text: string, probe: number, property: string, opts: ChunkOptions, budgetMs: number): { text: string; probe: number } {
  const deadline = Date.now() + budgetMs;
  const featureProperty =
    !/^(analyze-throws|analysis-bound|rule-crash|finding-span|related-span|fix-edit|known-rule-id|non-empty-message|fixAll|fix-breaks)/.test(property);
  let bestProbe = probe;
  const fails = (t: string): boolean => {
    opts.onCase?.(t);
    if (!featureProperty) return failureOf(kind, t, 0, opts)?.property === property;
    const n = t.length + 1;
    const step = Math.max(1, Math.floor(n / 200));
    const offsets = new Set<number>([bestProbe % n, n - 1, 0]);
    for (let o = 0; o < n; o += step) offsets.add(o);
    for (const o of offsets) {
      if (failureOf(kind, t, o, opts)?.property === property) {
        bestProbe = o;
        return true;
      }
    }
    return false;
  };
  if (!fails(text)) return { text, probe };
  const lines = ddmin(text.split(/(?<=\n)/), (xs) => fails(xs.join('')), deadline);
  const chars = ddmin(Array.from(lines.join('')), (xs) => fails(xs.join('')), deadline);
  const result = chars.join('');
  fails(result);
  return { text: result, probe: bestProbe };
}

function ddmin<T>(start: T[], test: (xs: T[]) => boolean, deadline: number): T[] {
  let items = start;
  let n = 2;
  while (items.length >= 1 && Date.now() < deadline) {
    const size = Math.max(1, Math.ceil(items.length / n));
    let reduced = false;
    for (let i = 0; i < items.length && Date.now() < deadline; i += size) {
      const candidate = [...items.slice(0, i), ...items.slice(i + size)];
      if (test(candidate)) {
        items = candidate;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (size === 1) break;
      n = Math.min(items.length, n * 2);
    }
  }
  return items;
}

export const REGRESSIONS_DIR = repoPath('test', 'robustness', 'regressions');

/**
 * Saves a shrunk failure as a regression input: `<kind>-<property>-<hash>.yaml` holding the
 * exact text, or `.json` (a JSON string) when the text is not representable in UTF-8 (lone
 * surrogates). Returns the file path.
 */
export function saveRegression(f: Pick<Failure, 'kind' | 'property' | 'text'>, dir = REGRESSIONS_DIR): string {
  fs.mkdirSync(dir, { recursive: true });
  const hash = crypto.createHash('sha256').update(f.text).digest('hex').slice(0, 10);
  const utf8Safe = Buffer.from(f.text, 'utf8').toString('utf8') === f.text;
  const name = `${f.kind}-${f.property.replace(/[^a-z0-9-]/gi, '_')}-${hash}.${utf8Safe ? 'yaml' : 'json'}`;
  const file = path.join(dir, name);
  fs.writeFileSync(file, utf8Safe ? f.text : `${JSON.stringify(f.text)}\n`);
  return file;
}

/** The saved regression inputs, with their kind (from the file name). */
export function loadRegressions(dir = REGRESSIONS_DIR): { file: string; kind: Kind; text: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => /\.(yaml|json)$/.test(n))
    .sort()
    .map((n) => {
      const raw = fs.readFileSync(path.join(dir, n), 'utf8');
      return {
        file: n,
        kind: (n.startsWith('fix-all-') ? 'fix-all' : n.startsWith('each-fix-') ? 'each-fix' : n.startsWith('incremental-') ? 'incremental' : 'analysis') as Kind,
        text: n.endsWith('.json') ? (JSON.parse(raw) as string) : raw,
      };
    });
}

/** One line per failure, for assertion messages and the fuzz summary. */
export function formatFailure(f: Failure): string {
  return `${f.signature} ×${f.count} (seed ${f.seed}, probe ${f.probe}): ${f.message.split('\n')[0]}\n    input: ${JSON.stringify(f.text)}`;
}
