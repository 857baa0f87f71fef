/**
 * The four drawings of the overview (server/src/overview) on a hand-made model with every kind
 * of node and labels full of characters to escape: SVG (valid XML, one focusable node per model
 * node with its classes and words, themes), HTML (stand-alone, strict CSP, findings by rule),
 * Mermaid (the strict grammar check) and text (the tree).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import * as fs from 'node:fs';
import { createAnalyzer } from '../../server/src/analysis';
import { planOverview } from '../../server/src/ide';
import { layoutOverview, overviewCss, renderHtml, renderMermaid, renderSvg, renderText } from '../../server/src/overview';
import { filesUnder, repoPath } from '../harness/paths';
import { checkMermaid } from './mermaid-grammar';
import { sampleOverview } from './sample';
import { svgNodes } from './svg-nodes';

const o = sampleOverview();
const layout = layoutOverview(o);

test('svg: well-formed XML with one focusable button per model node', () => {
  for (const theme of ['standalone', 'vscode'] as const) {
    const svg = renderSvg(o, layout, { theme });
    assert.equal(XMLValidator.validate(svg), true, `${theme}: valid XML`);
    const nodes = svgNodes(svg);
    assert.deepEqual(
      nodes.map((n) => n['data-node-id']),
      o.nodes.map((n) => n.id),
    );
    for (const n of nodes) {
      assert.equal(n.tabindex, '0');
      assert.equal(n.role, 'button');
      const model = o.nodes.find((m) => m.id === n['data-node-id'])!;
      assert.equal(n.class, `node ${model.kind} sev-${model.findings.worst ?? 'none'}`);
    }
  }
});

test('svg: nodes say their counts and findings, in the box and in the accessible label', () => {
  const svg = renderSvg(o, layout, { theme: 'standalone' });
  const byId = new Map(svgNodes(svg).map((n) => [n['data-node-id'], n]));
  const profile = byId.get('profile:exo-default')!;
  assert.match(profile['aria-label'], /^Server profile exo-default \(default\): Exchange Online; in: S2S · out: S2S; Autodiscover\./);
  assert.match(profile['aria-label'], /10 mailboxes \(9 through the default\)\. 2 errors, 1 warning: bad-auth times 2, weak-thing\./);
  assert.match(byId.get('mailSystem:exo')!['aria-label'], /2 profiles, 12 mailboxes\. No findings\./);
  assert.match(svg, />10 mailboxes \(9 through the default\)</);
  assert.match(svg, />2 errors · 1 warning</);
  assert.match(svg, />8 mailboxes</);
  // The tooltip of a group names its first mailboxes.
  assert.match(svg, /alice, ben, and 6 more/);
});

test('svg: every text is escaped; what the user wrote comes back unchanged from the XML', () => {
  const svg = renderSvg(o, layout, { theme: 'standalone' });
  assert.ok(!svg.includes('<sales>') && !svg.includes('<b>'), 'no markup from labels');
  assert.ok(svg.includes('aria-label="Organization contoso &lt;sales&gt; &amp; &quot;co&quot;:'), 'escaped in the attribute');
  assert.ok(svg.includes('<text class="title" x="14" y="'), 'titles are text elements');
  assert.match(svg, />contoso &lt;sales&gt; &amp; &quot;co&quot;<\/text>/, 'escaped in the text');
  const org = svgNodes(svg).find((n) => n['data-node-id'] === 'organization')!;
  assert.match(org['aria-label'], /^Organization contoso <sales> & "co": CRM Online; version 9\.2/, 'read back as written');
  // Characters XML cannot carry (a control character in a record id) are replaced.
  const odd = sampleOverview();
  const nodes = odd.nodes.map((n) => (n.kind === 'profile' ? { ...n, label: `bad\u0001id\uD800` } : n));
  assert.equal(XMLValidator.validate(renderSvg({ ...odd, nodes }, layoutOverview({ ...odd, nodes }), { theme: 'standalone' })), true);
});

test('svg: no script, no reference outside the document', () => {
  for (const theme of ['standalone', 'vscode'] as const) {
    const svg = renderSvg(o, layout, { theme });
    assert.doesNotMatch(svg, /<script|\bon[a-z]+=|javascript:|href=|<image|<foreignObject|@import/i);
    const urls = svg.match(/url\([^)]*\)/g) ?? [];
    assert.ok(urls.length > 0 && urls.every((u) => u.startsWith('url(#')), `only same-document url(#…): ${urls}`);
    assert.deepEqual(svg.match(/https?:\/\/[^"\s]*/g), ['http://www.w3.org/2000/svg'], 'the namespace is the only URI');
  }
});

test("svg themes: 'standalone' embeds light and dark colours, 'vscode' has no colour at all", () => {
  const standalone = renderSvg(o, layout, { theme: 'standalone' });
  assert.match(standalone, /<style>[^<]*@media \(prefers-color-scheme: dark\)[^<]*<\/style>/);
  const vscode = renderSvg(o, layout, { theme: 'vscode' });
  assert.doesNotMatch(vscode, /<style|style=|fill="|stroke="|#[0-9a-f]{3,6}\b|rgb\(/i, 'no inline colour, no stylesheet (the webview CSP allows none)');
  const css = overviewCss('vscode');
  assert.doesNotMatch(css, /#[0-9a-f]{3,6}\b|rgb\(|hsl\(/i, 'the webview sheet uses theme variables only');
  for (const v of ['--vscode-editor-background', '--vscode-editor-foreground', '--vscode-errorForeground', '--vscode-editorWarning-foreground', '--vscode-editorInfo-foreground', '--vscode-focusBorder', '--vscode-contrastBorder']) {
    assert.ok(css.includes(`var(${v}`), `uses ${v}`);
  }
  assert.match(css, /body\.vscode-high-contrast/);
  // Every class the SVG uses for colour has a rule in both sheets.
  for (const cls of ['sev-error', 'sev-warning', 'sev-info', 'node-box', 'edge', 'arrowhead', 'legend', 'caption', 'findings']) {
    assert.ok(vscode.includes(cls), `the SVG uses ${cls}`);
    assert.ok(css.includes(`.${cls}`) && overviewCss('standalone').includes(`.${cls}`), `both sheets style .${cls}`);
  }
});

test('svg: the legend explains the severity colours and the node shapes', () => {
  const svg = renderSvg(o, layout, { theme: 'standalone' });
  for (const word of ['Worst finding', 'Error', 'Warning', 'Info', 'No findings', 'Organization', 'Mailbox group', 'Server profile', 'Mail system']) {
    assert.match(svg, new RegExp(`<g class="legend"[^]*>${word}</text>`), word);
  }
});

test('html: a stand-alone page with the diagram, the totals and the findings by rule', () => {
  const html = renderHtml(o, layout, { title: 'Plan overview: <sample> & co', position: (offset) => ({ line: offset }) });
  assert.equal(XMLValidator.validate(html), true, 'well-formed');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;[^"]*"\/>/);
  assert.doesNotMatch(html, /<script|<link|<img|<iframe|src=|@import|\bon[a-z]+=/i);
  assert.match(html, /<title>Plan overview: &lt;sample&gt; &amp; co<\/title>/);
  assert.equal(svgNodes(html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6)).length, o.nodes.length);
  assert.match(html, /2 mail systems · 3 server profiles · 13 mailboxes · 4 errors · 2 warnings · 1 info/);
  // Rules in the model's order (errors first), each with its count and its messages.
  const rules = [...html.matchAll(/<code>([^<]+)<\/code><span class="count">× (\d+)<\/span>/g)].map((m) => `${m[1]}×${m[2]}`);
  assert.deepEqual(rules, ['bad-auth×2', 'queue-rule×1', 'unknown-reference×1', 'unused-profile×1', 'weak-thing×1', 'org-rule×1']);
  assert.match(html, /<li><span class="where">Server profile exo-default<\/span> <span class="line">\(line 32\)<\/span>: Profile exo-default cannot use this\.<\/li>/);
  assert.match(html, /<span class="where">Mailbox group queues<\/span>/);
  assert.match(html, /An info about the &lt;organization&gt; &amp; &quot;more&quot;/);
});

test('html: findings over the model limit are counted, and said to be', () => {
  const limited = { ...o, findings: o.findings.filter((f) => f.ruleId !== 'bad-auth'), findingsOmitted: 2 };
  const html = renderHtml(limited, layout, { title: 'x' });
  assert.match(html, /2 more findings of this rule not listed\./);
  assert.match(html, /2 more are counted above\./);
});

test('mermaid: passes the strict grammar check, one node per model node, labels round-trip', () => {
  const chart = checkMermaid(renderMermaid(o));
  assert.equal(chart.nodes.size, o.nodes.length);
  assert.equal(chart.edges.length, o.edges.length);
  const labels = [...chart.nodes.values()].map((n) => n.lines[1]);
  assert.deepEqual(
    labels,
    o.nodes.map((n) => n.label),
    'titles decode to the model labels (quotes, <, &, # and backticks included)',
  );
  assert.deepEqual([...chart.nodes.values()].map((n) => n.shape), ['subroutine', 'cylinder', 'cylinder', 'rect', 'rect', 'rect', 'round', 'round', 'round', 'round']);
  // Classes by worst finding.
  const cls = (label: string) => chart.classOf.get([...chart.nodes].find(([, n]) => n.lines[1] === label)![0]);
  assert.equal(cls('exo-default'), 'sevError');
  assert.equal(cls('unused'), 'sevWarning');
  assert.equal(cls('exo'), 'sevNone');
  assert.ok([...chart.nodes.values()].some((n) => n.lines.includes('10 mailboxes (9 through the default)')));
  // Groups point at their profile; the orphan group hangs off the organisation.
  assert.ok(chart.edges.some((e) => e.link === '-->' && e.to === 'pr1' && e.from.startsWith('mb')));
  assert.ok(chart.edges.some((e) => e.link === '---' && e.from === 'org'));
});

test('mermaid grammar check: rejects what Mermaid would reject or misread', () => {
  const bad = [
    'graph TD\n  a["x"]\n',
    'flowchart LR\n  a["say "hi""]\n',
    'flowchart LR\n  end["x"]\n',
    'flowchart LR\n  a["x"]\n  a --> b\n',
    'flowchart LR\n  a["<b>x</b>"]\n',
    'flowchart LR\n  a["C# #foo;"]\n',
    'flowchart LR\n  a["x"]\n  class a nope\n',
    'flowchart LR\n  a["x"\n',
  ];
  for (const text of bad) assert.throws(() => checkMermaid(text), Error, JSON.stringify(text));
});

test('text: the tree names the organisation, each mail system, each profile with its groups, and the totals', () => {
  const text = renderText(o);
  const lines = text.split('\n');
  assert.equal(lines[0], 'Organization contoso <sales> & "co" — CRM Online · version 9.2 · Server-Side Synchronization');
  assert.ok(lines.includes('│  ℹ 1 info: org-rule'));
  assert.ok(lines.includes('│  ├─ exo-default (default) — Exchange Online · in: S2S · out: S2S · Autodiscover · 10 mailboxes (9 through the default) · → exo'));
  assert.ok(lines.includes('│  │  │  ✖ 2 errors, 1 warning: bad-auth ×2, weak-thing'));
  assert.ok(lines.includes('│  │  └─ queues: 2 mailboxes — in: Server-Side Sync · out: Server-Side Sync · ACT: none'));
  assert.ok(lines.includes('│  └─ unused (inactive) — POP3/SMTP · no mailbox'));
  assert.ok(lines.includes('└─ Mailboxes without a known server profile'));
  assert.ok(lines.includes('Totals: 2 mail systems · 3 server profiles · 13 mailboxes · 4 errors · 2 warnings · 1 info'));
  assert.ok(lines.includes('Rules: bad-auth ×2, queue-rule, unknown-reference, unused-profile, weak-thing, org-rule'));
});

test('text: a record id cannot send escape sequences to the terminal', () => {
  const odd = sampleOverview();
  const nodes = odd.nodes.map((n) => (n.id === 'profile:exo-sales' ? { ...n, label: 'evil\u001b[2J\u0007id' } : n));
  const text = renderText({ ...odd, nodes });
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f]/);
  assert.match(text, /evil\uFFFD\[2J\uFFFDid/);
});

test('every drawing of every fixture plan (broken ones included) is valid: XML, Mermaid grammar, no throw', () => {
  const analyzer = createAnalyzer();
  const files = [...filesUnder(repoPath('test', 'fixtures'), /\.ya?ml$/), ...filesUnder(repoPath('test', 'robustness'), /\.ya?ml$/)];
  assert.ok(files.length > 300, `found ${files.length} fixtures`);
  let drawn = 0;
  for (const file of files) {
    const o = planOverview(analyzer.analyze(fs.readFileSync(file, 'utf8')));
    if (!o) continue;
    drawn++;
    const layout = layoutOverview(o);
    assert.equal(XMLValidator.validate(renderSvg(o, layout, { theme: 'vscode' })), true, `${file}: SVG`);
    assert.equal(XMLValidator.validate(renderHtml(o, layout, { title: file })), true, `${file}: HTML`);
    assert.equal(checkMermaid(renderMermaid(o)).nodes.size, o.nodes.length, `${file}: Mermaid`);
    assert.doesNotMatch(renderText(o), /[\u0000-\u0009\u000b-\u001f\u007f]/, `${file}: text`);
  }
  assert.ok(drawn > 300, `drew ${drawn}`);
});
