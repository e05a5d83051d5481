/**
 * /train benchmarks, side by side in one run:
 *
 * 1. Training throughput (samples/second) for every TF.js backend that loads
 *    on this machine, for the article's model (10 → 10 → 1) and the
 *    10 → 256 → 256 → 1 MLP, on a generated 100 000-row dataset, batch 32 (the
 *    article's). Each measurement is a time-boxed slice of the first epoch, so
 *    the slow pure-JS backend does not take minutes. FLOPs per sample are
 *    written next to each row (training ≈ 3 × the forward pass), with the
 *    achieved GFLOP/s.
 * 2. The bot's reply latency (`/train status`) idle, while a job trains in
 *    the worker process, and — the peer we avoid — while the same training
 *    runs inside the bot's process.
 * 3. What the bot's process itself does with a dataset: validating the
 *    largest CSV a user may attach (TRAIN_MAX_FILE_BYTES) before queuing it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import type { IncomingMessage } from '../src/core/message.js';
import type { Responder } from '../src/core/reply.js';
import { parseCsvDataset, parseCsvDatasetAsync } from '../src/training/data/csv.js';
import { datasetToCsv, generateDataset } from '../src/training/data/generate.js';
import { prepareData } from '../src/training/data/prepare.js';
import { ARTICLE_DEFAULTS, type TrainParams } from '../src/training/params.js';
import { BACKENDS, selectBackend } from '../src/training/tf/backends.js';
import { flopsPerSample } from '../src/training/tf/model.js';
import { trainModel } from '../src/training/tf/train.js';
import train from '../commands/train.js';
import { jobOrigin } from '../src/bot/training/origin.js';
import { trainingService } from '../src/bot/training/service.js';
import { testAdapter, testBot } from '../test/fakes/bot.js';
import { fmtMs, fmtRatio, measure, summarize, type Bench } from './lib.js';

const ROWS = 100_000;
const MODELS: { name: string; hidden: number[] }[] = [
  { name: 'article 10→10→1', hidden: [10] },
  { name: 'MLP 10→256→256→1', hidden: [256, 256] },
];

function fmtFlops(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} MFLOP` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kFLOP` : `${n} FLOP`;
}

async function throughput(bench: Bench): Promise<void> {
  const budgetMs = bench.quick ? 1500 : 4000;
  const data = prepareData(generateDataset({ generator: 'linear', rows: ROWS, features: 10, seed: 42 }), { valSplit: 0, testSplit: 0.01, seed: 42 });
  const rates = new Map<string, number>();
  for (const backend of BACKENDS) {
    let tf;
    try {
      tf = (await selectBackend(backend)).tf;
    } catch (error) {
      bench.row('train', `${backend}: not available`, '–', (error as Error).message.replace(/^TRAIN_BACKEND=\S+, but that backend is not available: /, ''));
      continue;
    }
    for (const model of MODELS) {
      const params: TrainParams = { ...ARTICLE_DEFAULTS, model: model.hidden.length === 1 ? 'small' : 'mlp', hidden: model.hidden, epochs: 1, valSplit: 0 };
      // Warm-up: kernels compile / allocate on the first batches.
      const warm = await trainModel(tf, data, params, { timeBudgetMs: 200 });
      warm.model.dispose();
      const run = await trainModel(tf, data, params, { timeBudgetMs: budgetMs });
      run.model.dispose();
      const perSecond = (run.samplesSeen / run.fitMs) * 1000;
      const flops = flopsPerSample({ features: 10, hidden: model.hidden });
      rates.set(`${backend}|${model.name}`, perSecond);
      bench.row(
        'train',
        `${backend}: ${model.name}, batch 32 (samples/s)`,
        perSecond.toFixed(0),
        `FLOPs/sample: ${fmtFlops(flops.train)} train (${fmtFlops(flops.forward)} forward) → ${((perSecond * flops.train) / 1e9).toFixed(3)} GFLOP/s; ${run.samplesSeen} of ${data.train.rows} rows in ${fmtMs(run.fitMs)}`,
      );
    }
  }
  // Backends are tried fastest first, so the cpu rows come last: the ratios follow them.
  for (const model of MODELS) {
    const cpu = rates.get(`cpu|${model.name}`);
    for (const backend of BACKENDS.filter((b) => b !== 'cpu')) {
      const rate = rates.get(`${backend}|${model.name}`);
      if (cpu && rate) bench.row('train', `${backend} vs cpu: ${model.name}`, fmtRatio(rate / cpu), 'samples/s ratio, same run');
    }
  }
}

async function latency(bench: Bench): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'pwbot-bench-train-'));
  const config = loadConfig({ DATA_DIR: join(root, 'data'), OUT_DIR: join(root, 'out'), TRAIN_BACKEND: 'cpu' }, undefined);
  const bot = testBot([train], { config });
  const conversation = { platform: 'cli' as const, channel: 'bench' };
  // The one-shot CLI's capabilities, as before: a local operator, nothing outlives the reply.
  const adapter = testAdapter('cli');
  const message = (text: string): IncomingMessage => ({ id: 'b', platform: 'cli', user: { id: 'bench' }, conversation, text, files: [], receivedAt: new Date() });
  const responder: Responder = { send: async () => ({ ref: { conversation, id: '1' }, update: async () => undefined, followUp: async () => { throw new Error('unused'); } }) };
  // Probes are spread out (a chat user sends a message now and then, not a tight loop); the pause is not timed.
  const probe = async (iterations: number) => {
    const samples: number[] = [];
    for (let i = 0; i < iterations + 3; i++) {
      const t0 = performance.now();
      // A chat message arrives as I/O: it is handled on a later turn of the event loop, which an
      // in-process fit holds. (The reply itself does no I/O since charts became specs, so without
      // this turn the probe would run between two fit steps and never wait.)
      await new Promise((r) => setImmediate(r));
      await bot.handle(message('/train status 1'), responder, { adapter });
      if (i >= 3) samples.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return summarize(samples);
  };
  const iterations = bench.quick ? 30 : 100;
  try {
    const service = await bot.services.get(trainingService);
    service.submit({ userKey: 'cli:bench', origin: jobOrigin(conversation), resumable: false, params: { ...ARTICLE_DEFAULTS, hidden: [10], epochs: 1 }, dataset: { source: { kind: 'generated', generator: 'linear', rows: 100, features: 10 }, rows: 100, features: 10 } });
    await service.queue.wait(1);
    const idle = await probe(iterations);

    const job = service.submit({
      userKey: 'cli:bench',
      origin: jobOrigin(conversation),
      resumable: false,
      params: { ...ARTICLE_DEFAULTS, model: 'mlp', hidden: [256, 256], epochs: 50 },
      dataset: { source: { kind: 'generated', generator: 'linear', rows: 20_000, features: 10 }, rows: 20_000, features: 10 },
    }).job;
    const started = Date.now();
    while ((service.store.get(job.id)?.history.length ?? 0) < 1 && service.queue.progressOf(job.id)?.batch === undefined) {
      if (Date.now() - started > 30_000) throw new Error('the benchmark job did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const busy = await probe(iterations);
    const stillRunning = service.store.get(job.id)?.status === 'running';
    service.queue.cancel(job.id, 'cli:bench');
    await service.queue.wait(job.id);

    // The peer: the same fit inside the bot's own process (what a naive bot would do).
    const tf = (await selectBackend('cpu')).tf;
    const data = prepareData(generateDataset({ generator: 'linear', rows: 20_000, features: 10, seed: 42 }), { valSplit: 0.2, testSplit: 0.2, seed: 42 });
    let stop = false;
    const inProcess = trainModel(tf, data, { ...ARTICLE_DEFAULTS, model: 'mlp', hidden: [256, 256], epochs: 50 }, { shouldStop: () => stop });
    // Each probe waits for the fit to yield, so a few are enough.
    const blocked = await probe(bench.quick ? 5 : 15);
    stop = true;
    (await inProcess).model.dispose();

    bench.row('train', 'reply latency idle: /train status (p50)', fmtMs(idle.p50Ms), `p99 ${fmtMs(idle.p99Ms)}, n=${idle.n}`);
    bench.row('train', 'reply latency, job training in the worker process (p50)', fmtMs(busy.p50Ms), `p99 ${fmtMs(busy.p99Ms)}; vs idle p50 ${fmtRatio(busy.p50Ms / idle.p50Ms)}, p99 ${fmtRatio(busy.p99Ms / idle.p99Ms)}${stillRunning ? '' : ' (job ended early!)'}`);
    bench.row('train', 'peer: same fit inside the bot process (p50)', fmtMs(blocked.p50Ms), `p99 ${fmtMs(blocked.p99Ms)}, max ${fmtMs(blocked.maxMs)}; vs worker p99 ${fmtRatio(blocked.p99Ms / busy.p99Ms)}`);
  } finally {
    await bot.shutdown();
    rmSync(root, { recursive: true, force: true });
  }
}

async function csvValidation(bench: Bench): Promise<void> {
  const config = loadConfig({}, undefined);
  // Rows of 10 features at full float precision: about 200 bytes each; stay just under the byte limit.
  const rows = Math.min(config.TRAIN_MAX_ROWS, Math.floor(config.TRAIN_MAX_FILE_BYTES / 215));
  const csv = Buffer.from(datasetToCsv(generateDataset({ generator: 'linear', rows, features: 10, seed: 1 })));
  const limits = { name: 'bench.csv', maxBytes: config.TRAIN_MAX_FILE_BYTES, maxRows: config.TRAIN_MAX_ROWS, maxColumns: config.TRAIN_MAX_COLUMNS };
  const iterations = bench.quick ? 2 : 5;
  const blocking = await measure(() => parseCsvDataset(csv, limits), { iterations, warmup: 1 });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const sliced = await measure(() => parseCsvDatasetAsync(csv, limits), { iterations, warmup: 1 });
  delay.disable();
  const label = `${(csv.length / 1e6).toFixed(1)} MB, ${rows} rows`;
  bench.row('train', `validate an attached CSV, one blocking parse (${label})`, fmtMs(blocking.p50Ms), 'the event loop is blocked for all of it (the peer)');
  bench.row(
    'train',
    `validate an attached CSV, sliced parse as the bot does (${label})`,
    fmtMs(sliced.p50Ms),
    `longest event-loop stall ${fmtMs(delay.max / 1e6)} (p99 ${fmtMs(delay.percentile(99) / 1e6)}); total time vs blocking ${fmtRatio(sliced.p50Ms / blocking.p50Ms)}`,
  );
}

export default async function trainingBench(bench: Bench): Promise<void> {
  await throughput(bench);
  await latency(bench);
  await csvValidation(bench);
}
