/**
 * The overview as a stand-alone report page (`crmsync explain --format html`): the diagram,
 * the totals and the findings grouped by rule. Nothing is loaded from anywhere: no script, no
 * stylesheet or image but the page's own, and a Content-Security-Policy that forbids the rest
 * (a page saved from a CI run and opened later runs nothing). Written as well-formed XHTML-style
 * markup, every text escaped. The diagram's own stylesheet comes with the SVG (theme standalone).
 */
import { ruleDocsUrl } from '../analysis/docs-url';
import type { OverviewFinding, PlanOverview } from '../ide/overview-model';
import type { OverviewLayout } from './layout';
import { renderSvg } from './svg';
import { escapeXml, KIND_WORDS, planWords, plural, tallyWords } from './words';

export interface HtmlOptions {
  /** The page's title and heading, e.g. "Plan overview: contoso.crmsync.yaml". */
  readonly title: string;
  /** Where an offset of the plan is (0-based line), to show "line N" beside each finding. */
  readonly position?: (offset: number) => { readonly line: number };
}

/** Styles in the page itself only; images only as data: URIs (none today); nothing else. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const PAGE_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
  --error: #cf222e; --warning: #9a6700; --info: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d; --error: #ff7b72; --warning: #e3b341; --info: #79c0ff; }
}
body { margin: 0; padding: 24px; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
h3 { font-size: 14px; margin: 0; font-weight: 600; }
.summary { color: var(--muted); margin: 0 0 16px; }
.diagram { overflow: auto; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
.diagram svg { display: block; }
.rule { border: 1px solid var(--line); border-left-width: 4px; border-radius: 6px; padding: 8px 12px; margin: 8px 0; background: var(--panel); }
.rule.sev-error { border-left-color: var(--error); }
.rule.sev-warning { border-left-color: var(--warning); }
.rule.sev-info { border-left-color: var(--info); }
.severity { text-transform: uppercase; font-size: 11px; letter-spacing: 0.05em; margin-right: 6px; }
.sev-error .severity { color: var(--error); }
.sev-warning .severity { color: var(--warning); }
.sev-info .severity { color: var(--info); }
.count { color: var(--muted); font-weight: normal; margin-left: 6px; }
.rule ul { margin: 6px 0 0; padding-left: 20px; }
.rule li { margin: 2px 0; }
.where { font-weight: 600; }
.line { color: var(--muted); }
a { color: var(--info); }
.omitted, footer { color: var(--muted); }
footer { margin-top: 24px; font-size: 12px; }
`;

function findingItem(f: OverviewFinding, where: string, opts: HtmlOptions): string {
  const line = opts.position ? ` <span class="line">(line ${opts.position(f.span.start).line + 1})</span>` : '';
  return `<li><span class="where">${escapeXml(where)}</span>${line}: ${escapeXml(f.message)}</li>`;
}

function findingsSection(o: PlanOverview, opts: HtmlOptions): string {
  const where = new Map(o.nodes.map((n) => [n.id, n.kind === 'organization' ? KIND_WORDS.organization : `${KIND_WORDS[n.kind]} ${n.label}`]));
  const byRule = new Map<string, OverviewFinding[]>();
  for (const f of o.findings) {
    const key = `${f.ruleId}\n${f.severity}`;
    if (!byRule.has(key)) byRule.set(key, []);
    byRule.get(key)!.push(f);
  }
  const total = o.totals.error + o.totals.warning + o.totals.info;
  const parts = [`<h2 id="findings">Findings</h2>`];
  if (total === 0) {
    parts.push(`<p class="summary">No findings.</p>`);
    return parts.join('\n');
  }
  parts.push(`<p class="summary">${escapeXml(`${plural(total, 'finding')}: ${tallyWords(o.totals, ', ')}`)}, by rule.</p>`);
  for (const r of o.totals.rules) {
    const list = byRule.get(`${r.ruleId}\n${r.severity}`) ?? [];
    const items = list.map((f) => findingItem(f, where.get(f.nodeId) ?? KIND_WORDS.organization, opts)).join('\n');
    const unlisted = r.count - list.length;
    parts.push(
      `<section class="rule sev-${r.severity}" aria-label="${escapeXml(`${r.severity} ${r.ruleId}: ${plural(r.count, 'finding')}`)}">` +
        `<h3><span class="severity">${r.severity}</span><code>${escapeXml(r.ruleId)}</code><span class="count">× ${r.count}</span> ` +
        `<a class="docs" href="${escapeXml(ruleDocsUrl(r.ruleId))}" rel="noreferrer">docs</a></h3>` +
        (items ? `\n<ul>\n${items}\n</ul>` : '') +
        (unlisted > 0 ? `\n<p class="omitted">${escapeXml(`${plural(unlisted, 'more finding')} of this rule not listed.`)}</p>` : '') +
        `</section>`,
    );
  }
  if (o.findingsOmitted > 0) parts.push(`<p class="omitted">${escapeXml(`Only the first ${o.findings.length} findings are listed one by one; ${o.findingsOmitted} more are counted above.`)}</p>`);
  return parts.join('\n');
}

export function renderHtml(o: PlanOverview, layout: OverviewLayout, opts: HtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8"/>
<meta http-equiv="Content-Security-Policy" content="${CSP}"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="color-scheme" content="light dark"/>
<meta name="generator" content="crmsync explain"/>
<title>${escapeXml(opts.title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header>
<h1>${escapeXml(opts.title)}</h1>
<p class="summary">${escapeXml(planWords(o))}</p>
</header>
<main>
<section class="diagram" aria-label="Diagram">
${renderSvg(o, layout, { theme: 'standalone' }).trimEnd()}
</section>
${findingsSection(o, opts)}
</main>
<footer>Generated by crmsync explain. Mailboxes are grouped by server profile, kind and synchronization methods; passwords and secret references are never shown.</footer>
</body>
</html>
`;
}
