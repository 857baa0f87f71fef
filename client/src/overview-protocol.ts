/**
 * What the plan overview's three parties say to each other, as plain data (no vscode import, so
 * it is unit-tested: test/client/overview-protocol.test.ts):
 *
 *   server ──crmsync/planOverview──▶ extension ──`show`──▶ webview (client/media/overview.js)
 *   webview ──`ready` | `reveal` | `rendered`──▶ extension
 *
 * The client knows no plan semantics: it passes on what the server computed (the diagram as
 * SVG, the findings with their rule ids, severities and messages) and reveals the ranges the
 * server gave. The webview is not trusted: every message from it is checked here, and a
 * `reveal` goes only to a range of the overview it was shown.
 */

/** The overview format this client can show (the server's `formatVersion`, ide/overview-model.ts). */
const OVERVIEW_FORMAT = 1;

export interface LspPosition {
  readonly line: number;
  readonly character: number;
}
export interface LspRange {
  readonly start: LspPosition;
  readonly end: LspPosition;
}

export type Severity = 'error' | 'warning' | 'info';

export interface RuleTally {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly count: number;
}

export interface Tally {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly rules: readonly RuleTally[];
}

/** The part of the server's answer (server/src/lsp/overview.ts `PlanOverviewResult`) the client uses. */
export interface OverviewAnswer {
  readonly version: number;
  readonly stale: boolean;
  readonly svg?: string;
  readonly overview: {
    readonly formatVersion: number;
    readonly nodes: readonly { readonly id: string; readonly label: string; readonly range: LspRange }[];
    readonly totals: Tally;
    readonly findings: readonly { readonly ruleId: string; readonly severity: Severity; readonly message: string; readonly nodeId: string; readonly range: LspRange }[];
    readonly findingsOmitted: number;
  };
}

/** One finding as the side list shows it; `range` goes back in a `reveal`. */
export interface ShownFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** The label of the node it belongs to (the side list names it under the message). */
  readonly where: string;
  readonly range: LspRange;
}

/** extension → webview: what to draw. */
export type ShowMessage =
  | {
      readonly type: 'show';
      readonly version: number;
      readonly stale: boolean;
      readonly svg: string;
      readonly totals: Tally;
      readonly findings: readonly ShownFinding[];
      readonly findingsOmitted: number;
    }
  | {
      readonly type: 'show';
      readonly version: number;
      /** Nothing to draw, in words (no plan yet, the server not running, a newer format). */
      readonly empty: string;
    };

/** What the webview reports after each render, read from its DOM (the e2e suite checks it). */
export interface RenderedReport {
  readonly type: 'rendered';
  readonly version: number;
  /** `data-node-id` of every node element of the diagram, in document order. */
  readonly nodes: readonly string[];
  /** Their `aria-label`s. */
  readonly labels: readonly string[];
  /** Their visible text (the lines of each box, joined by " | "). */
  readonly texts: readonly string[];
  /** The rows of the findings list: rule id, severity and the count shown. */
  readonly rules: readonly RuleTally[];
  /** The totals line as shown. */
  readonly totals: string;
  /** The stale banner is visible. */
  readonly stale: boolean;
  /** The empty-state text, when there was nothing to draw. */
  readonly empty?: string;
}

/** webview → extension. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly nodeId: string }
  | { readonly type: 'reveal'; readonly range: LspRange }
  | RenderedReport
  /** Only while the e2e suite runs: where the focus went after a `test:key`. */
  | { readonly type: 'test:focus'; readonly nodeId: string | null };

/** Limits on what the webview may send: ids and labels are short, lists are bounded. */
const MAX_STRING = 4000;
const MAX_LIST = 20000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_STRING;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isSeverity = (v: unknown): v is Severity => v === 'error' || v === 'warning' || v === 'info';
const stringList = (v: unknown): readonly string[] | undefined => (Array.isArray(v) && v.length <= MAX_LIST && v.every(isString) ? v : undefined);

function positionOf(v: unknown): LspPosition | undefined {
  return isRecord(v) && isCount(v.line) && isCount(v.character) ? { line: v.line, character: v.character } : undefined;
}

function rangeOf(v: unknown): LspRange | undefined {
  if (!isRecord(v)) return undefined;
  const start = positionOf(v.start);
  const end = positionOf(v.end);
  return start && end ? { start, end } : undefined;
}

function ruleList(v: unknown): readonly RuleTally[] | undefined {
  if (!Array.isArray(v) || v.length > MAX_LIST) return undefined;
  const out: RuleTally[] = [];
  for (const r of v) {
    if (!isRecord(r) || !isString(r.ruleId) || !isSeverity(r.severity) || !isCount(r.count)) return undefined;
    out.push({ ruleId: r.ruleId, severity: r.severity, count: r.count });
  }
  return out;
}

/**
 * A message from the webview, checked field by field and rebuilt (nothing but the known fields
 * is passed on); undefined when it is not one of ours.
 */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal': {
      if (isString(raw.nodeId)) return { type: 'reveal', nodeId: raw.nodeId };
      const range = rangeOf(raw.range);
      return range ? { type: 'reveal', range } : undefined;
    }
    case 'rendered': {
      const nodes = stringList(raw.nodes);
      const labels = stringList(raw.labels);
      const texts = stringList(raw.texts);
      const rules = ruleList(raw.rules);
      if (!isCount(raw.version) || !nodes || !labels || !texts || !rules || !isString(raw.totals) || typeof raw.stale !== 'boolean') return undefined;
      if (raw.empty !== undefined && !isString(raw.empty)) return undefined;
      return { type: 'rendered', version: raw.version, nodes, labels, texts, rules, totals: raw.totals, stale: raw.stale, ...(raw.empty !== undefined ? { empty: raw.empty as string } : {}) };
    }
    case 'test:focus':
      return raw.nodeId === null || isString(raw.nodeId) ? { type: 'test:focus', nodeId: raw.nodeId } : undefined;
    default:
      return undefined;
  }
}

/** The server's answer is one this client can draw: the shape it relies on, in the format it knows. */
export function isDrawable(a: unknown): a is OverviewAnswer & { readonly svg: string } {
  if (!isRecord(a) || !isCount(a.version) || typeof a.stale !== 'boolean' || typeof a.svg !== 'string' || !isRecord(a.overview)) return false;
  const o = a.overview;
  return o.formatVersion === OVERVIEW_FORMAT && Array.isArray(o.nodes) && Array.isArray(o.findings) && isRecord(o.totals) && isCount(o.findingsOmitted);
}

/** The `show` message for an answer: the diagram, the totals and the findings with the label of their node. */
export function showMessageOf(a: OverviewAnswer & { readonly svg: string }): ShowMessage {
  const labels = new Map(a.overview.nodes.map((n) => [n.id, n.label]));
  const t = a.overview.totals;
  return {
    type: 'show',
    version: a.version,
    stale: a.stale,
    svg: a.svg,
    totals: { error: t.error, warning: t.warning, info: t.info, rules: t.rules },
    findings: a.overview.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, where: labels.get(f.nodeId) ?? '', range: f.range })),
    findingsOmitted: a.overview.findingsOmitted,
  };
}

/** Why there is nothing to draw, for the empty state. */
export function emptyMessageOf(version: number, a: unknown): ShowMessage {
  if (a === null || a === undefined) return { type: 'show', version, empty: 'Nothing to draw yet: this document is not a plan (a YAML mapping with organization, serverProfiles and mailboxes).' };
  if (isRecord(a) && isRecord(a.overview) && a.overview.formatVersion !== OVERVIEW_FORMAT) {
    return { type: 'show', version, empty: 'The language server sent an overview in a format this version of the extension cannot show: reload the window after updating the extension.' };
  }
  return { type: 'show', version, empty: 'The language server sent no diagram.' };
}

const sameRange = (a: LspRange, b: LspRange) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/**
 * Where a `reveal` goes: the range of the node it names, or the range it carries if that is the
 * range of a node or a finding of the overview shown. Anything else (an id or a range the
 * webview made up) goes nowhere.
 */
export function revealTarget(a: OverviewAnswer | undefined, m: WebviewMessage): LspRange | undefined {
  if (!a || m.type !== 'reveal') return undefined;
  const o = a.overview;
  if ('nodeId' in m) return o.nodes.find((n) => n.id === m.nodeId)?.range;
  const known = [...o.nodes, ...o.findings].find((x) => sameRange(x.range, m.range));
  return known?.range;
}

