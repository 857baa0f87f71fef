/**
 * The built language server (bin/crmsync-language-server.js --stdio) spawned as a child process,
 * with raw access to its stdin (to send malformed frames) and the messages it writes parsed from
 * its stdout. `client()` wraps the same process in the ordinary TestClient.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { overStreams, type TestClient } from '../harness/lsp-client';
import { repoPath } from '../harness/paths';

export interface RpcMessage {
  readonly id?: number | string | null;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { code: number; message: string };
}

export class RawServer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly messages: RpcMessage[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private pending = Buffer.alloc(0);

  /** `nodeArgs` go to node before the script (e.g. `--require` a preload). */
  constructor(parseStdout = true, nodeArgs: readonly string[] = []) {
    this.child = spawn(process.execPath, [...nodeArgs, repoPath('bin', 'crmsync-language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    if (parseStdout) this.child.stdout.on('data', (d: Buffer) => this.onData(d));
  }

  /** A TestClient over this process (only when constructed with parseStdout = false). */
  client(): TestClient {
    return overStreams(this.child.stdout, this.child.stdin);
  }

  private onData(d: Buffer): void {
    this.pending = Buffer.concat([this.pending, d]);
    for (;;) {
      const sep = this.pending.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const m = /Content-Length: *(\d+)/i.exec(this.pending.subarray(0, sep).toString('ascii'));
      if (!m) throw new Error(`server wrote a frame without Content-Length: ${this.pending.subarray(0, sep).toString()}`);
      const length = Number(m[1]);
      if (this.pending.length < sep + 4 + length) return;
      this.messages.push(JSON.parse(this.pending.subarray(sep + 4, sep + 4 + length).toString('utf8')) as RpcMessage);
      this.pending = this.pending.subarray(sep + 4 + length);
    }
  }

  /** Writes bytes as they are: no framing. */
  write(raw: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.child.stdin.write(raw, (err) => (err ? reject(err) : resolve())));
  }

  /** Sends one well-formed message. */
  send(message: object): Promise<void> {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    return this.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** The response to request `id`, or undefined when none came within `ms`. */
  async response(id: number | string, ms = 5000): Promise<RpcMessage | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.messages.find((m) => m.id === id && m.method === undefined);
      if (hit) return hit;
      if (Date.now() > deadline) return undefined;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async request(id: number, method: string, params: object, ms = 5000): Promise<RpcMessage | undefined> {
    await this.send({ id, method, params });
    return this.response(id, ms);
  }

  async initialize(initializationOptions: object = { debounceMs: 0 }): Promise<void> {
    const r = await this.request(0, 'initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions });
    if (!r || !r.result) throw new Error(`initialize failed: ${JSON.stringify(r)} ${this.stderr}`);
    await this.send({ method: 'initialized', params: {} });
  }

  /** Ends the process: shutdown + exit when it still answers, then a kill as a last resort. */
  async stop(): Promise<number | null> {
    try {
      await this.send({ id: 'shutdown', method: 'shutdown' });
      await this.send({ method: 'exit' });
    } catch {
      // The process may be gone already.
    }
    const timer = setTimeout(() => this.child.kill(), 3000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
