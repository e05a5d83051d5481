import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ask from '../../../commands/ask.js';
import faq from '../../../commands/faq.js';
import { loadConfig } from '../../../src/config.js';
import type { Bot } from '../../../src/core/bot.js';
import { parseLine } from '../../../src/core/parser.js';
import { run, testBot } from '../../fakes/bot.js';
import { tempDir } from '../../faq/helpers.js';

describe('/ask, /faq and free-text questions', () => {
  let bot: Bot;
  const t = tempDir('faq-cmd-');
  beforeAll(() => {
    bot = testBot([ask, faq], { config: loadConfig({ DATA_DIR: t.dir, KNOWLEDGE_DIR: 'knowledge', LOG_LEVEL: 'silent' }, undefined) });
  });
  afterAll(async () => {
    await bot.shutdown();
    t.cleanup();
  });

  it('free text goes to ask and gets a cited answer with 👍/👎 buttons that run /faq feedback', async () => {
    const out = await run(bot, '大模型价格战对中小企业有什么影响？', { platform: 'slack', user: 'U1' });
    expect(out).toMatchObject({ command: 'ask', ok: true });
    const data = out.reply.data as Record<string, unknown>;
    expect(data).toMatchObject({ confident: true, section: { id: 'smes.zh#impact' }, mode: 'extractive' });
    expect(data.sources).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'smes.zh#impact', title: expect.any(String), score: expect.any(Number) })]));
    const id = data.answerId as number;
    expect(out.reply.citations?.[0]?.title).toBe('大模型降价对中小企业的影响 › 对中小企业的影响');
    expect(out.reply.actions?.map((a) => a.command)).toEqual([`/faq feedback ${id} up`, `/faq feedback ${id} down`]);

    // Pressing the button runs its command as the presser.
    const vote = await run(bot, out.reply.actions![0]!.command, { platform: 'slack', user: 'U2' });
    expect(vote).toMatchObject({ command: 'faq feedback', ok: true, reply: { ephemeral: true, data: { answerId: id, vote: 1, up: 1 } } });
  });

  it('/faq <question> and /ask answer the same way, in English', async () => {
    const a = await run(bot, '/faq Who is Jia Yangqing?');
    const b = await run(bot, '/ask Who is Jia Yangqing?');
    for (const out of [a, b]) {
      expect(out.ok).toBe(true);
      expect(out.reply.data).toMatchObject({ confident: true, lang: 'en', section: { id: 'jia-yangqing.en#biography' } });
      expect(out.reply.text).toContain('Lepton AI');
    }
  });

  it('an unanswerable question gets a plain "no answer", close questions as buttons, and shows up in /faq gaps', async () => {
    await run(bot, '今天天气怎么样', { user: 'A' });
    const out = await run(bot, '今天天气怎么样？', { user: 'B' });
    expect(out.reply.data).toMatchObject({ confident: false, mode: 'no-answer' });
    expect(out.reply.text).toMatch(/知识库里没有这个问题的答案/);
    expect(out.reply.actions).toHaveLength(3);
    const suggestions = (out.reply.data as { suggestions: string[] }).suggestions;
    for (const [i, action] of (out.reply.actions ?? []).entries()) {
      // The button's line parses back to /faq with the whole question.
      const parsed = parseLine(action.command);
      expect(parsed.kind === 'command' && parsed.name).toBe('faq');
      const follow = await run(bot, action.command);
      expect(follow.ok).toBe(true);
      expect((follow.reply.data as { question: string }).question).toBe(suggestions[i]);
    }
    const gaps = await run(bot, '/faq gaps', { platform: 'console' });
    expect(gaps.ok).toBe(true);
    const first = (gaps.reply.data as { gaps: Array<{ question: string; asks: number; users: number }> }).gaps[0];
    expect(first).toMatchObject({ question: '今天天气怎么样？', asks: 2, users: 2 });
    expect(gaps.reply.table?.rows[0]?.[0]).toBe('今天天气怎么样？');
  });

  it('/faq alone shows the knowledge base status; /faq reload re-reads it', async () => {
    const status = await run(bot, '/faq');
    expect(status.reply.data).toMatchObject({ problems: [], llm: null, watching: true, minConfidence: 0.5 });
    const docs = (status.reply.data as { docs: number }).docs;
    expect(docs).toBeGreaterThanOrEqual(32);
    const reload = await run(bot, '/faq reload', { platform: 'console' });
    expect(reload).toMatchObject({ command: 'faq reload', ok: true });
    expect(reload.reply.data).toMatchObject({ docs, problems: [] });
  });

  it('bad arguments get one clear message', async () => {
    const notNumber = await run(bot, '/faq feedback abc up');
    expect(notNumber.ok).toBe(false);
    expect(notNumber.reply.text).toMatch(/<answerId> must be a whole number/);
    const badVote = await run(bot, '/faq feedback 1 sideways');
    expect(badVote.reply.text).toMatch(/<vote> must be up or down/);
    const missing = await run(bot, '/faq feedback 99999 up');
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(missing.reply.text).toMatch(/There is no answer #99999/);
    const tooLong = await run(bot, `/ask ${'价格'.repeat(300)}`);
    expect(tooLong.reply.text).toMatch(/too long \(at most 500 characters\)/);
    const badLimit = await run(bot, '/faq gaps --limit 0');
    expect(badLimit.reply.text).toMatch(/--limit must be at least 1/);
  });

  it('stores answers in DATA_DIR/faq.sqlite', async () => {
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(t.dir, 'faq.sqlite'))).toBe(true);
  });
});
