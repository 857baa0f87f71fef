/**
 * Code lenses and inlay hints (ide/lenses.ts) over LSP, from the cached analysis: a lens on each
 * server profile and mail system whose command, `crmsync.showReferences`, carries
 * `[uri, position]`; on a click the client asks `crmsync/lensReferences` for the places that
 * use the record and opens the references peek (client/src/references.ts). A default profile of
 * 10,000 mailboxes has 10,000 places: they travel once, when asked for, not with every lens
 * answer after every edit. A hint on each mailbox record of the requested range that inherits
 * values. Each is switched by its setting (`crmsync.codeLens.enabled`,
 * `crmsync.inlayHints.inheritedValues`); after the settings change, clients that can are asked to
 * request both again (`workspace/codeLens/refresh`, `workspace/inlayHint/refresh`).
 */
import { CodeLensRefreshRequest, type ClientCapabilities, type CodeLens, type Connection, type InlayHint, type Location, type ServerCapabilities } from 'vscode-languageserver';
import type { Analysis } from '../analysis';
import { codeLenses, inheritedValueHints } from '../ide';
import { spanToRange } from './convert';
import type { Settings } from './settings';

/** The client command of a lens (client/src/references.ts). */
const SHOW_REFERENCES_COMMAND = 'crmsync.showReferences';
/** `{ textDocument: { uri }, position }` (a lens's start) → `Location[]`: the places that use its record. */
const LENS_REFERENCES_REQUEST = 'crmsync/lensReferences';

interface LensReferencesParams {
  readonly textDocument?: { readonly uri?: unknown };
  readonly position?: { readonly line?: unknown; readonly character?: unknown };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The lenses of an analysis (immutable): the lens request and the clicks that follow it share one computation. */
const lensesByAnalysis = new WeakMap<Analysis, ReturnType<typeof codeLenses>>();
function lensesOf(a: Analysis): ReturnType<typeof codeLenses> {
  let l = lensesByAnalysis.get(a);
  if (!l) lensesByAnalysis.set(a, (l = codeLenses(a)));
  return l;
}

export const LENS_CAPABILITIES: Pick<ServerCapabilities, 'codeLensProvider' | 'inlayHintProvider'> = {
  codeLensProvider: { resolveProvider: false },
  inlayHintProvider: { resolveProvider: false },
};

/** What the lenses need of the server: its answer helper (cached analysis, errors logged) and the document's settings. */
export interface LensHost {
  answer<T>(name: string, uri: string, empty: T, f: (a: Analysis) => T): Promise<T>;
  settings(uri: string): Promise<Settings>;
}

export interface Lenses {
  /** Reads which refresh requests the client supports (from `initialize`). */
  initialize(capabilities: ClientCapabilities): void;
  /** Asks the client to request lenses and hints again (settings or configuration files changed). */
  refresh(): void;
}

export function registerLenses(connection: Connection, host: LensHost): Lenses {
  let refreshLenses = false;
  let refreshHints = false;

  connection.onCodeLens(async (p) => {
    const uri = p.textDocument.uri;
    if (!(await host.settings(uri)).codeLens.enabled) return [];
    return host.answer('codeLens', uri, [], (a): CodeLens[] =>
      lensesOf(a).map((lens) => {
        const range = spanToRange(a.lines, lens.span);
        return { range, command: { title: lens.title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, range.start] } };
      }),
    );
  });

  connection.onRequest(LENS_REFERENCES_REQUEST, async (p: LensReferencesParams | undefined): Promise<Location[]> => {
    const uri = p?.textDocument?.uri;
    const line = p?.position?.line;
    const character = p?.position?.character;
    if (typeof uri !== 'string' || !isCount(line) || !isCount(character)) return [];
    return host.answer('lensReferences', uri, [], (a) => {
      const offset = a.lines.offset(line, character);
      const lens = lensesOf(a).find((l) => l.span.start === offset);
      return lens ? lens.references.map((span) => ({ uri, range: spanToRange(a.lines, span) })) : [];
    });
  });

  connection.languages.inlayHint.on(async (p) => {
    const uri = p.textDocument.uri;
    if (!(await host.settings(uri)).inlayHints.inheritedValues) return [];
    return host.answer('inlayHint', uri, [], (a): InlayHint[] => {
      const range = { start: a.lines.offset(p.range.start.line, p.range.start.character), end: a.lines.offset(p.range.end.line, p.range.end.character) };
      return inheritedValueHints(a, range).map((h) => ({ position: a.lines.position(h.offset), label: h.label, tooltip: h.tooltip, paddingLeft: true }));
    });
  });

  return {
    initialize(capabilities) {
      refreshLenses = capabilities.workspace?.codeLens?.refreshSupport === true;
      refreshHints = capabilities.workspace?.inlayHint?.refreshSupport === true;
    },
    refresh() {
      // Requests the client answers: one that fails (or a client that forgot) must not fail the server.
      if (refreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      if (refreshHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
    },
  };
}
