/**
 * Describes a plan's topology in words for the status bar, e.g.
 * "CRM Online → Exchange Online (S2S)". Reads only the plan text (no vscode API), so it stays
 * cheap and testable; anything it cannot read is left out rather than guessed.
 */
import { parse } from 'yaml';

export interface Topology {
  /** One line: deployment → mail system (auth) of each used server profile. */
  readonly summary: string;
  /** One line per used server profile, for the tooltip. */
  readonly profiles: readonly string[];
}

const DEPLOYMENT: Record<string, string> = { online: 'CRM Online', onPremises: 'CRM on-premises' };

const PROVIDER: Record<string, string> = {
  gmail: 'Gmail',
  yahoo: 'Yahoo! Mail',
  msn: 'MSN',
  outlookCom: 'Outlook.com',
  windowsLiveMail: 'Windows Live Mail',
};

const SERVER_TYPE: Record<string, string> = {
  exchangeOnline: 'Exchange Online',
  exchangeOnlineHybrid: 'Exchange Online',
  exchangeServer: 'Exchange Server',
  exchangeServerHybrid: 'Exchange Server',
  pop3Smtp: 'POP3/SMTP',
  imapSmtp: 'IMAP/SMTP',
};

const AUTH: Record<string, string> = {
  serverToServer: 'S2S',
  serverProfile: 'profile credentials',
  userOrQueue: 'mailbox credentials',
  windowsIntegrated: 'Windows',
  anonymous: 'anonymous',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

/** Words for a mail system entry (`mailSystems.<id>`), falling back to the profile's server type. */
function mailSystemWords(system: unknown, serverType: string | undefined): string | undefined {
  if (isObj(system)) {
    const kind = str(system.kind);
    const provider = PROVIDER[str(system.provider) ?? ''];
    if (kind === 'exchangeOnline') return 'Exchange Online';
    if (kind === 'exchangeServer') return ['Exchange Server', str(system.version)].filter(Boolean).join(' ');
    if (kind === 'pop3Smtp') return provider ? `${provider} POP3/SMTP` : 'POP3/SMTP';
    if (kind === 'imapSmtp') return provider ? `${provider} IMAP/SMTP` : 'IMAP/SMTP';
  }
  return serverType ? SERVER_TYPE[serverType] : undefined;
}

function authWords(profile: Obj): string | undefined {
  const incoming = isObj(profile.incoming) ? profile.incoming : undefined;
  const using = str(incoming?.authenticateUsing);
  if (!using) return undefined;
  if (using === 'serverProfile' && incoming?.useImpersonation === true) return 'impersonation';
  return AUTH[using] ?? using;
}

/**
 * The topology of a plan, or `undefined` when the text is not a YAML mapping with an
 * `organization` or `serverProfiles` (for example while the user is still typing it).
 */
export function describeTopology(text: string): Topology | undefined {
  let plan: unknown;
  try {
    plan = parse(text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    return undefined;
  }
  if (!isObj(plan)) return undefined;
  const org = isObj(plan.organization) ? plan.organization : {};
  const profiles = isObj(plan.serverProfiles) ? plan.serverProfiles : {};
  const systems = isObj(plan.mailSystems) ? plan.mailSystems : {};
  if (!isObj(plan.organization) && !isObj(plan.serverProfiles)) return undefined;

  // The profiles that mail actually goes through: the default one and those mailboxes name.
  const used = new Set<string>();
  const defaults = isObj(plan.systemSettings) && isObj(plan.systemSettings.defaults) ? plan.systemSettings.defaults : {};
  const defaultProfile = str(defaults.serverProfile);
  if (defaultProfile && defaultProfile in profiles) used.add(defaultProfile);
  if (isObj(plan.mailboxes)) {
    for (const mb of Object.values(plan.mailboxes)) {
      const id = isObj(mb) ? str(mb.serverProfile) : undefined;
      if (id && id in profiles) used.add(id);
    }
  }
  const ids = used.size > 0 ? [...used] : Object.keys(profiles);

  const parts: string[] = [];
  for (const id of ids) {
    const p = profiles[id];
    if (!isObj(p)) continue;
    const system = mailSystemWords(systems[str(p.mailSystem) ?? ''], str(p.serverType));
    if (!system) continue;
    const auth = authWords(p);
    const words = auth ? `${system} (${auth})` : system;
    if (!parts.includes(words)) parts.push(words);
  }

  const deployment = DEPLOYMENT[str(org.deployment) ?? ''] ?? 'CRM';
  const shown = parts.length > 2 ? [...parts.slice(0, 2), `+${parts.length - 2} more`] : parts;
  const summary = shown.length > 0 ? `${deployment} → ${shown.join(', ')}` : deployment;
  return { summary, profiles: parts };
}
