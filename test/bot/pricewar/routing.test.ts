/**
 * Plain words → route, through the real router (`Bot.route`) and the
 * intents /pricewar declares: price look-ups run a /pricewar line, the
 * rest (FAQ questions that only talk about prices included) go to the FAQ.
 * Accuracy on the evaluation set must stay ≥ 0.95.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pricewar from '../../../commands/pricewar.js';
import { loadConfig } from '../../../src/config.js';
import type { Bot } from '../../../src/core/bot.js';
import { run, testBot } from '../../fakes/bot.js';
import { ROUTING_EVAL } from './routing-eval.js';

let bot: Bot;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pricewar-route-'));
  bot = testBot([pricewar], { config: loadConfig({ DATA_DIR: dir, PRICE_SYNC_SCHEDULE: 'off' }, undefined) });
});

afterAll(async () => {
  await bot.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe('routing plain words', () => {
  it(`routes the ${ROUTING_EVAL.length}-line evaluation set with accuracy ≥ 0.95`, async () => {
    expect(ROUTING_EVAL.length).toBeGreaterThanOrEqual(60);
    expect(ROUTING_EVAL.filter((c) => /[\u4e00-\u9fff]/.test(c.text)).length).toBeGreaterThanOrEqual(25);
    const misses: string[] = [];
    for (const c of ROUTING_EVAL) {
      const got = (await bot.route(c.text)).line ?? 'faq';
      if (got !== c.expected) misses.push(`${c.text} → ${got} (expected ${c.expected})`);
    }
    const accuracy = 1 - misses.length / ROUTING_EVAL.length;
    expect(accuracy, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('answers a price question with the subcommand’s reply plus the line that runs it', async () => {
    const asked = await run(bot, 'qwen-turbo 现在多少钱？');
    expect(asked.ok, asked.reply.text).toBe(true);
    expect(asked.command).toBe('pricewar compare');
    const direct = await run(bot, '/pricewar compare qwen-turbo');
    expect(asked.reply.text).toBe(`${direct.reply.text}\n\n↳ /pricewar compare qwen-turbo`);
    expect(asked.reply.data).toMatchObject({ ranLine: '/pricewar compare qwen-turbo', intent: 'pricewar.price-lookup' });
    const level = await run(bot, 'What is the cheapest GPT-4-level model now?');
    expect(level.command).toBe('pricewar trend');
    expect(level.reply.text).toMatch(/Cheapest listing at the end: /);
  });

  it('does not price another variant than the one asked (a context length or size after the name)', async () => {
    // 豆包pro stands for Doubao-pro-32k; asked about its 128k variant, the router leaves the question to the FAQ.
    expect((await bot.route('豆包pro 128k当时定价多少')).line).toBeUndefined();
    expect((await bot.route('how much is qwen-turbo 72b')).line).toBeUndefined();
    // The variant the name itself spells, or a price "per 1M tokens", is still a look-up.
    expect((await bot.route('豆包pro 现在多少钱')).line).toBe('/pricewar compare 豆包pro');
    expect((await bot.route('Is doubao-pro-32k cheap?')).line).toBe('/pricewar compare doubao-pro-32k');
    expect((await bot.route('how much is qwen-turbo 1M tokens')).line).toBe('/pricewar compare qwen-turbo');
  });

  it('asks how a China-table model moved of the cuts table, not of a trend that does not know it', async () => {
    // qwen-long and doubao-pro-32k are priced only by the China table: `trend --model` would answer "Unknown model".
    expect((await bot.route('how much did qwen-long drop')).line).toBe('/pricewar cuts --provider alibaba');
    expect((await bot.route('how much did alibaba cut qwen-long')).line).toBe('/pricewar cuts --provider alibaba');
    expect((await bot.route('doubao-pro-32k price trend')).line).toBe('/pricewar cuts --provider bytedance');
    const out = await run(bot, 'how much did qwen-long drop');
    expect(out.ok, out.reply.text).toBe(true);
    expect(out.reply.text).toMatch(/qwen-long[^\n]*¥20 → ¥0\.5/);
    // A model of the USD feeds still gets its trend.
    expect((await bot.route('how much did gpt-4o drop')).line).toBe('/pricewar trend --model gpt-4o');
  });

  it('leaves other free text to the question command', async () => {
    const out = await run(bot, '为什么大模型价格下降这么快？');
    // This bot has no /ask: the FAQ would have answered; the router did not claim it for /pricewar.
    expect(out.ok).toBe(false);
    expect(out.reply.text).toMatch(/Questions in plain words are not supported/);
  });
});
