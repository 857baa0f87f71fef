/**
 * The configuration file's content (analysis/config.ts): what it accepts, the errors a user
 * reads, how overrides layer, and that its JSON schema (schemas/crmsync.config.schema.json, for
 * editors) says the same as the parser and names every rule id with its summary.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { layerConfig, parseProjectConfig } from '../../server/src/analysis/config';
import { catalog, knownIds } from '../../server/src/analysis/catalog';
import { repoPath } from '../harness/paths';

const ids = knownIds();

test('JSON and YAML files give the same configuration; empty files configure nothing', () => {
  const json = parseProjectConfig('{ "rules": { "profile-unused": "off" }, "processEmailFromMaxAgeDays": 30 }', 'crmsync.config.json', ids);
  const yaml = parseProjectConfig('\ufeffrules:\n  profile-unused: off\nprocessEmailFromMaxAgeDays: 30\n', 'crmsync.config.yaml', ids);
  assert.deepEqual(json, { config: { rules: { 'profile-unused': 'off' }, processEmailFromMaxAgeDays: 30 }, errors: [], warnings: [] });
  assert.deepEqual(yaml, json);
  assert.deepEqual(parseProjectConfig('', 'crmsync.config.yml', ids).config, { rules: {} });
});

test('invalid content is an error per problem and gives no configuration; unknown ids are warnings', () => {
  const r = parseProjectConfig('{ "rules": { "profile-unused": "loud", "nope": "off" }, "processEmailFromMaxAgeDays": -1, "extra": 1 }', 'crmsync.config.json', ids);
  assert.equal(r.config, undefined);
  assert.deepEqual(r.errors, [
    "unknown key 'extra' (allowed: rules, processEmailFromMaxAgeDays, $schema)",
    'rules.profile-unused: "loud" is not off, error, warning or info',
    'processEmailFromMaxAgeDays: -1 is not a whole number of days (0 or more)',
  ]);
  assert.deepEqual(r.warnings, ["rules names unknown rule id 'nope'; it is ignored"]);
  assert.match(parseProjectConfig('{ "rules": ', 'crmsync.config.json', ids).errors[0], /^not valid JSON: /);
  assert.match(parseProjectConfig('rules: [\n', 'crmsync.config.yaml', ids).errors[0], /^not valid YAML: /);
  assert.deepEqual(parseProjectConfig('[1]', 'crmsync.config.json', ids).errors, ['the file must hold an object, like { "rules": { "profile-unused": "off" } }']);
  assert.deepEqual(parseProjectConfig('rules: [off]', 'crmsync.config.yaml', ids).errors, ["'rules' must be an object of rule id → off, error, warning or info"]);
});

test('overrides layer id by id on the file; options only where set', () => {
  const file = { rules: { 'profile-unused': 'off', 'pop3-provider-untested': 'error' }, processEmailFromMaxAgeDays: 30 } as const;
  assert.deepEqual(layerConfig(file, { rules: { 'profile-unused': 'info' } }), {
    rules: { 'profile-unused': 'info', 'pop3-provider-untested': 'error' },
    processEmailFromMaxAgeDays: 30,
  });
  assert.deepEqual(layerConfig(file, { rules: {}, processEmailFromMaxAgeDays: 7 }).processEmailFromMaxAgeDays, 7);
  assert.deepEqual(layerConfig(undefined, { rules: {} }), { rules: {} });
});

test('the config schema accepts what the parser accepts, rejects what it rejects, and lists every rule id', () => {
  const schema = JSON.parse(fs.readFileSync(repoPath('schemas', 'crmsync.config.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: true, strictTypes: false }).addKeyword('enumDescriptions').compile(schema);
  const cases = [
    'rules: { profile-unused: off, schema/enum: warning }\nprocessEmailFromMaxAgeDays: 0',
    '$schema: ./node_modules/crmsync/schemas/crmsync.config.schema.json',
    'rules: { profile-unused: loud }',
    'processEmailFromMaxAgeDays: 2.5',
    'processEmailFromMaxAgeDays: -3',
    'rule: { profile-unused: off }',
    'rules: [off]',
  ];
  for (const text of cases) {
    assert.equal(validate(parse(text)), parseProjectConfig(text, 'crmsync.config.yaml', ids).config !== undefined, text);
  }
  const listed = schema.properties.rules.properties as Record<string, { description: string }>;
  assert.deepEqual(Object.keys(listed).sort(), [...ids].sort());
  for (const e of catalog()) assert.equal(listed[e.id].description, e.summary, e.id);
});
