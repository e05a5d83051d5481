/**
 * /pricewar watch end to end: a channel watches a model, a sync against the
 * fake feeds on 127.0.0.1 changes its price, and the bot posts exactly one
 * message to that channel — not again on the next sync, not again after a
 * restart, and once for a change that happened while it was down. A
 * probable data error never notifies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pricewar from '../../../commands/pricewar.js';
import { loadConfig, type Config } from '../../../src/config.js';
import type { Bot } from '../../../src/core/bot.js';
import type { Conversation } from '../../../src/core/message.js';
import type { Reply } from '../../../src/core/reply.js';
import { run, testAdapter, testBot } from '../../fakes/bot.js';
import { startFakeFeeds, type FakeFeeds } from '../../fakes/price-feeds.js';

let feeds: FakeFeeds;
let dir: string;
let config: Config;
const posts: { to: Conversation; reply: Reply }[] = [];

async function startBot(): Promise<Bot> {
  const bot = testBot([pricewar], { config });
  const adapter = testAdapter('test');
  const post = adapter.post.bind(adapter);
  adapter.post = async (to, reply) => {
    posts.push({ to, reply });
    return post(to, reply);
  };
  await bot.attach(adapter);
  return bot;
}

/** One daily sync: the clock (Date only; timers stay real) moves a day first, as the schedule would. */
let day = Date.parse('2026-12-01T06:00:00Z');
const sync = (bot: Bot) => {
  day += 86_400_000;
  vi.setSystemTime(day);
  return run(bot, '/pricewar sync', { user: 'admin', channel: 'ops' });
};

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(day);
  feeds = await startFakeFeeds();
  dir = mkdtempSync(join(tmpdir(), 'pricewar-watch-'));
  config = loadConfig({ DATA_DIR: dir, PRICE_FEED_OPENROUTER_URL: feeds.openrouterUrl, PRICE_FEED_LITELLM_URL: feeds.litellmUrl, PRICE_SYNC_SCHEDULE: 'off', BOT_ADMINS: 'test:admin' }, undefined);
});

afterAll(async () => {
  vi.useRealTimers();
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/pricewar watch', () => {
  it('posts one message to the watching channel per qualifying change, also across a restart', async () => {
    let bot = await startBot();
    const watched = await run(bot, '/pricewar watch gpt-4o --change 10%', { channel: 'prices' });
    expect(watched.ok, watched.reply.text).toBe(true);
    expect(watched.reply.text).toContain('This channel now watches gpt-4o');
    expect((await run(bot, '/pricewar watch list', { channel: 'prices' })).reply.table?.rows[0]?.[0]).toBe('gpt-4o');

    // First sync: today's feed has the same price as the seed → nothing to say.
    expect((await sync(bot)).ok).toBe(true);
    expect(posts).toHaveLength(0);

    // OpenAI halves gpt-4o: one post, to the watching channel, with old and new price, the change, the feed and a chart.
    feeds.prices.set('gpt-4o', [1.25, 5]);
    expect((await sync(bot)).ok).toBe(true);
    expect(posts).toHaveLength(1);
    const [first] = posts;
    expect(first!.to).toEqual({ platform: 'test', channel: 'prices' });
    expect(first!.reply.text).toMatch(/gpt-4o: \$2\.50 \/ \$10\.00 → \$1\.25 \/ \$5\.00 per M tokens \(moved −50\.0%; openai:gpt-4o, feed litellm/);
    expect(first!.reply.charts?.[0]?.filename).toBe('pricewar-watch.png');

    // The next sync finds the same price: no repeat.
    await sync(bot);
    expect(posts).toHaveLength(1);

    // Restart: the notice is in SQLite; a sync repeats nothing.
    await bot.shutdown();
    bot = await startBot();
    await sync(bot);
    expect(posts).toHaveLength(1);

    // A change while the bot is down is posted once after the restart.
    await bot.shutdown();
    feeds.prices.set('gpt-4o', [1, 4]);
    bot = await startBot();
    await sync(bot);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.reply.text).toMatch(/\$1\.25 \/ \$5\.00 → \$1\.00 \/ \$4\.00/);
    await sync(bot);
    expect(posts).toHaveLength(2);

    // A probable data error (output ×100 while input stays) never notifies.
    feeds.prices.set('gpt-4o', [1, 400]);
    await sync(bot);
    expect(posts).toHaveLength(2);

    // Unwatch: later changes post nothing.
    expect((await run(bot, '/pricewar unwatch gpt-4o', { channel: 'prices' })).reply.text).toContain('Stopped watching gpt-4o');
    feeds.prices.set('gpt-4o', [0.5, 2]);
    await sync(bot);
    expect(posts).toHaveLength(2);
    await bot.shutdown();
    // Nine syncs of a 2,500-model feed and three bot starts: slow on a shared 2-core machine, so a longer limit.
  }, 180_000);

  it('refuses an unknown model with suggestions, and bad thresholds', async () => {
    const bot = await startBot();
    const unknown = await run(bot, '/pricewar watch gpt-4oo', { channel: 'prices' });
    expect(unknown.ok).toBe(false);
    expect(unknown.reply.text).toMatch(/Unknown model "gpt-4oo"\. Did you mean: gpt-4o/);
    const bad = await run(bot, '/pricewar watch gpt-4o --below -3 --change 2000%', { channel: 'prices' });
    expect(bad.ok).toBe(false);
    await bot.shutdown();
  });
});

describe('/pricewar watch on the console', () => {
  it('prints the notification in the console chat after a sync', { timeout: 120_000 }, async () => {
    const { PassThrough } = await import('node:stream');
    const { ConsoleAdapter } = await import('../../../src/adapters/console/adapter.js');
    const bot = testBot([pricewar], { config });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d: Buffer) => (printed += d.toString()));
    const consoleAdapter = new ConsoleAdapter({ input, output, outDir: join(dir, 'out'), userName: 'me', redraw: false, concurrent: false, showPrompt: false, onClose: () => undefined });
    await bot.attach(consoleAdapter);
    input.write('/pricewar watch deepseek-chat\n');
    await new Promise((r) => setTimeout(r, 50));
    await consoleAdapter.idle();
    expect(printed).toContain('This channel now watches deepseek-chat');
    feeds.prices.set('deepseek-chat', [0.14, 0.21]);
    day += 86_400_000;
    vi.setSystemTime(day);
    input.write('/pricewar sync\n');
    await new Promise((r) => setTimeout(r, 50));
    await consoleAdapter.idle();
    expect(printed).toMatch(/Price change: deepseek-chat moved/);
    // One notification: its price line once (the headline repeats under the chart's file name).
    expect(printed.match(/deepseek-chat: \$[\d.]+ \/ \$[\d.]+ → \$0\.14 \/ \$0\.21 per M tokens/g)).toHaveLength(1);
    await bot.shutdown();
  });
});
