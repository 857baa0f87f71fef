import { defineRule } from './define';
import type { RelatedSpec } from './define';
import { targetAt } from '../cursor';
import { isMap, isSeq } from 'yaml';
import { locate } from '../locate';
import { commentsWith } from '../comments';
import type { ParsedPlan } from '../parse';
import type { Path } from '../types';

/** What `crmsync import` writes after the `#` (and any white space) where it could not fill in a value. */
const MARKER = 'TODO(crmsync import):';

/**
 * The path of the scalar or flow collection that ends on the same line right before `offset` (a
 * comment's start), ignoring white space; undefined when the comment stands alone on its line or
 * follows something else (a key without a value, a block collection's indicator).
 */
function valueBefore(parsed: ParsedPlan, offset: number): Path | undefined {
  const line = parsed.lines.position(offset).line;
  const lineStart = parsed.lines.lineStart(line);
  const before = parsed.text.slice(lineStart, offset);
  const end = lineStart + before.replace(/\s+$/, '').length;
  if (end === lineStart) return undefined;
  const t = targetAt(parsed, end - 1);
  if (t && t.part === 'value' && t.span.start < t.span.end && t.span.end === end) return t.path;
  // A flow collection written after its key on this line: `erin: { kind: user, … } # TODO…`.
  const k = targetAt(parsed, lineStart + (before.length - before.trimStart().length));
  if (!k || k.part !== 'key') return undefined;
  const node = locate(parsed, k.path)?.node;
  return (isMap(node) || isSeq(node)) && node.flow && node.range?.[1] === end ? k.path : undefined;
}

export default defineRule({
  id: 'import-todo',
  set: 'core',
  severity: 'warning',
  summary: 'A `# TODO(crmsync import): …` comment that crmsync import left for a value it could not read.',
  docs: `\`crmsync import\` writes a plan from what an organisation's Dataverse export holds. Where the
export does not give it a value it may write, it leaves a comment \`# TODO(crmsync import): …\`:
after a placeholder \`""\` on the same line (an Exchange version or tenant id, an option code
without a token, a lookup to a record outside the export), after a value that needs an answer
(whether the Email Router is still installed), or as a whole line where it left a key out
(\`baseline\`, \`crmVersion\`, the on-premises keys). The rule reports every such comment, also one
written by hand, so that a plan nobody has completed does not pass \`crmsync check --max-warnings
0\`. It is a warning, not an error: a TODO is an open question, not a wrong value; where a value
is wrong or missing, the schema or another rule says so. There is no fix: write the value, then
delete the comment. Text inside a quoted string or a block scalar is not a comment.

### Invalid

\`\`\`yaml
version: 1
organization:
  name: fabrikam
  deployment: onPremises
  # TODO(crmsync import): crmVersion; the export does not say which on-premises version runs
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
\`\`\`

### Valid

\`\`\`yaml
version: 1
organization:
  name: fabrikam
  deployment: onPremises
  crmVersion: "8.2"
mailSystems:
  exch: { kind: exchangeServer, version: "2016" } # crmsync:id 5f1e9c2a-7b3d-4e8f-9a0b-1c2d3e4f5a6b
\`\`\`

Source: this tool (what \`crmsync import\` leaves for the author to fill in).`,
  check(ctx) {
    const parsed = ctx.parsed;
    // Most plans have no such comment; the others have a few in many lines.
    for (const c of commentsWith(parsed, MARKER)) {
      const body = c.text.slice(1).trimStart();
      if (!body.startsWith(MARKER)) continue;
      const todo = body.slice(MARKER.length).trim();
      // The value on the same line before the comment, when there is one.
      const at = valueBefore(parsed, c.span.start) ?? [];
      const related: RelatedSpec[] = at.length ? [{ at, message: 'Value written by crmsync import' }] : [];
      ctx.report({
        at,
        span: c.span,
        message: `crmsync import left this to do: '${todo}'. Fill it in, then delete this comment.`,
        related,
      });
    }
  },
});
