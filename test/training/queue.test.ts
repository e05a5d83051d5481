/**
 * The queue with real trainer processes (TF.js on the cpu backend, and the
 * example external trainer), real SQLite files in temp folders.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { renderChart } from '../../src/charts/index.js';
import { openDatabase } from '../../src/storage/index.js';
import type { TrainParams } from '../../src/training/params.js';
import type { JobEvent } from '../../src/training/events.js';
import { openTrainingService, type ResolvedDataset, type TrainingService } from '../../src/training/service.js';
import { JobStore } from '../../src/training/store.js';
import { alive, killQueueHostWhen, silentLog, tempDir, testConfig, waitUntil } from './helpers.js';

const PARAMS: TrainParams = { model: 'small', hidden: [10], epochs: 10, batch: 32, lr: 0.001, valSplit: 0.2, testSplit: 0.2, seed: 42 };
const generated = (rows = 100): ResolvedDataset => ({ source: { kind: 'generated', generator: 'linear', rows, features: 10 }, rows, features: 10 });
const conversation = { platform: 'console' as const, channel: 'console' };
/** Where a job reports: opaque to the feature, which must keep it exactly (here, the chat layer's shape). */
const origin = { conversation, progressRef: { conversation, id: 'm1' } };
/** The shared renderer, handed in as the chat layer does (the feature does not render). */
const drawChart = async (spec: Parameters<typeof renderChart>[0]) => (await renderChart(spec)).png;
const EXAMPLE = fileURLToPath(new URL('../../examples/train_external.py', import.meta.url));


describe('training queue', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  function service(root: string, env: Record<string, string> = {}, options: Parameters<typeof openTrainingService>[2] = {}): TrainingService {
    const s = openTrainingService(testConfig(root, env), silentLog, { canReport: () => true, drawChart, ...options });
    cleanups.push(() => s.close());
    s.queue.start();
    return s;
  }
  function root(): string {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    return dir.path;
  }
  const submit = (s: TrainingService, params: Partial<TrainParams> = {}, dataset = generated(), userKey = 'console:alice') =>
    s.submit({ userKey, origin, resumable: true, params: { ...PARAMS, ...params }, dataset }).job;

  it('runs a job in a worker process: events, per-epoch history, metrics, saved model and chart', async () => {
    const dir = root();
    const s = service(dir);
    const events: JobEvent[] = [];
    s.queue.on((e) => events.push(e));
    const job = submit(s, { epochs: 4 });
    const done = await s.queue.wait(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.backend).toBe('cpu');
    expect(done.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(done.metrics).toMatchObject({ epochs: 4 });
    expect(done.metrics!.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(done.artifactPath).toBe(join(dir, 'out', 'models', `job-${job.id}`));
    expect(JSON.parse(readFileSync(join(done.artifactPath!, 'model.json'), 'utf8')).format).toBe('layers-model');
    expect(existsSync(join(done.artifactPath!, 'weights.bin'))).toBe(true);
    expect(JSON.parse(readFileSync(join(done.artifactPath!, 'preprocessing.json'), 'utf8')).normalisation.mean).toHaveLength(10);
    expect(readFileSync(done.chartPath!).subarray(1, 4).toString()).toBe('PNG');
    expect(done.wallMs).toBeGreaterThan(0);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('queued');
    expect(types[1]).toBe('started');
    expect(types.at(-1)).toBe('finished');
    // One event per finished epoch (batch-level progress events come in between on slow machines).
    expect(events.flatMap((e) => (e.type === 'progress' && e.progress.batch === undefined ? [e.job.history.length] : []))).toEqual([1, 2, 3, 4]);
  });

  it('survives the worker being killed mid-job: re-queued, re-run, nothing lost', async () => {
    const s = service(root());
    const job = submit(s, { epochs: 12 }, generated(2000));
    await waitUntil(() => (s.store.get(job.id)?.history.length ?? 0) >= 2, 30_000, 'two epochs');
    const trainer = s.queue.trainerOf(job.id)!;
    trainer.kill(); // SIGKILL, as the OOM killer would
    await trainer.done;
    const done = await s.queue.wait(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.attempts).toBe(2);
    expect(done.note).toMatch(/attempt 1 of 3 failed \(the trainer was killed by SIGKILL after epoch \d+\); re-queued/);
    expect(done.history.map((h) => h.epoch)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(done.params).toEqual({ ...PARAMS, epochs: 12 });
    expect(done.origin).toEqual(origin);
    expect(alive(trainer.pid)).toBe(false);
  });

  it('recovers a job whose bot process died (kill -9): the next start re-queues and finishes it', async () => {
    const dir = root();
    // The orphaned trainer notices its stdin closing and stops by itself.
    const jobId = await killQueueHostWhen(dir, ['12', '2000'], (m) => (m.epoch ?? 0) >= 2);

    const before = new JobStore(openDatabase(join(dir, 'data', 'training.sqlite')));
    cleanups.push(() => void before.db.close());
    expect(before.get(jobId)).toMatchObject({ status: 'running', attempts: 1 });

    const s = service(dir);
    const done = await s.queue.wait(jobId);
    expect(done).toMatchObject({ id: jobId, status: 'succeeded', attempts: 2, userKey: 'console:alice', origin: { conversation, progressRef: { conversation, id: 'm7' } } });
    expect(done.note).toMatch(/interrupted during attempt 1 \(the process running it died\); re-queued/);
    expect(done.history).toHaveLength(12);
  });

  it('cancel stops a running job within one epoch and says so; the flag also works from another process', async () => {
    const s = service(root());
    const a = submit(s, { epochs: 200 }, generated(2000));
    await waitUntil(() => (s.store.get(a.id)?.history.length ?? 0) >= 1, 30_000, 'an epoch');
    const atCancel = s.store.get(a.id)!.history.length;
    expect(s.queue.cancel(a.id, 'console:bob').outcome).toBe('requested');
    const doneA = await s.queue.wait(a.id);
    expect(doneA.status).toBe('cancelled');
    expect(doneA.history.length).toBeLessThanOrEqual(atCancel + 1);
    expect(doneA.note).toMatch(new RegExp(`cancelled by console:bob after ${doneA.history.length} of 200 epochs`));

    // A one-shot CLI cancelling a job this process runs: only the database connects them.
    const b = submit(s, { epochs: 200 }, generated(2000));
    await waitUntil(() => (s.store.get(b.id)?.history.length ?? 0) >= 1, 30_000, 'an epoch');
    const other = new JobStore(openDatabase(join(s.config.DATA_DIR, 'training.sqlite')));
    cleanups.push(() => void other.db.close());
    expect(other.requestCancel(b.id, 'cli:root').outcome).toBe('requested');
    const doneB = await s.queue.wait(b.id);
    expect(doneB.status).toBe('cancelled');
    expect(doneB.note).toMatch(/cancelled by cli:root/);
  });

  it('runs TRAIN_CONCURRENCY jobs at a time, in order', async () => {
    const s = service(root(), { TRAIN_CONCURRENCY: '1' });
    const started: number[] = [];
    const finished: number[] = [];
    s.queue.on((e) => {
      if (e.type === 'started') started.push(e.job.id);
      if (e.type === 'finished') finished.push(e.job.id);
    });
    const a = submit(s, { epochs: 2 });
    const b = submit(s, { epochs: 2 }, generated(), 'console:bob');
    expect(s.queue.position(b.id)).toBe(1);
    await s.queue.wait(b.id);
    expect(started).toEqual([a.id, b.id]);
    expect(finished).toEqual([a.id, b.id]);
  });

  it('shutdown kills the trainer and puts the job back in the queue for the next start', async () => {
    const dir = root();
    const first = openTrainingService(testConfig(dir), silentLog, { canReport: () => true });
    first.queue.start();
    const job = first.submit({ userKey: 'console:alice', origin: { conversation }, resumable: true, params: { ...PARAMS, epochs: 200 }, dataset: generated(2000) }).job;
    await waitUntil(() => (first.store.get(job.id)?.history.length ?? 0) >= 1, 30_000, 'an epoch');
    const pid = first.queue.trainerOf(job.id)?.pid;
    await first.close();
    expect(alive(pid)).toBe(false);
    const db = openDatabase(join(dir, 'data', 'training.sqlite'));
    const after = new JobStore(db).get(job.id)!;
    db.close();
    expect(after.status).toBe('queued');
    expect(after.note).toMatch(/interrupted after \d+ epochs by a shutdown; re-queued/);
  });

  it('a job whose asker waits in its process (not resumable) runs only there, and ends with that process', async () => {
    const dir = root();
    // Another process's jobs, left queued: only the resumable one may be taken over here.
    const other = new JobStore(openDatabase(join(dir, 'data', 'training.sqlite')));
    const newJob = { userKey: 'console:alice', origin: { conversation }, params: { ...PARAMS, epochs: 2 }, dataset: generated().source, datasetRows: 100, datasetFeatures: 10, runner: 'tfjs' as const };
    other.insert({ ...newJob, resumable: false }, 5);
    other.insert({ ...newJob, resumable: true }, 5);
    other.db.close();
    const s = service(dir);
    expect((await s.queue.wait(2)).status).toBe('succeeded');
    expect(s.store.get(1)!.status).toBe('queued');

    const mine = s.submit({ userKey: 'console:alice', origin: { conversation }, resumable: false, params: { ...PARAMS, epochs: 200 }, dataset: generated(2000) }).job;
    await waitUntil(() => (s.store.get(mine.id)?.history.length ?? 0) >= 1, 30_000, 'an epoch');
    await s.close();
    const db = openDatabase(join(dir, 'data', 'training.sqlite'));
    const after = new JobStore(db).get(mine.id)!;
    db.close();
    expect(after.status).toBe('interrupted');
    expect(after.note).toMatch(/interrupted after \d+ epochs: the process was stopped/);
  });

  it('a bad dataset found by the worker fails the job with the reason (a user error, not a crash)', async () => {
    const dir = root();
    const s = service(dir);
    const path = join(dir, 'gone.csv');
    writeFileSync(path, 'a,b,label\n1,2,0\n');
    const job = submit(s, { epochs: 2 }, { source: { kind: 'csv', name: 'gone.csv', path, origin: 'library' }, rows: 1, features: 2 });
    const done = await s.queue.wait(job.id);
    expect(done).toMatchObject({ status: 'failed', errorKind: 'user', attempts: 1 });
    expect(done.error).toMatch(/gone\.csv cannot be used for training: 1 data rows; at least 10/);
  });

  describe('TRAIN_COMMAND (the example external trainer)', () => {
    const template = `python3 ${EXAMPLE} --data {data} --params {params} --out {out}`;

    it('runs it through the same queue: progress, metrics, artifact', async () => {
      const s = service(root(), { TRAIN_COMMAND: template });
      const job = submit(s, { epochs: 30, lr: 0.01 });
      expect(job.runner).toBe('external');
      const done = await s.queue.wait(job.id);
      expect(done.status).toBe('succeeded');
      expect(done.backend).toMatch(/^external: python 3\.\d+ stdlib/);
      expect(done.history).toHaveLength(30);
      expect(done.metrics!.testAccuracy).toBeGreaterThanOrEqual(0.9);
      expect(existsSync(join(done.artifactPath!, 'model-weights.json'))).toBe(true);
      expect(JSON.parse(readFileSync(join(done.artifactPath!, 'params.json'), 'utf8'))).toMatchObject({ epochs: 30, lr: 0.01, label: 'y' });
    });

    it('cancels it with SIGTERM: it stops after the current batch', async () => {
      const s = service(root(), { TRAIN_COMMAND: `${template} --epoch-delay 0.2` });
      const job = submit(s, { epochs: 100 });
      await waitUntil(() => (s.store.get(job.id)?.history.length ?? 0) >= 1, 20_000, 'an epoch');
      s.queue.cancel(job.id, 'console:alice');
      const done = await s.queue.wait(job.id);
      expect(done.status).toBe('cancelled');
      expect(done.history.length).toBeLessThan(100);
      expect(done.note).not.toMatch(/killed/);
    });

    it('a trainer that fails or cannot start ends the job with the reason', async () => {
      const s = service(root(), { TRAIN_COMMAND: `python3 -c "import sys; print('boom: CUDA out of memory', file=sys.stderr); sys.exit(3)" {data}` }, { maxAttempts: 1 });
      const done = await s.queue.wait(submit(s).id);
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/exited with code 3 without a result: boom: CUDA out of memory/);
      const t = service(root(), { TRAIN_COMMAND: '/nonexistent/trainer {data}' });
      const missing = await t.queue.wait(submit(t).id);
      expect(missing.status).toBe('failed');
      expect(missing.error).toMatch(/cannot start the trainer \(\/nonexistent\/trainer\): .*ENOENT/);
    });

    it('an unknown placeholder stops start-up with the reason', () => {
      expect(() => openTrainingService(testConfig(root(), { TRAIN_COMMAND: 'train {dataset}' }), silentLog)).toThrow(/unknown placeholder \{dataset\}/);
    });
  });
});
