/**
 * The one set of record snippets: offered by completion where a new record's id is typed
 * (directly under `mailSystems`, `serverProfiles` or `mailboxes`). The extension contributes
 * no static snippets, so an editor shows each of these once, with the plan's own mail system
 * ids as choices. Every snippet inserted into a matching plan adds no error and no schema
 * finding (the e2e suite checks each in VS Code, test/analysis/complete.test.ts in the core).
 */

import type { PlanModel } from '../analysis/model';

/** Ids already in the plan, offered as choices where a snippet names a record. */
export interface KnownIds {
  readonly mailSystems: readonly string[];
  readonly serverProfiles: readonly string[];
  /**
   * Exchange Online mail systems of another tenant than the organization's, with their tenant
   * ids (`otherTenantMailSystems`): the cross-tenant profile snippet names the first of them and
   * types its tenant id into the profile, as rule `exchange-online-cross-tenant` requires.
   */
  readonly otherTenants?: readonly { readonly mailSystem: string; readonly tenantId: string }[];
}

/** The Exchange Online mail systems whose known tenant id differs from `organization.tenantId`. */
export function otherTenantMailSystems(plan: PlanModel | undefined): NonNullable<KnownIds['otherTenants']> {
  if (!plan?.tenantId) return [];
  const own = plan.tenantId.toLowerCase();
  return plan.mailSystems.flatMap((m) => (m.kind === 'exchangeOnline' && m.tenantId && m.tenantId.toLowerCase() !== own ? [{ mailSystem: m.id, tenantId: m.tenantId }] : []));
}

export interface RecordSnippet {
  /** Shown in the completion list. */
  readonly label: string;
  /** What users type to find it, e.g. `profile-exchange-online`. */
  readonly prefix: string;
  /** Short prefixes that find it too (those of the extension's former static snippets). */
  readonly aliases?: readonly string[];
  /** One sentence: when to use it. */
  readonly description: string;
  /** The lines of the record, unindented; `${n:…}` placeholders, `$0` the final cursor. */
  readonly body: (known: KnownIds) => readonly string[];
}

/** `${n|a,b|}` over the known ids, else `${n:fallback}`. */
function idChoice(n: number, ids: readonly string[], fallback: string): string {
  return ids.length > 0 ? `\${${n}|${ids.join(',')}|}` : `\${${n}:${fallback}}`;
}

/** `text` escaped for the inside of a `${n:…}` placeholder. */
function placeholderText(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

export const RECORD_SNIPPETS: Readonly<Record<'mailSystems' | 'serverProfiles' | 'mailboxes', readonly RecordSnippet[]>> = {
  serverProfiles: [
    {
      label: 'New email server profile',
      prefix: 'profile',
      description: 'Any server type: the required keys, with the choices for each.',
      body: (x) => [
        '${1:profile-id}:',
        '  serverType: ${2|exchangeOnline,exchangeServer,exchangeServerHybrid,exchangeOnlineHybrid,pop3Smtp,imapSmtp|}',
        `  mailSystem: ${idChoice(3, x.mailSystems, 'mail-system-id')}`,
        '  incoming:',
        '    authenticateUsing: ${4|serverToServer,serverProfile,userOrQueue,windowsIntegrated,gmailOAuth,exchangeHybridModernAuth,azureAdOAuth|}$0',
      ],
    },
    {
      label: 'New Exchange Online profile',
      prefix: 'profile-exchange-online',
      aliases: ['sp-exo'],
      description: 'Exchange Online for CRM Online, with server-to-server authentication.',
      body: (x) => [
        '${1:exo}:',
        '  name: ${2:Microsoft Exchange Online}',
        '  serverType: exchangeOnline',
        `  mailSystem: ${idChoice(3, x.mailSystems, 'exo')}`,
        '  autodiscover: true',
        '  incoming:',
        '    authenticateUsing: serverToServer',
        '  useSameSettingsForOutgoing: true',
        '$0',
      ],
    },
    {
      label: 'New Exchange Online profile for another tenant (Azure AD OAuth)',
      prefix: 'profile-exchange-online-cross-tenant',
      description:
        'Exchange Online of another Microsoft 365 tenant for Dynamics 365 online: an app registration in that tenant (Application ID, client secret), the profile naming that tenant. Limited support: one warning.',
      body: (x) => {
        const other = x.otherTenants ?? [];
        return [
          '${1:exo-other-tenant}:',
          '  name: ${2:Exchange Online (other tenant)}',
          '  serverType: exchangeOnline',
          `  mailSystem: ${idChoice(3, other.map((o) => o.mailSystem), 'exo-other-tenant')}`,
          '  autodiscover: true',
          '  useDefaultTenantId: false',
          `  exchangeOnlineTenantId: \${4:${placeholderText(other[0]?.tenantId ?? '00000000-0000-0000-0000-000000000000')}}`,
          '  oauth:',
          '    applicationId: ${5:00000000-0000-0000-0000-000000000000}',
          '    clientSecret: { secretRef: "${6:env:CRMSYNC_EXO_OTHER_TENANT_CLIENT_SECRET}" }',
          '  incoming:',
          '    authenticateUsing: azureAdOAuth',
          '  useSameSettingsForOutgoing: true',
          '$0',
        ];
      },
    },
    {
      label: 'New Exchange Server (Hybrid) profile',
      prefix: 'profile-exchange-server-hybrid',
      aliases: ['sp-exch-hybrid'],
      description: 'Exchange Server on-premises for CRM Online: one service account with impersonation over HTTPS.',
      body: (x) => [
        '${1:exch-hybrid}:',
        '  name: ${2:Exchange Server (Hybrid)}',
        '  serverType: exchangeServerHybrid',
        `  mailSystem: ${idChoice(3, x.mailSystems, 'exch')}`,
        '  autodiscover: true',
        '  incoming:',
        '    authProtocol: ${4|ntlm,basic|}',
        '    authenticateUsing: serverProfile',
        '    useImpersonation: true',
        '    username: ${5:svc-crm-mail@contoso.com}',
        '    password: { secretRef: "${6:env:CRM_MAIL_PASSWORD}" }',
        '    mfa: false',
        '  useSameSettingsForOutgoing: true',
        '$0',
      ],
    },
    {
      label: 'New Exchange Server (Hybrid) profile with Hybrid Modern Auth',
      prefix: 'profile-exchange-server-hybrid-hma',
      description:
        'Exchange Server on-premises for Dynamics 365 online with Exchange Hybrid Modern Auth (HMA): no stored password; HMA needs the EWS URL.',
      body: (x) => [
        '${1:exch-hma}:',
        '  name: ${2:Exchange Server (On Prem), HMA}',
        '  serverType: exchangeServerHybrid',
        `  mailSystem: ${idChoice(3, x.mailSystems, 'exch')}`,
        '  incoming:',
        '    serverLocation: ${4:https://mail.contoso.com/EWS/Exchange.asmx}',
        '    authenticateUsing: exchangeHybridModernAuth',
        '  useSameSettingsForOutgoing: true',
        '$0',
      ],
    },
    {
      label: 'New Exchange Server profile',
      prefix: 'profile-exchange-server',
      aliases: ['sp-exch'],
      description: 'Exchange Server for CRM on-premises: one service account with impersonation.',
      body: (x) => [
        '${1:exch}:',
        '  name: ${2:Exchange Server}',
        '  serverType: exchangeServer',
        `  mailSystem: ${idChoice(3, x.mailSystems, 'exch')}`,
        '  autodiscover: false',
        '  incoming:',
        '    serverLocation: ${4:https://mail.contoso.local/EWS/Exchange.asmx}',
        '    authProtocol: ${5|autoDetect,negotiate,ntlm,basic|}',
        '    authenticateUsing: serverProfile',
        '    useImpersonation: true',
        '    username: ${6:svc-crm-mail@contoso.com}',
        '    password: { secretRef: "${7:env:CRM_MAIL_PASSWORD}" }',
        '  useSameSettingsForOutgoing: true',
        '$0',
      ],
    },
    {
      label: 'New Exchange Online (Hybrid) profile',
      prefix: 'profile-exchange-online-hybrid',
      aliases: ['sp-exo-hybrid'],
      description: 'Exchange Online for CRM on-premises (server-to-server through the Hybrid Connector).',
      body: (x) => [
        '${1:exo-hybrid}:',
        '  name: ${2:Exchange Online (Hybrid)}',
        '  serverType: exchangeOnlineHybrid',
        `  mailSystem: ${idChoice(3, x.mailSystems, 'exo')}`,
        '  useDefaultTenantId: true',
        '  autodiscover: true',
        '  incoming:',
        '    authenticateUsing: serverToServer',
        '  useSameSettingsForOutgoing: true',
        '$0',
      ],
    },
    {
      label: 'New POP3/SMTP profile',
      prefix: 'profile-pop3-smtp',
      aliases: ['sp-pop3'],
      description: 'POP3/SMTP (email only); mailboxes sign in with their own credentials. For Gmail use the Gmail OAuth profile.',
      body: (x) => [
        '${1:pop}:',
        '  name: ${2:POP3/SMTP}',
        '  serverType: pop3Smtp',
        `  mailSystem: ${idChoice(3, x.mailSystems, 'yahoo')}`,
        '  incoming:',
        '    serverLocation: ${4:pop.mail.yahoo.com}',
        '    port: ${5:995}',
        '    useSsl: true',
        '    authProtocol: basic',
        '    authenticateUsing: userOrQueue',
        '  useSameSettingsForOutgoing: true',
        '  outgoing:',
        '    serverLocation: ${6:smtp.mail.yahoo.com}',
        '    port: ${7:465}',
        '    useSsl: true',
        '    authProtocol: basic',
        '$0',
      ],
    },
    {
      label: 'New IMAP/SMTP profile',
      prefix: 'profile-imap-smtp',
      aliases: ['sp-imap'],
      description: 'IMAP/SMTP (CRM Online, Dynamics 365 version 9 and later; email only).',
      body: (x) => [
        '${1:imap}:',
        '  name: ${2:IMAP/SMTP}',
        '  serverType: imapSmtp',
        `  mailSystem: ${idChoice(3, x.mailSystems, 'yahoo')}`,
        '  incoming:',
        '    serverLocation: ${4:imap.mail.yahoo.com}',
        '    port: ${5:993}',
        '    useSsl: true',
        '    authenticateUsing: userOrQueue',
        '  useSameSettingsForOutgoing: true',
        '  outgoing:',
        '    serverLocation: ${6:smtp.mail.yahoo.com}',
        '    port: ${7:465}',
        '    useSsl: true',
        '$0',
      ],
    },
    {
      label: 'New Gmail OAuth profile (IMAP/SMTP)',
      prefix: 'profile-gmail-oauth',
      description:
        'Gmail with Gmail OAuth (Dynamics 365 9.1 and later, up to 100 users): a Google OAuth client on the profile; each user signs in to Gmail once. Gmail no longer accepts user name and password.',
      body: (x) => [
        '${1:gmail-oauth}:',
        '  name: ${2:Gmail OAuth IMAP/SMTP}',
        '  serverType: imapSmtp',
        `  mailSystem: ${idChoice(3, x.mailSystems, 'gmail')}`,
        '  oauth:',
        '    applicationId: ${4:client-id.apps.googleusercontent.com}',
        '    clientSecret: { secretRef: "${5:env:CRMSYNC_GMAIL_OAUTH_CLIENT_SECRET}" }',
        '  incoming:',
        '    serverLocation: imap.gmail.com',
        '    port: 993',
        '    useSsl: true',
        '    authenticateUsing: gmailOAuth',
        '  useSameSettingsForOutgoing: true',
        '  outgoing:',
        '    serverLocation: smtp.gmail.com',
        '    port: 587',
        '    useSsl: true',
        '$0',
      ],
    },
  ],
  mailboxes: [
    {
      label: 'New user mailbox',
      prefix: 'mailbox-user',
      aliases: ['mb-user'],
      description: 'A user mailbox.',
      body: () => ['${1:mailbox-id}:', '  kind: user', '  regarding: ${2:Full Name}', '  emailAddress: ${3:name@contoso.com}$0'],
    },
    {
      label: 'New queue mailbox',
      prefix: 'mailbox-queue',
      aliases: ['mb-queue'],
      description: 'A queue mailbox (email only).',
      body: () => ['${1:mailbox-id}:', '  kind: queue', '  regarding: ${2:Queue Name}', '  emailAddress: ${3:queue@contoso.com}', '  appointmentsContactsTasks: none$0'],
    },
    {
      label: 'New forward mailbox',
      prefix: 'mailbox-forward',
      aliases: ['mb-forward'],
      description: "A forward mailbox: a dedicated drop box that receives users' mail as attachments; it has no Regarding and never sends.",
      body: () => ['${1:forward}:', '  kind: forward', '  name: ${2:Forward Mailbox}', '  emailAddress: ${3:forward@contoso.com}', '  outgoingEmail: none', '  appointmentsContactsTasks: none$0'],
    },
  ],
  mailSystems: [
    {
      label: 'New Exchange Online mail system',
      prefix: 'mail-system-exchange-online',
      description: 'An Exchange Online tenant.',
      body: () => ['${1:exo}:', '  kind: exchangeOnline', '  tenantId: ${2:00000000-0000-0000-0000-000000000000}$0'],
    },
    {
      label: 'New Exchange Server mail system',
      prefix: 'mail-system-exchange-server',
      description: 'An on-premises Exchange Server organisation.',
      body: () => ['${1:exchange}:', '  kind: exchangeServer', '  version: "${2|2013,2016,2019|}"$0'],
    },
    {
      label: 'New POP3/SMTP mail system',
      prefix: 'mail-system-pop3-smtp',
      description: 'A POP3/SMTP provider.',
      body: () => ['${1:pop3}:', '  kind: pop3Smtp', '  provider: ${2|gmail,yahoo,msn,outlookCom,windowsLiveMail,other|}$0'],
    },
  ],
};
