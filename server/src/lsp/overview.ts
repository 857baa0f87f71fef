/**
 * `crmsync/planOverview`: the picture of a plan (ide/overview-model.ts) for the client's
 * overview webview, from the cached analysis. The model is computed by `planOverview`; this file
 * only picks which analysis it is computed from (the current one, or while the plan has a YAML
 * syntax error the last one without, marked stale) and turns its spans into LSP ranges; with
 * `render: 'svg'` it adds the diagram the webview shows (drawn by overview/, so the client draws
 * nothing itself).
 */
import type { Connection, Range } from 'vscode-languageserver';
import type { Analysis, LineIndex, Span } from '../analysis';
import { planOverview } from '../ide';
import { layoutOverview, renderSvg } from '../overview';
import type { OverviewFinding, OverviewNode, PlanOverview } from '../ide/overview-model';
import { spanToRange } from './convert';

/** `{ textDocument: { uri }, render? }` → `PlanOverviewResult | null`. */
const PLAN_OVERVIEW_REQUEST = 'crmsync/planOverview';

interface PlanOverviewParams {
  readonly textDocument?: { readonly uri?: unknown };
  /** `'svg'`: add the diagram, drawn for the VS Code webview (theme `vscode`), as `svg`. */
  readonly render?: unknown;
}

/** A part of the model with its `span` replaced by an LSP `range`. */
export type Ranged<T> = T extends { readonly span: Span } ? Omit<T, 'span'> & { readonly range: Range } : never;

/** The overview as the client gets it: every span an LSP range. */
export interface LspPlanOverview extends Omit<PlanOverview, 'nodes' | 'findings'> {
  readonly nodes: readonly Ranged<OverviewNode>[];
  readonly findings: readonly Ranged<OverviewFinding>[];
}

export interface PlanOverviewResult {
  /** The document version the request was answered for (its current version); clients drop answers older than their document. */
  readonly version: number;
  /** True when that version has a YAML syntax error: the overview is the last picture of a version without one. */
  readonly stale: boolean;
  /**
   * The version the overview was computed from: `version` unless stale. The ranges of a stale
   * overview are positions in that earlier version's text, not in the current one.
   */
  readonly overviewVersion: number;
  readonly overview: LspPlanOverview;
  /** With `render: 'svg'`: the diagram of `overview` (overview/svg.ts, theme `vscode`: colours by class, no stylesheet). */
  readonly svg?: string;
}

/** One version's analysis, as the cache keeps it. */
export interface VersionedAnalysis {
  readonly version: number;
  readonly analysis: Analysis;
}

/** What an answer is made of, before conversion: the model (spans) and the lines its spans are offsets in. */
export interface OverviewPicture {
  readonly version: number;
  readonly stale: boolean;
  readonly overviewVersion: number;
  readonly overview: PlanOverview;
  readonly lines: LineIndex;
}

/** The model of each analysis, computed once (an analysis is an immutable value). */
const models = new WeakMap<Analysis, PlanOverview | null>();
/** The webview's diagram of each model, drawn once (a stale picture is asked for on every keystroke). */
const diagrams = new WeakMap<PlanOverview, string>();

function diagramOf(overview: PlanOverview): string {
  let svg = diagrams.get(overview);
  if (svg === undefined) diagrams.set(overview, (svg = renderSvg(overview, layoutOverview(overview), { theme: 'vscode' })));
  return svg;
}

function modelOf(analysis: Analysis): PlanOverview | undefined {
  let m = models.get(analysis);
  if (m === undefined) models.set(analysis, (m = planOverview(analysis) ?? null));
  return m ?? undefined;
}

/**
 * The picture to show for the current version: its own, or — when it has a YAML syntax error
 * and so no trustworthy tree — that of the last version without one, marked stale. Undefined
 * when there is none (not a plan mapping, or no readable version yet).
 */
function pictureOf(current: VersionedAnalysis, lastGood: VersionedAnalysis | undefined): OverviewPicture | undefined {
  const stale = current.analysis.parsed.hasSyntaxError;
  const source = stale ? lastGood : current;
  const overview = source && modelOf(source.analysis);
  if (!source || !overview) return undefined;
  return { version: current.version, stale, overviewVersion: source.version, overview, lines: source.analysis.lines };
}

function ranged<T extends { readonly span: Span }>(item: T, lines: LineIndex): Omit<T, 'span'> & { readonly range: Range } {
  const { span, ...rest } = item;
  return { ...rest, range: spanToRange(lines, span) };
}

function overviewToLsp(p: OverviewPicture): PlanOverviewResult {
  const { overview: o, lines } = p;
  const overview: LspPlanOverview = {
    ...o,
    nodes: o.nodes.map((n) => ranged(n, lines) as Ranged<OverviewNode>),
    findings: o.findings.map((f) => ranged(f, lines)),
  };
  return { version: p.version, stale: p.stale, overviewVersion: p.overviewVersion, overview };
}

/** What the handler needs of the server: its request runner, the open documents and the cache's last good analyses. */
export interface OverviewHost {
  /** Runs `f` on the current analysis of `uri` (server.ts `answer`: logs a failure and answers `empty`). */
  answer<T>(name: string, uri: string, empty: T, f: (analysis: Analysis) => T): Promise<T>;
  document(uri: string): { readonly version: number; getText(): string } | undefined;
  lastGood(uri: string): VersionedAnalysis | undefined;
}

export function registerOverview(connection: Connection, host: OverviewHost): void {
  connection.onRequest(PLAN_OVERVIEW_REQUEST, (p: PlanOverviewParams) => {
    const uri = p?.textDocument?.uri;
    if (typeof uri !== 'string') return null;
    return host.answer<PlanOverviewResult | null>('planOverview', uri, null, (analysis) => {
      const doc = host.document(uri);
      // The current analysis is of the document's current version (answer runs right after it is made).
      if (!doc || doc.getText() !== analysis.text) return null;
      const picture = pictureOf({ version: doc.version, analysis }, host.lastGood(uri));
      if (!picture) return null;
      const result = overviewToLsp(picture);
      return p.render === 'svg' ? { ...result, svg: diagramOf(picture.overview) } : result;
    });
  });
}
