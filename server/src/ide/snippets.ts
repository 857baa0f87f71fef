/**
 * The one set of record snippets: offered by completion where a new record's id is typed
 * (directly under `mailSystems`, `serverProfiles` or `mailboxes`). The extension contributes
 * no static snippets, so an editor shows each of these once, with the plan's own mail system
 * ids as choices. Every snippet inserted into a matching plan adds no error and no schema
 * finding (the e2e suite checks each in VS Code, test/analysis/complete.test.ts in the core).
 */

/** Ids already in the plan, offered as choices where a snippet names a record. */
export interface KnownIds {
  readonly mailSystems: readonly string[];
  readonly serverProfiles: readonly string[];
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
        '    authenticateUsing: ${4|serverToServer,serverProfile,userOrQueue,windowsIntegrated|}$0',
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
        '    username: ${6:CONTOSO\\\\svc-crm-mail}',
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
      description: 'POP3/SMTP (email only); mailboxes sign in with their own credentials.',
      body: (x) => [
        '${1:pop}:',
        '  name: ${2:POP3/SMTP}',
        '  serverType: pop3Smtp',
        `  mailSystem: ${idChoice(3, x.mailSystems, 'gmail')}`,
        '  incoming:',
        '    serverLocation: ${4:pop.gmail.com}',
        '    port: ${5:995}',
        '    useSsl: true',
        '    authProtocol: basic',
        '    authenticateUsing: userOrQueue',
        '  useSameSettingsForOutgoing: true',
        '  outgoing:',
        '    serverLocation: ${6:smtp.gmail.com}',
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
