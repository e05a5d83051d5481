/**
 * The BullMQ engine and its workers against a real redis-server: jobs run on
 * workers, progress and results reach the bot through BullMQ's events,
 * cancels, crashes retried then failed, the per-user cap, results told once
 * across replicas and after a bot was down, Redis restarts, a worker killed
 * with -9 mid-job, and Redis unreachable at start.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkRedisReachable } from '../../src/training/bull-shared.js';
import type { BullTrainingWorker } from '../../src/training/bull-worker.js';
import { freePort, redisAvailable, startRedis, type FakeRedis } from '../fakes/redis-server.js';
import { tempDir, waitUntil } from '../training/helpers.js';
import { inProcessWorker, newJob, openEngine, stopProcess, workerProcess } from './helpers.js';

const finished = <E extends { type: string; job: { id: number } }>(seen: E[], id: number): E[] => seen.filter((e) => e.type === 'finished' && e.job.id === id);

describe.skipIf(!redisAvailable)('BullMQ training engine (real redis-server)', () => {
  let redis: FakeRedis;
  const cleanups: (() => Promise<void> | void)[] = [];
  const root = () => {
    const dir = tempDir('pwbot-scale-');
    cleanups.push(dir.cleanup);
    return dir.path;
  };
  const engineOn = async (url: string, extra: Parameters<typeof openEngine>[1] = {}) => {
    const e = await openEngine(url, extra);
    cleanups.push(() => e.close());
    return e;
  };
  const workerOn = async (url: string, extra: Parameters<typeof inProcessWorker>[2] = {}): Promise<BullTrainingWorker> => {
    const w = inProcessWorker(url, root(), extra);
    await w.start();
    cleanups.push(() => w.close());
    return w;
  };

  beforeAll(async () => {
    redis = await startRedis({ persist: true });
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    // Each test starts from an empty Redis.
    const { Redis } = await import('ioredis');
    const r = new Redis(redis.url);
    await r.flushall();
    r.disconnect();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('runs a job on a worker: progress through BullMQ events, the result with history, host and path; /train workers lists it', async () => {
    const engine = await engineOn(redis.url);
    const worker = await workerOn(redis.url);
    const { job, position } = await engine.submit(newJob('test:alice', { epochs: 4 }));
    expect(job.status).toBe('queued');
    expect(position).toBe(0);
    const done = await engine.wait(job.id, 20_000);
    expect(done?.status).toBe('succeeded');
    expect(done?.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(done?.metrics?.testAccuracy).toBe(0.9);
    expect(done?.artifactPath?.startsWith(`${hostname()}:`)).toBe(true);
    expect(existsSync(`${done?.artifactPath?.slice(hostname().length + 1)}/model.txt`)).toBe(true);
    expect(done?.backend).toBe('external: fake-node');
    await waitUntil(() => finished(engine.seen, job.id).length === 1, 5000, 'the finished event');
    const types = engine.seen.filter((e) => e.job.id === job.id).map((e) => e.type);
    expect(types[0]).toBe('queued');
    expect(types).toContain('started');
    expect(types).toContain('progress');
    expect(types.at(-1)).toBe('finished');
    const workers = await engine.workers();
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatchObject({ id: worker.id, host: hostname(), pid: process.pid, backend: 'external', concurrency: 1 });
    expect(await engine.list({ limit: 10 })).toMatchObject([{ id: job.id, status: 'succeeded' }]);
  });

  it('spreads a burst of jobs from several users across workers; every replica lists everyone’s jobs', async () => {
    const a = await engineOn(redis.url);
    const b = await engineOn(redis.url);
    await workerOn(redis.url);
    await workerOn(redis.url);
    const submitted = await Promise.all(['alice', 'bob', 'carol', 'alice', 'bob', 'carol', 'dave', 'erin'].map((u, i) => (i % 2 === 0 ? a : b).submit(newJob(`test:${u}`, { epochs: 5 }))));
    const ids = submitted.map((s) => s.job.id);
    expect(new Set(ids).size).toBe(8);
    const done = await Promise.all(ids.map((id) => a.wait(id, 30_000)));
    expect(done.map((d) => d?.status)).toEqual(Array(8).fill('succeeded'));
    expect(new Set(done.map((d) => d?.owner)).size).toBe(2);
    const listed = await b.list({ limit: 20 });
    expect(listed.map((j) => j.id)).toEqual([...ids].sort((x, y) => y - x));
    expect((await b.list({ limit: 20, userKey: 'test:alice' })).map((j) => j.userKey)).toEqual(['test:alice', 'test:alice']);
    // Each result is told by exactly one of the two replicas.
    await waitUntil(() => ids.every((id) => finished(a.seen, id).length + finished(b.seen, id).length === 1), 10_000, 'one telling per job');
    await new Promise((r) => setTimeout(r, 300));
    for (const id of ids) expect(finished(a.seen, id).length + finished(b.seen, id).length).toBe(1);
  });

  it('ships a CSV dataset with the job, so a worker on another disk trains on the same bytes; refuses one too big to ship', async () => {
    const bot = root();
    const csv = 'x1,x2,label\n0.1,0.2,0\n0.9,0.8,1\n0.2,0.1,0\n0.8,0.9,1\n';
    writeFileSync(join(bot, 'mine.csv'), csv);
    const engine = await engineOn(redis.url, { maxDatasetBytes: 200 });
    const workerRoot = root();
    const w = inProcessWorker(redis.url, workerRoot);
    await w.start();
    cleanups.push(() => w.close());
    const withCsv = (path: string) => ({ ...newJob('test:alice'), dataset: { kind: 'csv' as const, name: 'mine.csv', path, origin: 'attached' as const, label: 'label' } });
    const { job } = await engine.submit(withCsv(join(bot, 'mine.csv')));
    expect((await engine.wait(job.id, 20_000))?.status).toBe('succeeded');
    const shipped = join(workerRoot, 'models', `job-${job.id}`);
    expect(readFileSync(join(shipped, 'dataset.csv'), 'utf8')).toBe(csv);
    expect(JSON.parse(readFileSync(join(shipped, 'params.json'), 'utf8')).data).toBe(join(shipped, 'dataset.csv'));
    writeFileSync(join(bot, 'big.csv'), `x1,label\n${'0.5,1\n'.repeat(100)}`);
    await expect(engine.submit(withCsv(join(bot, 'big.csv')))).rejects.toThrow(/^mine\.csv is 609 bytes; a job run by a remote worker carries its data through Redis, up to 200 bytes\./);
  });

  it('cancels a queued job at once and a running one within an epoch', async () => {
    const engine = await engineOn(redis.url);
    const queued = (await engine.submit(newJob('test:alice'))).job;
    const cancelled = await engine.cancel(queued.id, 'test:alice');
    expect(cancelled.outcome).toBe('cancelled');
    expect((await engine.get(queued.id))?.status).toBe('cancelled');
    await waitUntil(() => finished(engine.seen, queued.id).length === 1, 5000, 'the cancelled job told');

    await workerOn(redis.url);
    const slow = (await engine.submit(newJob('test:alice', { epochs: 200, seed: 777 }))).job;
    await waitUntil(() => engine.seen.some((e) => e.type === 'progress' && e.job.id === slow.id && e.job.history.length >= 1), 15_000, 'the first epoch');
    const asked = await engine.cancel(slow.id, 'test:bob');
    expect(asked.outcome).toBe('requested');
    const ended = await engine.wait(slow.id, 10_000);
    expect(ended?.status).toBe('cancelled');
    expect(ended?.note).toMatch(/^cancelled by test:bob after \d+ of 200 epochs/);
    expect(ended?.history.length).toBeLessThan(200);
    expect((await engine.cancel(slow.id, 'test:bob')).outcome).toBe('already-finished');
    expect((await engine.cancel(9999, 'test:bob')).outcome).toBe('not-found');
  });

  it('retries a crashing trainer, then marks the job failed with the last error (not retried for ever)', async () => {
    const engine = await engineOn(redis.url);
    await workerOn(redis.url);
    const { job } = await engine.submit(newJob('test:alice', { seed: 666 }));
    const ended = await engine.wait(job.id, 20_000);
    expect(ended?.status).toBe('failed');
    expect(ended?.attempts).toBe(3);
    expect(ended?.error).toMatch(/attempt 3 of 3: the trainer died/);
    expect(ended?.error).toMatch(/CUDA out of memory|exit/);
    expect(engine.seen.filter((e) => e.type === 'requeued' && e.job.id === job.id).length).toBeGreaterThanOrEqual(1);
  });

  it('holds each user to TRAIN_MAX_QUEUED_PER_USER across replicas, and frees the slot when a job ends', async () => {
    const a = await engineOn(redis.url, { maxQueuedPerUser: 2 });
    const b = await engineOn(redis.url, { maxQueuedPerUser: 2 });
    const first = (await a.submit(newJob('test:alice'))).job;
    await b.submit(newJob('test:alice'));
    await expect(b.submit(newJob('test:alice'))).rejects.toThrow(/already have 2 training jobs queued or running \(#1, #2\); the limit is 2/);
    await b.submit(newJob('test:bob'));
    await a.cancel(first.id, 'test:alice');
    await expect(a.submit(newJob('test:alice'))).resolves.toMatchObject({ job: { status: 'queued' } });
  });

  it('tells a result that ended while every bot was down when a bot comes back', async () => {
    const first = await openEngine(redis.url);
    const { job } = await first.submit(newJob('test:alice', { epochs: 3 }));
    await first.close();
    await workerOn(redis.url);
    // The job ends with no bot running…
    const { Queue } = await import('bullmq');
    const q = new Queue('training', { connection: { url: redis.url }, prefix: 'pwbot' });
    for (let i = 0; i < 200 && (await q.getJobState(`train-${job.id}`)) !== 'completed'; i++) await new Promise((r) => setTimeout(r, 50));
    await q.close();
    // …and the next bot to start tells it, once.
    const back = await engineOn(redis.url);
    await waitUntil(() => finished(back.seen, job.id).length === 1, 5000, 'the missed result');
    expect(finished(back.seen, job.id)[0]?.job.status).toBe('succeeded');
    const again = await engineOn(redis.url);
    await new Promise((r) => setTimeout(r, 300));
    expect(finished(again.seen, job.id)).toHaveLength(0);
  });

  it('carries on across a Redis restart: the worker and the bot reconnect and the job ends', async () => {
    const engine = await engineOn(redis.url);
    await workerOn(redis.url, { stallMs: 3000 });
    const { job } = await engine.submit(newJob('test:alice', { epochs: 12, seed: 777 }));
    await waitUntil(() => engine.seen.some((e) => e.type === 'progress' && e.job.id === job.id), 15_000, 'progress');
    await redis.restart();
    const ended = await engine.wait(job.id, 40_000);
    expect(ended?.status).toBe('succeeded');
    expect(ended?.history).toHaveLength(12);
    // New work after the restart goes through too.
    const next = (await engine.submit(newJob('test:bob'))).job;
    expect((await engine.wait(next.id, 20_000))?.status).toBe('succeeded');
  }, 90_000);

  it('re-runs the job of a worker killed with -9 mid-job on another worker, and says it was restarted', async () => {
    const engine = await engineOn(redis.url);
    const doomed = workerProcess(redis.url, root(), { FAKE_TRAINER_SLOW_MS: '150' });
    cleanups.push(() => stopProcess(doomed.child, 'SIGKILL'));
    await doomed.ready;
    const { job } = await engine.submit(newJob('test:alice', { epochs: 20, seed: 777 }));
    await waitUntil(() => engine.seen.some((e) => e.type === 'progress' && e.job.id === job.id && e.job.history.length >= 2), 20_000, 'progress on the doomed worker');
    const firstOwner = (await engine.get(job.id))?.owner;
    expect(firstOwner).toBeDefined();
    expect(firstOwner).not.toContain(`:${process.pid}:`);
    await stopProcess(doomed.child, 'SIGKILL');
    await workerOn(redis.url, { stallMs: 1000 });
    const ended = await engine.wait(job.id, 40_000);
    expect(ended?.status).toBe('succeeded');
    expect(ended?.owner).not.toBe(firstOwner);
    expect(ended?.history).toHaveLength(20);
    expect(ended?.note).toMatch(/restarted: the worker running it stopped/);
    expect(engine.seen.some((e) => e.type === 'requeued' && e.job.id === job.id)).toBe(true);
  }, 90_000);

  it('gives a running job back at once when its worker is stopped (SIGTERM), without spending an attempt', async () => {
    const engine = await engineOn(redis.url);
    const leaving = workerProcess(redis.url, root(), { FAKE_TRAINER_SLOW_MS: '150', TRAIN_STALL_MS: '60000' });
    cleanups.push(() => stopProcess(leaving.child, 'SIGKILL'));
    await leaving.ready;
    const { job } = await engine.submit(newJob('test:alice', { epochs: 12, seed: 777 }));
    await waitUntil(() => engine.seen.some((e) => e.type === 'progress' && e.job.id === job.id && e.job.history.length >= 1), 20_000, 'progress on the leaving worker');
    await stopProcess(leaving.child, 'SIGTERM');
    expect(leaving.output()).toContain('training job given back at shutdown');
    // Back in the queue now, not after the 60 s lock: the next worker takes it.
    expect((await engine.get(job.id))?.status).toBe('queued');
    await workerOn(redis.url);
    const ended = await engine.wait(job.id, 20_000);
    expect(ended?.status).toBe('succeeded');
    expect(ended?.history).toHaveLength(12);
  }, 60_000);

  it('refuses to start, in one line naming REDIS_URL, when Redis cannot be reached', async () => {
    const port = await freePort();
    await expect(checkRedisReachable(`redis://user:secret@127.0.0.1:${port}`, 2000)).rejects.toThrow(new RegExp(`^Cannot reach Redis at REDIS_URL=redis://user:\\*\\*\\*@127.0.0.1:${port}`));
    await expect(openEngine(`redis://127.0.0.1:${port}`)).rejects.toThrow(/REDIS_URL/);
    // `npm run worker`: that one line on stderr, exit status 1, no reconnect loop.
    const dead = workerProcess(`redis://127.0.0.1:${port}`, root());
    await expect(dead.ready).rejects.toThrow(new RegExp(`exited \\(1\\)[^\\n]*\\n+pwbot-worker: Cannot reach Redis at REDIS_URL=redis://127.0.0.1:${port}/? \\(connect ECONNREFUSED[^\\n]*\\n*$`));
  });
});
