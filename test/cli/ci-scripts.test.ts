/**
 * The CI integrations run as their CI systems run them, on a copy of the examples:
 *  - the GitHub Action's script (scripts/ci/github-action.mjs, what action.yml runs) with the
 *    INPUT_* variables, GITHUB_WORKSPACE and GITHUB_OUTPUT the runner sets;
 *  - the script step of the Azure Pipelines template (templates/crmsync-check.yml), with the
 *    environment the template's `env:` gives it, its macros expanded from a recorded agent
 *    environment.
 * Each annotation is decoded as the runner decodes it and compared with the CLI's JSON report;
 * the SARIF report is checked; exit codes are the CLI's.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { repoPath } from '../harness/paths';
import { crmsync, example, scratchDir, writeFile } from './helpers';

interface Finding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related?: { line: number; column: number; message: string }[];
}
interface Report {
  files: { path: string; findings: Finding[] }[];
}

const EXAMPLES = fs.readdirSync(repoPath('examples')).filter((n) => /\.crmsync\.ya?ml$/.test(n)).sort();

/** A scratch repository holding a copy of every example under plans/. */
function repoWithExamples(): string {
  const dir = scratchDir('crmsync-ci-');
  for (const name of EXAMPLES) writeFile(dir, path.join('plans', name), example(name));
  return dir;
}

/** The CLI's own JSON report for `args` in `cwd`: what every integration must agree with. */
function cliReport(cwd: string, args: string[]): Report {
  const r = crmsync(['check', '--format', 'json', ...args], cwd);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as Report;
}

function runScript(script: string, env: Record<string, string>, cwd: string) {
  // Only what a runner would set: no CRMSYNC_* or INPUT_* of the test's own environment.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|CRMSYNC_|GITHUB_|BUILD_|SYSTEM_|AGENT_)/.test(k)));
  const r = spawnSync(process.execPath, [script, ...[]], { cwd, env: { ...base, ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions

const ACTION = repoPath('scripts', 'ci', 'github-action.mjs');

/** How the runner reads a workflow command's data and property values (actions/runner's ActionCommand). */
const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

interface Annotation {
  command: string;
  props: Record<string, string>;
  message: string;
}

/** Parses `::cmd k=v,k=v::message` as the runner does: properties split on `,`, then the first `=`. */
function parseAnnotation(line: string): Annotation | undefined {
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) return undefined;
  const props: Record<string, string> = {};
  for (const p of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = p.indexOf('=');
    props[p.slice(0, eq)] = unescapeProperty(p.slice(eq + 1));
  }
  return { command: m[1], props, message: unescapeData(m[3]) };
}

interface ActionModule {
  escapeData(s: string): string;
  escapeProperty(s: string): string;
}
const actionModule = async () => (await import(pathToFileURL(ACTION).href)) as ActionModule;

test('GitHub Action: %, CR, LF are escaped in messages and also : and , in properties, so that the runner decodes exactly the text', async () => {
  const { escapeData, escapeProperty } = await actionModule();
  assert.equal(escapeData('100% a:b, c\r\nd'), '100%25 a:b, c%0D%0Ad');
  assert.equal(escapeProperty('plans/a,b:c%.crmsync.yaml'), 'plans/a%2Cb%3Ac%25.crmsync.yaml');
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('%', ':', ',', '\r', '\n', 'a', '2', '5', 'A', 'C', '0', 'D', ' ', '=') }), (s) => {
      const prop = escapeProperty(s);
      assert.doesNotMatch(prop, /[:,\r\n]/);
      assert.equal(unescapeProperty(prop), s);
      const data = escapeData(s);
      assert.doesNotMatch(data, /[\r\n]/);
      assert.equal(unescapeData(data), s);
    }),
  );
});

test('GitHub Action on the examples: one annotation per finding at its file, line and column, the SARIF report, the outputs, and the CLI exit code 1', () => {
  const dir = repoWithExamples();
  const outputs = path.join(dir, 'github-output.txt');
  fs.writeFileSync(outputs, '');
  const r = runScript(ACTION, { GITHUB_WORKSPACE: dir, GITHUB_OUTPUT: outputs, INPUT_PATHS: 'plans', 'INPUT_SARIF-FILE': 'reports/crmsync.sarif', INPUT_FORMAT: '', 'INPUT_MAX-WARNINGS': '', INPUT_RULES: '' }, dir);
  assert.equal(r.code, 1, r.stderr);
  const report = cliReport(dir, ['plans']);

  const lines = r.stdout.split('\n').filter(Boolean);
  const annotations = lines.map(parseAnnotation);
  const expected = report.files.flatMap((f) => f.findings.map((x) => ({ file: f.path, ...x })));
  assert.equal(annotations.filter(Boolean).length, expected.length);
  assert.ok(expected.length > 100, `only ${expected.length} findings in the examples`);
  expected.forEach((f, i) => {
    const a = annotations[i];
    assert.ok(a, `line ${i}: ${lines[i]}`);
    assert.equal(a.command, { error: 'error', warning: 'warning', info: 'notice' }[f.severity]);
    assert.equal(a.props.file, f.file);
    assert.equal(Number(a.props.line), f.line);
    assert.equal(Number(a.props.col), f.column);
    assert.equal(Number(a.props.endLine), f.endLine);
    if (f.endLine === f.line) assert.equal(Number(a.props.endColumn), f.endColumn);
    assert.equal(a.props.title, `crmsync ${f.ruleId}`);
    assert.equal(a.message.split('\n')[0], f.message);
    // Related locations follow, one per line, as in the CLI's text output.
    assert.equal(a.message.split('\n').length, 1 + (f.related?.length ?? 0));
  });
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of expected) c[f.severity]++;
  assert.equal(lines.at(-1), `crmsync: ${report.files.length} files checked: ${c.error} errors, ${c.warning} warnings, ${c.info} info`);

  const sarifPath = path.join(dir, 'reports', 'crmsync.sarif');
  const sarif = JSON.parse(fs.readFileSync(sarifPath, 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results.length, expected.length);
  // URIs relative to the repository root (what code scanning maps to files of the commit).
  for (const res of sarif.runs[0].results) assert.match(res.locations[0].physicalLocation.artifactLocation.uri, /^plans\//);

  const out = Object.fromEntries(fs.readFileSync(outputs, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
  assert.deepEqual(out, { 'sarif-file': sarifPath, errors: String(c.error), warnings: String(c.warning), 'exit-code': '1' });
});

test('GitHub Action exit codes are the CLI\'s: 0 on a valid plan, 1 over max-warnings, 0 when rules turn the errors off, 2 when no plan is found', () => {
  const dir = scratchDir('crmsync-ci-');
  writeFile(dir, 'ok/online-exchange-online.crmsync.yaml', example('online-exchange-online.crmsync.yaml'));
  writeFile(dir, 'bad/invalid-router-queues.crmsync.yaml', example('invalid-router-queues.crmsync.yaml'));
  fs.mkdirSync(path.join(dir, 'empty'));
  const env = (inputs: Record<string, string>) => ({ GITHUB_WORKSPACE: dir, ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])) });

  assert.equal(runScript(ACTION, env({ paths: 'ok', 'sarif-file': '' }), dir).code, 0);

  const bad = cliReport(dir, ['bad']).files[0].findings;
  const errorRules = [...new Set(bad.filter((f) => f.severity === 'error').map((f) => f.ruleId))];
  assert.ok(errorRules.length > 0);
  const warnings = bad.filter((f) => f.severity === 'warning').length;
  assert.equal(runScript(ACTION, env({ paths: 'bad', 'sarif-file': '' }), dir).code, 1);
  const off = runScript(ACTION, env({ paths: 'bad', 'sarif-file': '', rules: errorRules.map((id) => `${id}=off`).join(',\n') }), dir);
  assert.equal(off.code, 0, off.stdout);
  assert.doesNotMatch(off.stdout, /^::error /m);
  assert.ok(warnings > 0, 'the plan has warnings');
  const rulesOff = errorRules.map((id) => `${id}=off`).join(' ');
  assert.equal(runScript(ACTION, env({ paths: 'bad', 'sarif-file': '', rules: rulesOff, 'max-warnings': String(warnings) }), dir).code, 0);
  assert.equal(runScript(ACTION, env({ paths: 'bad', 'sarif-file': '', rules: rulesOff, 'max-warnings': String(warnings - 1) }), dir).code, 1);

  const none = runScript(ACTION, env({ paths: 'empty', 'sarif-file': 'crmsync.sarif' }), dir);
  assert.equal(none.code, 2);
  assert.match(none.stdout, /^::warning::crmsync: no SARIF report was written to 'crmsync.sarif'/m);
  assert.ok(!fs.existsSync(path.join(dir, 'crmsync.sarif')));

  const wrong = runScript(ACTION, env({ paths: 'ok', format: 'sarif' }), dir);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stdout, /^::error::crmsync: the format input must be github, text or json/m);
});

test('GitHub Action: a plan named with , : and % is annotated at its own file; format text wraps the CLI report in stop-commands', () => {
  const dir = scratchDir('crmsync-ci-');
  const name = 'a,b:c%d.crmsync.yaml';
  writeFile(dir, `plans/${name}`, example('invalid-router-queues.crmsync.yaml'));
  const r = runScript(ACTION, { GITHUB_WORKSPACE: dir, INPUT_PATHS: 'plans', 'INPUT_SARIF-FILE': '' }, dir);
  assert.equal(r.code, 1);
  const files = new Set(r.stdout.split('\n').map(parseAnnotation).filter((a) => a !== undefined).map((a) => a.props.file));
  assert.deepEqual([...files], [`plans/${name}`]);

  const text = runScript(ACTION, { GITHUB_WORKSPACE: dir, INPUT_PATHS: 'plans', 'INPUT_SARIF-FILE': '', INPUT_FORMAT: 'text' }, dir);
  assert.equal(text.code, 1);
  const lines = text.stdout.split('\n').filter(Boolean);
  const token = /^::stop-commands::(crmsync-[0-9a-f-]{36})$/.exec(lines[0])?.[1];
  assert.ok(token, lines[0]);
  assert.equal(lines.at(-1), `::${token}::`);
  assert.equal(lines.slice(1, -1).join('\n') + '\n', crmsync(['check', 'plans'], dir).stdout);
});

// ---------------------------------------------------------------------------------------------
// Azure Pipelines

const TEMPLATE = repoPath('templates', 'crmsync-check.yml');

interface Step {
  bash?: string;
  task?: string;
  env?: Record<string, string>;
  inputs?: Record<string, string>;
  condition?: string;
}
interface Template {
  parameters: { name: string; default: string }[];
  steps: Step[];
}

/** `${{ parameters.x }}` from `params` (else the default), `$(Agent.X)` from the agent's environment (AGENT_X). */
function expand(text: string, template: Template, params: Record<string, string>, agent: Record<string, string>): string {
  return text
    .replace(/\$\{\{\s*parameters\.(\w+)\s*\}\}/g, (_, n: string) => {
      const p = template.parameters.find((x) => x.name === n);
      assert.ok(p, `template parameter ${n}`);
      return params[n] ?? p.default;
    })
    .replace(/\$\(([\w.]+)\)/g, (_, v: string) => {
      const key = v.toUpperCase().replace(/\./g, '_');
      assert.ok(key in agent, `agent variable ${v}`);
      return agent[key];
    });
}

function azureStep(params: Record<string, string>, agent: Record<string, string>) {
  const template = parseYaml(fs.readFileSync(TEMPLATE, 'utf8')) as Template;
  const step = template.steps.find((s) => s.bash?.includes('azure-check.mjs'));
  assert.ok(step?.bash && step.env, 'the template has the crmsync check script step');
  const publish = template.steps.find((s) => s.task === 'PublishBuildArtifacts@1');
  assert.ok(publish?.inputs, 'the template publishes an artifact');
  const env = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, expand(v, template, params, agent)]));
  return {
    env,
    artifactName: publish.inputs.ArtifactName,
    artifactPath: expand(publish.inputs.PathtoPublish, template, params, agent),
    publishCondition: publish.condition,
  };
}

/** The agent's environment for a build of a repository in `dir` (as recorded on a hosted Ubuntu agent). */
function agentEnv(dir: string): Record<string, string> {
  return {
    AGENT_TEMPDIRECTORY: path.join(dir, '_temp'),
    AGENT_OS: 'Linux',
    BUILD_SOURCESDIRECTORY: path.join(dir, 's'),
    BUILD_ARTIFACTSTAGINGDIRECTORY: path.join(dir, 'a'),
    BUILD_REPOSITORY_PROVIDER: 'TfsGit',
    SYSTEM_DEFAULTWORKINGDIRECTORY: path.join(dir, 's'),
    TF_BUILD: 'True',
  };
}

interface VsoIssue {
  props: Record<string, string>;
  message: string;
}
/** `##vso[task.logissue k=v;k=v]message` as the agent decodes it. */
function parseIssue(line: string): VsoIssue | undefined {
  const m = /^##vso\[task\.logissue ([^\]]*)\](.*)$/.exec(line);
  if (!m) return undefined;
  const un = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3B/g, ';').replace(/%5D/g, ']').replace(/%AZP25/g, '%');
  const props: Record<string, string> = {};
  for (const p of m[1].split(';').filter(Boolean)) {
    const eq = p.indexOf('=');
    props[p.slice(0, eq)] = un(p.slice(eq + 1));
  }
  return { props, message: un(m[2]) };
}

test('Azure Pipelines template, script step with a recorded agent environment: an issue per error and warning, info as plain lines, the SARIF in CodeAnalysisLogs, exit 1', () => {
  const root = scratchDir('crmsync-azp-');
  const agent = agentEnv(root);
  const sources = agent.BUILD_SOURCESDIRECTORY;
  for (const name of EXAMPLES) writeFile(sources, path.join('plans', name), example(name));
  const step = azureStep({ paths: 'plans' }, agent);
  assert.equal(step.artifactName, 'CodeAnalysisLogs');
  assert.equal(step.publishCondition, 'succeededOrFailed()', 'the SARIF report is published when the check fails too');

  // The template installs the package; here the script runs from this repository.
  const r = runScript(repoPath('scripts', 'ci', 'azure-check.mjs'), { ...agent, ...step.env }, sources);
  assert.equal(r.code, 1, r.stderr);
  const report = cliReport(sources, ['plans']);
  const expected = report.files.flatMap((f) => f.findings.map((x) => ({ file: f.path, ...x })));
  const lines = r.stdout.split('\n').filter(Boolean);
  let i = 0;
  for (const f of expected) {
    const line = lines[i++];
    if (f.severity === 'info') {
      assert.equal(line, `${f.file}:${f.line}:${f.column} info ${f.ruleId} ${f.message}`);
      for (const x of f.related ?? []) assert.equal(lines[i++], `  ${f.file}:${x.line}:${x.column}: ${x.message}`);
      continue;
    }
    const issue = parseIssue(line);
    assert.ok(issue, line);
    assert.deepEqual(issue.props, { type: f.severity, sourcepath: f.file, linenumber: String(f.line), columnnumber: String(f.column), code: f.ruleId });
    assert.equal(issue.message.split('\n')[0], `${f.ruleId}: ${f.message}`);
  }
  assert.match(lines[i++], /^crmsync: 26 files checked: \d+ errors, \d+ warnings, \d+ info$/);
  const sarifPath = path.join(step.artifactPath, 'crmsync.sarif');
  assert.equal(lines[i++], `crmsync: SARIF report written to ${sarifPath}`);
  assert.equal(lines.length, i);
  const sarif = JSON.parse(fs.readFileSync(sarifPath, 'utf8'));
  assert.equal(sarif.runs[0].results.length, expected.length);
  for (const res of sarif.runs[0].results) assert.match(res.locations[0].physicalLocation.artifactLocation.uri, /^plans\//);
});

test('Azure Pipelines: maxWarnings and rules reach the CLI; no plan gives exit 2 and a warning; ; ] % and ##vso[ in plan text cannot forge a logging command', () => {
  const root = scratchDir('crmsync-azp-');
  const agent = agentEnv(root);
  const sources = agent.BUILD_SOURCESDIRECTORY;
  const name = 'q;u]e%ue.crmsync.yaml';
  writeFile(sources, `plans/${name}`, example('invalid-router-queues.crmsync.yaml'));
  fs.mkdirSync(path.join(sources, 'empty'), { recursive: true });
  const script = repoPath('scripts', 'ci', 'azure-check.mjs');

  const r = runScript(script, { ...agent, ...azureStep({ paths: 'plans' }, agent).env }, sources);
  assert.equal(r.code, 1);
  const issues = r.stdout.split('\n').map(parseIssue).filter((x) => x !== undefined);
  assert.ok(issues.length > 0);
  for (const issue of issues) assert.equal(issue.props.sourcepath, `plans/${name}`);

  const findings = cliReport(sources, ['plans']).files[0].findings;
  const errorRules = [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId))];
  const off = runScript(script, { ...agent, ...azureStep({ paths: 'plans', rules: errorRules.map((id) => `${id}=off`).join(' '), maxWarnings: '' }, agent).env }, sources);
  assert.equal(off.code, 0, off.stdout);
  assert.doesNotMatch(off.stdout, /type=error/);

  const none = runScript(script, { ...agent, ...azureStep({ paths: 'empty' }, agent).env }, sources);
  assert.equal(none.code, 2);
  assert.match(none.stdout, /^##vso\[task\.logissue type=warning\]crmsync: no SARIF report was written/m);

  // A plan whose text carries a logging command: it appears only inside escaped messages or plain lines.
  const forged = example('invalid-router-queues.crmsync.yaml').replace(/^(\s*name: )(.*)$/m, '$1"##vso[task.setvariable variable=x]1"');
  assert.notEqual(forged, example('invalid-router-queues.crmsync.yaml'));
  writeFile(sources, 'forged/plan.crmsync.yaml', forged);
  const f = runScript(script, { ...agent, ...azureStep({ paths: 'forged' }, agent).env }, sources);
  for (const line of f.stdout.split('\n')) {
    const at = line.indexOf('##vso[');
    assert.ok(at === -1 || (at === 0 && line.startsWith('##vso[task.logissue ')), line);
  }
});
