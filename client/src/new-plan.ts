/**
 * "CRM Sync: New Plan…": pick a supported topology, get a valid plan in a new untitled
 * `crmsync` document.
 */
import * as vscode from 'vscode';
import { TEMPLATES, type PlanTemplate } from './templates';

/**
 * Opens a new untitled plan. `templateId` (one of TEMPLATES' ids) skips the quick pick, so the
 * command can also be run from keybindings, tasks and tests. Resolves to the new document, or
 * `undefined` when the user cancels.
 */
export async function newPlan(templateId?: unknown): Promise<vscode.TextDocument | undefined> {
  let template: PlanTemplate | undefined;
  if (typeof templateId === 'string') {
    template = TEMPLATES.find((t) => t.id === templateId);
    if (!template) {
      void vscode.window.showErrorMessage(`CRM Sync: unknown plan template '${templateId}'. Known: ${TEMPLATES.map((t) => t.id).join(', ')}.`);
      return undefined;
    }
  } else {
    const picked = await vscode.window.showQuickPick(
      TEMPLATES.map((t) => ({ label: t.label, detail: t.detail, template: t })),
      { title: 'CRM Sync: New Plan', placeHolder: 'Which supported topology?', matchOnDetail: true },
    );
    template = picked?.template;
  }
  if (!template) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language: 'crmsync', content: template.text });
  await vscode.window.showTextDocument(doc);
  return doc;
}
