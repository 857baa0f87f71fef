/**
 * FrameRepair (server/src/lsp/framing.ts): well-formed LSP frames pass through unchanged however
 * the bytes are split; after a frame whose Content-Length is wrong, unreadable or missing, the
 * next well-formed frame still comes out.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { FrameRepair } from '../../server/src/lsp/framing';

const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;
const message = (id: number, extra = '') => JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { note: `é ✓ ${extra}` } });

/** Runs `input` through a FrameRepair in pieces of the given sizes; returns the output and the drops. */
async function repair(input: string | Buffer, pieces: number[] = [input.length]): Promise<{ out: string; drops: string[] }> {
  const drops: string[] = [];
  const stream = new FrameRepair({ onDrop: (reason) => drops.push(reason) });
  const out: Buffer[] = [];
  stream.on('data', (b: Buffer) => out.push(b));
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8');
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = Math.max(1, pieces[i % pieces.length]);
    stream.write(bytes.subarray(at, at + n));
    at += n;
  }
  await new Promise<void>((resolve) => stream.end(resolve));
  return { out: Buffer.concat(out).toString('utf8'), drops };
}

test('well-formed frames pass through unchanged, whole or split at every size', async () => {
  const input = [message(1), message(2, 'x'.repeat(300)), '[]', message(3)].map((m) => frame(m)).join('') + `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n${frame(message(4))}`;
  for (const pieces of [[input.length], [1], [2, 3, 5], [7], [64], [1000]]) {
    const { out, drops } = await repair(input, pieces);
    assert.equal(out, input, `pieces ${pieces.join(',')}`);
    assert.deepEqual(drops, []);
  }
});

test('a frame whose body does not end with } or ] passes when it is valid JSON', async () => {
  const input = frame('7') + frame('null') + frame(message(5));
  assert.equal((await repair(input, [3])).out, input);
});

test('after a broken frame the next well-formed frame comes out', async () => {
  const body = message(99);
  const next = frame(message(1000));
  const broken: Record<string, string> = {
    'too short': frame(body, Buffer.byteLength(body) - 5),
    'too long': frame(body, Buffer.byteLength(body) + 40),
    'not a number': `Content-Length: abc\r\n\r\n${body}`,
    negative: `Content-Length: -5\r\n\r\n${body}`,
    missing: `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`,
    junk: 'hello world\r\n',
    'binary junk': '\u0000\u0001\u00ff\r\n\r\n',
  };
  for (const [name, bad] of Object.entries(broken)) {
    for (const pieces of [[100000], [1], [9]]) {
      const { out, drops } = await repair(bad + next + next, pieces);
      assert.ok(out.endsWith(next + next), `${name} (pieces ${pieces.join(',')}): ${JSON.stringify(out.slice(-300))}`);
      assert.ok(drops.length > 0, `${name}: the dropped bytes are reported`);
    }
  }
});

test('a 5 MB message split into 64 KB pieces comes out whole', async () => {
  const big = message(7, 'y'.repeat(5 * 1024 * 1024));
  const input = frame(big) + frame(message(8));
  const { out, drops } = await repair(input, [64 * 1024]);
  assert.equal(out.length, input.length);
  assert.equal(out, input);
  assert.deepEqual(drops, []);
});

test('a header that never ends is dropped after 8 KB and the stream recovers', async () => {
  const input = 'X-Junk: ' + 'z'.repeat(20000) + '\r\n' + frame(message(9));
  const { out } = await repair(input, [4096]);
  assert.equal(out, frame(message(9)));
});
