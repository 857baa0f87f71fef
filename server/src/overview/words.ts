/**
 * The words every drawing of the overview shares (SVG, HTML, Mermaid, text): what a node is
 * called, its count line and its findings line. One home, so that the diagram in VS Code, the
 * report and the terminal say the same thing. The model's labels and details are shown as
 * given (plain words, never a secret: overview-model.ts).
 */
import type { Severity } from '../analysis';
import type { FindingTally, OverviewNode, OverviewNodeKind, PlanOverview } from '../ide/overview-model';

export const KIND_WORDS: Record<OverviewNodeKind, string> = {
  organization: 'Organization',
  mailSystem: 'Mail system',
  profile: 'Server profile',
  mailboxGroup: 'Mailbox group',
};

export const SEVERITY_WORDS: Record<Severity | 'none', string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
  none: 'No findings',
};

/** "10,000": the same grouping on every platform (no locale). */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "2 errors · 1 warning", or undefined when there is no finding. */
export function tallyWords(t: FindingTally, sep = ' · '): string | undefined {
  const parts: string[] = [];
  if (t.error) parts.push(plural(t.error, 'error'));
  if (t.warning) parts.push(plural(t.warning, 'warning'));
  if (t.info) parts.push(`${count(t.info)} info`);
  return parts.length > 0 ? parts.join(sep) : undefined;
}

/** "rule-a ×2, rule-b" — the rule ids of a tally, worst first (the model's order). */
export function ruleWords(t: FindingTally): string {
  return t.rules.map((r) => (r.count > 1 ? `${r.ruleId} ×${r.count}` : r.ruleId)).join(', ');
}

/** The severity class of a node: its worst finding, or `none`. */
export function severityOf(t: FindingTally): Severity | 'none' {
  return t.worst ?? (t.error ? 'error' : t.warning ? 'warning' : t.info ? 'info' : 'none');
}

/** The caption above a node's title, e.g. "Server profile · default". */
export function captionOf(node: OverviewNode): string {
  const kind = node.kind === 'mailboxGroup' ? 'Mailboxes' : KIND_WORDS[node.kind];
  if (node.kind === 'profile') {
    const marks = [node.isDefault ? 'default' : undefined, node.active === false ? 'inactive' : undefined].filter(Boolean);
    return marks.length > 0 ? `${kind} · ${marks.join(' · ')}` : kind;
  }
  return kind;
}

/** How many mailboxes (and profiles) a node stands for, in words; undefined for the organisation. */
export function countWords(node: OverviewNode): string | undefined {
  switch (node.kind) {
    case 'organization':
      return undefined;
    case 'mailSystem':
      return `${plural(node.profileCount, 'profile')} · ${plural(node.mailboxCount, 'mailbox', 'mailboxes')}`;
    case 'profile': {
      if (node.mailboxCount === 0) return 'no mailbox';
      const via = node.mailboxCountViaDefault;
      const base = plural(node.mailboxCount, 'mailbox', 'mailboxes');
      if (via === 0) return base;
      return via === node.mailboxCount ? `${base}, all through the default` : `${base} (${count(via)} through the default)`;
    }
    case 'mailboxGroup':
      return plural(node.count, 'mailbox', 'mailboxes');
  }
}

/** The whole plan in one line, e.g. "3 profiles · 120 mailboxes · 2 errors · 1 warning". */
export function planWords(o: PlanOverview): string {
  let profiles = 0;
  let systems = 0;
  let mailboxes = 0;
  for (const n of o.nodes) {
    if (n.kind === 'profile') profiles++;
    else if (n.kind === 'mailSystem') systems++;
    else if (n.kind === 'mailboxGroup') mailboxes += n.count;
  }
  const parts = [plural(systems, 'mail system'), plural(profiles, 'server profile'), plural(mailboxes, 'mailbox', 'mailboxes')];
  parts.push(tallyWords(o.totals) ?? 'no findings');
  return parts.join(' · ');
}

/**
 * A sentence for screen readers: kind, title, details, counts and findings in words, e.g.
 * "Server profile exo-default (default): Exchange Online; in: S2S. 12 mailboxes. 1 error: rule-a."
 */
export function accessibleLabel(node: OverviewNode): string {
  const [, ...marks] = captionOf(node).split(' · ');
  let s = `${KIND_WORDS[node.kind]} ${node.label}${marks.length > 0 ? ` (${marks.join(', ')})` : ''}`;
  if (node.details.length > 0) s += `: ${node.details.join('; ')}`;
  s += '.';
  const counts = countWords(node);
  if (counts) s += ` ${counts.replace(/ · /g, ', ')}.`;
  const tally = tallyWords(node.findings, ', ');
  s += tally ? ` ${tally}: ${ruleWords(node.findings).replace(/×/g, 'times ')}.` : ' No findings.';
  return s;
}

/**
 * Characters that XML 1.0 cannot carry (C0 controls but tab and line breaks, lone surrogates,
 * U+FFFE/U+FFFF): a record id typed with one must not make the document invalid.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe for XML and HTML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITY[c]);
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** At most `max` characters (by code point), with an ellipsis when cut: nodes keep a bounded width. */
export function clip(s: string, max: number): string {
  const chars = Array.from(s.replace(/\s+/g, ' '));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
