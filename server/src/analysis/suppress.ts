/**
 * Suppression comments:
 *   # crmsync-disable-next-line <rule-id>[, <rule-id>] -- <reason>
 *   # crmsync-disable-file <rule-id>[, <rule-id>] -- <reason>
 * A suppression without a reason, naming an unknown id, or suppressing nothing is itself a
 * finding (`invalid-suppression`, warning).
 */
import { makeFix } from './fixes';
import { editDistance, suggest } from './suggest';
import type { LineIndex } from './text';
import type { Finding, Span, SuppressedFinding } from './types';

interface Directive {
  readonly scope: 'next-line' | 'file';
  /** 0-based line of the comment. */
  readonly line: number;
  readonly span: Span;
  readonly ids: { id: string; span: Span }[];
  readonly reason: string;
}

const DIRECTIVE = /^([ \t]*#[ \t]*)crmsync-disable-(next-line|file)\b(.*)$/;

/** The marker every directive holds: a text without it has none. */
export const DIRECTIVE_MARKER = 'crmsync-disable-';

function parseDirectives(text: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    const src = text.slice(start, end);
    const m = DIRECTIVE.exec(src);
    if (!m) continue;
    const rest = m[3];
    const restStart = start + m[1].length + `crmsync-disable-${m[2]}`.length;
    const sep = rest.indexOf('--');
    const idsPart = sep >= 0 ? rest.slice(0, sep) : rest;
    const reason = sep >= 0 ? rest.slice(sep + 2).trim() : '';
    const ids: { id: string; span: Span }[] = [];
    const re = /[^\s,]+/g;
    let t: RegExpExecArray | null;
    while ((t = re.exec(idsPart))) ids.push({ id: t[0], span: { start: restStart + t.index, end: restStart + t.index + t[0].length } });
    out.push({ scope: m[2] as 'next-line' | 'file', line, span: { start: start + src.indexOf('#'), end }, ids, reason });
  }
  return out;
}

function invalid(message: string, span: Span): Finding {
  return { ruleId: 'invalid-suppression', severity: 'warning', message, span, related: [], fixes: [] };
}

/**
 * An unknown id, with the closest known id ("did you mean") the way schema typos get one, and a
 * fix replacing the id when exactly one is that close (never preferred: fix-all leaves it alone).
 */
function unknownId(id: string, span: Span, known: readonly string[]): Finding {
  const all = suggest(id, known, Math.min(3, Math.max(1, Math.floor(id.length / 4))));
  // The closest only: those as close as the first (a case-insensitive match is closest of all).
  const distance = (c: string) => (c.toLowerCase() === id.toLowerCase() ? -1 : editDistance(id.toLowerCase(), c.toLowerCase()));
  const close = all.filter((c) => distance(c) === distance(all[0]));
  const hint = close.length ? ` Did you mean ${close.map((c) => `'${c}'`).join(' or ')}?` : '';
  const fix = close.length === 1 ? makeFix(`Replace with '${close[0]}'`, [{ span, newText: close[0] }]) : undefined;
  return { ...invalid(`Unknown rule id '${id}' in a suppression comment.${hint}`, span), fixes: fix ? [fix] : [] };
}

/**
 * Splits findings into shown and suppressed, and adds `invalid-suppression` findings.
 * `knownIds` is every id a comment may name; `checked` is false when the plan was not checked
 * beyond parsing (then "suppresses nothing" is not reported).
 */
export function applySuppressions(
  text: string,
  lines: LineIndex,
  findings: readonly Finding[],
  knownIds: ReadonlySet<string>,
  checked: boolean,
  /** False when the text is known not to hold `DIRECTIVE_MARKER`. */
  marked = text.includes(DIRECTIVE_MARKER),
): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const directives = marked ? parseDirectives(text, lines) : [];
  if (directives.length === 0) return { findings: [...findings], suppressed: [] };
  const shown: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const used = new Set<string>();
  const problems: Finding[] = [];

  let sorted: string[] | undefined;
  const known = () => (sorted ??= [...knownIds].sort());
  for (const d of directives) {
    if (d.ids.length === 0) problems.push(invalid(`crmsync-disable-${d.scope} names no rule id; write '# crmsync-disable-${d.scope} <rule-id> -- <reason>'.`, d.span));
    for (const { id, span } of d.ids) if (!knownIds.has(id)) problems.push(unknownId(id, span, known()));
    if (d.ids.length && !d.reason) problems.push(invalid(`Suppression without a reason; add '-- <why this is acceptable>'.`, d.span));
  }

  for (const f of findings) {
    const line = lines.position(f.span.start).line;
    let hit: Directive | undefined;
    let hitIndex = -1;
    directives.forEach((d, i) => {
      if (hit) return;
      if (!d.ids.some((x) => x.id === f.ruleId)) return;
      if (d.scope === 'file' || d.line + 1 === line) {
        hit = d;
        hitIndex = i;
      }
    });
    if (hit) {
      used.add(`${hitIndex}:${f.ruleId}`);
      suppressed.push({ ...f, reason: hit.reason });
    } else {
      shown.push(f);
    }
  }

  if (checked) {
    directives.forEach((d, i) => {
      for (const { id, span } of d.ids) {
        if (knownIds.has(id) && !used.has(`${i}:${id}`)) {
          const where = d.scope === 'file' ? 'in this file' : 'on the next line';
          problems.push(invalid(`This suppression of '${id}' suppresses nothing: no ${id} finding ${where}.`, span));
        }
      }
    });
  }
  return { findings: [...shown, ...problems], suppressed };
}
