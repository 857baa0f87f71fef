/**
 * Repairs the framing of the LSP byte stream before vscode-jsonrpc reads it. vscode-jsonrpc's
 * stream reader trusts each `Content-Length`: after one frame whose length is wrong, missing or
 * unreadable it never finds a message boundary again, and every later message is lost. This
 * stream passes well-formed frames through unchanged and, after a broken one, drops bytes up to
 * the next `Content-Length` header, so that the server answers again.
 *
 * Checks are cheap on good traffic: a body is parsed here only when it does not end like a
 * JSON-RPC message (`}` or `]`), which is how a frame whose length is too long or too short shows.
 */
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
/** Header names are case-insensitive; clients write `Content-Length`. */
const LENGTH_NAMES = [Buffer.from('Content-Length:', 'latin1'), Buffer.from('content-length:', 'latin1')];
/** A header block longer than this is junk. */
const MAX_HEADER_BYTES = 8 * 1024;

export interface FramingEvents {
  /** Called with a short description whenever bytes are dropped. */
  readonly onDrop?: (reason: string, bytes: number) => void;
}

export class FrameRepair extends Transform {
  /** Received bytes not yet passed on, in arrival order (joined only when a frame is complete). */
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly events: FramingEvents = {}) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    try {
      this.drain();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.size) this.events.onDrop?.('incomplete frame at end of input', this.size);
    this.chunks = [];
    this.size = 0;
    done();
  }

  /** The first `n` buffered bytes as one buffer (joining only as many chunks as needed). */
  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    const joined = Buffer.concat(this.chunks, this.size);
    this.chunks = [joined];
    return joined.subarray(0, n);
  }

  private takeBytes(n: number): Buffer {
    const all = this.peek(this.size);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.size = rest.length;
    return head;
  }

  private dropBytes(n: number, reason: string): void {
    this.takeBytes(n);
    this.events.onDrop?.(reason, n);
  }

  /** Where the next `Content-Length` header starts at or after `from`, or -1. */
  private nextHeader(bytes: Buffer, from: number): number {
    let best = -1;
    for (const name of LENGTH_NAMES) {
      const i = bytes.indexOf(name, from);
      if (i >= 0 && (best < 0 || i < best)) best = i;
    }
    return best;
  }

  /** Resynchronises after junk at the start of the buffer: keeps from the next header on, if any. */
  private skipJunk(from: number, reason: string): void {
    const all = this.peek(this.size);
    const next = this.nextHeader(all, from);
    // Keep a possible partial header name at the end (it may complete with the next chunk).
    this.dropBytes(next >= 0 ? next : Math.max(from, this.size - LENGTH_NAMES[0].length), reason);
  }

  private drain(): void {
    for (;;) {
      if (this.size === 0) return;
      const window = this.peek(Math.min(this.size, MAX_HEADER_BYTES + HEADER_END.length));
      const end = window.indexOf(HEADER_END);
      if (end < 0) {
        // Wait for the rest of the header; junk before a header shows once that header ends.
        if (this.size > MAX_HEADER_BYTES) this.skipJunk(1, 'no header end');
        return;
      }
      const length = contentLength(window.subarray(0, end).toString('latin1'));
      if (length === undefined) {
        this.skipJunk(1, 'unreadable header');
        continue;
      }
      const total = end + HEADER_END.length + length;
      if (this.size < total) return;
      const frame = this.peek(total);
      const body = frame.subarray(end + HEADER_END.length);
      if (!looksComplete(body)) {
        // A wrong length: a header inside the body means it was too long (the next message
        // starts there); otherwise the body was cut short or is junk.
        const inside = this.nextHeader(frame, end + HEADER_END.length);
        if (inside >= 0) this.dropBytes(inside, 'frame longer than its message');
        else this.skipJunk(end + HEADER_END.length, 'frame with a broken body');
        continue;
      }
      this.push(this.takeBytes(total));
    }
  }
}

/** The Content-Length of a header block, or undefined when a line or the length is unreadable. */
function contentLength(header: string): number | undefined {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const m = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/.exec(line);
    if (!m) return undefined;
    if (m[1].toLowerCase() === 'content-length') {
      if (!/^\d{1,12}$/.test(m[2].trim())) return undefined;
      length = Number(m[2].trim());
    }
  }
  return length;
}

/**
 * Whether a body can be a whole JSON-RPC message: it ends with `}` or `]` (cheap), or else it
 * parses as JSON (a message ending otherwise is still passed on when it is valid JSON).
 */
function looksComplete(body: Buffer): boolean {
  let i = body.length - 1;
  while (i >= 0 && (body[i] === 0x20 || body[i] === 0x0a || body[i] === 0x0d || body[i] === 0x09)) i--;
  if (i >= 0 && (body[i] === 0x7d /* } */ || body[i] === 0x5d) /* ] */) return true;
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
