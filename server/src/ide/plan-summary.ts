/**
 * A plan's topology in words, for the client's status bar, e.g.
 * "CRM Online → Exchange Online (S2S)". Read from the analysis' model, so the client never
 * parses a plan (it asks for this with the `crmsync/planSummary` request). What the model does
 * not know is left out rather than guessed.
 */
import type { Analysis } from '../analysis';
import { isObj, type ProfileModel } from '../analysis/model';
import { authWords, DEPLOYMENT, mailSystemWords } from './words';

export interface PlanSummary {
  /** One line: deployment → mail system (authentication) of each used server profile. */
  readonly summary: string;
  /** One line per used server profile, for the tooltip. */
  readonly profiles: readonly string[];
}

/** At most this many profiles are named on the status bar; the tooltip lists them all. */
const SHOWN = 2;

/**
 * The summary of the analysed plan, or `undefined` when it has neither an `organization` nor
 * server profiles (for example while the user is still typing it).
 */
export function planSummary(analysis: Analysis): PlanSummary | undefined {
  const plan = analysis.plan;
  const value = analysis.value;
  if (!plan || !isObj(value) || (!isObj(value.organization) && !isObj(value.serverProfiles))) return undefined;

  // The profiles mail actually goes through: the default one, then those mailboxes name.
  const used: ProfileModel[] = [];
  const use = (p: ProfileModel | undefined) => {
    if (p && !used.includes(p)) used.push(p);
  };
  use(plan.defaults.serverProfile);
  for (const m of plan.mailboxes) if (m.profileWritten) use(m.profile);
  const parts: string[] = [];
  for (const p of used.length > 0 ? used : plan.profiles) {
    const system = mailSystemWords(p.mailSystem, p.serverType);
    if (!system) continue;
    const auth = authWords(p.incoming);
    const words = auth ? `${system} (${auth})` : system;
    if (!parts.includes(words)) parts.push(words);
  }

  const deployment = plan.deployment ? DEPLOYMENT[plan.deployment] : 'CRM';
  const shown = parts.length > SHOWN ? [...parts.slice(0, SHOWN), `+${parts.length - SHOWN} more`] : parts;
  return { summary: shown.length > 0 ? `${deployment} → ${shown.join(', ')}` : deployment, profiles: parts };
}
