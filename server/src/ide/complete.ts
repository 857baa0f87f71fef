/**
 * Completion at the positions people really type at: after `key: `, on an empty line inside a
 * mapping, inside flow mappings, over partial words. The context is read from the text around
 * the cursor (half-typed YAML rarely parses); values are ranked with the plan's context.
 */
import type { Analysis } from '../analysis';
import { valueAt, type Auth, type PlanModel } from '../analysis/model';
import { isIdMap, propertiesOf, schemaAt, type SchemaNode } from '../analysis/schema/walk';
import { authVerdict, expectedServerType } from '../analysis/support';
import type { LineIndex } from '../analysis/text';
import { firstRecordAt, type ChunkLayout } from '../analysis/incremental/chunks';
import type { Path, Span } from '../analysis/types';

export type CompletionKind = 'key' | 'value' | 'reference' | 'snippet';

export interface CompletionModel {
  readonly label: string;
  readonly kind: CompletionKind;
  /** Text to insert; a snippet (`${1:…}`, `$0`) when `isSnippet`. */
  readonly insertText: string;
  readonly isSnippet: boolean;
  /** The text replaced: the partial word before the cursor (UTF-16 offsets). */
  readonly replace: Span;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Sorts the list: lower first. */
  readonly sortText: string;
  /** Offered, but not supported in this context (shown last, marked). */
  readonly unsupported?: boolean;
}

interface Context {
  readonly mode: 'key' | 'value' | 'item';
  readonly path: Path;
  /** The word typed so far. */
  readonly word: string;
  readonly wordStart: number;
  /** Keys already present in the mapping (key mode). */
  readonly present: ReadonlySet<string>;
  /** Indentation of the line (block key mode), for multi-line snippets. */
  readonly indent: string;
  readonly flow: boolean;
}

const KEY_LINE = /^(\s*)(?:-\s+)?("[^"]*"|'[^']*'|[^\s:#"'{}[\],][^:#{}[\],]*?)\s*:(?:\s+(.*))?$/;

function unquote(k: string): string {
  return (k.startsWith('"') && k.endsWith('"')) || (k.startsWith("'") && k.endsWith("'")) ? k.slice(1, -1) : k;
}

function indentOf(line: string): number {
  const m = /^(\s*)(-\s+)?/.exec(line)!;
  return m[0].length;
}

function isBlank(line: string): boolean {
  return /^\s*(#.*)?$/.test(line);
}

/** The block path that owns a line indented by `indent`, from the lines above `lineNo`. */
function blockPath(lines: Lines, lineNo: number, indent: number): string[] {
  const path: string[] = [];
  let need = indent;
  for (let i = lineNo - 1; i >= 0 && need > 0; i--) {
    // Most lines above are deeper than the owner: read only their indentation.
    const ind = lines.indent(i);
    if (ind < 0) continue;
    if (ind >= need) {
      // A record's first line, when only its section's head can own the cursor: skip the records above.
      if (ind === need) i = (lines.recordsAbove?.(i, need) ?? i - 1) + 1;
      continue;
    }
    const l = lines.at(i);
    const m = KEY_LINE.exec(l);
    if (m && (m[3] === undefined || /^\s*(#.*)?$/.test(m[3]) || /^[&!]/.test(m[3]))) {
      path.unshift(unquote(m[2].trim()));
      need = m[1].length;
      continue;
    }
    if (/^\s*-\s*$/.test(l)) {
      need = ind;
      continue;
    }
    // A line with a scalar value or anything else ends the chain.
    return path;
  }
  return path;
}

/** Keys written at `indent` in the block mapping around `lineNo`. */
function siblingKeys(lines: Lines, lineNo: number, indent: number): Set<string> {
  const keys = new Set<string>();
  const scan = (from: number, step: number) => {
    for (let i = from; i >= 0 && i < lines.count; i += step) {
      const ind = lines.indent(i);
      if (ind < 0) continue;
      if (ind < indent) return;
      if (ind > indent) continue;
      const m = KEY_LINE.exec(lines.at(i));
      if (m) keys.add(unquote(m[2].trim()));
    }
  };
  scan(lineNo - 1, -1);
  scan(lineNo + 1, 1);
  return keys;
}

/** Finds the innermost unclosed `{` on the line before the cursor, ignoring quoted text. */
function openFlowBrace(prefix: string): number {
  const stack: number[] = [];
  let quote = '';
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(prefix[i - 1]))) return -1;
    else if (c === '{' || c === '[') stack.push(c === '{' ? i : -(i + 1));
    else if (c === '}' || c === ']') stack.pop();
  }
  const top = stack.length ? stack[stack.length - 1] : undefined;
  return top !== undefined && top >= 0 ? top : -1;
}

/** Lines of the document, read on demand (a large plan is not split for one completion). */
interface Lines {
  readonly count: number;
  at(i: number): string;
  /** `indentOf` the line, or -1 for a blank or comment line (`isBlank`), without slicing it. */
  indent(i: number): number;
  /**
   * When line `i` starts a record of a section whose records are indented by `indent`: the line
   * before that section's first record (every line in between is indented at least as deep).
   */
  recordsAbove?(i: number, indent: number): number | undefined;
}

const isSpace = (c: number) => c === 32 || c === 9 || (c > 127 ? /\s/.test(String.fromCharCode(c)) : c >= 10 && c <= 13);

function linesOf(text: string, index: LineIndex, layout?: ChunkLayout): Lines {
  return {
    recordsAbove: layout
      ? (i, indent) => {
          const first = firstRecordAt(layout, index.lineStart(i), indent);
          return first === undefined ? undefined : index.position(first).line - 1;
        }
      : undefined,
    count: index.lineCount,
    at: (i) => text.slice(index.lineStart(i), index.lineEnd(i)),
    indent: (i) => {
      const start = index.lineStart(i);
      const end = index.lineEnd(i);
      let j = start;
      while (j < end && isSpace(text.charCodeAt(j))) j++;
      if (j === end || text.charCodeAt(j) === 35 /* # */) return -1;
      if (text.charCodeAt(j) === 45 /* - */ && j + 1 < end && isSpace(text.charCodeAt(j + 1))) {
        j++;
        while (j < end && isSpace(text.charCodeAt(j))) j++;
      }
      return j - start;
    },
  };
}

function contextAt(text: string, offset: number, index: LineIndex, layout?: ChunkLayout): Context | undefined {
  const lineNo = index.position(offset).line;
  const lineStart = index.lineStart(lineNo);
  const lineEnd = index.lineEnd(lineNo);
  const prefix = text.slice(lineStart, offset);
  const lines = linesOf(text, index, layout);
  if (/^\s*#/.test(prefix)) return undefined;

  const brace = openFlowBrace(prefix);
  if (brace >= 0) {
    // Inside `key: { a: 1, b| }` on this line: the flow map belongs to the key before the brace.
    const before = prefix.slice(0, brace);
    const ownerKey = /((?:"[^"]*"|'[^']*'|[^\s:{},[\]]+))\s*:\s*$/.exec(before);
    if (!ownerKey) return undefined;
    const base = blockPath(lines, lineNo, indentOf(prefix));
    const path = [...base, unquote(ownerKey[1])];
    const segment = prefix.slice(brace + 1).split(',').pop() ?? '';
    const segStart = offset - segment.length;
    const inner = text.slice(lineStart + brace + 1, lineEnd);
    const present = new Set([...inner.matchAll(/(?:^|[{,])\s*([A-Za-z0-9_.-]+)\s*:/g)].map((m) => m[1]));
    const kv = /^\s*([A-Za-z0-9_.-]+)\s*:\s*(\S*)$/.exec(segment);
    if (kv) return { mode: 'value', path: [...path, kv[1]], word: kv[2], wordStart: offset - kv[2].length, present, indent: '', flow: true };
    const word = /([A-Za-z0-9_.-]*)$/.exec(segment)![1];
    present.delete(word);
    return { mode: 'key', path, word, wordStart: segStart + segment.length - word.length, present, indent: '', flow: true };
  }

  const kv = /^(\s*)(-\s+)?("[^"]*"|'[^']*'|[A-Za-z0-9_.<-][^:#]*?)\s*:\s+(\S*)$/.exec(prefix);
  if (kv) {
    const indent = kv[1].length + (kv[2]?.length ?? 0);
    const path = [...blockPath(lines, lineNo, indent), unquote(kv[3].trim())];
    return { mode: 'value', path, word: kv[4], wordStart: offset - kv[4].length, present: new Set(), indent: ' '.repeat(indent), flow: false };
  }
  const item = /^(\s*)-\s+(\S*)$/.exec(prefix);
  if (item) {
    const indent = item[1].length;
    const path = blockPath(lines, lineNo, indent + 1);
    const node = schemaAt(path);
    if (node?.items) return { mode: 'item', path: [...path, 0], word: item[2], wordStart: offset - item[2].length, present: new Set(), indent: '', flow: false };
  }
  const key = /^(\s*)(-\s+)?([A-Za-z0-9_.-]*)$/.exec(prefix);
  if (key) {
    const indent = key[1].length + (key[2]?.length ?? 0);
    const path = blockPath(lines, lineNo, indent);
    // Ids of a map are not offered, so a large id map is not scanned for the keys written.
    const present = isIdMap(path) ? new Set<string>() : siblingKeys(lines, lineNo, indent);
    return { mode: 'key', path, word: key[3], wordStart: offset - key[3].length, present, indent: ' '.repeat(indent), flow: false };
  }
  return undefined;
}

function needsQuotes(v: string): boolean {
  return /^[-+]?\d+(\.\d+)?$/.test(v) || /^(true|false|null|yes|no|on|off|~)$/i.test(v);
}

function ids(analysis: Analysis, collection: string): string[] {
  const fromValue = valueAt(analysis.parsed.value, [collection]);
  if (fromValue && typeof fromValue === 'object' && !Array.isArray(fromValue)) return Object.keys(fromValue);
  // The document may not parse while it is being typed: read ids from the text.
  const lines = analysis.text.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^${collection}\\s*:`).test(l));
  if (start < 0) return [];
  const out: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (isBlank(l)) continue;
    if (!/^\s/.test(l)) break;
    const m = /^ {2}("[^"]*"|'[^']*'|[^\s:#]+)\s*:/.exec(l);
    if (m) out.push(unquote(m[1]));
  }
  return out;
}

function enumItems(ctx: Context, node: SchemaNode, analysis: Analysis): CompletionModel[] {
  const plan = analysis.plan;
  const key = String(ctx.path[ctx.path.length - 1]);
  const replace = { start: ctx.wordStart, end: ctx.wordStart + ctx.word.length };
  return (node.enum ?? []).map((v, i) => {
    const value = String(v);
    let unsupported = false;
    let detail: string | undefined = node.title;
    const verdict = plan ? contextVerdict(plan, ctx.path, key, value) : undefined;
    if (verdict) {
      unsupported = !verdict.supported;
      detail = verdict.supported ? `supported here${verdict.note ? `: ${verdict.note}` : ''}` : `not supported here (${verdict.ruleId})`;
    }
    return {
      label: value,
      kind: 'value' as const,
      insertText: typeof v === 'string' && needsQuotes(value) ? `"${value}"` : value,
      isSnippet: false,
      replace,
      detail,
      documentation: node.markdownEnumDescriptions?.[i],
      sortText: `${unsupported ? '2' : verdict ? '0' : '1'}${String(i).padStart(3, '0')}`,
      unsupported,
    };
  });
}

function contextVerdict(plan: PlanModel, path: Path, key: string, value: string): { supported: boolean; ruleId?: string; note?: string } | undefined {
  if (path[0] !== 'serverProfiles' || path.length < 3) return undefined;
  const p = plan.profileById.get(String(path[1]));
  if (key === 'authenticateUsing' && p?.serverType) return authVerdict(p.serverType, value as Auth, plan.deployment, path[2] === 'outgoing' ? 'out' : 'in');
  if (key === 'serverType' && p?.mailSystem?.kind && plan.deployment) {
    const expected = expectedServerType(plan.deployment, p.mailSystem.kind);
    return value === expected ? { supported: true, note: `expected for ${p.mailSystem.kind} mail systems` } : { supported: false, ruleId: 'profile-server-type-mismatch' };
  }
  return undefined;
}

function valueItems(ctx: Context, analysis: Analysis): CompletionModel[] {
  const node = schemaAt(ctx.path);
  if (!node) return [];
  const replace = { start: ctx.wordStart, end: ctx.wordStart + ctx.word.length };
  if (node.enum) return enumItems(ctx, node, analysis);
  if (node['x-reference']) {
    return ids(analysis, node['x-reference']).map((id, i) => ({
      label: id,
      kind: 'reference' as const,
      insertText: needsQuotes(id) ? `"${id}"` : id,
      isSnippet: false,
      replace,
      detail: node['x-reference'] === 'serverProfiles' ? 'email server profile' : 'mail system',
      sortText: `0${String(i).padStart(4, '0')}`,
    }));
  }
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (types.includes('boolean')) {
    return ['true', 'false'].map((b, i) => ({
      label: b,
      kind: 'value' as const,
      insertText: b,
      isSnippet: false,
      replace,
      detail: node.default !== undefined ? `default: ${String(node.default)}` : node.title,
      sortText: String(i),
    }));
  }
  if (String(ctx.path[ctx.path.length - 1]) === 'password') {
    return [
      {
        label: '{ secretRef: "env:…" }',
        kind: 'snippet',
        insertText: '{ secretRef: "env:${1:NAME}" }',
        isSnippet: true,
        replace,
        detail: 'secret reference (environment variable)',
        documentation: 'Passwords are never written in the plan: reference an environment variable, a `file:` or a `keyvault:vault/secret`.',
        sortText: '0',
      },
    ];
  }
  return [];
}

const RECORD_SNIPPETS: Record<string, { label: string; body: (ids: { mailSystems: string[]; serverProfiles: string[] }) => string[] }[]> = {
  serverProfiles: [
    {
      label: 'New email server profile',
      body: (x) => [
        '${1:profile-id}:',
        '  serverType: ${2|exchangeOnline,exchangeServer,exchangeServerHybrid,exchangeOnlineHybrid,pop3Smtp,imapSmtp|}',
        `  mailSystem: \${3${x.mailSystems.length ? `|${x.mailSystems.join(',')}|` : ':mail-system-id'}}`,
        '  incoming:',
        '    authenticateUsing: ${4|serverToServer,serverProfile,userOrQueue,windowsIntegrated|}$0',
      ],
    },
  ],
  mailboxes: [
    { label: 'New user mailbox', body: () => ['${1:mailbox-id}:', '  kind: user', '  regarding: ${2:Full Name}', '  emailAddress: ${3:name@contoso.com}$0'] },
    { label: 'New queue mailbox', body: () => ['${1:mailbox-id}:', '  kind: queue', '  regarding: ${2:Queue Name}', '  emailAddress: ${3:queue@contoso.com}', '  appointmentsContactsTasks: none$0'] },
    {
      label: 'New forward mailbox',
      body: () => ['${1:forward}:', '  kind: forward', '  name: ${2:Forward Mailbox}', '  emailAddress: ${3:forward@contoso.com}', '  outgoingEmail: none', '  appointmentsContactsTasks: none$0'],
    },
  ],
  mailSystems: [
    { label: 'New Exchange Online mail system', body: () => ['${1:exo}:', '  kind: exchangeOnline', '  tenantId: ${2:00000000-0000-0000-0000-000000000000}$0'] },
    { label: 'New Exchange Server mail system', body: () => ['${1:exchange}:', '  kind: exchangeServer', '  version: "${2|2013,2016,2019|}"$0'] },
    { label: 'New POP3/SMTP mail system', body: () => ['${1:pop3}:', '  kind: pop3Smtp', '  provider: ${2|gmail,yahoo,msn,outlookCom,windowsLiveMail,other|}$0'] },
  ],
};

function keyItems(ctx: Context, analysis: Analysis): CompletionModel[] {
  const replace = { start: ctx.wordStart, end: ctx.wordStart + ctx.word.length };
  const node = schemaAt(ctx.path);
  if (!node) return [];
  if (node.propertyNames && ctx.path.length === 1 && !ctx.flow) {
    const collection = String(ctx.path[0]);
    const known = { mailSystems: ids(analysis, 'mailSystems'), serverProfiles: ids(analysis, 'serverProfiles') };
    return (RECORD_SNIPPETS[collection] ?? []).map((s, i) => ({
      label: s.label,
      kind: 'snippet' as const,
      insertText: s.body(known).map((l, j) => (j === 0 ? l : ctx.indent + l)).join('\n'),
      isSnippet: true,
      replace,
      detail: 'snippet: fills the required keys',
      sortText: `0${i}`,
    }));
  }
  const props = propertiesOf(node);
  const required = new Set(node.required ?? []);
  return Object.entries(props)
    .filter(([k, v]) => !ctx.present.has(k) && Object.keys(v).length > 0)
    .map(([k, v], i) => {
      const child = schemaAt([...ctx.path, k]);
      const isObject = child && (child.type === 'object' || (Array.isArray(child.type) && child.type.includes('object'))) && child.properties;
      let insertText = `${k}: `;
      let isSnippet = false;
      if (child?.enum && child.enum.length <= 8 && child.enum.every((e) => typeof e === 'string' || typeof e === 'number')) {
        const choices = child.enum.map((e) => (typeof e === 'string' && needsQuotes(e) ? `"${e}"` : String(e)).replace(/[,|\\$}]/g, (c) => `\\${c}`));
        insertText = `${k}: \${1|${choices.join(',')}|}`;
        isSnippet = true;
      } else if (isObject && !ctx.flow) {
        insertText = `${k}:\n${ctx.indent}  $0`;
        isSnippet = true;
      }
      return {
        label: k,
        kind: 'key' as const,
        insertText,
        isSnippet,
        replace,
        detail: `${v.title ?? k}${required.has(k) ? ' (required)' : ''}`,
        documentation: v.markdownDescription ?? v.description,
        sortText: `${required.has(k) ? '0' : '1'}${String(i).padStart(3, '0')}`,
      };
    });
}

/** Completion items at `offset`; an empty list when the position takes nothing known. */
export function completeAt(analysis: Analysis, offset: number): CompletionModel[] {
  const ctx = contextAt(analysis.text, offset, analysis.parsed.lines, analysis.parsed.layout);
  if (!ctx) return [];
  if (ctx.mode === 'key') return keyItems(ctx, analysis);
  return valueItems(ctx, analysis);
}
