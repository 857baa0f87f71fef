/* global describe, it, after, afterEach */
// "CRM Sync: Show Plan Overview" in real VS Code: for every example the webview opens beside
// the plan and its DOM (what the page reports after each render, read from its own elements)
// shows one node per mail system, profile and mailbox group of the plan, the mailbox counts,
// and the findings VS Code lists as diagnostics; a click on a node and on a finding in the real
// DOM moves the editor selection to the record key / the finding; edits update it (new nodes,
// new counts, the stale banner while the YAML is broken); the keyboard moves between nodes.
// The page obeys the test's clicks only because the launcher sets CRMSYNC_E2E_WEBVIEW_HOOKS=1.
// scripts/e2e/ui-check.mjs opens it from the Command Palette and saves test-results/overview.png.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const YAML = require('yaml');
const { workspaceFolder, openPlan, waitFor, codeOf, closeAllEditors, setText } = require('../helpers');

const COMMAND = 'crmsync.showPlanOverview';
const plan = (name) => vscode.Uri.joinPath(workspaceFolder().uri, name);
const toRange = (r) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
const SEVERITY = { [vscode.DiagnosticSeverity.Error]: 'error', [vscode.DiagnosticSeverity.Warning]: 'warning', [vscode.DiagnosticSeverity.Information]: 'info' };

/** Runs the command for the plan and waits until the webview has rendered the plan's current version. */
async function showOverview(doc) {
  const panel = await vscode.commands.executeCommand(COMMAND, doc.uri);
  assert.ok(panel && panel.panel, `${COMMAND} returned no panel`);
  await rendered(panel, doc);
  return panel;
}

/** The webview's report of the document's current version (after an edit: once it re-rendered). */
function rendered(panel, doc, what = `the overview of ${path.basename(doc.uri.fsPath)} v${doc.version}`) {
  return waitFor(what, () => panel.lastRendered && panel.lastRendered.version === doc.version && panel.lastRendered, {
    describe: () => JSON.stringify(panel.lastRendered),
  });
}

/** "3 mailboxes" in a node's visible text (a group's or a profile's count line). */
function mailboxCount(text) {
  const line = text.split(' | ').find((l) => /^\d+ mailbox(es)?\b/.test(l));
  return line ? Number(/^\d+/.exec(line)[0]) : 0;
}

/** The selection of the plan's editor equals `range` (the reveal went through the real click). */
async function selectionBecomes(doc, range, what) {
  const editorOf = () => vscode.window.visibleTextEditors.find((e) => e.document === doc);
  await waitFor(what, () => editorOf() && editorOf().selection.isEqual(range), {
    describe: () => (editorOf() ? JSON.stringify(editorOf().selection) : 'the plan is not in a visible editor'),
  });
}

/** Puts the cursor at the top so that a reveal is seen to move it. */
async function resetSelection(doc) {
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
  editor.selection = new vscode.Selection(0, 0, 0, 0);
}

describe('plan overview', () => {
  afterEach(async () => {
    await closeAllEditors();
  });
  after(closeAllEditors);

  // Mocha needs the test list when the file loads: the examples on disk (like the diagnostics group).
  const filter = process.env.CRMSYNC_E2E_EXAMPLES ? new RegExp(process.env.CRMSYNC_E2E_EXAMPLES) : undefined;
  const names = fs
    .readdirSync(workspaceFolder().uri.fsPath)
    .filter((n) => /\.crmsync\.ya?ml$/.test(n) && (!filter || filter.test(n)))
    .sort();

  for (const name of names) {
    it(`${name}: opens beside the plan, its DOM shows the plan's nodes, counts and findings, a click on a node and on a finding reveals them`, async () => {
      const { doc } = await openPlan(plan(name));
      const panel = await showOverview(doc);
      const r = panel.lastRendered;
      const a = panel.lastAnswer;
      assert.ok(a, 'the server answered with a drawable overview');

      // Beside the plan, the plan keeping the focus; titled after the file.
      assert.equal(panel.panel.title, `Overview: ${name}`);
      assert.ok(panel.panel.viewColumn > vscode.ViewColumn.One, `the overview is in column ${panel.panel.viewColumn}, beside the plan`);
      assert.equal(vscode.window.activeTextEditor && vscode.window.activeTextEditor.document, doc, 'the plan keeps the focus');

      // A strict Content-Security-Policy: nothing remote, no inline code, one script with a nonce.
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(panel.html);
      assert.ok(csp, 'the page has a Content-Security-Policy');
      const source = panel.panel.webview.cspSource;
      const nonce = /script-src 'nonce-([0-9a-f]{32,})';$/.exec(csp[1]);
      assert.ok(nonce, `a script nonce: ${csp[1]}`);
      assert.equal(csp[1], `default-src 'none'; img-src ${source} data:; style-src ${source}; script-src 'nonce-${nonce[1]}';`);
      assert.deepEqual([...panel.html.matchAll(/<script([^>]*)>/g)].map((m) => m[1].includes(`nonce="${nonce[1]}"`)), [true], 'one script, with the nonce');
      assert.deepEqual(
        [...panel.html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => vscode.Uri.parse(m[1]).path.replace(/.*\/dist\/media\//, 'dist/media/')),
        ['dist/media/overview.css', 'dist/media/overview.js'],
        'the stylesheet and the script of dist/media/, nothing else',
      );
      assert.doesNotMatch(panel.html, /<style|style=| on\w+=/, 'no inline style or handler');

      // The DOM: one node per node of the model, each labelled for screen readers.
      assert.equal(r.stale, false);
      assert.deepEqual([...r.nodes].sort(), a.overview.nodes.map((n) => n.id).sort(), 'one diagram node per model node');
      for (const [i, label] of r.labels.entries()) assert.ok(label.length > 10, `${r.nodes[i]} has an accessible label: ${label}`);

      // … and the plan's records, read here from its text: every mail system and profile is a
      // node, and the mailbox groups count every mailbox.
      const value = YAML.parse(doc.getText());
      assert.ok(r.nodes.includes('organization'));
      for (const id of Object.keys((value && value.mailSystems) || {})) assert.ok(r.nodes.includes(`mailSystem:${id}`), `mail system ${id} is drawn`);
      for (const id of Object.keys((value && value.serverProfiles) || {})) assert.ok(r.nodes.includes(`profile:${id}`), `profile ${id} is drawn`);
      const groupTexts = r.texts.filter((_, i) => r.nodes[i].startsWith('group:'));
      assert.equal(
        groupTexts.reduce((sum, t) => sum + mailboxCount(t), 0),
        Object.keys((value && value.mailboxes) || {}).length,
        `the groups' counts as rendered add up to the plan's mailboxes: ${JSON.stringify(groupTexts)}`,
      );

      // The side list and the totals say what VS Code's diagnostics say.
      const diagnostics = vscode.languages.getDiagnostics(doc.uri);
      // One row per rule with the count of its diagnostics, marked with the worst severity among
      // them (a rule can report an error on one record and a warning on another).
      const RANK = { error: 0, warning: 1, info: 2 };
      const expectedRows = {};
      for (const d of diagnostics) {
        const id = codeOf(d);
        const sev = SEVERITY[d.severity];
        const row = expectedRows[id] || (expectedRows[id] = { severity: sev, count: 0 });
        row.count++;
        if (RANK[sev] < RANK[row.severity]) row.severity = sev;
      }
      assert.deepEqual(
        Object.fromEntries(r.rules.map((x) => [x.ruleId, { severity: x.severity, count: x.count }]).sort(([a], [b]) => a.localeCompare(b))),
        Object.fromEntries(Object.entries(expectedRows).sort(([a], [b]) => a.localeCompare(b))),
        'one row per rule, with the count of its diagnostics and their worst severity',
      );
      assert.equal(new Set(r.rules.map((x) => x.ruleId)).size, r.rules.length, 'no rule listed twice');
      const n = (s) => diagnostics.filter((d) => SEVERITY[d.severity] === s).length;
      assert.equal(r.totals, diagnostics.length === 0 ? 'No findings' : `${n('error')} error${n('error') === 1 ? '' : 's'} · ${n('warning')} warning${n('warning') === 1 ? '' : 's'} · ${n('info')} info`);

      // A click on a node (a profile if there is one) selects its key in the plan's editor.
      const target = a.overview.nodes.find((x) => x.kind === 'profile') || a.overview.nodes[0];
      await resetSelection(doc);
      assert.ok(panel.testClick({ nodeId: target.id }), 'the test hooks are on (CRMSYNC_E2E_WEBVIEW_HOOKS=1)');
      await selectionBecomes(doc, toRange(target.range), `the selection at ${target.id}`);
      if (target.kind === 'profile') assert.equal(doc.getText(vscode.window.activeTextEditor.selection), target.label, 'the profile key is selected');

      // A click on a finding of the side list selects the diagnostic's range.
      if (a.overview.findings.length > 0) {
        const f = a.overview.findings[0];
        await resetSelection(doc);
        panel.testClick({ finding: 0 });
        await selectionBecomes(doc, toRange(f.range), `the selection at the finding ${f.ruleId}`);
        assert.ok(
          diagnostics.some((d) => codeOf(d) === f.ruleId && d.range.isEqual(toRange(f.range))),
          `a ${f.ruleId} diagnostic has the finding's range`,
        );
      }
    });
  }

  it('updates as the plan is edited: a renamed profile and an added mailbox give new nodes and counts; a YAML error shows the last picture, marked stale', async () => {
    const { doc } = await openPlan(plan('online-exchange-online.crmsync.yaml'));
    const panel = await showOverview(doc);
    const before = panel.lastRendered;
    const original = doc.getText();
    const value = YAML.parse(original);
    const [profile] = Object.keys(value.serverProfiles);
    const mailboxes = Object.keys(value.mailboxes).length;
    assert.ok(before.nodes.includes(`profile:${profile}`));

    // Rename the profile's key (its references now name nothing) and add a mailbox.
    const renamed = original.replace(new RegExp(`^(  )${profile}:`, 'm'), `$1${profile}-renamed:`);
    assert.notEqual(renamed, original, `the key ${profile} is at two spaces`);
    const added = renamed.replace(/^mailboxes:\n/m, 'mailboxes:\n  zoe: { kind: user, emailAddress: zoe@contoso.com }\n');
    assert.notEqual(added, renamed, 'the plan has a block "mailboxes:" section');
    await setText(doc, added);
    const after = await rendered(panel, doc, 'the overview after the edit');
    assert.ok(after.nodes.includes(`profile:${profile}-renamed`), `the renamed profile is drawn: ${after.nodes}`);
    assert.ok(!after.nodes.includes(`profile:${profile}`), 'the old key is gone');
    const groupTotal = (rep) => rep.texts.filter((_, i) => rep.nodes[i].startsWith('group:')).reduce((s, t) => s + mailboxCount(t), 0);
    assert.equal(groupTotal(before), mailboxes);
    assert.equal(groupTotal(after), mailboxes + 1, 'the groups count the new mailbox');
    assert.ok(after.rules.some((x) => x.ruleId === 'unknown-reference'), `the dangling references are listed: ${JSON.stringify(after.rules)}`);
    assert.equal(after.stale, false);

    // A YAML syntax error: the last valid picture, with the banner.
    await setText(doc, `${added}\nmailboxes: [\n`);
    const stale = await rendered(panel, doc, 'the stale overview');
    assert.equal(stale.stale, true, 'the stale banner is shown');
    assert.deepEqual(stale.nodes, after.nodes, 'the last valid picture');

    // Repaired: current again.
    await setText(doc, original);
    const back = await rendered(panel, doc, 'the overview of the repaired plan');
    assert.equal(back.stale, false);
    assert.deepEqual(back.nodes, before.nodes);
  });

  it('is keyboard-navigable: arrow keys and Home move between nodes, Enter reveals', async () => {
    const { doc } = await openPlan(plan('invalid-mailbox-credentials.crmsync.yaml'));
    const panel = await showOverview(doc);
    const { nodes } = panel.lastRendered;
    const focusAfter = async (nodeId, key) => {
      assert.ok(panel.testKey(nodeId, key));
      return waitFor(`the focus after ${key} on ${nodeId}`, () => panel.lastFocused !== undefined && { at: panel.lastFocused });
    };
    const right = await focusAfter('organization', 'ArrowRight');
    assert.ok(right.at && right.at !== 'organization', `ArrowRight from the organisation moves to another node: ${right.at}`);
    const left = await focusAfter(right.at, 'ArrowLeft');
    assert.ok(left.at && left.at !== right.at, `ArrowLeft moves back: ${left.at}`);
    assert.equal((await focusAfter(nodes[nodes.length - 1], 'Home')).at, nodes[0]);
    assert.equal((await focusAfter(nodes[0], 'End')).at, nodes[nodes.length - 1]);

    const profile = panel.lastAnswer.overview.nodes.find((x) => x.kind === 'profile');
    await resetSelection(doc);
    await focusAfter(profile.id, 'Enter');
    await selectionBecomes(doc, toRange(profile.range), 'the selection after Enter');
  });

  it('one panel per plan: running the command again reveals it; another plan gets its own', async () => {
    const { doc } = await openPlan(plan('online-gmail-pop3.crmsync.yaml'));
    const first = await showOverview(doc);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    const again = await vscode.commands.executeCommand(COMMAND);
    assert.equal(again, first, 'the same panel, from the active plan editor');
    const other = await openPlan(plan('online-exchange-online.crmsync.yaml'));
    const second = await showOverview(other.doc);
    assert.notEqual(second, first);
    assert.equal(second.panel.title, 'Overview: online-exchange-online.crmsync.yaml');
    first.panel.dispose();
    const reopened = await showOverview(doc);
    assert.notEqual(reopened, first, 'a closed panel is not reused');
  });

  it('code lenses on profiles and mail systems: their command opens the references of the record (fetched from the server on the click)', async () => {
    const { doc } = await openPlan(plan('online-exchange-online.crmsync.yaml'));
    const lenses = await waitFor('the code lenses', async () => {
      const l = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
      return l && l.some((x) => x.command && /^used by /.test(x.command.title)) && l;
    });
    const value = YAML.parse(doc.getText());
    const titled = lenses.filter((x) => x.command && x.command.command === 'crmsync.showReferences');
    assert.equal(titled.length, Object.keys(value.serverProfiles || {}).length + Object.keys(value.mailSystems || {}).length, 'one lens per profile and mail system');
    const lens = titled.find((x) => /mailbox/.test(x.command.title));
    // editor.action.showReferences rejects anything but a Uri, a Position and Locations: this
    // resolves only if the server's locations were converted.
    await vscode.commands.executeCommand(lens.command.command, ...lens.command.arguments);
    await vscode.commands.executeCommand('crmsync.showReferences', 'not', 'lens', 'arguments');
  });

  it('inlay hints on mailbox records name what they inherit from systemSettings.defaults', async () => {
    const { doc } = await openPlan(plan('online-exchange-online.crmsync.yaml'));
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = await waitFor('the inlay hints', async () => {
      const h = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', doc.uri, whole);
      return h && h.length > 0 && h;
    });
    const label = (h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    assert.ok(hints.every((h) => /^⟵ .*\(defaults?\)$/.test(label(h))), JSON.stringify(hints.map(label)));
    assert.ok(hints.some((h) => label(h).includes('profile exo-default')), JSON.stringify(hints.map(label)));
    // Each hint sits at the end of a mailbox record's key line.
    for (const h of hints) assert.match(doc.lineAt(h.position.line).text, /^\s{2,}[^\s#][^:]*:\s*(#.*)?$/);
  });
});
