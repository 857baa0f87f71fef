/**
 * The npm package, as `npm install --save-dev crmsync` gets it: `npm pack` of this folder,
 * installed offline into an empty project (the package has no runtime dependency: the CLI and
 * the server are bundles), gives a working `crmsync` binary (node_modules/.bin/crmsync, what `npx crmsync` runs) that reports exactly what this
 * repository's CLI reports, and the Azure Pipelines template's script runs from the installed
 * package (templates/crmsync-check.yml runs node_modules/crmsync/scripts/ci/azure-check.mjs).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../harness/paths';
import { crmsync, example, scratchDir, writeFile } from './helpers';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm pack, installed offline in an empty project: its crmsync binary reports what the repository CLI reports, and the Azure script runs from node_modules', () => {
  const work = scratchDir('crmsync-pack-');
  // --ignore-scripts: dist/ is already built (npm test builds first); `prepare` would rebuild it.
  const packed = JSON.parse(execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })) as {
    filename: string;
    files: { path: string }[];
  }[];
  const files = packed[0].files.map((f) => f.path).sort();
  for (const need of ['bin/crmsync.js', 'bin/crmsync-language-server.js', 'dist/cli.js', 'dist/server.js', 'schemas/crmsync.schema.json', 'schemas/crmsync.config.schema.json', 'scripts/ci/azure-check.mjs', 'scripts/ci/github-action.mjs', 'scripts/ci/common.mjs', 'templates/crmsync-check.yml', 'action.yml', 'docs/rules.md', 'README.md', 'package.json']) {
    assert.ok(files.includes(need), `the package lacks ${need}`);
  }
  const unexpected = files.filter((f) => /^(test|server\/src|client|bench|node_modules|out|\.ci|examples)\//.test(f) || /\.map$/.test(f) || /\.vsix$/.test(f));
  assert.deepEqual(unexpected, [], 'sources, tests, source maps and bundles for the editor stay out of the npm package');

  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'plans', version: '1.0.0', private: true }));
  const install = spawnSync(NPM, ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', path.join(work, packed[0].filename)], { cwd: project, encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);

  const names = fs.readdirSync(path.join(ROOT, 'examples')).filter((n) => n.endsWith('.crmsync.yaml'));
  for (const n of names) writeFile(project, path.join('plans', n), example(n));
  // What `npx crmsync` runs: the package's bin linked into node_modules/.bin.
  const installed = spawnSync(path.join(project, 'node_modules', '.bin', 'crmsync'), ['check', '--format', 'json', 'plans'], { cwd: project, encoding: 'utf8' });
  const ours = crmsync(['check', '--format', 'json', 'plans'], project);
  assert.equal(installed.status, 1, installed.stderr);
  assert.equal(installed.status, ours.code);
  assert.equal(installed.stdout, ours.stdout);
  assert.equal((JSON.parse(installed.stdout) as { files: unknown[] }).files.length, names.length);

  const sources = project;
  const azure = spawnSync(process.execPath, [path.join(project, 'node_modules', 'crmsync', 'scripts', 'ci', 'azure-check.mjs')], {
    cwd: sources,
    env: { PATH: process.env.PATH ?? '', BUILD_SOURCESDIRECTORY: sources, CRMSYNC_PATHS: 'plans', CRMSYNC_SARIF_FILE: path.join(work, 'a', 'CodeAnalysisLogs', 'crmsync.sarif') },
    encoding: 'utf8',
  });
  assert.equal(azure.status, 1, azure.stderr);
  assert.match(azure.stdout, /^##vso\[task\.logissue type=error;sourcepath=plans\//m);
  assert.ok(fs.existsSync(path.join(work, 'a', 'CodeAnalysisLogs', 'crmsync.sarif')));
});
