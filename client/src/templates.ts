/**
 * Plan templates for "CRM Sync: New Plan…": one per supported topology (each `label` names it).
 * Each template is a complete plan that uses placeholder names the user replaces. A template has
 * no error and no warning, except the findings listed for it in test/fixtures/template-cases.json
 * (checked by test/analysis/templates.test.ts and, in VS Code, by the e2e suite): the Azure AD
 * OAuth cross-tenant template has the one warning Microsoft's "limited support" calls for.
 */

export interface PlanTemplate {
  /** Stable id, also accepted as the command's argument (`crmsync.newPlan`). */
  readonly id: string;
  /**
   * The row of the support matrix the template was written from (M1–M8), for traceability
   * only: users see `label`, `detail` and the header comment.
   */
  readonly row: string;
  readonly label: string;
  readonly detail: string;
  readonly text: string;
}

/** The header comment: what the plan connects, then how to fill it in (`notes`: more lines). */
const header = (title: string, ...notes: string[]) =>
  [`# ${title}.`, ...notes.map((n) => `# ${n}`), '# Replace the placeholder names; secrets are references (env:, file:, keyvault:), never values.', ''].join('\n');

export const TEMPLATES: readonly PlanTemplate[] = [
  {
    id: 'online-exchange-online',
    row: 'M1',
    label: 'CRM Online → Exchange Online',
    detail: 'Same Microsoft 365 tenant; Exchange Online profile with server-to-server authentication',
    text: `${header('Dynamics 365 online with Exchange Online in the same tenant, server-to-server authentication')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.2"
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
    id: 'online-exchange-online-cross-tenant',
    row: 'M2',
    label: 'CRM Online → Exchange Online in another tenant (Azure AD OAuth)',
    detail: "Another Microsoft 365 tenant's Exchange Online through an app registration there; limited support (one warning)",
    text: `${header(
      'Dynamics 365 online with Exchange Online in another Microsoft 365 tenant, Azure AD OAuth',
      'Register an app in the tenant that hosts the mailboxes; its Application (client) ID and a client',
      'secret go on the profile, which names that tenant. Microsoft gives this only limited support',
      "(no App for Outlook; the primary tenant's admin approves the mailboxes), reported as one warning.",
    )}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.2"
  tenantId: 00000000-0000-4000-8000-000000000001
mailSystems:
  exo-fabrikam:
    kind: exchangeOnline
    tenantId: 00000000-0000-4000-8000-000000000002
systemSettings:
  processEmailUsing: serverSideSync
  defaults:
    serverProfile: exo-fabrikam
    incomingEmail: serverSideSync
    outgoingEmail: serverSideSync
    appointmentsContactsTasks: serverSideSync
serverProfiles:
  exo-fabrikam:
    name: Exchange Online (Fabrikam tenant)
    serverType: exchangeOnline
    mailSystem: exo-fabrikam
    autodiscover: true
    useDefaultTenantId: false
    exchangeOnlineTenantId: 00000000-0000-4000-8000-000000000002
    oauth:
      applicationId: 00000000-0000-4000-8000-000000000003
      clientSecret: { secretRef: "env:CRMSYNC_EXO_FABRIKAM_CLIENT_SECRET" }
    incoming:
      authenticateUsing: azureAdOAuth
    useSameSettingsForOutgoing: true
mailboxes:
  alice:
    kind: user
    regarding: Alice Example
    emailAddress: alice@fabrikam.com
    approval: approved
`,
  },
  {
    id: 'online-exchange-server',
    row: 'M3',
    label: 'CRM Online → Exchange Server (Hybrid), service account',
    detail: 'Exchange Server on-premises ("Exchange Server (On Prem)"); one service account with impersonation over HTTPS',
    text: `${header('Dynamics 365 online with Exchange Server on-premises, one service account with impersonation')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.2"
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
    id: 'online-exchange-server-hma',
    row: 'M3',
    label: 'CRM Online → Exchange Server (Hybrid Modern Auth)',
    detail: 'Exchange Server on-premises with Exchange Hybrid Modern Auth (HMA): no stored password; the EWS URL is required',
    text: `${header(
      'Dynamics 365 online with Exchange Server on-premises, Exchange Hybrid Modern Auth (HMA)',
      'No service account password is stored: the Microsoft Entra app registrations, the certificate and',
      'the Key Vault are set up outside the plan. HMA needs the EWS URL.',
    )}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.2"
  tenantId: 00000000-0000-4000-8000-000000000001
mailSystems:
  exch:
    kind: exchangeServer
    version: "2019"
systemSettings:
  processEmailUsing: serverSideSync
  defaults:
    serverProfile: exch-hma
    incomingEmail: serverSideSync
    outgoingEmail: serverSideSync
    appointmentsContactsTasks: serverSideSync
serverProfiles:
  exch-hma:
    name: Exchange Server (On Prem), HMA
    serverType: exchangeServerHybrid
    mailSystem: exch
    incoming:
      serverLocation: https://mail.contoso.com/EWS/Exchange.asmx
      authenticateUsing: exchangeHybridModernAuth
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
    id: 'online-gmail-oauth',
    row: 'M5',
    label: 'CRM Online → Gmail (OAuth)',
    detail: 'Gmail over IMAP/SMTP with Gmail OAuth (9.1 and later, up to 100 users per profile); email only',
    text: `${header(
      'Dynamics 365 online with Gmail over IMAP/SMTP, Gmail OAuth',
      'Gmail no longer accepts a user name and password: create a Google OAuth client, put its client id',
      'and a client secret reference on the profile; each user then signs in to Gmail once from the',
      'mailbox record. Up to 100 users per profile. Ports as in Microsoft\'s Gmail OAuth guide: 993, 587.',
    )}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.2"
  tenantId: 00000000-0000-4000-8000-000000000001
mailSystems:
  gmail:
    kind: imapSmtp
    provider: gmail
systemSettings:
  processEmailUsing: serverSideSync
  defaults:
    serverProfile: gmail-oauth
    incomingEmail: serverSideSync
    outgoingEmail: serverSideSync
    appointmentsContactsTasks: none
serverProfiles:
  gmail-oauth:
    name: Gmail OAuth IMAP/SMTP
    serverType: imapSmtp
    mailSystem: gmail
    oauth:
      applicationId: 000000000000-contoso-crm.apps.googleusercontent.com
      clientSecret: { secretRef: "env:CRMSYNC_GMAIL_OAUTH_CLIENT_SECRET" }
    incoming:
      serverLocation: imap.gmail.com
      port: 993
      useSsl: true
      authenticateUsing: gmailOAuth
    useSameSettingsForOutgoing: true
    outgoing:
      serverLocation: smtp.gmail.com
      port: 587
      useSsl: true
mailboxes:
  alice:
    kind: user
    regarding: Alice Example
    emailAddress: alice.contoso@gmail.com
    approval: approved
`,
  },
  {
    id: 'online-pop3',
    row: 'M4',
    label: 'CRM Online → Yahoo! Mail (POP3/SMTP)',
    detail: 'Email only; each mailbox signs in with its own credentials (for Gmail use the Gmail OAuth template)',
    text: `${header('Dynamics 365 online with Yahoo! Mail over POP3/SMTP, each mailbox with its own credentials')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.2"
  tenantId: 00000000-0000-4000-8000-000000000001
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
      password: { secretRef: "env:ALICE_APP_PASSWORD" }
    approval: approved
`,
  },
  {
    id: 'online-imap',
    row: 'M5',
    label: 'CRM Online → Yahoo! Mail (IMAP/SMTP)',
    detail: 'Email only, Inbox only; one account on the profile (Dynamics 365 version 9 and later)',
    text: `${header('Dynamics 365 online with Yahoo! Mail over IMAP/SMTP, a queue signing in with the profile\'s account')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: online
  crmVersion: "9.2"
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
    text: `${header('Dynamics 365 on-premises with Exchange Server on-premises, one service account with impersonation')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: onPremises
  crmVersion: "9.1"
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
      username: svc-crm-mail@contoso.com
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
    detail: 'S2S through the Hybrid Connector: IFD, certificate, tenant id; CRM 2016 SP1 (8.1) and later',
    text: `${header('Dynamics 365 on-premises with Exchange Online, server-to-server authentication through the Hybrid Connector')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: onPremises
  crmVersion: "9.1"
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
    label: 'CRM on-premises → Yahoo! Mail (POP3/SMTP)',
    detail: 'Email only; each mailbox signs in with its own credentials',
    text: `${header('Dynamics 365 on-premises with Yahoo! Mail over POP3/SMTP, each mailbox with its own credentials')}version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: onPremises
  crmVersion: "9.1"
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
