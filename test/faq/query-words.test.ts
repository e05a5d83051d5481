import { describe, expect, it } from 'vitest';
import { stemmer } from 'stemmer';
import { QUESTION_FILLER, withoutChatFraming } from '../../src/faq/query-words.js';

describe('withoutChatFraming', () => {
  it('removes mention markup and @handles, which name someone in the chat, not the topic', () => {
    expect(withoutChatFraming('<@U024BE7LH> asked me: what did deepseek charge')).toBe('asked me: what did deepseek charge');
    expect(withoutChatFraming('<@123456789012> <#C0123|general> how much is qwen')).toBe('how much is qwen');
    expect(withoutChatFraming('<!here> 降价了吗')).toBe('降价了吗');
    expect(withoutChatFraming('@here @alice.w how much did qwen cut')).toBe('how much did qwen cut');
    expect(withoutChatFraming('@张三 deepseek 降了多少')).toBe('deepseek 降了多少');
  });

  it('keeps e-mail addresses, a Han run glued to the question, and text without addresses', () => {
    expect(withoutChatFraming('mail sales@deepseek.com about prices')).toBe('mail sales@deepseek.com about prices');
    expect(withoutChatFraming('@张三你知道deepseek吗')).toBe('@张三你知道deepseek吗');
    const plain = 'what is a price war?';
    expect(withoutChatFraming(plain)).toBe(plain);
  });
});

describe("withoutChatFraming: the asker's own people", () => {
  it('drops "my boss", "our cto", 我老板: whom a question comes from, not what it is about', () => {
    expect(withoutChatFraming('my boss thinks API prices tanked because training got cheaper')).toBe('thinks API prices tanked because training got cheaper');
    expect(withoutChatFraming('Our CTO asked: is deepseek cheaper')).toBe('asked: is deepseek cheaper');
    expect(withoutChatFraming('我老板问豆包多少钱')).toBe('问豆包多少钱');
    expect(withoutChatFraming('我们领导想知道千问降了多少')).toBe('想知道千问降了多少');
  });

  it('drops chat idioms that say how an answer is wanted: tl;dr, short version, walk me through, under the hood, newbie here', () => {
    expect(withoutChatFraming('tl;dr of everything the source article got wrong?')).toBe('of everything the source article got wrong?');
    expect(withoutChatFraming('short version: does the article say so')).toBe(': does the article say so');
    expect(withoutChatFraming('total newbie here, what are the basic steps')).toBe(', what are the basic steps');
    expect(withoutChatFraming('bert vs gpt whats the actual difference under the hood')).toBe('bert vs gpt whats the actual difference');
    expect(withoutChatFraming('can you walk me through the math')).toBe('can you the math');
    // "kicked off" is started: its particle is not the "off" of "50% off".
    expect(withoutChatFraming('which paper kicked off the transformer')).toBe('which paper kicked the transformer');
    expect(withoutChatFraming('is 50% off the list price real')).toBe('is 50% off the list price real');
  });

  it('drops "going forward", "my friend says yes", "writing a piece on", "just need the list", "quick q"', () => {
    expect(withoutChatFraming('Going forward, is the competition still about price')).toBe(', is the competition still about price');
    expect(withoutChatFraming('can ai replace a doctor? my friend say yes')).toBe('can ai replace a doctor?');
    expect(withoutChatFraming('writing a piece on AI in hospitals. what are the use cases')).toBe('AI in hospitals. what are the use cases');
    expect(withoutChatFraming('what errors did you find? just need the list')).toBe('what errors did you find?');
  });

  it("keeps somebody else's boss, which is what is asked", () => {
    for (const q of ['who is the boss of zhipu', '智谱的老板是谁', '月之暗面他们老板怎么说', 'does a pm need to know this']) expect(withoutChatFraming(q)).toBe(q);
  });
});

describe('QUESTION_FILLER', () => {
  it("holds English function words, contractions typed without an apostrophe and references to the knowledge base, which frame a question", () => {
    for (const w of ['besides', 'apart', 'whoever', 'whether', 'couldnt', 'wat', 'kb', 'mentioned', 'listed']) expect(QUESTION_FILLER.has(stemmer(w)), w).toBe(true);
  });

  it('holds 一共 and 总共 ("in total"), adverbs that jieba\'s dictionary tags as nouns or abbreviations', () => {
    for (const w of ['一共', '总共']) expect(QUESTION_FILLER.has(w), w).toBe(true);
    for (const w of ['etc', 'anywhere', 'somewhere', 'reckon', 'supposedly', 'obviously', 'abt']) expect(QUESTION_FILLER.has(stemmer(w)), w).toBe(true);
  });

  it('keeps direction, negation and comparison, which price questions turn on', () => {
    for (const w of ['down', 'up', 'off', 'below', 'under', 'without', 'not', 'more', 'less', 'per']) expect(QUESTION_FILLER.has(w), w).toBe(false);
  });
});
