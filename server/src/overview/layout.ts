/**
 * Where the overview's boxes go: a layered layout by dagre (`@dagrejs/dagre`; no hand-written
 * graph layout). The picture reads left to right as mail flows:
 *
 *   organisation │ mailbox groups │ server profiles │ mail systems
 *
 * so each group of mailboxes sits just before the profile it syncs through, and each profile
 * before the mail system it connects to. To get those columns, dagre is given each
 * `profile → group` edge the other way round (group → profile) and the organisation's edges to
 * profiles a length of two ranks. A node with no edge (a mail system no profile names) is tied
 * to the organisation by an invisible edge so it still lands in its column.
 *
 * Edges leave a box on its right side and enter the next on its left (ports spread along the
 * side), run straight through a column in the slot dagre kept for them, and bend only in the
 * gaps between columns: so an edge never crosses a box. Every edge of the result runs from its
 * model `from` to its model `to` (a turned edge's points are turned back).
 *
 * Deterministic: nodes and edges are given to dagre in the model's (stable) order, and dagre has
 * no randomness, so the same model gives the same layout. Tens of nodes for any number of
 * mailboxes (the model groups them).
 */
import type { OverviewEdge, OverviewNodeKind, PlanOverview } from '../ide/overview-model';
import { boxOf } from './box';

/**
 * The part of dagre used here. dagre is an ES module package with a CommonJS build: it is
 * required, so that tsc's CommonJS output (the tests) and esbuild's bundles both load the
 * CommonJS build; its own type declarations do not resolve under `node16` module resolution
 * (extensionless relative imports), hence this small typed view of it.
 */
interface DagreGraph {
  setGraph(label: Record<string, unknown>): void;
  graph(): { width?: number; height?: number };
  setDefaultEdgeLabel(f: () => object): void;
  setNode(id: string, label: { width: number; height: number }): void;
  node(id: string): { x: number; y: number; width: number; height: number };
  setEdge(v: string, w: string, label: { minlen: number; weight: number }): void;
  edge(v: string, w: string): { points?: Point[] };
}
interface Dagre {
  Graph: new (opts: { multigraph: boolean; compound: boolean }) => DagreGraph;
  layout(g: DagreGraph): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dagre = require('@dagrejs/dagre') as Dagre;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LaidOutNode {
  readonly id: string;
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LaidOutEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: OverviewEdge['kind'];
  /**
   * From the border of `from` to the border of `to`. Consecutive points at the same height are
   * a straight run; between two at different heights the edge bends (the SVG draws an S-curve
   * leaving and arriving horizontally), always in a gap between columns.
   */
  readonly points: readonly Point[];
}

export interface OverviewLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly LaidOutNode[];
  readonly edges: readonly LaidOutEdge[];
}

/** The column of each kind when the plan has mailbox groups (without any, profiles move to 1). */
const COLUMN: Record<OverviewNodeKind, number> = { organization: 0, mailboxGroup: 1, profile: 2, mailSystem: 3 };

const MARGIN = 16;
/** Ports keep this far from a box's corners. */
const PORT_INSET = 10;

/** Keeps a coordinate short in the SVG and stable across platforms. */
const round = (n: number) => Math.round(n * 10) / 10;

interface Column {
  readonly center: number;
  left: number;
  right: number;
}

export function layoutOverview(o: PlanOverview): OverviewLayout {
  const g = new dagre.Graph({ multigraph: false, compound: false });
  g.setGraph({ rankdir: 'LR', nodesep: 22, ranksep: 72, edgesep: 14, marginx: MARGIN, marginy: MARGIN, ranker: 'network-simplex' });
  g.setDefaultEdgeLabel(() => ({}));

  const kinds = new Map<string, OverviewNodeKind>();
  for (const n of o.nodes) {
    if (kinds.has(n.id)) continue;
    kinds.set(n.id, n.kind);
    const box = boxOf(n);
    g.setNode(n.id, { width: box.width, height: box.height });
  }
  const hasGroups = o.nodes.some((n) => n.kind === 'mailboxGroup');
  const column = (kind: OverviewNodeKind) => (!hasGroups && kind !== 'organization' ? COLUMN[kind] - 1 : COLUMN[kind]);

  /** The model's edges as laid out: dagre's `v → w` runs left to right. */
  const drawn: { edge: OverviewEdge; v: string; w: string }[] = [];
  const linked = new Set<string>();
  const seen = new Set<string>();
  for (const e of o.edges) {
    const from = kinds.get(e.from);
    const to = kinds.get(e.to);
    if (!from || !to || e.from === e.to) continue;
    // One drawn edge per pair of nodes, whichever way the model gives it.
    const key = e.from < e.to ? `${e.from}\n${e.to}` : `${e.to}\n${e.from}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [v, w] = column(from) > column(to) ? [e.to, e.from] : [e.from, e.to];
    const span = Math.abs(column(to) - column(from));
    g.setEdge(v, w, { minlen: Math.max(1, span), weight: e.kind === 'mailboxes' ? 3 : e.kind === 'mailSystem' ? 2 : 1 });
    drawn.push({ edge: e, v, w });
    linked.add(e.from).add(e.to);
  }
  const org = o.nodes.find((n) => n.kind === 'organization');
  for (const n of o.nodes) {
    if (!org || n === org || linked.has(n.id) || column(n.kind) === 0) continue;
    g.setEdge(org.id, n.id, { minlen: column(n.kind), weight: 0 });
  }

  dagre.layout(g);

  const nodes = new Map<string, LaidOutNode>();
  for (const id of kinds.keys()) {
    const n = g.node(id);
    nodes.set(id, { id, x: round(n.x - n.width / 2), y: round(n.y - n.height / 2), width: n.width, height: n.height });
  }

  // The columns: nodes of one rank share their centre (dagre centres each rank).
  const columns: Column[] = [];
  const columnAt = (center: number) => columns.find((c) => Math.abs(c.center - center) < 0.5);
  for (const n of nodes.values()) {
    const center = n.x + n.width / 2;
    const c = columnAt(center);
    if (c) {
      c.left = Math.min(c.left, n.x);
      c.right = Math.max(c.right, n.x + n.width);
    } else columns.push({ center, left: n.x, right: n.x + n.width });
  }

  // Each edge: the heights at which it crosses the columns between its ends (dagre's points at
  // a column's centre: the slot kept for it there; its other points are in gaps and dropped).
  const routes = drawn.map(({ edge, v, w }) => {
    const through = (g.edge(v, w).points ?? []).slice(1, -1).filter((p) => columnAt(p.x) !== undefined);
    return { edge, v, w, through: through.map((p) => ({ column: columnAt(p.x)!, y: p.y })) };
  });

  // Ports: the edges on one side of a box are spread along it, in the order of the heights
  // they come from, so that they do not cross at the box.
  const ports = new Map<string, number>();
  const sides = new Map<string, { route: number; toward: number }[]>();
  const centerY = (id: string) => nodes.get(id)!.y + nodes.get(id)!.height / 2;
  routes.forEach((r, i) => {
    const out = `${r.v}\nright`;
    const into = `${r.w}\nleft`;
    const first = r.through[0]?.y ?? centerY(r.w);
    const last = r.through[r.through.length - 1]?.y ?? centerY(r.v);
    if (!sides.has(out)) sides.set(out, []);
    if (!sides.has(into)) sides.set(into, []);
    sides.get(out)!.push({ route: i, toward: first });
    sides.get(into)!.push({ route: i, toward: last });
  });
  for (const [side, list] of sides) {
    const [id] = side.split('\n');
    const n = nodes.get(id)!;
    list.sort((a, b) => a.toward - b.toward || a.route - b.route);
    const usable = Math.max(0, n.height - 2 * PORT_INSET);
    list.forEach((p, k) => ports.set(`${side}\n${p.route}`, round(n.y + PORT_INSET + (usable * (k + 1)) / (list.length + 1))));
  }

  const edges: LaidOutEdge[] = routes.map((r, i) => {
    const src = nodes.get(r.v)!;
    const dst = nodes.get(r.w)!;
    const ys = ports.get(`${r.v}\nright\n${i}`)!;
    const yt = ports.get(`${r.w}\nleft\n${i}`)!;
    const points: Point[] = [{ x: src.x + src.width, y: ys }];
    const srcColumn = columnAt(src.x + src.width / 2)!;
    if (srcColumn.right > src.x + src.width) points.push({ x: srcColumn.right, y: ys });
    for (const t of r.through) points.push({ x: t.column.left, y: t.y }, { x: t.column.right, y: t.y });
    const dstColumn = columnAt(dst.x + dst.width / 2)!;
    if (dstColumn.left < dst.x) points.push({ x: dstColumn.left, y: yt });
    points.push({ x: dst.x, y: yt });
    const rounded = points.map((p) => ({ x: round(p.x), y: round(p.y) }));
    return { from: r.edge.from, to: r.edge.to, kind: r.edge.kind, points: r.v === r.edge.from ? rounded : rounded.reverse() };
  });
  const graph = g.graph();
  // dagre gives an empty graph an infinite extent.
  const size = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? Math.ceil(n) : 2 * MARGIN);
  return { width: size(graph.width), height: size(graph.height), nodes: [...nodes.values()], edges };
}
