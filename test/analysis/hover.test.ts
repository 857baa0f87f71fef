/** Hovers, with `$0` as the cursor. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { hoverAt } from '../../server/src/ide';
import { analyze } from '../harness/check';
import { withCursor } from '../harness/cursor';

function hover(source: string): string {
  const { text, offset } = withCursor(source);
  const h = hoverAt(analyze(text), offset);
  return h ? h.markdown : '';
}

const profile = (opts: { deployment: 'online' | 'onPremises'; kind: string; type: string; auth: string; extra?: string }) => {
  const ms =
    opts.kind === 'exchangeOnline'
      ? '{ kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }'
      : opts.kind === 'exchangeServer'
        ? '{ kind: exchangeServer, version: "2016" }'
        : `{ kind: ${opts.kind}, provider: yahoo }`;
  return `version: 1
organization:
  name: contoso
  deployment: ${opts.deployment}
${opts.deployment === 'online' ? '  tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90\n' : ''}mailSystems:
  ms: ${ms}
serverProfiles:
  p:
    serverType: ${opts.type}
    mailSystem: ms
    incoming:
      authenticateUsing: $0${opts.auth}
${opts.extra ?? ''}`;
};

// Every authentication option in a context where it is supported and one where it is not.
const AUTH_CASES: { auth: string; ok: Parameters<typeof profile>[0]; bad: Parameters<typeof profile>[0]; badRule: string; explains: RegExp }[] = [
  {
    auth: 'userOrQueue',
    ok: { deployment: 'onPremises', kind: 'exchangeServer', type: 'exchangeServer', auth: 'userOrQueue' },
    bad: { deployment: 'online', kind: 'exchangeOnline', type: 'exchangeOnline', auth: 'userOrQueue' },
    badRule: 'exchange-online-requires-s2s',
    explains: /each mailbox signs in with its own user name and password/,
  },
  {
    auth: 'serverProfile',
    ok: { deployment: 'online', kind: 'exchangeServer', type: 'exchangeServerHybrid', auth: 'serverProfile' },
    bad: { deployment: 'online', kind: 'exchangeOnline', type: 'exchangeOnline', auth: 'serverProfile' },
    badRule: 'exchange-online-requires-s2s',
    explains: /one service account, stored once in the profile/,
  },
  {
    auth: 'serverToServer',
    ok: { deployment: 'online', kind: 'exchangeOnline', type: 'exchangeOnline', auth: 'serverToServer' },
    bad: { deployment: 'onPremises', kind: 'exchangeServer', type: 'exchangeServer', auth: 'serverToServer' },
    badRule: 's2s-non-exchange-online',
    explains: /trust each other through Azure AD/,
  },
  {
    auth: 'windowsIntegrated',
    ok: { deployment: 'onPremises', kind: 'exchangeServer', type: 'exchangeServer', auth: 'windowsIntegrated' },
    bad: { deployment: 'online', kind: 'exchangeServer', type: 'exchangeServerHybrid', auth: 'windowsIntegrated' },
    badRule: 'windows-auth-online',
    explains: /account that runs the CRM Asynchronous Service/,
  },
];

for (const c of AUTH_CASES) {
  test(`hover on authenticateUsing ${c.auth}: explains it and says it is supported here`, () => {
    const md = hover(profile(c.ok));
    assert.match(md, c.explains);
    assert.match(md, /\*\*Supported\*\* for this `[a-zA-Z]+` profile/);
  });
  test(`hover on authenticateUsing ${c.auth}: says it is not supported in another context and names the alternatives`, () => {
    const md = hover(profile(c.bad));
    assert.match(md, c.explains);
    assert.match(md, new RegExp(`\\*\\*Not supported\\*\\* for this \`${c.bad.type}\` profile .*rule \`${c.badRule}\``));
    assert.match(md, /Supported here: `/);
  });
}

test('hover on authenticateUsing anonymous: never valid, for Exchange or for POP3', () => {
  const ex = hover(profile({ deployment: 'onPremises', kind: 'exchangeServer', type: 'exchangeServer', auth: 'anonymous' }));
  assert.match(ex, /Without Credentials/);
  assert.match(ex, /\*\*Not supported\*\*.*`anonymous-auth-exchange`/);
  const pop = hover(profile({ deployment: 'onPremises', kind: 'pop3Smtp', type: 'pop3Smtp', auth: 'anonymous' }));
  assert.match(pop, /`anonymous-auth-pop3-smtp`/);
  assert.match(pop, /Supported here: `userOrQueue`, `serverProfile`/);
});

const SERVER_TYPES: [string, RegExp][] = [
  ['exchangeOnline', /Exchange Online/],
  ['exchangeServer', /Exchange Server/],
  ['exchangeServerHybrid', /Exchange Server \(Hybrid\)/],
  ['exchangeOnlineHybrid', /Exchange Online \(Hybrid\)/],
  ['pop3Smtp', /POP3/],
  ['imapSmtp', /IMAP/],
];

for (const [type, re] of SERVER_TYPES) {
  test(`hover on serverType ${type}`, () => {
    const md = hover(`version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  ms: { kind: exchangeServer, version: "2016" }
serverProfiles:
  p:
    serverType: ${type}$0
    mailSystem: ms
    incoming: { authenticateUsing: userOrQueue }
`);
    assert.match(md, re);
    assert.match(md, type === 'exchangeServer' ? /\*\*Expected\*\* for mail system `ms`/ : /\*\*Not the expected type\*\*.*`exchangeServer`/);
  });
}

const METHODS: [string, string, RegExp][] = [
  ['incomingEmail', 'none', /./],
  ['incomingEmail', 'outlook', /Outlook/],
  ['incomingEmail', 'serverSideSync', /Server-Side Synchronization or Email Router/],
  ['incomingEmail', 'forwardMailbox', /[Ff]orward/],
  ['outgoingEmail', 'none', /./],
  ['outgoingEmail', 'outlook', /Outlook/],
  ['outgoingEmail', 'serverSideSync', /Server-Side Synchronization or Email Router/],
  ['appointmentsContactsTasks', 'none', /./],
  ['appointmentsContactsTasks', 'outlook', /Outlook/],
  ['appointmentsContactsTasks', 'serverSideSync', /Server-Side Synchronization/],
];

for (const [key, value, re] of METHODS) {
  test(`hover on ${key}: ${value}`, () => {
    const md = hover(`version: 1
organization: { name: contoso, deployment: onPremises }
mailboxes:
  alice:
    kind: user
    ${key}: ${value}$0
`);
    assert.match(md, new RegExp(`^\`${value}\` — `));
    assert.match(md, re);
    assert.ok(md.length > 60, md);
  });
}

test('appointmentsContactsTasks serverSideSync says it is not the Email Router', () => {
  const md = hover('version: 1\norganization: { name: c, deployment: onPremises }\nmailboxes:\n  a: { kind: user, appointmentsContactsTasks: serverSideSync$0 }\n');
  assert.match(md, /Email Router/);
  assert.doesNotMatch(md, /Server-Side Synchronization or Email Router/);
});

test('hover on a key explains it with its allowed values and default', () => {
  const md = hover('version: 1\nbaseline$0: crm2016\norganization: { name: c, deployment: onPremises }\n');
  assert.match(md, /\*\*.*\*\* \(`baseline`\)/);
  assert.match(md, /Allowed values: `crm2016`, `d365-8.2`, `d365-9`/);
  assert.match(md, /Default: `crm2016`/);
});

test('hover on a mailbox id shows its effective profile and methods, marking inherited values', () => {
  const md = hover(`version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  ms: { kind: exchangeServer, version: "2016" }
systemSettings:
  defaults: { serverProfile: p, incomingEmail: serverSideSync, appointmentsContactsTasks: outlook }
serverProfiles:
  p: { serverType: exchangeServer, mailSystem: ms, incoming: { authenticateUsing: userOrQueue } }
mailboxes:
  al$0ice: { kind: user, outgoingEmail: none }
`);
  assert.match(md, /\*\*Mailbox `alice`\*\* \(user\)/);
  assert.match(md, /Email server profile: `p` \(inherited from systemSettings.defaults\)/);
  assert.match(md, /Incoming email: `serverSideSync` \(inherited from systemSettings.defaults\)/);
  assert.match(md, /Outgoing email: `none` \(written here\)/);
  assert.match(md, /Appointments, contacts and tasks: `outlook` \(inherited from systemSettings.defaults\)/);
});

test('hover on a reference summarises the referenced record', () => {
  const md = hover(`version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  ms: { kind: exchangeServer, version: "2013", servicePack: SP1 }
serverProfiles:
  p: { serverType: exchangeServer, mailSystem: ms$0, incoming: { authenticateUsing: userOrQueue } }
mailboxes:
  alice: { kind: user, serverProfile: p }
`);
  assert.match(md, /\*\*Mail system `ms`\*\*/);
  assert.match(md, /Exchange 2013 SP1/);
  assert.match(md, /Profiles: `p`/);
  const md2 = hover(`version: 1
organization: { name: contoso, deployment: onPremises }
mailSystems:
  ms: { kind: exchangeServer, version: "2013" }
serverProfiles:
  p: { serverType: exchangeServer, mailSystem: ms, incoming: { authenticateUsing: userOrQueue } }
mailboxes:
  alice: { kind: user, serverProfile: p$0 }
`);
  assert.match(md2, /\*\*Email server profile `p`\*\*/);
  assert.match(md2, /Used by 1 mailbox/);
  assert.match(md2, /Mail system: `ms` \(exchangeServer\)/);
});

test('hover on a value with a finding adds the rule id and a docs link', () => {
  const md = hover('version: 1\nbaseline: crm2017$0\norganization: { name: c, deployment: onPremises }\n');
  assert.match(md, /\*\*error\*\* \[`schema\/enum`\]\(https:\/\/.*docs\/rules\.md#schemaenum\): 'crm2017' is not a valid baseline value/);
});

test('hover on a servicePack that is not written says RTM', () => {
  const md = hover('version: 1\norganization: { name: c, deployment: onPremises }\nmailSystems:\n  ms: { kind: exchangeServer, version: "2013" }\nserverProfiles:\n  p: { serverType: exchangeServer, mailSystem: ms$0, incoming: { authenticateUsing: userOrQueue } }\n');
  assert.match(md, /service pack not written: RTM/);
});
