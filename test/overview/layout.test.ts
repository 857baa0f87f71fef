/**
 * The overview's layout (server/src/overview/layout.ts): deterministic, boxes that never
 * overlap, edges that start and end at their nodes and never cross a box, and columns that read
 * left to right: organisation, mailbox groups, profiles, mail systems. On the hand-made sample
 * and on the model of every example.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { createAnalyzer } from '../../server/src/analysis';
import { planOverview } from '../../server/src/ide';
import type { PlanOverview } from '../../server/src/ide/overview-model';
import { layoutOverview, type OverviewLayout } from '../../server/src/overview';
import { filesUnder, repoPath } from '../harness/paths';
import { sampleOverview } from './sample';

const analyzer = createAnalyzer();
const examples = filesUnder(repoPath('examples'), /\.crmsync\.ya?ml$/);

function models(): [string, PlanOverview][] {
  const out: [string, PlanOverview][] = [['the hand-made sample', sampleOverview()]];
  for (const file of examples) {
    const o = planOverview(analyzer.analyze(fs.readFileSync(file, 'utf8')));
    assert.ok(o, `${file} has an overview`);
    out.push([file.slice(file.lastIndexOf('/') + 1), o]);
  }
  return out;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
const EPS = 0.6;
const inside = (r: Rect, x: number, y: number) => x > r.x + EPS && x < r.x + r.width - EPS && y > r.y + EPS && y < r.y + r.height - EPS;
const onBorder = (r: Rect, x: number, y: number) =>
  x >= r.x - EPS && x <= r.x + r.width + EPS && y >= r.y - EPS && y <= r.y + r.height + EPS && !inside(r, x, y);

test('the examples give overviews to lay out', () => {
  assert.ok(examples.length >= 20, `found ${examples.length} examples`);
});

for (const [name, o] of models()) {
  test(`layout of ${name}: every node and edge of the model, deterministic`, () => {
    const layout = layoutOverview(o);
    assert.deepEqual(
      layout.nodes.map((n) => n.id),
      o.nodes.map((n) => n.id),
    );
    assert.deepEqual(
      layout.edges.map((e) => `${e.from} ${e.to} ${e.kind}`),
      o.edges.map((e) => `${e.from} ${e.to} ${e.kind}`),
    );
    // The same model (even a copy of it) gives the same layout, to the tenth of a pixel.
    assert.deepEqual(layoutOverview(JSON.parse(JSON.stringify(o)) as PlanOverview), layout);
    for (const n of layout.nodes) {
      assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.width <= layout.width + EPS && n.y + n.height <= layout.height + EPS, `${n.id} lies inside the drawing`);
    }
  });

  test(`layout of ${name}: no two boxes overlap`, () => {
    const { nodes } = layoutOverview(o);
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i];
        const b = nodes[j];
        const apart = a.x + a.width <= b.x + EPS || b.x + b.width <= a.x + EPS || a.y + a.height <= b.y + EPS || b.y + b.height <= a.y + EPS;
        assert.ok(apart, `${a.id} and ${b.id} overlap`);
      }
    }
  });

  test(`layout of ${name}: edges start at their from node, end at their to node and cross no box`, () => {
    const layout = layoutOverview(o);
    const box = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const e of layout.edges) {
      assert.ok(e.points.length >= 2, `${e.from} → ${e.to} has points`);
      const first = e.points[0];
      const last = e.points[e.points.length - 1];
      assert.ok(onBorder(box.get(e.from)!, first.x, first.y), `${e.from} → ${e.to} starts on ${e.from}'s border (${first.x},${first.y})`);
      assert.ok(onBorder(box.get(e.to)!, last.x, last.y), `${e.from} → ${e.to} ends on ${e.to}'s border (${last.x},${last.y})`);
      assertCrossesNoBox(layout, e);
    }
  });

  test(`layout of ${name}: columns read organisation, mailbox groups, profiles, mail systems`, () => {
    const layout = layoutOverview(o);
    const centre = new Map(layout.nodes.map((n) => [n.id, n.x + n.width / 2]));
    const kinds = ['organization', 'mailboxGroup', 'profile', 'mailSystem'] as const;
    const columns = kinds.map((k) => o.nodes.filter((n) => n.kind === k).map((n) => centre.get(n.id)!));
    for (let i = 0; i < kinds.length; i++) {
      for (let j = i + 1; j < kinds.length; j++) {
        for (const a of columns[i]) for (const b of columns[j]) assert.ok(a < b, `every ${kinds[i]} is left of every ${kinds[j]}`);
      }
    }
  });
}

/**
 * Straight runs (same height) pass through no box but at their ends; bends (different heights)
 * happen where no box is, between columns.
 */
function assertCrossesNoBox(layout: OverviewLayout, e: OverviewLayout['edges'][number]): void {
  for (let i = 1; i < e.points.length; i++) {
    const a = e.points[i - 1];
    const b = e.points[i];
    const lo = Math.min(a.x, b.x);
    const hi = Math.max(a.x, b.x);
    for (const n of layout.nodes) {
      const overlapsX = lo < n.x + n.width - EPS && hi > n.x + EPS;
      if (!overlapsX) continue;
      if (Math.abs(a.y - b.y) < EPS) {
        assert.ok(!(a.y > n.y + EPS && a.y < n.y + n.height - EPS), `${e.from} → ${e.to} runs through ${n.id} at y=${a.y}`);
      } else {
        const top = Math.min(a.y, b.y);
        const bottom = Math.max(a.y, b.y);
        const overlapsY = top < n.y + n.height - EPS && bottom > n.y + EPS;
        assert.ok(!overlapsY, `${e.from} → ${e.to} bends across ${n.id}`);
      }
    }
  }
}

test('layout: a mail system no profile names still lands in the mail system column', () => {
  const layout = layoutOverview(sampleOverview());
  const centre = (id: string) => {
    const n = layout.nodes.find((b) => b.id === id)!;
    return n.x + n.width / 2;
  };
  assert.ok(Math.abs(centre('mailSystem:gmail') - centre('mailSystem:exo')) < 1);
});

test('layout: without mailbox groups, profiles come right after the organisation', () => {
  const o = sampleOverview();
  const bare: PlanOverview = { ...o, nodes: o.nodes.filter((n) => n.kind !== 'mailboxGroup'), edges: o.edges.filter((e) => e.kind !== 'mailboxes') };
  const layout = layoutOverview(bare);
  const org = layout.nodes.find((n) => n.id === 'organization')!;
  const profile = layout.nodes.find((n) => n.id === 'profile:exo-default')!;
  const system = layout.nodes.find((n) => n.id === 'mailSystem:exo')!;
  // One gap between the organisation and the profiles: no empty column left for groups.
  const gap1 = profile.x - (org.x + org.width);
  const gap2 = system.x - (profile.x + profile.width);
  assert.ok(gap1 < 2 * gap2 + 1, `no empty column (gaps ${gap1} and ${gap2})`);
});

test('layout: an overview with no node is an empty drawing of finite size', () => {
  const empty: PlanOverview = { ...sampleOverview(), nodes: [], edges: [{ from: 'a', to: 'b', kind: 'profile' }] };
  const layout = layoutOverview(empty);
  assert.deepEqual(layout, { width: 32, height: 32, nodes: [], edges: [] });
});
