/**
 * `crmsync check --format sarif` as code scanning consumes it: rule metadata, locations relative
 * to %SRCROOT% or absolute file URIs, and Microsoft's SARIF validator (Sarif.Multitool, rules
 * "Sarif;Gh": the SARIF spec's and GitHub Advanced Security's) finding no error and no warning.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoPath, ROOT } from '../harness/paths';
import { catalog } from '../../server/src/analysis/catalog';
import { crmsync, example, scratchDir, writeFile } from './helpers';

interface SarifLog {
  runs: {
    tool: { driver: Record<string, unknown> & { rules: Record<string, any>[] } };
    automationDetails?: { id: string };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: Record<string, any>[];
  }[];
}

function sarifOf(args: string[], cwd = ROOT): SarifLog {
  const r = crmsync(['check', '--format', 'sarif', ...args], cwd);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as SarifLog;
}

/** The absolute path a SARIF artifact location names, resolved through originalUriBaseIds. */
function resolveLocation(run: SarifLog['runs'][0], loc: { uri: string; uriBaseId?: string }): string {
  if (loc.uriBaseId === undefined) return fileURLToPath(loc.uri);
  const base = run.originalUriBaseIds?.[loc.uriBaseId]?.uri;
  assert.ok(base, `uriBaseId ${loc.uriBaseId} is defined`);
  return fileURLToPath(new URL(loc.uri, base));
}

const pkgVersion = JSON.parse(fs.readFileSync(repoPath('package.json'), 'utf8')).version as string;

test('SARIF: every rule has a PascalCase name, descriptions, help (text and markdown), helpUri, level and tags', () => {
  const run = sarifOf(['examples/invalid-schema-errors.crmsync.yaml']).runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'crmsync');
  assert.equal(driver.semanticVersion, pkgVersion, 'semanticVersion is the package version');
  assert.equal(driver.version, pkgVersion);
  assert.match(String(driver.fullName), new RegExp(`crmsync.*${pkgVersion.replace(/\./g, '\\.')}`));
  assert.equal(driver.informationUri, 'https://github.com/crmsync/crmsync');
  assert.match(run.automationDetails?.id ?? '', /^crmsync\/check\/$/);

  const entries = catalog();
  const rules = driver.rules;
  assert.deepEqual(
    rules.map((r) => r.id),
    entries.map((e) => e.id),
    'one descriptor per catalog id',
  );
  const byId = new Map(rules.map((r) => [r.id as string, r]));
  assert.equal(byId.get('anonymous-auth-exchange')?.name, 'AnonymousAuthExchange');
  assert.equal(byId.get('schema/enum')?.name, 'SchemaEnum');
  assert.equal(byId.get('schema/additional-properties')?.name, 'SchemaAdditionalProperties');
  assert.equal(byId.get('yaml-syntax')?.name, 'YamlSyntax');
  assert.equal(new Set(rules.map((r) => r.name)).size, rules.length, 'names are unique');

  for (const e of entries) {
    const r = byId.get(e.id)!;
    assert.match(r.name, /^[A-Z][A-Za-z0-9]*$/, e.id);
    assert.equal(r.shortDescription.text.replace(/\.$/, ''), e.summary.replace(/\.$/, ''), `${e.id}: shortDescription is the summary`);
    assert.ok(r.fullDescription.text.length >= r.shortDescription.text.length * 0.5, `${e.id}: fullDescription`);
    assert.match(r.helpUri, new RegExp(`^https://github\\.com/crmsync/crmsync/blob/main/docs/rules\\.md#[a-z0-9-]+$`), e.id);
    for (const kind of ['text', 'markdown'] as const) {
      const help = r.help[kind] as string;
      assert.ok(help.includes(r.helpUri), `${e.id}: help.${kind} links the docs`);
      assert.ok(help.length < 4000, `${e.id}: help.${kind} is reasonably sized (${help.length})`);
      assert.doesNotMatch(help, /### Invalid|```yaml/, `${e.id}: help.${kind} leaves out the example plans`);
    }
    if (e.docs) {
      // The explanation of the docs (their first sentence at least) is the full description and the help.
      const firstWords = e.docs.split(/\s+/).slice(0, 6).join(' ');
      assert.ok(r.fullDescription.markdown.startsWith(firstWords), `${e.id}: fullDescription from the docs`);
      assert.ok(r.help.text.startsWith(firstWords), `${e.id}: help.text from the docs`);
      assert.doesNotMatch(r.help.text, /[^\n]\n[^\n]/, `${e.id}: help.text is plain paragraphs (the docs' line wrapping undone)`);
    }
    assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level), e.id);
    const tags = r.properties.tags as string[];
    if (e.kind === 'rule') assert.ok(tags.includes(e.set!), `${e.id}: tags name the set`);
    else if (e.kind === 'parser') assert.ok(tags.includes('yaml'), e.id);
    else if (e.kind === 'schema') assert.ok(tags.includes('schema'), e.id);
    else assert.ok(tags.length > 0, e.id);
  }
  assert.equal(byId.get('plaintext-secret')?.defaultConfiguration.level, 'error');
  assert.equal(byId.get('invalid-suppression')?.defaultConfiguration.level, 'warning');
});

test('SARIF: files inside the current directory are relative to %SRCROOT%, percent-encoded; outside it, absolute file URIs', () => {
  const root = scratchDir('crmsync sarif #1 %-');
  const plan = writeFile(root, path.join('plans dir', 'a b+ü#.crmsync.yaml'), example('invalid-schema-errors.crmsync.yaml'));

  // Given with `..` and through an absolute path: the same relative, encoded URI.
  for (const given of [path.join('plans dir', '..', 'plans dir', path.basename(plan)), plan, 'plans dir']) {
    const run = sarifOf([given], root).runs[0];
    assert.ok(run.results.length > 0);
    const base = run.originalUriBaseIds?.['%SRCROOT%']?.uri;
    assert.ok(base?.startsWith('file:///') && base.endsWith('/'), `base ${base}`);
    assert.equal(fileURLToPath(base!), root + path.sep);
    assert.equal(base, pathToFileURL(root).href + '/');
    for (const res of run.results) {
      for (const loc of [res.locations[0], ...(res.relatedLocations ?? [])]) {
        const a = loc.physicalLocation.artifactLocation;
        assert.equal(a.uri, 'plans%20dir/a%20b%2B%C3%BC%23.crmsync.yaml', given);
        assert.equal(a.uriBaseId, '%SRCROOT%');
        assert.equal(resolveLocation(run, a), plan);
      }
    }
  }

  // From another directory: absolute file URIs, no uriBaseId.
  const elsewhere = scratchDir();
  const run = sarifOf([plan], elsewhere).runs[0];
  assert.equal(run.originalUriBaseIds, undefined);
  for (const res of run.results) {
    const a = res.locations[0].physicalLocation.artifactLocation;
    assert.equal(a.uriBaseId, undefined);
    assert.match(a.uri, /^file:\/\/\/[^ ]*$/);
    assert.equal(fileURLToPath(a.uri), plan);
  }
});

test('SARIF: --sarif-root sets what %SRCROOT% stands for', () => {
  const run = sarifOf(['--sarif-root', 'examples', 'examples/invalid-schema-errors.crmsync.yaml']).runs[0];
  assert.equal(run.originalUriBaseIds?.['%SRCROOT%']?.uri, pathToFileURL(repoPath('examples')).href + '/');
  assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'invalid-schema-errors.crmsync.yaml');
  // A file outside the given root keeps an absolute URI.
  const outside = sarifOf(['--sarif-root=test', 'examples/invalid-schema-errors.crmsync.yaml']).runs[0];
  const a = outside.results[0].locations[0].physicalLocation.artifactLocation;
  assert.equal(a.uriBaseId, undefined);
  assert.equal(fileURLToPath(a.uri), repoPath('examples', 'invalid-schema-errors.crmsync.yaml'));
});

/** The validator's executable for this platform (the devDependency @microsoft/sarif-multitool). */
function multitool(): string {
  return require(repoPath('node_modules', '@microsoft', 'sarif-multitool')) as string;
}

test("Microsoft's SARIF validator (Sarif;Gh rules) finds no error and no warning in our SARIF", () => {
  const dir = scratchDir();
  const logs: Record<string, SarifLog> = {};
  logs['relative'] = sarifOf(['examples/']);
  logs['absolute'] = sarifOf([repoPath('examples')]);
  logs['outside-cwd'] = sarifOf([repoPath('examples')], dir);
  // Names that need percent-encoding, and a suppressed finding (a result with `suppressions`).
  const tree = scratchDir('crmsync sarif %-');
  writeFile(tree, path.join('my plans', 'a b+ü#.crmsync.yaml'), example('invalid-hybrid-exchange-2010.crmsync.yaml'));
  writeFile(
    tree,
    path.join('my plans', 'suppressed.crmsync.yml'),
    example('online-exchange-online.crmsync.yaml').replace(
      '    mailSystem: exo\n',
      '    mailSystem: exo\n    # crmsync-disable-next-line schema/additional-properties -- read by our provisioning script\n    x-provisioning: manual\n',
    ),
  );
  logs['encoded-names'] = sarifOf(['my plans'], tree);
  assert.equal(logs['encoded-names'].runs[0].results.filter((r) => r.suppressions).length, 1);
  // A control the validator must reject (GH2012: no fullDescription), proving its results are read.
  const broken = JSON.parse(JSON.stringify(logs['relative'])) as SarifLog;
  for (const r of broken.runs[0].tool.driver.rules) delete r.fullDescription;
  logs['control'] = broken;

  const files: Record<string, string> = {};
  for (const [name, log] of Object.entries(logs)) {
    files[name] = path.join(dir, `${name}.sarif`);
    fs.writeFileSync(files[name], JSON.stringify(log, null, 2));
  }
  // SARIF2006 (URIs should be reachable, a note) makes an HTTP request per helpUri: offline it
  // only costs time (15 s a file), so it is turned off; every other rule runs.
  const config = path.join(dir, 'config.xml');
  fs.writeFileSync(
    config,
    '<?xml version="1.0" encoding="utf-8"?>\n<Properties>\n  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">\n' +
      '    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />\n  </Properties>\n</Properties>\n',
  );
  const out = path.join(dir, 'validation.sarif');
  // List-valued options (--log, --rule-kind, --level) come first: they would swallow the file names.
  const v = spawnSync(
    multitool(),
    ['validate', '--log', 'ForceOverwrite', '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning', '--config', config, '--output', out, ...Object.values(files)],
    { encoding: 'utf8', timeout: 300_000, env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' } },
  );
  assert.equal(v.error, undefined, `the validator runs: ${v.error}`);
  assert.match(v.stdout, new RegExp(`Done\\. ${Object.keys(files).length} files scanned`), v.stdout + v.stderr);
  const validation = JSON.parse(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, ''));
  const run = validation.runs[0];
  for (const n of run.invocations?.[0]?.toolExecutionNotifications ?? []) assert.notEqual(n.level, 'error', JSON.stringify(n));
  const count: Record<string, { error: number; warning: number; messages: string[] }> = {};
  for (const name of Object.keys(files)) count[name] = { error: 0, warning: 0, messages: [] };
  for (const res of run.results ?? []) {
    const uri: string = res.locations[0].physicalLocation.artifactLocation.uri;
    const name = Object.keys(files).find((n) => fileURLToPath(uri) === files[n]);
    assert.ok(name, uri);
    const level: string = res.level ?? 'warning';
    if (level === 'error' || level === 'warning') {
      count[name][level]++;
      count[name].messages.push(`${res.ruleId} ${JSON.stringify(res.message)}`);
    }
  }
  for (const name of ['relative', 'absolute', 'outside-cwd', 'encoded-names']) {
    assert.deepEqual({ name, errors: count[name].error, warnings: count[name].warning }, { name, errors: 0, warnings: 0 }, count[name].messages.slice(0, 5).join('\n'));
  }
  assert.ok(count['control'].error > 0, 'the validator reports the control file');
  assert.ok(count['control'].messages.every((m) => m.startsWith('GH2012')), count['control'].messages.join('\n'));
});
