/**
 * Walks the plan schema by path, for hovers and completion: which keys a mapping allows, what a
 * key means, which values it takes. `$ref` is followed and merged with the referring node; the
 * properties that `if`/`then` branches add are included.
 */
import { PLAN_SCHEMA } from './validate';
import type { Path } from '../types';

export interface SchemaNode {
  readonly title?: string;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly type?: string | string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly markdownEnumDescriptions?: readonly string[];
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly propertyNames?: SchemaNode;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly maxItems?: number;
  readonly pattern?: string;
  readonly 'x-reference'?: 'mailSystems' | 'serverProfiles';
  readonly 'x-appliesTo'?: string;
  readonly $ref?: string;
  readonly if?: SchemaNode;
  readonly then?: SchemaNode;
  readonly else?: SchemaNode;
  readonly allOf?: readonly SchemaNode[];
}

const ROOT = PLAN_SCHEMA as SchemaNode;

function deref(ref: string): SchemaNode | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = ROOT;
  for (const seg of ref.slice(2).split('/')) node = (node as Record<string, unknown> | undefined)?.[seg];
  return node as SchemaNode | undefined;
}

const isEmpty = (n: SchemaNode | undefined) => !n || Object.keys(n).length === 0;

/** The node with its `$ref` merged in (the node's own annotations win). */
function resolveSchema(node: SchemaNode | undefined, depth = 0): SchemaNode | undefined {
  if (!node || depth > 8) return node;
  if (!node.$ref) return node;
  const target = resolveSchema(deref(node.$ref), depth + 1) ?? {};
  const props: Record<string, SchemaNode> = { ...(target.properties ?? {}) };
  for (const [k, v] of Object.entries(node.properties ?? {})) if (!isEmpty(v) || !props[k]) props[k] = v;
  const { $ref: _ignored, ...own } = node;
  void _ignored;
  return { ...target, ...own, properties: Object.keys(props).length ? props : undefined, required: [...(target.required ?? []), ...(node.required ?? [])] };
}

/** Every property a mapping node may hold, including those its conditional branches add. */
export function propertiesOf(node: SchemaNode | undefined): Record<string, SchemaNode> {
  const n = resolveSchema(node);
  if (!n) return {};
  const out: Record<string, SchemaNode> = {};
  const add = (props: Readonly<Record<string, SchemaNode>> | undefined) => {
    for (const [k, v] of Object.entries(props ?? {})) if (!out[k] || (isEmpty(out[k]) && !isEmpty(v))) out[k] = v;
  };
  add(n.properties);
  for (const branch of [n.then, n.else, ...(n.allOf ?? []).flatMap((a) => [a.then, a.else])]) add(resolveSchema(branch)?.properties);
  return out;
}

/** The schema of the value at `path`, or undefined when the path leaves the schema. */
export function schemaAt(path: Path): SchemaNode | undefined {
  let node: SchemaNode | undefined = ROOT;
  for (const seg of path) {
    const n = resolveSchema(node);
    if (!n) return undefined;
    if (typeof seg === 'number' || (n.items && /^\d+$/.test(String(seg)))) {
      node = n.items;
      continue;
    }
    const props = propertiesOf(n);
    if (props[String(seg)] && !isEmpty(props[String(seg)])) node = props[String(seg)];
    else if (n.additionalProperties && typeof n.additionalProperties === 'object') node = n.additionalProperties;
    else return undefined;
  }
  return resolveSchema(node);
}

/** True when the mapping at `path` is a map of ids (mailSystems, serverProfiles, mailboxes). */
export function isIdMap(path: Path): boolean {
  const n = schemaAt(path);
  return !!n && !!n.propertyNames && typeof n.additionalProperties === 'object';
}
