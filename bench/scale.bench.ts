/**
 * The training queue's two engines side by side, in one run: enqueue → start
 * latency (p50/p99, as the bot hears the job start) and jobs/s for N tiny
 * jobs (a shell trainer that is done at once) on the embedded SQLite engine
 * and on BullMQ with 1 and 4 workers against a real redis-server on
 * loopback; and the progress latency from a trainer's epoch line to the
 * event the chat reporter edits the message from (the reporter then paces
 * edits to one a second by design). `--quick`: 100 jobs instead of 1,000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logging.js';
import { openBullJobQueue } from '../src/training/bull-queue.js';
import type { JobEvent } from '../src/training/events.js';
import type { NewJob } from '../src/training/job-record.js';
import { ARTICLE_DEFAULTS, DEFAULT_HIDDEN } from '../src/training/params.js';
import type { JobQueue } from '../src/training/queue-engine.js';
import { openTrainingService } from '../src/training/service.js';
import { redisAvailable, startRedis } from '../test/fakes/redis-server.js';
import { stopProcess, workerProcess } from '../test/scale/helpers.js';
import { fmtMs, percentile, type Bench } from './lib.js';

const log = createLogger({ level: 'silent' });
const INSTANT = `/bin/sh ${fileURLToPath(new URL('../test/scale/fixtures/instant-trainer.sh', import.meta.url))}`;
const STAMPED = `${process.execPath} ${fileURLToPath(new URL('../test/scale/fixtures/fake-trainer.mjs', import.meta.url))} {params}`;

const job = (i: number, epochs = 1, seed = 1): NewJob => ({
  userKey: `bench:u${i}`,
  origin: { conversation: { platform: 'bench', channel: 'C1' } },
  resumable: true,
  params: { ...ARTICLE_DEFAULTS, hidden: [...DEFAULT_HIDDEN.small], epochs, seed },
  dataset: { kind: 'generated', generator: 'linear', rows: 20, features: 2 },
  datasetRows: 20,
  datasetFeatures: 2,
  runner: 'external',
});

/** Submit n jobs at once; enqueue→start latencies and the rate from the first submit to the last result. */
async function burst(engine: JobQueue, n: number): Promise<{ p50: number; p99: number; perSecond: number }> {
  const submittedAt = new Map<number, number>();
  const startedAt = new Map<number, number>();
  const ended = new Set<number>();
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  const off = engine.on((e: JobEvent) => {
    if (e.type === 'started' && !startedAt.has(e.job.id)) startedAt.set(e.job.id, performance.now());
    if (e.type === 'finished' && !ended.has(e.job.id)) {
      ended.add(e.job.id);
      if (ended.size === n) resolveAll();
    }
  });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const before = performance.now();
      const { job: j } = await engine.submit(job(i));
      submittedAt.set(j.id, before);
    }),
  );
  await all;
  const total = performance.now() - t0;
  off();
  const lat = [...startedAt].map(([id, at]) => at - (submittedAt.get(id) ?? at)).sort((a, b) => a - b);
  return { p50: percentile(lat, 50), p99: percentile(lat, 99), perSecond: (n / total) * 1000 };
}

/** Trainer epoch line (wall-clock stamped) → the engine's progress event. */
async function progressLatency(engine: JobQueue, epochs: number): Promise<{ p50: number; p99: number; n: number }> {
  const lat: number[] = [];
  let seen = 0;
  const off = engine.on((e) => {
    if (e.type !== 'progress' || e.job.history.length <= seen) return;
    seen = e.job.history.length;
    const stamp = e.job.history.at(-1)?.ms;
    if (stamp !== undefined && stamp > 1e12) lat.push(Date.now() - stamp);
  });
  const { job: j } = await engine.submit(job(999_999, epochs, 777));
  await engine.wait(j.id, 60_000);
  off();
  lat.sort((a, b) => a - b);
  return { p50: percentile(lat, 50), p99: percentile(lat, 99), n: lat.length };
}

export default async function scaleBench(b: Bench): Promise<void> {
  const n = b.quick ? 100 : 1000;
  const epochs = b.quick ? 10 : 30;
  process.env.FAKE_TRAINER_STAMP = '1';
  process.env.FAKE_TRAINER_SLOW_MS = '100';
  const root = mkdtempSync(join(tmpdir(), 'pwbot-bench-scale-'));
  const config = (extra: Record<string, string>) =>
    loadConfig({ DATA_DIR: join(root, extra.DIR ?? 'x'), OUT_DIR: join(root, 'out'), TRAIN_BACKEND: 'cpu', TRAIN_MAX_QUEUED_PER_USER: '1000', ...extra }, undefined);
  try {
    // The embedded engine, as the bot runs it without REDIS_URL (its own 1 s tick and event-driven pump).
    for (const [name, command] of [['tiny jobs', INSTANT], ['progress', STAMPED]] as const) {
      const service = openTrainingService(config({ DIR: `sqlite-${name}`, TRAIN_COMMAND: command }), log, { canReport: () => true });
      await service.jobs.start();
      try {
        if (name === 'tiny jobs') {
          const r = await burst(service.jobs, n);
          b.row('scale', `sqlite engine: enqueue→start p50 (${n} tiny jobs)`, fmtMs(r.p50), `p99 ${fmtMs(r.p99)}; ${r.perSecond.toFixed(1)} jobs/s; TRAIN_CONCURRENCY=1`);
        } else {
          const r = await progressLatency(service.jobs, epochs);
          b.row('scale', 'sqlite engine: progress latency trainer→chat event p50', fmtMs(r.p50), `p99 ${fmtMs(r.p99)}, n=${r.n}; the reporter then edits at most once a second`);
        }
      } finally {
        await service.close();
      }
    }
    if (!redisAvailable) {
      b.row('scale', 'bullmq engine: not measured', '–', 'no redis-server here (Debian: apt-get install redis-server)');
      return;
    }
    const redis = await startRedis();
    try {
      for (const workers of [1, 4]) {
        for (const [name, command] of [['tiny jobs', INSTANT], ['progress', STAMPED]] as const) {
          if (name === 'progress' && workers === 4) continue;
          const engine = await openBullJobQueue({ redisUrl: redis.url, log, maxQueuedPerUser: 1000, maxAttempts: 3, runnerKind: 'external', readDataset: async () => Buffer.alloc(0), canReport: () => true });
          await engine.start();
          // Worker processes, as deployed (in this process they would share the bot's one event loop).
          const pool = Array.from({ length: workers }, (_, i) => workerProcess(redis.url, join(root, `w${i}`), { TRAIN_COMMAND: command, TRAIN_STALL_MS: '30000' }));
          await Promise.all(pool.map((w) => w.ready));
          try {
            if (name === 'tiny jobs') {
              const r = await burst(engine, n);
              b.row('scale', `bullmq, ${workers} worker process${workers === 1 ? '' : 'es'}: enqueue→start p50 (${n} tiny jobs)`, fmtMs(r.p50), `p99 ${fmtMs(r.p99)}; ${r.perSecond.toFixed(1)} jobs/s; worker processes, redis-server on loopback`);
            } else {
              const r = await progressLatency(engine, epochs);
              b.row('scale', 'bullmq: progress latency worker→chat event p50', fmtMs(r.p50), `p99 ${fmtMs(r.p99)}, n=${r.n}; via job.updateProgress and QueueEvents`);
            }
          } finally {
            await Promise.all(pool.map((w) => stopProcess(w.child)));
            await engine.close();
            const { Redis } = await import('ioredis');
            const r = new Redis(redis.url);
            await r.flushall();
            r.disconnect();
          }
        }
      }
    } finally {
      await redis.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
