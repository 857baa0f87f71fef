/**
 * The `crmsync` task type (desktop only: it runs a process): `crmsync check` over the task's
 * `paths` with its `args`, by the CLI bundled in the extension (dist/cli.js, the same analysis
 * as the editor's server, so the task reports what the editor shows), run by the extension
 * host's own Node (`ELECTRON_RUN_AS_NODE`): nothing needs installing. Its text output is read by
 * the `$crmsync` problem matcher of package.json. One "check" task per workspace folder is offered.
 */
import * as vscode from 'vscode';

const TASK_TYPE = 'crmsync';

interface CrmsyncTaskDefinition extends vscode.TaskDefinition {
  readonly paths?: unknown;
  readonly args?: unknown;
}

const strings = (v: unknown, fallback: readonly string[]): string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...v] : [...fallback];

/** The shell task a definition stands for (`undefined` args or paths take their defaults). */
function taskFor(cli: string, definition: CrmsyncTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope): vscode.Task {
  const paths = strings(definition.paths, ['.']);
  const args = strings(definition.args, []);
  const execution = new vscode.ProcessExecution(process.execPath, [cli, 'check', ...args, ...paths], {
    cwd: typeof scope === 'object' ? scope.uri.fsPath : undefined,
    env: { ELECTRON_RUN_AS_NODE: '1' },
  });
  const task = new vscode.Task(definition, scope, 'check', TASK_TYPE, execution, ['$crmsync']);
  task.group = vscode.TaskGroup.Test;
  task.detail = `crmsync check ${[...args, ...paths].join(' ')}`;
  return task;
}

export function registerTasks(context: vscode.ExtensionContext, cli: string): void {
  context.subscriptions.push(
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((f) => taskFor(cli, { type: TASK_TYPE, paths: ['.'] }, f)),
      resolveTask: (task) => {
        const definition = task.definition as CrmsyncTaskDefinition;
        if (definition.type !== TASK_TYPE) return undefined;
        const resolved = taskFor(cli, definition, task.scope ?? vscode.TaskScope.Workspace);
        return resolved;
      },
    }),
  );
}
