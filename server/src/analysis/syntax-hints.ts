/**
 * What a `yaml` parser error or warning becomes: a `yaml-syntax` error (the plan is not checked
 * further), a `yaml-syntax` warning (YAML allows the construct; the plan is still checked), and
 * which plain-language hint, if any, goes with it. Both are chosen by the parser's code *and* its
 * message: one code covers unrelated problems (`MISSING_CHAR` is a missing quote as well as a
 * key without a value), so a hint keyed by code alone would often be wrong. A message no entry
 * matches gets no hint: saying nothing beats saying something false.
 *
 * The tables follow the messages of the `yaml` package (v2, dist/compose and dist/parse);
 * test/analysis/syntax-hints.test.ts has an input for every entry.
 */
import type { ErrorCode } from 'yaml';
import type { Severity, Span } from './types';

/** How a parser *warning* is reported (parser errors are always `yaml-syntax` errors). */
export interface WarningPolicy {
  readonly code: ErrorCode;
  /** Matched against the parser's message (its first line). */
  readonly message: RegExp;
  readonly severity: Extract<Severity, 'error' | 'warning'>;
  /** Our message; the default is "YAML warning: <parser message>." */
  readonly text?: (m: RegExpExecArray) => string;
  /** The parser's message, as the docs show it. */
  readonly shown: string;
  /** Why (for the docs). */
  readonly why: string;
  /** True when the `yaml` package emits it only with options the plan parser does not use. */
  readonly dormant?: boolean;
}

const CORE_TAGS = 'str|int|float|bool|null|map|seq';
const shortTag = (s: string) => s.replace(/tag:yaml\.org,2002:/g, '!!');

/**
 * Every warning the `yaml` package can emit (the `onError(…, true)` calls), in source order.
 * A warning no entry matches (a newer `yaml`) is reported as a `yaml-syntax` warning.
 */
export const WARNING_POLICY: readonly WarningPolicy[] = [
  {
    code: 'BAD_DIRECTIVE',
    message: /^Unknown directive (\S+)/,
    severity: 'warning',
    text: (m) => `Unknown YAML directive ${m[1]}; it is ignored.`,
    shown: 'Unknown directive %FOO',
    why: 'YAML 1.2, section 6.8: a processor ignores an unknown directive, with a warning.',
  },
  {
    code: 'BAD_DIRECTIVE',
    message: /^Unsupported YAML version (1\.\d+)$/,
    severity: 'warning',
    text: (m) => `YAML version ${m[1]} is not one this parser knows (1.1, 1.2); the plan is read as YAML 1.2.`,
    shown: 'Unsupported YAML version 1.3',
    why: 'YAML 1.2, section 6.8.1: a document of a higher minor version is processed, with a warning.',
  },
  {
    code: 'BAD_DIRECTIVE',
    message: /^Unsupported YAML version (\d+\.\d+)$/,
    severity: 'error',
    text: (m) => `YAML version ${m[1]} is not supported: a YAML 1.2 parser must reject a document of another major version.`,
    shown: 'Unsupported YAML version 2.0',
    why: 'YAML 1.2, section 6.8.1: a document of a higher major version is rejected.',
  },
  {
    code: 'BAD_ALIAS',
    message: /^Anchor ending in : is ambiguous/,
    severity: 'warning',
    text: () => "This anchor's name ends in ':'; YAML allows that, but the ':' is part of the name and easily misread.",
    shown: 'Anchor ending in : is ambiguous',
    why: "YAML allows ':' in anchor names; the name is easily misread, and its aliases must end in ':' too.",
  },
  {
    code: 'BAD_ALIAS',
    message: /^Alias ending in : is ambiguous/,
    severity: 'warning',
    text: () => "This alias's name ends in ':'; YAML allows that, but the ':' is part of the name and easily misread.",
    shown: 'Alias ending in : is ambiguous',
    why: "YAML allows ':' in alias names; `*a: b` does not make the alias a key.",
  },
  {
    code: 'BAD_INDENT',
    message: /^Flow end indicator should be more indented than parent/,
    severity: 'warning',
    shown: 'Flow end indicator should be more indented than parent',
    why: 'The value is read as written; stricter YAML parsers reject the closing bracket at the parent’s indentation.',
    dormant: true,
  },
  {
    code: 'TAG_RESOLVE_FAILED',
    message: new RegExp(`^Unresolved tag: tag:yaml\\.org,2002:(${CORE_TAGS})$`),
    severity: 'error',
    text: (m) => `The value does not fit its tag !!${m[1]}.`,
    shown: 'Unresolved tag: tag:yaml.org,2002:int (on `!!int abc`)',
    why: 'A core-schema tag on a value it does not describe: the plan would be read differently than tagged.',
  },
  {
    code: 'TAG_RESOLVE_FAILED',
    message: /^Unresolved tag: /,
    severity: 'error',
    text: (m) => `Unknown YAML tag: ${m.input}.`,
    shown: 'Unresolved tag: !secret',
    why: 'Plan restriction: a plan uses only the tags of the core schema.',
  },
  {
    code: 'TAG_RESOLVE_FAILED',
    message: /^Value may be parsed as either /,
    severity: 'warning',
    shown: 'Value may be parsed as either !!int or !!str',
    why: 'The value is read by the plan’s schema; another YAML version could read it differently.',
    dormant: true,
  },
  {
    code: 'BAD_COLLECTION_TYPE',
    message: /^/,
    severity: 'error',
    text: (m) => `The value does not fit its tag: ${shortTag(m.input)}.`,
    shown: 'tag:yaml.org,2002:set used for seq collection, but expects map',
    why: 'Plan restriction: a tag must describe its node (a mapping tag on a mapping).',
  },
];

/** One plain-language hint: for a parser message of `code` that matches `message` (and `when`). */
export interface SyntaxHint {
  readonly code: ErrorCode;
  readonly message: RegExp;
  readonly hint: string;
  /** A further condition on the text at the problem's start offset. */
  readonly when?: (text: string, offset: number) => boolean;
}

/** The character before `offset` on its line, skipping spaces and tabs ('' at the line start). */
function before(text: string, offset: number): string {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 || text[i] === '\n' || text[i] === '\r' ? '' : text[i];
}

export const SYNTAX_HINTS: readonly SyntaxHint[] = [
  // Quotes and brackets.
  { code: 'MISSING_CHAR', message: /^Missing closing "quote/, hint: 'Close the text with ". Inside "…", a quote is written \\".' },
  { code: 'MISSING_CHAR', message: /^Missing closing 'quote/, hint: "Close the text with '. Inside '…', a quote is written ''." },
  { code: 'MISSING_CHAR', message: /^Flow sequence must end with a \]/, hint: "A [ … ] list must be closed with ']'." },
  { code: 'MISSING_CHAR', message: /^Flow map must end with a \}/, hint: "A { … } mapping must be closed with '}'." },
  {
    code: 'BAD_INDENT',
    message: /^Flow sequence in block collection must be sufficiently indented and end with a \]/,
    hint: "A [ … ] list must be closed with ']', and its lines must be indented more than its key.",
  },
  {
    code: 'BAD_INDENT',
    message: /^Flow map in block collection must be sufficiently indented and end with a \}/,
    hint: "A { … } mapping must be closed with '}', and its lines must be indented more than its key.",
  },
  { code: 'MISSING_CHAR', message: /^Missing , or : between flow (sequence|map) items/, hint: "Inside [ … ] and { … }, items are separated by ',' and a key from its value by ':'." },
  { code: 'UNEXPECTED_TOKEN', message: /^Unexpected , in flow (sequence|map)$/, hint: "Remove the extra ','." },
  { code: 'BLOCK_IN_FLOW', message: /^Block collections are not allowed within flow collections/, hint: 'Inside [ … ] or { … }, nested lists and mappings must be written with brackets too.' },
  { code: 'MULTILINE_IMPLICIT_KEY', message: /^Implicit keys of flow sequence pairs need to be on a single line/, hint: "Inside [ … ], a 'key: value' pair must fit on one line." },
  {
    code: 'UNEXPECTED_TOKEN',
    message: /^Unexpected scalar at node end/,
    when: (text, offset) => /["'\]}]/.test(before(text, offset)),
    hint: 'Only a comment may follow a closing quote or bracket on its line; to keep this text, quote the whole value.',
  },
  // Keys, values and indentation.
  { code: 'BLOCK_AS_IMPLICIT_KEY', message: /^Nested mappings are not allowed in compact mappings/, hint: "A value that contains ': ' must be quoted." },
  { code: 'MISSING_CHAR', message: /^Implicit map keys need to be followed by map values/, hint: "A key is followed by ':' and a space, then its value." },
  { code: 'MULTILINE_IMPLICIT_KEY', message: /^Implicit keys need to be on a single line/, hint: 'A key must fit on one line; check the indentation of this line and the one above.' },
  { code: 'UNEXPECTED_TOKEN', message: /^Unexpected block-seq-ind on same line with key/, hint: "Start a list on the line after its key, or quote a value that starts with '- '." },
  { code: 'BAD_INDENT', message: /^All mapping items must start at the same column/, hint: 'The keys of one mapping must line up; check the indentation of this line.' },
  { code: 'BAD_INDENT', message: /^All sequence items must start at the same column/, hint: "The items of one list must line up: put each '-' in the same column." },
  { code: 'MISSING_CHAR', message: /^Sequence item without - indicator/, hint: "Start each list item with '- '." },
  { code: 'TAB_AS_INDENT', message: /^Tabs are not allowed as indentation/, hint: 'Indent with spaces, not tabs.' },
  { code: 'BAD_SCALAR_START', message: /^Plain value cannot start with /, hint: 'Put the value in quotes.' },
  {
    code: 'BAD_DQ_ESCAPE',
    message: /^Invalid escape sequence/,
    hint: "Inside \"…\", a backslash starts an escape such as \\n; write \\\\ for a backslash, or use '…' quotes, inside which a backslash is an ordinary character.",
  },
  { code: 'BAD_ALIAS', message: /^(Alias|Anchor) cannot be an empty string/, hint: "'*' starts an alias and '&' an anchor: quote a value that starts with either." },
  { code: 'BAD_ALIAS', message: /^Alias ending in : is ambiguous/, hint: "To use an alias as a key, put a space before the ':' (*name : value)." },
  // Comments, tags and anchors.
  { code: 'MISSING_CHAR', message: /^Comments must be separated from other tokens by white space characters/, hint: "Put a space before the '#' that starts a comment." },
  { code: 'MISSING_CHAR', message: /^Tags and anchors must be separated from the next token by white space/, hint: 'Put a space after the anchor or tag.' },
  { code: 'MISSING_CHAR', message: /^Missing newline after block sequence props/, hint: "Start the '- ' items on the line after the anchor or tag." },
  // Block scalars (| and >).
  {
    code: 'MISSING_CHAR',
    message: /^Block scalars with more-indented leading empty lines must use an explicit indentation indicator/,
    hint: 'Remove the spaces from the blank lines at the start of this | or > text, or give its indentation after the indicator (|2).',
  },
  {
    code: 'UNEXPECTED_TOKEN',
    message: /^Block scalar header includes extra characters/,
    hint: 'After | or >, only - or +, one digit 1–9 and a comment may follow on that line.',
  },
  // Directives and documents.
  { code: 'MISSING_CHAR', message: /^Missing directives-end(\/doc-start)? indicator line/, hint: "After a %YAML or %TAG line, a '---' line starts the document." },
  { code: 'MISSING_CHAR', message: /^Block collection cannot start on same line with directives-end marker/, hint: "Start the mapping or list on the line after '---'." },
  { code: 'BAD_DIRECTIVE', message: /^Unknown directive /, hint: 'YAML defines only the %YAML and %TAG directives.' },
];

/** The hint for a parser message, or undefined when no entry explains it. */
export function hintFor(code: string, message: string, text = '', offset = 0): string | undefined {
  for (const h of SYNTAX_HINTS) if (h.code === code && h.message.test(message) && (!h.when || h.when(text, offset))) return h.hint;
  return undefined;
}

/** The first line of a parser message, without the position the yaml package may append. */
export function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  // The yaml package appends " at line N, column M:" — the editor shows the position already.
  return line.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

export interface ParserProblem {
  readonly severity: Extract<Severity, 'error' | 'warning'>;
  readonly message: string;
}

/**
 * A `yaml` error or warning as a `yaml-syntax` finding's severity and message. `binary`: the
 * text holds a control character, so the parser is reading junk and its messages get no hints.
 */
export function parserProblem(e: { code: string; message: string; pos: readonly [number, number] }, isWarning: boolean, text: string, binary: boolean): ParserProblem {
  const msg = firstLine(e.message);
  const hint = binary ? undefined : hintFor(e.code, msg, text, e.pos[0]);
  const tail = hint ? ` ${hint}` : '';
  if (e.code === 'MULTIPLE_DOCS') return { severity: 'error', message: 'A plan holds a single YAML document; remove the second document (after ---).' };
  if (isWarning) {
    for (const p of WARNING_POLICY) {
      if (p.code !== e.code) continue;
      const m = p.message.exec(msg);
      if (m) return { severity: p.severity, message: `${p.text ? p.text(m) : `YAML warning: ${msg}.`}${tail}` };
    }
    return { severity: 'warning', message: `YAML warning: ${msg}.${tail}` };
  }
  if (e.code === 'TAG_RESOLVE_FAILED') return { severity: 'error', message: `Unknown YAML tag: ${msg}.${tail}` };
  return { severity: 'error', message: `YAML syntax error: ${msg}.${tail}` };
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * YAML allows no C0 control characters but tab and line breaks (nor DEL); the yaml package reads
 * them as text, so a binary file would otherwise look like one long string.
 */
export function controlCharacter(text: string): { message: string; span: Span } | undefined {
  const control = CONTROL.exec(text);
  if (!control) return undefined;
  const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return {
    message: `The plan contains the control character U+${code}, which YAML does not allow; is this a binary file?`,
    span: { start: control.index, end: control.index + 1 },
  };
}

/** The per-warning decisions as a Markdown table, for the `yaml-syntax` docs. */
export function warningPolicyTable(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| parser code | parser message | reported as | why |',
    '|---|---|---|---|',
    ...WARNING_POLICY.map(
      (p) => `| \`${p.code}\` | ${cell(p.shown)} | ${p.severity === 'error' ? '**error**' : 'warning'}${p.dormant ? ' (not emitted with the plan parser’s options)' : ''} | ${cell(p.why)} |`,
    ),
  ].join('\n');
}
