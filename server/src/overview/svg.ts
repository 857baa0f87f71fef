/**
 * The overview as an SVG document, from the model and its layout: one `<g>` per node (its
 * `data-node-id`, classes `node <kind> sev-<worst|none>`, focusable, a button with an
 * accessible label), the edges as paths, and a legend. Colours come only from classes (see
 * styles.ts): theme `standalone` embeds its stylesheet, theme `vscode` embeds none (the webview
 * loads `overviewCss('vscode')`, its CSP allowing no inline style). No script, no reference
 * outside the document; every text is XML-escaped, so the result is well-formed XML whatever
 * the record ids hold.
 */
import type { OverviewNode, OverviewNodeKind, PlanOverview } from '../ide/overview-model';
import { boxOf, CAP, PADDING_X, STACK } from './box';
import type { LaidOutEdge, OverviewLayout, Point } from './layout';
import { overviewCss, type OverviewTheme } from './styles';
import { accessibleLabel, countWords, escapeXml, KIND_WORDS, planWords, plural, severityOf, SEVERITY_WORDS } from './words';

export interface SvgOptions {
  readonly theme: OverviewTheme;
}

const ARROW = 'crmsync-overview-arrow';

const num = (n: number) => String(Math.round(n * 10) / 10);

/** The outline of a node of `kind` in a w × h box (the text goes over it). */
function shape(kind: OverviewNodeKind, w: number, h: number): string {
  switch (kind) {
    case 'organization':
      return `<rect class="node-box" width="${num(w)}" height="${num(h)}" rx="10"/><rect class="node-inner" x="3" y="3" width="${num(w - 6)}" height="${num(h - 6)}" rx="7"/>`;
    case 'mailSystem': {
      // A cylinder: the body with its rounded bottom, then the front lip of the top.
      const rx = num(w / 2);
      const body = `M0,${CAP} V${num(h - CAP)} A${rx},${CAP} 0 0 0 ${num(w)},${num(h - CAP)} V${CAP} A${rx},${CAP} 0 0 0 0,${CAP} Z`;
      return `<path class="node-box" d="${body}"/><path class="node-inner" d="M0,${CAP} A${rx},${CAP} 0 0 0 ${num(w)},${CAP}"/>`;
    }
    case 'profile':
      return `<rect class="node-box" width="${num(w)}" height="${num(h)}" rx="6"/>`;
    case 'mailboxGroup': {
      // A stack of cards: two behind, offset down and right.
      const cw = num(w - STACK);
      const ch = num(h - STACK);
      return (
        `<rect class="node-stack" x="${STACK}" y="${STACK}" width="${cw}" height="${ch}" rx="5"/>` +
        `<rect class="node-stack" x="${STACK / 2}" y="${STACK / 2}" width="${cw}" height="${ch}" rx="5"/>` +
        `<rect class="node-box" width="${cw}" height="${ch}" rx="5"/>`
      );
    }
  }
}

/** The tooltip: every detail (the box may clip them) and, for a group, its first mailboxes. */
function tooltip(node: OverviewNode): string {
  const lines = [`${KIND_WORDS[node.kind]} ${node.label}`, ...node.details];
  const counts = countWords(node);
  if (counts) lines.push(counts);
  if (node.kind === 'mailboxGroup' && node.sample.length > 0) {
    const more = node.count - node.sample.length;
    lines.push(`${node.sample.join(', ')}${more > 0 ? `, and ${plural(more, 'more', 'more')}` : ''}`);
  }
  return lines.join('\n');
}

function nodeSvg(node: OverviewNode, at: { x: number; y: number; width: number; height: number }): string {
  const box = boxOf(node);
  const sev = severityOf(node.findings);
  const text = box.lines.map((l) => `<text class="${l.role}" x="${PADDING_X}" y="${num(l.y)}">${escapeXml(l.text)}</text>`).join('');
  return (
    `<g class="node ${node.kind} sev-${sev}" data-node-id="${escapeXml(node.id)}" tabindex="0" role="button" ` +
    `aria-label="${escapeXml(accessibleLabel(node))}" transform="translate(${num(at.x)},${num(at.y)})">` +
    `<title>${escapeXml(tooltip(node))}</title>${shape(node.kind, at.width, at.height)}${text}</g>`
  );
}

/**
 * The path through a route's points: straight where two points are at the same height, else an
 * S-curve that leaves and arrives horizontally (the layout puts those bends in the gaps between
 * columns, so the curve stays clear of the boxes).
 */
function pathData(points: readonly Point[]): string {
  if (points.length === 0) return '';
  let d = `M${num(points[0].x)},${num(points[0].y)}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (Math.abs(a.y - b.y) < 0.5) d += ` H${num(b.x)}`;
    else {
      const mx = (a.x + b.x) / 2;
      d += ` C${num(mx)},${num(a.y)} ${num(mx)},${num(b.y)} ${num(b.x)},${num(b.y)}`;
    }
  }
  return d;
}

/**
 * An edge as drawn: mailboxes point at the profile they sync through, profiles at their mail
 * system, the organisation (dashed) at its profiles.
 */
function edgeSvg(e: LaidOutEdge): string {
  const points = e.kind === 'mailboxes' ? [...e.points].reverse() : e.points;
  const [from, to] = e.kind === 'mailboxes' ? [e.to, e.from] : [e.from, e.to];
  return `<path class="edge edge-${e.kind}" data-from="${escapeXml(from)}" data-to="${escapeXml(to)}" d="${pathData(points)}" marker-end="url(#${ARROW})"/>`;
}

const LEGEND_HEIGHT = 58;
const LEGEND_ADVANCE = 6.4;

/** The legend under the diagram: what the colours and the shapes mean. Returns its width too. */
function legendSvg(y: number): { svg: string; width: number } {
  const parts: string[] = [];
  let x = 0;
  const text = (words: string, rowY: number, cls?: string) => {
    parts.push(`<text${cls ? ` class="${cls}"` : ''} x="${num(x)}" y="${num(rowY)}">${escapeXml(words)}</text>`);
    x += words.length * LEGEND_ADVANCE + 16;
  };
  // Row 1: the severity colours.
  const row1 = y + 20;
  x = 12;
  text('Worst finding', row1, 'legend-heading');
  x = 112;
  for (const sev of ['error', 'warning', 'info', 'none'] as const) {
    parts.push(`<rect class="swatch sev-${sev}" x="${num(x)}" y="${num(row1 - 9)}" width="16" height="10" rx="2"/>`);
    x += 22;
    text(SEVERITY_WORDS[sev], row1);
  }
  const width = x;
  // Row 2: the node shapes.
  const row2 = y + 44;
  x = 12;
  text('Nodes', row2, 'legend-heading');
  x = 112;
  for (const kind of ['organization', 'mailboxGroup', 'profile', 'mailSystem'] as const) {
    const w = 26;
    const h = kind === 'mailSystem' ? 18 : kind === 'mailboxGroup' ? 16 : 14;
    parts.push(`<g class="node-sample ${kind}" transform="translate(${num(x)},${num(row2 - h + 4)})">${miniShape(kind, w, h)}</g>`);
    x += w + 8;
    text(KIND_WORDS[kind], row2);
  }
  return { svg: `<g class="legend" aria-hidden="true">${parts.join('')}</g>`, width: Math.max(width, x) };
}

/** The shapes at legend size (the mail system's cylinder needs a smaller cap). */
function miniShape(kind: OverviewNodeKind, w: number, h: number): string {
  if (kind !== 'mailSystem') return shape(kind, w, h).replace(/ rx="\d+"/g, ' rx="3"');
  const cap = 3;
  return `<path class="node-box" d="M0,${cap} V${h - cap} A${w / 2},${cap} 0 0 0 ${w},${h - cap} V${cap} A${w / 2},${cap} 0 0 0 0,${cap} Z"/><path class="node-inner" d="M0,${cap} A${w / 2},${cap} 0 0 0 ${w},${cap}"/>`;
}

export function renderSvg(o: PlanOverview, layout: OverviewLayout, opts: SvgOptions): string {
  const byId = new Map(o.nodes.map((n) => [n.id, n]));
  const legend = legendSvg(layout.height + 4);
  const width = Math.ceil(Math.max(layout.width, legend.width));
  const height = Math.ceil(layout.height + 4 + LEGEND_HEIGHT);
  const nodes = layout.nodes.flatMap((at) => {
    const node = byId.get(at.id);
    return node ? [nodeSvg(node, at)] : [];
  });
  // The stylesheet holds no `<` or `&`, so it is well-formed character data as it is.
  const style = opts.theme === 'standalone' ? `<style>${overviewCss('standalone')}</style>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="crmsync-overview theme-${opts.theme}" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="group" aria-labelledby="crmsync-overview-title">` +
    `<title id="crmsync-overview-title">${escapeXml(`Plan overview: ${planWords(o)}`)}</title>` +
    style +
    `<defs><marker id="${ARROW}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
    `<path class="arrowhead" d="M0,0 L10,5 L0,10 Z"/></marker></defs>` +
    `<rect class="diagram-bg" width="${width}" height="${height}"/>` +
    `<g class="edges">${layout.edges.map(edgeSvg).join('')}</g>` +
    `<g class="nodes">${nodes.join('')}</g>` +
    legend.svg +
    `</svg>\n`
  );
}
