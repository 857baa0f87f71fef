/**
 * The YAML that import writes, built by appending strings, never through a document model:
 * block style, 2-space indentation, LF line ends, comments after a value or a key, or on a line of
 * their own. Scalars are written as the `yaml` package's `stringify` writes them (plain when that
 * reads back as the same string, otherwise double-quoted). `valueOf` reads entries back as plain
 * data, as the YAML they write reads, without parsing the whole text. Pure.
 */
import { parse, stringify } from 'yaml';

/** A mapping entry: a rendered scalar (or flow text), a block map, or a block list of rendered scalars. */
export type YamlValue = string | YamlEntry[] | { readonly list: readonly string[] };

export interface YamlEntry {
  readonly key: string;
  /** Undefined: a comment line of its own, at the indentation of the mapping. */
  readonly value?: YamlValue;
  /** `# …`: after the value (scalars), or after the key (maps and lists). */
  readonly comment?: string;
}

const KEYWORDS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);

/** Texts that are plain under the YAML 1.2 core schema without asking the `yaml` package. */
const SIMPLE = /^[A-Za-z][A-Za-z0-9 ._@/()+,-]*[A-Za-z0-9._@/)+-]$|^[A-Za-z]$/;

/** A string as `yaml` stringifies it: plain when it reads back unchanged, else double-quoted. */
export function str(s: string): string {
  if (SIMPLE.test(s) && !KEYWORDS.has(s) && !s.includes(' #') && !/ {2}|, |,$/.test(s)) return s;
  const out = stringify(s, { lineWidth: 0, singleQuote: false, blockQuote: false }).replace(/\n$/, '');
  return out.includes('\n') ? quoted(s) : out;
}

/**
 * A string that is always double-quoted (`crmVersion`, mail system `version`, `secretRef`, and
 * any text that would not stay on one line): on one line, whatever it holds.
 */
export function quoted(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return JSON.stringify(s);
  const out = stringify(s, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER }).replace(/\n$/, '');
  // JSON's escapes are YAML's too; a line break, a BOM or a C1 control never stays raw.
  return out.includes('\n') ? JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : out;
}

export const bool = (b: boolean): string => (b ? 'true' : 'false');
export const int = (n: number): string => String(n);

/** `{ secretRef: "…" }`, the only flow mapping a plan written by import holds. */
export const secretRef = (ref: string): string => `{ secretRef: ${quoted(ref)} }`;

/** Appends `entries` at `indent` spaces to `out` (an array of lines, joined by the caller). */
export function writeEntries(out: string[], entries: readonly YamlEntry[], indent: number): void {
  const pad = ' '.repeat(indent);
  for (const e of entries) {
    const after = e.comment === undefined ? '' : ` ${e.comment}`;
    const v = e.value;
    if (v === undefined) out.push(`${pad}${e.comment ?? '#'}`);
    else if (typeof v === 'string') out.push(`${pad}${e.key}: ${v}${after}`);
    else if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${pad}${e.key}: {}${after}`);
      else {
        out.push(`${pad}${e.key}:${after}`);
        writeEntries(out, v, indent + 2);
      }
    } else {
      const list = (v as { readonly list: readonly string[] }).list;
      if (list.length === 0) out.push(`${pad}${e.key}: []${after}`);
      else {
        out.push(`${pad}${e.key}:${after}`);
        for (const item of list) out.push(`${pad}  - ${item}`);
      }
    }
  }
}

/** Plain text that the YAML 1.2 core schema reads as a string (letters first, no keyword, no indicator). */
const PLAIN_STRING = /^[A-Za-z][A-Za-z0-9 ._@/()+,-]*$/;
const CORE_KEYWORDS = /^(?:true|false|null)$/i;

/** What a rendered scalar (or `{}`, `[]`, `{ secretRef: … }`) reads as. */
export function scalarValue(rendered: string): unknown {
  if (rendered === 'true') return true;
  if (rendered === 'false') return false;
  if (/^-?(?:0|[1-9][0-9]{0,14})$/.test(rendered)) return Number(rendered);
  if (PLAIN_STRING.test(rendered) && !CORE_KEYWORDS.test(rendered) && !rendered.includes(' #') && !rendered.endsWith(' ')) return rendered;
  if (/^"[\x20-\x21\x23-\x5b\x5d-\x7e]*"$/.test(rendered)) return rendered.slice(1, -1);
  const m = /^\{ secretRef: ("(?:[^"\\]|\\.)*") \}$/.exec(rendered);
  if (m) return { secretRef: scalarValue(m[1]) };
  try {
    // As the value of a key, as in the plan: a byte order mark at the start of a stream is not content.
    return (parse(`k: ${rendered}`) as { k: unknown }).k;
  } catch {
    return rendered;
  }
}

/** The plain data of `entries` (a later key wins, as a YAML mapping with a repeated key reads). */
export function valueOf(entries: readonly YamlEntry[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of entries) {
    const v = e.value;
    if (v === undefined) continue;
    const key = String(scalarValue(e.key));
    const value = typeof v === 'string' ? scalarValue(v) : Array.isArray(v) ? valueOf(v) : (v as { readonly list: readonly string[] }).list.map(scalarValue);
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
