/**
 * Quick fixes of the "Transport security and deployment settings" and "Profile settings" rules
 * (`exchange-url-not-https` to `profile-inactive` in catalogue order): for every fix, the full title list of its finding (* preferred, ! unsafe) and
 * the whole document after applying it. `$0` marks a position inside the finding's span.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../../harness/check';
import { fixesAt, fires, replaceOnce } from '../../harness/fixes';




// --- exchange-url-not-https -------------------------------------------------------------------

const EXCH_HTTP = `version: 1
organization:
  name: fabrikam
  deployment: onPremises
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch-onprem }
serverProfiles:
  exch-onprem:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: http://mail.fabrikam.local/EWS/Exchange.asmx$0
      authenticateUsing: windowsIntegrated
mailboxes:
  bob: { kind: user, emailAddress: bob@fabrikam.com, approval: approved }
`;

test('exchange-url-not-https: the http:// scheme becomes https://', () => {
  const r = fixesAt(EXCH_HTTP, 'exchange-url-not-https');
  assert.deepEqual(r.titles, ['*Set serverLocation to https://mail.fabrikam.local/EWS/Exchange.asmx']);
  const fixed = r.apply('Set serverLocation to https://mail.fabrikam.local/EWS/Exchange.asmx');
  assert.equal(fixed, replaceOnce(r.text, 'http://mail', 'https://mail'));
  assert.equal(fires(fixed, 'exchange-url-not-https'), false);
});

test('exchange-url-not-https: an upper-case scheme in a quoted outgoing URL keeps its quotes', () => {
  const src = replaceOnce(
    EXCH_HTTP.replace('$0', ''),
    '      authenticateUsing: windowsIntegrated\n',
    '      authenticateUsing: windowsIntegrated\n    outgoing:\n      serverLocation: "HTTP://smtp-ews.fabrikam.local/EWS/Exchange.asmx"$0\n',
  ).replace('serverLocation: http://mail', 'serverLocation: https://mail');
  const r = fixesAt(src, 'exchange-url-not-https');
  assert.deepEqual(r.titles, ['*Set serverLocation to https://smtp-ews.fabrikam.local/EWS/Exchange.asmx']);
  const fixed = r.apply('Set serverLocation to https://smtp-ews.fabrikam.local/EWS/Exchange.asmx');
  assert.equal(fixed, replaceOnce(r.text, '"HTTP://smtp-ews', '"https://smtp-ews'));
  assert.equal(fires(fixed, 'exchange-url-not-https'), false);
});

test('exchange-url-not-https: the allowNonSslEmail warning offers the same fix', () => {
  const src = replaceOnce(EXCH_HTTP, '  deployment: onPremises\n', '  deployment: onPremises\n  deploymentSettings: { allowNonSslEmail: true }\n');
  const r = fixesAt(src, 'exchange-url-not-https');
  assert.deepEqual(r.titles, ['*Set serverLocation to https://mail.fabrikam.local/EWS/Exchange.asmx']);
  assert.equal(r.apply('Set serverLocation to https://mail.fabrikam.local/EWS/Exchange.asmx'), replaceOnce(r.text, 'http://mail', 'https://mail'));
});

// --- pop3-ssl-disabled ------------------------------------------------------------------------

const POP3 = `version: 1
organization:
  name: tailspin
  deployment: online
  tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b
mailSystems:
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: gmail-pop, appointmentsContactsTasks: none }
serverProfiles:
  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming:
      serverLocation: pop.gmail.com
      port: 110
      useSsl: false$0
      authenticateUsing: userOrQueue
    outgoing:
      serverLocation: smtp.gmail.com
      port: 25
      useSsl: false
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@gmail.com
    credentials: { allowUse: true, username: dan.tailspin@gmail.com, password: { secretRef: "env:DAN_GMAIL_PWD" } }
    approval: approved
`;

test('pop3-ssl-disabled: POP3 port 110 becomes 995 with useSsl', () => {
  const r = fixesAt(POP3, 'pop3-ssl-disabled');
  assert.deepEqual(r.titles, ['*Set useSsl to true and port to 995']);
  const fixed = r.apply('Set useSsl to true and port to 995');
  assert.equal(fixed, replaceOnce(r.text, '      port: 110\n      useSsl: false\n', '      port: 995\n      useSsl: true\n'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'pop3-ssl-disabled').length, 1, 'only the outgoing finding is left');
});

test('pop3-ssl-disabled: SMTP port 25 becomes 465 with useSsl', () => {
  const src = POP3.replace('$0', '').replace('      port: 25\n      useSsl: false\n', '      port: 25\n      useSsl: false$0\n');
  const r = fixesAt(src, 'pop3-ssl-disabled');
  assert.deepEqual(r.titles, ['*Set useSsl to true and port to 465']);
  assert.equal(r.apply('Set useSsl to true and port to 465'), replaceOnce(r.text, '      port: 25\n      useSsl: false\n', '      port: 465\n      useSsl: true\n'));
});

test('pop3-ssl-disabled: IMAP port 143 becomes 993 in a flow connection', () => {
  const src = `version: 1
organization: { name: tailspin, deployment: online, tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b }
baseline: d365-9
mailSystems:
  imap: { kind: imapSmtp, provider: other }
systemSettings:
  defaults: { serverProfile: imap, appointmentsContactsTasks: none }
serverProfiles:
  imap:
    serverType: imapSmtp
    mailSystem: imap
    incoming: { serverLocation: imap.tailspin.example, port: 143, useSsl: false$0, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.tailspin.example }
mailboxes:
  dan: { kind: user, emailAddress: dan@tailspin.example, approval: approved }
`;
  const r = fixesAt(src, 'pop3-ssl-disabled');
  assert.deepEqual(r.titles, ['*Set useSsl to true and port to 993']);
  const fixed = r.apply('Set useSsl to true and port to 993');
  assert.equal(fixed, replaceOnce(r.text, 'port: 143, useSsl: false,', 'port: 993, useSsl: true,'));
  assert.equal(fires(fixed, 'pop3-ssl-disabled'), false);
});

test('pop3-ssl-disabled: an unconventional or absent port is left alone', () => {
  for (const [from, to] of [
    ['      port: 110\n      useSsl: false', '      port: 2110\n      useSsl: false'],
    ['      port: 110\n      useSsl: false', '      useSsl: false'],
  ]) {
    const r = fixesAt(POP3.replace(from, to), 'pop3-ssl-disabled');
    assert.deepEqual(r.titles, ['*Set useSsl to true']);
    const before = `pop.gmail.com\n${to}\n`;
    assert.equal(r.apply('Set useSsl to true'), replaceOnce(r.text, before, before.replace('useSsl: false', 'useSsl: true')));
  }
});

// --- basic-auth-cleartext ---------------------------------------------------------------------

test('basic-auth-cleartext: POP3 without SSL gets the pop3-ssl-disabled edit', () => {
  const src = POP3.replace('$0', '').replace('      authenticateUsing: userOrQueue\n', '      authenticateUsing: userOrQueue\n      authProtocol: basic$0\n');
  const r = fixesAt(src, 'basic-auth-cleartext');
  assert.deepEqual(r.titles, ['*Set useSsl to true and port to 995']);
  const fixed = r.apply('Set useSsl to true and port to 995');
  assert.equal(fixed, replaceOnce(r.text, '      port: 110\n      useSsl: false\n', '      port: 995\n      useSsl: true\n'));
  assert.equal(fires(fixed, 'basic-auth-cleartext'), false);
});

test('basic-auth-cleartext: outgoing Exchange basic over the inherited http:// location fixes that location', () => {
  const src = `version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch-onprem }
serverProfiles:
  exch-onprem:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: http://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
    outgoing:
      authProtocol: basic$0
mailboxes:
  bob: { kind: user, emailAddress: bob@fabrikam.com, approval: approved }
`;
  const r = fixesAt(src, 'basic-auth-cleartext');
  assert.deepEqual(r.titles, ['*Set serverLocation to https://mail.fabrikam.local/EWS/Exchange.asmx']);
  const fixed = r.apply('Set serverLocation to https://mail.fabrikam.local/EWS/Exchange.asmx');
  assert.equal(fixed, replaceOnce(r.text, 'http://mail', 'https://mail'));
  assert.equal(fires(fixed, 'basic-auth-cleartext'), false);
});

// --- credentials-over-http / crm-onprem-http --------------------------------------------------

const HTTP_CREDS = `version: 1
organization:
  name: fabrikam
  deployment: onPremises
  https: false$0
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch-service }
serverProfiles:
  exch-service:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: serverProfile
      useImpersonation: true
      username: FABRIKAM\\svc-crm
      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }
mailboxes:
  bob: { kind: user, emailAddress: bob@fabrikam.com, approval: approved }
`;

test('credentials-over-http: set https to true (preferred)', () => {
  const r = fixesAt(HTTP_CREDS, 'credentials-over-http');
  assert.deepEqual(r.titles, ['*Set https to true', '!Set allowCredentialsEntryViaNonSecureChannels to true']);
  const fixed = r.apply('Set https to true');
  assert.equal(fixed, replaceOnce(r.text, 'https: false', 'https: true'));
  assert.equal(fires(fixed, 'credentials-over-http'), false);
  assert.equal(fires(fixed, 'crm-onprem-http'), false);
});

test('credentials-over-http: the testing switch creates deploymentSettings; follow-ups are the warnings', () => {
  const r = fixesAt(HTTP_CREDS, 'credentials-over-http');
  const fixed = r.apply('Set allowCredentialsEntryViaNonSecureChannels to true');
  assert.equal(fixed, replaceOnce(r.text, '  https: false\n', '  https: false\n  deploymentSettings:\n    allowCredentialsEntryViaNonSecureChannels: true\n'));
  const after = analyze(fixed).findings;
  assert.equal(after.some((f) => f.ruleId === 'credentials-over-http'), false);
  assert.deepEqual(
    after.filter((f) => f.ruleId === 'crm-onprem-http' || f.ruleId === 'insecure-channel-allowed').map((f) => `${f.ruleId}:${f.severity}`),
    ['crm-onprem-http:warning', 'insecure-channel-allowed:warning'],
  );
});

test('credentials-over-http: the testing switch goes into a flow deploymentSettings', () => {
  const src = replaceOnce(HTTP_CREDS, '  https: false$0\n', '  https: false$0\n  deploymentSettings: { allowNonSslEmail: false }\n');
  const r = fixesAt(src, 'credentials-over-http');
  assert.equal(
    r.apply('Set allowCredentialsEntryViaNonSecureChannels to true'),
    replaceOnce(r.text, '{ allowNonSslEmail: false }', '{ allowNonSslEmail: false, allowCredentialsEntryViaNonSecureChannels: true }'),
  );
});

const HTTP_ONLY = HTTP_CREDS.replace(
  '      authenticateUsing: serverProfile\n      useImpersonation: true\n      username: FABRIKAM\\svc-crm\n      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }\n',
  '      authenticateUsing: windowsIntegrated\n',
);

test('crm-onprem-http: set https to true (error)', () => {
  const r = fixesAt(HTTP_ONLY, 'crm-onprem-http');
  assert.deepEqual(r.titles, ['*Set https to true']);
  const fixed = r.apply('Set https to true');
  assert.equal(fixed, replaceOnce(r.text, 'https: false', 'https: true'));
  assert.equal(fires(fixed, 'crm-onprem-http'), false);
});

test('crm-onprem-http: the warning under the testing switch offers the same fix; insecure-channel-allowed stays', () => {
  const src = replaceOnce(HTTP_ONLY, '  https: false$0\n', '  https: false$0\n  deploymentSettings: { allowCredentialsEntryViaNonSecureChannels: true }\n');
  const r = fixesAt(src, 'crm-onprem-http');
  assert.deepEqual(r.titles, ['*Set https to true']);
  const fixed = r.apply('Set https to true');
  assert.equal(fixed, replaceOnce(r.text, 'https: false', 'https: true'));
  assert.equal(fires(fixed, 'crm-onprem-http'), false);
  assert.equal(fires(fixed, 'insecure-channel-allowed'), true);
});

// --- deployment-settings-online / insecure-channel-allowed ------------------------------------

test('deployment-settings-online: remove deploymentSettings with its lines and comment', () => {
  const src = `version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
  deploymentSettings$0: # set by the old on-premises plan
    allowNonSslEmail: false
    allowCredentialsEntryViaNonSecureChannels: false
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
`;
  const r = fixesAt(src, 'deployment-settings-online');
  assert.deepEqual(r.titles, ['*Remove deploymentSettings']);
  const fixed = r.apply('Remove deploymentSettings');
  assert.equal(
    fixed,
    replaceOnce(r.text, '  deploymentSettings: # set by the old on-premises plan\n    allowNonSslEmail: false\n    allowCredentialsEntryViaNonSecureChannels: false\n', ''),
  );
  assert.deepEqual(analyze(fixed).findings.map((f) => f.ruleId), []);
});

test('insecure-channel-allowed: set the flag to false; the relaxed finding turns into an error', () => {
  const src = replaceOnce(
    EXCH_HTTP.replace('$0', ''),
    '  deployment: onPremises\n',
    '  deployment: onPremises\n  deploymentSettings:\n    allowNonSslEmail: true$0\n',
  );
  const r = fixesAt(src, 'insecure-channel-allowed');
  assert.deepEqual(r.titles, ['*Set allowNonSslEmail to false']);
  const fixed = r.apply('Set allowNonSslEmail to false');
  assert.equal(fixed, replaceOnce(r.text, 'allowNonSslEmail: true', 'allowNonSslEmail: false'));
  assert.equal(fires(fixed, 'insecure-channel-allowed'), false);
  assert.deepEqual(
    analyze(fixed).findings.filter((f) => f.ruleId === 'exchange-url-not-https').map((f) => f.severity),
    ['error'],
  );
});

// --- exchange-online-autodiscover -------------------------------------------------------------

const EXO = `version: 1
organization:
  name: contoso
  deployment: online
  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
systemSettings:
  defaults: { serverProfile: exo-default }
serverProfiles:
  exo-default:
    serverType: exchangeOnline
    mailSystem: exo
    autodiscover: false$0
    incoming:
      serverLocation: https://outlook.office365.com/EWS/Exchange.asmx
      authenticateUsing: serverToServer
    outgoing:
      serverLocation: https://outlook.office365.com/EWS/Exchange.asmx # same as incoming
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
`;

test('exchange-online-autodiscover: autodiscover on, both locations removed (an outgoing block with only its location goes)', () => {
  const r = fixesAt(EXO, 'exchange-online-autodiscover');
  const title = 'Set autodiscover to true and remove incoming.serverLocation and outgoing.serverLocation';
  assert.deepEqual(r.titles, [`*${title}`]);
  const fixed = r.apply(title);
  assert.equal(
    fixed,
    replaceOnce(
      replaceOnce(replaceOnce(r.text, 'autodiscover: false', 'autodiscover: true'), '      serverLocation: https://outlook.office365.com/EWS/Exchange.asmx\n      authenticateUsing', '      authenticateUsing'),
      '    outgoing:\n      serverLocation: https://outlook.office365.com/EWS/Exchange.asmx # same as incoming\n',
      '',
    ),
  );
  assert.deepEqual(analyze(fixed).findings.map((f) => f.ruleId), []);
});

test('exchange-online-autodiscover: an outgoing block with other keys keeps them', () => {
  const src = replaceOnce(EXO, ' # same as incoming\n', '\n      authProtocol: autoDetect\n');
  const r = fixesAt(src, 'exchange-online-autodiscover');
  const title = 'Set autodiscover to true and remove incoming.serverLocation and outgoing.serverLocation';
  assert.deepEqual(r.titles, [`*${title}`]);
  assert.equal(
    r.apply(title),
    replaceOnce(
      replaceOnce(replaceOnce(r.text, 'autodiscover: false', 'autodiscover: true'), '      serverLocation: https://outlook.office365.com/EWS/Exchange.asmx\n      authenticateUsing', '      authenticateUsing'),
      '    outgoing:\n      serverLocation: https://outlook.office365.com/EWS/Exchange.asmx\n',
      '    outgoing:\n',
    ),
  );
});

test('exchange-online-autodiscover: with no location written, only autodiscover is set', () => {
  const src = replaceOnce(
    EXO,
    '    incoming:\n      serverLocation: https://outlook.office365.com/EWS/Exchange.asmx\n      authenticateUsing: serverToServer\n    outgoing:\n      serverLocation: https://outlook.office365.com/EWS/Exchange.asmx # same as incoming\n',
    '    incoming: { authenticateUsing: serverToServer }\n',
  );
  const r = fixesAt(src, 'exchange-online-autodiscover');
  assert.deepEqual(r.titles, ['*Set autodiscover to true']);
  const fixed = r.apply('Set autodiscover to true');
  assert.equal(fixed, replaceOnce(r.text, 'autodiscover: false', 'autodiscover: true'));
  assert.equal(fires(fixed, 'exchange-online-autodiscover'), false);
});

// --- exchange-location-missing ----------------------------------------------------------------

const EX_NO_LOCATION = `version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch-onprem }
serverProfiles:
  exch-onprem:
    serverType: exchangeServer
    mailSystem: exch
    autodiscover: false$0
    incoming:
      authenticateUsing: windowsIntegrated
mailboxes:
  bob: { kind: user, emailAddress: bob@fabrikam.com, approval: approved }
`;

test('exchange-location-missing: set autodiscover to true (preferred)', () => {
  const r = fixesAt(EX_NO_LOCATION, 'exchange-location-missing');
  assert.deepEqual(r.titles, ['*Set autodiscover to true', 'Set incoming.serverLocation to ""']);
  const fixed = r.apply('Set autodiscover to true');
  assert.equal(fixed, replaceOnce(r.text, 'autodiscover: false', 'autodiscover: true'));
  assert.equal(fires(fixed, 'exchange-location-missing'), false);
});

test('exchange-location-missing: insert the placeholder location', () => {
  const r = fixesAt(EX_NO_LOCATION, 'exchange-location-missing');
  assert.equal(
    r.apply('Set incoming.serverLocation to ""'),
    replaceOnce(r.text, '      authenticateUsing: windowsIntegrated\n', '      authenticateUsing: windowsIntegrated\n      serverLocation: ""\n'),
  );
});

test('exchange-location-missing: Autodiscover off by default inserts autodiscover: true into the profile', () => {
  const src = `version: 1
organization: { name: northwind, deployment: online, tenantId: 5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9 }
mailSystems:
  exch2016: { kind: exchangeServer, version: "2016", servicePack: CU3 }
systemSettings:
  defaults: { serverProfile: exch-hybrid }
serverProfiles:
  exch-hybrid:
    serverType: exchangeServerHybrid
    mailSystem: exch2016
    incoming$0: { authenticateUsing: serverProfile, useImpersonation: true, username: svc-crm@northwind.com, password: { secretRef: "env:NW_PWD" } }
mailboxes:
  carol: { kind: user, emailAddress: carol@northwind.com, approval: approved }
`;
  const r = fixesAt(src, 'exchange-location-missing');
  assert.deepEqual(r.titles, ['*Set autodiscover to true', 'Set incoming.serverLocation to ""']);
  const fixed = r.apply('Set autodiscover to true');
  assert.equal(fixed, replaceOnce(r.text, '{ secretRef: "env:NW_PWD" } }\n', '{ secretRef: "env:NW_PWD" } }\n    autodiscover: true\n'));
  assert.equal(fires(fixed, 'exchange-location-missing'), false);
  assert.equal(
    r.apply('Set incoming.serverLocation to ""'),
    replaceOnce(r.text, '{ secretRef: "env:NW_PWD" } }\n', '{ secretRef: "env:NW_PWD" }, serverLocation: "" }\n'),
  );
});

test('exchange-location-missing (b): with Exchange Hybrid Modern Auth only the placeholder location is offered', () => {
  const src = `version: 1
baseline: d365-9
organization: { name: woodgrove, deployment: online, tenantId: 2f6a1c9e-8b3d-4e7a-9c15-6d2e8f4a7b31 }
mailSystems:
  exch2019: { kind: exchangeServer, version: "2019" }
systemSettings:
  defaults: { serverProfile: exch-hma }
serverProfiles:
  exch-hma:
    serverType: exchangeServerHybrid
    mailSystem: exch2019
    autodiscover: true
    incoming$0:
      authenticateUsing: exchangeHybridModernAuth
mailboxes:
  ines: { kind: user, emailAddress: ines@woodgrove.example, approval: approved }
`;
  const r = fixesAt(src, 'exchange-location-missing');
  assert.deepEqual(r.titles, ['Set incoming.serverLocation to ""']);
  assert.equal(
    r.apply('Set incoming.serverLocation to ""'),
    replaceOnce(r.text, '      authenticateUsing: exchangeHybridModernAuth\n', '      authenticateUsing: exchangeHybridModernAuth\n      serverLocation: ""\n'),
  );
  // With autodiscover: false written as well: one finding, on the autodiscover value, same fix.
  const off = fixesAt(replaceOnce(src.replace('incoming$0:', 'incoming:'), 'autodiscover: true', 'autodiscover: false$0'), 'exchange-location-missing');
  assert.deepEqual(off.titles, ['Set incoming.serverLocation to ""']);
  assert.equal(analyze(off.text).findings.filter((f) => f.ruleId === 'exchange-location-missing').length, 1);
});

// --- pop3-location-missing --------------------------------------------------------------------

const POP3_NO_HOSTS = `version: 1
organization: { name: tailspin, deployment: online, tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b }
mailSystems:
  mail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: pop, appointmentsContactsTasks: none }
serverProfiles:
  pop:
    serverType: pop3Smtp
    mailSystem: mail
    incoming:
      port: 995
      authenticateUsing: userOrQueue
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@gmail.com
    credentials: { allowUse: true, username: dan.tailspin@gmail.com, password: { secretRef: "env:DAN_PWD" } }
    approval: approved
`;

const atIncoming = (t: string) => t.replace('    incoming:\n', '    incoming$0:\n');
const atProfile = (t: string) => t.replace('  pop:\n', '  pop$0:\n');

test('pop3-location-missing: gmail incoming host (preferred)', () => {
  const r = fixesAt(atIncoming(POP3_NO_HOSTS), 'pop3-location-missing');
  assert.deepEqual(r.titles, ['*Set incoming.serverLocation to pop.gmail.com']);
  const fixed = r.apply('Set incoming.serverLocation to pop.gmail.com');
  assert.equal(fixed, replaceOnce(r.text, '      authenticateUsing: userOrQueue\n', '      authenticateUsing: userOrQueue\n      serverLocation: pop.gmail.com\n'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'pop3-location-missing').length, 1, 'only the outgoing finding is left');
});

test('pop3-location-missing: no outgoing block inserts outgoing: { serverLocation: smtp.gmail.com }', () => {
  const r = fixesAt(atProfile(POP3_NO_HOSTS), 'pop3-location-missing');
  assert.deepEqual(r.titles, ['*Set outgoing.serverLocation to smtp.gmail.com']);
  const fixed = r.apply('Set outgoing.serverLocation to smtp.gmail.com');
  assert.equal(fixed, replaceOnce(r.text, '      authenticateUsing: userOrQueue\n', '      authenticateUsing: userOrQueue\n    outgoing: { serverLocation: smtp.gmail.com }\n'));
});

test('pop3-location-missing: yahoo hosts, outgoing block written without its host', () => {
  const src = replaceOnce(
    replaceOnce(POP3_NO_HOSTS, 'provider: gmail', 'provider: yahoo'),
    '      authenticateUsing: userOrQueue\n',
    '      authenticateUsing: userOrQueue\n    outgoing:\n      port: 465\n',
  );
  const inc = fixesAt(atIncoming(src), 'pop3-location-missing');
  assert.deepEqual(inc.titles, ['*Set incoming.serverLocation to pop.mail.yahoo.com']);
  assert.equal(
    inc.apply('Set incoming.serverLocation to pop.mail.yahoo.com'),
    replaceOnce(inc.text, '      authenticateUsing: userOrQueue\n', '      authenticateUsing: userOrQueue\n      serverLocation: pop.mail.yahoo.com\n'),
  );
  const out = fixesAt(src.replace('    outgoing:\n', '    outgoing$0:\n'), 'pop3-location-missing');
  assert.deepEqual(out.titles, ['*Set outgoing.serverLocation to smtp.mail.yahoo.com']);
  const fixed = out.apply('Set outgoing.serverLocation to smtp.mail.yahoo.com');
  assert.equal(fixed, replaceOnce(out.text, '      port: 465\n', '      port: 465\n      serverLocation: smtp.mail.yahoo.com\n'));
  const both = inc.apply('Set incoming.serverLocation to pop.mail.yahoo.com');
  assert.equal(fires(replaceOnce(both, '      port: 465\n', '      port: 465\n      serverLocation: smtp.mail.yahoo.com\n'), 'pop3-location-missing'), false);
});

test('pop3-location-missing: an unknown provider gets the placeholder, not preferred', () => {
  const src = replaceOnce(POP3_NO_HOSTS, 'provider: gmail', 'provider: other');
  const inc = fixesAt(atIncoming(src), 'pop3-location-missing');
  assert.deepEqual(inc.titles, ['Set incoming.serverLocation to ""']);
  assert.equal(
    inc.apply('Set incoming.serverLocation to ""'),
    replaceOnce(inc.text, '      authenticateUsing: userOrQueue\n', '      authenticateUsing: userOrQueue\n      serverLocation: ""\n'),
  );
  const out = fixesAt(atProfile(src), 'pop3-location-missing');
  assert.deepEqual(out.titles, ['Set outgoing.serverLocation to ""']);
  assert.equal(
    out.apply('Set outgoing.serverLocation to ""'),
    replaceOnce(out.text, '      authenticateUsing: userOrQueue\n', '      authenticateUsing: userOrQueue\n    outgoing: { serverLocation: "" }\n'),
  );
});

test('pop3-location-missing: gmail with IMAP gets the IMAP host of the Gmail OAuth guide (preferred)', () => {
  const src = replaceOnce(replaceOnce(replaceOnce(POP3_NO_HOSTS, 'kind: pop3Smtp', 'kind: imapSmtp'), 'serverType: pop3Smtp', 'serverType: imapSmtp'), 'version: 1\n', 'version: 1\nbaseline: d365-9\n');
  const r = fixesAt(atIncoming(src), 'pop3-location-missing');
  assert.deepEqual(r.titles, ['*Set incoming.serverLocation to imap.gmail.com']);
  assert.equal(
    r.apply('Set incoming.serverLocation to imap.gmail.com'),
    replaceOnce(r.text, '      authenticateUsing: userOrQueue\n', '      authenticateUsing: userOrQueue\n      serverLocation: imap.gmail.com\n'),
  );
  const out = fixesAt(atProfile(src), 'pop3-location-missing');
  assert.deepEqual(out.titles, ['*Set outgoing.serverLocation to smtp.gmail.com']);
});

test('pop3-location-missing: yahoo with IMAP has no known host (placeholder)', () => {
  const src = replaceOnce(
    replaceOnce(replaceOnce(replaceOnce(POP3_NO_HOSTS, 'kind: pop3Smtp, provider: gmail', 'kind: imapSmtp, provider: yahoo'), 'serverType: pop3Smtp', 'serverType: imapSmtp'), 'version: 1\n', 'version: 1\nbaseline: d365-9\n'),
    'dan.tailspin@gmail.com, password',
    'dan.tailspin@yahoo.com, password',
  );
  const r = fixesAt(atIncoming(src), 'pop3-location-missing');
  assert.deepEqual(r.titles, ['Set incoming.serverLocation to ""']);
});

// --- autodiscover-non-exchange / move-failed-non-exchange -------------------------------------

const POP3_OK = `version: 1
organization: { name: tailspin, deployment: online, tenantId: 0b8f7e2d-1a3c-4e5f-9a6b-7c8d9e0f1a2b }
mailSystems:
  yahoo: { kind: pop3Smtp, provider: yahoo }
systemSettings:
  defaults: { serverProfile: yahoo-pop, appointmentsContactsTasks: none }
serverProfiles:
  yahoo-pop:
    serverType: pop3Smtp
    mailSystem: yahoo
    incoming: { serverLocation: pop.mail.yahoo.com, port: 995, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }
mailboxes:
  dan:
    kind: user
    emailAddress: dan.tailspin@yahoo.com
    credentials: { allowUse: true, username: dan.tailspin@yahoo.com, password: { secretRef: "env:DAN_PWD" } }
    approval: approved
`;

test('autodiscover-non-exchange: remove autodiscover', () => {
  const src = replaceOnce(POP3_OK, '    mailSystem: yahoo\n', '    mailSystem: yahoo\n    autodiscover: true$0 # copied from the Exchange profile\n');
  const r = fixesAt(src, 'autodiscover-non-exchange');
  assert.deepEqual(r.titles, ['*Remove autodiscover']);
  const fixed = r.apply('Remove autodiscover');
  assert.equal(fixed, POP3_OK);
  assert.deepEqual(analyze(fixed).findings.map((f) => f.ruleId), []);
});

test('move-failed-non-exchange: remove the key, other advanced keys stay', () => {
  const src = replaceOnce(
    POP3_OK,
    '    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }\n',
    '    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }\n    advanced:\n      moveFailedEmailsToUndeliverable: true$0\n      sendAlertEmailToOwner: true\n',
  );
  const r = fixesAt(src, 'move-failed-non-exchange');
  assert.deepEqual(r.titles, ['*Remove moveFailedEmailsToUndeliverable']);
  const fixed = r.apply('Remove moveFailedEmailsToUndeliverable');
  assert.equal(fixed, replaceOnce(r.text, '      moveFailedEmailsToUndeliverable: true\n', ''));
  assert.deepEqual(analyze(fixed).findings.map((f) => f.ruleId), []);
});

test('move-failed-non-exchange: an advanced block holding only the key goes with it (no empty advanced:)', () => {
  const src = replaceOnce(
    POP3_OK,
    '    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }\n',
    '    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }\n    advanced:\n      moveFailedEmailsToUndeliverable: true$0\n',
  );
  const r = fixesAt(src, 'move-failed-non-exchange');
  assert.deepEqual(r.titles, ['*Remove moveFailedEmailsToUndeliverable']);
  const fixed = r.apply('Remove moveFailedEmailsToUndeliverable');
  assert.equal(fixed, POP3_OK);
  assert.deepEqual(analyze(fixed).findings.map((f) => f.ruleId), []);
});

test('move-failed-non-exchange: in a flow advanced block, only the pair goes', () => {
  const src = replaceOnce(
    POP3_OK,
    '    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }\n',
    '    outgoing: { serverLocation: smtp.mail.yahoo.com, port: 465 }\n    advanced: { sendAlertEmailToOwner: true, moveFailedEmailsToUndeliverable: true$0 }\n',
  );
  const r = fixesAt(src, 'move-failed-non-exchange');
  assert.equal(r.apply('Remove moveFailedEmailsToUndeliverable'), replaceOnce(r.text, ', moveFailedEmailsToUndeliverable: true', ''));
});

// --- connection-limit-profile-wide ------------------------------------------------------------

test('connection-limit-profile-wide: no fix', () => {
  const src = replaceOnce(HTTP_CREDS.replace('  https: false$0\n', ''), '      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }\n', '      password: { secretRef: "env:FABRIKAM_SVC_CRM_PWD" }\n    advanced: { maxConcurrentConnections: 40$0 }\n');
  assert.deepEqual(fixesAt(src, 'connection-limit-profile-wide').titles, []);
});

// --- process-email-from-old -------------------------------------------------------------------

const OLD_FROM = `version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch-onprem }
serverProfiles:
  exch-onprem:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx
      authenticateUsing: windowsIntegrated
    advanced:
      processEmailFrom: "2016-12-01T00:00:00Z"$0
mailboxes:
  bob: { kind: user, emailAddress: bob@fabrikam.com, approval: approved }
`;

test('process-email-from-old: set to the date of the check (test clock 2024-06-01), not preferred, quotes kept', () => {
  const r = fixesAt(OLD_FROM, 'process-email-from-old');
  assert.deepEqual(r.titles, ['Set processEmailFrom to 2024-06-01']);
  const fixed = r.apply('Set processEmailFrom to 2024-06-01');
  assert.equal(fixed, replaceOnce(r.text, '"2016-12-01T00:00:00Z"', '"2024-06-01"'));
  assert.deepEqual(analyze(fixed).findings.map((f) => f.ruleId), []);
});

test('process-email-from-old: a plain date becomes a plain date', () => {
  const src = replaceOnce(OLD_FROM, '"2016-12-01T00:00:00Z"', '2024-05-17');
  const r = fixesAt(src, 'process-email-from-old');
  assert.deepEqual(r.titles, ['Set processEmailFrom to 2024-06-01']);
  assert.equal(r.apply('Set processEmailFrom to 2024-06-01'), replaceOnce(r.text, 'processEmailFrom: 2024-05-17', 'processEmailFrom: 2024-06-01'));
});

// --- profile-unused ---------------------------------------------------------------------------

test('profile-unused: remove the profile (unsafe, not preferred)', () => {
  const spare = '  exch-spare:\n    serverType: exchangeServer\n    mailSystem: exch\n    incoming: { serverLocation: https://mail2.fabrikam.local/EWS/Exchange.asmx, authenticateUsing: windowsIntegrated }\n';
  const src = replaceOnce(OLD_FROM.replace('    advanced:\n      processEmailFrom: "2016-12-01T00:00:00Z"$0\n', ''), 'mailboxes:\n', `${spare.replace('  exch-spare:', '  exch-spare$0:')}mailboxes:\n`);
  const r = fixesAt(src, 'profile-unused');
  assert.deepEqual(r.titles, ['!Remove profile exch-spare']);
  const fixed = r.apply('Remove profile exch-spare');
  assert.equal(fixed, replaceOnce(r.text, spare, ''));
  assert.deepEqual(analyze(fixed).findings.map((f) => f.ruleId), []);
});

// --- profile-inactive -------------------------------------------------------------------------

const INACTIVE = `version: 1
organization: { name: fabrikam, deployment: onPremises }
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exch-old }
serverProfiles:
  exch-old:
    serverType: exchangeServer
    mailSystem: exch
    active: false$0
    incoming: { serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx, authenticateUsing: windowsIntegrated }
  exch-new:
    serverType: exchangeServer
    mailSystem: exch
    incoming: { serverLocation: https://mail2.fabrikam.local/EWS/Exchange.asmx, authenticateUsing: windowsIntegrated }
mailboxes:
  bob: { kind: user, emailAddress: bob@fabrikam.com, approval: approved }
  carl: { kind: user, emailAddress: carl@fabrikam.com, serverProfile: exch-old, approval: approved }
`;

test('profile-inactive: set active to true (preferred)', () => {
  const r = fixesAt(INACTIVE, 'profile-inactive');
  assert.deepEqual(r.titles, ['*Set active to true', 'Set serverProfile to exch-new']);
  const fixed = r.apply('Set active to true');
  assert.equal(fixed, replaceOnce(r.text, 'active: false', 'active: true'));
  // Activating exposes nothing new; only the info that nobody uses the spare profile remains.
  assert.deepEqual(analyze(fixed).findings.map((f) => f.ruleId), ['profile-unused']);
});

test('profile-inactive: move the mailboxes that write the profile and the default to another active profile of the same mail system', () => {
  const r = fixesAt(INACTIVE, 'profile-inactive');
  const fixed = r.apply('Set serverProfile to exch-new');
  assert.equal(
    fixed,
    replaceOnce(replaceOnce(r.text, 'defaults: { serverProfile: exch-old }', 'defaults: { serverProfile: exch-new }'), 'serverProfile: exch-old, approval', 'serverProfile: exch-new, approval'),
  );
  assert.equal(fires(fixed, 'profile-inactive'), false);
});
