/**
 * `crmsync/planOverview` with `render: 'svg'`: the diagram the VS Code webview shows comes with
 * the model, drawn by the server (the client draws nothing). One focusable node per model node,
 * colours only by class (no stylesheet, no inline style: the webview's CSP allows neither),
 * well-formed XML; a stale answer draws the last good picture; without `render` no SVG is sent.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { repoPath } from '../harness/paths';
import { inProcess } from '../harness/lsp-client';

interface Answer {
  readonly version: number;
  readonly stale: boolean;
  readonly overview: { readonly nodes: readonly { readonly id: string; readonly kind: string }[] };
  readonly svg?: string;
}

const EXAMPLES = repoPath('examples');
const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.crmsync.yaml')).sort();

/** The `data-node-id`s of the SVG's node groups, in document order. */
function nodeIdsOf(svg: string): string[] {
  const ids: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o[':@'] && typeof o[':@'] === 'object') {
        const a = o[':@'] as Record<string, string>;
        if (a['@_data-node-id'] !== undefined) {
          assert.match(a['@_class'], /\bnode\b/, `${a['@_data-node-id']} is a node`);
          assert.equal(a['@_tabindex'], '0', `${a['@_data-node-id']} is focusable`);
          assert.equal(a['@_role'], 'button');
          assert.ok(a['@_aria-label'], `${a['@_data-node-id']} has an accessible label`);
          ids.push(a['@_data-node-id']);
        }
      }
      for (const [k, c] of Object.entries(o)) if (k !== ':@') walk(c);
    }
  };
  walk(new XMLParser({ ignoreAttributes: false, preserveOrder: true }).parse(svg));
  return ids;
}

test('render: svg adds the webview diagram for every example: one focusable node per model node, no style, no script', async () => {
  const client = inProcess();
  await client.initialize({ debounceMs: 0 });
  for (const [i, name] of examples.entries()) {
    const uri = `file:///tmp/examples/${name}`;
    await client.open(uri, fs.readFileSync(`${EXAMPLES}/${name}`, 'utf8'));
    const a = await client.request<Answer | null>('crmsync/planOverview', { textDocument: { uri }, render: 'svg' });
    assert.ok(a && a.svg, `${name}: an answer with an SVG`);
    assert.equal(XMLValidator.validate(a.svg), true, `${name}: well-formed XML`);
    assert.match(a.svg, /^<svg [^>]*class="crmsync-overview theme-vscode"/, `${name}: the vscode theme`);
    assert.doesNotMatch(a.svg, /<style|style=|<script|on\w+=|href="(?!#)|url\((?!#)/i, `${name}: nothing the webview's CSP would block or load`);
    assert.deepEqual(nodeIdsOf(a.svg).sort(), a.overview.nodes.map((n) => n.id).sort(), `${name}: one node per model node`);
    if (i === 0) {
      const plain = await client.request<Answer | null>('crmsync/planOverview', { textDocument: { uri } });
      assert.ok(plain && plain.svg === undefined, 'no SVG unless asked for');
      const other = await client.request<Answer | null>('crmsync/planOverview', { textDocument: { uri }, render: 'png' });
      assert.ok(other && other.svg === undefined, 'only svg is drawn');
    }
  }
  await client.shutdown();
});

test('a stale answer draws the last good picture', async () => {
  const client = inProcess();
  await client.initialize({ debounceMs: 0 });
  const name = 'online-exchange-online.crmsync.yaml';
  const uri = `file:///tmp/${name}`;
  const text = fs.readFileSync(`${EXAMPLES}/${name}`, 'utf8');
  await client.open(uri, text);
  const good = await client.request<Answer | null>('crmsync/planOverview', { textDocument: { uri }, render: 'svg' });
  await client.change(uri, 2, [{ text: `${text}\nmailboxes: [\n` }]);
  const stale = await client.request<Answer | null>('crmsync/planOverview', { textDocument: { uri }, render: 'svg' });
  assert.ok(good && stale && stale.stale, 'stale while the YAML is broken');
  assert.equal(stale.svg, good.svg);
  await client.shutdown();
});
