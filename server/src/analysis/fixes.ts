/**
 * Building quick fixes: edit helpers bound to a parsed plan, used by the schema mapper and by
 * rules (`ctx.edit`, `ctx.fix`). A fix whose edits cannot all be computed is dropped rather than
 * offered half-done.
 */
import { appendEntry, removeKey, renameKey, replaceValue, setValue, yamlScalar } from './edit';
import type { ParsedPlan } from './parse';
import type { Fix, Path, TextEdit } from './types';

export interface Editor {
  /** Sets a scalar value (quoted as needed), inserting the key if absent. */
  set(path: Path, value: string | number | boolean): TextEdit | undefined;
  /** Sets a value given as YAML source (`{ secretRef: "env:X" }`, `[ntlm]`, `"8.0"`). */
  setRaw(path: Path, yamlText: string): TextEdit | undefined;
  /** Replaces a written value with YAML source, keeping the key. */
  replace(path: Path, yamlText: string): TextEdit | undefined;
  /** Removes a key and its value (whole lines in block style). */
  remove(path: Path): TextEdit | undefined;
  /** Renames a key. */
  rename(path: Path, newKey: string): TextEdit | undefined;
  /** Appends a new record `id` with `key: value` pairs (values as YAML source) to an id map. */
  appendEntry(mapPath: Path, id: string, body: readonly [string, string][]): TextEdit | undefined;
}

export function editorFor(parsed: ParsedPlan): Editor {
  return {
    set: (path, value) => setValue(parsed, path, yamlScalar(value)),
    setRaw: (path, yamlText) => setValue(parsed, path, yamlText),
    replace: (path, yamlText) => replaceValue(parsed, path, yamlText),
    remove: (path) => removeKey(parsed, path),
    rename: (path, newKey) => renameKey(parsed, path, newKey),
    appendEntry: (mapPath, id, body) => appendEntry(parsed, mapPath, id, body),
  };
}

export interface FixOptions {
  readonly isPreferred?: boolean;
  readonly unsafe?: boolean;
}

/**
 * A fix from edits; undefined when any edit could not be computed, or when two edits overlap
 * (then the fix would not apply cleanly).
 */
export function makeFix(title: string, edits: readonly (TextEdit | undefined)[], options: FixOptions = {}): Fix | undefined {
  if (edits.length === 0 || edits.some((e) => e === undefined)) return undefined;
  const list = edits as TextEdit[];
  const sorted = [...list].sort((a, b) => a.span.start - b.span.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].span.start < sorted[i - 1].span.end) return undefined;
  return { title, edits: list, ...(options.isPreferred ? { isPreferred: true } : {}), ...(options.unsafe ? { unsafe: true } : {}) };
}

/** Keeps defined fixes and makes sure at most one is preferred (the first that says so). */
export function fixList(fixes: readonly (Fix | undefined)[]): Fix[] {
  let preferred = false;
  const out: Fix[] = [];
  for (const f of fixes) {
    if (!f) continue;
    if (f.isPreferred && preferred) {
      const { isPreferred: _drop, ...rest } = f;
      void _drop;
      out.push(rest);
      continue;
    }
    if (f.isPreferred) preferred = true;
    out.push(f);
  }
  return out;
}
