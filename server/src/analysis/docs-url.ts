/** Where each rule is documented: its section of docs/rules.md in the repository. */

export const REPOSITORY_URL = 'https://github.com/crmsync/crmsync';

/**
 * GitHub's heading anchor for a rule id used as a heading (`schema/enum` → `schemaenum`); VS Code's
 * Markdown preview makes the same one.
 */
export function ruleAnchor(ruleId: string): string {
  return ruleId.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

/** The rule's section on the web (SARIF, and where no copy shipped with the server is known). */
export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules.md#${ruleAnchor(ruleId)}`;
}
