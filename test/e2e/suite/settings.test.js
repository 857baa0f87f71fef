/* global describe, it, before, after */
// Changing `crmsync.rules` re-checks open plans without a reload: the server reads the section
// through workspace/configuration and publishes again on workspace/didChangeConfiguration.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { workspaceFolder, openPlan, waitFor, summarize, codeOf, closeAllEditors } = require('../helpers');

const PLAN = 'invalid-schema-errors.crmsync.yaml';
const RULE = 'schema/enum';

describe('crmsync.rules setting', function () {
  let uri;
  let before0 = [];
  const config = () => vscode.workspace.getConfiguration('crmsync', uri);
  const current = () => vscode.languages.getDiagnostics(uri);
  const withRule = () => current().filter((d) => codeOf(d) === RULE);
  const describeState = () => JSON.stringify(summarize(current()));
  const setRules = (value) => config().update('rules', value, vscode.ConfigurationTarget.Workspace);

  before(async () => {
    uri = vscode.Uri.joinPath(workspaceFolder().uri, PLAN);
    await openPlan(uri);
    before0 = await waitFor(`a ${RULE} diagnostic in ${PLAN}`, () => (withRule().length > 0 ? current() : undefined), { describe: describeState });
  });

  after(async () => {
    await setRules(undefined);
    await closeAllEditors();
  });

  it(`"${RULE}": "off" removes its diagnostics and keeps the others`, async () => {
    await setRules({ [RULE]: 'off' });
    await waitFor(`${RULE} to disappear`, () => withRule().length === 0, { describe: describeState });
    const others = summarize(before0.filter((d) => codeOf(d) !== RULE));
    assert.deepEqual(summarize(current()), others);
  });

  it(`"${RULE}": "warning" reports it as a warning`, async () => {
    await setRules({ [RULE]: 'warning' });
    const found = await waitFor(`${RULE} as a warning`, () => {
      const d = withRule();
      return d.length > 0 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Warning) ? d : undefined;
    }, { describe: describeState });
    assert.equal(found.length, before0.filter((d) => codeOf(d) === RULE).length);
  });

  it('removing the setting restores the defaults', async () => {
    await setRules(undefined);
    await waitFor(`${RULE} back as an error`, () => {
      const d = withRule();
      return d.length > 0 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Error);
    }, { describe: describeState });
    assert.deepEqual(summarize(current()), summarize(before0));
  });
});
