/** Quick fixes of parser, schema and reference findings; `$0` marks the finding to fix. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEdits, createAnalyzer } from '../../server/src/analysis';
import { fixAll } from '../../server/src/ide';
import { analyze, FIXED_NOW } from '../harness/check';
import { withCursor } from '../harness/cursor';

/** The fixes (titles, preferred marked with *) of the finding under the cursor. */
function fixesAt(source: string): { titles: string[]; apply: (title: string) => string } {
  const { text, offset } = withCursor(source);
  const f = analyze(text).findings.find((x) => x.span.start <= offset && offset <= x.span.end);
  assert.ok(f, 'a finding under $0');
  return {
    titles: f.fixes.map((x) => `${x.isPreferred ? '*' : ''}${x.title}`),
    apply: (title) => {
      const fix = f.fixes.find((x) => x.title === title);
      assert.ok(fix, `fix ${title}`);
      return applyEdits(text, fix.edits);
    },
  };
}

const ORG = 'version: 1\norganization:\n  name: c\n  deployment: onPremises\n';

test('schema/enum: wrong case is fixed to the correct token (preferred)', () => {
  const r = fixesAt(`${ORG}mailSystems:\n  ms: { kind: ExchangeServer$0, version: "2016" }\n`);
  assert.deepEqual(r.titles, ['*Set kind to exchangeServer']);
  assert.equal(r.apply('Set kind to exchangeServer'), `${ORG}mailSystems:\n  ms: { kind: exchangeServer, version: "2016" }\n`);
});

test('schema/enum: a typo offers the closest values, none preferred when two are as close', () => {
  const r = fixesAt('version: 1\nbaseline: d365-9.$0\n');
  assert.ok(r.titles.length >= 1);
  assert.ok(r.titles.includes('*Set baseline to d365-9') || r.titles.includes('Set baseline to d365-9'));
});

test('schema/type: an unquoted number is quoted with its source text', () => {
  const r = fixesAt(`version: 1\norganization:\n  name: c\n  deployment: onPremises\n  crmVersion: 8.0$0\n`);
  assert.deepEqual(r.titles, ['*Quote crmVersion as "8.0"']);
  assert.match(r.apply('Quote crmVersion as "8.0"'), /crmVersion: "8\.0"\n/);
});

test('schema/type: yes/no/on/off become booleans', () => {
  const r = fixesAt(`${ORG}emailRouter:\n  installed: off$0\n`);
  assert.deepEqual(r.titles, ['*Set installed to false']);
  assert.match(r.apply('Set installed to false'), /installed: false\n/);
});

test('schema/additional-properties: rename to the closest key (preferred), or remove', () => {
  const r = fixesAt(`${ORG}emailRouter:\n  instaled$0: true\n`);
  assert.deepEqual(r.titles, ['*Rename instaled to installed', 'Remove instaled']);
  assert.equal(r.apply('Remove instaled'), `${ORG}emailRouter:\n`);
});

test('schema/required: insert the key with its default, or a placeholder that is not preferred', () => {
  const missing = fixesAt(`version: 1\norganization$0:\n  name: c\n  deployment: online\n`);
  assert.deepEqual(missing.titles, ['Add tenantId: ""']);
  assert.equal(missing.apply('Add tenantId: ""'), 'version: 1\norganization:\n  name: c\n  deployment: online\n  tenantId: ""\n');
});

test('schema/range: a number out of range is set to the nearest bound', () => {
  const r = fixesAt(`${ORG}systemSettings:\n  maxAttachmentSizeKb: 200000$0\n`);
  assert.deepEqual(r.titles, ['*Set maxAttachmentSizeKb to 131072']);
});

test('schema/pattern on an id: renamed with every reference', () => {
  const r = fixesAt(`${ORG}mailSystems:\n  ms: { kind: exchangeServer, version: "2016" }\nserverProfiles:\n  my profile$0: { serverType: exchangeServer, mailSystem: ms, incoming: { authenticateUsing: userOrQueue } }\nmailboxes:\n  a: { kind: user, serverProfile: my profile }\n`);
  assert.deepEqual(r.titles, ["*Rename id 'my profile' to 'my-profile'"]);
  const fixed = r.apply("Rename id 'my profile' to 'my-profile'");
  assert.match(fixed, /\n {2}my-profile: \{/);
  assert.match(fixed, /serverProfile: my-profile \}/);
});

test('unknown-reference: the closest id (preferred), or create a skeleton entry', () => {
  const r = fixesAt(`${ORG}mailSystems:\n  exch2016: { kind: exchangeServer, version: "2016" }\nserverProfiles:\n  p: { serverType: exchangeServer, mailSystem: exch2061$0, incoming: { authenticateUsing: userOrQueue } }\n`);
  assert.deepEqual(r.titles, ['*Set mailSystem to exch2016', "Create mail system 'exch2061'"]);
  assert.match(r.apply("Create mail system 'exch2061'"), /\n {2}exch2061:\n {4}kind: exchangeServer\n/);
});

test('duplicate-key: remove the repeated entry', () => {
  const r = fixesAt(`${ORG}mailSystems:\n  ms: { kind: exchangeServer, version: "2016" }\n  ms$0: { kind: exchangeServer, version: "2013" }\n`);
  assert.deepEqual(r.titles, ['Remove this repeated entry']);
  assert.equal(r.apply('Remove this repeated entry'), `${ORG}mailSystems:\n  ms: { kind: exchangeServer, version: "2016" }\n`);
});

test('fix-all applies preferred fixes to a fixed point and keeps comments', () => {
  const text = `# plan\n${ORG.replace('onPremises', 'OnPremises')}  https: yes # required for SSS\nemailRouter:\n  instaled: false\n`;
  const out = fixAll(createAnalyzer({ now: () => FIXED_NOW }), text);
  assert.equal(out.text, `# plan\n${ORG}  https: true # required for SSS\nemailRouter:\n  installed: false\n`);
  assert.equal(out.applied, 3);
});

const ONLINE = 'version: 1\norganization: { name: c, deployment: online, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }\nmailSystems:\n  exo: { kind: exchangeOnline, tenantId: 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90 }\n  exch: { kind: exchangeServer, version: "2016" }\n';

test('schema/enum in context: a typo of an option unsupported for this server type is offered, not preferred', () => {
  const typo = fixesAt(`${ONLINE}serverProfiles:\n  p: { serverType: exchangeOnline, mailSystem: exo, incoming: { authenticateUsing: userOrQueu$0 } }\n`);
  assert.deepEqual(typo.titles, ['Set authenticateUsing to userOrQueue']);
  const wrongCase = fixesAt(`${ONLINE}serverProfiles:\n  p: { serverType: exchangeOnline, mailSystem: exo, incoming: { authenticateUsing: servertoserver$0 } }\n`);
  assert.deepEqual(wrongCase.titles, ['*Set authenticateUsing to serverToServer']);
});

test('schema/enum in context: the server type the mail system needs is preferred, another is not', () => {
  const fits = fixesAt(`${ONLINE}serverProfiles:\n  p: { serverType: exchangeOnlin$0, mailSystem: exo, incoming: { authenticateUsing: serverToServer } }\n`);
  assert.deepEqual(fits.titles, ['*Set serverType to exchangeOnline']);
  const misfit = fixesAt(`${ONLINE}serverProfiles:\n  p: { serverType: exchangeServr$0, mailSystem: exch, incoming: { authenticateUsing: serverProfile } }\n`);
  assert.deepEqual(misfit.titles, ['Set serverType to exchangeServer']);
});
