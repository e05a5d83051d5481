/**
 * The feed sync against fake feeds on 127.0.0.1, through the real HTTP
 * client, parser, guards and SQLite store: a good sync records the day's
 * prices; every bad feed (malformed JSON, HTTP errors, a hang, a truncated
 * body, a list 90 % shorter, absurd values) leaves the previous data in
 * use, is logged with its reason and shows in /pricewar sources.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pricewar from '../../../commands/pricewar.js';
import { getPriceBook, type PriceBook } from '../../../src/bot/pricewar/service.js';
import { PriceSyncer } from '../../../src/bot/pricewar/sync.js';
import { loadConfig } from '../../../src/config.js';
import type { Bot } from '../../../src/core/bot.js';
import { captureLog, run, testBot } from '../../fakes/bot.js';
import { startFakeFeeds, type FakeFeeds } from '../../fakes/price-feeds.js';

let feeds: FakeFeeds;
let dir: string;
let book: PriceBook;
let bot: Bot;
const logs = captureLog('info');
let today = new Date('2026-12-01T06:00:00Z');

function syncer(): PriceSyncer {
  return new PriceSyncer(book, { urls: { openrouter: feeds.openrouterUrl, litellm: feeds.litellmUrl }, timeoutMs: 800, maxBytes: 1_000_000_000, attempts: 2, backoffMs: 10 }, logs.log, () => today);
}

/** Everything a sync could change: the store's rows and the answer built from them. */
function snapshot(): { counts: { series: number; observations: number }; gpt4o: string | undefined } {
  const data = book.data();
  const l = data.listings.get('openai:gpt-4o');
  const last = l?.observations[l.observations.length - 1];
  return { counts: book.store.counts(), gpt4o: last === undefined ? undefined : `${last.date} ${last.input}/${last.output}` };
}

beforeAll(async () => {
  feeds = await startFakeFeeds();
  dir = mkdtempSync(join(tmpdir(), 'pricewar-sync-'));
  book = await getPriceBook(undefined, dir);
  bot = testBot([pricewar], {
    config: loadConfig({ DATA_DIR: dir, PRICE_FEED_OPENROUTER_URL: feeds.openrouterUrl, PRICE_FEED_LITELLM_URL: feeds.litellmUrl, PRICE_FEED_TIMEOUT_MS: '1000', BOT_ADMINS: 'test:admin' }, undefined),
    log: logs.log,
  });
});

afterAll(async () => {
  await bot.shutdown();
  book.close();
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  feeds.behaviour.openrouter = 'ok';
  feeds.behaviour.litellm = 'ok';
});

describe('price feed sync', () => {
  it('seeds the store from the bundled CSVs on first open', () => {
    const { counts, gpt4o } = snapshot();
    expect(counts.observations).toBeGreaterThan(3000);
    expect(gpt4o).toMatch(/^20\d\d-\d\d-\d\d 2\.5\/10$/);
  });

  it('a good sync records both feeds; unchanged prices add no rows, a changed one adds one change point', { timeout: 120_000 }, async () => {
    feeds.prices.set('gpt-4o', [2, 8]);
    const before = book.store.counts();
    const out = await syncer().sync('test');
    expect(out.feeds.map((f) => [f.feed, f.status])).toEqual([
      ['openrouter', 'ok'],
      ['litellm', 'ok'],
    ]);
    const litellm = out.feeds.find((f) => f.feed === 'litellm');
    expect(litellm?.status === 'ok' && litellm.models).toBeGreaterThan(2000);
    const after = book.store.counts();
    // 48 OpenRouter models are new series; LiteLLM adds only what changed (gpt-4o), not 2,500 rows.
    expect(after.observations - before.observations).toBeLessThan(100);
    expect(snapshot().gpt4o).toBe('2026-12-01 2/8');
    // The second sync of the day with the same prices writes nothing.
    const again = await syncer().sync('test');
    expect(again.feeds.every((f) => f.status === 'ok' && f.changes === 0)).toBe(true);
    expect(book.store.counts()).toEqual(after);
    feeds.prices.clear();
  });

  const badCases = [
    ['malformed', 'failed', /not valid JSON/],
    ['http-500', 'failed', /HTTP 500.*after 2 attempts/],
    ['http-404', 'failed', /HTTP 404/],
    ['hang', 'failed', /no answer within 800 ms/],
    ['truncated', 'failed', /cut off|not valid JSON/],
    ['shrunk', 'rejected', /9\d% fewer than the/],
  ] as const;
  for (const [behaviour, status, reason] of badCases) {
    it(`a ${behaviour} feed is ${status}, logged with the reason, and the previous data stays`, async () => {
      today = new Date(today.getTime() + 86_400_000);
      feeds.behaviour.openrouter = behaviour;
      feeds.behaviour.litellm = behaviour;
      feeds.prices.set('gpt-4o', [1, 4]); // what a good body would have changed
      const before = snapshot();
      const out = await syncer().sync('test');
      feeds.prices.clear();
      for (const f of out.feeds) {
        expect(f.status, f.feed).toBe(status);
        expect(f.status !== 'ok' && f.error).toMatch(reason);
      }
      expect(snapshot()).toEqual(before);
      expect(book.store.runs('litellm', 1)[0]).toMatchObject({ status, changes: 0 });
      expect(logs.lines().some((l) => l.msg === 'price feed sync did not update the data; the previous data stays in use' && l.status === status && reason.test(String(l.reason)))).toBe(true);
    });
  }

  it('rows with absurd prices (negative, NaN, above $10,000 per M) are skipped with reasons; the rest is recorded', async () => {
    today = new Date(today.getTime() + 86_400_000);
    feeds.behaviour.openrouter = 'absurd';
    feeds.behaviour.litellm = 'absurd';
    const out = await syncer().sync('test');
    const [openrouter, litellm] = out.feeds;
    expect(openrouter).toMatchObject({ feed: 'openrouter', status: 'ok', skipped: 3 });
    // LiteLLM's own map already has 11 rows priced per request as if per token (wandb/…, $15,000–$135,000 per M): skipped too.
    expect(litellm).toMatchObject({ feed: 'litellm', status: 'ok', skipped: 3 + 11 });
    const run = book.store.runs('openrouter', 1)[0];
    expect(run?.skippedSample.join('\n')).toMatch(/negative price/);
    expect(run?.skippedSample.join('\n')).toMatch(/not a number/);
    expect(run?.skippedSample.join('\n')).toMatch(/above 10000/);
  });

  it('an oversized body fails at the size cap', async () => {
    feeds.behaviour.openrouter = 'oversized';
    const small = new PriceSyncer(book, { urls: { openrouter: feeds.openrouterUrl }, timeoutMs: 2000, maxBytes: 100_000, attempts: 1 }, logs.log, () => today);
    const out = await small.sync('test');
    expect(out.feeds[0]).toMatchObject({ status: 'failed' });
    expect(out.feeds[0]?.status !== 'ok' && out.feeds[0]?.error).toMatch(/over the 100000-byte cap/);
  });

  it('/pricewar sources shows each feed’s last success, counts and last error; /pricewar sync is for admins', async () => {
    feeds.behaviour.openrouter = 'http-500';
    const denied = await run(bot, '/pricewar sync', { user: 'someone' });
    expect(denied.ok).toBe(false);
    expect(denied.error?.code).toBe('forbidden');
    const synced = await run(bot, '/pricewar sync', { user: 'admin' });
    expect(synced.ok).toBe(true);
    expect(synced.reply.text).toMatch(/openrouter: failed — HTTP 500/);
    expect(synced.reply.text).toMatch(/litellm: [\d,]+ models/);
    const sources = await run(bot, '/pricewar sources');
    expect(sources.ok).toBe(true);
    expect(sources.reply.text).toMatch(/openrouter \(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/models\): last success .*UTC: 4\d models/);
    expect(sources.reply.text).toMatch(/last run .* failed: HTTP 500/);
  });
});
