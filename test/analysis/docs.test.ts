/**
 * docs/rules.md and the README's rules table are generated from the registry and never stale;
 * the sources the rules cite are in its legend, and links to sections of the docs exist.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { catalog } from '../../server/src/analysis/catalog';
import { citedSources, SOURCES } from '../../server/src/analysis/sources';
import { renderRulesDoc, withReadmeTable } from '../../server/src/tools/rules-doc';
import { filesUnder, repoPath } from '../harness/paths';

test('docs/rules.md is up to date (run `npm run docs`)', () => {
  assert.equal(fs.readFileSync(repoPath('docs', 'rules.md'), 'utf8'), renderRulesDoc());
});

test('the README rules table is up to date (run `npm run docs`)', () => {
  const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
  assert.ok(readme.includes('<!-- rules-table:start -->'), 'README has the table markers');
  assert.equal(readme, withReadmeTable(readme));
});

test('every source a rule cites is in the Sources legend of docs/rules.md', () => {
  const doc = renderRulesDoc();
  const missing: string[] = [];
  for (const e of catalog()) {
    for (const id of citedSources(e.docs ?? '')) {
      if (!SOURCES[id]) missing.push(`${e.id}: ${id}`);
      else assert.ok(doc.includes(`\n| <a id="${id.toLowerCase()}"></a>${id} |`), `docs/rules.md has no Sources entry for ${id}`);
    }
  }
  assert.deepEqual(missing, [], 'sources cited by rules but missing from server/src/analysis/sources.ts');
  assert.ok(citedSources(catalog().map((e) => e.docs ?? '').join('\n')).length > 0, 'the rules cite sources');
});

/**
 * GitHub's anchors of a Markdown file: its headings (ASCII headings: `Connections: incoming` →
 * `connections-incoming`) and its HTML anchors (`<a id="s1">`).
 */
function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(repoPath(...file.split('/')), 'utf8').replace(/```[\s\S]*?```/g, '');
  const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
  return new Set([...[...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])), ...[...text.matchAll(/<a id="([^"]+)">/g)].map((m) => m[1])]);
}

test('links to docs/plan-format.md and docs/rules.md sections point at existing headings', () => {
  const anchors: Record<string, Set<string>> = { 'docs/plan-format.md': anchorsOf('docs/plan-format.md'), 'docs/rules.md': anchorsOf('docs/rules.md') };
  const files = [
    ...['server/src', 'client/src', 'test', 'scripts', 'bench', 'examples'].flatMap((d) => filesUnder(repoPath(...d.split('/')), /\.(ts|js|mjs|ya?ml|json)$/)),
    repoPath('README.md'),
    repoPath('CHANGELOG.md'),
  ];
  const broken: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/docs\/(plan-format|rules)\.md#([A-Za-z0-9_-]+)/g)) {
      if (!anchors[`docs/${m[1]}.md`].has(m[2])) broken.push(`${f}: docs/${m[1]}.md#${m[2]}`);
    }
  }
  // Links between the two documents and inside each (`](#x)`, `](rules.md#x)`, `](plan-format.md#x)`).
  for (const doc of ['plan-format', 'rules']) {
    const text = fs.readFileSync(repoPath('docs', `${doc}.md`), 'utf8');
    for (const m of text.matchAll(/\]\((?:(plan-format|rules)\.md)?#([A-Za-z0-9_-]+)\)/g)) {
      if (!anchors[`docs/${m[1] ?? doc}.md`].has(m[2])) broken.push(`docs/${doc}.md: ${m[0]}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('code, tests and examples cite the repository\'s own documents, not the specification it was written from', () => {
  // A spec document named without docs/ in front ("see the rules document, section 1.3" style), or a section sign.
  const outside = /(?<![\w/'.-]|\]\()(?:rules|plan-format|domain|dataverse)\.md\b|\u00a7/;
  const files = ['server/src', 'client/src', 'test', 'scripts', 'bench', 'examples', 'syntaxes'].flatMap((d) =>
    filesUnder(repoPath(...d.split('/')), /\.(ts|js|mjs|cjs|ya?ml|json)$/),
  );
  const found: string[] = [];
  for (const f of files) {
    fs.readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (outside.test(line)) found.push(`${f}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(found, []);
});

test('the README code map names every source file of server/src and client/src, and only files that exist', () => {
  const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
  const start = readme.indexOf('## Architecture\n');
  const map = readme.slice(start, readme.indexOf('\n## ', start + 1));
  assert.ok(start >= 0 && map.length > 1000, 'the Architecture section');
  const files = [...filesUnder(repoPath('server', 'src'), /\.ts$/), ...filesUnder(repoPath('client', 'src'), /\.ts$/)].map((f) =>
    f.slice(repoPath().length + 1).replace(/\\/g, '/'),
  );
  // Rule files are named by their pattern (rules/<rule-id>.ts); every other file by its name.
  const ruleFile = /^server\/src\/analysis\/rules\/[a-z0-9-]+\.ts$/;
  const named = new Set([...map.matchAll(/[A-Za-z0-9_.-]+\.ts\b/g)].map((m) => m[0]));
  const missing = files.filter((f) => !(ruleFile.test(f) && !/\/(define|index)\.ts$/.test(f)) && !named.has(f.split('/').pop()!));
  assert.deepEqual(missing, [], 'files the code map does not name');
  assert.ok(map.includes('<rule-id>.ts'));
  const basenames = new Set(files.map((f) => f.split('/').pop()!));
  const stale = [...named].filter((n) => !basenames.has(n) && !/\.(test|d)\.ts$/.test(n) && n !== '<rule-id>.ts');
  assert.deepEqual(stale, [], 'names in the code map that are no source file');
});
