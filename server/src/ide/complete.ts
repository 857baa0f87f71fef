/**
 * Completion at the positions people really type at: after `key: `, on an empty line inside a
 * mapping, inside flow mappings, over partial words. Where the cursor is comes from
 * `complete-context.ts`; this module makes the items, ranking values with the plan's context.
 */
import type { Analysis } from '../analysis';
import { valueAt, type Auth, type PlanModel } from '../analysis/model';
import { propertiesOf, schemaAt, type SchemaNode } from '../analysis/schema/walk';
import { expectedServerType, profileAuthVerdict } from '../analysis/support';
import type { Path, Span } from '../analysis/types';
import { contextAt, isBlank, unquote, type CompletionContext as Context } from './complete-context';
import { otherTenantMailSystems, RECORD_SNIPPETS } from './snippets';

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
  /** What the typed word is matched against, when not the label (snippets: their prefix too). */
  readonly filterText?: string;
  /** Sorts the list: lower first. */
  readonly sortText: string;
  /** Offered, but not supported in this context (shown last, marked). */
  readonly unsupported?: boolean;
}

function needsQuotes(v: string): boolean {
  return /^[-+]?\d+(\.\d+)?$/.test(v) || /^(true|false|null|yes|no|on|off|~)$/i.test(v);
}

function ids(analysis: Analysis, collection: string): string[] {
  const fromValue = valueAt(analysis.value, [collection]);
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
  // Values a conditional of the schema rules out here: CRM on-premises has no 9.2.
  const onPremises = plan?.deployment === 'onPremises';
  const values = (node.enum ?? []).filter((v) => !(onPremises && key === 'crmVersion' && v === '9.2'));
  return values.map((v, i) => {
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
  if (key === 'authenticateUsing' && p?.serverType) return profileAuthVerdict(plan, { ...p, serverType: p.serverType }, path[2] === 'outgoing' ? 'out' : 'in', value as Auth);
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
  if (['password', 'clientSecret'].includes(String(ctx.path[ctx.path.length - 1]))) {
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

function keyItems(ctx: Context, analysis: Analysis): CompletionModel[] {
  const replace = { start: ctx.wordStart, end: ctx.wordStart + ctx.word.length };
  const node = schemaAt(ctx.path);
  if (!node) return [];
  if (node.propertyNames && ctx.path.length === 1 && !ctx.flow) {
    const collection = String(ctx.path[0]);
    const known = { mailSystems: ids(analysis, 'mailSystems'), serverProfiles: ids(analysis, 'serverProfiles'), otherTenants: otherTenantMailSystems(analysis.plan) };
    const snippets = collection in RECORD_SNIPPETS ? RECORD_SNIPPETS[collection as keyof typeof RECORD_SNIPPETS] : [];
    return snippets.map((s, i) => ({
      label: s.label,
      kind: 'snippet' as const,
      insertText: s.body(known).map((l, j) => (j === 0 ? l : ctx.indent + l)).join('\n'),
      isSnippet: true,
      replace,
      filterText: [s.prefix, ...(s.aliases ?? []), s.label].join(' '),
      detail: 'snippet: fills the required keys',
      documentation: s.description,
      sortText: `0${String(i).padStart(2, '0')}`,
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
  const ctx = contextAt(analysis.text, offset, analysis.lines, analysis.parsed.layout);
  if (!ctx) return [];
  if (ctx.mode === 'key') return keyItems(ctx, analysis);
  return valueItems(ctx, analysis);
}
