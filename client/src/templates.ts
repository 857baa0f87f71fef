/**
 * Plan templates for "CRM Sync: New Plan…": one per supported topology, numbered M1, M3–M8 as
 * the rows of the support matrix the rules were written from (each `label` names its topology).
 * Each template is a complete, valid plan that uses placeholder names the user replaces; the e2e
 * suite checks that none of them has an error or a warning.
 */

export interface PlanTemplate {
  /** Stable id, also accepted as the command's argument (`crmsync.newPlan`). */
  readonly id: string;
  /** Its row of the support matrix (M1, M3–M8), named in the template's header comment. */
  readonly row: string;
  readonly label: string;
  readonly detail: string;
  readonly text: string;
}

const header = (row: string, title: string) =>
  `# ${title} (support matrix row ${row}).\n# Replace the placeholder names; secrets are references (env:, file:, keyvault:), never values.\n`;

export const TEMPLATES: readonly PlanTemplate[] = [
  {
    id: 'online-exchange-online',
    row: 'M1',
    label: 'CRM Online → Exchange Online',
    detail: 'Same Office 365 tenant; Exchange Online profile with server-to-server authentication',
    text: `${header('M1', 'CRM Online with Exchange Online in the same tenant')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.0"
  tenantId: 00000000-0000-4000-8000-000000000001
mailSystems:
  exo:
    kind: exchangeOnline
    tenantId: 00000000-0000-4000-8000-000000000001
systemSettings:
  processEmailUsing: serverSideSync
  defaults:
    serverProfile: exo
    incomingEmail: serverSideSync
    outgoingEmail: serverSideSync
    appointmentsContactsTasks: serverSideSync
serverProfiles:
  exo:
    name: Microsoft Exchange Online
    serverType: exchangeOnline
    mailSystem: exo
    autodiscover: true
    incoming:
      authenticateUsing: serverToServer
    useSameSettingsForOutgoing: true
mailboxes:
  alice:
    kind: user
    regarding: Alice Example
    emailAddress: alice@contoso.com
    approval: approved
`,
  },
  {
    id: 'online-exchange-server',
    row: 'M3',
    label: 'CRM Online → Exchange Server (Hybrid)',
    detail: 'Exchange Server on-premises; one service account with impersonation over HTTPS',
    text: `${header('M3', 'CRM Online with Exchange Server on-premises')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.0"
  tenantId: 00000000-0000-4000-8000-000000000001
mailSystems:
  exch:
    kind: exchangeServer
    version: "2016"
    ewsAuthentication: [ntlm]
systemSettings:
  processEmailUsing: serverSideSync
  defaults:
    serverProfile: exch-hybrid
    incomingEmail: serverSideSync
    outgoingEmail: serverSideSync
    appointmentsContactsTasks: serverSideSync
serverProfiles:
  exch-hybrid:
    name: Exchange Server (Hybrid)
    serverType: exchangeServerHybrid
    mailSystem: exch
    autodiscover: true
    incoming:
      authProtocol: ntlm
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm-mail@contoso.com
      password: { secretRef: "env:CRM_MAIL_PASSWORD" }
      mfa: false
    useSameSettingsForOutgoing: true
mailboxes:
  alice:
    kind: user
    regarding: Alice Example
    emailAddress: alice@contoso.com
    approval: approved
`,
  },
  {
    id: 'online-pop3',
    row: 'M4',
    label: 'CRM Online → Gmail / Yahoo! Mail (POP3/SMTP)',
    detail: 'Email only; each mailbox signs in with its own credentials',
    text: `${header('M4', 'CRM Online with Gmail over POP3/SMTP')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.0"
  tenantId: 00000000-0000-4000-8000-000000000001
mailSystems:
  gmail:
    kind: pop3Smtp
    provider: gmail
systemSettings:
  processEmailUsing: serverSideSync
  defaults:
    serverProfile: gmail-pop
    incomingEmail: serverSideSync
    outgoingEmail: serverSideSync
    appointmentsContactsTasks: none
serverProfiles:
  gmail-pop:
    name: Gmail POP3/SMTP
    serverType: pop3Smtp
    mailSystem: gmail
    incoming:
      serverLocation: pop.gmail.com
      port: 995
      useSsl: true
      authProtocol: basic
      authenticateUsing: userOrQueue
    useSameSettingsForOutgoing: true
    outgoing:
      serverLocation: smtp.gmail.com
      port: 465
      useSsl: true
      authProtocol: basic
mailboxes:
  alice:
    kind: user
    regarding: Alice Example
    emailAddress: alice.contoso@gmail.com
    credentials:
      allowUse: true
      username: alice.contoso@gmail.com
      password: { secretRef: "env:ALICE_APP_PASSWORD" }
    approval: approved
`,
  },
  {
    id: 'online-imap',
    row: 'M5',
    label: 'Dynamics 365 (9) Online → Gmail / Yahoo! Mail (IMAP/SMTP)',
    detail: 'Email only, Inbox only; Dynamics 365 version 9 and later',
    text: `${header('M5', 'Dynamics 365 online with Yahoo! Mail over IMAP/SMTP')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.0"
  tenantId: 00000000-0000-4000-8000-000000000001
mailSystems:
  yahoo:
    kind: imapSmtp
    provider: yahoo
systemSettings:
  processEmailUsing: serverSideSync
  defaults:
    serverProfile: yahoo-imap
    incomingEmail: serverSideSync
    outgoingEmail: serverSideSync
    appointmentsContactsTasks: none
serverProfiles:
  yahoo-imap:
    name: Yahoo IMAP/SMTP
    serverType: imapSmtp
    mailSystem: yahoo
    incoming:
      serverLocation: imap.mail.yahoo.com
      port: 993
      useSsl: true
      authenticateUsing: serverProfile
      username: sales.contoso@yahoo.com
      password: { secretRef: "env:SALES_MAIL_PASSWORD" }
    useSameSettingsForOutgoing: true
    outgoing:
      serverLocation: smtp.mail.yahoo.com
      port: 465
      useSsl: true
mailboxes:
  sales:
    kind: queue
    regarding: Sales
    emailAddress: sales.contoso@yahoo.com
    approval: approved
`,
  },
  {
    id: 'onprem-exchange-server',
    row: 'M6',
    label: 'CRM on-premises → Exchange Server',
    detail: 'Exchange Server on-premises; service account with impersonation, HTTPS',
    text: `${header('M6', 'CRM on-premises with Exchange Server on-premises')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: onPremises
  crmVersion: "9.0"
  https: true
mailSystems:
  exch:
    kind: exchangeServer
    version: "2016"
systemSettings:
  processEmailUsing: serverSideSync
  defaults:
    serverProfile: exch
    incomingEmail: serverSideSync
    outgoingEmail: serverSideSync
    appointmentsContactsTasks: serverSideSync
serverProfiles:
  exch:
    name: Exchange Server
    serverType: exchangeServer
    mailSystem: exch
    autodiscover: false
    incoming:
      serverLocation: https://mail.contoso.local/EWS/Exchange.asmx
      authProtocol: autoDetect
      authenticateUsing: serverProfile
      useImpersonation: true
      username: CONTOSO\\svc-crm-mail
      password: { secretRef: "env:CRM_MAIL_PASSWORD" }
    useSameSettingsForOutgoing: true
mailboxes:
  alice:
    kind: user
    regarding: Alice Example
    emailAddress: alice@contoso.com
    approval: approved
`,
  },
  {
    id: 'onprem-exchange-online',
    row: 'M7',
    label: 'CRM on-premises → Exchange Online (Hybrid)',
    detail: 'S2S through the Hybrid Connector: IFD, certificate, tenant id; from 8.2',
    text: `${header('M7', 'CRM on-premises with Exchange Online')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: onPremises
  crmVersion: "9.0"
  https: true
  ifd: true
  hybridConnector: true
  s2sCertificate:
    thumbprint: "0000000000000000000000000000000000000000"
    keySpec: 1
mailSystems:
  exo:
    kind: exchangeOnline
    tenantId: 00000000-0000-4000-8000-000000000001
systemSettings:
  processEmailUsing: serverSideSync
  defaults:
    serverProfile: exo-hybrid
    incomingEmail: serverSideSync
    outgoingEmail: serverSideSync
    appointmentsContactsTasks: serverSideSync
serverProfiles:
  exo-hybrid:
    name: Exchange Online (Hybrid)
    serverType: exchangeOnlineHybrid
    mailSystem: exo
    useDefaultTenantId: true
    autodiscover: true
    incoming:
      authenticateUsing: serverToServer
    useSameSettingsForOutgoing: true
mailboxes:
  alice:
    kind: user
    regarding: Alice Example
    emailAddress: alice@contoso.com
    approval: approved
`,
  },
  {
    id: 'onprem-pop3',
    row: 'M8',
    label: 'CRM on-premises → Gmail / Yahoo! Mail (POP3/SMTP)',
    detail: 'Email only; each mailbox signs in with its own credentials',
    text: `${header('M8', 'CRM on-premises with Yahoo! Mail over POP3/SMTP')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: onPremises
  crmVersion: "9.0"
  https: true
mailSystems:
  yahoo:
    kind: pop3Smtp
    provider: yahoo
systemSettings:
  processEmailUsing: serverSideSync
  defaults:
    serverProfile: yahoo-pop
    incomingEmail: serverSideSync
    outgoingEmail: serverSideSync
    appointmentsContactsTasks: none
serverProfiles:
  yahoo-pop:
    name: Yahoo POP3/SMTP
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming:
      serverLocation: pop.mail.yahoo.com
      port: 995
      useSsl: true
      authProtocol: basic
      authenticateUsing: userOrQueue
    useSameSettingsForOutgoing: true
    outgoing:
      serverLocation: smtp.mail.yahoo.com
      port: 465
      useSsl: true
      authProtocol: basic
mailboxes:
  alice:
    kind: user
    regarding: Alice Example
    emailAddress: alice.contoso@yahoo.com
    credentials:
      allowUse: true
      username: alice.contoso@yahoo.com
      password: { secretRef: "env:ALICE_MAIL_PASSWORD" }
    approval: approved
`,
  },
];
