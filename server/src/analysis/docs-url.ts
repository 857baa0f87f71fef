/** Where each rule is documented: its section of docs/rules.md in the repository. */

export const REPOSITORY_URL = 'https://github.com/crmsync/crmsync';

/** GitHub's heading anchor for a rule id used as a heading (`schema/enum` → `schemaenum`). */
function ruleAnchor(ruleId: string): string {
  return ruleId.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules.md#${ruleAnchor(ruleId)}`;
}
