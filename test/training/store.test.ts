import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/storage/index.js';
import type { NewJob } from '../../src/training/job-record.js';
import { TRAINING_MIGRATIONS } from '../../src/training/store-migrations.js';
import { JobStore } from '../../src/training/store.js';
import { tempDir } from './helpers.js';

const job = (userKey = 'console:alice'): NewJob => ({
  userKey,
  origin: { conversation: { platform: 'console', channel: 'console' }, progressRef: { conversation: { platform: 'console', channel: 'console' }, id: 'm1' } },
  resumable: true,
  params: { model: 'small', hidden: [10], epochs: 10, batch: 32, lr: 0.001, valSplit: 0.2, testSplit: 0.2, seed: 42 },
  dataset: { kind: 'generated', generator: 'linear', rows: 100, features: 10 },
  datasetRows: 100,
  datasetFeatures: 10,
  runner: 'tfjs',
});

describe('JobStore (SQLite)', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  function open(): { file: string; dbs: Database[]; store: (db?: Database) => JobStore } {
    const dir = tempDir();
    const file = join(dir.path, 'training.sqlite');
    const dbs: Database[] = [];
    cleanups.push(() => {
      dbs.forEach((d) => d.close());
      dir.cleanup();
    });
    return {
      file,
      dbs,
      store: () => {
        const db = openDatabase(file);
        dbs.push(db);
        return new JobStore(db);
      },
    };
  }

  it('keeps every field of a job, the report target included, across connections', () => {
    const { store } = open();
    const a = store();
    const inserted = a.insert(job(), 3);
    if (!('job' in inserted)) throw new Error('rejected');
    const b = store();
    const read = b.get(inserted.job.id)!;
    expect(read).toMatchObject({ userKey: 'console:alice', status: 'queued', attempts: 0, datasetRows: 100, runner: 'tfjs' });
    expect(read.origin).toEqual({ conversation: { platform: 'console', channel: 'console' }, progressRef: { conversation: { platform: 'console', channel: 'console' }, id: 'm1' } });
    expect(read.resumable).toBe(true);
    expect(read.params.hidden).toEqual([10]);
    expect(read.history).toEqual([]);
  });

  it('caps queued + running jobs per user atomically', () => {
    const { store } = open();
    const s = store();
    expect('job' in s.insert(job(), 2)).toBe(true);
    expect('job' in s.insert(job(), 2)).toBe(true);
    const third = s.insert(job(), 2);
    expect('rejected' in third && third.rejected.map((j) => j.id)).toEqual([1, 2]);
    expect('job' in s.insert(job('console:bob'), 2)).toBe(true);
    s.requestCancel(1, 'console:alice');
    expect('job' in s.insert(job(), 2)).toBe(true);
  });

  it('lets exactly one process claim a job, and only the owner finish it', () => {
    const { store } = open();
    const a = store();
    const b = store();
    a.insert(job(), 5);
    const claimedA = a.claim(1, 'host:1:a', 30_000);
    const claimedB = b.claim(1, 'host:2:b', 30_000);
    expect(claimedA?.status).toBe('running');
    expect(claimedA?.attempts).toBe(1);
    expect(claimedB).toBeUndefined();
    expect(b.finish(1, 'host:2:b', 'succeeded', {})).toBe(false);
    expect(a.finish(1, 'host:1:a', 'succeeded', { metrics: { testAccuracy: 0.9 }, wallMs: 5 })).toBe(true);
    expect(b.get(1)).toMatchObject({ status: 'succeeded', metrics: { testAccuracy: 0.9 }, wallMs: 5 });
  });

  it('keeps per-epoch history per attempt; a re-run starts a fresh curve', () => {
    const { store } = open();
    const s = store();
    s.insert(job(), 5);
    s.claim(1, 'o', 1000);
    s.appendEpoch(1, 1, { epoch: 1, loss: 0.7, accuracy: 0.5, valLoss: 0.8, valAccuracy: 0.4, ms: 3 });
    s.appendEpoch(1, 1, { epoch: 2, loss: 0.6, accuracy: 0.6, ms: 3 });
    expect(s.get(1)!.history).toEqual([
      { epoch: 1, loss: 0.7, accuracy: 0.5, valLoss: 0.8, valAccuracy: 0.4, ms: 3 },
      { epoch: 2, loss: 0.6, accuracy: 0.6, ms: 3 },
    ]);
    expect(s.requeue(1, 'someone-else', 'x')).toBe(false);
    expect(s.requeue(1, 'o', 'interrupted; re-queued')).toBe(true);
    expect(s.get(1)).toMatchObject({ status: 'queued', note: 'interrupted; re-queued' });
    const again = s.claim(1, 'p', 1000)!;
    expect(again.attempts).toBe(2);
    expect(s.get(1)!.history).toEqual([]);
    const old = s.db.prepare('SELECT COUNT(*) AS n FROM training_epochs WHERE job_id = 1 AND attempt = 1').get() as { n: number };
    expect(old.n).toBe(2); // the interrupted attempt stays on record
  });

  it('cancels a queued job at once and flags a running one for its owner', () => {
    const { store } = open();
    const s = store();
    s.insert(job(), 5);
    s.insert(job(), 5);
    expect(s.requestCancel(1, 'console:bob').outcome).toBe('cancelled');
    expect(s.get(1)).toMatchObject({ status: 'cancelled', cancelRequestedBy: 'console:bob' });
    s.claim(2, 'owner', 1000);
    expect(s.requestCancel(2, 'console:bob').outcome).toBe('requested');
    expect(s.cancelRequests('owner')).toEqual([{ id: 2, by: 'console:bob' }]);
    expect(s.cancelRequests('other')).toEqual([]);
    expect(s.requestCancel(1, 'x').outcome).toBe('already-finished');
    expect(s.requestCancel(99, 'x').outcome).toBe('not-found');
  });

  it('orders the queue and reports positions', () => {
    const { store } = open();
    const s = store();
    for (let i = 0; i < 3; i++) s.insert(job(`console:u${i}`), 5);
    expect(s.queued().map((j) => j.id)).toEqual([1, 2, 3]);
    expect([1, 2, 3].map((id) => s.position(id))).toEqual([0, 1, 2]);
    expect(s.list({ limit: 2 }).map((j) => j.id)).toEqual([3, 2]);
    expect(s.list({ limit: 10, userKey: 'console:u1' }).map((j) => j.id)).toEqual([2]);
  });

  it('opens a version-1 training.sqlite: where each job reports is kept, as the origin; a job without a progress message is not resumable', () => {
    const { file, dbs, store } = open();
    const old = openDatabase(file);
    dbs.push(old);
    migrate(old, 'training', [TRAINING_MIGRATIONS[0]!]);
    const insert = old.prepare(
      `INSERT INTO training_jobs (user_key, conversation, progress_ref, params, dataset, dataset_rows, dataset_features, runner, status, attempts, owner, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 100, 10, 'tfjs', ?, ?, ?, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`,
    );
    const chat = { platform: 'console', channel: 'C1', thread: 't1' };
    const oneShot = { platform: 'cli', channel: 'cli' };
    const params = JSON.stringify(job().params);
    const dataset = JSON.stringify(job().dataset);
    insert.run('console:alice', JSON.stringify(chat), JSON.stringify({ conversation: chat, id: 'm9' }), params, dataset, 'running', 1, 'host:1:a');
    insert.run('cli:root', JSON.stringify(oneShot), null, params, dataset, 'queued', 0, null);
    old.prepare('INSERT INTO training_epochs (job_id, attempt, epoch, loss, accuracy, ms) VALUES (1, 1, 1, 0.7, 0.5, 3)').run();
    old.close();
    dbs.pop();

    const s = store();
    expect(s.get(1)).toMatchObject({ userKey: 'console:alice', status: 'running', attempts: 1, owner: 'host:1:a', resumable: true, history: [{ epoch: 1, loss: 0.7, accuracy: 0.5, ms: 3 }] });
    expect(s.get(1)!.origin).toEqual({ conversation: chat, progressRef: { conversation: chat, id: 'm9' } });
    expect(s.get(2)).toMatchObject({ userKey: 'cli:root', status: 'queued', resumable: false });
    expect(s.get(2)!.origin).toEqual({ conversation: oneShot });
    const columns = (s.db.prepare('PRAGMA table_info(training_jobs)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['origin', 'resumable']));
    expect(columns).not.toContain('conversation');
    expect(columns).not.toContain('progress_ref');
    // New jobs go in beside the old ones.
    const added = s.insert(job(), 5);
    expect('job' in added && added.job.id).toBe(3);
  });
});
