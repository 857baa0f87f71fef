// `npm run bench`: crmsync-language-server vs yaml-language-server (with our schema) vs the floor
// (yaml parseDocument + ajv validate, in-process), on generated plans of several sizes, in one
// run. Writes bench/results.md and prints it. Not a test: nothing here fails on a slow result.
//
// Environment:
//   BENCH_SIZES=10,1000        sizes (mailboxes) to run; default 10,1000,10000,50000,100000
//   BENCH_RUNS=3               runs per size for every size (default: 7 / 7 / 5 / 3..5, see RUNS)
//   BENCH_BUDGET_S=780         seconds after which the largest size stops adding runs beyond its minimum
//   BENCH_COMPARE_MAX=10000    largest size at which yaml-language-server and the floor are run too
//                              (at 50,000 one yaml-language-server run alone takes about 15 minutes)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import YAML from 'yaml';
import Ajv from 'ajv';
import { generatePlan } from './generate.mjs';
import { LspClient } from './lsp-client.mjs';
import { previousTargets, renderReport } from './report.mjs';

const started = performance.now();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The targets of the last run, shown beside this run's (read before it is replaced).
let previousResults;
try {
  previousResults = readFileSync(join(root, 'bench', 'results.md'), 'utf8');
} catch {
  previousResults = undefined;
}
const plansDir = join(root, 'bench', 'plans');
mkdirSync(plansDir, { recursive: true });
const schemaPath = join(root, 'schemas', 'crmsync.schema.json');
const schemaUrl = pathToFileURL(schemaPath).href;

const SIZES = (process.env.BENCH_SIZES ?? '10,1000,10000,50000,100000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
/** Runs per size: [minimum, maximum while the time budget allows]. */
const RUNS = { 10: [7, 7], 1000: [7, 7], 10000: [5, 5], 50000: [3, 5], 100000: [1, 2] };
const runsFor = (n) => (process.env.BENCH_RUNS ? [Number(process.env.BENCH_RUNS), Number(process.env.BENCH_RUNS)] : RUNS[n] ?? (n > 20000 ? [3, 5] : [5, 5]));
const BUDGET_MS = Number(process.env.BENCH_BUDGET_S ?? 780) * 1000;
const COMPARE_MAX = Number(process.env.BENCH_COMPARE_MAX ?? 10000);

const crmsyncSettings = { crmsync: { rules: {}, processEmailFromMaxAgeDays: 14, trace: { server: 'off' } } };
const yamlSettings = {
  yaml: {
    schemas: { [schemaUrl]: ['*.crmsync.yaml'] },
    schemaStore: { enable: false, url: '' },
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    customTags: [],
  },
  http: { proxy: '', proxyStrictSSL: true },
  '[yaml]': {},
  editor: { tabSize: 2, insertSpaces: true },
};

// The floor: what any YAML + JSON-schema checker must at least do. Compiled once, outside timing.
const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
function floor(text) {
  const t0 = performance.now();
  const doc = YAML.parseDocument(text);
  const ok = validate(doc.toJS());
  const ms = performance.now() - t0;
  return { ms, errors: ok ? 0 : validate.errors.length + doc.errors.length };
}

function servers(compare) {
  const rootUri = pathToFileURL(plansDir).href;
  const ours = ['bin/crmsync-language-server.js', '--stdio'].map((a, i) => (i === 0 ? join(root, a) : a));
  return {
    crmsync: new LspClient({ name: 'crmsync', args: ours, settings: crmsyncSettings, rootUri }),
    crmsync0: new LspClient({ name: 'crmsync (debounceMs 0)', args: ours, initializationOptions: { debounceMs: 0 }, settings: crmsyncSettings, rootUri }),
    yls: !compare ? undefined : new LspClient({
      name: 'yaml-language-server',
      args: [join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
      settings: yamlSettings,
      rootUri,
    }),
  };
}

/**
 * Opens a small invalid plan (a wrong-case enum value and an unknown key) and checks that the
 * server reports both: for yaml-language-server, proof that our schema is applied.
 */
async function sanityCheck(client, languageId, uriBase) {
  const plan = generatePlan(10);
  const text = plan.text + '  zed.extra:\n    kind: user\n    colour: blue\n';
  const unknownLine = text.split('\n').length - 2;
  const uri = `${uriBase}/sanity-invalid.crmsync.yaml`;
  const { diagnostics } = await client.open(uri, languageId, text);
  client.close(uri);
  const enumProblem = diagnostics.some((d) => d.range.start.line === plan.codeActionLine);
  const unknownKey = diagnostics.some((d) => d.range.start.line === unknownLine);
  if (!enumProblem || !unknownKey) {
    throw new Error(`${client.o.name}: the schema does not seem to be applied; diagnostics were:\n${diagnostics.map((d) => `  ${d.range.start.line + 1}: ${d.message}`).join('\n')}`);
  }
  return diagnostics.length;
}

const replace = (plan, len) => ({ start: plan.edit, end: { line: plan.edit.line, character: plan.edit.character + len } });

/** One full run against one server: open, hover, completion, (crmsync) inlay hints and code lenses, code action, two mailbox edits, the value edits, close. */
async function fullRun(client, languageId, uri, plan) {
  const r = {};
  const open = await client.open(uri, languageId, plan.text);
  r.open = open.ms;
  r.diagnostics = open.diagnostics.length;
  const doc = { uri };
  const hover = await client.request('textDocument/hover', { textDocument: doc, position: plan.hover });
  r.hover = hover.ms;
  r.hoverOk = !!hover.result;
  const completion = await client.request('textDocument/completion', { textDocument: doc, position: plan.completion, context: { triggerKind: 1 } });
  r.completion = completion.ms;
  r.completionItems = Array.isArray(completion.result) ? completion.result.length : completion.result?.items?.length ?? 0;
  if (languageId === 'crmsync') {
    // The inlay hints of ~60 visible lines around the middle mailbox, the code lenses of the whole
    // document (titles and positions only), then the click on the lens with the most users: the
    // places `crmsync/lensReferences` gives (every mailbox of the default profile, so that answer
    // grows with the plan). yaml-language-server has none of them.
    const range = { start: { line: Math.max(0, plan.edit.line - 30), character: 0 }, end: { line: plan.edit.line + 30, character: 0 } };
    const hints = await client.request('textDocument/inlayHint', { textDocument: doc, range });
    r.inlayHint = hints.ms;
    r.inlayHints = hints.result?.length ?? 0;
    const lenses = await client.request('textDocument/codeLens', { textDocument: doc });
    r.codeLens = lenses.ms;
    r.codeLenses = lenses.result?.length ?? 0;
    r.codeLensKiB = Buffer.byteLength(JSON.stringify(lenses.result ?? [])) / 1024;
    const mailboxesOf = (l) => Number(/^used by ([\d,]+) mailbox/.exec(l.command?.title ?? '')?.[1].replace(/,/g, '') ?? 0);
    const most = (lenses.result ?? []).map((l) => ({ l, n: mailboxesOf(l) })).sort((a, b) => b.n - a.n)[0];
    if (most) {
      const refs = await client.request('crmsync/lensReferences', { textDocument: doc, position: most.l.range.start });
      r.lensReferences = refs.ms;
      r.lensReferenceCount = refs.result?.length ?? 0;
    }
  }
  const diag = open.diagnostics.find((d) => d.range.start.line === plan.codeActionLine) ?? open.diagnostics[0];
  if (diag) {
    const ca = await client.request('textDocument/codeAction', { textDocument: doc, range: diag.range, context: { diagnostics: [diag], triggerKind: 1 } });
    r.codeAction = ca.ms;
    r.codeActions = ca.result?.length ?? 0;
  }
  r.edits = await edits(client, uri, plan);
  r.valueEdits = await valueEdits(client, uri, plan, 4);
  client.close(uri);
  return r;
}

/** `kind: user` → `kind: queue` and back: two one-line incremental changes, each timed to its diagnostics. */
async function edits(client, uri, plan) {
  const a = await client.change(uri, 2, replace(plan, 4), 'queue');
  const b = await client.change(uri, 3, replace(plan, 5), 'user');
  return [a.ms, b.ms];
}

/**
 * The one-line edits outside the mailboxes (a setting of the default profile, a default every
 * mailbox inherits, a mail system), each written and undone, timed to their diagnostics; the
 * document versions start at `version`.
 */
async function valueEdits(client, uri, plan, version) {
  const out = {};
  for (const [kind, e] of Object.entries(plan.valueEdits)) {
    const at = (len) => ({ start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + len } });
    const a = await client.change(uri, version++, at(e.from.length), e.to);
    const b = await client.change(uri, version++, at(e.to.length), e.from);
    out[kind] = [a.ms, b.ms];
  }
  return out;
}

/**
 * Requests while an analysis runs: a mailbox edit is sent (the server has no debounce), then a
 * hover or a completion every 5 ms until that version's diagnostics arrive; each request is timed
 * on its own, so one that waits behind the analysis shows its wait.
 */
async function requestsDuringAnalysis(client, uri, plan) {
  const wait = client.diagnosticsFor(uri, 2);
  client.c.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: replace(plan, 4), text: 'queue' }] });
  let done = false;
  void wait.then(() => (done = true));
  const pending = [];
  for (let i = 0; !done; i++) {
    const doc = { uri };
    pending.push(
      i % 2
        ? client.request('textDocument/completion', { textDocument: doc, position: plan.completion, context: { triggerKind: 1 } })
        : client.request('textDocument/hover', { textDocument: doc, position: plan.hover }),
    );
    await new Promise((r) => setTimeout(r, 5));
  }
  await wait;
  return (await Promise.all(pending)).map((x) => x.ms);
}

const log = (...a) => process.stderr.write(a.join(' ') + '\n');

async function benchSize(n, deadline) {
  const plan = generatePlan(n);
  writeFileSync(join(plansDir, `plan-${n}.crmsync.yaml`), plan.text);
  const withRefs = generatePlan(n, { unknownReferences: 10 });
  const compare = n <= COMPARE_MAX;
  const s = servers(compare);
  const all = Object.values(s).filter(Boolean);
  await Promise.all(all.map((c) => c.start()));
  const uriBase = pathToFileURL(plansDir).href;
  if (compare) {
    await s.yls.configure();
    await sanityCheck(s.yls, 'yaml', uriBase);
  }
  await sanityCheck(s.crmsync, 'crmsync', uriBase);
  // The debounce the server ships with, from its start-up line (reported next to the edit times).
  const started = s.crmsync.logs.map((l) => /started \(debounce (\d+) ms\)/.exec(l)).find(Boolean);
  if (started) shippedDebounceMs = Number(started[1]);

  const [minRuns, maxRuns] = runsFor(n);
  const runs = [];
  const sizeStart = performance.now();
  for (let i = 0; i < maxRuns; i++) {
    // Past the minimum, add a run only if it is expected to end before the deadline.
    if (i >= minRuns && performance.now() + (performance.now() - sizeStart) / runs.length > deadline) break;
    const t0 = performance.now();
    const uri = `${uriBase}/plan-${n}-run${i + 1}.crmsync.yaml`;
    const run = {};
    run.crmsync = await fullRun(s.crmsync, 'crmsync', uri, plan);
    if (compare) run.yls = await fullRun(s.yls, 'yaml', uri, plan);
    await s.crmsync0.open(uri, 'crmsync', plan.text);
    run.crmsync0 = { edits: await edits(s.crmsync0, uri, plan), valueEdits: await valueEdits(s.crmsync0, uri, plan, 4) };
    s.crmsync0.close(uri);
    // The same mailbox edit on a plan that also names unknown profiles, as drafts do (yaml-language-server
    // does not resolve references: its reference time is that of the same edit on the plan above).
    const refsUri = uri.replace(/\.crmsync\.yaml$/, '-unknown-references.crmsync.yaml');
    await s.crmsync.open(refsUri, 'crmsync', withRefs.text);
    run.crmsync.refsEdits = await edits(s.crmsync, refsUri, withRefs);
    s.crmsync.close(refsUri);
    await s.crmsync0.open(refsUri, 'crmsync', withRefs.text);
    run.crmsync0.refsEdits = await edits(s.crmsync0, refsUri, withRefs);
    s.crmsync0.close(refsUri);
    if (n >= 50000) {
      const busyUri = uri.replace(/\.crmsync\.yaml$/, '-busy.crmsync.yaml');
      await s.crmsync0.open(busyUri, 'crmsync', plan.text);
      run.crmsync0.duringAnalysis = await requestsDuringAnalysis(s.crmsync0, busyUri, plan);
      s.crmsync0.close(busyUri);
    }
    if (compare) {
      const f = floor(plan.text);
      run.floor = { open: f.ms, errors: f.errors };
    }
    runs.push(run);
    const ms = (x) => (x === undefined ? '–' : `${x.toFixed(1)} ms`);
    log(
      `  N=${n} run ${i + 1}: open crmsync ${ms(run.crmsync.open)}, yls ${ms(run.yls?.open)}, floor ${ms(run.floor?.open)};`,
      `edit crmsync ${ms(run.crmsync.edits[0])}, debounce 0 ${ms(run.crmsync0.edits[0])}, yls ${ms(run.yls?.edits[0])} (run took ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
  }
  const rss = { crmsync: s.crmsync.peakRssMiB(), crmsync0: s.crmsync0.peakRssMiB(), yls: s.yls?.peakRssMiB() };
  await Promise.all(all.map((c) => c.stop()));
  return { n, lines: plan.text.split('\n').length - 1, bytes: Buffer.byteLength(plan.text), errors: plan.errors, unknownReferences: withRefs.unknownReferences, runs, rss, minRuns, maxRuns, compare };
}

log(`crmsync bench: sizes ${SIZES.join(', ')} on ${cpus().length} CPUs, node ${process.version}`);
const results = [];
let shippedDebounceMs;
for (let k = 0; k < SIZES.length; k++) {
  const n = SIZES[k];
  log(`N=${n}:`);
  results.push(await benchSize(n, started + BUDGET_MS));
}
const totalS = (performance.now() - started) / 1000;
const ylsVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')).version;
const md = renderReport(results, {
  totalS,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  memGiB: totalmem() / 2 ** 30,
  node: process.version,
  ylsVersion,
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  partial: !!(process.env.BENCH_SIZES || process.env.BENCH_RUNS),
  compareMax: COMPARE_MAX,
  debounceMs: shippedDebounceMs,
  previous: previousTargets(previousResults),
});
// Keep the section bench/dataverse.mjs writes (it runs after this script in `npm run bench`).
const dataverse = /\n## Dataverse commands at scale\n[\s\S]*?(?=\n## )/.exec(previousResults ?? '')?.[0];
const at = md.indexOf('\n## How it is measured');
writeFileSync(join(root, 'bench', 'results.md'), dataverse && at >= 0 ? `${md.slice(0, at)}${dataverse}${md.slice(at)}` : md);
writeFileSync(join(plansDir, 'raw.json'), JSON.stringify(results, null, 1)); // every sample, for a closer look
process.stdout.write(md);
log(`wrote bench/results.md (${totalS.toFixed(0)} s)`);
