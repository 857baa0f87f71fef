/**
 * The Dataverse option sets (dataverse/mapping.ts) speak the plan's vocabulary: each set's
 * tokens are the values the plan schema allows for the key of that name, and the analysis's own
 * list of authentication values is the same set. The lists are kept apart on purpose (the option
 * sets are in Dataverse's code order, and the core may not import the Dataverse layer); this
 * test keeps them from drifting.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { OPTION_SETS, type OptionSetName } from '../../server/src/dataverse/mapping';
import { AUTH_VALUES } from '../../server/src/analysis/support';
import { PLAN_SCHEMA } from '../../server/src/analysis/schema/validate';

const DEFINITIONS = (PLAN_SCHEMA as { definitions: Record<string, { enum?: unknown[] }> }).definitions;

/** The enum of a schema node, following a `$ref` into the definitions. */
function enumOf(node: { enum?: unknown[]; $ref?: string } | undefined): unknown[] {
  if (node?.$ref?.startsWith('#/definitions/')) return DEFINITIONS[node.$ref.slice('#/definitions/'.length)]?.enum ?? [];
  return node?.enum ?? [];
}

/** Every `enum` the schema gives a property named `key` anywhere, or the definition of that name, as one set. */
function schemaValues(key: string): Set<unknown> {
  const out = new Set<unknown>(DEFINITIONS[key]?.enum ?? []);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const props = (node as { properties?: Record<string, { enum?: unknown[]; $ref?: string }> }).properties;
      for (const v of enumOf(props?.[key])) out.add(v);
      Object.values(node).forEach(walk);
    }
  };
  walk(PLAN_SCHEMA);
  return out;
}

/** Plan values an option set has no code for: Exchange Online is the absence of a code. */
const NOT_IN_SET: Partial<Record<OptionSetName, string[]>> = { serverType: ['exchangeOnline'] };

for (const name of Object.keys(OPTION_SETS) as OptionSetName[]) {
  test(`option set ${name} has the plan's values`, () => {
    const plan = schemaValues(name);
    assert.ok(plan.size > 0, `the schema has no values for ${name}`);
    const tokens = new Set([...OPTION_SETS[name], ...(NOT_IN_SET[name] ?? [])]);
    assert.deepEqual([...tokens].sort(), [...plan].map(String).sort());
  });
}

test('the analysis lists the same authentication values as the option set', () => {
  assert.deepEqual([...AUTH_VALUES].sort(), [...OPTION_SETS.authenticateUsing].sort());
});
