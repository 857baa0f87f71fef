/**
 * The two output forms of `crmsync export`: the JSON list of requests, and the Web API
 * `$batch` bodies (multipart/mixed, RFC 2046, CRLF line ends, no preamble): atomic groups as
 * changesets with a `Content-ID` per part, single requests after them, one file per phase and
 * per `--batch-size` requests. Pure: text in, text out.
 */

/** One Web API request that export writes, in the JSON form. */
export interface WebApiRequest {
  /** 1: settings and approvals; 2: Test & Enable scheduling. */
  readonly phase: 1 | 2;
  /** The changeset this request belongs to; null outside changesets. */
  readonly atomicGroup: number | null;
  readonly method: 'POST' | 'PATCH';
  /** `/api/data/<version>/<set>(<guid>)`, or `/api/data/<version>/<set>` for a POST. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
  /** JSON pointers to the plan keys that caused the request (inherited ones included). */
  readonly plan: readonly string[];
}

/** `--format json`: the requests as a 2-space indented JSON array (`[]` when there is none). */
export function requestsJson(requests: readonly WebApiRequest[]): string {
  return `${JSON.stringify(requests, null, 2)}\n`;
}

/** One `$batch` body to post, with the file name it is written to. */
export interface BatchFile {
  readonly name: string;
  /** `batch_crmsync_<f>`: the boundary of the `Content-Type: multipart/mixed` header to send. */
  readonly boundary: string;
  readonly phase: 1 | 2;
  readonly requests: number;
  readonly text: string;
}

const CRLF = '\r\n';

/** The name of the n-th file (1-based) of a phase: `changes.batch`, `changes-2.batch`, `changes.test.batch`, `changes.test-2.batch`. */
function fileName(output: string, phase: 1 | 2, n: number): string {
  const dot = output.toLowerCase().endsWith('.batch') ? output.length - '.batch'.length : output.length;
  const stem = output.slice(0, dot) + (phase === 2 ? '.test' : '');
  return `${stem}${n > 1 ? `-${n}` : ''}${output.slice(dot)}`;
}

/** One `application/http` part: part headers, the request line, request headers and the JSON body. */
function part(r: WebApiRequest, contentId: number | undefined): string {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (contentId !== undefined) lines.push(`Content-ID: ${contentId}`);
  lines.push('', `${r.method} ${r.url} HTTP/1.1`);
  for (const [name, value] of Object.entries(r.headers)) lines.push(`${name}: ${value}`);
  lines.push('', JSON.stringify(r.body, null, 2).replace(/\n/g, CRLF));
  return lines.join(CRLF) + CRLF;
}

/** A changeset (an atomic group) or a single request: what a file cannot split. */
interface Unit {
  readonly group: number | null;
  readonly requests: WebApiRequest[];
}

function unitsOf(requests: readonly WebApiRequest[]): Unit[] {
  const units: Unit[] = [];
  const byGroup = new Map<number, Unit>();
  for (const r of requests) {
    if (r.atomicGroup === null) {
      units.push({ group: null, requests: [r] });
      continue;
    }
    let u = byGroup.get(r.atomicGroup);
    if (!u) {
      u = { group: r.atomicGroup, requests: [] };
      byGroup.set(r.atomicGroup, u);
      units.push(u);
    }
    u.requests.push(r);
  }
  return units;
}

/** The text of one `$batch` body: its changesets first, then its single requests. */
function batchText(boundary: string, units: readonly Unit[]): string {
  let out = '';
  let contentId = 0;
  const ordered = [...units.filter((u) => u.group !== null), ...units.filter((u) => u.group === null)];
  for (const u of ordered) {
    out += `--${boundary}${CRLF}`;
    if (u.group === null) {
      out += part(u.requests[0], undefined);
      continue;
    }
    const changeset = `changeset_crmsync_${u.group}`;
    out += `Content-Type: multipart/mixed; boundary=${changeset}${CRLF}${CRLF}`;
    // Content-IDs are unique within the whole batch, which satisfies both readings of OData's rule.
    for (const r of u.requests) out += `--${changeset}${CRLF}${part(r, ++contentId)}`;
    out += `--${changeset}--${CRLF}${CRLF}`;
  }
  return `${out}--${boundary}--${CRLF}`;
}

/**
 * `--format webapi-batch`: the `$batch` files of the requests. Phase 1 goes to `output`, phase 2
 * to `<stem>.test.batch`; a phase of more than `batchSize` requests continues in `<stem>-2.batch`
 * and so on. A changeset is never split (so group 1 is always in the first file). Files are
 * numbered across the export, phase 1 first (`batch_crmsync_<f>`). No request, no file.
 */
export function batchFiles(requests: readonly WebApiRequest[], output: string, batchSize: number): BatchFile[] {
  const files: BatchFile[] = [];
  for (const phase of [1, 2] as const) {
    const units = unitsOf(requests.filter((r) => r.phase === phase));
    let current: Unit[] = [];
    let count = 0;
    let n = 0;
    const flush = () => {
      if (current.length === 0) return;
      const boundary = `batch_crmsync_${files.length + 1}`;
      files.push({ name: fileName(output, phase, ++n), boundary, phase, requests: count, text: batchText(boundary, current) });
      current = [];
      count = 0;
    };
    for (const u of units) {
      if (count > 0 && count + u.requests.length > batchSize) flush();
      current.push(u);
      count += u.requests.length;
    }
    flush();
  }
  return files;
}
