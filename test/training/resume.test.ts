/**
 * Checkpoints through the real queue and real trainer processes: a job
 * recovered after kill -9 (of its trainer, or of the bot's process) and a job
 * stopped by a clean shutdown go on from their last checkpoint, and say from
 * which epoch.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/index.js';
import type { TrainParams } from '../../src/training/params.js';
import { openTrainingService, type ResolvedDataset, type TrainingService } from '../../src/training/service.js';
import { JobStore } from '../../src/training/store.js';
import { finalReply } from '../../src/bot/training/presenter.js';
import { alive, killQueueHostWhen, silentLog, tempDir, testConfig, waitUntil } from './helpers.js';

const PARAMS: TrainParams = { model: 'small', hidden: [10], epochs: 12, batch: 32, lr: 0.001, valSplit: 0.2, testSplit: 0.2, seed: 42 };
const generated = (rows: number): ResolvedDataset => ({ source: { kind: 'generated', generator: 'linear', rows, features: 10 }, rows, features: 10 });
const conversation = { platform: 'console' as const, channel: 'console' };
const origin = { conversation, progressRef: { conversation, id: 'm1' } };
const epochs = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('resuming training jobs from checkpoints', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  function root(): string {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    return dir.path;
  }
  function service(dir: string, env: Record<string, string> = {}): TrainingService {
    const s = openTrainingService(testConfig(dir, env), silentLog, { canReport: () => true });
    cleanups.push(() => s.close());
    s.queue.start();
    return s;
  }

  it('kill -9 of the bot process mid-job: the next start resumes from the last checkpoint and says from which epoch', async () => {
    const dir = root();
    const jobId = await killQueueHostWhen(dir, ['40', '3000', '3'], (m) => (m.checkpoint ?? 0) >= 3);

    const before = new JobStore(openDatabase(join(dir, 'data', 'training.sqlite')));
    cleanups.push(() => void before.db.close());
    const left = before.get(jobId)!;
    expect(left).toMatchObject({ status: 'running', attempts: 1 });
    const saved = left.checkpointEpoch!;
    expect(saved % 3).toBe(0);
    expect(saved).toBeLessThan(40);

    const s = service(dir, { TRAIN_CHECKPOINT_EVERY: '3' });
    const done = await s.queue.wait(jobId);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
    // The checkpoint file may be one save newer than the database (the orphan got one more epoch in): it is what counts.
    expect(done.resumedFromEpoch).toBeGreaterThanOrEqual(saved);
    expect(done.resumedFromEpoch! % 3).toBe(0);
    expect(done.note).toMatch(new RegExp(`interrupted during attempt 1 \\(the process running it died\\); re-queued; it will resume from its checkpoint at epoch ${saved}`));
    expect(done.history.map((h) => h.epoch)).toEqual(epochs(40));
    expect(done.metrics?.epochs).toBe(40);
    expect(finalReply(done).text).toContain(`Resumed from its checkpoint at epoch ${done.resumedFromEpoch} (after an interruption).`);
    // Two processes (a host under tsx, then trainers) on a 2-core machine shared with the rest of the suite.
  }, 120_000);

  it('kill -9 of the trainer: the re-run goes on from the checkpoint, not from epoch 0', async () => {
    const s = service(root(), { TRAIN_CHECKPOINT_EVERY: '2' });
    const job = s.submit({ userKey: 'console:alice', origin, resumable: true, params: PARAMS, dataset: generated(2000) }).job;
    await waitUntil(() => (s.store.get(job.id)?.checkpointEpoch ?? 0) >= 2, 30_000, 'a checkpoint');
    const trainer = s.queue.trainerOf(job.id)!;
    trainer.kill();
    await trainer.done;
    const done = await s.queue.wait(job.id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(done.resumedFromEpoch).toBeGreaterThanOrEqual(2);
    expect(done.note).toMatch(new RegExp(`attempt 1 of 3 failed \\(the trainer was killed by SIGKILL after epoch \\d+\\); re-queued; it will resume from its checkpoint at epoch ${done.resumedFromEpoch}`));
    expect(done.history.map((h) => h.epoch)).toEqual(epochs(12));
  });

  it('a clean shutdown saves a checkpoint at the next epoch end; the next start resumes from it', async () => {
    const dir = root();
    // Checkpoints only at shutdown.
    const first = openTrainingService(testConfig(dir, { TRAIN_CHECKPOINT_EVERY: '0' }), silentLog, { canReport: () => true });
    first.queue.start();
    const job = first.submit({ userKey: 'console:alice', origin, resumable: true, params: { ...PARAMS, epochs: 300 }, dataset: generated(2000) }).job;
    await waitUntil(() => (first.store.get(job.id)?.history.length ?? 0) >= 2, 30_000, 'two epochs');
    expect(first.store.get(job.id)?.checkpointEpoch).toBeUndefined();
    const pid = first.queue.trainerOf(job.id)?.pid;
    await first.close();
    expect(alive(pid)).toBe(false);
    const db = openDatabase(join(dir, 'data', 'training.sqlite'));
    const after = new JobStore(db).get(job.id)!;
    db.close();
    expect(after.status).toBe('queued');
    const at = after.checkpointEpoch!;
    expect(at).toBeGreaterThanOrEqual(2);
    expect(after.note).toMatch(new RegExp(`by a shutdown; re-queued; it will resume from its checkpoint at epoch ${at}$`));
    expect(existsSync(join(dir, 'out', 'models', `job-${job.id}`, 'checkpoint', 'state.json'))).toBe(true);

    const s = service(dir, { TRAIN_CHECKPOINT_EVERY: '0' });
    await waitUntil(() => s.store.get(job.id)?.resumedFromEpoch !== undefined, 30_000, 'the resumed attempt');
    expect(s.store.get(job.id)?.resumedFromEpoch).toBe(at);
    await waitUntil(() => (s.store.get(job.id)?.history.length ?? 0) > at, 30_000, 'an epoch past the checkpoint');
    expect(s.store.get(job.id)!.history.slice(0, at).map((h) => h.epoch)).toEqual(epochs(at));
    s.queue.cancel(job.id, 'console:alice');
    expect((await s.queue.wait(job.id)).status).toBe('cancelled');
  });
});
