/**
 * THE OVERVIEW'S DRAWINGS (issue "See the plan"): layout and renderers of the overview model
 * (ide/overview-model.ts). Pure: no Node built-in, no LSP, no CLI; the CLI (`crmsync explain`)
 * and the LSP layer (the webview's SVG) import this barrel.
 */
export { layoutOverview, type OverviewLayout } from './layout';
export { renderSvg } from './svg';
export { overviewCss } from './styles';
export { renderHtml } from './html';
export { renderMermaid } from './mermaid';
export { renderText } from './text';
