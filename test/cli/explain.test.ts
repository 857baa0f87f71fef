/**
 * `crmsync explain` (server/src/cli/explain.ts), the built CLI spawned as users run it: all four
 * formats on every example (exit codes as `check`'s), on a generated 10,000-mailbox plan, never a
 * password or secret reference in the output, and the bad inputs that exit 2.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { createAnalyzer } from '../../server/src/analysis';
import { planOverview } from '../../server/src/ide';
import type { PlanOverview } from '../../server/src/ide/overview-model';
import { secretLiterals } from '../../server/src/cli/mask';
import { runCli } from '../../server/src/cli/run';
import { filesUnder, repoPath, ROOT } from '../harness/paths';
import { checkMermaid } from '../overview/mermaid-grammar';
import { svgNodes } from '../overview/svg-nodes';
import { crmsync, scratchDir, writeFile, type Run } from './helpers';

const examples = filesUnder(repoPath('examples'), /\.crmsync\.ya?ml$/);
const analyzer = createAnalyzer();
const FORMATS = ['text', 'mermaid', 'svg', 'html'] as const;

function modelOf(text: string): PlanOverview {
  const o = planOverview(analyzer.analyze(text));
  assert.ok(o, 'the plan has an overview');
  return o;
}

/** The passwords and secret reference values of a plan: none may appear in any output. */
function secretsOf(text: string): string[] {
  const refs = [...text.matchAll(/secretRef:\s*["']?([^"'\s,}]+)/g)].flatMap((m) => [m[1], m[1].replace(/^(env|file|keyvault):/, '')]);
  return [...new Set([...secretLiterals(text), ...refs])];
}

function assertNoSecret(out: string, secrets: readonly string[], what: string): void {
  for (const s of secrets) assert.ok(!out.includes(s), `${what} shows the secret '${s}'`);
}

/** Checks one format's output against the model it draws. */
function assertDraws(format: (typeof FORMATS)[number], out: string, o: PlanOverview, what: string): void {
  const ids = o.nodes.map((n) => n.id);
  switch (format) {
    case 'svg': {
      assert.equal(XMLValidator.validate(out), true, `${what}: valid XML`);
      assert.deepEqual(svgNodes(out).map((n) => n['data-node-id']), ids, `${what}: one node <g> per organisation, mail system, profile and group`);
      break;
    }
    case 'html': {
      assert.equal(XMLValidator.validate(out), true, `${what}: well-formed`);
      assert.match(out, /^<!DOCTYPE html>/);
      assert.match(out, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
      assert.doesNotMatch(out, /<script|<link|src=/i);
      assert.deepEqual(svgNodes(out.slice(out.indexOf('<svg'), out.indexOf('</svg>') + 6)).map((n) => n['data-node-id']), ids, `${what}: the diagram`);
      assert.match(out, /<h2 id="findings">Findings<\/h2>/);
      for (const r of o.totals.rules) assert.ok(out.includes(`<code>${r.ruleId}</code><span class="count">× ${r.count}</span>`), `${what}: lists rule ${r.ruleId}`);
      break;
    }
    case 'mermaid': {
      const chart = checkMermaid(out);
      assert.equal(chart.nodes.size, ids.length, `${what}: one Mermaid node per model node`);
      assert.equal(chart.edges.length, o.edges.length, `${what}: one Mermaid edge per model edge`);
      assert.deepEqual([...chart.nodes.values()].map((n) => n.lines[1]), o.nodes.map((n) => n.label.replace(/[\u0000-\u001F]+/g, ' ')));
      break;
    }
    case 'text': {
      const lines = out.split('\n');
      for (const n of o.nodes) {
        if (n.kind === 'profile' || n.kind === 'mailSystem') assert.ok(lines.some((l) => l.includes(`─ ${n.label}`)), `${what}: names ${n.kind} ${n.label}`);
      }
      assert.ok(lines.some((l) => l.startsWith('Totals: ')), `${what}: the totals`);
      break;
    }
  }
}

/** Runs the CLI in-process (the same `runCli` the bundle runs), for the many runs of the example matrix. */
function explainInProcess(args: readonly string[]): Run {
  let stdout = '';
  let stderr = '';
  const code = runCli(
    ['explain', ...args],
    {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      discover: (p) => [p],
      read: (p) => fs.readFileSync(p),
      write: () => assert.fail('explain writes no file here'),
      cwd: ROOT,
    },
    'test',
  );
  return { code, stdout, stderr };
}

test('explain on every example, in every format: the picture of its model, exit code as check', () => {
  assert.ok(examples.length >= 20, `found ${examples.length} examples`);
  const checked = crmsync(['check', '--format', 'json', 'examples/']);
  const report = JSON.parse(checked.stdout) as { files: { path: string; findings: { severity: string }[] }[] };
  const expectedCode = new Map(report.files.map((f) => [path.resolve(ROOT, f.path), f.findings.some((x) => x.severity === 'error') ? 1 : 0]));
  assert.equal(expectedCode.size, examples.length);
  for (const file of examples) {
    const rel = path.relative(ROOT, file);
    const text = fs.readFileSync(file, 'utf8');
    const o = modelOf(text);
    const secrets = secretsOf(text);
    for (const format of FORMATS) {
      const r = explainInProcess(['--format', format, rel]);
      assert.equal(r.code, expectedCode.get(file), `${rel} --format ${format}: exit code as check (${r.stderr})`);
      if (r.code === 1) assert.match(r.stderr, /: \d+ errors? \(crmsync check lists them\)\n$/);
      else assert.equal(r.stderr, '');
      assertDraws(format, r.stdout, o, `${rel} --format ${format}`);
      assertNoSecret(r.stdout + r.stderr, secrets, `${rel} --format ${format}`);
    }
  }
});

test('the built CLI draws an example as the in-process runs do, in every format', () => {
  const rel = 'examples/invalid-online-gmail-password-fips.crmsync.yaml';
  for (const format of FORMATS) {
    const built = crmsync(['explain', '--format', format, rel]);
    const inProcess = explainInProcess(['--format', format, rel]);
    assert.deepEqual(built, inProcess, format);
  }
});

test('explain: text is the default format; the profiles come with their mailbox groups', () => {
  const r = crmsync(['explain', 'examples/online-exchange-online.crmsync.yaml']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Organization contoso-sales — CRM Online · version 8\.0 · Server-Side Synchronization$/m);
  assert.match(r.stdout, /^├─ Mail systems\n│  └─ exo — Exchange Online · .*1 profile · 3 mailboxes$/m);
  assert.match(r.stdout, /^└─ Server profiles\n   └─ exo-default \(default\) — Exchange Online · .*3 mailboxes, all through the default · → exo$/m);
  assert.match(r.stdout, /^      ├─ users: 2 mailboxes — in: Server-Side Sync · out: Server-Side Sync · ACT: Server-Side Sync$/m);
  assert.match(r.stdout, /^      └─ queues: 1 mailbox — .*ACT: none$/m);
  assert.match(r.stdout, /^Totals: 1 mail system · 1 server profile · \d+ mailboxes · no findings$/m);
});

test('explain on a generated 10,000-mailbox plan works in every format', () => {
  const dir = scratchDir('crmsync-explain-');
  const gen = spawnSync(process.execPath, [repoPath('bench', 'generate.mjs'), '10000'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(gen.status, 0, gen.stderr);
  const file = writeFile(dir, 'big.crmsync.yaml', gen.stdout);
  const o = modelOf(gen.stdout);
  assert.equal(o.nodes.filter((n) => n.kind === 'mailboxGroup').reduce((a, n) => a + (n.kind === 'mailboxGroup' ? n.count : 0), 0), 10000, 'every mailbox is in a group');
  assert.ok(o.nodes.length < 100, `tens of nodes, not one per mailbox (${o.nodes.length})`);
  const secrets = secretsOf(gen.stdout);
  assert.ok(secrets.length > 100, 'the generated plan has secret references');
  for (const format of FORMATS) {
    const r = crmsync(['explain', '--format', format, file]);
    assert.equal(r.code, 1, `the generated plan has errors (${r.stderr})`);
    assertDraws(format, r.stdout, o, `10,000 mailboxes --format ${format}`);
    assertNoSecret(r.stdout, secrets, `10,000 mailboxes --format ${format}`);
  }
});

test('explain never shows a literal password, nor a secret reference', () => {
  const dir = scratchDir('crmsync-explain-');
  const text = `version: 1
organization: { name: "secret-test", deployment: onPremises, crmVersion: "9.1" }
mailSystems:
  pop: { kind: pop3Smtp }
serverProfiles:
  pop-profile:
    serverType: pop3Smtp
    mailSystem: pop
    incoming: { serverLocation: pop.example.com, authenticateUsing: serverProfile, username: svc, password: "Hunter2-literal-pw" }
    useSameSettingsForOutgoing: true
    outgoing: { serverLocation: smtp.example.com }
mailboxes:
  ann:
    kind: user
    emailAddress: ann@example.com
    serverProfile: pop-profile
    credentials: { allowUse: true, username: ann@example.com, password: { secretRef: "env:ANN_SECRET_PASSWORD" } }
`;
  const file = writeFile(dir, 'secrets.crmsync.yaml', text);
  const secrets = secretsOf(text);
  assert.ok(secrets.includes('Hunter2-literal-pw') && secrets.includes('env:ANN_SECRET_PASSWORD'));
  for (const format of FORMATS) {
    const r = crmsync(['explain', '--format', format, file]);
    assert.equal(r.code, 1, 'plaintext-secret is an error');
    // Mermaid labels count findings; the other formats name their rules.
    if (format !== 'mermaid') assert.match(r.stdout, /plaintext-secret/, `${format}: the finding is shown, not the password`);
    assertNoSecret(r.stdout + r.stderr, secrets, format);
  }
});

test('explain reads standard input with -, and writes --output-file', () => {
  const text = fs.readFileSync(repoPath('examples', 'online-exchange-online.crmsync.yaml'), 'utf8');
  const fromStdin = crmsync(['explain', '--format', 'mermaid', '-'], ROOT, text);
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.equal(fromStdin.stdout, crmsync(['explain', '--format', 'mermaid', 'examples/online-exchange-online.crmsync.yaml']).stdout);
  const html = crmsync(['explain', '--format', 'html', '--stdin-filename', 'contoso.crmsync.yaml', '-'], ROOT, text);
  assert.match(html.stdout, /<title>Plan overview: contoso\.crmsync\.yaml<\/title>/);

  const dir = scratchDir('crmsync-explain-');
  const r = crmsync(['explain', '--format', 'svg', '--output-file', 'out/overview.svg', repoPath('examples', 'online-exchange-online.crmsync.yaml')], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(XMLValidator.validate(fs.readFileSync(path.join(dir, 'out', 'overview.svg'), 'utf8')), true);
});

test("explain analyses as check does: the plan's configuration file and --rule", () => {
  const dir = scratchDir('crmsync-explain-');
  const plan = writeFile(dir, 'p.crmsync.yaml', fs.readFileSync(repoPath('examples', 'invalid-router-queues.crmsync.yaml'), 'utf8'));
  const before = crmsync(['explain', plan]);
  assert.equal(before.code, 1);
  const rules = [...new Set([...before.stdout.matchAll(/✖ [^:]+: (.+)$/gm)].flatMap((m) => m[1].split(', ').map((x) => x.replace(/ ×\d+$/, ''))))];
  assert.ok(rules.length > 0, before.stdout);
  writeFile(dir, 'crmsync.config.json', JSON.stringify({ rules: Object.fromEntries(rules.map((id) => [id, 'off'])) }));
  const configured = crmsync(['explain', plan]);
  assert.equal(configured.code, 0, configured.stdout + configured.stderr);
  assert.equal(crmsync(['explain', '--no-config', plan]).code, 1);
  const ruled = crmsync(['explain', '--no-config', ...rules.flatMap((id) => ['--rule', `${id}=warning`]), plan]);
  assert.equal(ruled.code, 0, ruled.stderr);
  assert.match(ruled.stdout, /⚠ /);
});

test('explain: bad inputs exit 2 with a message', () => {
  const dir = scratchDir('crmsync-explain-');
  const good = 'examples/online-exchange-online.crmsync.yaml';
  writeFile(dir, 'latin1.crmsync.yaml', '');
  fs.writeFileSync(path.join(dir, 'latin1.crmsync.yaml'), Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
  writeFile(dir, 'list.crmsync.yaml', '- not\n- a plan\n');
  const cases: [string, Run, RegExp][] = [
    ['no plan', crmsync(['explain']), /crmsync explain: no plan given/],
    ['two plans', crmsync(['explain', good, good]), /explain draws one plan at a time, not 2/],
    ['a directory', crmsync(['explain', 'examples']), /'examples' is a directory: explain draws one plan; name a plan file/],
    ['a missing file', crmsync(['explain', 'nope.crmsync.yaml']), /cannot read 'nope\.crmsync\.yaml': no such file or directory/],
    ['not UTF-8', crmsync(['explain', 'latin1.crmsync.yaml'], dir), /is not valid UTF-8 text/],
    ['not a plan', crmsync(['explain', 'list.crmsync.yaml'], dir), /'list\.crmsync\.yaml' is not a plan that can be drawn/],
    ['an unknown format', crmsync(['explain', '--format', 'png', good]), /--format must be text, mermaid, svg or html, not 'png'/],
    ['a check-only format', crmsync(['explain', '--format', 'sarif', good]), /--format must be text, mermaid, svg or html, not 'sarif'/],
    ['an unknown option', crmsync(['explain', '--fix', good]), /unknown option '--fix'/],
    ['--stdin-filename without -', crmsync(['explain', '--stdin-filename', 'x.crmsync.yaml', good]), /--stdin-filename only applies with the path -/],
    ['a bad configuration file', crmsync(['explain', '--config', 'missing.json', good]), /cannot read configuration file/],
    ['an unwritable output file', crmsync(['explain', '--output-file', path.join(good, 'x.svg'), good]), /cannot write '/],
  ];
  for (const [what, r, message] of cases) {
    assert.equal(r.code, 2, `${what}: exit 2 (${r.stderr})`);
    assert.match(r.stderr, message, what);
    assert.equal(r.stdout, '', `${what}: nothing on standard output`);
  }
});

test('explain --help lists the formats; crmsync --help names explain', () => {
  const r = crmsync(['explain', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Usage: crmsync explain \[options\] <plan>/);
  for (const f of FORMATS) assert.match(r.stdout, new RegExp(`\\b${f}\\b`));
  assert.match(r.stdout, /Exit codes: 0 no error, 1 the plan has errors/);
  const top = crmsync(['--help']);
  assert.match(top.stdout, /crmsync explain \[options\] <plan>/);
});
