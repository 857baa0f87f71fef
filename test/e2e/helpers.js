// Helpers for the e2e suite, which runs inside the VS Code extension host (real `vscode` API).
// Waiting is always polling for a condition with a deadline, never a fixed sleep.
const assert = require('node:assert/strict');
const vscode = require('vscode');

const EXTENSION_ID = 'crmsync.crmsync';
const LANGUAGE_ID = 'crmsync';
const DEFAULT_TIMEOUT_MS = Number(process.env.CRMSYNC_E2E_WAIT_MS || 20000);
const POLL_MS = 50;

/**
 * Polls `probe` until it returns a truthy value and returns that value. On timeout throws an
 * error that names `what` and shows `describe()` (the last observed state).
 */
async function waitFor(what, probe, { timeoutMs = DEFAULT_TIMEOUT_MS, describe } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      const state = describe ? `\nlast state: ${describe()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * The `# expect:` header of an example plan:
 *   # expect: <line> <severity> <rule-id> @ <path> (key|value)[ -- note]
 *   # expect: none
 * Returns { none, items: [{ line, severity, code }] } (line is 1-based).
 */
function parseExpectations(text) {
  const items = [];
  let none = false;
  for (const l of text.split(/\r?\n/)) {
    if (l.trim() === '# expect: none') none = true;
    const m = /^# expect: (\d+) (error|warning|info) (\S+) @ (.+) \((key|value)\)( -- .*)?$/.exec(l);
    if (m) items.push({ line: Number(m[1]), severity: m[2], code: m[3], path: m[4] });
    else if (/^# expect:/.test(l) && l.trim() !== '# expect: none') throw new Error(`unreadable expectation line: ${l}`);
  }
  return { none, items };
}

const SEVERITY_NAME = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

const codeOf = (d) => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code));

/** `line severity code` per diagnostic (1-based line), sorted: the unit the examples compare. */
function summarize(diagnostics) {
  return diagnostics.map((d) => `${d.range.start.line + 1} ${SEVERITY_NAME[d.severity]} ${codeOf(d)}`).sort(compareSummary);
}

/** Sorts `line severity code` strings by line, then text. */
function sortSummary(list) {
  return [...list].sort(compareSummary);
}

function compareSummary(a, b) {
  const [la, ...ra] = a.split(' ');
  const [lb, ...rb] = b.split(' ');
  return Number(la) - Number(lb) || ra.join(' ').localeCompare(rb.join(' '));
}

/** The workspace folder the launcher opened (a copy of examples/). */
function workspaceFolder() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'the launcher must open a workspace folder');
  return folder;
}

/**
 * Example plans in the workspace folder, sorted by name; CRMSYNC_E2E_EXAMPLES (a regex) narrows
 * them unless `all` is set.
 */
async function examplePlans({ all = false } = {}) {
  const folder = workspaceFolder();
  const entries = await vscode.workspace.fs.readDirectory(folder.uri);
  const filter = !all && process.env.CRMSYNC_E2E_EXAMPLES ? new RegExp(process.env.CRMSYNC_E2E_EXAMPLES) : undefined;
  return entries
    .filter(([name, type]) => type === vscode.FileType.File && /\.crmsync\.ya?ml$/.test(name))
    .map(([name]) => name)
    .filter((name) => !filter || filter.test(name))
    .sort()
    .map((name) => vscode.Uri.joinPath(folder.uri, name));
}

async function readText(uri) {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

const sameUri = (a, b) => a.toString() === b.toString();

/**
 * Runs `open` (which opens or creates a document and resolves to it) and waits until the
 * language server has published diagnostics for that document, even an empty list. The
 * listener is registered before `open` runs, so the first publication cannot be missed.
 */
async function withPublishedDiagnostics(open, timeoutMs = DEFAULT_TIMEOUT_MS) {
  const published = new Set();
  const sub = vscode.languages.onDidChangeDiagnostics((e) => {
    for (const u of e.uris) published.add(u.toString());
  });
  try {
    const doc = await open();
    await waitFor(`diagnostics for ${doc.uri.toString()}`, () => published.has(doc.uri.toString()), { timeoutMs });
    return { doc, diagnostics: vscode.languages.getDiagnostics(doc.uri) };
  } finally {
    sub.dispose();
  }
}

/** Opens a plan in an editor and waits for its first diagnostics. */
async function openPlan(uri) {
  const already = vscode.workspace.textDocuments.find((d) => sameUri(d.uri, uri));
  if (already) {
    await vscode.window.showTextDocument(already);
    return { doc: already, diagnostics: vscode.languages.getDiagnostics(uri) };
  }
  return withPublishedDiagnostics(async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    return doc;
  });
}

/** The crmsync extension, activated; checks it is loaded from where the launcher installed it. */
async function extensionUnderTest() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  await ext.activate();
  return ext;
}

/** Closes every editor without saving (untitled and changed documents are reverted). */
async function closeAllEditors() {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Replaces the whole text of `doc` and waits for the diagnostics of the new version. */
async function setText(doc, text) {
  return withPublishedDiagnostics(async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
    return doc;
  });
}

module.exports = {
  EXTENSION_ID,
  LANGUAGE_ID,
  waitFor,
  parseExpectations,
  summarize,
  sortSummary,
  codeOf,
  workspaceFolder,
  examplePlans,
  readText,
  sameUri,
  withPublishedDiagnostics,
  openPlan,
  extensionUnderTest,
  closeAllEditors,
  setText,
};
