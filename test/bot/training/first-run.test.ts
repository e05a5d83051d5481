/**
 * Issue #14, a new user's first minutes with /train, through the real
 * router and real training: the first result says what it means (point 1),
 * the documented datasets are there without configuration and the list of
 * them names only files that can be trained on (point 2), and looking at a
 * job again does not draw its chart again (point 6).
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { drawCharts, setChartRenderer } from '../../../src/adapters/shared/chart-png.js';
import { finalReply } from '../../../src/bot/training/presenter.js';
import { trainingService } from '../../../src/bot/training/service.js';
import type { Bot } from '../../../src/core/bot.js';
import type { JobRecord } from '../../../src/training/job-record.js';
import { run, WORKSPACE_CAPABILITIES } from '../../fakes/bot.js';
import { silentLog, tempDir, testConfig, trainBot } from './helpers.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const fixture = (name: string) => readFileSync(join(repo, 'test', 'training', 'fixtures', name));

describe('a first /train', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    setChartRenderer(undefined);
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function setup(env: Record<string, string> = {}) {
    const dir = tempDir();
    const config = testConfig(dir.path, env);
    const bot = await trainBot(config);
    cleanups.push(dir.cleanup, () => bot.shutdown());
    // The real CLI's capabilities: a local operator, and the job finishes before the answer.
    const cli = (text: string) => run(bot, text, { platform: 'cli' });
    return { bot, cli, config };
  }
  const service = (bot: Bot) => bot.services.get(trainingService);

  it("says in one line that the article's settings score no better than chance, and offers the settings that work as a button", async () => {
    const { cli } = await setup();
    const outcome = await cli('/train');
    expect(outcome.ok).toBe(true);
    const lines = outcome.reply.text.split('\n');
    expect(lines[0]).toMatch(/^Test accuracy \*\*0\.400\*\* after 10 epochs/);
    const hints = lines.filter((l) => l.startsWith('⚠'));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(/^⚠ 0\.400 is no better than chance \(0\.\d{3}: always guessing the commoner class\) and far from the article's 0\.92: /);
    expect(hints[0]).toMatch(/10 epochs of 64 training rows in batches of 32 are only 20 Adam steps of lr 0\.001; try --epochs 100 --lr 0\.01/);
    expect(outcome.reply.actions).toEqual([{ label: 'Train with --epochs 100 --lr 0.01', command: '/train --epochs 100 --lr 0.01', style: 'primary' }]);
    expect(outcome.reply.data).toMatchObject({ assessment: { verdict: 'chance', articleCase: true, steps: 20, suggestion: { epochs: 100, lr: 0.01 } } });
  });

  it('the button’s settings reach the claim, and then there is nothing to say', async () => {
    const { cli } = await setup();
    const outcome = await cli('/train --epochs 100 --lr 0.01');
    expect((outcome.reply.data as { metrics: { testAccuracy: number } }).metrics.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(outcome.reply.text).not.toMatch(/⚠/);
    expect(outcome.reply.actions).toBeUndefined();
    expect(outcome.reply.data).toMatchObject({ assessment: { verdict: 'fine', suggestion: null } });
  });

  it('trains on the documented model-switch dataset with no TRAIN_DATA_DIR set', async () => {
    const { cli, config } = await setup();
    expect(config.TRAIN_DATA_DIR).toBeUndefined();
    const outcome = await cli('/train --dataset model-switch --epochs 2');
    expect(outcome.ok).toBe(true);
    expect(outcome.reply.text).toMatch(/Data: model-switch\.csv \(dataset folder\), 400 rows × 5 features, label switched/);
    expect(outcome.reply.data).toMatchObject({ status: 'succeeded' });
  });

  it('lists only the files that can be trained on, each with its label column; naming another says why', async () => {
    const extra = tempDir();
    cleanups.push(extra.cleanup);
    // The price data that used to be listed as "available", next to a real training file.
    copyFileSync(join(repo, 'knowledge', 'data', 'china_price_war_2024.csv'), join(extra.path, 'china_price_war_2024.csv'));
    writeFileSync(join(extra.path, 'clicks.csv'), fixture('good.csv'));
    writeFileSync(join(extra.path, 'notes.csv'), 'just,one\nline,here\n');
    const { bot, cli } = await setup({ TRAIN_DATA_DIR: extra.path });
    const missing = await cli('/train --dataset model-swich');
    expect(missing.error?.code).toBe('not_found');
    expect(missing.reply.text).toMatch(/^There is no dataset called "model-swich"\. .*\(available: clicks \(label: label\), model-switch \(label: switched\)\)\.$/);
    expect(missing.reply.text).not.toMatch(/china_price_war_2024|notes|capability_scores/);
    const price = await cli('/train --dataset china_price_war_2024');
    expect(price.ok).toBe(false);
    expect(price.reply.text).toMatch(/china_price_war_2024\.csv cannot be used for training:/);
    expect((await service(bot)).queue.list({ limit: 10 })).toEqual([]);
  });
});

describe('/train status shows the job’s chart without drawing a new one', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    setChartRenderer(undefined);
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('a local operator gets the picture saved with the model; a workspace gets the same spec every time, drawn once', async () => {
    const dir = tempDir();
    const config = testConfig(dir.path);
    const bot = await trainBot(config);
    cleanups.push(dir.cleanup, () => bot.shutdown());
    const done = await run(bot, '/train --epochs 3', { platform: 'cli' });
    const chartPath = (done.reply.data as { chartPath: string }).chartPath;
    expect(chartPath).toMatch(/job-1[/\\]curves\.png$/);
    expect(readdirSync(join(config.OUT_DIR, 'models', 'job-1'))).toContain('curves.png');

    for (let i = 0; i < 2; i++) {
      const status = await run(bot, '/train status 1', { platform: 'cli' });
      expect(status.reply.charts).toBeUndefined();
      expect(status.reply.text).toContain(`📈 Chart (drawn when the job ended): \`${chartPath}\``);
    }

    let drawn = 0;
    setChartRenderer(async () => {
      drawn++;
      return new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    });
    const specs: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const status = await run(bot, '/train status 1', { platform: 'slack', user: `U${i}`, capabilities: WORKSPACE_CAPABILITIES });
      expect(status.reply.charts).toHaveLength(1);
      specs.push(status.reply.charts![0]!.spec);
      expect((await drawCharts(status.reply, silentLog)).charts).toHaveLength(1);
    }
    expect(specs[1]).toEqual(specs[0]);
    expect(specs[2]).toEqual(specs[0]);
    expect(drawn).toBe(1);
  });
});

describe('the one-line assessment, for other jobs', () => {
  const job = (changes: Partial<JobRecord>): JobRecord => ({
    id: 5,
    status: 'succeeded',
    attempts: 1,
    userKey: 'console:alice',
    origin: {},
    resumable: true,
    params: { model: 'small', hidden: [10], epochs: 10, batch: 32, lr: 0.001, valSplit: 0.2, testSplit: 0.2, seed: 42 },
    dataset: { kind: 'generated', generator: 'linear', rows: 100, features: 10 },
    datasetRows: 100,
    datasetFeatures: 10,
    runner: 'tfjs',
    createdAt: '2026-01-01T00:00:00.000Z',
    history: [],
    metrics: { testAccuracy: 0.5, testMajorityAccuracy: 0.5 },
    ...changes,
  });
  const hints = (reply: ReturnType<typeof finalReply>) => reply.text.split('\n').filter((l) => l.startsWith('⚠'));

  it('a generated xor job at chance: the reason and a button that keeps its other settings', () => {
    const reply = finalReply(job({ params: { model: 'mlp', hidden: [16, 16], epochs: 10, batch: 32, lr: 0.02, valSplit: 0.2, testSplit: 0.2, seed: 42 }, dataset: { kind: 'generated', generator: 'xor', rows: 400, features: 2 }, datasetRows: 400, datasetFeatures: 2 }));
    expect(hints(reply)).toEqual(['⚠ 0.500 is no better than chance (0.500: always guessing the commoner class): 10 epochs of 256 training rows in batches of 32 are only 80 Adam steps of lr 0.02; try --epochs 100 --lr 0.02.']);
    expect(reply.actions).toEqual([{ label: 'Train with --epochs 100 --lr 0.02', command: '/train --epochs 100 --lr 0.02 --model mlp --hidden 16,16 --dataset xor --rows 400 --features 2', style: 'primary' }]);
  });

  it('an attached file at chance: the hint, but no button (it cannot attach the file again)', () => {
    const reply = finalReply(job({ dataset: { kind: 'csv', name: 'churn.csv', path: '/u/churn.csv', origin: 'attached', label: 'churned' }, datasetRows: 500, metrics: { testAccuracy: 0.7, testMajorityAccuracy: 0.72 } }));
    expect(hints(reply)).toHaveLength(1);
    expect(hints(reply)[0]).toMatch(/^⚠ 0\.700 is no better than chance \(0\.720: always guessing the commoner class\): .*try --epochs 100 --lr 0\.01\.$/);
    expect(reply.actions).toBeUndefined();
  });

  it('the article case already at the working settings: a single seed is coarse; no button', () => {
    const reply = finalReply(job({ params: { model: 'small', hidden: [10], epochs: 100, batch: 32, lr: 0.01, valSplit: 0.2, testSplit: 0.2, seed: 3 }, metrics: { testAccuracy: 0.75, testMajorityAccuracy: 0.6 } }));
    expect(hints(reply)).toEqual(["⚠ 0.750 is far below the article's 0.92: with 20 test rows one run is coarse and varies by seed; try another --seed."]);
    expect(reply.actions).toBeUndefined();
  });

  it('a good result, a cancelled or a failed job: nothing added', () => {
    for (const reply of [
      finalReply(job({ metrics: { testAccuracy: 0.95, testMajorityAccuracy: 0.55 } })),
      finalReply(job({ status: 'cancelled', metrics: {}, note: 'cancelled by console:alice after 2 of 10 epochs' })),
      finalReply(job({ status: 'failed', metrics: {}, error: 'boom' })),
    ]) {
      expect(hints(reply)).toEqual([]);
      expect(reply.actions).toBeUndefined();
    }
  });
});
