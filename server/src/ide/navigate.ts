/**
 * Navigation between ids and references: document symbols, definition, references, rename,
 * highlights, folding ranges. All from the parsed tree of a cached analysis.
 */
import { isMap, isPair, isScalar, isSeq, visit, type Node, type Pair } from 'yaml';
import type { Analysis } from '../analysis';
import { targetAt } from '../analysis/cursor';
import { type ParsedPlan } from '../analysis/parse';
import { keyString } from '../analysis/yaml-tree';
import { keySpan, valueSpan } from '../analysis/locate';
import { valueAt } from '../analysis/model';
import { referencesOf, type Collection } from '../analysis/references';
import type { Path, Span, TextEdit } from '../analysis/types';

export type SymbolKind = 'section' | 'mailSystem' | 'profile' | 'mailbox' | 'key';

export interface SymbolModel {
  readonly name: string;
  readonly detail?: string;
  readonly kind: SymbolKind;
  /** The whole entry (key and value). */
  readonly span: Span;
  /** The key. */
  readonly selectionSpan: Span;
  readonly children: SymbolModel[];
}

const ID_MAPS: Record<string, SymbolKind> = { mailSystems: 'mailSystem', serverProfiles: 'profile', mailboxes: 'mailbox' };

function pairSpan(pair: Pair): Span | undefined {
  const k = pair.key as Node | null;
  const v = pair.value as Node | null;
  if (!k?.range) return undefined;
  const end = v?.range ? v.range[1] : k.range[1];
  return { start: k.range[0], end: Math.max(end, k.range[1]) };
}

function scalarAt(map: unknown, key: string): string | undefined {
  if (!isMap(map)) return undefined;
  for (const it of map.items) if (isPair(it) && keyString(it.key) === key && isScalar(it.value)) return String(it.value.value);
  return undefined;
}

/** The outline: top-level sections, with the records of the id maps as children. */
export function symbolsOf(analysis: Analysis): SymbolModel[] {
  const root = analysis.parsed.doc.contents;
  if (!isMap(root)) return [];
  const out: SymbolModel[] = [];
  for (const item of root.items) {
    if (!isPair(item)) continue;
    const name = keyString(item.key);
    const span = pairSpan(item);
    const key = item.key as Node;
    if (name === undefined || !span || !key.range) continue;
    const children: SymbolModel[] = [];
    const kind = ID_MAPS[name];
    if (kind && isMap(item.value)) {
      for (const rec of item.value.items) {
        if (!isPair(rec)) continue;
        const id = keyString(rec.key);
        const s = pairSpan(rec);
        const k = rec.key as Node;
        if (id === undefined || !s || !k.range) continue;
        const detail = kind === 'mailbox' ? scalarAt(rec.value, 'kind') : kind === 'profile' ? scalarAt(rec.value, 'serverType') : scalarAt(rec.value, 'kind');
        children.push({ name: id, detail, kind, span: s, selectionSpan: { start: k.range[0], end: k.range[1] }, children: [] });
      }
    }
    const detail = name === 'organization' ? scalarAt(item.value, 'name') : kind ? `${children.length}` : isScalar(item.value) ? String(item.value.value) : undefined;
    out.push({ name, detail, kind: kind || name === 'organization' || name === 'systemSettings' || name === 'emailRouter' ? 'section' : 'key', span, selectionSpan: { start: key.range[0], end: key.range[1] }, children });
  }
  return out;
}

/** An id (map key of an id map) or a reference value naming one. */
export interface IdTarget {
  readonly collection: Collection | 'mailboxes';
  readonly id: string;
  /** The span of the token under the cursor. */
  readonly span: Span;
}

function idTargetAt(analysis: Analysis, offset: number): IdTarget | undefined {
  const t = targetAt(analysis.parsed, offset);
  if (!t) return undefined;
  const top = String(t.path[0]);
  if (t.part === 'key' && t.path.length === 2 && ID_MAPS[top]) return { collection: top as Collection, id: String(t.path[1]), span: t.span };
  if (t.part === 'value') {
    const ref = referencesOf(analysis.value).find((r) => samePath(r.path, t.path));
    const v = valueAt(analysis.value, t.path);
    if (ref && typeof v === 'string') return { collection: ref.target, id: v, span: t.span };
  }
  return undefined;
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((s, i) => String(s) === String(b[i]));
}

/** The key that defines the id under the cursor (from a reference or the id itself). */
export function definitionAt(analysis: Analysis, offset: number): Span | undefined {
  const t = idTargetAt(analysis, offset);
  if (!t) return undefined;
  return keySpan(analysis.parsed, [t.collection, t.id]);
}

export interface Occurrence {
  readonly span: Span;
  /** The defining key (true) or a reference (false). */
  readonly isDefinition: boolean;
}

function occurrences(analysis: Analysis, t: IdTarget): Occurrence[] {
  const out: Occurrence[] = [];
  const def = keySpan(analysis.parsed, [t.collection, t.id]);
  if (def) out.push({ span: def, isDefinition: true });
  if (t.collection !== 'mailboxes') {
    for (const r of referencesOf(analysis.value)) {
      if (r.target !== t.collection || valueAt(analysis.value, r.path) !== t.id) continue;
      const s = valueSpan(analysis.parsed, r.path);
      if (s) out.push({ span: s, isDefinition: false });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** Every occurrence of the id under the cursor: its key and every reference (defaults included). */
export function referencesAt(analysis: Analysis, offset: number, includeDeclaration: boolean): Span[] {
  const t = idTargetAt(analysis, offset);
  if (!t) return [];
  return occurrences(analysis, t)
    .filter((o) => includeDeclaration || !o.isDefinition)
    .map((o) => o.span);
}

export function highlightsAt(analysis: Analysis, offset: number): Occurrence[] {
  const t = idTargetAt(analysis, offset);
  return t ? occurrences(analysis, t) : [];
}

/** The text span that a rename would change (the id without quotes), or undefined when the cursor is not on an id. */
export function prepareRenameAt(analysis: Analysis, offset: number): { span: Span; placeholder: string } | undefined {
  const t = idTargetAt(analysis, offset);
  if (!t) return undefined;
  return { span: innerSpan(analysis.parsed, t.span), placeholder: t.id };
}

function innerSpan(parsed: ParsedPlan, span: Span): Span {
  const text = parsed.text.slice(span.start, span.end);
  if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text[text.length - 1] === text[0]) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export type RenameResult = { edits: TextEdit[] } | { error: string };

/** Renames the id under the cursor and every reference to it. */
export function renameAt(analysis: Analysis, offset: number, newName: string): RenameResult {
  const t = idTargetAt(analysis, offset);
  if (!t) return { error: 'Only ids of mail systems, profiles and mailboxes (and references to them) can be renamed.' };
  if (newName === t.id) return { edits: [] };
  if (!ID_PATTERN.test(newName)) return { error: `'${newName}' is not a valid id: start with a letter or digit and use only letters, digits, '.', '_' and '-' (at most 64 characters).` };
  const existing = valueAt(analysis.value, [t.collection]);
  if (existing && typeof existing === 'object' && Object.prototype.hasOwnProperty.call(existing, newName)) {
    return { error: `${t.collection} already has an entry '${newName}'.` };
  }
  return { edits: occurrences(analysis, t).map((o) => ({ span: innerSpan(analysis.parsed, o.span), newText: newName })) };
}

export interface FoldModel {
  /** 0-based lines. */
  readonly startLine: number;
  readonly endLine: number;
  readonly kind?: 'comment';
}

/** Folding ranges: every block mapping or list spanning lines, and runs of comment lines. */
export function foldingRanges(analysis: Analysis): FoldModel[] {
  const { parsed } = analysis;
  const lines = parsed.lines;
  const out: FoldModel[] = [];
  const lastContentLine = (end: number) => {
    let e = end;
    while (e > 0 && /\s/.test(parsed.text[e - 1])) e--;
    return lines.position(Math.max(0, e - 1)).line;
  };
  visit(parsed.doc, {
    Pair(_, pair) {
      const k = pair.key as Node | null;
      const v = pair.value as Node | null;
      if (!k?.range || !v?.range || !(isMap(v) || isSeq(v))) return;
      const start = lines.position(k.range[0]).line;
      const end = lastContentLine(v.range[1]);
      if (end > start) out.push({ startLine: start, endLine: end });
    },
  });
  let runStart = -1;
  for (let l = 0; l <= lines.lineCount; l++) {
    const isComment = l < lines.lineCount && /^\s*#/.test(parsed.text.slice(lines.lineStart(l), lines.lineEnd(l)));
    if (isComment && runStart < 0) runStart = l;
    if (!isComment && runStart >= 0) {
      if (l - 1 > runStart) out.push({ startLine: runStart, endLine: l - 1, kind: 'comment' });
      runStart = -1;
    }
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

