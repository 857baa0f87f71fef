/* global describe, it, after */
// The `crmsync` task type: Run Task offers "crmsync: check" per workspace folder, and running a
// task on a plan puts the CLI's findings in the Problems view through the `$crmsync` problem
// matcher, at the lines the plan's `# expect:` header names.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { examplePlans, readText, parseExpectations, waitFor, extensionUnderTest, closeAllEditors, workspaceFolder, codeOf } = require('../helpers');

/** Runs a task and resolves to its process's exit code. */
function run(task) {
  return new Promise((resolve, reject) => {
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task.name !== task.name || e.execution.task.definition.type !== 'crmsync') return;
      sub.dispose();
      resolve(e.exitCode);
    });
    vscode.tasks.executeTask(task).then(undefined, (err) => {
      sub.dispose();
      reject(err);
    });
  });
}

describe('crmsync task', () => {
  after(closeAllEditors);

  it('is offered for the workspace folder, running the bundled crmsync check', async () => {
    await extensionUnderTest();
    const tasks = await vscode.tasks.fetchTasks({ type: 'crmsync' });
    const folder = workspaceFolder();
    const mine = tasks.filter((t) => t.scope && t.scope.uri && t.scope.uri.toString() === folder.uri.toString());
    assert.equal(mine.length, 1, `tasks: ${tasks.map((t) => `${t.source}: ${t.name}`).join(', ')}`);
    assert.equal(mine[0].name, 'check');
    assert.equal(mine[0].source, 'crmsync');
    assert.deepEqual(mine[0].problemMatchers, ['$crmsync']);
  });

  it('puts the findings of an invalid plan in the Problems view at the expected lines (problem matcher $crmsync)', async () => {
    await closeAllEditors();
    const plans = await examplePlans({ all: true });
    let target;
    for (const uri of plans) {
      const exp = parseExpectations(await readText(uri));
      if (exp.items.some((i) => i.severity === 'error')) {
        target = { uri, exp };
        break;
      }
    }
    assert.ok(target, 'no example with an expected error');
    const name = target.uri.path.split('/').pop();
    const folder = workspaceFolder();
    const [offered] = (await vscode.tasks.fetchTasks({ type: 'crmsync' })).filter((t) => t.scope && t.scope.uri && t.scope.uri.toString() === folder.uri.toString());
    // The offered task checks the whole folder (paths ["."]): every example, this one among them.
    const code = await run(offered);
    assert.equal(code, 1, 'crmsync check exits 1 when a plan has errors');
    const want = target.exp.items.map((i) => `${i.line} ${i.severity} ${i.code}`).sort();
    const sev = { [vscode.DiagnosticSeverity.Error]: 'error', [vscode.DiagnosticSeverity.Warning]: 'warning', [vscode.DiagnosticSeverity.Information]: 'info' };
    const got = await waitFor(`the task's problems for ${name}`, () => {
      const ds = vscode.languages.getDiagnostics(target.uri).filter((d) => d.source === 'crmsync');
      const list = ds.map((d) => `${d.range.start.line + 1} ${sev[d.severity]} ${codeOf(d)}`).sort();
      return list.length >= want.length ? list : undefined;
    });
    assert.deepEqual(got, want);
  });
});
