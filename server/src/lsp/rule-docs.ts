/**
 * Where "Show documentation" and a diagnostic's `codeDescription.href` take the user: the rule's
 * section of docs/rules.md shipped with the extension or the npm package, so that the help works
 * offline. The client says how it opens it (`initializationOptions.ruleDocs`):
 * - `command`: a client command taking a rule id (the VS Code client's `crmsync.showRuleDocs`,
 *   which opens the Markdown preview at the rule's anchor); the href is a `command:` URI.
 * - `document`: the URI of docs/rules.md; the href is `<document>#<anchor>`.
 * Without either, the server's own copy (`ServerOptions.ruleDocsDocument`, a `file:` URI set by
 * main.ts) is linked, else the web. Other clients run "Show documentation" through the server's
 * `crmsync.server.openRuleDocs` command (executeCommandProvider → `window/showDocument`).
 */
import { ruleAnchor, ruleDocsUrl } from '../analysis/docs-url';

export interface RuleDocs {
  readonly command?: string;
  readonly document?: string;
}

/** The server's command for "Show documentation" when the client has none of its own. */
export const OPEN_RULE_DOCS_COMMAND = 'crmsync.server.openRuleDocs';

/** `initializationOptions.ruleDocs`, validated (anything malformed is ignored), over `fallbackDocument`. */
export function readRuleDocs(value: unknown, fallbackDocument: string | undefined): RuleDocs {
  const v = (typeof value === 'object' && value !== null ? value : {}) as { command?: unknown; document?: unknown };
  const command = typeof v.command === 'string' && /^[A-Za-z0-9_.-]+$/.test(v.command) ? v.command : undefined;
  const document = typeof v.document === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(v.document) ? v.document.replace(/#.*$/, '') : fallbackDocument;
  return { command, document };
}

/** The link to a rule's documentation. */
export function ruleDocsHref(ruleId: string, docs: RuleDocs): string {
  if (docs.command) return `command:${docs.command}?${encodeURIComponent(JSON.stringify([ruleId]))}`;
  if (docs.document) return `${docs.document}#${ruleAnchor(ruleId)}`;
  return ruleDocsUrl(ruleId);
}
