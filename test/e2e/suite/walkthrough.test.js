/* global describe, it, after */
// The first-run walkthrough (contributes.walkthroughs): it opens, each step's media ships in the
// extension, and each step's button does what the step says, in order, on a plan from a
// template: New Plan → a finding → the hover of the authentication value → Fix All → Use in CI.
// scripts/e2e/ui-check.mjs looks at the rendered steps and saves test-results/walkthrough.png.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { EXTENSION_ID, LANGUAGE_ID, withPublishedDiagnostics, waitFor, extensionUnderTest, closeAllEditors, codeOf } = require('../helpers');

const STEPS = ['newPlan', 'seeFinding', 'hover', 'fixAll', 'ci'];

/** The `command:` links of a step's description, as [command id, arguments]. */
function buttons(step) {
  return [...step.description.matchAll(/\]\(command:([\w.]+)(?:\?([^)]*))?\)/g)].map(([, id, args]) => [id, args ? JSON.parse(decodeURIComponent(args)) : []]);
}

describe('walkthrough', () => {
  after(closeAllEditors);

  it('is contributed with its five steps, each with Markdown media shipped in the extension and a completion event', async () => {
    const ext = await extensionUnderTest();
    const walkthroughs = ext.packageJSON.contributes.walkthroughs;
    assert.equal(walkthroughs.length, 1);
    const [w] = walkthroughs;
    assert.deepEqual(w.steps.map((s) => s.id), STEPS);
    const commands = new Set(await vscode.commands.getCommands(false));
    for (const step of w.steps) {
      const media = vscode.Uri.joinPath(ext.extensionUri, step.media.markdown);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(media));
      assert.match(text, /^# \S/, `${step.id}: ${step.media.markdown} is not a Markdown page`);
      assert.ok(step.completionEvents.length > 0, `${step.id} has no completion event`);
      const links = buttons(step);
      assert.ok(links.length > 0, `${step.id} has no button`);
      for (const [id] of links) assert.ok(commands.has(id), `${step.id}: its button runs ${id}, which is not a command`);
      for (const event of step.completionEvents) {
        const [kind, id] = event.split(':');
        assert.equal(kind, 'onCommand', `${step.id}: ${event}`);
        assert.ok(links.some(([c]) => c === id), `${step.id}: completion event ${event} is not one of its buttons`);
      }
    }
  });

  it('opens in the Welcome page', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, false);
    // The Welcome page's tab ("Welcome", or the walkthrough's title in recent versions).
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    await waitFor('the walkthrough tab', () => labels().find((l) => /Welcome|Walkthrough|Get Started with CRM Sync/.test(l)), {
      describe: () => `tabs: ${JSON.stringify(labels())}`,
    });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('its buttons, in order: a plan from a template, a finding, the hover on it, Fix All, then the CI docs', async () => {
    const ext = await extensionUnderTest();
    const step = (id) => ext.packageJSON.contributes.walkthroughs[0].steps.find((s) => s.id === id);

    // 1. New Plan: the step's second button opens the Exchange Online template.
    const [, [newPlanId, newPlanArgs]] = buttons(step('newPlan'));
    const { doc } = await withPublishedDiagnostics(async () => {
      await vscode.commands.executeCommand(newPlanId, ...newPlanArgs);
      return waitFor('the untitled plan', () => {
        const d = vscode.window.activeTextEditor && vscode.window.activeTextEditor.document;
        return d && d.isUntitled && d.languageId === LANGUAGE_ID ? d : undefined;
      });
    });
    assert.deepEqual(vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error), []);

    // 2. See a finding: anonymous access, as the step's media says.
    const line = doc.getText().split('\n').findIndex((l) => /authenticateUsing: serverToServer/.test(l));
    assert.ok(line >= 0, 'the template has no authenticateUsing: serverToServer');
    const col = doc.lineAt(line).text.indexOf('serverToServer');
    const valueRange = new vscode.Range(line, col, line, col + 'serverToServer'.length);
    await withPublishedDiagnostics(async () => {
      await vscode.window.activeTextEditor.edit((b) => b.replace(valueRange, 'anonymous'));
      return doc;
    });
    await waitFor('the anonymous-auth-exchange error', () => vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'anonymous-auth-exchange'));

    // The Welcome page is the active editor when a button is clicked.
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, true);

    // 3. Hover: the cursor lands on the value with the finding, and the hover there explains it.
    const [[hoverId]] = buttons(step('hover'));
    const at = await vscode.commands.executeCommand(hoverId);
    assert.ok(at, 'the hover button found no authenticateUsing value');
    assert.equal(at.line, line);
    assert.ok(at.character >= col && at.character <= col + 'anonymous'.length, `hover at ${at.character}, value at ${col}`);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, at);
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /anonymous/i);
    assert.match(hoverText, /serverToServer/);

    // 4. Fix All puts a supported option back; the error is gone.
    const [[fixAllId]] = buttons(step('fixAll'));
    const fixed = await withPublishedDiagnostics(async () => {
      await vscode.commands.executeCommand(fixAllId);
      await waitFor('the fixed text', () => (doc.lineAt(line).text.includes('anonymous') ? undefined : true));
      return doc;
    });
    assert.doesNotMatch(doc.lineAt(line).text, /anonymous/);
    await waitFor('no anonymous-auth-exchange error', () => (vscode.languages.getDiagnostics(fixed.doc.uri).some((d) => codeOf(d) === 'anonymous-auth-exchange') ? undefined : true));

    // 5. Use in CI: the README shipped in the extension, at its "Use in CI" section.
    const [[ciId]] = buttons(step('ci'));
    const readme = await vscode.commands.executeCommand(ciId);
    assert.equal(readme.fragment, 'use-in-ci');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(readme.with({ fragment: '' })));
    assert.match(text, /^## Use in CI$/m);
  });
});
