/**
 * Issue 18, point 2, as a user meets it: with one damaged store the bot keeps
 * serving every other feature; the damaged one answers one plain sentence
 * (not "Something went wrong (ref …)"), the log names the file and what to do,
 * and DATA_REPAIR=move-aside sets the file aside and the feature works again.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Bot } from '../../src/core/bot.js';
import { configureStorage } from '../../src/storage/index.js';
import { captureLog, run } from '../fakes/bot.js';
import { tempDir } from '../faq/helpers.js';

const bots: Bot[] = [];
const dirs: { cleanup(): void }[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.shutdown();
  for (const dir of dirs.splice(0)) dir.cleanup();
  configureStorage({ repair: 'stop' });
});

async function botWithDamaged(file: string, repair: 'stop' | 'move-aside') {
  const t = tempDir('sec-damaged-');
  dirs.push(t);
  mkdirSync(t.dir, { recursive: true });
  // Overwritten with other bytes, as the probe did to faq.sqlite.
  writeFileSync(join(t.dir, file), Buffer.alloc(8192, 0x5a));
  const capture = captureLog('warn');
  const config = loadConfig({ DATA_DIR: t.dir, KNOWLEDGE_DIR: 'knowledge', DATA_REPAIR: repair, LOG_LEVEL: 'warn' }, undefined);
  const bot = await createBot({ config, log: capture.log });
  bots.push(bot);
  return { bot, capture, dir: t.dir };
}

describe('a damaged store stops only its own feature', () => {
  it('faq.sqlite: /faq says its data file is damaged; /pricewar and /help still answer; the log names the path', async () => {
    const { bot, capture, dir } = await botWithDamaged('faq.sqlite', 'stop');
    const question = await run(bot, '/faq Who is Jia Yangqing?', { platform: 'console' });
    expect(question).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(question.reply.text).toMatch(/faq\.sqlite is damaged/);
    expect(question.reply.text).not.toMatch(/Something went wrong/);
    expect(question.reply.text).not.toContain(dir);
    expect((await run(bot, '/pricewar compare gpt-4o', { platform: 'console' })).ok).toBe(true);
    expect((await run(bot, '/help', { platform: 'console' })).ok).toBe(true);
    const line = capture.lines().find((l) => typeof l.msg === 'string' && l.msg.includes(join(dir, 'faq.sqlite')));
    expect(line?.msg).toMatch(/is damaged .* Stop the bot and restore the file from a backup, or restart with DATA_REPAIR=move-aside/);
  });

  it('training.sqlite: /train list says so; /faq still answers', async () => {
    const { bot } = await botWithDamaged('training.sqlite', 'stop');
    const list = await run(bot, '/train list', { platform: 'console' });
    expect(list.ok).toBe(false);
    expect(list.reply.text).toMatch(/training\.sqlite is damaged/);
    expect((await run(bot, '/faq Who is Jia Yangqing?', { platform: 'console' })).ok).toBe(true);
  });

  it('with DATA_REPAIR=move-aside the file is set aside and the feature answers, the log saying so', async () => {
    const { bot, capture, dir } = await botWithDamaged('faq.sqlite', 'move-aside');
    expect((await run(bot, '/faq Who is Jia Yangqing?', { platform: 'console' })).ok).toBe(true);
    expect(readdirSync(dir).some((n) => /^faq\.sqlite\.corrupt-\d{4}-\d\d-\d\dT/.test(n))).toBe(true);
    expect(capture.lines().some((l) => typeof l.msg === 'string' && /was damaged; moved it to .*faq\.sqlite\.corrupt-/.test(l.msg))).toBe(true);
  });
});
