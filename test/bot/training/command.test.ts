/** /train through the real router, with a recording chat platform: what users see. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chartPng } from '../../../src/adapters/shared/chart-png.js';
import { jobOrigin } from '../../../src/bot/training/origin.js';
import { trainingService } from '../../../src/bot/training/service.js';
import type { Bot } from '../../../src/core/bot.js';
import { captureLog, run } from '../../fakes/bot.js';
import { consoleTrainBotPerTest, memoryFile, RecordingAdapter, tempDir, testConfig, trainBot, waitUntil } from './helpers.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'training', 'fixtures', name));

describe('/train in chat', () => {
  const { setup, cleanups } = consoleTrainBotPerTest();
  const service = (bot: Bot) => bot.services.get(trainingService);

  it('answers at once, then edits the same message with progress (≤ 1/s) and finally the result with a chart', async () => {
    const { bot, adapter } = await setup();
    const outcome = await adapter.say(bot, '/train --epochs 30 --rows 3000');
    expect(outcome.ok).toBe(true);
    expect(outcome.reply.title).toMatch(/^Training job #1: queued$/);
    expect(outcome.reply.actions?.[0]).toEqual({ label: 'Cancel job #1', command: '/train cancel 1', style: 'danger' });
    const message = adapter.messages[0]!;
    await waitUntil(() => message.versions.at(-1)!.reply.title === 'Training job #1: done', 60_000, 'the result');
    const versions = message.versions.map((v) => v.reply);
    expect(versions[0]!.text).toBe('Queuing the training job…');
    expect(versions[1]!.title).toBe('Training job #1: queued');
    const progress = versions.filter((r) => r.tone === 'progress' && /epoch \d+ of 30/.test(r.title ?? ''));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.some((r) => /[█░]+ \d+%/.test(r.text))).toBe(true);
    expect(progress.some((r) => /loss \d\.\d{4} · accuracy \d\.\d{4} · val loss/.test(r.text))).toBe(true);
    // Edits by the queue (everything after the command's own reply) are at least a second apart.
    const times = message.versions.slice(1).map((v) => v.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(950);
    const final = versions.at(-1)!;
    expect(final.tone).toBe('normal');
    expect(final.text).toMatch(/Test accuracy \*\*\d\.\d{3}\*\* after 30 epochs \(cpu, /);
    expect(final.fields?.map((f) => f.label)).toEqual(['Test accuracy', 'Test loss', 'Backend', 'Wall time', 'Model']);
    expect(final.table?.columns).toEqual(['epoch', 'loss', 'accuracy', 'val loss', 'val accuracy']);
    expect(final.table?.rows).toHaveLength(13); // first 6, …, last 6
    expect((final.data as { history: unknown[] }).history).toHaveLength(30);
    // The reply carries the chart as a spec; drawn the way adapters draw it, it is a PNG.
    expect(Buffer.from(await chartPng(final.charts![0]!)).subarray(1, 4).toString()).toBe('PNG');
    expect(final.data).toMatchObject({ jobId: 1, status: 'succeeded', backend: 'cpu' });
    expect(adapter.messages).toHaveLength(1); // everything happened in that one message
  });

  it('stays responsive while a job trains (commands answered while the worker is busy)', async () => {
    const { bot, adapter } = await setup();
    await adapter.say(bot, '/train --epochs 300 --rows 3000');
    const s = await service(bot);
    await waitUntil(() => (s.store.get(1)?.history.length ?? 0) >= 1, 30_000, 'the job to train');
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const outcome = await adapter.say(bot, i % 2 === 0 ? '/train status 1' : '/train list');
      latencies.push(performance.now() - t0);
      expect(outcome.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(s.store.get(1)!.status).toBe('running'); // it really was training the whole time
    // In-process training would block the event loop for whole epochs; a worker process costs nothing here.
    expect(Math.max(...latencies)).toBeLessThan(1000);
    const cancel = await adapter.say(bot, '/train cancel 1');
    expect(cancel.reply.text).toMatch(/Stopping job #1: it stops within one epoch/);
    const done = await s.queue.wait(1);
    expect(done.status).toBe('cancelled');
    await waitUntil(() => adapter.messages[0]!.versions.at(-1)!.reply.title === 'Training job #1: cancelled', 10_000, 'the cancelled message');
    expect(adapter.messages[0]!.versions.at(-1)!.reply.text).toMatch(/cancelled by console:alice after \d+ of 300 epochs/);
  });

  it('rejects bad arguments with the allowed range from configuration, before queuing anything', async () => {
    const { bot, adapter } = await setup({ TRAIN_MAX_EPOCHS: '50', TRAIN_MAX_ROWS: '500' });
    const zero = await adapter.say(bot, '/train --epochs 0');
    expect(zero.ok).toBe(false);
    expect(zero.error?.code).toBe('bad_arguments');
    expect(zero.reply.text).toMatch(/^\/train: --epochs must be between 1 and 50 \(TRAIN_MAX_EPOCHS\) \(got 0\)\.\nUsage: \/train /);
    const many = await adapter.say(bot, '/train --epochs 51 --rows 501');
    expect(many.reply.text).toMatch(/2 problems|--epochs must be between 1 and 50[\s\S]*--rows must be between 10 and 500 \(TRAIN_MAX_ROWS\)/);
    expect((await adapter.say(bot, '/train --lr 0')).reply.text).toMatch(/--lr must be more than 0/);
    expect((await adapter.say(bot, '/train --val-split 0.9')).reply.text).toMatch(/--val-split must be at most 0\.5/);
    expect((await adapter.say(bot, '/train --model big')).reply.text).toMatch(/--model must be one of small, mlp/);
    expect((await adapter.say(bot, '/train --dataset ../etc/passwd')).reply.text).toMatch(/plain name, not a path/);
    expect((await adapter.say(bot, '/train --dataset churn')).reply.text).toMatch(/no dataset called "churn"/);
    expect((await adapter.say(bot, '/train --hidden 8,8')).reply.text).toMatch(/--hidden takes one layer size for --model small/);
    expect((await service(bot)).queue.list({ limit: 10 })).toEqual([]);
  });

  it('refuses a bad attached CSV with the line and the reason, and trains on a good one', async () => {
    const { bot, adapter } = await setup();
    const bad = await adapter.say(bot, '/train', { files: [memoryFile('sales.csv', `a,b,label\n${'1,2,0\n'.repeat(5)}1,x,1\n${'3,4,1\n'.repeat(6)}`)] });
    expect(bad.ok).toBe(false);
    expect(bad.reply.text).toBe('sales.csv cannot be used for training: line 7: column "b" has "x", not a number.');
    expect((await service(bot)).queue.list({ limit: 10 })).toEqual([]);
    const two = await adapter.say(bot, '/train', { files: [memoryFile('a.csv', fixture('good.csv')), memoryFile('b.csv', fixture('good.csv'))] });
    expect(two.reply.text).toBe('Attach one CSV file per /train (this message has 2).');
    const both = await adapter.say(bot, '/train --dataset xor', { files: [memoryFile('a.csv', fixture('good.csv'))] });
    expect(both.reply.text).toMatch(/You attached a\.csv but asked for the generated "xor" dataset/);
    const good = await adapter.say(bot, '/train --epochs 3', { files: [memoryFile('good.csv', fixture('good.csv'))] });
    expect(good.ok).toBe(true);
    expect(good.reply.text).toMatch(/Data: good\.csv \(attached\), 12 rows × 3 features/);
    const done = await (await service(bot)).queue.wait(1);
    expect(done.status).toBe('succeeded');
    expect(done.dataset).toMatchObject({ kind: 'csv', name: 'good.csv', origin: 'attached' });
  });

  it('finds CSV datasets by name in TRAIN_DATA_DIR (and the shipped examples)', async () => {
    const extra = tempDir();
    cleanups.push(extra.cleanup);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(extra.path, 'clicks.csv'), fixture('good.csv'));
    const { bot, adapter } = await setup({ TRAIN_DATA_DIR: extra.path });
    const outcome = await adapter.say(bot, '/train --dataset clicks --epochs 2');
    expect(outcome.reply.text).toMatch(/Data: clicks\.csv \(dataset folder\), 12 rows × 3 features/);
    expect((await (await service(bot)).queue.wait(1)).status).toBe('succeeded');
  });
});

describe('/train permissions', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function setup(env: Record<string, string>, platform: 'slack' | 'console') {
    const dir = tempDir();
    const logs = captureLog('info');
    const adapter = new RecordingAdapter(platform);
    const bot = await trainBot(testConfig(dir.path, env), adapter, logs.log);
    cleanups.push(dir.cleanup, () => bot.shutdown());
    return { bot, adapter, logs };
  }

  it('nobody on Slack while TRAIN_ALLOWED_USERS is empty; denials are clear and logged', async () => {
    const { bot, adapter, logs } = await setup({}, 'slack');
    const denied = await adapter.say(bot, '/train', { user: 'U1' });
    expect(denied.ok).toBe(false);
    expect(denied.error?.code).toBe('forbidden');
    expect(denied.reply.text).toMatch(/Training jobs are off on slack: TRAIN_ALLOWED_USERS is empty.*slack:U1/);
    expect(logs.lines().some((l) => l.msg === 'permission denied' && l.user === 'slack:U1' && l.command === 'train')).toBe(true);
    // Looking is fine: status and list are open to everyone.
    expect((await adapter.say(bot, '/train list', { user: 'U1' })).ok).toBe(true);
  });

  it('only listed users may start or cancel; a per-user cap limits queued jobs', async () => {
    const { bot, adapter } = await setup({ TRAIN_ALLOWED_USERS: 'slack:U1', TRAIN_MAX_QUEUED_PER_USER: '1', TRAIN_CONCURRENCY: '1' }, 'slack');
    expect((await adapter.say(bot, '/train --epochs 300 --rows 3000', { user: 'U1' })).ok).toBe(true);
    const second = await adapter.say(bot, '/train', { user: 'U1' });
    expect(second.error?.code).toBe('limit_exceeded');
    expect(second.reply.text).toMatch(/You already have 1 training job queued or running \(#1\); the limit is 1 per user \(TRAIN_MAX_QUEUED_PER_USER\)/);
    const other = await adapter.say(bot, '/train', { user: 'U2' });
    expect(other.reply.text).toMatch(/Only the users listed in TRAIN_ALLOWED_USERS.*slack:U2 is not one of them/);
    expect((await adapter.say(bot, '/train cancel 1', { user: 'U2' })).error?.code).toBe('forbidden');
    const status = await adapter.say(bot, '/train status 1', { user: 'U2' });
    expect(status.ok).toBe(true);
    expect(status.reply.data).toMatchObject({ jobId: 1, user: 'slack:U1' });
    expect((await adapter.say(bot, '/train cancel 1', { user: 'U1' })).ok).toBe(true);
  });

  it("someone else's job: a trainer who is not an admin may not cancel it, a bot admin may", async () => {
    const { bot, adapter } = await setup({ TRAIN_ALLOWED_USERS: 'slack:U1,slack:U2', BOT_ADMINS: 'slack:U9', TRAIN_CONCURRENCY: '1' }, 'slack');
    expect((await adapter.say(bot, '/train --epochs 300 --rows 3000', { user: 'U1' })).ok).toBe(true);
    const refused = await adapter.say(bot, '/train cancel 1', { user: 'U2' });
    expect(refused.error?.code).toBe('forbidden');
    expect(refused.reply.text).toMatch(/Job #1 is someone else's: only its owner or a bot admin can cancel it/);
    const byAdmin = await adapter.say(bot, '/train cancel 1', { user: 'U9' });
    expect(byAdmin.ok).toBe(true);
    expect(byAdmin.reply.text).toMatch(/#1/);
  });
});

describe('/train subcommands, and where the process ends with the reply (the one-shot CLI)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('one-shot: waits for the job and returns the final data; status, list and cancel read the queue', async () => {
    const dir = tempDir();
    const config = testConfig(dir.path);
    const bot = await trainBot(config);
    cleanups.push(dir.cleanup, () => bot.shutdown());
    // The real CLI's capabilities: a local operator, and nothing outlives the reply.
    const cli = (text: string) => run(bot, text, { platform: 'cli' });
    const outcome = await cli('/train --epochs 3');
    expect(outcome.ok).toBe(true);
    const data = outcome.reply.data as { jobId: number; status: string; backend: string; metrics: { testAccuracy: number }; history: unknown[] };
    expect(data).toMatchObject({ jobId: 1, status: 'succeeded', backend: 'cpu' });
    expect(typeof data.metrics.testAccuracy).toBe('number');
    expect(data.history).toHaveLength(3);
    expect(outcome.reply.charts).toHaveLength(1);

    const status = await cli('/train status');
    expect(status.reply.title).toBe('Training job #1: done');
    const list = await cli('/train list --mine');
    expect(list.reply.table?.rows[0]?.slice(0, 2)).toEqual([1, 'succeeded']);
    const cancel = await cli('/train cancel 1');
    expect(cancel.reply.text).toBe('Job #1 already ended: succeeded.');
    const missing = await cli('/train status 99');
    expect(missing.error?.code).toBe('not_found');
  });

  it('at start-up (startServices, no /train needed) a job interrupted by a crash is re-run and its message edited', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const config = testConfig(dir.path);
    const adapter = new RecordingAdapter('console');
    // The progress message the job had before the crash, and the job the dead process left running.
    const before = await adapter.post({ platform: 'console', channel: 'C1' }, { text: 'Training job #1: epoch 3 of 5' });
    const { openDatabase } = await import('../../../src/storage/index.js');
    const { JobStore } = await import('../../../src/training/store.js');
    const { hostname } = await import('node:os');
    const { spawnSync } = await import('node:child_process');
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    const db = openDatabase(join(config.DATA_DIR, 'training.sqlite'));
    const store = new JobStore(db);
    store.insert({ userKey: 'console:alice', origin: jobOrigin({ platform: 'console', channel: 'C1' }, before.ref), resumable: true, params: { model: 'small', hidden: [10], epochs: 5, batch: 32, lr: 0.001, valSplit: 0.2, testSplit: 0.2, seed: 42 }, dataset: { kind: 'generated', generator: 'linear', rows: 100, features: 10 }, datasetRows: 100, datasetFeatures: 10, runner: 'tfjs' }, 3);
    store.claim(1, `${hostname()}:${deadPid}:dead`, 600_000);
    store.appendEpoch(1, 1, { epoch: 1, loss: 0.7, accuracy: 0.5, ms: 1 });
    db.close();

    const bot = await trainBot(config, adapter);
    cleanups.push(() => bot.shutdown());
    await bot.startServices();
    const message = adapter.messages[0]!;
    await waitUntil(() => message.versions.at(-1)!.reply.title === 'Training job #1: done', 30_000, 'the re-run result');
    expect(message.versions.some((v) => /interrupted during attempt 1 \(the process running it died\); re-queued/.test(v.reply.text))).toBe(true);
    expect(message.versions.at(-1)!.reply.data).toMatchObject({ jobId: 1, status: 'succeeded', attempts: 2 });
  });

  it('bot shutdown disposes the service: trainers are stopped, jobs re-queued', async () => {
    const dir = tempDir();
    const adapter = new RecordingAdapter('console');
    const bot = await trainBot(testConfig(dir.path), adapter);
    cleanups.push(dir.cleanup);
    await adapter.say(bot, '/train --epochs 300 --rows 3000');
    const s = await bot.services.get(trainingService);
    await waitUntil(() => s.queue.trainerOf(1)?.pid !== undefined && (s.store.get(1)?.history.length ?? 0) >= 1, 30_000, 'the trainer');
    const pid = s.queue.trainerOf(1)!.pid!;
    await bot.shutdown();
    expect(() => process.kill(pid, 0)).toThrow();
    const { openDatabase } = await import('../../../src/storage/index.js');
    const { JobStore } = await import('../../../src/training/store.js');
    const db = openDatabase(join(dir.path, 'data', 'training.sqlite'));
    expect(new JobStore(db).get(1)?.status).toBe('queued');
    db.close();
  });
});
