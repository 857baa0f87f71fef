/**
 * The explicit list of domain rules, in catalogue order (that of docs/rule-ids.txt and
 * docs/rules.md). A rule's file name is its id; adding a rule means adding its file and one line
 * here (README: "How to add a rule").
 */
import type { Rule } from './define';
import crmOnpremExchangeOnline from './crm-onprem-exchange-online';
import profileServerTypeMismatch from './profile-server-type-mismatch';
import exchangeOnlineHybridPrerequisites from './exchange-online-hybrid-prerequisites';
import exchangeOnlineCrossTenant from './exchange-online-cross-tenant';
import hybridExchangeVersion from './hybrid-exchange-version';
import exchangeLegacyVersion from './exchange-legacy-version';
import exchangeServicePackUnknown from './exchange-service-pack-unknown';
import onpremExchangeVersion from './onprem-exchange-version';
import imapUnavailable from './imap-unavailable';
import pop3ProviderUntested from './pop3-provider-untested';
import fipsNoncompliantPop3 from './fips-noncompliant-pop3';
import mixedProtocols from './mixed-protocols';
import mailboxMailSystemMismatch from './mailbox-mail-system-mismatch';
import exchangeOnlineHybridNoOwa from './exchange-online-hybrid-no-owa';
import baselineVersionMismatch from './baseline-version-mismatch';
import anonymousAuthExchange from './anonymous-auth-exchange';
import anonymousAuthPop3Smtp from './anonymous-auth-pop3-smtp';
import exchangeOnlineRequiresS2s from './exchange-online-requires-s2s';
import exchangeOnlineImpersonation from './exchange-online-impersonation';
import hybridExchangeImpersonation from './hybrid-exchange-impersonation';
import windowsAuthOnline from './windows-auth-online';
import windowsAuthPop3 from './windows-auth-pop3';
import s2sNonExchangeOnline from './s2s-non-exchange-online';
import modernAuthUnavailable from './modern-auth-unavailable';
import gmailPasswordAuth from './gmail-password-auth';
import gmailOauthUserLimit from './gmail-oauth-user-limit';
import usernameNotUpn from './username-not-upn';
import profileCredentialsMissing from './profile-credentials-missing';
import profileCredentialsIgnored from './profile-credentials-ignored';
import plaintextSecret from './plaintext-secret';
import mailboxCredentialsMissing from './mailbox-credentials-missing';
import mailboxCredentialsUnused from './mailbox-credentials-unused';
import actRequiresImpersonation from './act-requires-impersonation';
import hybridMfaUnsupported from './hybrid-mfa-unsupported';
import hybridExchangeEwsAuth from './hybrid-exchange-ews-auth';
import adAuthProtocolOnline from './ad-auth-protocol-online';
import exchangeUrlNotHttps from './exchange-url-not-https';
import pop3SslDisabled from './pop3-ssl-disabled';
import basicAuthCleartext from './basic-auth-cleartext';
import credentialsOverHttp from './credentials-over-http';
import crmOnpremHttp from './crm-onprem-http';
import deploymentSettingsOnline from './deployment-settings-online';
import insecureChannelAllowed from './insecure-channel-allowed';
import exchangeOnlineAutodiscover from './exchange-online-autodiscover';
import exchangeLocationMissing from './exchange-location-missing';
import pop3LocationMissing from './pop3-location-missing';
import autodiscoverNonExchange from './autodiscover-non-exchange';
import moveFailedNonExchange from './move-failed-non-exchange';
import connectionLimitProfileWide from './connection-limit-profile-wide';
import processEmailFromOld from './process-email-from-old';
import profileUnused from './profile-unused';
import profileInactive from './profile-inactive';
import routerStopsProcessing from './router-stops-processing';
import routerNoAct from './router-no-act';
import routerDeprecated from './router-deprecated';
import routerExchangeOnlineBasicAuth from './router-exchange-online-basic-auth';
import folderTrackingNoExchange from './folder-tracking-no-exchange';
import mailboxNotApproved from './mailbox-not-approved';
import mailboxesAwaitingApproval from './mailboxes-awaiting-approval';
import exchangeOnlineAdminApproval from './exchange-online-admin-approval';
import attachmentSizeLimit from './attachment-size-limit';
import mixedActMethods from './mixed-act-methods';
import emailCorrelationDisabled from './email-correlation-disabled';
import outlookClientRetired from './outlook-client-retired';
import actNonExchange from './act-non-exchange';
import mailboxNoProfile from './mailbox-no-profile';
import mailboxAddressMissing from './mailbox-address-missing';
import duplicateEmailAddress from './duplicate-email-address';
import deleteAfterProcessingUser from './delete-after-processing-user';
import queueOutlook from './queue-outlook';
import folderTrackingNonUser from './folder-tracking-non-user';
import trackedFolderOutsideInbox from './tracked-folder-outside-inbox';
import actSyncOrgNotPrimary from './act-sync-org-not-primary';
import mailboxAllNone from './mailbox-all-none';
import mailboxTestFailed from './mailbox-test-failed';
import pop3OutlookManualTracking from './pop3-outlook-manual-tracking';
import bulkTestAndEnable from './bulk-test-and-enable';
import mailboxInactive from './mailbox-inactive';
import exchangeOnlineAddressNotApproved from './exchange-online-address-not-approved';
import forwardMailboxIncoming from './forward-mailbox-incoming';
import forwardMailboxOutgoing from './forward-mailbox-outgoing';
import forwardMailboxRegarding from './forward-mailbox-regarding';
import forwardMailboxAct from './forward-mailbox-act';
import forwardMailboxMissing from './forward-mailbox-missing';
import forwardMailboxNotRecommended from './forward-mailbox-not-recommended';
import forwardRulesManual from './forward-rules-manual';
import importTodo from './import-todo';

export const RULES: readonly Rule[] = [
  crmOnpremExchangeOnline,
  profileServerTypeMismatch,
  exchangeOnlineHybridPrerequisites,
  exchangeOnlineCrossTenant,
  hybridExchangeVersion,
  exchangeLegacyVersion,
  exchangeServicePackUnknown,
  onpremExchangeVersion,
  imapUnavailable,
  pop3ProviderUntested,
  fipsNoncompliantPop3,
  mixedProtocols,
  mailboxMailSystemMismatch,
  exchangeOnlineHybridNoOwa,
  baselineVersionMismatch,
  anonymousAuthExchange,
  anonymousAuthPop3Smtp,
  exchangeOnlineRequiresS2s,
  exchangeOnlineImpersonation,
  hybridExchangeImpersonation,
  windowsAuthOnline,
  windowsAuthPop3,
  s2sNonExchangeOnline,
  modernAuthUnavailable,
  gmailPasswordAuth,
  gmailOauthUserLimit,
  usernameNotUpn,
  profileCredentialsMissing,
  profileCredentialsIgnored,
  plaintextSecret,
  mailboxCredentialsMissing,
  mailboxCredentialsUnused,
  actRequiresImpersonation,
  hybridMfaUnsupported,
  hybridExchangeEwsAuth,
  adAuthProtocolOnline,
  exchangeUrlNotHttps,
  pop3SslDisabled,
  basicAuthCleartext,
  credentialsOverHttp,
  crmOnpremHttp,
  deploymentSettingsOnline,
  insecureChannelAllowed,
  exchangeOnlineAutodiscover,
  exchangeLocationMissing,
  pop3LocationMissing,
  autodiscoverNonExchange,
  moveFailedNonExchange,
  connectionLimitProfileWide,
  processEmailFromOld,
  profileUnused,
  profileInactive,
  routerStopsProcessing,
  routerNoAct,
  routerDeprecated,
  routerExchangeOnlineBasicAuth,
  folderTrackingNoExchange,
  mailboxNotApproved,
  mailboxesAwaitingApproval,
  exchangeOnlineAdminApproval,
  attachmentSizeLimit,
  mixedActMethods,
  emailCorrelationDisabled,
  outlookClientRetired,
  actNonExchange,
  mailboxNoProfile,
  mailboxAddressMissing,
  duplicateEmailAddress,
  deleteAfterProcessingUser,
  queueOutlook,
  folderTrackingNonUser,
  trackedFolderOutsideInbox,
  actSyncOrgNotPrimary,
  mailboxAllNone,
  mailboxTestFailed,
  pop3OutlookManualTracking,
  bulkTestAndEnable,
  mailboxInactive,
  exchangeOnlineAddressNotApproved,
  forwardMailboxIncoming,
  forwardMailboxOutgoing,
  forwardMailboxRegarding,
  forwardMailboxAct,
  forwardMailboxMissing,
  forwardMailboxNotRecommended,
  forwardRulesManual,
  importTodo,
];
