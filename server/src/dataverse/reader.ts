/**
 * Reads a Dataverse Web API export folder, given as a list of named files: recognises each file
 * by its content (collection page, single row, RetrieveCurrentOrganization, RetrieveVersion, error
 * body), checks that the pages of each entity set are complete (`@odata.nextLink`, with page
 * numbers from the paging cookie where they can be read), checks that all files come from one
 * organisation, and indexes rows by lower-case GUID per entity set (duplicates, required
 * attributes). Pure: no I/O; never throws on any input.
 */
import type { DiagnosticSink } from './diagnostics';
import { ENTITY_SETS, PRIMARY_KEYS, REQUIRED_ATTRIBUTES, type EntitySet } from './mapping';

/**
 * One input file: the name it is reported under, and its bytes or text, or a function that
 * reads them when the file's turn comes (so that only one file's text is held at a time). A
 * function that returns undefined skips the file without a diagnostic: the caller reports why.
 */
export interface ExportFile {
  readonly name: string;
  readonly content: string | Uint8Array | (() => string | Uint8Array | undefined);
}

/** A row of an entity set, with where it came from. */
export interface ExportRow {
  readonly file: string;
  /** `/value/<i>` of a collection page, `""` for a single-row response. */
  readonly pointer: string;
  readonly row: Readonly<Record<string, unknown>>;
}

/** What the export holds, after step 1 and 2 of the pipeline. */
export interface ExportContents {
  /** Files read, duplicates included. */
  readonly fileCount: number;
  /** Name of the first file in reading order (for diagnostics about the whole export). */
  readonly firstFile: string | undefined;
  /** Rows per entity set by lower-case GUID, first occurrence, in reading order. */
  readonly rows: { readonly [K in EntitySet]: ReadonlyMap<string, ExportRow> };
  /** The entity sets that at least one file held. */
  readonly setsGiven: ReadonlySet<EntitySet>;
  /** RetrieveCurrentOrganization `Detail`, with its file. */
  readonly detail?: { readonly file: string; readonly value: Readonly<Record<string, unknown>> };
  /** RetrieveVersion `Version`. */
  readonly version?: string;
  /** The organisation's host (lower case), when any file names one. */
  readonly host?: string;
}

const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

export const isGuid = (v: unknown): v is string => typeof v === 'string' && GUID.test(v);

export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** The own property `key` of `o` (never one of Object.prototype), or undefined. */
export const own = (o: Readonly<Record<string, unknown>>, key: string): unknown => (has(o, key) ? o[key] : undefined);

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Offset → 1-based line and column (UTF-16 code units). */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: end - start + 1 };
}

type Parsed = { ok: true; value: unknown } | { ok: false; line: number; column: number; reason: string };

function parseJson(content: string | Uint8Array): Parsed {
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    try {
      text = decoder.decode(content);
    } catch {
      // The first byte that is not UTF-8 is not worth finding: the file has to be saved again.
      return { ok: false, line: 1, column: 1, reason: 'not UTF-8 text' };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const m = /at position (\d+)/.exec(message);
    const at = lineColumn(text, m ? Number(m[1]) : text.length);
    const reason = /^Unterminated string/.test(message)
      ? 'unterminated string'
      : /Unexpected end/.test(message)
        ? 'unexpected end of the file'
        : 'unexpected text';
    return { ok: false, ...at, reason };
  }
}

/** The entity set named by an `@odata.context`: after `#`, up to the first `(`, `/` or the end. */
function entitySetOf(context: string): string {
  const hash = context.indexOf('#');
  const rest = hash < 0 ? context : context.slice(hash + 1);
  const m = /^[^(/]*/.exec(rest);
  return m ? m[0] : '';
}

function hostOf(context: string): string | undefined {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(context);
  return m ? m[1].toLowerCase() : undefined;
}

function decodeOnce(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * Page numbers from a `@odata.nextLink`'s `$skiptoken` paging cookie: `next` is `pagenumber`,
 * `self` the cookie's `page`. Undefined when the link cannot be read this way.
 */
function pageNumbers(link: string): { next: number; self: number } | undefined {
  const m = /[?&](?:%24|\$)skiptoken=([^&#]*)/i.exec(link);
  if (!m) return undefined;
  const token = decodeOnce(m[1].replace(/\+/g, '%20'));
  if (token === undefined) return undefined;
  const next = /\bpagenumber="(\d{1,9})"/.exec(token);
  const cookie = /\bpagingcookie="([^"]*)"/.exec(token);
  if (!next || !cookie) return undefined;
  const inner = decodeOnce(cookie[1]);
  const self = inner === undefined ? null : /\bpage="(\d{1,9})"/.exec(inner);
  if (!self) return undefined;
  return { next: Number(next[1]), self: Number(self[1]) };
}

const ACCEPTED: ReadonlySet<string> = new Set(ENTITY_SETS);

const SET_NOUN: { readonly [K in EntitySet]: string } = {
  organizations: 'Organization',
  emailserverprofiles: 'Email server profile',
  mailboxes: 'Mailbox',
  mailboxtrackingfolders: 'Tracked folder',
  systemusers: 'User',
  queues: 'Queue',
};

interface Page {
  readonly file: string;
  readonly index: number;
  readonly set: EntitySet;
  readonly rows: readonly unknown[];
  /** `/value` for a collection page, `""` for a single row (`/$entity`). */
  readonly base: string;
  readonly nextLink?: string;
}

/** A short, one-line quotation of a text from the export (never more than 200 characters). */
export function quote(s: string, max = 200): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * Steps 1 and 2 of the pipeline: read and recognise every file, check paging and the
 * organisation; then index the rows. Errors of step 1 stop before indexing (`undefined` rows).
 */
export function readExport(files: readonly ExportFile[], sink: DiagnosticSink): ExportContents | undefined {
  const pages: Page[] = [];
  let detail: { file: string; value: Record<string, unknown> } | undefined;
  let version: string | undefined;
  const contexts: { file: string; host: string | undefined; hasOrganizations: boolean }[] = [];

  files.forEach((f, index) => {
    const content = typeof f.content === 'function' ? f.content() : f.content;
    if (content === undefined) return;
    const parsed = parseJson(content);
    if (!parsed.ok) {
      sink.add({
        path: f.name,
        pointer: '',
        line: parsed.line,
        column: parsed.column,
        severity: 'error',
        id: 'import/not-json',
        message: `The file is not valid JSON (${parsed.reason} at line ${parsed.line}, column ${parsed.column}); save the response again.`,
      });
      return;
    }
    const root = parsed.value;
    sink.setRoot(f.name, root);
    if (!isRecord(root)) {
      sink.add({ path: f.name, pointer: '', severity: 'error', id: 'import/not-webapi', message: 'The file is JSON but not a Web API response: expected an object with @odata.context and value.' });
      return;
    }
    const context = own(root, '@odata.context');
    const value = own(root, 'value');
    const ctxText = typeof context === 'string' ? context : undefined;
    const note = (set: string) => contexts.push({ file: f.name, host: ctxText === undefined ? undefined : hostOf(ctxText), hasOrganizations: set === 'organizations' });
    if (ctxText !== undefined && Array.isArray(value)) {
      const set = entitySetOf(ctxText);
      if (!ACCEPTED.has(set)) {
        sink.add({
          path: f.name,
          pointer: '/@odata.context',
          severity: 'error',
          id: 'import/wrong-entity',
          message: `The file holds '${quote(set, 80)}' records; crmsync import reads organizations, emailserverprofiles, mailboxes, mailboxtrackingfolders, systemusers and queues, and the RetrieveCurrentOrganization and RetrieveVersion responses.`,
        });
        return;
      }
      const link = own(root, '@odata.nextLink');
      note(set);
      pages.push({ file: f.name, index, set: set as EntitySet, rows: value, base: '/value', ...(typeof link === 'string' ? { nextLink: link } : {}) });
      return;
    }
    if (ctxText !== undefined && /\/\$entity$/.test(ctxText)) {
      const set = entitySetOf(ctxText);
      if (!ACCEPTED.has(set)) {
        sink.add({
          path: f.name,
          pointer: '/@odata.context',
          severity: 'error',
          id: 'import/wrong-entity',
          message: `The file holds a '${quote(set, 80)}' record; crmsync import reads organizations, emailserverprofiles, mailboxes, mailboxtrackingfolders, systemusers and queues.`,
        });
        return;
      }
      note(set);
      pages.push({ file: f.name, index, set: set as EntitySet, rows: [root], base: '' });
      return;
    }
    const det = own(root, 'Detail');
    if (isRecord(det) && has(det, 'OrganizationId')) {
      note('');
      if (!detail) detail = { file: f.name, value: det };
      return;
    }
    const ver = own(root, 'Version');
    if (typeof ver === 'string' && !has(root, 'value')) {
      note('');
      if (version === undefined) version = ver;
      return;
    }
    const error = own(root, 'error');
    if (isRecord(error)) {
      const code = own(error, 'code');
      const message = own(error, 'message');
      const what = [typeof code === 'string' ? code : '', typeof message === 'string' ? quote(message, 160) : ''].filter((s) => s !== '').join(': ');
      sink.add({
        path: f.name,
        pointer: '/error',
        severity: 'error',
        id: 'import/not-webapi',
        message: `The file is a Web API error response${what ? ` (${what})` : ''}, not query results; export it again with an account that can read the table.`,
      });
      return;
    }
    sink.add({
      path: f.name,
      pointer: '',
      severity: 'error',
      id: 'import/not-webapi',
      message: 'The file is JSON but not a Web API response crmsync import reads: expected a collection (@odata.context and value), a RetrieveCurrentOrganization or a RetrieveVersion response.',
    });
  });

  checkOrganizationHost(contexts, sink);
  for (const set of ENTITY_SETS) checkPaging(set, pages.filter((p) => p.set === set), sink);
  if (sink.errors > 0) return undefined;

  // Step 2: index by lower-case GUID.
  const rows = Object.fromEntries(ENTITY_SETS.map((s) => [s, new Map<string, ExportRow>()])) as { [K in EntitySet]: Map<string, ExportRow> };
  const setsGiven = new Set<EntitySet>();
  for (const page of pages) {
    setsGiven.add(page.set);
    indexPage(page, rows[page.set], sink);
  }
  const organizationRows = [...rows.organizations.values()];
  if (detail && organizationRows.length > 0) {
    const id = own(detail.value, 'OrganizationId');
    const orgId = own(organizationRows[0].row, PRIMARY_KEYS.organizations);
    if (typeof id === 'string' && typeof orgId === 'string' && id.toLowerCase() !== orgId.toLowerCase()) {
      sink.add({
        path: detail.file,
        pointer: '/Detail/OrganizationId',
        severity: 'error',
        id: 'import/mixed-organizations',
        message: `RetrieveCurrentOrganization names organization ${quote(id, 60)}, but the organizations row is ${orgId.toLowerCase()}: the files come from two organisations.`,
        related: [{ path: organizationRows[0].file, pointer: `${organizationRows[0].pointer}/${PRIMARY_KEYS.organizations}`, message: 'The organizations row' }],
      });
    }
  }
  const host = contexts.find((c) => c.hasOrganizations && c.host !== undefined)?.host ?? contexts.find((c) => c.host !== undefined)?.host;
  return {
    fileCount: files.length,
    firstFile: files[0]?.name,
    rows,
    setsGiven,
    ...(detail ? { detail } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(host !== undefined ? { host } : {}),
  };
}

function checkOrganizationHost(contexts: readonly { file: string; host: string | undefined; hasOrganizations: boolean }[], sink: DiagnosticSink): void {
  const withHost = contexts.filter((c) => c.host !== undefined);
  const home = withHost.find((c) => c.hasOrganizations) ?? withHost[0];
  if (!home) return;
  for (const c of withHost) {
    if (c.host === home.host) continue;
    sink.add({
      path: c.file,
      pointer: '/@odata.context',
      severity: 'error',
      id: 'import/mixed-organizations',
      message: `The file comes from ${quote(c.host ?? '', 100)}, the organisation's other files from ${quote(home.host ?? '', 100)}: export every file from one organisation.`,
      related: [{ path: home.file, pointer: '/@odata.context', message: "The organisation's host" }],
    });
  }
}

/** One `import/page-missing` per missing page of a set. */
function checkPaging(set: EntitySet, pages: readonly Page[], sink: DiagnosticSink): void {
  const collections = pages.filter((p) => p.base === '/value');
  if (collections.length === 0) return;
  const allLinked = collections.every((p) => p.nextLink !== undefined);
  const linked = collections.filter((p) => p.nextLink !== undefined);
  const numbers = linked.map((p) => ({ page: p, n: pageNumbers(p.nextLink ?? '') }));
  const last = collections.reduce((a, b) => (b.index > a.index ? b : a));
  const report = (at: Page, message: string) => sink.add({ path: at.file, pointer: '/@odata.nextLink', severity: 'error', id: 'import/page-missing', message });
  if (numbers.length > 0 && numbers.every((x) => x.n !== undefined)) {
    const selves = new Set(numbers.map((x) => x.n?.self ?? 0));
    const linking = new Map<number, Page>();
    for (const x of numbers) if (x.n && !linking.has(x.n.next)) linking.set(x.n.next, x.page);
    // Gaps between 1 and the highest page number (at most 1,000 reported: a cookie may say anything).
    const sorted = [...selves].sort((a, b) => a - b);
    const missing: number[] = [];
    let expected = 1;
    for (const k of sorted) {
      for (; expected < k && missing.length < 1000; expected++) missing.push(expected);
      expected = Math.max(expected, k + 1);
    }
    if (allLinked) {
      // Every page links onwards: the page after the highest one is missing too.
      const next = Math.max(...numbers.map((x) => x.n?.next ?? 0));
      if (!selves.has(next)) missing.push(next);
    }
    for (const k of missing) {
      const at = linking.get(k) ?? last;
      report(at, `Page ${k} of ${set} is missing: ${linking.has(k) ? 'this page links to it with @odata.nextLink' : 'the pages before and after it are here'}, but no readable file holds it.`);
    }
    return;
  }
  if (allLinked) report(last, `The last page of ${set} is missing: every page of ${set} has an @odata.nextLink, but no readable file holds the page without one.`);
}

/**
 * Iterative deep equality of two JSON values (no recursion: a row may be nested arbitrarily deep).
 * Keys with `@` (annotations, `@odata.etag`) are ignored at the top level only, by the caller.
 */
function jsonEqual(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop() as [unknown, unknown];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) {
      if (typeof x === 'number' && typeof y === 'number' && Number.isNaN(x) && Number.isNaN(y)) continue;
      return false;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], y[i]]);
      continue;
    }
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.length !== ky.length) return false;
    for (const k of kx) {
      if (!has(y, k)) return false;
      stack.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]]);
    }
  }
  return true;
}

/** The attributes (not annotations) whose values differ between two rows. */
function differingAttributes(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !k.includes('@')));
  return [...keys].filter((k) => has(a, k) !== has(b, k) || !jsonEqual(a[k], b[k]));
}

function indexPage(page: Page, index: Map<string, ExportRow>, sink: DiagnosticSink): void {
  const pk = PRIMARY_KEYS[page.set];
  const noun = SET_NOUN[page.set];
  const missing = new Map<string, { pointer: string; guid: string; count: number }>();
  page.rows.forEach((row, i) => {
    const pointer = page.base === '' ? '' : `${page.base}/${i}`;
    if (!isRecord(row)) {
      sink.add({ path: page.file, pointer, severity: 'warning', id: 'import/invalid-value', message: `${noun} row ${i} is not a JSON object; it is ignored.` });
      return;
    }
    const id = own(row, pk);
    if (!isGuid(id)) {
      sink.add({
        path: page.file,
        pointer: id === undefined ? pointer : `${pointer}/${pk}`,
        severity: 'warning',
        id: 'import/invalid-value',
        message: `${noun} row ${i} has no valid ${pk} (${id === undefined ? 'absent' : describe(id)}); it is ignored.`,
      });
      return;
    }
    const guid = id.toLowerCase();
    for (const req of REQUIRED_ATTRIBUTES[page.set]) {
      const choice = typeof req === 'string' ? [req] : req;
      if (choice.some((a) => has(row, a))) continue;
      const name = choice.join("' or '");
      const m = missing.get(name);
      if (m) m.count++;
      else missing.set(name, { pointer, guid, count: 1 });
    }
    const seen = index.get(guid);
    if (!seen) {
      index.set(guid, { file: page.file, pointer, row });
      return;
    }
    const diff = differingAttributes(seen.row, row);
    if (diff.length === 0) {
      sink.add({
        path: page.file,
        pointer: `${pointer}/${pk}`,
        severity: 'warning',
        id: 'import/duplicate-record',
        message: `${noun} ${guid} is also in ${seen.file}:${seen.pointer}, with the same values; this copy is ignored.`,
        related: [{ path: seen.file, pointer: `${seen.pointer}/${pk}`, message: 'First occurrence' }],
      });
      return;
    }
    const shown = diff.slice(0, 5).map((k) => quote(k, 60));
    sink.add({
      path: page.file,
      pointer: `${pointer}/${pk}`,
      severity: 'error',
      id: 'import/duplicate-id',
      message: `${noun} ${guid} is also in ${seen.file}:${seen.pointer} with different values (${shown.join(', ')}${diff.length > 5 ? ', …' : ''}); export each record once.`,
      related: [{ path: seen.file, pointer: `${seen.pointer}/${pk}`, message: 'First occurrence' }],
    });
  });
  for (const [name, m] of missing) {
    sink.add({
      path: page.file,
      pointer: m.pointer,
      severity: 'error',
      id: 'import/missing-attribute',
      message: `${noun} ${m.guid} has no '${name}' (${m.count} ${m.count === 1 ? 'record' : 'records'} in this file); add ${name.split("' or '")[0]} to $select and export again.`,
    });
  }
}

/** A JSON value described for a message: its type, and a short quotation of a scalar. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `'${quote(v, 60)}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'a list' : 'an object';
}

