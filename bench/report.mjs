// Turns the raw timings of bench/run.mjs into bench/results.md: one table per size (medians with
// min–max, ratios computed run by run) and a table of the targets with whether each is met.

export function stats(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return { median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1], count: v.length };
}

/** Ratios of paired samples a[i] / b[i] (same run, same edit). */
const pairwise = (a, b) => a.map((x, i) => (b[i] === undefined ? NaN : x / b[i]));

const fmtNum = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmtRatio = (x) => (x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toFixed(3));
function cell(xs, fmt = fmtNum, unit = '') {
  const s = stats(xs);
  if (!s) return '–';
  return s.count === 1 ? `${fmt(s.median)}${unit}` : `${fmt(s.median)}${unit} (${fmt(s.min)}–${fmt(s.max)})`;
}
const int = (n) => n.toLocaleString('en-US');
const plural = (n, word) => `${int(n)} ${word}${n === 1 ? '' : 's'}`;

/** The sample series of one size, named by metric. */
function series(size) {
  const r = size.runs;
  const flat = (f) => r.flatMap(f);
  return {
    open: { crmsync: r.map((x) => x.crmsync.open), yls: r.map((x) => x.yls?.open), floor: r.map((x) => x.floor?.open) },
    editShipped: { crmsync: flat((x) => x.crmsync.edits), yls: flat((x) => x.yls?.edits ?? []) },
    editD0: { crmsync: flat((x) => x.crmsync0.edits), yls: flat((x) => x.yls?.edits ?? []) },
    hover: { crmsync: r.map((x) => x.crmsync.hover), yls: r.map((x) => x.yls?.hover) },
    completion: { crmsync: r.map((x) => x.crmsync.completion), yls: r.map((x) => x.yls?.completion) },
    inlayHint: { crmsync: r.map((x) => x.crmsync.inlayHint), yls: [] },
    codeLens: { crmsync: r.map((x) => x.crmsync.codeLens), yls: [] },
    lensReferences: { crmsync: r.map((x) => x.crmsync.lensReferences), yls: [] },
    codeAction: { crmsync: r.map((x) => x.crmsync.codeAction), yls: r.map((x) => x.yls?.codeAction) },
    rss: { crmsync: [size.rss.crmsync], yls: [size.rss.yls] },
  };
}

function sizeTable(size, meta) {
  const s = series(size);
  const rows = [
    ['open → first diagnostics (ms)', s.open],
    [`edit → diagnostics, **as shipped** (ms): crmsync debounce ${meta.debounceMs ?? '?'} ms; yaml-ls fixed 200 ms delay`, s.editShipped],
    ['edit → diagnostics, **crmsync `debounceMs: 0`** (ms) vs yaml-ls as shipped', s.editD0],
    ['hover (ms)', s.hover],
    ['completion (ms)', s.completion],
    ['inlay hints, 60 visible lines (ms; crmsync only)', s.inlayHint],
    ['code lenses, whole document (ms; crmsync only)', s.codeLens],
    ["a lens's click: the references of the default profile (ms; crmsync only)", s.lensReferences],
    ['code action (ms)', s.codeAction],
    ['peak RSS of the server process (MiB, VmHWM)', s.rss],
  ];
  const out = [
    '| metric | crmsync | yaml-language-server | floor (in-process) | crmsync ÷ yaml-ls | crmsync ÷ floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [name, m] of rows) {
    const vsY = pairwise(m.crmsync, m.yls);
    const vsF = m.floor ? pairwise(m.crmsync, m.floor) : [];
    out.push(`| ${name} | ${cell(m.crmsync)} | ${cell(m.yls)} | ${m.floor ? cell(m.floor) : '–'} | ${cell(vsY, fmtRatio, '×')} | ${m.floor ? cell(vsF, fmtRatio, '×') : '–'} |`);
  }
  const r0 = size.runs[0];
  const returned = (k) => {
    const x = r0[k];
    if (!x) return 'not run';
    const lenses = x.codeLenses === undefined ? '' : `, ${x.inlayHints} inlay hints, ${x.codeLenses} code lenses (${fmtNum(x.codeLensKiB)} KiB of JSON), ${x.lensReferenceCount ?? 0} references on a click`;
    return `${x.diagnostics} diagnostics, hover ${x.hoverOk ? 'yes' : 'none'}, ${x.completionItems} completion items${lenses}, ${x.codeActions ?? 0} code actions`;
  };
  out.push('', `Returned (run 1): crmsync ${returned('crmsync')}; yaml-language-server ${returned('yls')}; floor ${r0.floor ? `${r0.floor.errors} ajv/YAML errors` : 'not run'}. crmsync with \`debounceMs: 0\` (a second process): peak RSS ${fmtNum(size.rss.crmsync0)} MiB.`);
  return out.join('\n');
}

function targets(results, meta) {
  const by = new Map(results.map((r) => [r.n, r]));
  const rows = [];
  const verdict = (ok) => (ok === null ? 'not measured' : ok ? '**met**' : '**not met**');
  const ratioRow = (label, n, a, b, limit) => {
    const size = by.get(n);
    if (!size) return rows.push(`| ${label} | ${int(n)} | – | ${verdict(null)} |`);
    const s = series(size);
    const st = stats(pairwise(a(s), b(s)));
    if (!st) return rows.push(`| ${label} | ${int(n)} | – | ${verdict(null)} |`);
    rows.push(`| ${label} | ${int(n)} | ${cell(pairwise(a(s), b(s)), fmtRatio, '×')} | ${verdict(st.median <= limit)} |`);
  };
  const absRow = (label, n, a, limit) => {
    const size = by.get(n);
    if (!size) return rows.push(`| ${label} | ${int(n)} | – | ${verdict(null)} |`);
    const st = stats(a(series(size)));
    rows.push(`| ${label} | ${int(n)} | ${cell(a(series(size)), fmtNum, ' ms')} | ${verdict(st.median <= limit)} |`);
  };
  ratioRow('open → diagnostics ≤ 1.0 × floor', 10000, (s) => s.open.crmsync, (s) => s.open.floor, 1.0);
  ratioRow('open → diagnostics ≤ 0.67 × yaml-language-server', 10000, (s) => s.open.crmsync, (s) => s.open.yls, 0.67);
  ratioRow(`one-line edit → diagnostics ≤ 0.05 × yaml-ls — **as shipped** (debounce ${meta.debounceMs ?? '?'} ms)`, 10000, (s) => s.editShipped.crmsync, (s) => s.editShipped.yls, 0.05);
  ratioRow('one-line edit → diagnostics ≤ 0.05 × yaml-ls — crmsync `debounceMs: 0`', 10000, (s) => s.editD0.crmsync, (s) => s.editD0.yls, 0.05);
  absRow('hover ≤ 10 ms', 10000, (s) => s.hover.crmsync, 10);
  absRow('completion ≤ 10 ms', 10000, (s) => s.completion.crmsync, 10);
  ratioRow('peak RSS ≤ 0.5 × yaml-language-server', 10000, (s) => s.rss.crmsync, (s) => s.rss.yls, 0.5);
  absRow('open → diagnostics ≤ 30 ms', 10, (s) => s.open.crmsync, 30);

  // Linear growth: the cost per mailbox at each larger size relative to N = 1,000.
  const base = by.get(1000);
  const larger = results.filter((r) => r.n > 1000);
  for (const [label, pick] of [
    ['open → diagnostics', (s) => s.open.crmsync],
    ['edit → diagnostics (`debounceMs: 0`)', (s) => s.editD0.crmsync],
  ]) {
    const name = `${label} grows linearly from 1,000 to 50,000 (cost per mailbox ≤ 1.25 × that at 1,000)`;
    if (!base || !by.get(50000)) {
      rows.push(`| ${name} | 1,000 → 50,000 | – | ${verdict(null)} |`);
      continue;
    }
    const t1 = stats(pick(series(base))).median;
    const parts = larger.map((r) => ({ n: r.n, f: stats(pick(series(r))).median / t1 / (r.n / 1000) }));
    const t50 = stats(pick(series(by.get(50000)))).median;
    const slope = Math.log(t50 / t1) / Math.log(50);
    const text = parts.map((p) => `${int(p.n)}: ${fmtRatio(p.f)}×`).join(', ') + `; log–log slope ${slope.toFixed(2)}`;
    rows.push(`| ${name} | 1,000 → 50,000 | ${text} | ${verdict(parts.every((p) => p.f <= 1.25))} |`);
  }
  return ['| target | N | measured: median (min–max) | verdict |', '| --- | ---: | --- | --- |', ...rows].join('\n');
}

export function renderReport(results, meta) {
  const sizes = results.map((r) => `${int(r.n)} (${plural(r.runs.length, 'run')}${r.runs.length < 5 ? ', fewer than 5' : ''})`).join(', ');
  const out = [
    '# crmsync benchmark',
    '',
    `Generated by \`npm run bench\` on ${meta.date}: ${meta.cpus}, ${meta.memGiB.toFixed(0)} GiB RAM, node ${meta.node}, yaml-language-server ${meta.ylsVersion}. Total ${meta.totalS.toFixed(0)} s (after the build).${meta.partial ? ' **Partial run** (BENCH_SIZES / BENCH_RUNS set).' : ''}`,
    '',
    `Sizes (mailboxes) and runs: ${sizes}.`,
    '',
    '## Targets',
    '',
    'Ratios are computed run by run (crmsync\'s run *i* against the other\'s run *i*, edits paired edit by edit) in this same run of the benchmark; the verdict uses the median.',
    '',
    targets(results, meta),
    '',
    '## Per size',
    '',
    'Each cell: median (min–max) in ms unless marked. Run 1 of each size is the first document opened in that server process after a small sanity-check document, so its JIT warm-up shows in the max.',
    '',
  ];
  for (const r of results) {
    out.push(`### N = ${int(r.n)} mailboxes (${int(r.lines)} lines, ${(r.bytes / 1024).toFixed(0)} KiB, ${plural(r.errors, 'sprinkled schema error')} + 2 rule violations), ${plural(r.runs.length, 'run')}`, '');
    if (!r.compare) {
      out.push(
        `crmsync only: yaml-language-server and the floor are run up to N = ${int(meta.compareMax)} (\`BENCH_COMPARE_MAX\`). At this size one yaml-language-server run (open plus two edits, each a full re-validation) takes about 15 minutes on a 2-core machine, which does not fit the benchmark's time budget; set \`BENCH_COMPARE_MAX=${r.n}\` to include them anyway.`,
        '',
      );
    }
    out.push(sizeTable(r, meta), '');
  }
  out.push(
    '## How it is measured',
    '',
    '- **crmsync**: `bin/crmsync-language-server.js --stdio` as shipped (no initialization options: edits are debounced by ' + (meta.debounceMs ?? '?') + ' ms, opening is not). A second process started with `initializationOptions: { debounceMs: 0 }` measures the edit line marked `debounceMs: 0`, so the debounce is visible. languageId `crmsync`.',
    '- **yaml-language-server**: `node_modules/yaml-language-server/bin/yaml-language-server --stdio`, languageId `yaml`, settings answered through `workspace/configuration` after `workspace/didChangeConfiguration`: `yaml.schemas` maps `schemas/crmsync.schema.json` to `*.crmsync.yaml`, `yaml.schemaStore.enable: false`, `yaml.validate/hover/completion: true`. Before timing, a small invalid plan (a wrong-case enum value, an unknown key) must come back with both schema diagnostics, which proves the schema is applied. It validates 200 ms after every open or change (fixed in 1.25); that delay is part of its numbers, as users see it.',
    '- **floor**: in the benchmark process, `YAML.parseDocument(text)` + ajv (`allErrors`, `strict: false`, `allowUnionTypes`; schema compiled once outside timing) `validate(doc.toJS())`. It has no edit path (an edit costs it a full re-check), so it is timed on open only.',
    '- Each run opens the plan under a new URI, then times hover (on an `authenticateUsing` value), completion (after `kind: ` of the middle mailbox), for crmsync the inlay hints of the 60 lines around the middle mailbox and the code lenses of the whole document (titles and positions only) and the click on the lens with the most mailboxes (`crmsync/lensReferences`: the place of every mailbox that uses the default profile, so that answer grows with the plan; yaml-language-server has none of these), a code action (on a diagnostic near the middle, with that diagnostic in the context) and two one-line incremental edits of the middle mailbox (`kind: user` → `kind: queue` → `kind: user`), each until the `publishDiagnostics` of that version; then closes it. Times run from writing the message to the server\'s stdin to reading the answer.',
    '- Peak RSS is `VmHWM` from `/proc/<pid>/status` of each server process at the end of each size (one process per server and size, after all its runs: it includes whatever garbage the runs left for V8 to collect).',
    '- Plans come from `bench/generate.mjs`: CRM Online with Exchange Online, Gmail (POP3) and Yahoo (IMAP), five server profiles; 1 mailbox in 200 has a wrong-case enum value or an unknown key, plus a queue with Outlook and a duplicate address. They are written to `bench/plans/` (not committed).',
    '',
  );
  return out.join('\n');
}
