/**
 * The analysis core's entry point. Pure: no LSP, file system or process access. Offsets are
 * UTF-16 code units. `analyze` never throws on user input: parse problems are findings, and a
 * rule that crashes is reported through `onRuleError` while the other rules still run.
 */
import { buildModel, valueAt, type MailboxModel, type ModelReuse, type PlanModel } from './model';
import { remapper, type ChunkLayout, type Entry } from './chunks';
import { parsePlan, type ParsedPlan } from './parse';
import { keySpan, valueSpan } from './locate';
import { checkReferences } from './references';
import { RULES } from './rules';
import type { RuleContext } from './rules/define';
import { validateSchema, type RecordResult, type SchemaResult } from './schema/validate';
import { knownIds } from './catalog';
import { editorFor, fixList, makeFix } from './fixes';
import { removePairAt } from './edit';
import { applySuppressions } from './suppress';
import type { Finding, Path, Related, SeverityOverride, Span, SuppressedFinding } from './types';

export * from './types';
export type { ParsedPlan } from './parse';
export type { Rule } from './rules/define';
export { RULES } from './rules';
export { LineIndex } from './text';
export { hoverAt, type HoverModel } from './hover';
export { fixAll, minimalEdit, type FixAllResult, type RejectedFix } from './fix-all';
export { confirmPreferred, goneFindings, isBuiltinFinding, judgeFix, judgeFixes, worsening, type FixVerdict } from './fix-safety';
export { applyEdits } from './edit';
export { completeAt, type CompletionModel, type CompletionKind } from './complete';
export {
  symbolsOf,
  definitionAt,
  referencesAt,
  highlightsAt,
  prepareRenameAt,
  renameAt,
  foldingRanges,
  type SymbolModel,
  type SymbolKind,
  type Occurrence,
  type RenameResult,
  type FoldModel,
} from './navigate';

/** Ids of the parser, schema and reference findings (plan-format.md §12). */
export const BUILTIN_IDS = [
  'yaml-syntax',
  'duplicate-key',
  'schema/required',
  'schema/additional-properties',
  'schema/enum',
  'schema/type',
  'schema/range',
  'schema/pattern',
  'unknown-reference',
] as const;

export interface AnalyzerConfig {
  /** The time of the check; defaults to the real clock. Tests inject a fixed one. */
  readonly now?: () => Date;
  /** Per-rule severity overrides (`crmsync.rules`, CLI `--rule`). */
  readonly rules?: Readonly<Record<string, SeverityOverride>>;
  /** `process-email-from-old`: days back before a processEmailFrom counts as old (default 14). */
  readonly processEmailFromMaxAgeDays?: number;
  /** Called when a rule throws; the rule's findings are dropped and the others kept. */
  readonly onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface Analysis {
  readonly text: string;
  readonly parsed: ParsedPlan;
  /** Findings to show, in document order, then by rule id. */
  readonly findings: readonly Finding[];
  /** Findings silenced by suppression comments, with their reasons. */
  readonly suppressed: readonly SuppressedFinding[];
  /** Effective values, when the plan parsed into a mapping (for hovers and completion). */
  readonly plan?: PlanModel;
}

export interface Analyzer {
  /**
   * Analyses a plan. Given the analysis of the previous version of the same document, unchanged
   * records are not parsed again; the findings are the same either way.
   */
  analyze(text: string, previous?: Analysis): Analysis;
}

function compareFindings(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

const MAX_RELATED = 10;

/**
 * What an analysis leaves for the next version's, when it was parsed in chunks: its layout, its
 * model and, per rule of `scope: 'mailbox'`, the findings of each mailbox record.
 */
interface Memo {
  readonly analyzer: object;
  readonly layout: ChunkLayout;
  readonly plan: PlanModel;
  readonly mailboxById: ReadonlyMap<string, MailboxModel>;
  /** Per rule (index in RULES): the findings of each record that has some. */
  readonly findings: ReadonlyMap<number, ReadonlyMap<Entry, readonly Finding[]>>;
  /** Schema findings and unknown paths of each record that has some. */
  readonly schema: ReadonlyMap<Entry, RecordResult>;
}

const MEMOS = new WeakMap<Analysis, Memo>();

/** How the previous version's results carry over: only when nothing outside `mailboxes` changed. */
interface Carry {
  readonly memo: Memo;
  /** True when a record of the previous version is still in this one, unchanged. */
  readonly kept: (record: Entry) => boolean;
  /** Ids of the records that are new or changed. */
  readonly changed: ReadonlySet<string>;
  /** Moves an offset of the previous version into this one (undefined inside changed text). */
  readonly remap: (offset: number) => number | undefined;
}

function carryFrom(memo: Memo | undefined, analyzer: object, layout: ChunkLayout | undefined): Carry | undefined {
  if (!memo || memo.analyzer !== analyzer || !layout?.mailboxes || !memo.layout.mailboxes) return undefined;
  const a = memo.layout.globals;
  const b = layout.globals;
  if (a.length !== b.length) return undefined;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return undefined;
  const now = layout.mailboxes;
  return {
    memo,
    kept: (record) => now.get(record.key) === record,
    changed: layout.freshMailboxes,
    remap: remapper(memo.layout, layout),
  };
}

export function createAnalyzer(config: AnalyzerConfig = {}): Analyzer {
  const now = config.now ?? (() => new Date());
  const ids = knownIds();
  const token = {};
  return {
    analyze(text: string, previous?: Analysis): Analysis {
      const parsed = parsePlan(text, previous?.parsed);
      let memo: Memo | undefined;
      let findings: Finding[] = parsed.findings.map((f) =>
        f.ruleId === 'duplicate-key' ? { ...f, fixes: fixList([makeFix('Remove this repeated entry', [removePairAt(parsed, f.span.start)])]) } : f,
      );
      let plan: PlanModel | undefined;
      if (!parsed.hasSyntaxError) {
        const isMapping = parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value);
        const carry = isMapping ? carryFrom(previous && MEMOS.get(previous), token, parsed.layout) : undefined;
        const schemaRecords = new Map<Entry, RecordResult>();
        const { known, findings: checked } = knowledgeOf(parsed, carry, schemaRecords);
        findings.push(...checked);
        if (isMapping) {
          let reuse: ModelReuse | undefined;
          if (carry) {
            const { plan: before, mailboxById } = carry.memo;
            reuse = { previous: before, unchanged: (id) => (carry.changed.has(id) ? undefined : mailboxById.get(id)) };
          }
          plan = buildModel(parsed.value, { known }, reuse);
          const byRule = new Map<number, Map<Entry, Finding[]>>();
          findings.push(...runRules(parsed, plan, known, now(), config, carry, byRule));
          if (parsed.layout?.mailboxes) {
            memo = { analyzer: token, layout: parsed.layout, plan, mailboxById: new Map(plan.mailboxes.map((m) => [m.id, m])), findings: byRule, schema: schemaRecords };
          }
        }
      }
      findings = applyOverrides(findings, config.rules);
      const split = applySuppressions(text, parsed.lines, findings, ids, !parsed.hasSyntaxError);
      const shown = applyOverrides(split.findings.filter((f) => f.ruleId === 'invalid-suppression'), config.rules);
      findings = [...split.findings.filter((f) => f.ruleId !== 'invalid-suppression'), ...shown];
      findings.sort(compareFindings);
      split.suppressed.sort(compareFindings);
      const analysis: Analysis = { text, parsed, findings, suppressed: split.suppressed, plan };
      if (memo) MEMOS.set(analysis, memo);
      return analysis;
    },
  };
}

/** Schema and reference findings, and what they leave unknown (plan-format.md §11.5). */
function knowledgeOf(parsed: ParsedPlan, carry?: Carry, records?: Map<Entry, RecordResult>): { known: (p: Path) => boolean; findings: Finding[] } {
  // With a carry, only changed mailbox records are validated; the others keep last version's results.
  const schema = validateSchema(parsed, carry ? carry.changed : undefined);
  const unknown = schema.unknown;
  const entries = parsed.layout?.mailboxes;
  const keep = (result: SchemaResult) => {
    if (records && entries) for (const [id, r] of result.records) if (entries.has(id)) records.set(entries.get(id)!, r);
  };
  keep(schema);
  if (carry) {
    const redo = new Set<string>();
    for (const [entry, r] of carry.memo.schema) {
      if (!carry.kept(entry)) continue;
      const moved = r.findings.map((f) => moveFinding(f, carry.remap));
      if (!moved.every((f): f is Finding => f !== undefined)) {
        redo.add(entry.key);
        continue;
      }
      schema.findings.push(...moved);
      for (const p of r.unknown) unknown.add(p);
      records?.set(entry, { findings: moved, unknown: r.unknown });
    }
    // Findings that point into changed text: validate those records again (their results only).
    if (redo.size) {
      const again = validateSchema(parsed, redo);
      for (const [id, r] of again.records) {
        if (!redo.has(id)) continue;
        schema.findings.push(...r.findings);
        for (const p of r.unknown) unknown.add(p);
      }
      keep({ ...again, records: new Map([...again.records].filter(([id]) => redo.has(id))) });
    }
  }
  const known = (p: Path) => !unknown.coversPath(p);
  const refs = checkReferences(parsed, known);
  for (const p of refs.unresolved) unknown.add(p);
  return { known, findings: [...schema.findings, ...refs.findings] };
}

/**
 * The findings of one rule on an analysed plan, with the rule shown only the mailboxes named
 * (all when omitted). For tests of `scope: 'mailbox'`: such a rule's findings over all mailboxes
 * are those it gives with none, plus the ones placed in each mailbox when shown only that one.
 */
export function findingsOfRule(analysis: Analysis, ruleId: string, mailboxIds?: readonly string[], config: AnalyzerConfig = {}): Finding[] {
  const { parsed, plan } = analysis;
  if (!plan || parsed.hasSyntaxError) return [];
  const { known } = knowledgeOf(parsed);
  const view = mailboxIds ? { ...plan, mailboxes: plan.mailboxes.filter((m) => mailboxIds.includes(m.id)) } : plan;
  return runRules(parsed, view, known, (config.now ?? (() => new Date()))(), config, undefined, new Map(), ruleId);
}

function applyOverrides(findings: Finding[], overrides: AnalyzerConfig['rules']): Finding[] {
  if (!overrides) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const o = overrides[f.ruleId];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}

function runRules(
  parsed: ParsedPlan,
  plan: PlanModel,
  known: (p: Path) => boolean,
  now: Date,
  config: AnalyzerConfig,
  carry: Carry | undefined,
  byRule: Map<number, Map<Entry, Finding[]>>,
  only?: string,
): Finding[] {
  const root = parsed.value;
  const edit = editorFor(parsed);
  const out: Finding[] = [];
  const records = parsed.layout?.mailboxes;
  // Mailboxes whose record changed (all of them without a carry): scoped rules look only at these.
  const fresh = carry ? plan.mailboxes.filter((m) => carry.changed.has(m.id)) : plan.mailboxes;
  const freshPlan: PlanModel = carry ? { ...plan, mailboxes: fresh } : plan;
  RULES.forEach((rule, index) => {
    const severity = rule.severities[plan.baseline];
    if (severity === null || (only !== undefined && rule.id !== only)) return;
    const scoped = rule.scope === 'mailbox' && records !== undefined;
    /** Findings of a scoped rule by the mailbox record they are placed in; the others in `found`. */
    const found: Finding[] = [];
    const mine = new Map<Entry, Finding[]>();
    const run = (view: PlanModel): boolean => {
      const ctx: RuleContext = {
        plan: view,
        parsed,
        root,
        severity,
        now,
        processEmailFromMaxAgeDays: config.processEmailFromMaxAgeDays ?? 14,
        value: (p) => valueAt(root, p),
        has: (p) => valueAt(root, p) !== undefined,
        known,
        edit,
        fix: makeFix,
        report(r) {
          const span = spanOf(parsed, r.at, r.part ?? 'value');
          const related: Related[] = [];
          for (const rel of r.related ?? []) {
            if (related.length >= MAX_RELATED) break;
            const s = spanOf(parsed, rel.at, rel.part ?? 'value', false);
            if (s) related.push({ span: s, message: rel.message });
          }
          const finding: Finding = {
            ruleId: rule.id,
            severity: r.severity ?? severity,
            message: r.message,
            span: span ?? { start: 0, end: Math.min(1, parsed.text.length) },
            related,
            fixes: fixList(r.fixes ?? []),
          };
          const record = scoped && r.at[0] === 'mailboxes' && r.at.length >= 2 ? records.get(String(r.at[1])) : undefined;
          if (!record) found.push(finding);
          else if (mine.has(record)) mine.get(record)!.push(finding);
          else mine.set(record, [finding]);
        },
      };
      try {
        rule.check(ctx);
        return true;
      } catch (err) {
        config.onRuleError?.(rule.id, err);
        return false;
      }
    };
    if (!run(scoped ? freshPlan : plan)) return;
    if (scoped && carry) {
      // Unchanged records keep last version's findings, moved to where the record now stands.
      const redo: MailboxModel[] = [];
      for (const [record, list] of carry.memo.findings.get(index) ?? []) {
        if (mine.has(record) || !carry.kept(record)) continue;
        const moved = list.map((f) => moveFinding(f, carry.remap));
        if (moved.every((f): f is Finding => f !== undefined)) mine.set(record, moved);
        else redo.push(plan.mailboxes.find((m) => m.id === record.key)!);
      }
      // A finding that points into changed text (a rule breaking its scope): check those records again.
      if (redo.length) {
        const again = [...fresh, ...redo];
        for (const m of again) mine.delete(records.get(m.id)!);
        found.length = 0;
        if (!run({ ...plan, mailboxes: again })) return;
      }
    }
    out.push(...found);
    for (const list of mine.values()) out.push(...list);
    if (mine.size) byRule.set(index, mine);
  });
  return out;
}

/** A finding of the previous version in this one; undefined when one of its spans is in changed text. */
function moveFinding(f: Finding, remap: (offset: number) => number | undefined): Finding | undefined {
  let lost = false;
  const move = (s: Span): Span => {
    const start = remap(s.start);
    const end = remap(s.end);
    if (start === undefined || end === undefined) {
      lost = true;
      return s;
    }
    return { start, end };
  };
  const span = move(f.span);
  const related = f.related.map((r) => ({ ...r, span: move(r.span) }));
  const fixes = f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, span: move(e.span) })) }));
  return lost ? undefined : { ...f, span, related, fixes };
}

/**
 * The span for a reported place. When the path is not written (an inherited value, an absent
 * key), falls back to the key of the nearest written ancestor (rules.md §1.4).
 */
function spanOf(parsed: ParsedPlan, at: Path, part: 'key' | 'value', fallback = true): Span | undefined {
  const direct = part === 'key' ? keySpan(parsed, at) : valueSpan(parsed, at);
  if (direct || !fallback) return direct;
  for (let i = at.length - 1; i >= 1; i--) {
    const s = keySpan(parsed, at.slice(0, i));
    if (s) return s;
  }
  return keySpan(parsed, []);
}

export { validateSchema, planValidator, PLAN_SCHEMA } from './schema/validate';
