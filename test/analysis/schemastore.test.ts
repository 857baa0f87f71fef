/**
 * The plan schema is publish-ready for SchemaStore (docs/schemastore.md): a stable `$id`, and it
 * accepts every valid example (examples/*.crmsync.yaml not named invalid-*) as other editors
 * see it: under plain ajv (draft-07, our annotation keywords unknown to it) and under
 * yaml-language-server (what JetBrains-free editors such as Helix, Zed and Neovim run) with no
 * diagnostics. A plan with schema errors is rejected by both (so the checks can fail).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import { filesUnder, repoPath } from '../harness/paths';

const schema = JSON.parse(fs.readFileSync(repoPath('schemas', 'crmsync.schema.json'), 'utf8')) as Record<string, unknown>;
const SCHEMA_ID = 'https://json.schemastore.org/crmsync.json';
const examples = filesUnder(repoPath('examples'), /\.crmsync\.ya?ml$/);
const valid = examples.filter((f) => !path.basename(f).startsWith('invalid-'));
const withSchemaErrors = repoPath('examples', 'invalid-schema-errors.crmsync.yaml');

const catalogEntry = (): { name: string; fileMatch: string[]; url: string } => {
  const doc = fs.readFileSync(repoPath('docs', 'schemastore.md'), 'utf8');
  const block = /```json\n([\s\S]*?)```/.exec(doc);
  assert.ok(block, 'docs/schemastore.md has the catalog entry in a json block');
  return JSON.parse(block[1]);
};

test('the schema has the stable $id that the catalog entry of docs/schemastore.md publishes', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.$id, SCHEMA_ID);
  const entry = catalogEntry();
  assert.equal(entry.name, 'crmsync');
  assert.deepEqual(entry.fileMatch, ['*.crmsync.yaml', '*.crmsync.yml']);
  assert.equal(entry.url, SCHEMA_ID);
  assert.ok(valid.length >= 8, `only ${valid.length} valid examples`);
});

test('plain ajv (draft-07, strict off) accepts every valid example and rejects schema errors', () => {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  for (const file of valid) {
    const ok = validate(parse(fs.readFileSync(file, 'utf8')));
    assert.ok(ok, `${path.basename(file)}: ${JSON.stringify(validate.errors)}`);
  }
  assert.equal(validate(parse(fs.readFileSync(withSchemaErrors, 'utf8'))), false);
});

test('yaml-language-server with the schema for *.crmsync.yaml reports nothing on every valid example', async () => {
  const requested: string[] = [];
  const ls = getLanguageService({
    // Offline: the schema is given inline; any other request is a failure.
    schemaRequestService: async (uri: string) => {
      requested.push(uri);
      if (uri === SCHEMA_ID) return JSON.stringify(schema);
      throw new Error(`no network in tests: ${uri}`);
    },
    workspaceContext: { resolveRelativePath: (rel: string, resource: string) => new URL(rel, resource).toString() },
  });
  ls.configure({ validate: true, hover: false, completion: false, yamlVersion: '1.2', schemas: [{ uri: SCHEMA_ID, fileMatch: ['*.crmsync.yaml', '*.crmsync.yml'], schema }] });
  const check = (file: string) => ls.doValidation(TextDocument.create(`file:///plans/${path.basename(file)}`, 'yaml', 1, fs.readFileSync(file, 'utf8')), false);
  for (const file of valid) {
    const diags = await check(file);
    assert.deepEqual(
      diags.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`),
      [],
      path.basename(file),
    );
  }
  // The schema is in force: the plan with schema errors gets diagnostics (the same file as .yml too).
  assert.ok((await check(withSchemaErrors)).length > 0, 'schema errors are reported');
  const yml = await ls.doValidation(TextDocument.create('file:///plans/x.crmsync.yml', 'yaml', 1, fs.readFileSync(withSchemaErrors, 'utf8')), false);
  assert.ok(yml.length > 0, '*.crmsync.yml matches too');
  assert.deepEqual(requested.filter((u) => u !== SCHEMA_ID), []);
});
