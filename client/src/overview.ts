/**
 * "CRM Sync: Show Plan Overview" (`crmsync.showPlanOverview`): a webview beside the plan with
 * the picture the server draws of it (`crmsync/planOverview` with `render: 'svg'`): the diagram,
 * a legend, the findings by rule and the totals. One panel per plan document; it follows the
 * plan as it is edited (debounced, asynchronous: typing never waits for it) and reveals in the
 * plan's editor what is clicked in it. The client draws nothing and knows no plan: it shows the
 * server's SVG and lists the server's findings (overview-protocol.ts says what goes where).
 *
 * The webview's page is client/media/overview.js and overview.css, built into dist/media/ (the
 * CSS with the diagram's stylesheet of server/src/overview/styles.ts: scripts/build.mjs); it may
 * load nothing else (Content-Security-Policy: no remote resource, no inline style, one script
 * with a nonce). Under the e2e suite (CRMSYNC_E2E_WEBVIEW_HOOKS=1) the panel also obeys
 * `test:click` / `test:key`, so the suite can click in the real DOM
 * (test/e2e/suite/overview.test.js).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  emptyMessageOf,
  isDrawable,
  parseWebviewMessage,
  revealTarget,
  showMessageOf,
  type LspRange,
  type OverviewAnswer,
  type RenderedReport,
  type ShowMessage,
} from './overview-protocol';

const SHOW_PLAN_OVERVIEW_COMMAND = 'crmsync.showPlanOverview';
const VIEW_TYPE = 'crmsync.planOverview';
const LANGUAGE_ID = 'crmsync';
/** Edits are waited out this long before the overview is asked for again. */
const UPDATE_DELAY_MS = 300;

/** Asks the server for the overview of a document's current version, with its SVG. */
export type OverviewOf = (uri: string) => Promise<unknown>;

/** The e2e launcher sets this in the extension host's environment (never in the web extension host, which has no `process`). */
function testHooksEnabled(): boolean {
  return typeof process !== 'undefined' && process.env?.CRMSYNC_E2E_WEBVIEW_HOOKS === '1';
}

function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const fileNameOf = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();

/**
 * One overview panel, for one plan document. Returned by the command: the e2e suite reads
 * `lastRendered` (what the webview reported from its DOM after its last render) and
 * `lastAnswer` (what the server sent), and clicks through `testClick` / `testKey`.
 */
class PlanOverviewPanel {
  /** What the webview reported after its last render, read from its DOM. */
  lastRendered: RenderedReport | undefined;
  /** The server's last answer drawn (its ranges are what `reveal` may go to). */
  lastAnswer: OverviewAnswer | undefined;
  /** Where the focus went after the last `testKey`. */
  lastFocused: string | null | undefined;
  /** The HTML of the page (the suite checks its Content-Security-Policy). */
  readonly html: string;

  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts requests: an answer to an older one is dropped. */
  private asked = 0;
  /** The page has loaded and listens (it posts `ready`; again after it was hidden and shown). */
  private ready = false;
  /** An edit arrived while the panel was hidden: ask again when it is shown. */
  private outdated = false;
  private shown: ShowMessage | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly document: vscode.TextDocument,
    private readonly overviewOf: OverviewOf,
    private readonly client: BaseLanguageClient,
    mediaRoot: vscode.Uri,
    private readonly onDispose: () => void,
  ) {
    const webview = panel.webview;
    this.html = pageHtml(webview, mediaRoot, fileNameOf(document.uri), testHooksEnabled());
    webview.html = this.html;
    this.subscriptions.push(
      webview.onDidReceiveMessage((raw) => this.received(raw)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
        else if (this.outdated) this.update();
      }),
      panel.onDidDispose(() => this.disposed()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document && e.contentChanges.length > 0) this.schedule();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === document) panel.dispose();
      }),
    );
    this.update();
  }

  /** After an edit: ask again once typing pauses. */
  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, UPDATE_DELAY_MS);
  }

  /** Asks for the current version's overview (hidden: later, when shown) and posts it; a late answer to an older request is dropped. */
  update(): void {
    if (!this.panel.visible) {
      this.outdated = true;
      return;
    }
    this.outdated = false;
    const ticket = ++this.asked;
    const version = this.document.version;
    this.overviewOf(this.document.uri.toString()).then(
      (a) => {
        // A newer edit is on its way (its own update is scheduled): this answer is old news.
        if (ticket !== this.asked || this.document.version !== version) return;
        // The server answered for a version it had before this one reached it: ask again.
        if (isDrawable(a) && a.version !== version) return this.schedule();
        if (isDrawable(a)) {
          this.lastAnswer = a;
          this.post(showMessageOf(a));
        } else {
          this.lastAnswer = undefined;
          this.post(emptyMessageOf(version, a));
        }
      },
      (err: unknown) => {
        if (ticket !== this.asked) return;
        this.lastAnswer = undefined;
        this.post({ type: 'show', version, empty: `The language server did not answer: ${err instanceof Error ? err.message : String(err)}` });
      },
    );
  }

  private post(m: ShowMessage): void {
    this.shown = m;
    if (this.ready) void this.panel.webview.postMessage(m);
  }

  private received(raw: unknown): void {
    const m = parseWebviewMessage(raw);
    if (!m) return;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.shown) void this.panel.webview.postMessage(this.shown);
        return;
      case 'reveal': {
        const range = revealTarget(this.lastAnswer, m);
        if (range) void this.reveal(range);
        return;
      }
      case 'rendered':
        this.lastRendered = m;
        return;
      case 'test:focus':
        this.lastFocused = m.nodeId;
        return;
    }
  }

  /** Selects a range in the plan's editor: the column it is shown in, else the first. */
  private async reveal(range: LspRange): Promise<void> {
    const uri = this.document.uri.toString();
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    // A stale overview's ranges are of an earlier version: kept inside the current text.
    const selection = this.document.validateRange(this.client.protocol2CodeConverter.asRange(range));
    const editor = await vscode.window.showTextDocument(this.document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** e2e only: a real click in the webview's DOM on a node (by id) or on a finding of the side list (by index). */
  testClick(target: { nodeId: string } | { finding: number }): boolean {
    if (!testHooksEnabled()) return false;
    void this.panel.webview.postMessage({ type: 'test:click', ...target });
    return true;
  }

  /** e2e only: focuses a node and presses a key on it; the webview reports the focused node (`lastFocused`). */
  testKey(nodeId: string, key: string): boolean {
    if (!testHooksEnabled()) return false;
    this.lastFocused = undefined;
    void this.panel.webview.postMessage({ type: 'test:key', nodeId, key });
    return true;
  }

  private disposed(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.asked++;
    for (const s of this.subscriptions) s.dispose();
    this.onDispose();
  }
}

/** The page: a strict Content-Security-Policy, the stylesheet and the script of dist/media/ (with a nonce), nothing inline. */
function pageHtml(webview: vscode.Webview, mediaRoot: vscode.Uri, fileName: string, testHooks: boolean): string {
  const n = nonce();
  const css = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'overview.css'));
  const js = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'overview.js'));
  const csp = `default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource}; script-src 'nonce-${n}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css.toString()}">
<title>Overview: ${escapeHtml(fileName)}</title>
</head>
<body data-test-hooks="${testHooks ? '1' : '0'}">
<div id="stale" class="banner" role="status" hidden>The plan has a YAML syntax error: showing the last valid picture</div>
<header class="bar">
  <span id="totals" class="totals" role="status"></span>
  <button id="fit" type="button" aria-pressed="true" title="Scale the diagram to the width of the panel">Fit to width</button>
</header>
<div class="layout">
  <main id="diagram" class="diagram fit" aria-label="Diagram of ${escapeHtml(fileName)}" tabindex="-1"><p class="placeholder">Drawing the overview…</p></main>
  <aside id="side" class="side" aria-labelledby="findings-heading">
    <h2 id="findings-heading">Findings by rule</h2>
    <ul id="rules" class="rules"></ul>
    <p id="omitted" class="omitted" hidden></p>
  </aside>
</div>
<script nonce="${n}" src="${js.toString()}"></script>
</body>
</html>`;
}

/** The plan the command is for: its argument (the editor title button passes the document's URI), else the active plan editor. */
function targetDocument(arg: unknown): vscode.TextDocument | undefined {
  if (arg instanceof vscode.Uri) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString());
    if (doc) return doc;
  }
  const active = vscode.window.activeTextEditor?.document;
  return active && active.languageId === LANGUAGE_ID ? active : undefined;
}

export function registerPlanOverview(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const mediaRoot = vscode.Uri.joinPath(context.extensionUri, 'dist', 'media');
  const panels = new Map<string, PlanOverviewPanel>();
  const overviewOf: OverviewOf = (uri) => client.sendRequest('crmsync/planOverview', { textDocument: { uri }, render: 'svg' });

  const show = async (arg: unknown): Promise<PlanOverviewPanel | undefined> => {
    let doc = targetDocument(arg);
    if (!doc && arg instanceof vscode.Uri) doc = await vscode.workspace.openTextDocument(arg);
    if (!doc || doc.languageId !== LANGUAGE_ID) {
      void vscode.window.showInformationMessage('CRM Sync: open a plan (*.crmsync.yaml) first, then show its overview.');
      return undefined;
    }
    const key = doc.uri.toString();
    const open = panels.get(key);
    if (open) {
      open.panel.reveal(undefined, true);
      open.update();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Overview: ${fileNameOf(doc.uri)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [mediaRoot] },
    );
    const controller = new PlanOverviewPanel(panel, doc, overviewOf, client, mediaRoot, () => panels.delete(key));
    panels.set(key, controller);
    return controller;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_PLAN_OVERVIEW_COMMAND, show),
    { dispose: () => [...panels.values()].forEach((p) => p.panel.dispose()) },
  );
}
