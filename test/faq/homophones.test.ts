import { describe, expect, it } from 'vitest';
import { HomophoneCorrector } from '../../src/faq/homophones.js';
import { isChineseWord } from '../../src/faq/general-words.js';
import { FaqEngine } from '../../src/faq/engine.js';
import { loadKnowledgeBase } from '../../src/faq/loader.js';
import { EVAL_SET } from './eval-set.js';

describe('HomophoneCorrector: a pinyin keyboard\'s slips', () => {
  const corrector = new HomophoneCorrector({
    words: new Map([['模型', 9], ['价格', 8], ['便宜', 5], ['多烧钱', 1], ['好事', 2], ['提价', 2], ['老板', 2]]),
    phrases: new Set(['大模型', '腾讯', '通义千问', '提价']),
    isWord: isChineseWord,
  });

  it('reads a stretch that is no word as the word of the same sound one character away', () => {
    expect(corrector.correct('为啥大默型越来越便义了')).toBe('为啥大模型越来越便宜了');
    expect(corrector.correct('腾训降价了吗')).toBe('腾讯降价了吗');
    expect(corrector.correct('智谱的老般是谁')).toBe('智谱的老板是谁');
  });

  it('changes a real word only into a lexicon name', () => {
    expect(corrector.correct('同义千问降了多少')).toBe('通义千问降了多少');
  });

  it('leaves words, grammar characters and other sounds alone', () => {
    // 多少钱 is words (多少 + 钱), never the knowledge base's 多烧钱.
    expect(corrector.correct('GPT-5 多少钱')).toBe('GPT-5 多少钱');
    // 是 and 的 are grammar, not slips (是好是坏 is not 是好事坏, 先降的价 not 先降提价).
    expect(corrector.correct('价格战是好是坏')).toBe('价格战是好是坏');
    expect(corrector.correct('哪家先降的价')).toBe('哪家先降的价');
    // 模形 is xing; 模板 is not a slip of 模型 (ban is not xing).
    expect(corrector.correct('模板是什么')).toBe('模板是什么');
    expect(corrector.correct('no Chinese here')).toBe('no Chinese here');
  });

  it('takes no slip on grammar alone: 讲了 is not 降了, and the 时 of 读博时 is no slip of 士', () => {
    const withPhrase = new HomophoneCorrector({ words: new Map([['读博士', 3], ['当时', 2]]), phrases: new Set(['降了']), isWord: isChineseWord });
    expect(withPhrase.correct('文章都讲了啥')).toBe('文章都讲了啥');
    expect(withPhrase.correct('他读博时的导师是谁')).toBe('他读博时的导师是谁');
    // 时 still confirms a slip beside it (档时 → 当时).
    expect(withPhrase.correct('豆包档时定价多少')).toBe('豆包当时定价多少');
  });
});

describe('HomophoneCorrector on the shipped knowledge base', () => {
  it('leaves the Chinese questions typed right as they are: none of the tuning part\'s and the typical questions changes', async () => {
    const kb = await loadKnowledgeBase('knowledge');
    const index = new FaqEngine(kb).index;
    const questions = [...EVAL_SET.map((c) => c.q), ...kb.sections.flatMap((s) => [...s.questions, ...(s.pinnedQuestions ?? [])])].filter((q) => /\p{Script=Han}/u.test(q));
    expect(questions.length).toBeGreaterThan(2000);
    // Tuning round 14 was written with some typos on purpose; this one is a homophone slip of a name, read as meant.
    const slipped = '贾杨清讲的那个“不可能三角”，三个角分别是啥';
    expect(questions).toContain(slipped);
    expect(index.spellChecked(slipped)).toBe('贾扬清讲的那个“不可能三角”，三个角分别是啥');
    // A name of the lexicon written right keeps its characters, even where the character before it and its first
    // make another word (对 + 英 → 对应).
    expect(index.spellChecked('价格战 对英伟达股价有啥影响')).toBe('价格战 对英伟达股价有啥影响');
    expect(index.spellChecked('价格占是好事还是坏事')).toBe('价格战是好事还是坏事');
    const changed = [...new Set(questions)].filter((q) => q !== slipped && index.spellChecked(q) !== q);
    expect(changed, changed.join(' | ')).toEqual([]);
  });
});
