/**
 * Incremental analysis (reusing the previous version's parsed records) gives exactly the
 * findings of a from-scratch analysis, over 1,000 random edit sequences.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createAnalyzer, type Analysis, type Finding } from '../../server/src/analysis';
import { FIXED_NOW } from '../harness/check';
import { filesUnder, repoPath } from '../harness/paths';

const analyzer = createAnalyzer({ now: () => FIXED_NOW });

/** A small deterministic PRNG, so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  '    kind: queue',
  '    kind: user',
  '    outgoingEmail: outlook',
  '    appointmentsContactsTasks: serverSideSync',
  '    emailAddress: dup@contoso.com',
  '  extra-1:',
  '  extra-1: { kind: forward, name: Drop }',
  '    approval: pendingApproval',
  '# a comment',
  '',
  '      authenticateUsing: anonymous',
  '    serverType: pop3Smtp',
  '  - oops',
  'mailboxes:',
  '    colour: blue',
  '    useSsl: false',
];

function mutate(text: string, r: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(r() * lines.length);
  const op = Math.floor(r() * 6);
  if (op === 0) lines.splice(i, 1);
  else if (op === 1) lines.splice(i, 0, SNIPPETS[Math.floor(r() * SNIPPETS.length)]);
  else if (op === 2) lines[i] = lines[i].replace(/: (\S+)$/, (_, v: string) => `: ${v.length > 1 ? v.slice(0, -1) : v + 'x'}`);
  else if (op === 3) lines.splice(i, 0, lines[Math.floor(r() * lines.length)]);
  else if (op === 4) lines[i] = lines[i].replace(/^ {2}/, '');
  else lines[i] = lines[i] + (r() < 0.5 ? ' # note' : 'z');
  return lines.join('\n');
}

const strip = (f: Finding) => ({ ...f });
const view = (a: Analysis) => ({ findings: a.findings.map(strip), suppressed: a.suppressed.map(strip), value: a.parsed.value });

const bases = filesUnder(repoPath('examples'), /\.crmsync\.yaml$/).map((f) => fs.readFileSync(f, 'utf8'));

test('incremental analysis equals a full analysis after 1,000 random edit sequences', () => {
  let chunkedVersions = 0;
  for (let seq = 0; seq < 1000; seq++) {
    const r = rng(seq + 1);
    let text = bases[seq % bases.length];
    let previous = analyzer.analyze(text);
    const steps = 2 + Math.floor(r() * 4);
    for (let step = 0; step < steps; step++) {
      text = mutate(text, r);
      const incremental = analyzer.analyze(text, previous);
      const full = analyzer.analyze(text);
      if (incremental.parsed.chunks) chunkedVersions++;
      assert.deepEqual(view(incremental), view(full), `sequence ${seq} step ${step} differs:\n${text}`);
      previous = incremental;
    }
  }
  assert.ok(chunkedVersions > 1000, `only ${chunkedVersions} versions took the incremental path`);
});

test('an unchanged record is not parsed again', () => {
  const text = bases.find((b) => b.includes('\nmailboxes:\n'))!;
  const first = analyzer.analyze(text);
  assert.ok(first.parsed.chunks, 'the example is parsed in chunks');
  const edited = text.replace('\nmailboxes:\n', '\nmailboxes:\n  zed: { kind: user, emailAddress: zed@contoso.com, approval: approved }\n');
  const second = analyzer.analyze(edited, first);
  const reused = [...second.parsed.chunks!.values()].filter((e) => [...first.parsed.chunks!.values()].includes(e)).length;
  assert.equal(reused, second.parsed.chunks!.size - 1, 'every chunk but the new record is reused');
});
