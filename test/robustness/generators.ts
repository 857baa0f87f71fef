/**
 * fast-check arbitraries for robustness tests: plan objects generated from the JSON schema,
 * serialised with the `yaml` package in block, flow and mixed styles, the example plans as
 * seeds, and text mutations (lines deleted, duplicated or swapped, random code units, tabs,
 * indentation, truncation, CRLF, BOM, flow/block switches).
 */
import * as fs from 'node:fs';
import * as fc from 'fast-check';
import { Document, isCollection, isScalar, parseDocument, visit, Scalar } from 'yaml';
import { filesUnder, repoPath } from '../harness/paths';

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  if?: Schema;
  then?: Schema;
  else?: Schema;
};

const SCHEMA = JSON.parse(fs.readFileSync(repoPath('schemas', 'crmsync.schema.json'), 'utf8')) as Schema;

function resolve(node: Schema): Schema {
  let n = node;
  for (let i = 0; i < 16 && n.$ref; i++) {
    const parts = n.$ref.replace(/^#\//, '').split('/');
    let target: unknown = SCHEMA;
    for (const p of parts) target = (target as Record<string, unknown>)[p];
    n = { ...(target as Schema), ...Object.fromEntries(Object.entries(n).filter(([k]) => k !== '$ref')) };
  }
  return n;
}

/**
 * Record ids are drawn from a small pool so that references (`mailSystem: exo`,
 * `serverProfile: exo`) often resolve and the rules have something to check.
 */
const IDS = ['exo', 'exch', 'pop', 'imap', 'alice', 'bob', 'queue-1', 'fwd', 'bad id', 'Ünï'];
const STRINGS = [
  'https://mail.contoso.com/EWS/Exchange.asmx',
  'http://mail.contoso.local/EWS/Exchange.asmx',
  'pop.gmail.com',
  'imap.contoso.com',
  'CONTOSO\\svc-crm',
  'alice@contoso.com',
  'Inbox/Sales',
  'Contoso Sales',
  '',
  ' ',
  'a: b',
  '#not a comment',
  '- item',
  '&anchor',
  '*alias',
  '{ flow }',
  '"quoted"',
  'é\u0301😀',
  'line1\nline2',
  'tab\there',
];

/** Any scalar, for values of the wrong type. */
const anyScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(...STRINGS, ...IDS),
  fc.string({ maxLength: 12 }),
);

function withWrongValues(good: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: anyScalar });
}

function stringFor(node: Schema): fc.Arbitrary<unknown> {
  if (node.pattern) {
    return fc.oneof({ weight: 4, arbitrary: fc.stringMatching(new RegExp(node.pattern)) }, { weight: 1, arbitrary: fc.constantFrom(...IDS, ...STRINGS) });
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...IDS) },
    { weight: 2, arbitrary: fc.constantFrom(...STRINGS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 16 }) },
  );
}

const cache = new Map<Schema, fc.Arbitrary<unknown>>();

/** An arbitrary of values that (mostly) conform to `node`, with some wrong values mixed in. */
function arbitraryFor(input: Schema, depth: number): fc.Arbitrary<unknown> {
  const cached = cache.get(input);
  if (cached) return cached;
  const node = resolve(input);
  let arb: fc.Arbitrary<unknown>;
  if (depth > 8) arb = anyScalar;
  else if (node.enum) arb = fc.constantFrom(...node.enum);
  else if (node.const !== undefined) arb = fc.constant(node.const);
  else if (node.if && node.then && node.else) arb = fc.oneof(arbitraryFor(node.then, depth + 1), arbitraryFor(node.else, depth + 1));
  else if (node.oneOf || node.anyOf) arb = fc.oneof(...(node.oneOf ?? node.anyOf ?? []).map((s) => arbitraryFor(s, depth + 1)));
  else {
    const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : ['string', 'number', 'boolean'];
    const alternatives = types.map((t): fc.Arbitrary<unknown> => {
      switch (t) {
        case 'object':
          return objectFor(node, depth);
        case 'array':
          return fc.array(node.items ? arbitraryFor(node.items, depth + 1) : anyScalar, { maxLength: 3 });
        case 'string':
          return stringFor(node);
        case 'integer':
          return fc.integer({ min: node.minimum ?? -2, max: Math.min(node.maximum ?? 100_000, 1_000_000) });
        case 'number':
          return fc.oneof(fc.integer({ min: -2, max: 100_000 }), fc.double({ min: -1, max: 1e6, noNaN: true }));
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        default:
          return anyScalar;
      }
    });
    arb = alternatives.length === 1 ? alternatives[0] : fc.oneof(...alternatives);
  }
  arb = depth === 0 ? arb : withWrongValues(arb);
  cache.set(input, arb);
  return arb;
}

function objectFor(node: Schema, depth: number): fc.Arbitrary<unknown> {
  const props = node.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) model[k] = arbitraryFor(v, depth + 1);
  const extra = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
  const known = Object.keys(model).length
    ? fc.record(model, { requiredKeys: (node.required ?? []).filter((k) => k in model) })
    : fc.constant({} as Record<string, unknown>);
  const keyed = extra ? fc.dictionary(fc.constantFrom(...IDS), arbitraryFor(extra, depth + 1), { maxKeys: 2 }) : fc.constant({});
  // Now and then a misspelt or unknown key, as people write them.
  const unknown = fc.option(fc.tuple(fc.constantFrom('incomming', 'Kind', 'passwrod', 'x-extra', 'serverprofile'), anyScalar), { freq: 8 });
  return fc.tuple(known, keyed, unknown).map(([a, b, u]) => {
    const out: Record<string, unknown> = { ...(a as object), ...(b as object) };
    if (u) out[u[0]] = u[1];
    return out;
  });
}

/** Plan objects shaped by the schema: mostly valid, with wrong values and unknown keys mixed in. */
export const planObject: fc.Arbitrary<Record<string, unknown>> = arbitraryFor(SCHEMA, 0) as fc.Arbitrary<Record<string, unknown>>;

/** How a plan object is written as YAML. */
export interface Style {
  readonly flow: 'block' | 'flow' | 'mixed';
  readonly bits: readonly boolean[];
  readonly indent: number;
  readonly indentSeq: boolean;
  readonly scalarTypes: readonly (Scalar.Type | undefined)[];
  readonly share: boolean;
}

export const style: fc.Arbitrary<Style> = fc.record({
  flow: fc.constantFrom('block', 'flow', 'mixed'),
  bits: fc.array(fc.boolean(), { maxLength: 16 }),
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  scalarTypes: fc.array(
    fc.constantFrom(undefined, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED') as fc.Arbitrary<Scalar.Type | undefined>,
    {
      maxLength: 16,
    },
  ),
  share: fc.boolean(),
});

/**
 * Makes two same-named sub-objects (e.g. a profile's `incoming` and `outgoing`, or two mailboxes)
 * one shared object, which the yaml package writes as an anchor and an alias.
 */
function shareObjects(plan: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(plan);
  const seen = new Map<string, object>();
  const walk = (o: Record<string, unknown>, depth: number) => {
    for (const [k, v] of Object.entries(o)) {
      if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
      const name = k === 'outgoing' ? 'incoming' : k;
      const first = seen.get(name);
      if (first && first !== v) o[k] = first;
      else {
        seen.set(name, v);
        if (depth < 6) walk(v as Record<string, unknown>, depth + 1);
      }
    }
  };
  walk(copy, 0);
  return copy;
}

/** Writes a plan object as YAML text in the given style. */
export function serialise(plan: Record<string, unknown>, s: Style): string {
  const doc = new Document(s.share ? shareObjects(plan) : plan, { aliasDuplicateObjects: true });
  let i = 0;
  let j = 0;
  visit(doc, {
    Node(_, node) {
      if (isCollection(node)) {
        node.flow = s.flow === 'flow' || (s.flow === 'mixed' && (s.bits[i++ % Math.max(1, s.bits.length)] ?? false));
      } else if (isScalar(node) && s.scalarTypes.length) {
        const t = s.scalarTypes[j++ % s.scalarTypes.length];
        if (t) node.type = t;
      }
    },
  });
  return doc.toString({ indent: s.indent, indentSeq: s.indentSeq, lineWidth: 0 });
}

/** The example plans in examples/ (valid and invalid), as seeds. */
export const EXAMPLES: readonly string[] = filesUnder(repoPath('examples'), /\.crmsync\.ya?ml$/).map((f) => fs.readFileSync(f, 'utf8'));

/** A valid-looking plan text: generated from the schema or one of the examples. */
export const planText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(planObject, style).map(([p, s]) => serialise(p, s)) },
  { weight: 1, arbitrary: fc.constantFrom(...EXAMPLES) },
);

/** Any UTF-16 code unit, lone surrogates and C0 controls included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const TOKENS = [
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\0',
  '\u2028',
  '\u0085',
  '\ufeff',
  '😀',
  '\ud83d',
  '\ude00',
  'é',
  '\u0301',
  ': ',
  ':',
  '- ',
  '? ',
  '#',
  ' # c',
  '&a ',
  '*a',
  '<<: *a',
  '!!binary ',
  '!secret ',
  '!!str ',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '{',
  '}',
  '[',
  ']',
  ',',
  '|',
  '>-',
  '"',
  "'",
  '\\',
  '\n  ',
  'password: hunter2\n',
  'password: { secretRef: "env:X" }',
  '# crmsync-disable-next-line plaintext-secret -- test\n',
  '# crmsync-disable-file profile-unused -- test\n',
  '# crmsync-disable-next-line nope\n',
  'serverProfile: ',
  'mailSystem: ',
  'kind: ',
];

const insertion = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.string({ unit: anyUnit, minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }) },
);

/** One text mutation; positions are taken modulo the current length. */
export type Mutation =
  | { readonly kind: 'deleteLine'; readonly at: number }
  | { readonly kind: 'duplicateLine'; readonly at: number }
  | { readonly kind: 'swapLines'; readonly at: number; readonly other: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'replace'; readonly at: number; readonly length: number; readonly text: string }
  | { readonly kind: 'indent'; readonly at: number; readonly delta: number; readonly tab: boolean }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'lineEnds'; readonly mode: 'crlf' | 'cr' | 'some' }
  | { readonly kind: 'bom' }
  | { readonly kind: 'flowSwitch'; readonly at: number };

const pos = fc.nat({ max: 1 << 20 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('deleteLine' as const), at: pos }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: pos }),
  fc.record({ kind: fc.constant('swapLines' as const), at: pos, other: pos }),
  fc.record({ kind: fc.constant('insert' as const), at: pos, text: insertion }),
  fc.record({ kind: fc.constant('replace' as const), at: pos, length: fc.integer({ min: 1, max: 8 }), text: insertion }),
  fc.record({ kind: fc.constant('indent' as const), at: pos, delta: fc.integer({ min: -4, max: 4 }), tab: fc.boolean() }),
  fc.record({ kind: fc.constant('truncate' as const), at: pos }),
  fc.record({ kind: fc.constant('lineEnds' as const), mode: fc.constantFrom('crlf' as const, 'cr' as const, 'some' as const) }),
  fc.record({ kind: fc.constant('bom' as const) }),
  fc.record({ kind: fc.constant('flowSwitch' as const), at: pos }),
);

function mod(n: number, m: number): number {
  return m <= 0 ? 0 : n % m;
}

/** Applies one mutation to `text`. */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  switch (m.kind) {
    case 'deleteLine':
      lines.splice(mod(m.at, lines.length), 1);
      return lines.join('\n');
    case 'duplicateLine': {
      const i = mod(m.at, lines.length);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'swapLines': {
      const a = mod(m.at, lines.length);
      const b = mod(m.other, lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'insert': {
      const at = mod(m.at, text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'replace': {
      const at = mod(m.at, text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at + m.length);
    }
    case 'indent': {
      const i = mod(m.at, lines.length);
      const line = lines[i];
      const lead = /^[ \t]*/.exec(line)![0];
      const width = Math.max(0, lead.length + m.delta);
      lines[i] = (m.tab ? '\t'.repeat(Math.min(width, 2)) + ' '.repeat(Math.max(0, width - 2)) : ' '.repeat(width)) + line.slice(lead.length);
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, mod(m.at, text.length + 1));
    case 'lineEnds':
      if (m.mode === 'crlf') return text.replace(/\r?\n/g, '\r\n');
      if (m.mode === 'cr') return text.replace(/\r?\n/g, '\r');
      return lines.map((l, i) => (i % 2 ? `${l}\r` : l)).join('\n');
    case 'bom':
      return `\ufeff${text}`;
    case 'flowSwitch':
      return flowSwitch(text, m.at);
  }
}

/** Re-writes the document with one collection switched between flow and block style. */
function flowSwitch(text: string, at: number): string {
  const doc = parseDocument(text);
  if (doc.errors.length) return text;
  const collections: { flow?: boolean }[] = [];
  visit(doc, {
    Node(_, node) {
      if (isCollection(node)) collections.push(node);
    },
  });
  if (!collections.length) return text;
  const target = collections[mod(at, collections.length)];
  target.flow = !target.flow;
  try {
    return doc.toString({ lineWidth: 0 });
  } catch {
    return text;
  }
}

/** A plan text with 0–4 mutations applied. */
export const mutatedPlan: fc.Arbitrary<string> = fc.tuple(planText, fc.array(mutation, { maxLength: 4 })).map(([text, ms]) => ms.reduce(mutate, text));
