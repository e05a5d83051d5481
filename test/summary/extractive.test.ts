import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/summary/analysis.js';
import { summarizeExtractive } from '../../src/summary/extractive.js';
import { rankMessages } from '../../src/summary/rank.js';
import type { ChannelMessage, Digest } from '../../src/summary/types.js';
import { EN_FIXTURE, loadFixture, ZH_FIXTURE } from './helpers.js';

const en = loadFixture(EN_FIXTURE);
const zh = loadFixture(ZH_FIXTURE);

function msg(i: number, user: string, text: string, extra: Partial<ChannelMessage> = {}): ChannelMessage {
  return { id: `m${i}`, ts: new Date(Date.UTC(2026, 10, 2, 8, 0) + i * 60_000), user, userName: user, text, isBot: false, isSystem: false, permalink: `https://chat.example/m${i}`, ...extra };
}

const linkOf = (messages: readonly ChannelMessage[], id: string): string | undefined => messages.find((m) => m.id === id)?.permalink;

describe('extractive digest of the English fixture', () => {
  const digest = summarizeExtractive(en, { length: 'full' });

  it('finds the main topics', () => {
    const titles = digest.topics.map((t) => t.title.toLowerCase());
    expect(digest.topics.length).toBeGreaterThanOrEqual(3);
    expect(titles[0]).toContain('deepseek');
    expect(titles.some((t) => t.includes('haiku'))).toBe(true);
    expect(titles.some((t) => /research|invest|margin|adoption/.test(t))).toBe(true);
    // Titles are phrases from the messages, not keyword lists.
    for (const t of titles) expect(t).not.toMatch(/ · /);
    // The DeepSeek thread: root plus its replies with content (not the "+1").
    expect(digest.topics[0]?.messageCount).toBe(6);
    expect(digest.topics[0]?.participants).toBe(3);
  });

  it('gives every topic and highlight the link of a real message', () => {
    for (const h of digest.highlights) expect(h.link).toBe(linkOf(en, h.id));
    for (const t of digest.topics) expect(en.some((m) => m.permalink === t.link)).toBe(true);
    expect(digest.highlights[0]?.text).toMatch(/DeepSeek just announced another price cut/);
  });

  it('keeps bot messages, joins and acknowledgements out of the highlights', () => {
    const ids = new Set(en.filter((m) => m.isBot || m.isSystem || /^(ok|lol|\+1)$/.test(m.text)).map((m) => m.id));
    expect(digest.highlights.some((h) => ids.has(h.id))).toBe(false);
    expect(digest.stats).toMatchObject({ total: en.length, bot: 5, system: 2, people: 5 });
  });

  it('lists the open questions and not the answered ones', () => {
    const open = digest.unanswered.map((q) => q.text);
    expect(open[0]).toMatch(/Claude Haiku batch pricing/);
    expect(digest.unanswered[0]?.sameQuestion).toBe(2);
    expect(open.some((t) => /switch the support bot/.test(t))).toBe(true);
    expect(open.some((t) => /cheapest model/.test(t))).toBe(false); // answered in its thread
    expect(open.some((t) => /weather/.test(t))).toBe(false); // listed under the bot's unanswered FAQ instead
  });

  it('reports the bot activity', () => {
    const a = digest.botActivity;
    expect(a.faqAnswered.map((f) => f.question)).toEqual(['@pwbot why are LLM API prices falling so fast?']);
    expect(a.faqUnanswered.map((f) => f.question)).toEqual(['@pwbot what will the weather be like in Hangzhou tomorrow?']);
    expect(a.training).toHaveLength(1);
    expect(a.training[0]).toMatchObject({ jobId: '12', ok: true, result: 'test accuracy 0.93' });
    expect(a.priceAlerts.map((p) => p.text)).toEqual(['Qwen-Long input price cut 97.5% (20 → 0.5 CNY per million tokens).']);
    // The GitHub integration's message is bot noise, not activity.
    expect(JSON.stringify(a)).not.toContain('pull request');
  });

  it('is deterministic', () => {
    expect(summarizeExtractive(en, { length: 'full' })).toEqual(digest);
  });

  it('short is a subset of full', () => {
    const short = summarizeExtractive(en);
    expect(short.topics.length).toBeLessThanOrEqual(3);
    expect(short.highlights.length).toBeLessThanOrEqual(3);
    expect(short.highlights.map((h) => h.id)).toEqual(digest.highlights.slice(0, short.highlights.length).map((h) => h.id));
    expect(short.lang).toBe('en');
  });
});

describe('extractive digest of the Chinese fixture', () => {
  const digest: Digest = summarizeExtractive(zh, { length: 'full' });

  it('segments Chinese with jieba and finds the topics', () => {
    expect(digest.lang).toBe('zh');
    const titles = digest.topics.map((t) => t.title);
    expect(titles[0]).toContain('豆包');
    expect(titles.some((t) => t.includes('中小企业'))).toBe(true);
    expect(titles.some((t) => t.includes('Qwen-Long'))).toBe(true);
  });

  it('finds the open questions, counting 同问 as votes', () => {
    expect(digest.unanswered[0]?.text).toMatch(/文心 ERNIE 4\.0/);
    expect(digest.unanswered[0]?.sameQuestion).toBe(2);
    expect(digest.unanswered.some((q) => /GPU 租赁价格/.test(q.text))).toBe(false);
    expect(digest.unanswered.some((q) => /DeepSeek 会不会继续降价/.test(q.text))).toBe(true);
  });

  it('reads the bot activity in Chinese', () => {
    expect(digest.botActivity.training[0]).toMatchObject({ jobId: '7', result: '测试准确率 0.91', ok: true });
    expect(digest.botActivity.faqUnanswered[0]?.question).toContain('天气');
    expect(digest.botActivity.faqAnswered[0]?.question).toContain('为什么越来越便宜');
    expect(digest.botActivity.priceAlerts[0]?.text).toMatch(/^百川 Baichuan4 输入价格下调 50%/);
    for (const h of digest.highlights) expect(h.link).toBe(linkOf(zh, h.id));
  });
});

describe('ranking', () => {
  it('ranks the message the conversation is about above an off-topic one', () => {
    const messages = [
      msg(1, 'a', 'DeepSeek cut the V3 API price by half today'),
      msg(2, 'b', 'The DeepSeek price cut makes the V3 API cheaper than our own cluster'),
      msg(3, 'c', 'Half price on the DeepSeek V3 API changes our cost plan'),
      msg(4, 'd', 'Lunch is pizza on Friday in the kitchen'),
      msg(5, 'e', 'Will DeepSeek cut the price of the R1 API too?'),
    ];
    const analysis = analyze(messages);
    const ranking = rankMessages(analysis);
    expect(ranking.order.indexOf(3)).toBe(ranking.order.length - 1); // the pizza message
  });

  it('removes redundancy: near-duplicates do not fill the highlights', () => {
    const messages = [
      msg(1, 'a', 'DeepSeek cut the V3 input price to 0.28 dollars per million tokens'),
      msg(2, 'b', 'DeepSeek cut the V3 input price to 0.28 dollars per million tokens!'),
      msg(3, 'c', 'DeepSeek has cut the V3 input price to 0.28 dollars per million tokens'),
      msg(4, 'd', 'H100 rental fell below 2 dollars per hour on two clouds this week'),
      msg(5, 'e', 'Qwen-Long input now costs 0.5 yuan per million tokens after the cut'),
      msg(6, 'f', 'GPU rental prices and H100 availability keep improving this quarter'),
    ];
    const digest = summarizeExtractive(messages);
    const ids = digest.highlights.map((h) => h.id);
    expect(ids).toHaveLength(3);
    expect(ids.filter((id) => ['m1', 'm2', 'm3'].includes(id))).toHaveLength(1);
  });

  it('handles an empty or bot-only channel as quiet', () => {
    expect(summarizeExtractive([]).quiet).toBe(true);
    const botOnly = summarizeExtractive([msg(1, 'bot', 'Deploy finished', { isBot: true }), msg(2, 'x', 'x joined', { isSystem: true })]);
    expect(botOnly.quiet).toBe(true);
    expect(botOnly.topics).toEqual([]);
    expect(botOnly.highlights).toEqual([]);
  });

  it('resolves mentions to names and skips commands typed as text', () => {
    const digest = summarizeExtractive([
      msg(1, 'U1', 'Welcome', { userName: 'Maya' }),
      msg(2, 'U2', '<@U1> the DeepSeek price cut halves our monthly API bill, see <https://example.com/x|the sheet>', { userName: 'Tom' }),
      msg(3, 'U3', '/pricewar cuts --provider deepseek'),
    ]);
    expect(digest.highlights.map((h) => h.text)).toContain('@Maya the DeepSeek price cut halves our monthly API bill, see the sheet');
    expect(digest.highlights.some((h) => h.text.startsWith('/pricewar'))).toBe(false);
  });
});
