/** The status bar's words for a plan (`crmsync/planSummary`), read from the model. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { planSummary } from '../../server/src/ide';
import { analyze } from '../harness/check';

const summary = (text: string) => planSummary(analyze(text));

const ONPREM = `version: 1
organization: { name: adatum, deployment: onPremises }
mailSystems:
  ex: { kind: exchangeServer, version: "2016" }
  gm: { kind: pop3Smtp, provider: gmail }
  im: { kind: imapSmtp }
serverProfiles:
  ex-imp:
    serverType: exchangeServer
    mailSystem: ex
    incoming: { authenticateUsing: serverProfile, useImpersonation: true, username: svc, password: { env: EX_PASSWORD } }
  gmail:
    serverType: pop3Smtp
    mailSystem: gm
    incoming: { authenticateUsing: userOrQueue }
  imap:
    serverType: imapSmtp
    mailSystem: im
    incoming: { authenticateUsing: userOrQueue }
  unused:
    serverType: exchangeServer
    mailSystem: ex
    incoming: { authenticateUsing: windowsIntegrated }
mailboxes:
  a: { kind: user, serverProfile: ex-imp, emailAddress: a@adatum.com }
  b: { kind: user, serverProfile: gmail, emailAddress: b@adatum.com }
  c: { kind: queue, serverProfile: imap, emailAddress: c@adatum.com }
`;

test('names the used profiles only, with mail system words and the authentication, at most two on the bar', () => {
  assert.deepEqual(summary(ONPREM), {
    summary: 'CRM on-premises → Exchange Server 2016 (impersonation), Gmail POP3/SMTP (mailbox credentials), +1 more',
    profiles: ['Exchange Server 2016 (impersonation)', 'Gmail POP3/SMTP (mailbox credentials)', 'IMAP/SMTP (mailbox credentials)'],
  });
});

test('without used profiles every profile is named; identical words once', () => {
  const text = `version: 1
organization: { name: contoso, deployment: online, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }
serverProfiles:
  one: { serverType: exchangeOnline, incoming: { authenticateUsing: serverToServer } }
  two: { serverType: exchangeOnline, incoming: { authenticateUsing: serverToServer } }
`;
  assert.deepEqual(summary(text), { summary: 'CRM Online → Exchange Online (S2S)', profiles: ['Exchange Online (S2S)'] });
});

test('what the model does not know is left out, not guessed', () => {
  // A misspelled deployment is unknown: "CRM", not a guess.
  assert.equal(summary('version: 1\norganization: { name: x, deployment: onPremise }\n')?.summary, 'CRM');
  assert.equal(summary('version: 1\norganization: { name: x, deployment: online }\n')?.summary, 'CRM Online');
  // Neither organization nor profiles (the user is still typing): no summary.
  assert.equal(summary('version: 1\n'), undefined);
  assert.equal(summary(''), undefined);
  assert.equal(summary('- a list\n'), undefined);
  assert.equal(summary('organization: [unclosed\n'), undefined);
});

test('the default profile comes first, then the profiles in the order mailboxes name them', () => {
  const text = ONPREM.replace('serverProfiles:\n', 'systemSettings:\n  defaults: { serverProfile: imap }\nserverProfiles:\n');
  assert.deepEqual(summary(text)?.profiles, ['IMAP/SMTP (mailbox credentials)', 'Exchange Server 2016 (impersonation)', 'Gmail POP3/SMTP (mailbox credentials)']);
});

test('a plan is recognised by an organization or serverProfiles mapping', () => {
  assert.equal(summary('version: 1\norganization:\n'), undefined, 'organization without a mapping');
  assert.equal(summary('version: 1\norganization: online\n'), undefined);
  assert.equal(summary('version: 1\nserverProfiles: {}\n')?.summary, 'CRM');
});
