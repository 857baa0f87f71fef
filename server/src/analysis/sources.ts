/**
 * The documents that the rules' docs cite as "Source: S1, S2": Microsoft's documentation of
 * server-side synchronization, and a few other public sources. docs/rules.md lists them in its
 * Sources section, and test/analysis/docs.test.ts checks that every number a rule cites is here.
 *
 * Pages of the MicrosoftDocs repositories are given at their learn.microsoft.com address; pages
 * that exist only in the retired TechNet/MSDN libraries, or not online at all, have no address
 * and say where they were published instead.
 */

interface Source {
  /** The document's title, or what it is when it has none. */
  readonly title: string;
  /** Where it is published now, when it has a stable address. */
  readonly url?: string;
  /** Edition, date and, without a URL, where it was published. */
  readonly note?: string;
}

const ONPREM = 'https://learn.microsoft.com/dynamics365/customerengagement/on-premises';

/** The sources by id (`S0`, `S1`, …), in order. */
export const SOURCES: Readonly<Record<string, Source>> = {
  S0: { title: 'MB2-710 server-side synchronization revision post', note: 'revision notes for exam MB2-710 (2016)' },
  S1: {
    title: 'Supported email service configurations for server-side synchronization',
    url: 'https://learn.microsoft.com/dynamics365/customer-engagement/admin/supported-email-service-configurations-server-side-synchronization',
    note: 'Dynamics 365 (online) v9.0 (2018)',
  },
  S2: {
    title: 'Supported email service configurations for server-side synchronization',
    url: `${ONPREM}/admin/supported-email-service-configurations-server-side-synchronization`,
    note: 'Customer Engagement (on-premises) 9.x',
  },
  S3: {
    title: 'Supported email service configurations for server-side synchronization',
    url: 'https://learn.microsoft.com/power-platform/admin/supported-email-service-configurations-server-side-synchronization',
    note: 'Power Platform (online, 2022)',
  },
  S4: { title: 'Supported email service configurations for server-side synchronization', note: 'CRM 2016 / Dynamics 365 8.x; TechNet library dn531050(v=crm.8)' },
  S5: { title: 'Supported email service configurations for server-side synchronization', note: 'CRM 2013; TechNet library dn531050(v=crm.6)' },
  S6: { title: 'Connect Dynamics 365 (online) to Exchange Server (on-premises)', url: `${ONPREM}/admin/connect-exchange-server-on-premises` },
  S7: { title: 'Connect Dynamics 365 (on-premises) to Exchange Server (on-premises)', url: `${ONPREM}/admin/connect-on-prem-exchange-server-on-prem`, note: 'also TechNet mt622062(v=crm.8)' },
  S8: { title: 'Connect to POP3 or SMTP servers', url: `${ONPREM}/admin/connect-to-pop3-or-smtp-servers` },
  S9: { title: 'Connect Dynamics 365 (on-premises) to Exchange Online', url: `${ONPREM}/admin/connect-dynamics-365-on-premises-exchange-online`, note: 'also TechNet mt703269' },
  S10: { title: 'Create forward mailboxes or edit mailboxes', url: `${ONPREM}/admin/create-forward-mailboxes-edit-mailboxes` },
  S11: { title: 'Forward mailbox vs. individual mailboxes', url: `${ONPREM}/admin/forward-mailbox-vs-individual-mailboxes`, note: 'also a Power Platform version (2020)' },
  S12: { title: 'System Settings dialog box – Email tab', url: `${ONPREM}/admin/system-settings-dialog-box-email-tab`, note: 'also Power Platform settings-email' },
  S13: { title: 'EmailServerProfile entity reference', url: `${ONPREM}/developer/entities/emailserverprofile`, note: 'and the later Dataverse copy' },
  S14: { title: 'Mailbox entity reference', url: `${ONPREM}/developer/entities/mailbox` },
  S15: { title: 'Organization entity reference', url: `${ONPREM}/developer/entities/organization` },
  S16: {
    title: 'Best practices for server-side synchronization',
    url: 'https://learn.microsoft.com/dynamics365/customer-engagement/admin/best-practices-server-side-synchronization',
    note: 'also TechNet dn887218',
  },
  S17: { title: 'Troubleshooting and monitoring server-side synchronization', url: `${ONPREM}/admin/troubleshooting-monitoring-server-side-synchronization` },
  S18: { title: 'Error logging for server-side synchronization', url: `${ONPREM}/admin/error-logging-server-side-synchronization` },
  S19: { title: 'Configure Outlook or Exchange folder-level tracking', url: `${ONPREM}/admin/configure-outlook-exchange-folder-level-tracking` },
  S20: {
    title: 'Migrate settings from the Email Router to server-side synchronization',
    url: `${ONPREM}/admin/migrate-settings-email-router-server-side-synchronization`,
    note: 'also TechNet dn832114(v=crm.8)',
  },
  S21: { title: 'Integrate (synchronize) your email system', url: `${ONPREM}/admin/integrate-synchronize-your-email-system` },
  S22: { title: 'Server-side synchronization', url: `${ONPREM}/admin/server-side-synchronization`, note: 'also TechNet dn832121' },
  S23: {
    title: 'Microsoft.Xrm.Sdk.Deployment.ServerSideSyncEmailSettings class reference',
    note: 'CRM SDK; MSDN dn439737, dn439561, dn455420, dn455433, dn455436, dn455464',
  },
  S24: {
    title: 'Set incoming and outgoing email synchronization',
    url: 'https://learn.microsoft.com/power-platform/admin/set-incoming-outgoing-email-synchronization',
    note: 'also TechNet hh699668',
  },
  S25: { title: 'Email message filtering and correlation', url: `${ONPREM}/admin/email-message-filtering-correlation` },
  S26: { title: 'Connect to IMAP servers', url: `${ONPREM}/admin/connect-to-imap-servers`, note: 'with "Connect Gmail accounts by using OAuth 2.0" (connect-gmail-oauth2)' },
  S27: { title: 'Connect to Exchange Online', url: 'https://learn.microsoft.com/power-platform/admin/connect-exchange-online', note: 'Power Platform (2021)' },
  S28: { title: 'Setup Guide: Server-side synchronization for CRM Online and Exchange Server', note: 'Microsoft white paper, v8.0 (2016)' },
  S29: { title: 'Email Router documentation', note: 'TechNet hh367403, dn768375(v=crm.7)' },
  S30: {
    title: 'Community PowerShell and SQL snippets',
    note: 'public code, not Microsoft documentation: the deployment property names ECAllowNonSSLEmail, AllowCredentialsEntryViaInsecureChannels',
  },
  S31: { title: 'Server-side synchronization entities', url: `${ONPREM}/developer/server-side-synchronization-entities` },
  S32: { title: 'Connect to POP3 or SMTP servers', url: 'https://learn.microsoft.com/power-platform/admin/connect-to-pop3-or-smtp-servers', note: 'Power Platform' },
  S33: {
    title: 'Exchange Server build numbers and release dates',
    url: 'https://learn.microsoft.com/exchange/new-features/build-numbers-and-release-dates',
    note: 'service packs per version; 2016 and 2019 ship cumulative updates only',
  },
  S34: { title: "Use of Basic authentication with Exchange Online", url: 'https://learn.microsoft.com/power-platform/admin/use-basic-authentication-exchange-online', note: "Power Platform, 2022-05-09: Basic authentication disabled from 1 October 2022; CRM 2016 SP1 (8.1) or later for Exchange Online (Hybrid)" },
  S35: { title: "Exchange Online cross-tenant authentication", url: 'https://learn.microsoft.com/power-platform/admin/connect-exchange-online-server-profile-oauth', note: "Power Platform, 2021-08-11, pre-release: app registration, client secret, tenant id" },
  S36: { title: "Connect to Exchange Server (on-premises)", url: 'https://learn.microsoft.com/power-platform/admin/connect-exchange-server-on-premises', note: "Power Platform, 2023-10-16: the \"Exchange Server (On Prem)\" profile, credentials or Exchange Hybrid Modern Auth" },
  S37: { title: "Hybrid Modern Authentication (HMA) for Exchange on-premises", url: 'https://learn.microsoft.com/power-platform/admin/connect-exchange-server-onprem-hma', note: "Power Platform, 2021-09-30" },
  S38: { title: "Connect Gmail accounts using OAuth 2.0", url: 'https://learn.microsoft.com/power-platform/admin/connect-gmail-oauth2', note: "Power Platform, 2021-07-12" },
  S39: { title: "EmailServerProfile table reference", url: 'https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/emailserverprofile', note: "Dataverse, 2023-03-07: option values, maxconcurrentconnections 1\u2013300, statecode, OAuth client" },
  S40: { title: "Mailbox table reference", url: 'https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/mailbox', note: "Dataverse, 2023-03-07: isemailaddressapprovedbyo365admin, statecode" },
  S41: { title: "'The SMTP address has no mailbox associated with it' error when selecting Test Connection", url: 'https://learn.microsoft.com/troubleshoot/power-platform/dataverse/email-exchange-synchronization/the-smtp-address-has-no-mailbox', note: "support article KB 3214326" },
  S42: { title: "Test Connection fails with 401 or time-out error in email server profile", url: 'https://learn.microsoft.com/troubleshoot/power-platform/dataverse/email-exchange-synchronization/test-connection-fails-email-server', note: "support article KB 4493267" },
  S43: { title: "Troubleshooting server-side synchronization with Gmail", url: 'https://learn.microsoft.com/troubleshoot/power-platform/dataverse/email-exchange-synchronization/mailbox-fails-tested-enabled', note: "support article KB 4493342: Gmail ended password-only sign-in on 30 May 2022" },
  S44: { title: "'Mailbox does not have an email server profile associated with it or the email server profile is inactive' error", url: 'https://learn.microsoft.com/troubleshoot/power-platform/dataverse/email-exchange-synchronization/mailbox-does-not-have-email-server-profile', note: "support article KB 4484702" },
  S45: { title: "MailboxDisabled error when you test and enable a mailbox", url: 'https://learn.microsoft.com/troubleshoot/power-platform/dataverse/email-exchange-synchronization/email-message-cannot-be-sent', note: "support article KB 4481318" },
  S46: { title: "Error code 8005E274 when you test and enable mailbox", url: 'https://learn.microsoft.com/troubleshoot/power-platform/dataverse/email-exchange-synchronization/error-code-8005e274', note: "support article" },
  S47: { title: "Troubleshooting and monitoring server-side synchronization", url: 'https://learn.microsoft.com/power-platform/admin/troubleshooting-monitoring-server-side-synchronization', note: "Power Platform, 2023-02-27" },
  S48: { title: "System Settings Email tab", url: 'https://learn.microsoft.com/power-platform/admin/system-settings-dialog-box-email-tab', note: "Power Platform, 2020-05-11: attachments of at most 32 MB recommended" },
  S49: { title: "Microsoft Dynamics 365 Customer Engagement (on-premises) Help, version 9.x", url: 'https://learn.microsoft.com/dynamics365/customerengagement/on-premises/overview', note: "2021-06-07: on-premises versions 9.0 and 9.1" },
  S50: { title: "Auto capture (Dynamics 365 Sales)", url: 'https://learn.microsoft.com/dynamics365/sales/auto-capture', note: "2024-03-13: an online build numbered 9.2.24031.00102" },
};

/** The source ids a text cites (`S1`, `S12`, …), in order of first mention. */
export function citedSources(text: string): string[] {
  return [...new Set(text.match(/\bS\d+\b/g) ?? [])];
}
