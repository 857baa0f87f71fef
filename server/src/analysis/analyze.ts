/**
 * Analysing one version of a plan: parse, schema, references, model, rules, suppressions. Pure:
 * no LSP, file system or process access. Offsets are UTF-16 code units. `analyze` never throws
 * on user input: parse problems are findings, and a rule that crashes is reported through
 * `onRuleError` while the other rules still run.
 */
import type { Analysis, Analyzer, AnalyzerConfig } from './analysis';
import { knownIds } from './catalog';
import { removePairAt } from './edit';
import { editorFor, fixList, makeFix } from './fixes';
import { hasIndexLikeIds, INDEX_LIKE, recordDerivation } from './incremental/groups';
import { Handed } from './incremental/handed';
import { carryFrom, chunkKey, MEMOS, moveFinding, overlaps, type Carry, type Memo } from './incremental/memo';
import type { ChunkLayout, Entry } from './incremental/chunks';
import { documentStart, reportSpan } from './locate';
import { buildModel, globalsAgainst, METHOD_KEYS, valueAt, type MailboxModel, type ModelReuse, type PlanModel } from './model';
import { parsePlan, textHas, type ParsedPlan } from './parse';
import { checkReferences } from './references';
import { RULES } from './rules';
import type { RuleContext } from './rules/define';
import { validateSchema } from './schema/validate';
import { applySuppressions, DIRECTIVE_MARKER } from './suppress';
import type { Finding, Path, RecordResult, Related, Span } from './types';

function compareFindings(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

const MAX_RELATED = 10;

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
      let knownValues: ((p: Path) => boolean) | undefined;
      if (!parsed.hasSyntaxError) {
        const isMapping = parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value);
        const carry = isMapping ? carryFrom(previous && MEMOS.get(previous), token, parsed.layout) : undefined;
        const records: RecordMemos = { schema: new Map(), references: new Map() };
        const { known, findings: checked, targets } = knowledgeOf(parsed, carry, records);
        knownValues = known;
        findings.push(...checked);
        if (isMapping) {
          let reuse: ModelReuse | undefined;
          // The model and the rules' per-record findings carry when nothing outside `mailboxes`
          // changed, and also after an edit out there (`change`) that leaves the model's values
          // but some profiles and mail systems as they were: then only the mailboxes that use those
          // are modelled and checked again (`rebuilt`), and scoped rules that read the changed
          // text or values themselves check every mailbox.
          const change = carry && !carry.globalsSame ? globalsAgainst(parsed.value, { known }, carry.memo.plan) : undefined;
          const same = carry && (carry.globalsSame || change) ? carry : undefined;
          let byId: Map<string, MailboxModel> | undefined;
          const built: MailboxModel[] = [];
          const rebuilt = new Set<string>();
          if (same) {
            // The previous version's table, taken over and brought up to date below.
            const previousById = (byId = same.memo.mailboxById.take());
            const touched = change && (change.profiles.size > 0 || change.mailSystems.size > 0 || change.defaults.size > 0);
            if (touched) {
              // A mailbox that does not write a changed default method itself inherits it.
              const sources = METHOD_KEYS.filter((key) => change.defaults.has(key)).map((key) => `${key}Source` as const);
              for (const m of same.memo.plan.mailboxes) {
                if (
                  (m.profileId !== undefined && change.profiles.has(m.profileId)) ||
                  (m.mailSystemId !== undefined && change.mailSystems.has(m.mailSystemId)) ||
                  sources.some((source) => m[source] !== 'written')
                )
                  rebuilt.add(m.id);
              }
            }
            reuse = {
              previous: touched ? { ...same.memo.plan, ...change.globals } : same.memo.plan,
              unchanged: (id) => (same.changed.has(id) || rebuilt.has(id) ? undefined : previousById.get(id)),
              // Unchanged records that inherit what changed: their models are derived from the previous ones.
              derive: (id) => (rebuilt.has(id) && !same.changed.has(id) ? previousById.get(id) : undefined),
              built: (m) => built.push(m),
              // With models rebuilt in place, every id is looked up (no splice of the list).
              splice: rebuilt.size ? undefined : mailboxSplice(parsed, same),
            };
          }
          plan = buildModel(parsed.value, { known }, reuse);
          // After most mailboxes were modelled again, the table is built anew when asked (no patching).
          const most = rebuilt.size * 2 > plan.mailboxes.length;
          if (most) byId = undefined;
          if (same && byId) {
            const removed: MailboxModel[] = [];
            for (const id of new Set([...same.dropped, ...rebuilt])) {
              const m = byId.get(id);
              if (m) removed.push(m);
              byId.delete(id);
            }
            for (const m of built) byId.set(m.id, m);
            recordDerivation(plan, same.memo.plan, removed, built);
          }
          const byRule = new Map<number, Map<Entry, Finding[]>>();
          const readsGlobals = new Map<number, Set<string>>();
          for (const [i, keys] of same?.memo.readsGlobals ?? []) readsGlobals.set(i, new Set(keys));
          // What the scoped rules may have seen change, besides the chunks: the model's lists.
          const modelChanged = [
            ...(change?.profiles.size ? ['model:serverProfiles'] : []),
            ...(change?.mailSystems.size ? ['model:mailSystems'] : []),
            ...(change && (change.defaults.size || (plan.defaults.serverProfileId !== undefined && change.profiles.has(plan.defaults.serverProfileId))) ? ['model:defaults'] : []),
          ];
          const outside = same && change ? { changed: [...same.changedGlobals, ...modelChanged], rebuilt } : undefined;
          // When most mailboxes were modelled again (a default they inherit changed), every
          // mailbox is checked again too: carrying the few others' findings costs more than it saves.
          const carryRules = most ? undefined : same;
          findings.push(...runRules(parsed, plan, known, now(), config, carryRules && { carry: carryRules, fresh: built, outside }, byRule, readsGlobals));
          // The next version's model splice asks this one: a group handed on, not rebuilt.
          hasIndexLikeIds(plan);
          if (parsed.layout?.mailboxes) {
            memo = {
              analyzer: token,
              layout: parsed.layout,
              plan,
              mailboxById: new Handed(mailboxTable(plan), byId),
              findings: byRule,
              schema: records.schema,
              references: records.references,
              targets,
              readsGlobals,
            };
          }
        }
      }
      findings = applyOverrides(findings, config.rules);
      const split = applySuppressions(text, parsed.lines, findings, ids, !parsed.hasSyntaxError, textHas(parsed, DIRECTIVE_MARKER));
      const shown = applyOverrides(split.findings.filter((f) => f.ruleId === 'invalid-suppression'), config.rules);
      findings = [...split.findings.filter((f) => f.ruleId !== 'invalid-suppression'), ...shown];
      findings.sort(compareFindings);
      split.suppressed.sort(compareFindings);
      const analysis: Analysis = { text, lines: parsed.lines, value: parsed.value, parsed, findings, suppressed: split.suppressed, plan };
      if (memo) MEMOS.set(analysis, memo);
      if (knownValues) KNOWN.set(analysis, knownValues);
      return analysis;
    },
  };
}

/** What each analysis's schema and reference checks left known (kept beside the value, which stays plain data). */
const KNOWN = new WeakMap<Analysis, (p: Path) => boolean>();

/**
 * Whether a value of the analysed plan is known: false for a path with a schema finding, inside
 * such a value, or an unresolved reference (docs/plan-format.md#unknown-values). Undefined when
 * the plan has a YAML syntax error.
 */
export function knownValues(analysis: Analysis): ((p: Path) => boolean) | undefined {
  return KNOWN.get(analysis);
}

/**
 * Builds the table of a model's mailboxes by id. A closure of its own: one made inside `analyze`
 * would share its scope, and so keep the previous analysis, and through it every earlier one.
 */
function mailboxTable(plan: PlanModel): () => Map<string, MailboxModel> {
  return () => new Map(plan.mailboxes.map((m) => [m.id, m]));
}

/**
 * Where this version's mailbox records differ from the previous version's, as a splice of the
 * previous model's mailbox list; undefined unless the layout was spliced in `mailboxes` (or not
 * at all) and the model lists the mailboxes in document order (no index-like id).
 */
function mailboxSplice(parsed: ParsedPlan, carry: Carry): ModelReuse['splice'] {
  const spliced = parsed.layout?.spliced;
  const before = carry.memo.layout;
  if (!spliced || spliced.from !== before.id || hasIndexLikeIds(carry.memo.plan)) return undefined;
  if (spliced.replaced.length === 0 && spliced.inserted.length === 0) return { at: 0, removed: 0, ids: [] };
  const head = before.heads.find((h) => before.entries[h].key === 'mailboxes');
  if (head === undefined) return undefined;
  const next = before.heads.find((h) => h > head) ?? before.entries.length;
  // An edit in another section leaves the list as it was.
  if (spliced.at + spliced.replaced.length <= head || spliced.at >= next) return { at: 0, removed: 0, ids: [] };
  if (spliced.at <= head || spliced.at + spliced.replaced.length > next) return undefined;
  const ids = spliced.inserted.map((e) => e.key);
  if (ids.some((id) => INDEX_LIKE.test(id))) return undefined;
  return { at: spliced.at - head - 1, removed: spliced.replaced.length, ids };
}

/**
 * The chunks of the sections references name (`mailSystems`, `serverProfiles`): a reference
 * finding says which ids exist, and points at the section and where a new record would go.
 * Undefined when one of them is missing: then its "Create" fix appends the section at the end
 * of the document, which any edit there moves.
 */
function targetChunks(layout: ChunkLayout): Entry[] | undefined {
  const out: Entry[] = [];
  const { entries, heads } = layout;
  const found = new Set<string>();
  heads.forEach((h, s) => {
    const key = entries[h].key;
    if (key !== 'mailSystems' && key !== 'serverProfiles') return;
    found.add(key);
    out.push(...entries.slice(h, heads[s + 1] ?? entries.length));
  });
  return found.size === 2 ? out : undefined;
}

function sameEntries(a: readonly Entry[] | undefined, b: readonly Entry[] | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((e, i) => e === b[i]);
}

/** The per-record results an analysis keeps for the next version's (incremental/memo.ts). */
interface RecordMemos {
  readonly schema: Map<Entry, RecordResult>;
  readonly references: Map<Entry, RecordResult>;
}

/**
 * Results of the previous version's records that are still in this one, moved to where they now
 * stand, added to `into` and `unknown` and kept in `records`. Records whose results point into
 * changed text are checked again: `recheck` gives the results of the records it is named, which
 * `keep` keeps.
 */
function carried(
  carry: Carry,
  memo: ReadonlyMap<Entry, RecordResult>,
  into: Finding[],
  unknown: { add(p: Path): void },
  records: Map<Entry, RecordResult> | undefined,
  recheck: (ids: ReadonlySet<string>) => ReadonlyMap<string, RecordResult>,
  keep: (results: ReadonlyMap<string, RecordResult>, ids: ReadonlySet<string>) => void,
): void {
  const redo = new Set<string>();
  for (const [entry, r] of memo) {
    if (!carry.kept(entry)) continue;
    const moved = r.findings.map((f) => moveFinding(f, carry.remap));
    if (!moved.every((f): f is Finding => f !== undefined)) {
      redo.add(entry.key);
      continue;
    }
    into.push(...moved);
    for (const p of r.unknown) unknown.add(p);
    records?.set(entry, { findings: moved, unknown: r.unknown });
  }
  if (!redo.size) return;
  const again = recheck(redo);
  for (const [id, r] of again) {
    if (!redo.has(id)) continue;
    into.push(...r.findings);
    for (const p of r.unknown) unknown.add(p);
  }
  keep(again, redo);
}

/**
 * Schema and reference findings, and what they leave unknown (docs/plan-format.md#unknown-values).
 * With a carry, only new and changed mailbox records are validated, and their references
 * checked while the ids references can name stay the same; the other records keep the previous
 * version's results.
 */
function knowledgeOf(parsed: ParsedPlan, carry?: Carry, records?: RecordMemos): { known: (p: Path) => boolean; findings: Finding[]; targets: readonly Entry[] | undefined } {
  const schema = validateSchema(parsed, carry ? carry.changed : undefined);
  const unknown = schema.unknown;
  const entries = parsed.layout?.mailboxes?.get();
  const keep = (results: ReadonlyMap<string, RecordResult>, into: Map<Entry, RecordResult> | undefined, ids?: ReadonlySet<string>) => {
    if (into && entries) for (const [id, r] of results) if (entries.has(id) && (!ids || ids.has(id))) into.set(entries.get(id)!, r);
  };
  keep(schema.records, records?.schema);
  if (carry) {
    // Findings that point into changed text: those records are validated again (their results only).
    const again = (ids: ReadonlySet<string>) => validateSchema(parsed, ids).records;
    carried(carry, carry.memo.schema, schema.findings, unknown, records?.schema, again, (r, ids) => keep(r, records?.schema, ids));
  }
  const known = (p: Path) => !unknown.coversPath(p);
  const targets = parsed.layout ? targetChunks(parsed.layout) : undefined;
  const refCarry = carry && sameEntries(carry.memo.targets, targets) && known(['mailboxes']) ? carry : undefined;
  const refs = checkReferences(parsed, known, refCarry?.changed);
  const findings = [...schema.findings, ...refs.findings];
  const unresolved = [...refs.unresolved];
  keep(refs.records, records?.references);
  if (refCarry) {
    const again = (ids: ReadonlySet<string>) => checkReferences(parsed, known, ids).records;
    const add = { add: (p: Path) => unresolved.push(p) };
    carried(refCarry, refCarry.memo.references, findings, add, records?.references, again, (r, ids) => keep(r, records?.references, ids));
  }
  // Added after every check: `known` of a reference is what the schema left known.
  for (const p of unresolved) unknown.add(p);
  return { known, findings, targets };
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
  return runRules(parsed, view, known, (config.now ?? (() => new Date()))(), config, undefined, new Map(), new Map(), ruleId);
}

/** The model's lists outside `mailboxes` that a scoped rule may read, and what a read of each is noted as. */
const WATCHED: readonly [keyof PlanModel, string][] = [
  ['profiles', 'model:serverProfiles'],
  ['profileById', 'model:serverProfiles'],
  ['mailSystems', 'model:mailSystems'],
  ['mailSystemById', 'model:mailSystems'],
  ['defaults', 'model:defaults'],
];

/** `plan` as a scoped rule sees it: reading one of the model's lists outside `mailboxes` is noted. */
function watched(plan: PlanModel, note: (key: string) => void): PlanModel {
  const view = { ...plan };
  for (const [key, noted] of WATCHED) {
    Object.defineProperty(view, key, {
      get: () => {
        note(noted);
        return plan[key];
      },
      enumerable: true,
    });
  }
  return view;
}

/** Every span a finding holds: its own, its related places', its fixes' edits'. */
function spansOf(f: Finding): Span[] {
  return [f.span, ...f.related.map((r) => r.span), ...f.fixes.flatMap((x) => x.edits.map((e) => e.span))];
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
  /**
   * The previous version's results, and the mailboxes whose record is new or changed (their
   * models). `outside` after an edit outside `mailboxes`: the chunks and model lists it
   * changed (`chunkKey`, `model:` lists), and the mailboxes whose models it changed.
   */
  reuse:
    | {
        readonly carry: Carry;
        readonly fresh: readonly MailboxModel[];
        readonly outside?: { readonly changed: readonly string[]; readonly rebuilt: ReadonlySet<string> };
      }
    | undefined,
  byRule: Map<number, Map<Entry, Finding[]>>,
  /** The chunks outside `mailboxes` each scoped rule was seen reading (the previous version's, added to). */
  readsGlobals: Map<number, Set<string>>,
  only?: string,
): Finding[] {
  const carry = reuse?.carry;
  const root = parsed.value;
  const edit = editorFor(parsed);
  const out: Finding[] = [];
  const records = parsed.layout?.mailboxes?.get();
  // Mailboxes whose record changed (all of them without a carry): scoped rules look only at these.
  const fresh = reuse ? reuse.fresh : plan.mailboxes;
  let byId: Map<string, MailboxModel> | undefined;
  const modelOf = (id: string) => (byId ??= new Map(plan.mailboxes.map((m) => [m.id, m]))).get(id)!;
  const freshPlan: PlanModel = reuse ? { ...plan, mailboxes: fresh } : plan;
  RULES.forEach((rule, index) => {
    const severity = rule.severities[plan.baseline];
    if (severity === null || (only !== undefined && rule.id !== only)) return;
    const scoped = rule.scope === 'mailbox' && records !== undefined;
    // After an edit outside `mailboxes`, a scoped rule that read the changed text checks every mailbox.
    const reads = readsGlobals.get(index);
    const outside = reuse?.outside;
    const whole = scoped && !!outside && !!reads && [...reads].some((r) => outside.changed.some((c) => overlaps(r, c)));
    /** Depth of `outsideMailboxes` calls: reads inside are not noted. */
    let outsideOnly = 0;
    /** Notes what a scoped rule reads outside `mailboxes`: a chunk, or a list of the model. */
    const note = (key: string, always = false) => {
      if (outsideOnly && !always) return;
      const set = readsGlobals.get(index);
      if (!set) readsGlobals.set(index, new Set([key]));
      else set.add(key);
    };
    const read = (p: Path) => {
      if (scoped && p[0] !== 'mailboxes') note(chunkKey(p));
      return p;
    };
    /** Findings of a scoped rule by the mailbox record they are placed in; the others in `found`. */
    const found: Finding[] = [];
    const mine = new Map<Entry, Finding[]>();
    const run = (view: PlanModel): boolean => {
      const ctx: RuleContext = {
        plan: scoped ? watched(view, note) : view,
        get parsed() {
          read([]);
          return parsed;
        },
        get root() {
          read([]);
          return root;
        },
        severity,
        now,
        processEmailFromMaxAgeDays: config.processEmailFromMaxAgeDays ?? 14,
        value: (p) => valueAt(root, read(p)),
        has: (p) => valueAt(root, read(p)) !== undefined,
        known: (p) => known(read(p)),
        edit,
        fix: makeFix,
        outsideMailboxes<T>(f: () => T): T {
          outsideOnly++;
          try {
            return f();
          } finally {
            outsideOnly--;
          }
        },
        report(r) {
          const span = r.span ?? reportSpan(parsed, r.at, r.part ?? 'value');
          const related: Related[] = [];
          for (const rel of r.related ?? []) {
            if (related.length >= MAX_RELATED) break;
            const s = reportSpan(parsed, rel.at, rel.part ?? 'value', false);
            if (s) related.push({ span: s, message: rel.message });
          }
          const finding: Finding = {
            ruleId: rule.id,
            severity: r.severity ?? severity,
            message: r.message,
            span: span ?? documentStart(parsed.text),
            related,
            fixes: fixList(r.fixes ?? []),
          };
          const record = scoped && r.at[0] === 'mailboxes' && r.at.length >= 2 ? records.get(String(r.at[1])) : undefined;
          // A mailbox finding from the part that reads outside `mailboxes`: it may depend on anything.
          if (record && outsideOnly) note('*', true);
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
    if (!run(scoped && !whole ? freshPlan : plan)) return;
    if (scoped && carry && !whole) {
      // Unchanged records keep last version's findings, moved to where the record now stands.
      // After an edit outside `mailboxes`, only findings wholly inside their record carry: a fix
      // or a related place elsewhere may have been built from the text that changed.
      const inside = (record: Entry) => (f: Finding | undefined): f is Finding =>
        f !== undefined && (!reuse.outside || spansOf(f).every((s) => s.start >= record.offset && s.end <= record.offset + record.text.length));
      const redo: MailboxModel[] = [];
      for (const [record, list] of carry.memo.findings.get(index) ?? []) {
        if (mine.has(record) || !carry.kept(record) || reuse.outside?.rebuilt.has(record.key)) continue;
        const moved = list.map((f) => moveFinding(f, carry.remap));
        if (moved.every(inside(record))) mine.set(record, moved);
        else redo.push(modelOf(record.key));
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



