/**
 * JSON Schema validation: ajv compiled once, its errors mapped to one finding per problem with
 * the public ids of docs/plan-format.md#parser-and-schema-findings, placed on the key or value
 * that section names.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import generatedValidator from './plan-validator.generated';
import schemaJson from '../../../../schemas/crmsync.schema.json';
import { describePath, describeRecord, listOr } from '../describe';
import { documentStart, keySpan, placeOnNode, sourceText } from '../locate';
import type { ParsedPlan } from '../parse';
import { PathSet } from '../path-set';
import { editDistance, suggest } from '../suggest';
import { editorFor, fixList, makeFix } from '../fixes';
import { yamlScalar } from '../edit';
import { referencesOf } from '../references';
import { BASELINE_VERSION, EXCHANGE_TYPES, INTERNET_MAIL_TYPES, valueAt, type Auth, type Deployment, type MailSystemKind, type ServerType } from '../model';
import { authVerdict, expectedServerType } from '../support';
import { generatedClientSecretRef } from '../rules/support/modern-auth';
import type { Baseline, Finding, Fix, Path, RecordResult, Span } from '../types';

/** The plan schema as shipped in the bundle (never loaded from a URL). */
export const PLAN_SCHEMA: Record<string, unknown> = schemaJson as Record<string, unknown>;


/**
 * The plan validator: ajv standalone code generated at build time from the schema
 * (scripts/gen-validator.mjs), so nothing is compiled at run time (no `new Function`).
 */
function planValidator(): ValidateFunction {
  return generatedValidator as unknown as ValidateFunction;
}

/** Priority of value-level keywords when ajv reports several for one node (docs/plan-format.md#parser-and-schema-findings). */
const VALUE_PRIORITY: Record<string, number> = {
  type: 0,
  enum: 3,
  const: 3,
  minimum: 4,
  maximum: 4,
  exclusiveMinimum: 4,
  exclusiveMaximum: 4,
  minLength: 4,
  maxLength: 4,
  minItems: 4,
  maxItems: 4,
  pattern: 5,
  format: 5,
};

function pathFromPointer(pointer: string): Path {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export interface SchemaResult {
  readonly findings: Finding[];
  /** Paths whose values are unknown (docs/plan-format.md#unknown-values). */
  readonly unknown: PathSet;
  /** What each validated mailbox record contributed (records without findings are absent). */
  readonly records: Map<string, RecordResult>;
}

/** The mailbox id a path lies in (a record's key counts, for an invalid id). */
function mailboxOf(path: Path): string | undefined {
  return path[0] === 'mailboxes' && path.length >= 2 ? String(path[1]) : undefined;
}

function lastKey(path: Path): string {
  return path.length ? String(path[path.length - 1]) : 'plan';
}

function isSecretPath(path: Path): boolean {
  return path.some((s) => s === 'password' || s === 'clientSecret');
}

function typeName(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v;
}

function expectedType(t: unknown): string {
  const types = (Array.isArray(t) ? t : [t]).filter((x) => x !== 'null');
  const words = types.map((x) =>
    x === 'object' ? 'a mapping' : x === 'array' ? 'a list' : x === 'boolean' ? 'true or false' : x === 'integer' ? 'a whole number' : x === 'number' ? 'a number' : x === 'string' ? 'text' : String(x),
  );
  return listOr(words);
}

/** The schema's GUID and single-line patterns (definitions.guid, the base of text values). */
const GUID_PATTERN = (schemaJson as { definitions?: { guid?: { pattern?: string } } }).definitions?.guid?.pattern;
const SINGLE_LINE = '^[^\\r\\n]+$';

const PATTERN_MEANING: Record<string, string> = {
  emailAddress: 'an email address such as name@contoso.com',
  tenantId: 'a GUID such as 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90',
  exchangeOnlineTenantId: 'a GUID such as 3f2a9c1e-0d4b-4c3a-9f6e-2b7d8a1c5e90',
  thumbprint: 'a SHA-1 thumbprint of 40 hexadecimal digits',
  processEmailFrom: 'a date (2016-12-01) or an RFC 3339 date-time (2016-12-01T00:00:00Z)',
  secretRef: 'a secret reference: env:NAME, file:path or keyvault:vault/secret',
};

/** The display form of a scalar for messages; never the text of a password. */
function shown(plan: ParsedPlan, path: Path, v: unknown): string {
  if (isSecretPath(path) && !(path[path.length - 1] === 'secretRef')) return 'this value';
  const src = sourceText(plan, path);
  if (src !== undefined && src.length <= 80 && !src.includes('\n')) {
    if (typeof v !== 'string' || src.startsWith("'") || src.startsWith('"')) return src;
    return `'${src}'`;
  }
  return typeof v === 'string' ? `'${v.length > 60 ? v.slice(0, 57) + '…' : v}'` : String(v);
}

/**
 * Validates the plan's plain value and maps ajv's errors to findings. With `only`, the mailbox
 * records it does not name are left out (the caller has their results from the previous version: the
 * schema constrains each record on its own).
 */
export function validateSchema(plan: ParsedPlan, only?: ReadonlySet<string>): SchemaResult {
  const validate = planValidator();
  const unknown = new PathSet();
  const globalFindings: Finding[] = [];
  const records = new Map<string, RecordResult>();
  const bucket = (path: Path): RecordResult | undefined => {
    const id = mailboxOf(path);
    if (id === undefined) return undefined;
    let r = records.get(id);
    if (!r) records.set(id, (r = { findings: [], unknown: [] }));
    return r;
  };
  const emit = (path: Path, f: Finding) => (bucket(path)?.findings ?? globalFindings).push(f);
  const mark = (path: Path) => {
    unknown.add(path);
    bucket(path)?.unknown.push(path);
  };
  const done = (): SchemaResult => ({ findings: [...globalFindings, ...[...records.values()].flatMap((r) => r.findings)], unknown, records });
  let value = plan.value;
  const mailboxes = (value as { mailboxes?: unknown } | null)?.mailboxes;
  if (only && mailboxes && typeof mailboxes === 'object' && !Array.isArray(mailboxes)) {
    const kept: Record<string, unknown> = {};
    for (const id of only) if (Object.prototype.hasOwnProperty.call(mailboxes, id)) kept[id] = (mailboxes as Record<string, unknown>)[id];
    value = { ...(value as object), mailboxes: kept };
  }
  if (validate(value)) return done();
  const { childErrors, best } = classify(validate.errors ?? []);

  for (const e of childErrors) {
    const objPath = pathFromPointer(e.instancePath);
    if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      mark([...objPath, missing]);
      const span = placeOnNode(plan, objPath, 'key');
      if (!span) continue;
      const props = ((e.parentSchema ?? {}) as { properties?: Record<string, { default?: unknown; type?: unknown }> }).properties ?? {};
      const dflt = defaultText(props[missing]);
      const isObject = props[missing]?.type === 'object';
      const secretOwner = objPath[0] === 'serverProfiles' && typeof objPath[1] === 'string' ? objPath[1] : undefined;
      // The OAuth client gets its placeholders and a generated client-secret reference, never a literal.
      const value =
        dflt ??
        (secretOwner !== undefined && missing === 'oauth' && objPath.length === 2
          ? `{ applicationId: "", clientSecret: { secretRef: "${generatedClientSecretRef(secretOwner)}" } }`
          : secretOwner !== undefined && missing === 'clientSecret'
            ? `{ secretRef: "${generatedClientSecretRef(secretOwner)}" }`
            : isObject
              ? '{}'
              : '""');
      const fix = makeFix(`Add ${missing}: ${value}`, [editorFor(plan).setRaw([...objPath, missing], value)], { isPreferred: dflt !== undefined });
      emit(objPath, make('schema/required', `${capitalize(describePath(objPath))} is missing the required key '${missing}'.`, span, [fix]));
    } else {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const keyPath = [...objPath, extra];
      const span = keySpan(plan, keyPath);
      if (!span) continue;
      const props = Object.keys(((e.parentSchema ?? {}) as { properties?: Record<string, unknown> }).properties ?? {});
      const present = new Set(Object.keys((valueAt(plan.value, objPath) ?? {}) as object));
      const candidates = props.filter((p) => !present.has(p));
      const hints = suggest(extra, candidates, 2);
      const hint = hints.length ? ` Did you mean ${listOr(hints.map((h) => `'${h}'`))}?` : '';
      const edit = editorFor(plan);
      const fixes = [
        ...rankedFixes(extra, candidates, 2, (c, preferred) => makeFix(`Rename ${extra} to ${c}`, [edit.rename(keyPath, c)], { isPreferred: preferred })),
        makeFix(`Remove ${extra}`, [edit.remove(keyPath)]),
      ];
      emit(keyPath, make('schema/additional-properties', `Unknown key '${extra}' in ${describePath(objPath)}.${hint}`, span, fixes));
    }
  }

  for (const e of best.values()) {
    const path = pathFromPointer(e.instancePath);
    const propertyName = (e as { propertyName?: string }).propertyName;
    if (propertyName !== undefined) {
      // An id (map key) that breaks the id pattern: reported on the key; the entry is still checked.
      const span = keySpan(plan, [...path, propertyName]);
      if (!span) continue;
      emit(
        [...path, propertyName],
        make(
          'schema/pattern',
          `'${propertyName}' is not a valid id in ${String(path[0] ?? 'the plan')}: an id starts with a letter or digit and uses only letters, digits, '.', '_' and '-' (at most 64 characters).`,
          span,
          [idFix(plan, path, propertyName)],
        ),
      );
      continue;
    }
    mark(path);
    const mapped = mapValueError(plan, e, path);
    if (mapped) emit(path, mapped);
  }
  return done();
}

/**
 * ajv's errors as the findings use them: `required` and `additionalProperties` errors (without
 * those under a node with a type error: its children errors mean nothing), and the value-level
 * error of highest priority per node.
 */
function classify(all: readonly ErrorObject[]): { childErrors: ErrorObject[]; best: Map<string, ErrorObject> } {
  const errors = all.filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
  // Group value-level errors by node and keep the one of highest priority.
  const best = new Map<string, ErrorObject>();
  const childErrors: ErrorObject[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const id = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}|${(e as { propertyName?: string }).propertyName ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (e.keyword === 'required' || e.keyword === 'additionalProperties') {
      childErrors.push(e);
      continue;
    }
    const propertyName = (e as { propertyName?: string }).propertyName;
    const node = propertyName !== undefined ? `${e.instancePath}#key:${propertyName}` : e.instancePath;
    const prev = best.get(node);
    if (!prev || (VALUE_PRIORITY[e.keyword] ?? 9) < (VALUE_PRIORITY[prev.keyword] ?? 9)) best.set(node, e);
  }
  // A node with a type error has no meaningful children errors.
  const typeBroken = new Set([...best.values()].filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return { childErrors: childErrors.filter((e) => !typeBroken.has(e.instancePath)), best };
}

/**
 * The paths the schema leaves unknown in a plain plan value, exactly as `validateSchema` marks
 * them, without findings (so without the parsed text): a missing required key and a value with an
 * error. For a value built without YAML (the plan import writes, read back as data).
 */
export function unknownPaths(value: unknown): PathSet {
  const validate = planValidator();
  const unknown = new PathSet();
  if (validate(value)) return unknown;
  const { childErrors, best } = classify(validate.errors ?? []);
  for (const e of childErrors) {
    if (e.keyword === 'required') unknown.add([...pathFromPointer(e.instancePath), String((e.params as { missingProperty: string }).missingProperty)]);
  }
  for (const e of best.values()) if ((e as { propertyName?: string }).propertyName === undefined) unknown.add(pathFromPointer(e.instancePath));
  return unknown;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function make(ruleId: string, message: string, span: Span, fixes: readonly (Fix | undefined)[] = []): Finding {
  return { ruleId, severity: 'error', message, span, related: [], fixes: fixList(fixes) };
}

/** Candidates from `suggest`, with the first preferred when it is clearly the closest. */
function rankedFixes(
  word: string,
  candidates: readonly string[],
  maxDistance: number,
  build: (c: string, preferred: boolean) => Fix | undefined,
  fits: (c: string) => boolean = () => true,
): (Fix | undefined)[] {
  // Values valid in this context come first; the closest of those is preferred when it is clearly
  // the closest of them and no value outside the context is closer.
  const all = suggest(word, candidates, maxDistance);
  const lowerWord = word.toLowerCase();
  const hints = [...all.filter((c) => c.toLowerCase() === lowerWord), ...all.filter((c) => c.toLowerCase() !== lowerWord && fits(c)), ...all.filter((c) => c.toLowerCase() !== lowerWord && !fits(c))];
  if (!hints.length) return [];
  const lower = word.toLowerCase();
  const d = (c: string) => (c.toLowerCase() === lower ? -1 : editDistance(lower, c.toLowerCase(), maxDistance));
  const sameWord = d(hints[0]) === -1;
  const clear = sameWord || (fits(hints[0]) && (hints.length === 1 || d(hints[0]) < d(hints[1])) && all.every((c) => d(c) >= d(hints[0])));
  return hints.map((h, i) => build(h, i === 0 && clear));
}

/**
 * What the ranking of `authenticateUsing` fixes needs to know of a profile's mail system, read
 * from the raw plan: whether its provider is Gmail and whether it is Exchange Online of another
 * tenant (undefined when the plan does not say).
 */
function mailSystemFacts(plan: ParsedPlan, id: string | undefined, dep: string | undefined): { gmail: boolean | undefined; crossTenant: boolean | undefined } {
  const ms = id !== undefined ? valueAt(plan.value, ['mailSystems', id]) : undefined;
  if (typeof ms !== "object" || ms === null || Array.isArray(ms)) return { gmail: undefined, crossTenant: undefined };
  const { kind, provider, tenantId } = ms as Record<string, unknown>;
  const gmail = provider === undefined ? false : typeof provider === 'string' ? provider === 'gmail' : undefined;
  const org = valueAt(plan.value, ['organization', 'tenantId']);
  let crossTenant: boolean | undefined;
  if (dep === 'onPremises' || (typeof kind === 'string' && kind !== 'exchangeOnline')) crossTenant = false;
  else if (dep === 'online' && kind === 'exchangeOnline' && typeof tenantId === 'string' && typeof org === 'string') crossTenant = tenantId.toLowerCase() !== org.toLowerCase();
  return { gmail, crossTenant };
}

/**
 * Which enum values fit the plan around the value: for `authenticateUsing`, the options supported
 * for the profile's server type and deployment; for `serverType`, the type its mail system needs.
 */
function contextFit(plan: ParsedPlan, path: Path): ((c: string) => boolean) | undefined {
  const str = (p: Path) => {
    const v = valueAt(plan.value, p);
    return typeof v === 'string' ? v : undefined;
  };
  const key = path[path.length - 1];
  const dep = str(['organization', 'deployment']) as Deployment | undefined;
  if (path[0] !== 'serverProfiles' || path.length < 3) return undefined;
  const profile = ['serverProfiles', path[1]];
  const type = str([...profile, 'serverType']) as ServerType | undefined;
  const types: readonly string[] = [...EXCHANGE_TYPES, ...INTERNET_MAIL_TYPES];
  if (key === 'authenticateUsing' && type && types.includes(type) && path.length === 4) {
    const dir = path[2] === 'outgoing' ? 'out' : 'in';
    const rawBaseline = str(['baseline']);
    const baseline: Baseline = rawBaseline === 'd365-8.2' || rawBaseline === 'd365-9' ? rawBaseline : 'crm2016';
    const version = Number(str(['organization', 'crmVersion']) ?? BASELINE_VERSION[baseline]);
    const setting = {
      type,
      dir,
      dep: dep === 'online' || dep === 'onPremises' ? dep : undefined,
      baseline,
      version: Number.isFinite(version) ? version : Number(BASELINE_VERSION[baseline]),
      ...mailSystemFacts(plan, str([...profile, 'mailSystem']), dep),
    } as const;
    return (c) => authVerdict(setting, c as Auth).supported;
  }
  if (key === 'serverType' && path.length === 3 && (dep === 'online' || dep === 'onPremises')) {
    const ms = str([...profile, 'mailSystem']);
    const kind = ms !== undefined ? (str(['mailSystems', ms, 'kind']) as MailSystemKind | undefined) : undefined;
    if (kind && ['exchangeOnline', 'exchangeServer', 'pop3Smtp', 'imapSmtp'].includes(kind)) return (c) => c === expectedServerType(dep, kind);
  }
  return undefined;
}

/** The default of a property, as YAML source, when the schema gives a scalar one. */
function defaultText(node: { default?: unknown } | undefined): string | undefined {
  const v = node?.default;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? yamlScalar(v) : undefined;
}

function mapValueError(plan: ParsedPlan, e: ErrorObject, path: Path): Finding | undefined {
  const key = lastKey(path);
  const edit = editorFor(plan);
  const fixes: (Fix | undefined)[] = [];
  const v = e.data;
  const where = path.length > 1 ? ` (${describeRecord(path)})` : '';
  switch (e.keyword) {
    case 'type': {
      if (path.length === 0) {
        const span = placeOnNode(plan, path, 'value') ?? documentStart(plan.text);
        const msg = v === null || v === undefined ? 'The plan is empty; a plan is a mapping with at least version and organization.' : `A plan is a mapping of sections (version, organization, …), not ${typeName(v)}.`;
        return make('schema/type', msg, span);
      }
      const span = placeOnNode(plan, path, 'value');
      if (!span) return undefined;
      const expected = expectedType((e.params as { type: unknown }).type);
      let msg: string;
      if (typeof v === 'string' && /^(yes|no|on|off|true|false)$/i.test(v) && String((e.params as { type: unknown }).type).includes('boolean')) {
        msg = `${shown(plan, path, v)} is text in YAML 1.2; ${key} expects true or false${where}.`;
        const b = /^(yes|on|true)$/i.test(v);
        fixes.push(makeFix(`Set ${key} to ${b}`, [edit.replace(path, String(b))], { isPreferred: true }));
      } else if (typeof v === 'number' && String((e.params as { type: unknown }).type) === 'string') {
        const src = sourceText(plan, path) ?? String(v);
        msg = `${src} is a number; ${key} expects text: quote it as "${src}"${where}.`;
        fixes.push(makeFix(`Quote ${key} as "${src}"`, [edit.replace(path, JSON.stringify(src))], { isPreferred: true }));
      } else if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && /integer|number/.test(String((e.params as { type: unknown }).type))) {
        msg = `${shown(plan, path, v)} is quoted text; ${key} expects a number: write ${v} without quotes${where}.`;
        fixes.push(makeFix(`Set ${key} to ${v}`, [edit.replace(path, v)], { isPreferred: true }));
      } else if (v === null) {
        msg = `${key} has no value; it expects ${expected}${where}.`;
      } else {
        msg = `${capitalize(isSecretPath(path) ? 'this value' : typeName(v))} is not valid for ${key}; it expects ${expected}${where}.`;
      }
      return make('schema/type', msg, span, fixes);
    }
    case 'enum':
    case 'const': {
      const span = placeOnNode(plan, path, 'value');
      if (!span) return undefined;
      const allowed = e.keyword === 'const' ? [(e.params as { allowedValue: unknown }).allowedValue] : ((e.params as { allowedValues: unknown[] }).allowedValues ?? []);
      const allowedText = allowed.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
      const hints = typeof v === 'string' ? suggest(v, allowedText, 3) : [];
      const hint = hints.length ? ` Did you mean ${listOr(hints.map((h) => `'${h}'`))}?` : '';
      const expected = allowedText.length === 1 ? `expected ${allowedText[0]}` : `expected one of ${allowedText.join(', ')}`;
      const enumFixes =
        typeof v === 'string'
          ? rankedFixes(v, allowedText, 3, (c, preferred) => makeFix(`Set ${key} to ${c}`, [edit.replace(path, yamlScalar(c))], { isPreferred: preferred }), contextFit(plan, path))
          : [];
      // A version that exists, but not here: Dynamics 365 9.2 is online only.
      const onlineOnly = key === 'crmVersion' && v === '9.2' ? ' 9.2 exists only for Dynamics 365 online; CRM on-premises ends at 9.1.' : '';
      return make('schema/enum', `${shown(plan, path, v)} is not a valid ${key} value${where}; ${expected}.${onlineOnly || hint}`, span, enumFixes);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const span = placeOnNode(plan, path, 'value');
      if (!span) return undefined;
      const limit = (e.params as { limit: number }).limit;
      const words: Record<string, string> = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' };
      const bound = e.keyword === 'exclusiveMinimum' ? limit + 1 : e.keyword === 'exclusiveMaximum' ? limit - 1 : limit;
      const rangeFix = typeof v === 'number' ? makeFix(`Set ${key} to ${bound}`, [edit.replace(path, String(bound))], { isPreferred: true }) : undefined;
      return make('schema/range', `${key} must be ${words[e.keyword]} ${limit}${where}; found ${String(v)}.`, span, [rangeFix]);
    }
    case 'minLength':
    case 'maxLength': {
      const span = placeOnNode(plan, path, 'value');
      if (!span) return undefined;
      const limit = (e.params as { limit: number }).limit;
      return make('schema/range', `${key} must be ${e.keyword === 'minLength' ? 'at least' : 'at most'} ${limit} character${limit === 1 ? '' : 's'} long${where}.`, span);
    }
    case 'minItems':
    case 'maxItems': {
      const span = placeOnNode(plan, path, 'key');
      if (!span) return undefined;
      const limit = (e.params as { limit: number }).limit;
      const count = Array.isArray(v) ? v.length : 0;
      return make('schema/range', `${key} may hold ${e.keyword === 'minItems' ? 'no fewer' : 'no more'} than ${limit} item${limit === 1 ? '' : 's'}${where}; it has ${count}.`, span);
    }
    case 'pattern':
    case 'format': {
      const span = placeOnNode(plan, path, 'value');
      if (!span) return undefined;
      const pattern = (e.params as { pattern?: string }).pattern;
      const meaning = pattern === GUID_PATTERN ? PATTERN_MEANING.tenantId : pattern === SINGLE_LINE ? 'a single line of text' : (PATTERN_MEANING[key] ?? 'the required form');
      return make('schema/pattern', `${shown(plan, path, v)} is not ${meaning.startsWith('a') ? meaning : `in ${meaning}`} (${key}${where ? `, ${describeRecord(path)}` : ''}).`, span);
    }
    default: {
      const span = placeOnNode(plan, path, 'value');
      if (!span) return undefined;
      return make('schema/type', `${capitalize(key)} is not valid here${where}.`, span);
    }
  }
}

/**
 * An invalid id: characters outside `[A-Za-z0-9._-]` become `-`, cut to 64 characters; every
 * reference to the old id is renamed too.
 */
function idFix(plan: ParsedPlan, mapPath: Path, id: string): Fix | undefined {
  // Characters outside the id alphabet become '-'; leading characters that cannot start an id go.
  const fixed = id.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64);
  const siblings = valueAt(plan.value, mapPath);
  if (!fixed || (siblings && typeof siblings === 'object' && Object.prototype.hasOwnProperty.call(siblings, fixed))) return undefined;
  const edit = editorFor(plan);
  const collection = String(mapPath[0] ?? '');
  const refs = referencesOf(plan.value).filter((r) => r.target === collection && valueAt(plan.value, r.path) === id);
  return makeFix(`Rename id '${id}' to '${fixed}'`, [edit.rename([...mapPath, id], fixed), ...refs.map((r) => edit.replace(r.path, yamlScalar(fixed)))], { isPreferred: true });
}
