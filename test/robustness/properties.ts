/**
 * The robustness properties every input must satisfy, as functions that throw an Error naming
 * the broken property. Shared by the fixed-seed test, the regression test and `npm run fuzz`.
 */
import { applyEdits, createAnalyzer, goneFindings, isBuiltinFinding, worsening, type Analysis, type Analyzer, type Finding, type Span, type TextEdit } from '../../server/src/analysis';
import { completeAt, definitionAt, fixAll, foldingRanges, highlightsAt, hoverAt, symbolsOf, type SymbolModel } from '../../server/src/ide';
import { knownIds } from '../../server/src/analysis/catalog';
import { FIXED_NOW } from '../harness/check';
import * as assert from 'node:assert/strict';

/** Generous: generated plans are small and analyse in milliseconds; this only catches hangs. */
export const ANALYSIS_BOUND_MS = 5000;

let ruleErrors: string[] = [];
const analyzer: Analyzer = createAnalyzer({
  now: () => FIXED_NOW,
  onRuleError: (id, err) => ruleErrors.push(`rule ${id} crashed: ${(err as Error)?.stack ?? String(err)}`),
});
const IDS = knownIds();

export class PropertyFailure extends Error {
  constructor(
    readonly property: string,
    detail: string,
    /** What tells one cause from another for the same property (a rule id, fix titles). */
    readonly key?: string,
  ) {
    super(`${property}: ${detail}`);
  }
}

function fail(property: string, detail: string, key?: string): never {
  throw new PropertyFailure(property, detail, key);
}

function inDocument(span: Span, length: number, allowEmpty: boolean): boolean {
  return (
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.end <= length &&
    (allowEmpty ? span.start <= span.end : span.start < span.end)
  );
}

/** True when `offset` falls between the two halves of a surrogate pair. */
function splitsSurrogate(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

function describe(f: Finding, text: string): string {
  return `${f.ruleId} [${f.span.start},${f.span.end}) of ${text.length}: ${JSON.stringify(f.message)}`;
}

export interface CheckOptions {
  /** Also require that no span starts or ends between the two halves of a surrogate pair. */
  readonly surrogates?: boolean;
}

let options: CheckOptions = {};

function checkSpan(property: string, span: Span, text: string, allowEmpty: boolean, what: () => string): void {
  // An empty document has no non-empty span: [0, 0) is the only place there is.
  if (!inDocument(span, text.length, allowEmpty || text.length === 0))
    fail(property, `${what()} — span [${span.start},${span.end}) outside a document of length ${text.length}`);
  if (options.surrogates && (splitsSurrogate(text, span.start) || splitsSurrogate(text, span.end))) {
    fail('span-splits-surrogate', `${what()} — span [${span.start},${span.end}) cuts a surrogate pair`);
  }
}

/** Checks every finding (shown or suppressed) for a known id, a message and spans inside the text. */
export function checkFindings(analysis: Analysis): void {
  const text = analysis.text;
  for (const f of [...analysis.findings, ...analysis.suppressed]) {
    if (!IDS.has(f.ruleId)) fail('known-rule-id', describe(f, text));
    if (typeof f.message !== 'string' || !f.message.trim()) fail('non-empty-message', describe(f, text));
    checkSpan('finding-span', f.span, text, false, () => describe(f, text));
    for (const r of f.related) checkSpan('related-span', r.span, text, false, () => `related ${JSON.stringify(r.message)} of ${describe(f, text)}`);
    for (const fix of f.fixes) checkEdits(fix.edits, text, () => `fix ${JSON.stringify(fix.title)} of ${describe(f, text)}`);
  }
}

function checkEdits(edits: readonly TextEdit[], text: string, what: () => string): void {
  for (const e of edits) {
    checkSpan('fix-edit-span', e.span, text, true, what);
    if (typeof e.newText !== 'string') fail('fix-edit-text', what());
  }
}

/** Analyses `text`: never throws, no rule crashes, within the bound. */
export function analyseChecked(text: string): Analysis {
  ruleErrors = [];
  const started = performance.now();
  let analysis: Analysis;
  try {
    analysis = analyzer.analyze(text);
  } catch (err) {
    fail('analyze-throws', (err as Error)?.stack ?? String(err));
  }
  const ms = performance.now() - started;
  if (ruleErrors.length) fail('rule-crash', ruleErrors.join('\n'));
  if (ms > ANALYSIS_BOUND_MS) fail('analysis-bound', `took ${Math.round(ms)} ms (bound ${ANALYSIS_BOUND_MS} ms)`);
  return analysis;
}

/**
 * The main property: analysis never throws, finishes within the bound, and every finding has a
 * non-empty span inside the document (related spans too; fix edits inside the document). The
 * editor features are then asked at `probe` (an offset taken modulo length + 1).
 */
export function checkText(text: string, probe = 0, opts: CheckOptions = {}): Analysis {
  options = opts;
  try {
    const analysis = analyseChecked(text);
    checkFindings(analysis);
    checkFeatures(analysis, text.length ? probe % (text.length + 1) : 0);
    return analysis;
  } finally {
    options = {};
  }
}

/**
 * The editor features at `offset` (hover, completion, definition, highlights) and the whole-file
 * ones (symbols, folding) never throw and answer with spans inside the document.
 */
export function checkFeatures(analysis: Analysis, offset: number): void {
  const text = analysis.text;
  const guard = <T>(name: string, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      fail(`${name}-throws`, `at offset ${offset}: ${(err as Error)?.stack ?? String(err)}`);
    }
  };
  // Feature spans may be empty (a cursor position); they must lie inside the document.
  const hover = guard('hoverAt', () => hoverAt(analysis, offset));
  if (hover) checkSpan('hover-span', hover.span, text, true, () => `hover at ${offset}`);
  for (const c of guard('completeAt', () => completeAt(analysis, offset))) {
    checkSpan('completion-span', c.replace, text, true, () => `completion ${JSON.stringify(c.label)} at ${offset}`);
  }
  const definition = guard('definitionAt', () => definitionAt(analysis, offset));
  if (definition) checkSpan('definition-span', definition, text, true, () => `definition at ${offset}`);
  for (const h of guard('highlightsAt', () => highlightsAt(analysis, offset))) checkSpan('highlight-span', h.span, text, true, () => `highlight at ${offset}`);
  const symbols = (list: readonly SymbolModel[]): void => {
    for (const s of list) {
      checkSpan('symbol-span', s.span, text, true, () => `symbol ${JSON.stringify(s.name)}`);
      checkSpan('symbol-span', s.selectionSpan, text, true, () => `symbol ${JSON.stringify(s.name)} (selection)`);
      symbols(s.children);
    }
  };
  symbols(guard('symbolsOf', () => symbolsOf(analysis)));
  guard('foldingRanges', () => foldingRanges(analysis));
}

/**
 * Every quick fix applied alone keeps valid YAML valid and never edits outside the document:
 * what a user gets by choosing one code action (fix-all guards itself; single fixes do not).
 */
export function checkEachFix(text: string, before: Analysis = analyseChecked(text)): void {
  if (before.findings.some((f) => f.ruleId === 'yaml-syntax')) return;
  for (const f of before.findings) {
    for (const fix of f.fixes) {
      const after = analyseChecked(applyEdits(text, fix.edits));
      const syntax = after.findings.find((g) => g.ruleId === 'yaml-syntax');
      if (syntax)
        fail(
          'fix-breaks-yaml',
          `fix ${JSON.stringify(fix.title)} of ${describe(f, text)} produces ${describe(syntax, after.text)}\n--- fixed text ---\n${after.text}`,
          f.ruleId,
        );
    }
  }
}

/** The fix-all bound: the passes are capped, so this only catches a pass that hangs. */
export const FIX_ALL_BOUND_MS = 20_000;

/**
 * Fix-all terminates (within the bound) and never produces text with a `yaml-syntax` finding
 * when the input had none; the result satisfies the main property too.
 */
export function checkFixAll(text: string): void {
  const before = analyseChecked(text);
  const started = performance.now();
  let result: ReturnType<typeof fixAll>;
  ruleErrors = [];
  try {
    result = fixAll(analyzer, text);
  } catch (err) {
    fail('fixAll-throws', (err as Error)?.stack ?? String(err));
  }
  const ms = performance.now() - started;
  if (ruleErrors.length) fail('rule-crash', ruleErrors.join('\n'));
  if (ms > FIX_ALL_BOUND_MS) fail('fixAll-bound', `took ${Math.round(ms)} ms`);
  const after = analyseChecked(result.text);
  checkFindings(after);
  // Never worse: each fix-all step is judged, so the whole run adds no error or warning (domain
  // findings only where a parser, schema or reference finding was fixed), changes nothing of what
  // the plan connects and deletes no text the user typed.
  // What the run fixed: the findings gone since the start, and those a round fixed that an
  // earlier round had revealed (a reference fix can reveal a service pack that never existed).
  const gone = goneFindings(before, after);
  const fixedAlong = [...gone, ...result.fixed.filter((f) => !gone.includes(f))];
  const worse = worsening(before, after, fixedAlong, gone.some((f) => isBuiltinFinding(f.ruleId)));
  if (worse) fail('fixAll-makes-worse', `${worse}\n--- fixed text ---\n${result.text}`, worse.replace(/'[^']*'|at \S+/g, '…'));
  const hadSyntax = before.findings.some((f) => f.ruleId === 'yaml-syntax');
  const syntax = after.findings.find((f) => f.ruleId === 'yaml-syntax');
  if (!hadSyntax && syntax) {
    // Find the pass that broke the YAML, then the fixes that break it on their own.
    let current = text;
    const culprits = new Set<string>();
    const titles = new Set<string>();
    for (let pass = 1; pass <= result.passes + 1; pass++) {
      const next = fixAll(analyzer, current, 1).text;
      if (analyzer.analyze(next).findings.some((f) => f.ruleId === 'yaml-syntax')) {
        for (const f of analyzer.analyze(current).findings) {
          const fix = f.fixes.find((x) => x.isPreferred && !x.unsafe);
          if (!fix || !analyzer.analyze(applyEdits(current, fix.edits)).findings.some((g) => g.ruleId === 'yaml-syntax')) continue;
          culprits.add(`${f.ruleId}:${fix.title.split(' ')[0]}`);
          titles.add(`${f.ruleId} (${fix.title})`);
        }
        break;
      }
      current = next;
    }
    fail(
      'fixAll-breaks-yaml',
      `fixes of ${[...titles].join(', ') || 'several rules together'} produce ${describe(syntax, result.text)}\n--- fixed text ---\n${result.text}`,
      [...culprits].sort().join(',') || 'combined',
    );
  }
}

/** Separates the versions of an edit sequence in one fuzz input (`incremental`). */
export const VERSION_SEPARATOR = '\n\u0000--- next version ---\u0000\n';

/**
 * `incremental`: each version analysed with the previous version's analysis gives exactly what a
 * full analysis gives: findings, suppressed findings, the plain value and the model.
 */
export function checkIncremental(text: string): void {
  const versions = text.split(VERSION_SEPARATOR);
  let previous = analyzer.analyze(versions[0]);
  for (let i = 1; i < versions.length; i++) {
    const incremental = analyzer.analyze(versions[i], previous);
    const full = analyzer.analyze(versions[i]);
    const view = (a: Analysis) => ({ findings: a.findings, suppressed: a.suppressed, value: a.parsed.value, plan: a.plan });
    try {
      assert.deepStrictEqual(view(incremental), view(full));
    } catch (err) {
      fail('incremental-differs', `version ${i} of ${versions.length - 1}: ${String((err as Error).message).slice(0, 2000)}`);
    }
    previous = incremental;
  }
}
