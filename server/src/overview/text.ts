/**
 * The overview as a tree for the terminal (`crmsync explain`, the default format): the
 * organisation, its mail systems, its server profiles each with their groups of mailboxes
 * (counts and methods), the findings of each node (counts and rule ids) and the totals. Control
 * characters of record ids are replaced, so a plan cannot send escape sequences to the terminal.
 */
import type { OverviewNode, PlanOverview } from '../ide/overview-model';
import { countWords, planWords, ruleWords, tallyWords } from './words';

interface Item {
  readonly line: string;
  /** Lines under the item's own line (its findings). */
  readonly notes: readonly string[];
  readonly children: readonly Item[];
}

/** One terminal line: no control character, no line break. */
function safe(s: string): string {
  return s.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, '\uFFFD');
}

function findingsNote(node: OverviewNode): string[] {
  const tally = tallyWords(node.findings, ', ');
  return tally ? [`${node.findings.error ? '✖' : node.findings.warning ? '⚠' : 'ℹ'} ${tally}: ${ruleWords(node.findings)}`] : [];
}

function marks(node: OverviewNode): string {
  if (node.kind !== 'profile') return '';
  const m = [node.isDefault ? 'default' : '', node.active === false ? 'inactive' : ''].filter(Boolean);
  return m.length > 0 ? ` (${m.join(', ')})` : '';
}

function item(node: OverviewNode, children: readonly Item[] = []): Item {
  const words = [...node.details];
  if (node.kind !== 'mailboxGroup') {
    const counts = countWords(node);
    if (counts) words.push(counts);
  }
  if (node.kind === 'profile' && node.mailSystemId) words.push(`→ ${node.mailSystemId}`);
  const head = node.kind === 'mailboxGroup' ? `${node.label}: ${countWords(node)}` : `${node.label}${marks(node)}`;
  const line = words.length > 0 ? `${head} — ${words.join(' · ')}` : head;
  return { line: safe(line), notes: findingsNote(node).map(safe), children };
}

function draw(items: readonly Item[], prefix: string, out: string[]): void {
  items.forEach((it, i) => {
    const last = i === items.length - 1;
    out.push(`${prefix}${last ? '└─ ' : '├─ '}${it.line}`);
    const inner = prefix + (last ? '   ' : '│  ');
    for (const note of it.notes) out.push(`${inner}${it.children.length > 0 ? '│  ' : '   '}${note}`);
    draw(it.children, inner, out);
  });
}

export function renderText(o: PlanOverview): string {
  const byId = new Map(o.nodes.map((n) => [n.id, n]));
  const groupsOf = new Map<string, OverviewNode[]>();
  const orphans: OverviewNode[] = [];
  const placed = new Set<string>();
  for (const e of o.edges) {
    if (e.kind !== 'mailboxes') continue;
    const owner = byId.get(e.from);
    const group = byId.get(e.to);
    if (!owner || !group || group.kind !== 'mailboxGroup' || placed.has(group.id)) continue;
    placed.add(group.id);
    if (owner.kind === 'profile') {
      if (!groupsOf.has(owner.id)) groupsOf.set(owner.id, []);
      groupsOf.get(owner.id)!.push(group);
    } else orphans.push(group);
  }
  for (const n of o.nodes) if (n.kind === 'mailboxGroup' && !placed.has(n.id)) orphans.push(n);

  const org = o.nodes.find((n) => n.kind === 'organization');
  const out: string[] = [];
  if (org) {
    const head = item(org);
    out.push(`Organization ${head.line}`);
    for (const note of head.notes) out.push(`│  ${note}`);
  } else out.push('Organization (not described)');

  const sections: Item[] = [];
  const systems = o.nodes.filter((n) => n.kind === 'mailSystem').map((n) => item(n));
  if (systems.length > 0) sections.push({ line: 'Mail systems', notes: [], children: systems });
  const profiles = o.nodes.filter((n) => n.kind === 'profile').map((n) => item(n, (groupsOf.get(n.id) ?? []).map((g) => item(g))));
  sections.push({ line: profiles.length > 0 ? 'Server profiles' : 'Server profiles: none', notes: [], children: profiles });
  if (orphans.length > 0) sections.push({ line: 'Mailboxes without a known server profile', notes: [], children: orphans.map((g) => item(g)) });
  draw(sections, '', out);

  out.push('');
  const tally = tallyWords(o.totals, ', ');
  out.push(`Totals: ${planWords(o)}`);
  if (tally) out.push(`Rules: ${ruleWords(o.totals)}`);
  return `${out.join('\n')}\n`;
}
