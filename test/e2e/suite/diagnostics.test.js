/* global describe, it, before, after */
// Each example plan, opened in the editor, gets exactly the diagnostics its `# expect:` header
// lists: same lines, severities and rule ids (codes), nothing more, nothing less.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');
const { examplePlans, readText, parseExpectations, summarize, sortSummary, openPlan, closeAllEditors, workspaceFolder, LANGUAGE_ID } = require('../helpers');

/** The items of `a` not matched one-to-one in `b` (multiset difference). */
function without(a, b) {
  const rest = [...b];
  return a.filter((x) => {
    const i = rest.indexOf(x);
    if (i < 0) return true;
    rest.splice(i, 1);
    return false;
  });
}

describe('diagnostics per example', function () {
  let plans = [];

  before(async () => {
    plans = await examplePlans();
    assert.ok(plans.length > 0, 'no example plans in the workspace folder');
  });

  after(closeAllEditors);

  // Mocha needs the test list when the file loads, so the examples are listed synchronously
  // from the workspace folder on disk; the first test cross-checks it through the vscode API.
  const names = require('node:fs')
    .readdirSync(workspaceFolder().uri.fsPath)
    .filter((n) => /\.crmsync\.ya?ml$/.test(n))
    .sort();
  const filter = process.env.CRMSYNC_E2E_EXAMPLES ? new RegExp(process.env.CRMSYNC_E2E_EXAMPLES) : undefined;

  it('finds the example plans', () => {
    assert.deepEqual(plans.map((u) => path.basename(u.fsPath)), names.filter((n) => !filter || filter.test(n)));
  });

  for (const name of names.filter((n) => !filter || filter.test(n))) {
    it(`${name} has exactly the findings of its header`, async () => {
      const uri = plans.find((u) => path.basename(u.fsPath) === name);
      assert.ok(uri, `${name} is not in the workspace folder`);
      const expect = parseExpectations(await readText(uri));
      assert.ok(expect.none || expect.items.length > 0, `${name} has no '# expect:' header`);
      const { doc, diagnostics } = await openPlan(uri);
      assert.equal(doc.languageId, LANGUAGE_ID);
      const expected = sortSummary(expect.items.map((e) => `${e.line} ${e.severity} ${e.code}`));
      const actual = summarize(diagnostics);
      const missing = without(expected, actual);
      const unexpected = without(actual, expected);
      assert.deepEqual(actual, expected, `${name}: diagnostics (line severity rule-id) differ from the header\n  missing:    ${JSON.stringify(missing)}\n  unexpected: ${JSON.stringify(unexpected)}`);
      for (const d of diagnostics) assert.equal(d.source, 'crmsync', `${name}: diagnostic without source crmsync: ${d.message}`);
    });
  }
});
