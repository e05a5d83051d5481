import { describe, expect, it } from 'vitest';
import { stemmer } from 'stemmer';
import { QUESTION_FILLER, withoutAddresses } from '../../src/faq/query-words.js';

describe('withoutAddresses', () => {
  it('removes mention markup and @handles, which name someone in the chat, not the topic', () => {
    expect(withoutAddresses('<@U024BE7LH> asked me: what did deepseek charge')).toBe('asked me: what did deepseek charge');
    expect(withoutAddresses('<@123456789012> <#C0123|general> how much is qwen')).toBe('how much is qwen');
    expect(withoutAddresses('<!here> 降价了吗')).toBe('降价了吗');
    expect(withoutAddresses('@here @alice.w how much did qwen cut')).toBe('how much did qwen cut');
    expect(withoutAddresses('@张三 deepseek 降了多少')).toBe('deepseek 降了多少');
  });

  it('keeps e-mail addresses, a Han run glued to the question, and text without addresses', () => {
    expect(withoutAddresses('mail sales@deepseek.com about prices')).toBe('mail sales@deepseek.com about prices');
    expect(withoutAddresses('@张三你知道deepseek吗')).toBe('@张三你知道deepseek吗');
    const plain = 'what is a price war?';
    expect(withoutAddresses(plain)).toBe(plain);
  });
});

describe("withoutAddresses: the asker's own people", () => {
  it('drops "my boss", "our cto", 我老板: whom a question comes from, not what it is about', () => {
    expect(withoutAddresses('my boss thinks API prices tanked because training got cheaper')).toBe('thinks API prices tanked because training got cheaper');
    expect(withoutAddresses('Our CTO asked: is deepseek cheaper')).toBe('asked: is deepseek cheaper');
    expect(withoutAddresses('我老板问豆包多少钱')).toBe('问豆包多少钱');
    expect(withoutAddresses('我们领导想知道千问降了多少')).toBe('想知道千问降了多少');
  });

  it("keeps somebody else's boss, which is what is asked", () => {
    for (const q of ['who is the boss of zhipu', '智谱的老板是谁', '月之暗面他们老板怎么说', 'does a pm need to know this']) expect(withoutAddresses(q)).toBe(q);
  });
});

describe('QUESTION_FILLER', () => {
  it("holds English function words, contractions typed without an apostrophe and references to the knowledge base, which frame a question", () => {
    for (const w of ['besides', 'apart', 'whoever', 'whether', 'couldnt', 'wat', 'kb', 'mentioned', 'listed']) expect(QUESTION_FILLER.has(stemmer(w)), w).toBe(true);
  });

  it('holds 一共 and 总共 ("in total"), adverbs that jieba\'s dictionary tags as nouns or abbreviations', () => {
    for (const w of ['一共', '总共']) expect(QUESTION_FILLER.has(w), w).toBe(true);
  });

  it('keeps direction, negation and comparison, which price questions turn on', () => {
    for (const w of ['down', 'up', 'off', 'below', 'under', 'without', 'not', 'more', 'less', 'per']) expect(QUESTION_FILLER.has(w), w).toBe(false);
  });
});
