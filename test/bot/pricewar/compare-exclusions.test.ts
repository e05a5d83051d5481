/**
 * Through the command, on the SQLite store seeded from the bundled data:
 * /pricewar compare says how many observations and listings it left out and
 * why, and --raw / --non-chat show them; /pricewar watch resolves names as
 * compare does (aliases included) and refuses a China-table model, which no
 * feed updates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pricewar from '../../../commands/pricewar.js';
import { loadConfig } from '../../../src/config.js';
import type { Bot } from '../../../src/core/bot.js';
import { run, testBot } from '../../fakes/bot.js';

let dir: string;
let bot: Bot;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pricewar-compare-'));
  // No feed is fetched here: the URLs are off, and nothing syncs.
  bot = testBot([pricewar], { config: loadConfig({ DATA_DIR: dir, PRICE_FEED_OPENROUTER_URL: 'off', PRICE_FEED_LITELLM_URL: 'off', PRICE_SYNC_SCHEDULE: 'off' }, undefined) });
});

afterAll(async () => {
  await bot.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe('/pricewar compare: what was left out', () => {
  it('counts the probable data errors of the compared listings; --raw includes them', { timeout: 60_000 }, async () => {
    // GPT-4's first row ($3 in / $60 out, corrected to $30 twelve days later) is a probable data error.
    const clean = await run(bot, '/pricewar compare gpt-4');
    expect(clean.ok, clean.reply.text).toBe(true);
    expect(clean.reply.text).toMatch(/Left out (\d+) observation\(s\) of these listings as probable data errors \(\1 input and output moved inconsistently by an order of magnitude\); add --raw to see them\./);
    const excluded = clean.reply.data?.excluded as { dataErrors: Record<string, number>; dataErrorsShown: boolean };
    expect(excluded.dataErrors.inconsistent).toBeGreaterThan(0);
    expect(excluded.dataErrorsShown).toBe(false);
    const raw = await run(bot, '/pricewar compare gpt-4 --raw');
    expect(raw.ok, raw.reply.text).toBe(true);
    expect(raw.reply.text).toMatch(/--raw: \d+ observation\(s\) of these listings flagged as probable data errors are included/);
    expect(raw.reply.text).not.toContain('add --raw');
  });

  it('leaves a family’s non-chat listings out and says so; --non-chat includes them', async () => {
    // LiteLLM lists gemini/gemini-1.5-flash with mode "embedding": not the family's chat price.
    const clean = await run(bot, '/pricewar compare gemini-1.5-flash');
    expect(clean.ok, clean.reply.text).toBe(true);
    expect(clean.reply.text).toContain('Left out 1 non-chat listing(s) (embedding, image, audio, moderation) of these families; add --non-chat to include them.');
    const shown = (clean.reply.data?.models as { provider: string; model: string; otherListings: number }[])[0]!;
    expect(`${shown.provider}:${shown.model}`).not.toBe('gemini:gemini/gemini-1.5-flash');
    const all = await run(bot, '/pricewar compare gemini-1.5-flash --non-chat');
    expect(all.ok, all.reply.text).toBe(true);
    expect(all.reply.text).toContain('--non-chat: 1 non-chat listing(s) (embedding, image, audio, moderation) of these families are included.');
    expect((all.reply.data?.models as { otherListings: number }[])[0]!.otherListings).toBe(shown.otherListings + 1);
  });

  it('says nothing about exclusions when nothing was left out', async () => {
    const out = await run(bot, '/pricewar compare deepseek-chat');
    expect(out.ok, out.reply.text).toBe(true);
    expect(out.reply.text).not.toMatch(/Left out|--raw|--non-chat/);
  });
});

describe('/pricewar watch: names as compare resolves them', () => {
  it('watches an alias that compare resolves (glm-4 → a Z.ai listing)', async () => {
    const out = await run(bot, '/pricewar watch glm-4', { channel: 'names' });
    expect(out.ok, out.reply.text).toBe(true);
    expect(out.reply.text).toMatch(/glm-4: now \$[\d.]+ \/ \$[\d.]+ per M tokens \(zai:/);
  });

  it('refuses a China-table model (CNY, no feed updates it) and watches nothing', async () => {
    const out = await run(bot, '/pricewar watch qwen-turbo gpt-4o', { channel: 'china' });
    expect(out.ok).toBe(false);
    expect(out.reply.text).toMatch(/qwen-turbo is priced from the dated China price table \(CNY\), which no feed updates/);
    expect(out.reply.text).toMatch(/Watch a feed listing of it instead, e\.g\. \S+:/);
    const list = await run(bot, '/pricewar watch list', { channel: 'china' });
    expect(list.reply.text).toContain('This channel watches no prices');
  });
});
