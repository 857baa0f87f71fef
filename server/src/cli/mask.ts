/**
 * Masks literal passwords in a plan before it is shown (the `--fix-dry-run` diff): every scalar
 * written as the value of a `password` or `clientSecret` key (in every document, repeated keys included, through
 * aliases), plus any other spans given (the `plaintext-secret` findings). A mask has a fixed
 * length, so it does not reveal the length of the password; the line breaks inside a masked
 * value are kept, so line numbers stay those of the file.
 */
import { isAlias, isScalar, parseAllDocuments, visit, type Node } from 'yaml';
import type { Span } from '../analysis';

const MASK = '********';

const PASSWORD_KEY = /password|clientSecret/i;

function passwordSpans(text: string): Span[] {
  const spans: Span[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return spans;
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const add = (node: Node | null | undefined) => {
      if (!node) return;
      if (isAlias(node)) {
        try {
          add(node.resolve(doc) as Node | undefined);
        } catch {
          /* an unresolvable alias names no text */
        }
        return;
      }
      if (isScalar(node) && node.range) spans.push({ start: node.range[0], end: node.range[1] });
    };
    visit(doc, {
      Pair(_, pair) {
        const key = pair.key;
        if (isScalar(key) && PASSWORD_KEY.test(String(key.value))) add(pair.value as Node | null);
      },
    });
  }
  return spans;
}

/**
 * The literal passwords of a plan as written (quoted and unquoted; at least 3 characters), to
 * be masked in text derived from the plan (fix edits in the JSON report).
 */
export function secretLiterals(text: string): string[] {
  const out = new Set<string>();
  for (const s of passwordSpans(text)) {
    const raw = text.slice(s.start, s.end).trim();
    for (const v of [raw, raw.replace(/^(["'])([\s\S]*)\1$/, '$2')]) if (v.length >= 3) out.add(v);
  }
  // Longest first, so that a quoted form is masked as a whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/** The text with each literal password replaced by `********` (its line breaks kept). */
export function maskSecrets(text: string, extra: readonly Span[] = []): string {
  const spans = [...passwordSpans(text), ...extra]
    .filter((s) => s.end > s.start && s.start >= 0 && s.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  // Merge overlapping spans so that each part of the text is masked once.
  const merged: { start: number; end: number }[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  let out = '';
  let at = 0;
  for (const s of merged) {
    let end = s.end;
    // A block scalar's range ends after its line break(s); those are kept as they are.
    while (end > s.start && /[\r\n]/.test(text[end - 1])) end--;
    if (end === s.start) continue;
    const breaks = text.slice(s.start, end).match(/\r\n|\r|\n/g) ?? [];
    out += text.slice(at, s.start) + MASK + breaks.join('');
    at = end;
  }
  return out + text.slice(at);
}
