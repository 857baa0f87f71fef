/**
 * A plan's topology in words, for the client's status bar, e.g.
 * "CRM Online → Exchange Online (S2S)". Read from the analysis' model, so the client never
 * parses a plan (it asks for this with the `crmsync/planSummary` request). What the model does
 * not know is left out rather than guessed.
 */
import type { Analysis } from '../analysis';
import { isObj, type Auth, type Deployment, type MailSystemModel, type ProfileModel, type ServerType } from '../analysis/model';

export interface PlanSummary {
  /** One line: deployment → mail system (authentication) of each used server profile. */
  readonly summary: string;
  /** One line per used server profile, for the tooltip. */
  readonly profiles: readonly string[];
}

const DEPLOYMENT: Record<Deployment, string> = { online: 'CRM Online', onPremises: 'CRM on-premises' };

const PROVIDER: Record<string, string> = {
  gmail: 'Gmail',
  yahoo: 'Yahoo! Mail',
  msn: 'MSN',
  outlookCom: 'Outlook.com',
  windowsLiveMail: 'Windows Live Mail',
};

const SERVER_TYPE: Record<ServerType, string> = {
  exchangeOnline: 'Exchange Online',
  exchangeOnlineHybrid: 'Exchange Online',
  exchangeServer: 'Exchange Server',
  exchangeServerHybrid: 'Exchange Server',
  pop3Smtp: 'POP3/SMTP',
  imapSmtp: 'IMAP/SMTP',
};

const AUTH: Record<Auth, string> = {
  serverToServer: 'S2S',
  serverProfile: 'profile credentials',
  userOrQueue: 'mailbox credentials',
  windowsIntegrated: 'Windows',
  anonymous: 'anonymous',
  gmailOAuth: 'Gmail OAuth',
  exchangeHybridModernAuth: 'HMA',
  azureAdOAuth: 'Azure AD OAuth',
};

/** At most this many profiles are named on the status bar; the tooltip lists them all. */
const SHOWN = 2;

function mailSystemWords(system: MailSystemModel | undefined, serverType: ServerType | undefined): string | undefined {
  const provider = system?.provider ? PROVIDER[system.provider] : undefined;
  switch (system?.kind) {
    case 'exchangeOnline':
      return 'Exchange Online';
    case 'exchangeServer':
      return system.version ? `Exchange Server ${system.version}` : 'Exchange Server';
    case 'pop3Smtp':
      return provider ? `${provider} POP3/SMTP` : 'POP3/SMTP';
    case 'imapSmtp':
      return provider ? `${provider} IMAP/SMTP` : 'IMAP/SMTP';
    default:
      return serverType ? SERVER_TYPE[serverType] : undefined;
  }
}

function authWords(profile: ProfileModel): string | undefined {
  const { auth, useImpersonation } = profile.incoming;
  if (!auth) return undefined;
  if (auth === 'serverProfile' && useImpersonation === true) return 'impersonation';
  return AUTH[auth];
}

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
    const auth = authWords(p);
    const words = auth ? `${system} (${auth})` : system;
    if (!parts.includes(words)) parts.push(words);
  }

  const deployment = plan.deployment ? DEPLOYMENT[plan.deployment] : 'CRM';
  const shown = parts.length > SHOWN ? [...parts.slice(0, SHOWN), `+${parts.length - SHOWN} more`] : parts;
  return { summary: shown.length > 0 ? `${deployment} → ${shown.join(', ')}` : deployment, profiles: parts };
}
