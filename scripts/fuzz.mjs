// `npm run fuzz`: property-based fuzzing of the analysis core, 100,000 cases by default, on every
// core in worker threads. The generators and properties live in test/robustness/ (compiled to
// out/ by `npm run build:test`, which `npm run fuzz` runs first). Failures are grouped by
// signature, shrunk, and saved to test/robustness/regressions/, which `npm test` re-runs.
// A worker that stops making progress (a hang) is ended and its current input saved as-is.
//
//   npm run fuzz -- [--runs N] [--fix-all-runs N] [--each-fix-runs N] [--incremental-runs N] [--seed S] [--workers N] [--chunk N]
//                   [--shrink-ms MS] [--hang-ms MS] [--surrogates] [--no-save]
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const RUNNER = fileURLToPath(new URL('../out/test/robustness/fuzz-run.js', import.meta.url));
const CAPACITY = 2 << 20; // UTF-16 code units of the current input kept for the hang watchdog

// The yaml package reports lossy conversions through process.emitWarning; not fuzz output.
process.removeAllListeners('warning');
process.on('warning', () => undefined);

if (!isMainThread) {
  const { runChunk } = require(RUNNER);
  const { shared } = workerData;
  const header = new Int32Array(shared, 0, 2);
  const units = new Uint16Array(shared, 8, CAPACITY);
  const onCase = (text) => {
    const n = Math.min(text.length, CAPACITY);
    for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
    Atomics.store(header, 1, n);
    Atomics.add(header, 0, 1);
  };
  parentPort.on('message', (job) => {
    const result = runChunk(job.kind, job.seed, job.runs, { onCase, shrinkMs: job.shrinkMs, known: new Set(job.known), surrogates: job.surrogates });
    parentPort.postMessage({ job, result });
  });
} else {
  await main();
}

function parseArgs(argv) {
  const opts = {
    runs: 100_000,
    fixAllRuns: 10_000,
    eachFixRuns: 5_000,
    incrementalRuns: 5_000,
    seed: Math.floor(Math.random() * 2 ** 31),
    workers: availableParallelism(),
    chunk: 500,
    shrinkMs: 20_000,
    hangMs: 30_000,
    surrogates: false,
    save: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a number`);
      return v;
    };
    if (a === '--runs') opts.runs = num();
    else if (a === '--fix-all-runs') opts.fixAllRuns = num();
    else if (a === '--each-fix-runs') opts.eachFixRuns = num();
    else if (a === '--incremental-runs') opts.incrementalRuns = num();
    else if (a === '--seed') opts.seed = num();
    else if (a === '--workers') opts.workers = Math.max(1, num());
    else if (a === '--chunk') opts.chunk = Math.max(1, num());
    else if (a === '--shrink-ms') opts.shrinkMs = num();
    else if (a === '--hang-ms') opts.hangMs = num();
    else if (a === '--surrogates') opts.surrogates = true;
    else if (a === '--no-save') opts.save = false;
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

async function main() {
  if (!existsSync(RUNNER)) {
    console.error('fuzz: out/test/robustness/fuzz-run.js is missing; run `npm run build:test` first (npm run fuzz does).');
    process.exit(2);
  }
  const { saveRegression, formatFailure } = require(RUNNER);
  const opts = parseArgs(process.argv.slice(2));
  const jobs = [];
  let seed = opts.seed;
  for (const [kind, total] of [
    ['analysis', opts.runs],
    ['fix-all', opts.fixAllRuns],
    ['each-fix', opts.eachFixRuns],
    ['incremental', opts.incrementalRuns],
  ]) {
    for (let done = 0; done < total; done += opts.chunk)
      jobs.push({ kind, seed: seed++, runs: Math.min(opts.chunk, total - done), shrinkMs: opts.shrinkMs, surrogates: opts.surrogates });
  }
  console.log(
    `fuzz: ${opts.runs} analysis + ${opts.fixAllRuns} fix-all + ${opts.eachFixRuns} each-fix + ${opts.incrementalRuns} incremental cases, seed ${opts.seed}, ${opts.workers} workers, chunks of ${opts.chunk}`,
  );

  const started = Date.now();
  const cases = { analysis: 0, 'fix-all': 0, 'each-fix': 0, incremental: 0 };
  const failures = new Map(); // signature (after shrinking) → failure (first, shrunk) with a total count
  const rawSignatures = new Set(); // signatures as generated, already shrunk once
  const saved = [];
  let slowest = { ms: 0, text: '', kind: '' };
  let next = 0;
  let finished = 0;

  const record = (f) => {
    rawSignatures.add(f.rawSignature);
    const seen = failures.get(f.signature);
    if (seen) {
      seen.count += f.count;
      return;
    }
    failures.set(f.signature, { ...f });
    if (opts.save) saved.push(saveRegression(f));
  };

  await new Promise((resolveAll) => {
    if (jobs.length === 0) return resolveAll();
    const startWorker = () => {
      const shared = new SharedArrayBuffer(8 + 2 * CAPACITY);
      const header = new Int32Array(shared, 0, 2);
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { shared } });
      let job;
      let lastCount = -1;
      let lastChange = Date.now();
      let jobStartCount = 0;
      const watchdog = setInterval(() => {
        const count = Atomics.load(header, 0);
        if (count !== lastCount) {
          lastCount = count;
          lastChange = Date.now();
          return;
        }
        if (!job || Date.now() - lastChange < opts.hangMs) return;
        // A hang: save the input the worker is stuck on, count the chunk's cases so far, go on.
        const n = Atomics.load(header, 1);
        const units = new Uint16Array(shared, 8, n);
        let text = '';
        for (let i = 0; i < n; i += 8192) text += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 8192)));
        clearInterval(watchdog);
        void worker.terminate();
        // The counter also beats while shrinking, so this is an upper bound.
        cases[job.kind] += Math.min(job.runs, Math.max(0, count - jobStartCount));
        record({
          kind: job.kind,
          seed: job.seed,
          property: 'hang',
          signature: `hang ${job.kind}`,
          rawSignature: `hang ${job.kind}`,
          message: `no progress for ${opts.hangMs} ms`,
          text,
          probe: 0,
          shrunk: false,
          count: 1,
        });
        finished++;
        job = undefined;
        if (finished === jobs.length) resolveAll();
        else startWorker();
      }, 1000);
      const give = () => {
        if (next >= jobs.length) {
          clearInterval(watchdog);
          void worker.terminate();
          return;
        }
        job = jobs[next++];
        jobStartCount = Atomics.load(header, 0);
        worker.postMessage({ ...job, known: [...rawSignatures] });
      };
      worker.on('message', ({ job: done, result }) => {
        cases[done.kind] += result.cases;
        for (const f of result.failures) record(f);
        if (result.slowestMs > slowest.ms) slowest = { ms: result.slowestMs, text: result.slowestText, kind: done.kind };
        finished++;
        const total = cases.analysis + cases['fix-all'] + cases['each-fix'] + cases.incremental;
        if (finished % 20 === 0) process.stdout.write(`  ${total} cases, ${failures.size} distinct failures, ${Math.round((Date.now() - started) / 1000)} s\n`);
        if (finished === jobs.length) {
          clearInterval(watchdog);
          void worker.terminate();
          resolveAll();
          return;
        }
        give();
      });
      worker.on('error', (err) => {
        clearInterval(watchdog);
        console.error(`fuzz: worker failed: ${err?.stack ?? err}`);
        if (job) {
          record({
            kind: job.kind,
            seed: job.seed,
            property: 'worker-crash',
            signature: `worker-crash ${job.kind}`,
            rawSignature: `worker-crash ${job.kind}`,
            message: String(err?.stack ?? err),
            text: '',
            probe: 0,
            shrunk: false,
            count: 1,
          });
          finished++;
        }
        if (finished === jobs.length) resolveAll();
        else startWorker();
      });
      give();
    };
    for (let i = 0; i < Math.min(opts.workers, jobs.length); i++) startWorker();
  });

  const seconds = (Date.now() - started) / 1000;
  const total = cases.analysis + cases['fix-all'] + cases['each-fix'] + cases.incremental;
  const failed = [...failures.values()].reduce((n, f) => n + f.count, 0);
  console.log('');
  console.log('fuzz summary');
  console.log(`  cases:    ${total} (${cases.analysis} analysis, ${cases['fix-all']} fix-all, ${cases['each-fix']} each-fix, ${cases.incremental} incremental), seed ${opts.seed}`);
  console.log(`  failures: ${failed} failing cases, ${failures.size} distinct`);
  console.log(`  time:     ${seconds.toFixed(1)} s (${Math.round(total / seconds)} cases/s on ${opts.workers} workers)`);
  console.log(
    `  slowest:  ${slowest.ms.toFixed(1)} ms (${slowest.kind}, ${slowest.text.length} characters): ${JSON.stringify(slowest.text.slice(0, 120))}${slowest.text.length > 120 ? '…' : ''}`,
  );
  for (const f of failures.values()) console.log(`  - ${formatFailure(f)}`);
  for (const file of saved) console.log(`  saved ${file}`);
  process.exit(failures.size ? 1 : 0);
}
