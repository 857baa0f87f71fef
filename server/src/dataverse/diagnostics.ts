/**
 * Diagnostics of `crmsync import` (and of the export files that `export --against` and `diff`
 * import): where each one is (a file and a JSON pointer into it, or line:column for a file that
 * is not JSON), their order, and the text and JSON formats of the command line. Pure.
 */

export type ImportSeverity = 'error' | 'warning' | 'info';

export interface ImportRelated {
  readonly path: string;
  readonly pointer: string;
  readonly message: string;
}

export interface ImportDiagnostic {
  /** The file as it was named to the importer (the CLI passes the path it shows). */
  readonly path: string;
  /** RFC 6901 pointer into the file: `""` for the whole file. Empty for `import/not-json`, which has line and column. */
  readonly pointer: string;
  /** 1-based, only for `import/not-json`. */
  readonly line?: number;
  readonly column?: number;
  readonly severity: ImportSeverity;
  readonly id: string;
  readonly message: string;
  readonly related?: readonly ImportRelated[];
}

/** Every id import reports, with its severity and what it means (docs/rules.md lists them). */
export const IMPORT_DIAGNOSTICS: readonly { readonly id: string; readonly severity: ImportSeverity; readonly summary: string }[] = [
  { id: 'import/not-json', severity: 'error', summary: 'A file is not UTF-8 JSON (a download that stopped half-way, an HTML error page).' },
  { id: 'import/not-webapi', severity: 'error', summary: 'A file is JSON but not a Web API response import reads; a saved error body is named with its code and message.' },
  { id: 'import/wrong-entity', severity: 'error', summary: 'A collection of a table import does not read (contacts, accounts, …).' },
  { id: 'import/mixed-organizations', severity: 'error', summary: 'The files come from two organisations: another host in @odata.context, or another organization id.' },
  { id: 'import/organization-missing', severity: 'error', summary: 'No file holds the organizations row.' },
  { id: 'import/multiple-organizations', severity: 'error', summary: 'More than one organizations row.' },
  { id: 'import/page-missing', severity: 'error', summary: 'A page of a paged export is missing: a page links to it with @odata.nextLink, but no file holds it.' },
  { id: 'import/missing-attribute', severity: 'error', summary: 'A required attribute was left out of $select (reported once per file and attribute).' },
  { id: 'import/duplicate-id', severity: 'error', summary: 'A record appears twice with different values.' },
  { id: 'import/duplicate-record', severity: 'warning', summary: 'An identical copy of a record; it is ignored.' },
  { id: 'import/table-not-exported', severity: 'warning', summary: 'No emailserverprofiles or no mailboxes file was given.' },
  { id: 'import/unknown-option', severity: 'warning', summary: 'An option code with no plan token; the key is written as a placeholder with a TODO.' },
  { id: 'import/lookup-not-in-export', severity: 'warning', summary: 'A lookup names a record that is not in the export; the key is written as a placeholder with a TODO.' },
  { id: 'import/invalid-value', severity: 'warning', summary: 'A value of the wrong JSON type, a malformed GUID, or a mailbox with neither a regarding record nor the forward flag.' },
  { id: 'import/defaults-unreadable', severity: 'warning', summary: 'The organization’s defaultemailsettings holds none of the three default methods.' },
  { id: 'import/value-rounded', severity: 'warning', summary: 'maxuploadfilesize is not a whole number of KB; the plan holds it rounded down.' },
  { id: 'import/server-type-inferred', severity: 'warning', summary: 'A profile’s type was inferred as Exchange Online (servertype 0 with server-to-server authentication, no emailservertypename).' },
  { id: 'import/attribute-not-exported', severity: 'info', summary: 'An optional attribute was left out of $select (or an owner name has no annotation); its key is left unwritten.' },
  { id: 'import/name-not-unique', severity: 'info', summary: 'Several records share a name; the later ones get the id <slug>-<n>.' },
];

/** Document position of a pointer's target: the index of each step among its parent's keys. */
export type PositionKey = readonly number[];

function comparePositions(a: PositionKey, b: PositionKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts by path (ordinal), then by position in the file; stable for equal positions. */
function sortDiagnostics<T extends { readonly d: ImportDiagnostic; readonly position: PositionKey }>(items: readonly T[]): ImportDiagnostic[] {
  return items
    .map((x, i) => ({ x, i }))
    .sort((p, q) => ordinal(p.x.d.path, q.x.d.path) || comparePositions(p.x.d.line !== undefined ? [] : p.x.position, q.x.d.line !== undefined ? [] : q.x.position) || p.i - q.i)
    .map((p) => p.x.d);
}

/** One line per diagnostic: `<path>:<pointer or line:column> <severity> <id> <message>`. */
export function formatImportText(diagnostics: readonly ImportDiagnostic[]): string {
  let out = '';
  for (const d of diagnostics) {
    const at = d.line !== undefined ? `${d.line}:${d.column ?? 1}` : d.pointer;
    out += `${d.path}:${at} ${d.severity} ${d.id} ${oneLine(d.message)}\n`;
  }
  return out;
}

/** `{"version":1,"diagnostics":[…]}`, 2-space indented; line and column only for import/not-json. */
export function formatImportJson(diagnostics: readonly ImportDiagnostic[]): string {
  const items = diagnostics.map((d) => ({
    path: d.path,
    pointer: d.pointer,
    ...(d.line !== undefined ? { line: d.line, column: d.column ?? 1 } : {}),
    severity: d.severity,
    id: d.id,
    message: d.message,
    related: (d.related ?? []).map((r) => ({ path: r.path, pointer: r.pointer, message: r.message })),
  }));
  return `${JSON.stringify({ version: 1, diagnostics: items }, null, 2)}\n`;
}

/** Messages quote values from the export: keep each diagnostic on one line. */
function oneLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** Escapes one reference token of a JSON pointer (RFC 6901). */
export function pointerToken(token: string | number): string {
  return typeof token === 'number' ? String(token) : token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The document position of `pointer` in `root`: indexes of keys in insertion (= text) order. */
function positionOf(root: unknown, pointer: string): PositionKey {
  if (pointer === '') return [];
  const out: number[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = unescapeToken(raw);
    if (Array.isArray(node)) {
      const i = /^\d+$/.test(token) ? Number(token) : node.length;
      out.push(i);
      node = node[i];
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      const i = keys.indexOf(token);
      out.push(i < 0 ? keys.length : i);
      node = i < 0 ? undefined : (node as Record<string, unknown>)[token];
    } else {
      out.push(0);
      node = undefined;
    }
  }
  return out;
}

/** Collects diagnostics; sorts them by path, then by their place in the file. */
export class DiagnosticSink {
  private readonly items: { d: ImportDiagnostic; position?: PositionKey }[] = [];
  private readonly roots = new Map<string, unknown>();
  private errorCount = 0;

  /** The parsed content of a file, for ordering its diagnostics by position. */
  setRoot(path: string, root: unknown): void {
    if (!this.roots.has(path)) this.roots.set(path, root);
  }

  add(d: ImportDiagnostic): void {
    this.items.push({ d });
    if (d.severity === 'error') this.errorCount++;
  }

  get errors(): number {
    return this.errorCount;
  }

  sorted(): ImportDiagnostic[] {
    return sortDiagnostics(this.items.map((x) => ({ d: x.d, position: x.d.line !== undefined ? [] : positionOf(this.roots.get(x.d.path), x.d.pointer) })));
  }
}
