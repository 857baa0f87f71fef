/**
 * The overview as Mermaid flowchart text (`crmsync explain --format mermaid`), to paste into a
 * wiki page or a pull request: the same nodes and edges as the SVG, read left to right
 * (organisation, mailbox groups, profiles, mail systems), each node's class its worst finding.
 *
 * Node ids are short and positional (`org`, `ms1`, `pr1`, `mb1`): the model's ids hold
 * characters Mermaid would read as syntax, and positional ids can never be a keyword (`end`).
 * Labels are quoted, and every character Mermaid or the HTML it renders could take as markup is
 * written as an entity code (`#quot;`, `#lt;`, `#35;` …): a record id cannot break the diagram
 * or inject markup into the page it is pasted in.
 */
import type { OverviewNode, OverviewNodeKind, PlanOverview } from '../ide/overview-model';
import { captionOf, countWords, planWords, severityOf, tallyWords } from './words';

/** Entity codes for the characters that are syntax in a quoted Mermaid label or in HTML. */
const CODES: Record<string, string> = { '"': '#quot;', '#': '#35;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '`': '#96;' };

/** A piece of label text: one line, entity-coded, without control characters. */
function mermaidText(s: string): string {
  return s
    .replace(/[\u0000-\u001F\u007F\u2028\u2029]+/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/["#<>&`]/g, (c) => CODES[c]);
}

/** Opening and closing brackets of each kind's shape. */
const SHAPE: Record<OverviewNodeKind, readonly [string, string]> = {
  organization: ['[[', ']]'],
  mailSystem: ['[(', ')]'],
  profile: ['[', ']'],
  mailboxGroup: ['(', ')'],
};

const PREFIX: Record<OverviewNodeKind, string> = { organization: 'org', mailSystem: 'ms', profile: 'pr', mailboxGroup: 'mb' };

const CLASS = { error: 'sevError', warning: 'sevWarning', info: 'sevInfo', none: 'sevNone' } as const;

const CLASS_DEFS = [
  'classDef sevError fill:#ffebe9,stroke:#cf222e,stroke-width:2px,color:#1f2328',
  'classDef sevWarning fill:#fff8c5,stroke:#bf8700,stroke-width:2px,color:#1f2328',
  'classDef sevInfo fill:#ddf4ff,stroke:#0969da,stroke-width:1px,color:#1f2328',
  'classDef sevNone fill:#ffffff,stroke:#8c959f,stroke-width:1px,color:#1f2328',
];

function label(node: OverviewNode): string {
  const lines = [captionOf(node).toUpperCase(), node.label, ...node.details];
  const counts = countWords(node);
  if (counts) lines.push(counts);
  const tally = tallyWords(node.findings);
  if (tally) lines.push(tally);
  return lines.map(mermaidText).join('<br/>');
}

export function renderMermaid(o: PlanOverview): string {
  const ids = new Map<string, string>();
  const counters: Record<OverviewNodeKind, number> = { organization: 0, mailSystem: 0, profile: 0, mailboxGroup: 0 };
  const kindOf = new Map<string, OverviewNodeKind>();
  const out = ['flowchart LR', `  %% ${mermaidText(`Plan overview (crmsync explain): ${planWords(o)}`)}`];
  for (const n of o.nodes) {
    if (ids.has(n.id)) continue;
    const k = ++counters[n.kind];
    const id = n.kind === 'organization' && k === 1 ? 'org' : `${PREFIX[n.kind]}${k}`;
    ids.set(n.id, id);
    kindOf.set(n.id, n.kind);
    const [open, close] = SHAPE[n.kind];
    out.push(`  ${id}${open}"${label(n)}"${close}`);
  }
  const hasGroups = counters.mailboxGroup > 0;
  const seen = new Set<string>();
  for (const e of o.edges) {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    if (!from || !to || from === to) continue;
    const key = from < to ? `${from} ${to}` : `${to} ${from}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (e.kind === 'profile') out.push(`  ${from} ${hasGroups ? '-..->' : '-.->'} ${to}`);
    else if (e.kind === 'mailSystem') out.push(`  ${from} --> ${to}`);
    // Mailboxes point at the profile they sync through (so groups come before profiles);
    // a group with no known profile hangs off the organisation.
    else if (kindOf.get(e.from) === 'profile') out.push(`  ${to} --> ${from}`);
    else out.push(`  ${from} --- ${to}`);
  }
  out.push(...CLASS_DEFS.map((d) => `  ${d}`));
  const bySeverity = new Map<string, string[]>();
  for (const n of o.nodes) {
    const cls = CLASS[severityOf(n.findings)];
    if (!bySeverity.has(cls)) bySeverity.set(cls, []);
    const id = ids.get(n.id)!;
    if (!bySeverity.get(cls)!.includes(id)) bySeverity.get(cls)!.push(id);
  }
  for (const cls of Object.values(CLASS)) {
    const list = bySeverity.get(cls);
    if (list) out.push(`  class ${list.join(',')} ${cls}`);
  }
  return `${out.join('\n')}\n`;
}
