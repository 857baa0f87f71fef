/**
 * Every finding id crmsync can produce, with its metadata: the parser, schema and reference
 * findings of docs/plan-format.md#parser-and-schema-findings and the domain rules of the registry.
 */
import { RULES } from './rules';
import type { SeverityByBaseline } from './rules/define';
import { warningPolicyTable } from './syntax-hints';

export interface CatalogEntry {
  readonly id: string;
  readonly kind: 'parser' | 'schema' | 'reference' | 'suppression' | 'rule';
  readonly set?: 'core' | 'extended';
  readonly summary: string;
  readonly severities: SeverityByBaseline;
  readonly severityNote?: string;
  readonly docs?: string;
  readonly hasFix: boolean;
}

/** The `yaml-syntax` docs: what is an error, what a warning, with the per-warning decisions. */
const YAML_SYNTAX_DOCS = `Every error of the \`yaml\` parser is a \`yaml-syntax\` **error**, and so are the plan's own
restrictions: a second document (after \`---\`), a tag outside the core schema (\`!secret\`,
\`!!int\` on a value that is no integer), a mapping or list used as a key, a control character
(a binary file), and aliases that expand to more than 1,000 nodes (an alias bomb). With any
\`yaml-syntax\` error only \`yaml-syntax\` and \`duplicate-key\` are reported: schema and rule
checks need a trustworthy tree.

The parser's *warnings* are about YAML that is valid, or that it reads as intended anyway. Each is
decided by its code and message:

${warningPolicyTable()}

A \`yaml-syntax\` **warning** does not stop the schema and rule checks. Where the parser's message
has a plain-language hint (a missing closing quote, a value that contains \`: \`, tabs as
indentation, …) it is added to the message; messages without a hint that is true for every case
get none, and nothing in a file with a control character gets one.`;

const ERROR: SeverityByBaseline = { crm2016: 'error', 'd365-8.2': 'error', 'd365-9': 'error' };

const BUILTIN: readonly CatalogEntry[] = [
  {
    id: 'yaml-syntax',
    kind: 'parser',
    summary: 'The file is not valid YAML (or holds a second document, an unknown tag or an alias bomb); a warning for YAML that is valid but suspect.',
    severities: ERROR,
    severityNote: 'a warning for the parser warnings listed below',
    docs: YAML_SYNTAX_DOCS,
    hasFix: false,
  },
  { id: 'duplicate-key', kind: 'parser', summary: 'A key, or an id, is repeated in one mapping; only the last occurrence is used.', severities: ERROR, hasFix: true },
  { id: 'schema/required', kind: 'schema', summary: 'A required key is missing.', severities: ERROR, hasFix: true },
  { id: 'schema/additional-properties', kind: 'schema', summary: 'A key that the plan format does not know.', severities: ERROR, hasFix: true },
  { id: 'schema/enum', kind: 'schema', summary: 'A value that is not one of the allowed values.', severities: ERROR, hasFix: true },
  { id: 'schema/type', kind: 'schema', summary: 'A value of the wrong type (text for a boolean, a number for a version string, …).', severities: ERROR, hasFix: true },
  { id: 'schema/range', kind: 'schema', summary: 'A number, text length or list length outside its allowed range.', severities: ERROR, hasFix: true },
  { id: 'schema/pattern', kind: 'schema', summary: 'A value or id that does not have the required form (GUID, address, id, secret reference, date).', severities: ERROR, hasFix: true },
  { id: 'invalid-suppression', kind: 'suppression', summary: 'A crmsync-disable comment without a reason, naming an unknown rule id, or suppressing nothing.', severities: { crm2016: 'warning', 'd365-8.2': 'warning', 'd365-9': 'warning' }, hasFix: true },
  { id: 'unknown-reference', kind: 'reference', summary: 'A reference names a profile or mail system that does not exist.', severities: ERROR, hasFix: true },
];

export function catalog(): CatalogEntry[] {
  return [
    ...BUILTIN,
    ...RULES.map((r) => ({
      id: r.id,
      kind: 'rule' as const,
      set: r.set,
      summary: r.summary,
      severities: r.severities,
      severityNote: r.severityNote,
      docs: r.docs,
      hasFix: r.hasFix ?? false,
    })),
  ];
}

/** Every id a suppression comment or a severity setting may name. */
export function knownIds(): Set<string> {
  return new Set(catalog().map((e) => e.id));
}
