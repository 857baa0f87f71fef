/**
 * How the CLI names files: relative to the current directory when the file lies inside it, else
 * absolute; forward slashes in JSON, SARIF and diff headers; percent-encoded URIs for SARIF.
 */
import * as path from 'node:path';

/** The path with forward slashes (only Windows separators are converted; `\` is a file name character elsewhere). */
export function toSlashes(p: string, sep: string = path.sep): string {
  return sep === '\\' ? p.split('\\').join('/') : p;
}

/** `file` relative to `root` when it lies inside it (never `..`, never another drive), else undefined. */
export function relativeInside(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  if (rel === '' || path.isAbsolute(rel) || rel === '..' || rel.startsWith(`..${path.sep}`)) return undefined;
  return rel;
}

/** How a file is shown: relative to `cwd` when inside it (normalized), else its absolute path. */
export function displayPath(cwd: string, file: string): string {
  const abs = path.resolve(cwd, file);
  return relativeInside(cwd, abs) ?? abs;
}

/** Percent-encodes one path segment: everything but RFC 3986 unreserved characters and a few safe sub-delimiters. */
function encodeSegment(s: string): string {
  // A lone surrogate (possible in Windows file names) cannot be UTF-8 encoded: U+FFFD instead.
  const wellFormed = s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return encodeURIComponent(wellFormed).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A relative path (native separators) as a relative URI reference: `plans/a%20b.crmsync.yaml`. */
export function relativeUri(rel: string, sep: string = path.sep): string {
  return toSlashes(rel, sep).split('/').map(encodeSegment).join('/');
}

/**
 * An absolute path as a `file://` URI, percent-encoded: `/a b/x` → `file:///a%20b/x`,
 * `C:\a\x` → `file:///C:/a/x`, `\\server\share\x` → `file://server/share/x`. With
 * `directory`, the URI ends with a slash (as SARIF requires of a base URI).
 */
export function fileUri(abs: string, directory = false, sep: string = path.sep): string {
  let p = toSlashes(abs, sep);
  let authority = '';
  if (p.startsWith('//')) {
    const end = p.indexOf('/', 2);
    authority = end < 0 ? p.slice(2) : p.slice(2, end);
    p = end < 0 ? '/' : p.slice(end);
  }
  const drive = /^([A-Za-z]:)(\/|$)/.exec(p);
  let uri: string;
  if (drive) uri = `/${drive[1]}/${p.slice(drive[0].length).split('/').map(encodeSegment).join('/')}`;
  else uri = p.split('/').map(encodeSegment).join('/');
  if (directory && !uri.endsWith('/')) uri += '/';
  return `file://${encodeURIComponent(authority)}${uri}`;
}
