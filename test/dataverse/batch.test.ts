/**
 * The `$batch` files of `crmsync export`, read back with a MIME multipart parser (multipasta):
 * every part's method, URL, headers, JSON body, Content-ID and changeset match the JSON request
 * list; `--batch-size` splits a phase into further files without splitting a changeset.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as MP from 'multipasta';
import { runExportIn } from './export-helpers';
import { FIXTURES } from './import-helpers';

interface Request {
  readonly phase: number;
  readonly atomicGroup: number | null;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

interface ParsedPart {
  readonly changeset: string | null;
  readonly contentId?: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** Parses a multipart/mixed body, changesets recursively. */
function parseMultipart(bytes: Uint8Array, boundary: string, changeset: string | null): ParsedPart[] {
  const parts: ParsedPart[] = [];
  let failed: unknown;
  let finished = false;
  const parser = MP.make({
    headers: { 'content-type': `multipart/mixed; boundary=${boundary}` },
    isFile: () => false,
    onField: (info, value) => {
      if (info.contentType === 'multipart/mixed') {
        parts.push(...parseMultipart(value, info.contentTypeParameters.boundary, info.contentTypeParameters.boundary));
        return;
      }
      assert.equal(info.contentType, 'application/http');
      assert.equal(info.headers['content-transfer-encoding'], 'binary');
      const text = Buffer.from(value).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [requestLine, ...headerLines] = head.split('\r\n');
      const m = /^(POST|PATCH) (\S+) HTTP\/1\.1$/.exec(requestLine);
      assert.ok(m, requestLine);
      const headers: Record<string, string> = {};
      for (const l of headerLines) {
        const i = l.indexOf(': ');
        headers[l.slice(0, i)] = l.slice(i + 2);
      }
      const contentId = info.headers['content-id'];
      parts.push({ changeset, ...(typeof contentId === 'string' ? { contentId } : {}), method: m[1], url: m[2], headers, body: JSON.parse(rest.join('\r\n\r\n')) });
    },
    onFile: () => () => {},
    onError: (e) => (failed = e),
    onDone: () => (finished = true),
  });
  parser.write(bytes);
  parser.end();
  assert.equal(failed, undefined, JSON.stringify(failed));
  assert.ok(finished);
  return parts;
}

const EDITED = 'roundtrip/edited-plan.crmsync.yaml';

function exportBoth(extra: readonly string[]): { requests: Request[]; files: [string, string][] } {
  const json = runExportIn([EDITED, '--against', 'org/', '--format', 'json', ...extra]);
  assert.equal(json.code, 0, json.stderr);
  const batch = runExportIn([EDITED, '--against', 'org/', '-o', 'out/changes.batch', ...extra]);
  assert.equal(batch.code, 0, batch.stderr);
  return { requests: JSON.parse(json.stdout) as Request[], files: [...batch.written] };
}

function checkAgainstJson(requests: readonly Request[], files: readonly [string, string][], stderr?: string): void {
  const parsed: (ParsedPart & { file: number; phase: number })[] = [];
  files.forEach(([name, text], f) => {
    assert.ok(!text.replace(/\r\n/g, '').includes('\n'), `${name}: CRLF line ends only`);
    const boundary = `batch_crmsync_${f + 1}`;
    assert.ok(text.startsWith(`--${boundary}\r\n`), `${name} starts with its boundary, no preamble`);
    if (stderr !== undefined) assert.ok(stderr.includes(`boundary=${boundary}`));
    const phase = name.includes('.test') ? 2 : 1;
    for (const p of parseMultipart(Buffer.from(text), boundary, null)) parsed.push({ ...p, file: f, phase });
  });
  // Within a file changesets come first, so compare per phase as sets of parts in file order.
  const key = (r: { phase: number; method: string; url: string; body: unknown }) => `${r.phase} ${r.method} ${r.url} ${JSON.stringify(r.body)}`;
  assert.deepEqual(parsed.map(key).sort(), requests.map(key).sort());
  for (const p of parsed) {
    const r = requests.find((q) => key(q) === key(p))!;
    assert.deepEqual(p.headers, r.headers);
    assert.equal(p.changeset, r.atomicGroup === null ? null : `changeset_crmsync_${r.atomicGroup}`);
    assert.equal(p.contentId !== undefined, r.atomicGroup !== null, 'Content-ID exactly inside changesets');
  }
  // Content-IDs are 1-based and unique within a file; a changeset is in one file, in request order.
  for (let f = 0; f < files.length; f++) {
    const ids = parsed.filter((p) => p.file === f && p.contentId !== undefined).map((p) => Number(p.contentId));
    assert.deepEqual(ids, ids.map((_, i) => i + 1));
  }
  for (const g of new Set(requests.map((r) => r.atomicGroup).filter((x) => x !== null))) {
    const inFiles = new Set(parsed.filter((p) => p.changeset === `changeset_crmsync_${g}`).map((p) => p.file));
    assert.equal(inFiles.size, 1, `changeset ${g} is not split`);
    const order = parsed.filter((p) => p.changeset === `changeset_crmsync_${g}`).map(key);
    assert.deepEqual(order, requests.filter((r) => r.atomicGroup === g).map(key));
  }
}

test('the $batch files parse back into the JSON request list (method, URL, headers, body, Content-ID, changesets)', () => {
  const { requests, files } = exportBoth([]);
  assert.deepEqual(
    files.map(([n]) => path.relative(FIXTURES, n)),
    ['out/changes.batch', 'out/changes.test.batch'],
  );
  checkAgainstJson(requests, files);
});

test('--batch-size splits a phase into numbered files, never a changeset, and the files still parse', () => {
  const { requests, files } = exportBoth(['--batch-size', '2']);
  // Group 1 (3 requests) stays whole in the first file, the 4 single requests go 2 by 2.
  assert.deepEqual(
    files.map(([n]) => path.relative(FIXTURES, n)),
    ['out/changes.batch', 'out/changes-2.batch', 'out/changes-3.batch', 'out/changes.test.batch'],
  );
  checkAgainstJson(requests, files);
  const batch = runExportIn([EDITED, '--against', 'org/', '-o', 'out/changes.batch', '--batch-size', '2']);
  for (let f = 1; f <= 4; f++) assert.match(batch.stderr, new RegExp(`boundary=batch_crmsync_${f} `));
});

test('--if-match etag uses the etags of the export for the phase-1 PATCHes of the records it has', () => {
  const { requests, files } = exportBoth(['--if-match', 'etag']);
  checkAgainstJson(requests, files);
  // Phase 2 follows phase 1's changes, which give the record a new etag: it keeps If-Match: *.
  const patches = requests.filter((r) => r.method === 'PATCH' && r.phase === 1 && !r.url.includes('/systemusers('));
  assert.ok(requests.filter((r) => r.phase === 2).every((r) => r.headers['If-Match'] === '*'));
  assert.ok(patches.length > 0);
  assert.ok(patches.every((r) => r.headers['If-Match'] !== '*' && /^W\/"/.test(r.headers['If-Match'])), JSON.stringify(patches.map((r) => r.headers)));
});
