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
    // The mailbox edit on the plan with unknown references; yaml-language-server's reference is its
    // mailbox edit on the plain plan (it does not resolve references).
    refsShipped: { crmsync: flat((x) => x.crmsync.refsEdits ?? []), yls: flat((x) => x.yls?.edits ?? []) },
    refsD0: { crmsync: flat((x) => x.crmsync0.refsEdits ?? []), yls: flat((x) => x.yls?.edits ?? []) },
    ...Object.fromEntries(
      VALUE_EDITS.flatMap((k) => [
        [`${k}Shipped`, { crmsync: flat((x) => x.crmsync.valueEdits?.[k] ?? []), yls: flat((x) => x.yls?.valueEdits?.[k] ?? []) }],
        [`${k}D0`, { crmsync: flat((x) => x.crmsync0.valueEdits?.[k] ?? []), yls: flat((x) => x.yls?.valueEdits?.[k] ?? []) }],
      ]),
    ),
    duringAnalysis: { crmsync: flat((x) => x.crmsync0.duringAnalysis ?? []), yls: [] },
  };
}

const VALUE_EDITS = ['profile', 'defaults', 'mailSystem'];
const EDIT_NOUN = { profile: 'a setting of the default profile', defaults: 'a default (systemSettings.defaults)', mailSystem: 'a mail system' };

/** The 95th percentile (nearest rank). */
function p95(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.ceil(0.95 * v.length) - 1)] : NaN;
}

function sizeTable(size, meta) {
  const s = series(size);
  const rows = [
    ['open → first diagnostics (ms)', s.open],
    [`edit → diagnostics, **as shipped** (ms): crmsync debounce ${meta.debounceMs ?? '?'} ms on both edges; yaml-ls fixed 200 ms delay`, s.editShipped],
    ['edit → diagnostics, **crmsync `debounceMs: 0`** (ms) vs yaml-ls as shipped', s.editD0],
    ['hover (ms)', s.hover],
    ['completion (ms)', s.completion],
    ['inlay hints, 60 visible lines (ms; crmsync only)', s.inlayHint],
    ['code lenses, whole document (ms; crmsync only)', s.codeLens],
    ["a lens's click: the references of the default profile (ms; crmsync only)", s.lensReferences],
    ['code action (ms)', s.codeAction],
    [`mailbox edit on a plan with ${size.unknownReferences ?? '?'} unknown profile references, **as shipped** (ms; yaml-ls: the edit above)`, s.refsShipped],
    ['the same, **crmsync `debounceMs: 0`** (ms)', s.refsD0],
    ...VALUE_EDITS.flatMap((k) => [
      [`edit of ${EDIT_NOUN[k]} → diagnostics, **as shipped** (ms)`, s[`${k}Shipped`]],
      [`the same, **crmsync \`debounceMs: 0\`** (ms)`, s[`${k}D0`]],
    ]),
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
  if (s.duringAnalysis.crmsync.length) {
    const d = s.duringAnalysis.crmsync;
    out.push(`| hover and completion while a mailbox edit is analysed (ms; crmsync \`debounceMs: 0\`, ${d.length} requests, one every 5 ms): p95 ${fmtNum(p95(d))}, max ${fmtNum(Math.max(...d))} | ${cell(d)} | – | – | – | – |`);
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

/** The rows of the second wave of performance targets (10,000 mailboxes unless said). */
function secondWave(results, meta) {
  const by = new Map(results.map((r) => [r.n, r]));
  const rows = [];
  const verdict = (ok) => (ok === null || Number.isNaN(ok) ? 'not measured' : ok ? '**met**' : '**not met**');
  const median = (n, pick) => {
    const size = by.get(n);
    return size ? stats(pick(series(size)))?.median : undefined;
  };
  const ratio = (label, n, a, b, limit) => {
    const size = by.get(n);
    const s = size ? series(size) : undefined;
    const v = s ? pairwise(a(s), b(s)) : [];
    const st = s ? stats(v) : null;
    rows.push([label, int(n), st ? cell(v, fmtRatio, '×') : '–', verdict(st ? st.median <= limit : null)]);
  };
  const abs = (label, n, xs, limit, text) => {
    const size = by.get(n);
    const v = size ? xs(series(size)) : [];
    const st = stats(v);
    rows.push([label, int(n), st ? text?.(v) ?? cell(v, fmtNum, ' ms') : '–', verdict(st ? (text ? p95(v) : st.median) <= limit : null)]);
  };
  const growth = (label, pick, limit) => {
    const a = median(10000, pick);
    const b = median(50000, pick);
    rows.push([label, '10,000 → 50,000', a && b ? `${fmtNum(a)} → ${fmtNum(b)} ms: ${fmtRatio(b / a)}×` : '–', verdict(a && b ? b / a <= limit : null)]);
  };
  ratio(`mailbox edit → diagnostics as shipped (debounce ${meta.debounceMs ?? '?'} ms) ≤ 0.02 × yaml-ls`, 10000, (s) => s.editShipped.crmsync, (s) => s.editShipped.yls, 0.02);
  ratio('the same on a plan with scattered schema errors and unknown references ≤ 0.02 × yaml-ls', 10000, (s) => s.refsShipped.crmsync, (s) => s.refsShipped.yls, 0.02);
  for (const k of VALUE_EDITS) ratio(`edit of ${EDIT_NOUN[k]} → diagnostics as shipped ≤ 0.04 × yaml-ls`, 10000, (s) => s[`${k}Shipped`].crmsync, (s) => s[`${k}Shipped`].yls, 0.04);
  growth('mailbox edit (`debounceMs: 0`): at 50,000 ≤ 1.5 × at 10,000', (s) => s.editD0.crmsync, 1.5);
  growth('mailbox edit, plan with unknown references (`debounceMs: 0`): at 50,000 ≤ 1.5 × at 10,000', (s) => s.refsD0.crmsync, 1.5);
  for (const k of VALUE_EDITS) growth(`edit of ${EDIT_NOUN[k]} (\`debounceMs: 0\`): at 50,000 ≤ 1.5 × at 10,000`, (s) => s[`${k}D0`].crmsync, 1.5);
  ratio('open → diagnostics ≤ 0.4 × floor', 10000, (s) => s.open.crmsync, (s) => s.open.floor, 0.4);
  ratio('open → diagnostics ≤ 0.3 × yaml-language-server', 10000, (s) => s.open.crmsync, (s) => s.open.yls, 0.3);
  abs('open → diagnostics ≤ 30 ms', 10, (s) => s.open.crmsync, 30);
  abs('hover (cold: the first after open) ≤ 5 ms', 10000, (s) => s.hover.crmsync, 5);
  abs('completion (cold) ≤ 5 ms', 10000, (s) => s.completion.crmsync, 5);
  abs('hover and completion while a mailbox edit of a 50,000-mailbox plan is analysed: p95 ≤ 10 ms', 50000, (s) => s.duringAnalysis.crmsync, 10, (v) => `p95 ${fmtNum(p95(v))} ms (${v.length} requests; median ${fmtNum(stats(v).median)} ms)`);
  ratio('peak RSS ≤ 0.25 × yaml-language-server', 10000, (s) => s.rss.crmsync, (s) => s.rss.yls, 0.25);
  const o50 = median(50000, (s) => s.open.crmsync);
  const o100 = median(100000, (s) => s.open.crmsync);
  rows.push(['100,000 mailboxes open without error in ≤ 2.2 × the 50,000 time', '50,000 → 100,000', o50 && o100 ? `${fmtNum(o50)} → ${fmtNum(o100)} ms: ${fmtRatio(o100 / o50)}×` : '–', verdict(o50 && o100 ? o100 / o50 <= 2.2 : null)]);
  return rows;
}

/** A targets table, with the previous run's measurement of the same target (by its label) beside. */
function targetTable(rows, previous) {
  return [
    '| target | N | measured: median (min–max) | verdict | previous run |',
    '| --- | ---: | --- | --- | --- |',
    ...rows.map(([label, n, measured, v]) => `| ${label} | ${n} | ${measured} | ${v} | ${previous.get(label) ?? '–'} |`),
  ].join('\n');
}

/** The targets tables of an earlier bench/results.md: label → "measured (verdict)". */
export function previousTargets(markdown) {
  const out = new Map();
  for (const m of (markdown ?? '').matchAll(/^\| (.+?) \| ([^|]+) \| ([^|]+) \| (\*\*(?:met|not met)\*\*|not measured) \|/gm)) out.set(m[1], `${m[3].trim()} (${m[4].replace(/\*/g, '')})`);
  return out;
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
  return rows.map((r) => r.replace(/^\| /, '').replace(/ \|$/, '').split(' | '));
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
    'Ratios are computed run by run (crmsync\'s run *i* against the other\'s run *i*, edits paired edit by edit) in this same run of the benchmark; the verdict uses the median (the p95 where said). "previous run" is the same target in the bench/results.md this run replaced.',
    '',
    '### Performance, second wave (edits cost what they change; requests never wait)',
    '',
    targetTable(secondWave(results, meta), meta.previous ?? new Map()),
    '',
    '### Earlier targets',
    '',
    targetTable(targets(results, meta), meta.previous ?? new Map()),
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
    '- **crmsync**: `bin/crmsync-language-server.js --stdio` as shipped (no initialization options: edits are debounced by ' + (meta.debounceMs ?? '?') + ' ms on both edges, so a lone edit is checked at once and only the rest of a burst waits; opening is never delayed). A second process started with `initializationOptions: { debounceMs: 0 }` measures the edit line marked `debounceMs: 0`, so the debounce is visible. languageId `crmsync`.',
    '- **yaml-language-server**: `node_modules/yaml-language-server/bin/yaml-language-server --stdio`, languageId `yaml`, settings answered through `workspace/configuration` after `workspace/didChangeConfiguration`: `yaml.schemas` maps `schemas/crmsync.schema.json` to `*.crmsync.yaml`, `yaml.schemaStore.enable: false`, `yaml.validate/hover/completion: true`. Before timing, a small invalid plan (a wrong-case enum value, an unknown key) must come back with both schema diagnostics, which proves the schema is applied. It validates 200 ms after every open or change (fixed in 1.25); that delay is part of its numbers, as users see it.',
    '- **floor**: in the benchmark process, `YAML.parseDocument(text)` + ajv (`allErrors`, `strict: false`, `allowUnionTypes`; schema compiled once outside timing) `validate(doc.toJS())`. It has no edit path (an edit costs it a full re-check), so it is timed on open only.',
    '- Each run opens the plan under a new URI, then times hover (on an `authenticateUsing` value), completion (after `kind: ` of the middle mailbox), for crmsync the inlay hints of the 60 lines around the middle mailbox and the code lenses of the whole document (titles and positions only) and the click on the lens with the most mailboxes (`crmsync/lensReferences`: the place of every mailbox that uses the default profile, so that answer grows with the plan; yaml-language-server has none of these), a code action (on a diagnostic near the middle, with that diagnostic in the context) and two one-line incremental edits of the middle mailbox (`kind: user` → `kind: queue` → `kind: user`), each until the `publishDiagnostics` of that version; then closes it. Each timed edit is sent at least 100 ms after the one before (`EDIT_PAUSE_MS`: a lone edit, not a burst). Times run from writing the message to the server\'s stdin to reading the answer.',
    '- Then three one-line value edits outside the mailboxes, each written and undone and timed to its diagnostics: `maxConcurrentConnections` of the default profile (10 → 12, used by most mailboxes), `systemSettings.defaults.appointmentsContactsTasks` (serverSideSync → none, inherited by every mailbox) and the `provider` of the Gmail mail system (gmail → outlookCom). A second plan of the same size in which 10 mailboxes spread through it name a profile that does not exist (`exo-dfault`) gets the two mailbox edits (crmsync only: yaml-language-server does not resolve references, so its reference is the same edit on the first plan). At 50,000 mailboxes and more, the `debounceMs: 0` server also gets a mailbox edit followed by a hover or a completion every 5 ms until that version\'s diagnostics arrive, each request timed on its own (requests during an analysis).',
    '- Peak RSS is `VmHWM` from `/proc/<pid>/status` of each server process at the end of each size (one process per server and size, after all its runs: it includes whatever garbage the runs left for V8 to collect).',
    '- Plans come from `bench/generate.mjs`: CRM Online with Exchange Online, Gmail (POP3) and Yahoo (IMAP), five server profiles; 1 mailbox in 200 has a wrong-case enum value or an unknown key, plus a queue with Outlook and a duplicate address. They are written to `bench/plans/` (not committed).',
    '',
  );
  return out.join('\n');
}
