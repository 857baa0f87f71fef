/**
 * The plain words editor features use for the plan's values: one home for the status bar
 * (plan-summary.ts) and the overview (plan-overview.ts), so that both name a deployment, a mail
 * system or an authentication option the same way. Words for what the model knows; callers
 * leave out what it does not know rather than guess.
 */
import type { Auth, ConnectionModel, Deployment, Engine, MailboxKind, MailSystemModel, Method, ServerType } from '../analysis/model';

export const DEPLOYMENT: Record<Deployment, string> = { online: 'CRM Online', onPremises: 'CRM on-premises' };

const PROVIDER: Record<string, string> = {
  gmail: 'Gmail',
  yahoo: 'Yahoo! Mail',
  msn: 'MSN',
  outlookCom: 'Outlook.com',
  windowsLiveMail: 'Windows Live Mail',
};

/** The mail system a server type talks to (a hybrid type talks to the same one across deployments). */
export const SERVER_TYPE: Record<ServerType, string> = {
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

export const ENGINE: Record<Engine, string> = { serverSideSync: 'Server-Side Synchronization', emailRouter: 'Email Router' };

/** Short, for a line that names three methods. */
export const METHOD: Record<Method, string> = { none: 'none', outlook: 'Outlook', serverSideSync: 'Server-Side Sync', forwardMailbox: 'Forward Mailbox' };

/** What a group of mailboxes of a kind is called. */
export const MAILBOX_KIND_PLURAL: Record<MailboxKind, string> = { user: 'users', queue: 'queues', forward: 'forward mailboxes' };

/** "Exchange Server 2016", "Gmail POP3/SMTP"; from the server type when the mail system is not known. */
export function mailSystemWords(system: MailSystemModel | undefined, serverType: ServerType | undefined): string | undefined {
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

/** How a connection signs in: "S2S", "impersonation" (profile credentials acting for each mailbox), … */
export function authWords(connection: ConnectionModel): string | undefined {
  const { auth, useImpersonation } = connection;
  if (!auth) return undefined;
  if (auth === 'serverProfile' && useImpersonation === true) return 'impersonation';
  return AUTH[auth];
}
