/**
 * A minimal LSP client for tests: over two PassThrough streams to an in-process server, or over
 * a spawned server's stdio. Waits for diagnostics by polling the notifications it received.
 */
import { PassThrough, type Readable, type Writable } from 'node:stream';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createConnection,
  createProtocolConnection,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from '../../server/src/lsp/server';

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly logs: string[] = [];

  /**
   * `inProcess`: the server shares this process, so no processId is announced (its watchdog
   * would keep the process alive) and no `exit` is sent (the library exits the process on it).
   */
  constructor(
    readonly connection: ProtocolConnection,
    private readonly inProcessServer = false,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (!this.diagnostics.has(p.uri)) this.diagnostics.set(p.uri, []);
      this.diagnostics.get(p.uri)!.push(p);
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.listen();
  }

  settings: unknown = {};

  async initialize(initializationOptions: unknown = { debounceMs: 0 }, capabilities: object = {}): Promise<{ capabilities: Record<string, unknown> }> {
    const processId = this.inProcessServer ? null : process.pid;
    const result = await this.connection.sendRequest('initialize', { processId, rootUri: null, capabilities, initializationOptions });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'crmsync', version, text } });
  }

  change(uri: string, version: number, changes: object[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  request<T>(method: string, params: object): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Waits until a publishDiagnostics for `uri` satisfies `pred` (polls; times out after `ms`). */
  async waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, ms = 10000): Promise<Diagnostic[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const list = this.diagnostics.get(uri) ?? [];
      const hit = [...list].reverse().find(pred);
      if (hit) return hit.diagnostics;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri} within ${ms} ms; got ${JSON.stringify(list.map((p) => p.diagnostics.length))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async shutdown(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    if (!this.inProcessServer) await this.connection.sendNotification('exit');
    this.connection.dispose();
  }
}

/** A server running in this process, connected to a TestClient through PassThrough streams. */
export function inProcess(options: ServerOptions = {}): TestClient {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConnection, options);
  return new TestClient(createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)), true);
}

/** A TestClient over a child process's stdio. */
export function overStreams(stdout: Readable, stdin: Writable): TestClient {
  return new TestClient(createProtocolConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin)));
}
