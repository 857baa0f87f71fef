/**
 * The overview's stylesheet. The SVG carries no colour itself, only classes (`node <kind>
 * sev-<worst|none>`, `edge edge-<kind>`, `legend …`), so one drawing follows any palette:
 *
 * - `standalone` (the CLI's SVG and HTML): light colours and a `prefers-color-scheme: dark`
 *   variant, embedded in the file;
 * - `vscode` (the webview): every colour is a `var(--vscode-…)` theme variable, so the diagram
 *   follows light, dark and high-contrast themes (`body.vscode-high-contrast` adds the contrast
 *   border). The webview's Content-Security-Policy allows no inline style, so this sheet is not
 *   embedded in the SVG: the webview loads it as its own CSS.
 *
 * The palette is a handful of custom properties (`--ov-…`) set per theme; the rules below use
 * only them.
 */

export type OverviewTheme = 'standalone' | 'vscode';

/** The rules, in terms of the palette. Scoped to `.crmsync-overview` (the SVG's class). */
const RULES = `
.crmsync-overview { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.crmsync-overview .diagram-bg { fill: var(--ov-bg); }
.crmsync-overview text { fill: var(--ov-fg); }
.crmsync-overview .node { cursor: pointer; outline: none; }
.crmsync-overview .node-box, .crmsync-overview .node-stack { fill: var(--ov-box); stroke: var(--ov-border); stroke-width: 1.5; }
.crmsync-overview .node-inner { fill: none; stroke: var(--ov-border); stroke-width: 1; }
.crmsync-overview .caption { font-size: 10px; letter-spacing: 0.06em; fill: var(--ov-muted); }
.crmsync-overview .title { font-size: 14px; font-weight: 600; }
.crmsync-overview .detail, .crmsync-overview .count { font-size: 12px; }
.crmsync-overview .count { fill: var(--ov-muted); }
.crmsync-overview .findings { font-size: 12px; font-weight: 600; }
.crmsync-overview .sev-error .node-box, .crmsync-overview .sev-error .node-stack, .crmsync-overview .sev-error .node-inner { stroke: var(--ov-error); }
.crmsync-overview .sev-error .node-box, .crmsync-overview .sev-error .node-stack { fill: var(--ov-error-bg); }
.crmsync-overview .swatch.sev-error { fill: var(--ov-error); }
.crmsync-overview .sev-error .findings { fill: var(--ov-error-text); }
.crmsync-overview .sev-warning .node-box, .crmsync-overview .sev-warning .node-stack, .crmsync-overview .sev-warning .node-inner { stroke: var(--ov-warning); }
.crmsync-overview .sev-warning .node-box, .crmsync-overview .sev-warning .node-stack { fill: var(--ov-warning-bg); }
.crmsync-overview .swatch.sev-warning { fill: var(--ov-warning); }
.crmsync-overview .sev-warning .findings { fill: var(--ov-warning-text); }
.crmsync-overview .sev-info .node-box, .crmsync-overview .sev-info .node-stack, .crmsync-overview .sev-info .node-inner { stroke: var(--ov-info); }
.crmsync-overview .sev-info .node-box, .crmsync-overview .sev-info .node-stack { fill: var(--ov-info-bg); }
.crmsync-overview .swatch.sev-info { fill: var(--ov-info); }
.crmsync-overview .sev-info .findings { fill: var(--ov-info-text); }
.crmsync-overview .swatch.sev-none { fill: var(--ov-box); stroke: var(--ov-border); }
.crmsync-overview .node:hover .node-box { stroke-width: 2.5; }
.crmsync-overview .node:focus-visible .node-box, .crmsync-overview .node.selected .node-box { stroke: var(--ov-focus); stroke-width: 3; }
.crmsync-overview .edge { fill: none; stroke: var(--ov-edge); stroke-width: 1.5; }
.crmsync-overview .edge-profile { stroke-dasharray: 5 4; stroke-width: 1; }
.crmsync-overview .arrowhead { fill: var(--ov-edge); stroke: none; }
.crmsync-overview .legend-frame { fill: none; stroke: var(--ov-border); stroke-width: 1; stroke-dasharray: 2 3; }
.crmsync-overview .legend text { font-size: 11px; fill: var(--ov-muted); }
.crmsync-overview .legend .legend-heading { font-weight: 600; fill: var(--ov-fg); }
.crmsync-overview .legend .node-box, .crmsync-overview .legend .node-stack, .crmsync-overview .legend .node-inner { stroke-width: 1; }
`;

const LIGHT = `--ov-bg: #ffffff; --ov-fg: #1f2328; --ov-muted: #59636e; --ov-box: #ffffff; --ov-border: #8c959f; --ov-edge: #8c959f; --ov-focus: #0969da;
  --ov-error: #cf222e; --ov-error-bg: #ffebe9; --ov-error-text: #a40e26;
  --ov-warning: #bf8700; --ov-warning-bg: #fff8c5; --ov-warning-text: #7d4e00;
  --ov-info: #0969da; --ov-info-bg: #ddf4ff; --ov-info-text: #0550ae;`;

const DARK = `--ov-bg: #0d1117; --ov-fg: #e6edf3; --ov-muted: #9198a1; --ov-box: #161b22; --ov-border: #6e7681; --ov-edge: #6e7681; --ov-focus: #58a6ff;
  --ov-error: #f85149; --ov-error-bg: #3c1618; --ov-error-text: #ff7b72;
  --ov-warning: #d29922; --ov-warning-bg: #3a2a0a; --ov-warning-text: #e3b341;
  --ov-info: #58a6ff; --ov-info-bg: #0c2d6b; --ov-info-text: #79c0ff;`;

/** The theme's own colours, tinted from them with color-mix (the webview is a recent Chromium). */
const VSCODE = `--ov-bg: var(--vscode-editor-background); --ov-fg: var(--vscode-editor-foreground);
  --ov-muted: var(--vscode-descriptionForeground, var(--vscode-editor-foreground));
  --ov-box: var(--vscode-editor-background); --ov-border: var(--vscode-editorWidget-border, var(--vscode-editor-foreground));
  --ov-edge: var(--vscode-editorLineNumber-foreground, var(--vscode-editor-foreground)); --ov-focus: var(--vscode-focusBorder);
  --ov-error: var(--vscode-errorForeground); --ov-error-text: var(--vscode-errorForeground);
  --ov-error-bg: color-mix(in srgb, var(--vscode-errorForeground) 14%, var(--vscode-editor-background));
  --ov-warning: var(--vscode-editorWarning-foreground); --ov-warning-text: var(--vscode-editorWarning-foreground);
  --ov-warning-bg: color-mix(in srgb, var(--vscode-editorWarning-foreground) 14%, var(--vscode-editor-background));
  --ov-info: var(--vscode-editorInfo-foreground); --ov-info-text: var(--vscode-editorInfo-foreground);
  --ov-info-bg: color-mix(in srgb, var(--vscode-editorInfo-foreground) 14%, var(--vscode-editor-background));`;

/** High contrast: no tints, the contrast border around every box, a thicker focus ring. */
const HIGH_CONTRAST = `
body.vscode-high-contrast .crmsync-overview, body.vscode-high-contrast-light .crmsync-overview {
  --ov-border: var(--vscode-contrastBorder); --ov-edge: var(--vscode-contrastBorder);
  --ov-error-bg: var(--vscode-editor-background); --ov-warning-bg: var(--vscode-editor-background); --ov-info-bg: var(--vscode-editor-background);
}
body.vscode-high-contrast .crmsync-overview .node-box, body.vscode-high-contrast-light .crmsync-overview .node-box { stroke-width: 2; }
body.vscode-high-contrast .crmsync-overview .node:focus-visible .node-box, body.vscode-high-contrast-light .crmsync-overview .node:focus-visible .node-box { stroke: var(--vscode-focusBorder); stroke-width: 4; stroke-dasharray: 6 2; }
`;

/** The stylesheet of a theme (the CLI embeds `standalone`; the webview loads `vscode`). */
export function overviewCss(theme: OverviewTheme): string {
  if (theme === 'vscode') return `.crmsync-overview {\n  ${VSCODE}\n}\n${RULES}${HIGH_CONTRAST}`;
  return `.crmsync-overview {\n  ${LIGHT}\n}\n@media (prefers-color-scheme: dark) {\n  .crmsync-overview {\n  ${DARK}\n  }\n}\n${RULES}`;
}
