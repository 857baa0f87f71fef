/**
 * Quick fixes of the "Topology and versions" rules (`crm-onprem-exchange-online` to
 * `baseline-version-mismatch` in catalogue order): for every fix, the full title
 * list of its finding (* preferred, ! unsafe) and the whole document after applying it.
 * `$0` marks a position inside the finding's span.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { confirmPreferred, createAnalyzer } from '../../../server/src/analysis';
import { analyze, FIXED_NOW } from '../../harness/check';
import { withCursor } from '../../harness/cursor';
import { fixesAt, fires, replaceOnce } from '../../harness/fixes';




// --- crm-onprem-exchange-online ---------------------------------------------------------------

const ONPREM_EXO = `version: 1
baseline: crm2016
organization:
  name: adatum
  deployment: onPremises
  crmVersion: "8.0"
mailSystems:
  exo: { kind: exchangeOnline, tenantId: c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f }
  exch: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: exo-hybrid }
serverProfiles:
  exo-hybrid:
    serverType: exchangeOnlineHybrid
    mailSystem: exo$0
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  frank: { kind: user, emailAddress: frank@adatum.com, approval: approved }
`;

test('crm-onprem-exchange-online: "Plan for CRM 2016 SP1 (8.1)" and the Exchange Server candidate, both unsafe', () => {
  const r = fixesAt(ONPREM_EXO, 'crm-onprem-exchange-online');
  assert.deepEqual(r.titles, ['!Plan for CRM 2016 SP1 (8.1)', '!Set mailSystem to exch']);
  const to81 = r.apply('Plan for CRM 2016 SP1 (8.1)');
  assert.equal(to81, replaceOnce(r.text, 'crmVersion: "8.0"', 'crmVersion: "8.1"'));
  assert.equal(fires(to81, 'crm-onprem-exchange-online'), false);
  const fixed = r.apply('Set mailSystem to exch');
  assert.equal(fixed, replaceOnce(r.text, 'mailSystem: exo\n', 'mailSystem: exch\n'));
  assert.equal(fires(fixed, 'crm-onprem-exchange-online'), false);
});

test('crm-onprem-exchange-online: two candidates; 8.1 inserts an absent crmVersion', () => {
  const src = replaceOnce(
    replaceOnce(ONPREM_EXO, 'baseline: crm2016\n', ''),
    '  exch: { kind: exchangeServer, version: "2016" }\n',
    '  exch: { kind: exchangeServer, version: "2016" }\n  exch2: { kind: exchangeServer, version: "2013", servicePack: SP1 }\n',
  ).replace('  crmVersion: "8.0"\n', '');
  const r = fixesAt(src, 'crm-onprem-exchange-online');
  assert.deepEqual(r.titles, ['!Plan for CRM 2016 SP1 (8.1)', '!Set mailSystem to exch', '!Set mailSystem to exch2']);
  assert.equal(r.apply('Set mailSystem to exch2'), replaceOnce(r.text, 'mailSystem: exo\n', 'mailSystem: exch2\n'));
  const fixed = r.apply('Plan for CRM 2016 SP1 (8.1)');
  assert.equal(fixed, replaceOnce(r.text, '  deployment: onPremises\n', '  deployment: onPremises\n  crmVersion: "8.1"\n'));
  assert.equal(fires(fixed, 'crm-onprem-exchange-online'), false);
});

test('crm-onprem-exchange-online: on d365-8.2 with crmVersion 8.0, plan for the baseline\'s own 8.2', () => {
  const src = replaceOnce(ONPREM_EXO, 'baseline: crm2016', 'baseline: d365-8.2');
  const r = fixesAt(src, 'crm-onprem-exchange-online');
  assert.deepEqual(r.titles, ['!Plan for Dynamics 365 8.2', '!Set mailSystem to exch']);
  const fixed = r.apply('Plan for Dynamics 365 8.2');
  assert.equal(fixed, replaceOnce(r.text, 'crmVersion: "8.0"', 'crmVersion: "8.2"'));
  assert.equal(fires(fixed, 'crm-onprem-exchange-online'), false);
  assert.equal(fires(fixed, 'baseline-version-mismatch'), false);
});

test('crm-onprem-exchange-online: from 8.1 the rule is silent', () => {
  const src = replaceOnce(ONPREM_EXO.replace('$0', ''), 'crmVersion: "8.0"', 'crmVersion: "8.1"');
  assert.equal(fires(src, 'crm-onprem-exchange-online'), false);
  assert.equal(fires(src, 'exchange-online-hybrid-prerequisites'), true);
});

// --- profile-server-type-mismatch -------------------------------------------------------------

const ONLINE_MISMATCH = `version: 1
organization:
  name: northwind
  deployment: online
  tenantId: 9d0e51a2-7c44-4f31-8b3e-61c2f0a9d7b4
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: pop }
serverProfiles:
  pop:
    serverType: pop3Smtp$0
    mailSystem: exch
    incoming:
      serverLocation: pop.gmail.com
      authenticateUsing: serverProfile
      username: sales.northwind@gmail.com
      password: { secretRef: "env:NORTHWIND_POP_PWD" }
    outgoing:
      serverLocation: smtp.gmail.com
mailboxes:
  sales: { kind: queue, emailAddress: sales.northwind@gmail.com, approval: approved }
`;

test('profile-server-type-mismatch: set the expected serverType (unsafe, not preferred)', () => {
  const r = fixesAt(ONLINE_MISMATCH, 'profile-server-type-mismatch');
  assert.deepEqual(r.titles, ['!Set serverType to exchangeServerHybrid', '!Set mailSystem to gmail']);
  const fixed = r.apply('Set serverType to exchangeServerHybrid');
  assert.equal(fixed, replaceOnce(r.text, 'serverType: pop3Smtp', 'serverType: exchangeServerHybrid'));
  assert.equal(fires(fixed, 'profile-server-type-mismatch'), false);
});

test('profile-server-type-mismatch: or name a mail system the current serverType fits (unsafe)', () => {
  const r = fixesAt(ONLINE_MISMATCH, 'profile-server-type-mismatch');
  const fixed = r.apply('Set mailSystem to gmail');
  assert.equal(fixed, replaceOnce(r.text, 'mailSystem: exch\n', 'mailSystem: gmail\n'));
  assert.equal(fires(fixed, 'profile-server-type-mismatch'), false);
});

// --- exchange-online-hybrid-prerequisites -----------------------------------------------------

const HYBRID_ALL_MISSING = `version: 1
baseline: d365-8.2
organization:
  name: coho-winery
  deployment: onPremises
mailSystems:
  exo:
    kind: exchangeOnline
    tenantId: 8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f
systemSettings:
  defaults:
    serverProfile: exo-hybrid
serverProfiles:
  exo-hybrid:
    serverType: exchangeOnlineHybrid$0
    mailSystem: exo
    useDefaultTenantId: false
    incoming:
      authenticateUsing: serverToServer
mailboxes:
  vera: { kind: user, emailAddress: vera@cohowinery.example, approval: approved }
`;
const HYBRID_TITLES = [
  'Set ifd to true',
  'Set hybridConnector to true',
  'Set s2sCertificate to { thumbprint: "", keySpec: 1 }',
  'Set exchangeOnlineTenantId to 8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f',
  'Add all',
];
const ORG_END = '  deployment: onPremises\n';
const UDT = '    useDefaultTenantId: false\n';
/** exchangeOnlineTenantId goes at the end of the profile mapping, after incoming. */
const TENANT_AT = '      authenticateUsing: serverToServer\n';

test('exchange-online-hybrid-prerequisites: one fix per missing item, then "Add all" (not preferred: placeholder)', () => {
  const r = fixesAt(HYBRID_ALL_MISSING, 'exchange-online-hybrid-prerequisites');
  assert.deepEqual(r.titles, HYBRID_TITLES);
  assert.equal(r.apply('Set ifd to true'), replaceOnce(r.text, ORG_END, `${ORG_END}  ifd: true\n`));
  assert.equal(r.apply('Set hybridConnector to true'), replaceOnce(r.text, ORG_END, `${ORG_END}  hybridConnector: true\n`));
  assert.equal(
    r.apply('Set s2sCertificate to { thumbprint: "", keySpec: 1 }'),
    replaceOnce(r.text, ORG_END, `${ORG_END}  s2sCertificate: { thumbprint: "", keySpec: 1 }\n`),
  );
  assert.equal(
    r.apply('Set exchangeOnlineTenantId to 8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f'),
    replaceOnce(r.text, TENANT_AT, `${TENANT_AT}    exchangeOnlineTenantId: 8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f\n`),
  );
  // Several keys inserted at the end of organization keep their order.
  const all = r.apply('Add all');
  assert.equal(
    all,
    replaceOnce(
      replaceOnce(r.text, ORG_END, `${ORG_END}  ifd: true\n  hybridConnector: true\n  s2sCertificate: { thumbprint: "", keySpec: 1 }\n`),
      TENANT_AT,
      `${TENANT_AT}    exchangeOnlineTenantId: 8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f\n`,
    ),
  );
  assert.equal(fires(all, 'exchange-online-hybrid-prerequisites'), false);
});

test('exchange-online-hybrid-prerequisites: "Add all" is preferred when no placeholder is needed', () => {
  const src = replaceOnce(
    replaceOnce(HYBRID_ALL_MISSING, ORG_END, `${ORG_END}  ifd: false\n  s2sCertificate: { thumbprint: "7A1B2C3D4E5F60718293A4B5C6D7E8F901234567", keySpec: 1 }\n`),
    UDT,
    '',
  );
  const r = fixesAt(src, 'exchange-online-hybrid-prerequisites');
  assert.deepEqual(r.titles, ['Set ifd to true', 'Set hybridConnector to true', '*Add all']);
  const last = '  s2sCertificate: { thumbprint: "7A1B2C3D4E5F60718293A4B5C6D7E8F901234567", keySpec: 1 }\n';
  assert.equal(r.apply('Set ifd to true'), replaceOnce(r.text, 'ifd: false', 'ifd: true'));
  assert.equal(r.apply('Set hybridConnector to true'), replaceOnce(r.text, last, `${last}  hybridConnector: true\n`));
  const all = r.apply('Add all');
  assert.equal(all, replaceOnce(replaceOnce(r.text, 'ifd: false', 'ifd: true'), last, `${last}  hybridConnector: true\n`));
  assert.equal(fires(all, 'exchange-online-hybrid-prerequisites'), false);
});

test('exchange-online-hybrid-prerequisites: a single missing item is preferred itself (no "Add all")', () => {
  const src = replaceOnce(
    HYBRID_ALL_MISSING,
    ORG_END,
    `${ORG_END}  ifd: true\n  hybridConnector: true\n  s2sCertificate: { thumbprint: "7A1B2C3D4E5F60718293A4B5C6D7E8F901234567", keySpec: 1 }\n`,
  );
  const r = fixesAt(src, 'exchange-online-hybrid-prerequisites');
  assert.deepEqual(r.titles, ['*Set exchangeOnlineTenantId to 8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f']);
  const fixed = r.apply('Set exchangeOnlineTenantId to 8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f');
  assert.equal(fixed, replaceOnce(r.text, TENANT_AT, `${TENANT_AT}    exchangeOnlineTenantId: 8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f\n`));
  assert.equal(fires(fixed, 'exchange-online-hybrid-prerequisites'), false);
});

test('exchange-online-hybrid-prerequisites: an unknown mail-system tenant gives the placeholder "" (not preferred)', () => {
  const src = replaceOnce(
    replaceOnce(HYBRID_ALL_MISSING, '    tenantId: 8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f\n', '    tenantId: 42\n'),
    ORG_END,
    `${ORG_END}  ifd: true\n  hybridConnector: true\n  s2sCertificate: { thumbprint: "7A1B2C3D4E5F60718293A4B5C6D7E8F901234567", keySpec: 1 }\n`,
  );
  const r = fixesAt(src, 'exchange-online-hybrid-prerequisites');
  assert.deepEqual(r.titles, ['Set exchangeOnlineTenantId to ""']);
  assert.equal(r.apply('Set exchangeOnlineTenantId to ""'), replaceOnce(r.text, TENANT_AT, `${TENANT_AT}    exchangeOnlineTenantId: ""\n`));
});

// --- exchange-online-cross-tenant -------------------------------------------------------------

const CROSS = `version: 1
organization:
  name: fourth-coffee
  deployment: online
  tenantId: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
mailSystems:
  exo-partner: { kind: exchangeOnline, tenantId: 6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0$0 }
  exo: { kind: exchangeOnline, tenantId: 1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D }
systemSettings:
  defaults: { serverProfile: a }
serverProfiles:
  a:
    serverType: exchangeOnline
    mailSystem: exo-partner
    incoming: { authenticateUsing: serverToServer }
  b:
    serverType: exchangeOnline
    mailSystem: exo-partner
    incoming: { authenticateUsing: serverToServer }
mailboxes:
  ivan: { kind: user, emailAddress: ivan@fourthcoffee.example, approval: approved }
  jo: { kind: user, emailAddress: jo@fourthcoffee.example, serverProfile: b, approval: approved }
`;

test('exchange-online-cross-tenant (a): every profile naming S moves to the own-tenant mail system (unsafe, no longer preferred)', () => {
  const r = fixesAt(CROSS, 'exchange-online-cross-tenant');
  assert.deepEqual(r.titles, ['!Set mailSystem to exo', '!Set tenantId to 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d']);
  const fixed = r.apply('Set mailSystem to exo');
  assert.equal(fixed, r.text.replaceAll('mailSystem: exo-partner\n', 'mailSystem: exo\n'));
  assert.equal(fires(fixed, 'exchange-online-cross-tenant'), false);
});

const CROSS_9 = replaceOnce(CROSS, 'version: 1\n', 'version: 1\nbaseline: d365-9\n');

test('exchange-online-cross-tenant (a) on d365-9: "Use Azure AD OAuth" per profile, with a placeholder client (not preferred)', () => {
  const r = fixesAt(CROSS_9, 'exchange-online-cross-tenant');
  assert.deepEqual(r.titles, [
    "Use Azure AD OAuth: name the tenant, add an oauth client (profile 'a')",
    "Use Azure AD OAuth: name the tenant, add an oauth client (profile 'b')",
    '!Set mailSystem to exo',
    '!Set tenantId to 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  ]);
  const fixed = r.apply("Use Azure AD OAuth: name the tenant, add an oauth client (profile 'a')");
  const a = '  a:\n    serverType: exchangeOnline\n    mailSystem: exo-partner\n    incoming: { authenticateUsing: serverToServer }\n';
  assert.equal(
    fixed,
    replaceOnce(
      r.text,
      a,
      '  a:\n    serverType: exchangeOnline\n    mailSystem: exo-partner\n    incoming: { authenticateUsing: azureAdOAuth }\n' +
        '    useDefaultTenantId: false\n    exchangeOnlineTenantId: 6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0\n' +
        '    oauth: { applicationId: "", clientSecret: { secretRef: "env:CRMSYNC_A_CLIENT_SECRET" } }\n',
    ),
  );
  // Profile b still signs in with S2S: still (a).
  assert.equal(fires(fixed, 'exchange-online-cross-tenant'), true);
});

const CROSS_OAUTH = `version: 1
baseline: d365-9
organization:
  name: fourth-coffee
  deployment: online
  tenantId: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
mailSystems:
  exo-partner: { kind: exchangeOnline, tenantId: 6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0 }
systemSettings:
  defaults: { serverProfile: a }
serverProfiles:
  a:
    serverType: exchangeOnline
    mailSystem: exo-partner
    useDefaultTenantId: true$0
    oauth: { applicationId: 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0, clientSecret: { secretRef: "env:CRMSYNC_A_CLIENT_SECRET" } }
    incoming: { authenticateUsing: azureAdOAuth }
mailboxes:
  ivan: { kind: user, emailAddress: ivan@partner.example, approval: approved, approvedByExchangeOnlineAdmin: true }
`;

test('exchange-online-cross-tenant (b): name the other tenant (preferred); (c) stays a warning', () => {
  const r = fixesAt(CROSS_OAUTH, 'exchange-online-cross-tenant');
  assert.deepEqual(r.titles, ['*Set useDefaultTenantId to false and exchangeOnlineTenantId to 6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0']);
  const fixed = r.apply('Set useDefaultTenantId to false and exchangeOnlineTenantId to 6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0');
  const last = '    incoming: { authenticateUsing: azureAdOAuth }\n';
  assert.equal(
    fixed,
    replaceOnce(replaceOnce(r.text, 'useDefaultTenantId: true', 'useDefaultTenantId: false'), last, `${last}    exchangeOnlineTenantId: 6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0\n`),
  );
  assert.deepEqual(
    analyze(fixed).findings.filter((f) => f.ruleId === 'exchange-online-cross-tenant').map((f) => f.severity),
    ['warning'],
  );
});

test('exchange-online-cross-tenant: or correct a mistyped tenantId', () => {
  const r = fixesAt(CROSS, 'exchange-online-cross-tenant');
  const fixed = r.apply('Set tenantId to 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d');
  assert.equal(fixed, replaceOnce(r.text, '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'));
  assert.equal(fires(fixed, 'exchange-online-cross-tenant'), false);
});

// --- hybrid-exchange-version ------------------------------------------------------------------

function hybridPlan(mailSystem: string, head = 'version: 1\n', org = ''): string {
  return `${head}organization:
  name: northwind
  deployment: online
  tenantId: 9d0e51a2-7c44-4f31-8b3e-61c2f0a9d7b4
${org}mailSystems:
  exch: ${mailSystem}
systemSettings:
  defaults: { serverProfile: exch-hybrid }
serverProfiles:
  exch-hybrid:
    serverType: exchangeServerHybrid
    mailSystem: exch
    autodiscover: true
    incoming:
      authenticateUsing: serverProfile
      useImpersonation: true
      username: svc-crm@northwind.com
      password: { secretRef: "env:NORTHWIND_SVC_PWD" }
mailboxes:
  carol: { kind: user, emailAddress: carol@northwind.com, approval: approved }
`;
}

test('hybrid-exchange-version: service pack too low and not written → insert servicePack: SP1 (unsafe, not preferred)', () => {
  const r = fixesAt(hybridPlan('{ kind: exchangeServer, version: "2013"$0 }'), 'hybrid-exchange-version');
  assert.deepEqual(r.titles, ['!Set servicePack to SP1']);
  const fixed = r.apply('Set servicePack to SP1');
  assert.equal(fixed, replaceOnce(r.text, 'version: "2013" }', 'version: "2013", servicePack: SP1 }'));
  assert.equal(fires(fixed, 'hybrid-exchange-version'), false);
});

test('hybrid-exchange-version: 2010 SP2 → servicePack: SP3 (unsafe, not preferred)', () => {
  const r = fixesAt(hybridPlan('{ kind: exchangeServer, version: "2010", servicePack: SP2$0 }'), 'hybrid-exchange-version');
  assert.deepEqual(r.titles, ['!Set servicePack to SP3']);
  const fixed = r.apply('Set servicePack to SP3');
  assert.equal(fixed, replaceOnce(r.text, 'servicePack: SP2', 'servicePack: SP3'));
  assert.equal(fires(fixed, 'hybrid-exchange-version'), false);
});

test('hybrid-exchange-version: 2010 on d365-9 → version 2013 SP1 (unsafe, not preferred)', () => {
  const r = fixesAt(hybridPlan('{ kind: exchangeServer, version: "2010"$0, servicePack: SP3 }', 'version: 1\nbaseline: d365-9\n'), 'hybrid-exchange-version');
  assert.deepEqual(r.titles, ['!Set version to 2013 and servicePack to SP1']);
  const fixed = r.apply('Set version to 2013 and servicePack to SP1');
  assert.equal(fixed, replaceOnce(r.text, 'version: "2010", servicePack: SP3', 'version: "2013", servicePack: SP1'));
  assert.equal(fires(fixed, 'hybrid-exchange-version'), false);
});

test('hybrid-exchange-version: 2010 RTM (servicePack not written) on d365-9 inserts servicePack', () => {
  const r = fixesAt(hybridPlan('{ kind: exchangeServer, version: "2010"$0 }', 'version: 1\nbaseline: d365-9\n'), 'hybrid-exchange-version');
  assert.deepEqual(r.titles, ['!Set version to 2013 and servicePack to SP1']);
  assert.equal(r.apply('Set version to 2013 and servicePack to SP1'), replaceOnce(r.text, 'version: "2010" }', 'version: "2013", servicePack: SP1 }'));
});

test('hybrid-exchange-version: 2019 on crm2016 → baseline d365-9 (plus written crmVersion) or version 2016, both unsafe', () => {
  const r = fixesAt(hybridPlan('{ kind: exchangeServer, version: "2019"$0 }', 'version: 1\nbaseline: crm2016\n', '  crmVersion: "8.1"\n'), 'hybrid-exchange-version');
  assert.deepEqual(r.titles, ['!Set baseline to d365-9 and crmVersion to 9.0', '!Set version to 2016']);
  const to9 = r.apply('Set baseline to d365-9 and crmVersion to 9.0');
  assert.equal(to9, replaceOnce(replaceOnce(r.text, 'baseline: crm2016', 'baseline: d365-9'), 'crmVersion: "8.1"', 'crmVersion: "9.0"'));
  assert.equal(fires(to9, 'hybrid-exchange-version'), false);
  const to2016 = r.apply('Set version to 2016');
  assert.equal(to2016, replaceOnce(r.text, 'version: "2019"', 'version: "2016"'));
  assert.equal(fires(to2016, 'hybrid-exchange-version'), false);
});

test('hybrid-exchange-version: 2019 with no baseline written inserts baseline: d365-9', () => {
  const r = fixesAt(hybridPlan('{ kind: exchangeServer, version: "2019"$0 }'), 'hybrid-exchange-version');
  assert.deepEqual(r.titles, ['!Set baseline to d365-9', '!Set version to 2016']);
  const fixed = r.apply('Set baseline to d365-9');
  assert.equal(fixed, `${r.text}baseline: d365-9\n`);
  assert.equal(fires(fixed, 'hybrid-exchange-version'), false);
});

// --- exchange-legacy-version ------------------------------------------------------------------

test('exchange-legacy-version: set version 2013 and servicePack SP1 (unsafe, not preferred)', () => {
  const r = fixesAt(hybridPlan('{ kind: exchangeServer, version: "2007"$0, servicePack: SP3 }'), 'exchange-legacy-version');
  assert.deepEqual(r.titles, ['!Set version to 2013 and servicePack to SP1']);
  const fixed = r.apply('Set version to 2013 and servicePack to SP1');
  assert.equal(fixed, replaceOnce(r.text, 'version: "2007", servicePack: SP3', 'version: "2013", servicePack: SP1'));
  assert.equal(fires(fixed, 'exchange-legacy-version'), false);
  assert.equal(fires(fixed, 'hybrid-exchange-version'), false);
});

// --- exchange-service-pack-unknown ------------------------------------------------------------

const ONPREM_EXCH = (mailSystem: string) => `version: 1
baseline: d365-9
organization:
  name: contoso
  deployment: onPremises
  https: true
mailSystems:
  exch:
${mailSystem}
systemSettings:
  defaults:
    serverProfile: exch
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    autodiscover: true
    incoming:
      authenticateUsing: serverProfile
      useImpersonation: true
      username: CONTOSO\\svc-crm
      password: { secretRef: "env:CONTOSO_SVC_PWD" }
mailboxes:
  alice: { kind: user, emailAddress: alice@contoso.com, approval: approved }
`;

test('exchange-service-pack-unknown: existing service packs below the written one, nearest first', () => {
  const r = fixesAt(ONPREM_EXCH('    kind: exchangeServer\n    version: "2013"\n    servicePack: SP3$0'), 'exchange-service-pack-unknown');
  assert.deepEqual(r.titles, ['Set servicePack to SP1', 'Set servicePack to RTM']);
  const sp1 = r.apply('Set servicePack to SP1');
  assert.equal(sp1, replaceOnce(r.text, 'servicePack: SP3', 'servicePack: SP1'));
  assert.equal(fires(sp1, 'exchange-service-pack-unknown'), false);
  assert.equal(r.apply('Set servicePack to RTM'), replaceOnce(r.text, 'servicePack: SP3', 'servicePack: RTM'));
});

test('exchange-service-pack-unknown: a single candidate (2016 → RTM) is preferred', () => {
  const r = fixesAt(ONPREM_EXCH('    kind: exchangeServer\n    version: "2016"\n    servicePack: SP1$0'), 'exchange-service-pack-unknown');
  assert.deepEqual(r.titles, ['*Set servicePack to RTM']);
  const fixed = r.apply('Set servicePack to RTM');
  assert.equal(fixed, replaceOnce(r.text, 'servicePack: SP1', 'servicePack: RTM'));
  assert.equal(fires(fixed, 'exchange-service-pack-unknown'), false);
});

test('exchange-service-pack-unknown: the single candidate is not preferred when the known pair exposes a version error', () => {
  // Exchange 2019 "SP1" on CRM 2016 on-premises: RTM is the only candidate, but 2019 RTM draws
  // onprem-exchange-version (an error), so the re-analysis check withdraws isPreferred.
  const src = replaceOnce(ONPREM_EXCH('    kind: exchangeServer\n    version: "2019"\n    servicePack: SP1$0'), 'baseline: d365-9', 'baseline: crm2016');
  const r = fixesAt(src, 'exchange-service-pack-unknown');
  assert.deepEqual(r.titles, ['*Set servicePack to RTM'], 'designated by the rule');
  const analyzer = createAnalyzer({ now: () => FIXED_NOW });
  const analysis = analyzer.analyze(withCursor(src).text);
  const finding = analysis.findings.find((f) => f.ruleId === 'exchange-service-pack-unknown')!;
  assert.deepEqual(confirmPreferred(analyzer, analysis, finding).fixes.map((f) => !!f.isPreferred), [false]);
  assert.equal(fires(r.apply('Set servicePack to RTM'), 'onprem-exchange-version'), true);
});

// --- onprem-exchange-version ------------------------------------------------------------------

const ONPREM_2016 = ONPREM_EXCH('    kind: exchangeServer\n    version: "2019"$0');

test('onprem-exchange-version: 2019 → baseline d365-9 plus written crmVersion, or version 2016 (unsafe, none preferred)', () => {
  const src = replaceOnce(ONPREM_2016, 'baseline: d365-9', 'baseline: d365-8.2').replace('  https: true\n', '  https: true\n  crmVersion: "8.2"\n');
  const r = fixesAt(src, 'onprem-exchange-version');
  assert.deepEqual(r.titles, ['!Set baseline to d365-9 and crmVersion to 9.0', '!Set version to 2016']);
  const to9 = r.apply('Set baseline to d365-9 and crmVersion to 9.0');
  assert.equal(to9, replaceOnce(replaceOnce(r.text, 'baseline: d365-8.2', 'baseline: d365-9'), 'crmVersion: "8.2"', 'crmVersion: "9.0"'));
  assert.equal(fires(to9, 'onprem-exchange-version'), false);
  const to2016 = r.apply('Set version to 2016');
  assert.equal(to2016, replaceOnce(r.text, 'version: "2019"', 'version: "2016"'));
  assert.equal(fires(to2016, 'onprem-exchange-version'), false);
});

test('onprem-exchange-version: on d365-9 with crmVersion written below 9.0 only crmVersion changes', () => {
  const src = ONPREM_2016.replace('  https: true\n', '  https: true\n  crmVersion: "8.2"\n');
  const r = fixesAt(src, 'onprem-exchange-version');
  assert.deepEqual(r.titles, ['!Set crmVersion to 9.0', '!Set version to 2016']);
  const fixed = r.apply('Set crmVersion to 9.0');
  assert.equal(fixed, replaceOnce(r.text, 'crmVersion: "8.2"', 'crmVersion: "9.0"'));
  assert.equal(fires(fixed, 'onprem-exchange-version'), false);
});

test('onprem-exchange-version: 2010 → version 2013 (unsafe, not preferred)', () => {
  const src = replaceOnce(ONPREM_EXCH('    kind: exchangeServer\n    version: "2010"$0\n    servicePack: SP1'), 'baseline: d365-9', 'baseline: crm2016');
  const r = fixesAt(src, 'onprem-exchange-version');
  assert.deepEqual(r.titles, ['!Set version to 2013']);
  const fixed = r.apply('Set version to 2013');
  assert.equal(fixed, replaceOnce(r.text, 'version: "2010"', 'version: "2013"'));
  assert.equal(fires(fixed, 'onprem-exchange-version'), false);
});

// --- imap-unavailable -------------------------------------------------------------------------

function imapPlan(head: string, dep: string, extraProfile = ''): string {
  return `version: 1
${head}organization:
  name: wideworld
  deployment: ${dep}
mailSystems:
  yahoo:
    kind: imapSmtp
    provider: yahoo
systemSettings:
  defaults:
    serverProfile: yahoo-imap
serverProfiles:
  yahoo-imap:
    serverType: imapSmtp$0
    mailSystem: yahoo
    incoming:
      serverLocation: imap.mail.yahoo.com
      port: 993
      authenticateUsing: serverProfile
      username: sales.wideworld@yahoo.com
      password: { secretRef: "env:WIDEWORLD_YAHOO_PWD" }
    outgoing:
      serverLocation: smtp.mail.yahoo.com
      port: 465
${extraProfile}mailboxes:
  sales: { kind: queue, emailAddress: sales.wideworld@yahoo.com, approval: approved }
`;
}

test('imap-unavailable: "Use POP3/SMTP" sets serverType, the mail system kind and port 993 → 995 (unsafe, not preferred)', () => {
  const r = fixesAt(imapPlan('baseline: d365-9\n', 'onPremises'), 'imap-unavailable');
  assert.deepEqual(r.titles, ['!Use POP3/SMTP']);
  const fixed = r.apply('Use POP3/SMTP');
  assert.equal(fixed, replaceOnce(replaceOnce(replaceOnce(r.text, 'serverType: imapSmtp', 'serverType: pop3Smtp'), 'kind: imapSmtp', 'kind: pop3Smtp'), 'port: 993', 'port: 995'));
  assert.equal(fires(fixed, 'imap-unavailable'), false);
  assert.equal(fires(fixed, 'profile-server-type-mismatch'), false);
});

test('imap-unavailable: online on d365-8.2 also offers baseline d365-9 (unsafe); a shared mail system keeps its kind; 143 → 110', () => {
  const other = `  yahoo-imap2:
    serverType: imapSmtp
    mailSystem: yahoo
    incoming:
      serverLocation: imap.mail.yahoo.com
      authenticateUsing: userOrQueue
    outgoing:
      serverLocation: smtp.mail.yahoo.com
`;
  const src = replaceOnce(imapPlan('baseline: d365-8.2\n', 'online\n  tenantId: 4f5a6b7c-8d9e-4f0a-b1c2-d3e4f5a6b7c8', other), 'port: 993', 'port: 143');
  const r = fixesAt(src, 'imap-unavailable');
  assert.deepEqual(r.titles, ['!Use POP3/SMTP', '!Set baseline to d365-9']);
  const pop = r.apply('Use POP3/SMTP');
  const own = '    serverType: imapSmtp\n    mailSystem: yahoo\n    incoming:\n      serverLocation: imap.mail.yahoo.com\n      port: 143\n';
  assert.equal(pop, replaceOnce(r.text, own, own.replace('imapSmtp', 'pop3Smtp').replace('143', '110')));
  const to9 = r.apply('Set baseline to d365-9');
  assert.equal(to9, replaceOnce(r.text, 'baseline: d365-8.2', 'baseline: d365-9'));
  assert.equal(analyze(to9).findings.filter((f) => f.ruleId === 'imap-unavailable').length, 0);
});

// --- mixed-protocols --------------------------------------------------------------------------

const MIXED = `version: 1
organization:
  name: fabrikam
  deployment: onPremises
mailSystems:
  exch: { kind: exchangeServer, version: "2016" }
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: exch }
serverProfiles:
  exch:
    serverType: exchangeServer
    mailSystem: exch
    incoming:
      serverLocation: mail.fabrikam.local/
      authenticateUsing: windowsIntegrated
    outgoing:
      serverLocation: smtp.fabrikam.local # relay
  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming:
      serverLocation: https://user@pop.gmail.com:995/EWS/Exchange.asmx
      port: 995
      authenticateUsing: serverProfile
      username: fabrikam.sales@gmail.com
      password: { secretRef: "env:FABRIKAM_GMAIL_PWD" }
    outgoing:
      serverLocation: smtp.gmail.com/EWS/
      port: 465
mailboxes:
  alice: { kind: user, emailAddress: alice@fabrikam.com, approval: approved }
  sales: { kind: queue, emailAddress: fabrikam.sales@gmail.com, serverProfile: gmail-pop, approval: approved }
`;

function at(text: string, needle: string): string {
  return replaceOnce(text, needle, needle.replace(': ', ': $0'));
}

test('mixed-protocols (a) incoming: the EWS URL on that host (preferred)', () => {
  const r = fixesAt(at(MIXED, 'serverLocation: mail.fabrikam.local/'), 'mixed-protocols');
  assert.deepEqual(r.titles, ['*Set serverLocation to https://mail.fabrikam.local/EWS/Exchange.asmx']);
  const fixed = r.apply('Set serverLocation to https://mail.fabrikam.local/EWS/Exchange.asmx');
  assert.equal(fixed, replaceOnce(r.text, 'serverLocation: mail.fabrikam.local/', 'serverLocation: https://mail.fabrikam.local/EWS/Exchange.asmx'));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'mixed-protocols').length, 3);
});

test('mixed-protocols (a) outgoing: remove it (with its comment); an outgoing left empty goes too (preferred)', () => {
  const r = fixesAt(at(MIXED, 'serverLocation: smtp.fabrikam.local'), 'mixed-protocols');
  assert.deepEqual(r.titles, ['*Remove outgoing.serverLocation']);
  const fixed = r.apply('Remove outgoing.serverLocation');
  assert.equal(fixed, replaceOnce(r.text, '    outgoing:\n      serverLocation: smtp.fabrikam.local # relay\n', ''));
  assert.equal(analyze(fixed).findings.filter((f) => f.ruleId === 'mixed-protocols').length, 3);
});

test('mixed-protocols (a) outgoing with other keys: only serverLocation is removed', () => {
  const src = at(replaceOnce(MIXED, '      serverLocation: smtp.fabrikam.local # relay\n', '      serverLocation: smtp.fabrikam.local # relay\n      useSsl: true\n'), 'serverLocation: smtp.fabrikam.local');
  const r = fixesAt(src, 'mixed-protocols');
  assert.deepEqual(r.titles, ['*Remove outgoing.serverLocation']);
  assert.equal(r.apply('Remove outgoing.serverLocation'), replaceOnce(r.text, '      serverLocation: smtp.fabrikam.local # relay\n', ''));
});

test('mixed-protocols (b): the host name, without scheme, user, port and path (preferred)', () => {
  const r = fixesAt(at(MIXED, 'serverLocation: https://user@pop.gmail.com'), 'mixed-protocols');
  assert.deepEqual(r.titles, ['*Set serverLocation to pop.gmail.com']);
  const fixed = r.apply('Set serverLocation to pop.gmail.com');
  assert.equal(fixed, replaceOnce(r.text, 'serverLocation: https://user@pop.gmail.com:995/EWS/Exchange.asmx', 'serverLocation: pop.gmail.com'));
  const r2 = fixesAt(at(MIXED, 'serverLocation: smtp.gmail.com/EWS/'), 'mixed-protocols');
  assert.deepEqual(r2.titles, ['*Set serverLocation to smtp.gmail.com']);
  const fixed2 = r2.apply('Set serverLocation to smtp.gmail.com');
  assert.equal(fixed2, replaceOnce(r2.text, 'serverLocation: smtp.gmail.com/EWS/', 'serverLocation: smtp.gmail.com'));
  assert.equal(analyze(fixed2).findings.filter((f) => f.ruleId === 'mixed-protocols').length, 3);
});

// --- mailbox-mail-system-mismatch -------------------------------------------------------------

const MBX = `version: 1
organization:
  name: margie
  deployment: online
  tenantId: 2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f
mailSystems:
  exo: { kind: exchangeOnline, tenantId: 2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f }
  gmail: { kind: pop3Smtp, provider: gmail }
systemSettings:
  defaults: { serverProfile: exo }
serverProfiles:
  exo:
    serverType: exchangeOnline
    mailSystem: exo
    incoming: { authenticateUsing: serverToServer }
  gmail-pop:
    serverType: pop3Smtp
    mailSystem: gmail
    incoming: { serverLocation: pop.gmail.com, authenticateUsing: userOrQueue }
    outgoing: { serverLocation: smtp.gmail.com }
mailboxes:
  omar:
    kind: user
    emailAddress: omar.margie@gmail.com
    mailSystem: gmail$0
    approval: approved
    credentials: { username: omar.margie@gmail.com, password: { secretRef: "env:OMAR_PWD" } }
`;

test('mailbox-mail-system-mismatch: the one profile reaching that mail system (preferred)', () => {
  const r = fixesAt(MBX, 'mailbox-mail-system-mismatch');
  assert.deepEqual(r.titles, ['*Set serverProfile to gmail-pop', 'Remove mailSystem']);
  const fixed = r.apply('Set serverProfile to gmail-pop');
  const last = '    credentials: { username: omar.margie@gmail.com, password: { secretRef: "env:OMAR_PWD" } }\n';
  assert.equal(fixed, replaceOnce(r.text, last, `${last}    serverProfile: gmail-pop\n`));
  assert.equal(fires(fixed, 'mailbox-mail-system-mismatch'), false);
});

test('mailbox-mail-system-mismatch: or remove the mailbox mailSystem', () => {
  const r = fixesAt(MBX, 'mailbox-mail-system-mismatch');
  const fixed = r.apply('Remove mailSystem');
  assert.equal(fixed, replaceOnce(r.text, '    mailSystem: gmail\n    approval', '    approval'));
  assert.equal(fires(fixed, 'mailbox-mail-system-mismatch'), false);
});

test('mailbox-mail-system-mismatch: two profiles reaching it, none preferred', () => {
  const src = replaceOnce(MBX, '    outgoing: { serverLocation: smtp.gmail.com }\n', '    outgoing: { serverLocation: smtp.gmail.com }\n  gmail-pop2:\n    serverType: pop3Smtp\n    mailSystem: gmail\n    incoming: { serverLocation: pop.gmail.com, authenticateUsing: userOrQueue }\n    outgoing: { serverLocation: smtp.gmail.com }\n');
  const r = fixesAt(src, 'mailbox-mail-system-mismatch');
  assert.deepEqual(r.titles, ['Set serverProfile to gmail-pop', 'Set serverProfile to gmail-pop2', 'Remove mailSystem']);
});

// --- baseline-version-mismatch ----------------------------------------------------------------

const BVM = `version: 1
baseline: d365-8.2
organization:
  name: tailspin
  deployment: onPremises
  crmVersion: "9.0"$0
`;

test('baseline-version-mismatch: set the baseline covering crmVersion (unsafe, not preferred)', () => {
  const r = fixesAt(BVM, 'baseline-version-mismatch');
  assert.deepEqual(r.titles, ['!Set baseline to d365-9', '!Set crmVersion to 8.2']);
  const fixed = r.apply('Set baseline to d365-9');
  assert.equal(fixed, replaceOnce(r.text, 'baseline: d365-8.2', 'baseline: d365-9'));
  assert.equal(fires(fixed, 'baseline-version-mismatch'), false);
});

test("baseline-version-mismatch: or set crmVersion to the baseline's version (unsafe)", () => {
  const r = fixesAt(BVM, 'baseline-version-mismatch');
  const fixed = r.apply('Set crmVersion to 8.2');
  assert.equal(fixed, replaceOnce(r.text, 'crmVersion: "9.0"', 'crmVersion: "8.2"'));
  assert.equal(fires(fixed, 'baseline-version-mismatch'), false);
});

test('baseline-version-mismatch: an unwritten baseline (crm2016) is inserted', () => {
  const r = fixesAt(replaceOnce(BVM, 'baseline: d365-8.2\n', ''), 'baseline-version-mismatch');
  assert.deepEqual(r.titles, ['!Set baseline to d365-9', '!Set crmVersion to 8.0']);
  const fixed = r.apply('Set baseline to d365-9');
  assert.equal(fixed, `${r.text}baseline: d365-9\n`);
  assert.equal(fires(fixed, 'baseline-version-mismatch'), false);
  assert.equal(r.apply('Set crmVersion to 8.0'), replaceOnce(r.text, 'crmVersion: "9.0"', 'crmVersion: "8.0"'));
});
