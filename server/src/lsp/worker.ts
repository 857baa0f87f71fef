/**
 * Entry point of the language server in a Web Worker (`dist/web/server.js`, for vscode.dev and
 * github.dev): the same server as `main.ts`, over `postMessage` instead of stdio or IPC. Its
 * bundle holds no Node built-in and no dynamic code (test/robustness/web-bundle.test.ts).
 */
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './server';

/** The worker's global scope: what BrowserMessageReader and Writer listen and post on. */
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];

startServer(createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope)));
