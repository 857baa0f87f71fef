/**
 * What a node's box holds and how big it is: the lines of text (caption, title, details,
 * counts, findings), each clipped to a bounded length, and the box size estimated from them.
 * The layout sizes the boxes with it and the SVG writes exactly these lines, so text never
 * overflows its box. No font is measured (no DOM): widths are estimated per character,
 * generously, for the sans-serif font the SVG asks for.
 */
import type { OverviewNode } from '../ide/overview-model';
import { captionOf, clip, countWords, tallyWords } from './words';

export type LineRole = 'caption' | 'title' | 'detail' | 'count' | 'findings';

export interface BoxLine {
  readonly role: LineRole;
  readonly text: string;
  /** The baseline, from the top of the box. */
  readonly y: number;
}

export interface Box {
  readonly lines: readonly BoxLine[];
  readonly width: number;
  readonly height: number;
}

/** Font size, line height and estimated average advance (px per character) of each role. */
const METRICS: Record<LineRole, { readonly size: number; readonly height: number; readonly advance: number; readonly max: number }> = {
  caption: { size: 10, height: 15, advance: 6.6, max: 40 },
  title: { size: 14, height: 20, advance: 8.6, max: 34 },
  detail: { size: 12, height: 16, advance: 6.8, max: 46 },
  count: { size: 12, height: 16, advance: 6.6, max: 46 },
  findings: { size: 12, height: 16, advance: 7.2, max: 44 },
};

export const PADDING_X = 14;
const PADDING_TOP = 8;
const PADDING_BOTTOM = 9;
const MIN_WIDTH = 150;
/** A group is drawn as a stack of cards: the cards behind stick out by this much (right and below). */
export const STACK = 6;
/** A mail system is drawn as a cylinder: the vertical radius of its top and bottom ellipses. */
export const CAP = 7;
/** At most this many detail lines are drawn (the rest stay in the tooltip and the aria-label). */
const MAX_DETAILS = 4;

/**
 * A detail too long for one line, broken after a " · " (the model's separator of facts) so that
 * each line holds whole facts; a single fact longer than a line is clipped later.
 */
function wrap(text: string, max: number): string[] {
  const facts = text.split(' · ');
  const lines: string[] = [];
  for (const fact of facts) {
    const last = lines.length - 1;
    if (last >= 0 && Array.from(`${lines[last]} · ${fact}`).length <= max) lines[last] = `${lines[last]} · ${fact}`;
    else lines.push(fact);
  }
  return lines;
}

export function boxOf(node: OverviewNode): Box {
  const raw: { role: LineRole; text: string }[] = [{ role: 'caption', text: captionOf(node).toUpperCase() }, { role: 'title', text: node.label }];
  const details = node.details.slice(0, MAX_DETAILS);
  if (node.details.length > MAX_DETAILS) details[MAX_DETAILS - 1] = `${details[MAX_DETAILS - 1]} …`;
  for (const d of details) for (const part of wrap(d, METRICS.detail.max)) raw.push({ role: 'detail', text: part });
  const counts = countWords(node);
  if (counts) raw.push({ role: 'count', text: counts });
  const tally = tallyWords(node.findings);
  if (tally) raw.push({ role: 'findings', text: tally });

  let y = PADDING_TOP + (node.kind === 'mailSystem' ? 2 * CAP - 2 : 0);
  let width = MIN_WIDTH;
  const lines: BoxLine[] = [];
  for (const { role, text } of raw) {
    const m = METRICS[role];
    const shown = clip(text, m.max);
    y += m.height;
    lines.push({ role, text: shown, y: y - (m.height - m.size) / 2 - 1 });
    width = Math.max(width, Math.ceil(Array.from(shown).length * m.advance + 2 * PADDING_X));
  }
  const extra = node.kind === 'mailboxGroup' ? STACK : 0;
  return { lines, width: width + extra, height: y + PADDING_BOTTOM + extra + (node.kind === 'mailSystem' ? CAP : 0) };
}
