/**
 * The comments of a parsed plan that hold a given text, without lexing the whole text when the
 * lines that hold it are plain: a plan that crmsync import wrote carries a few TODO comments in
 * 100,000 lines. Same answer as filtering `yamlComments`. Pure; never throws.
 */
import { targetAt } from './cursor';
import { textHas, yamlComments, type ParsedPlan, type YamlComment } from './parse';

/** A key with an optional plain one-word-or-more value or `""`, before a comment on a key line. */
const PLAIN_KEY_LINE = /^(?:- )?[A-Za-z0-9_./@-]+:(?: (?:""|[A-Za-z0-9_.@/+-][A-Za-z0-9 _.@/+-]*))?$/;

/**
 * The comment of a line that holds the needle at `at`, when the parse shows plainly that it is one
 * and holds the needle; undefined when only the lexer can tell.
 */
function plainComment(parsed: ParsedPlan, line: number, at: number, needle: string): YamlComment | undefined {
  const { text, lines } = parsed;
  const start = lines.lineStart(line);
  const end = lines.lineEnd(line);
  const source = text.slice(start, end);
  const indent = source.length - source.replace(/^[ ]+/, '').length;
  const m = /(?:^|[ \t])#/.exec(source.slice(indent));
  if (!m) return undefined;
  const hash = start + indent + m.index + (m[0].length - 1);
  if (at < hash) return undefined;
  const before = text.slice(start + indent, hash).replace(/[ \t]+$/, '');
  if (before === '') {
    // A comment line, unless it lies inside a scalar (a block scalar, a quoted one over lines).
    if (targetAt(parsed, hash) !== undefined) return undefined;
  } else {
    if (!PLAIN_KEY_LINE.test(before)) return undefined;
    const keyAt = start + indent + (before.startsWith('- ') ? 2 : 0);
    const t = targetAt(parsed, keyAt);
    if (!t || t.part !== 'key' || t.span.start !== keyAt) return undefined;
  }
  const body = text.slice(hash, end).replace(/\s+$/, '');
  if (hash + body.length < at + needle.length) return undefined;
  return { span: { start: hash, end: hash + body.length }, text: body };
}

/** The comments whose text contains `needle`, in document order, as `yamlComments` finds them. */
export function commentsWith(parsed: ParsedPlan, needle: string): YamlComment[] {
  const { text, lines } = parsed;
  if (needle === '' || !textHas(parsed, needle)) return [];
  const lexed = () => yamlComments(text).filter((x) => x.text.includes(needle));
  // The parse holds the first document only; a needle over lines is not on one line; the lexer
  // does not end a line at a lone CR, as the line index does.
  if (/[\r\n]/.test(needle) || /^(?:---|\.\.\.)(?:[ \t]|$)/m.test(text) || /\r(?!\n)/.test(text)) return lexed();
  const out: YamlComment[] = [];
  let lastLine = -1;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const line = lines.position(at).line;
    if (line === lastLine) continue;
    lastLine = line;
    const c = plainComment(parsed, line, at, needle);
    if (c === undefined) return lexed();
    out.push(c);
  }
  return out;
}
