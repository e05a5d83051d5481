import { describe, expect, it } from 'vitest';
import { Lexicon } from '../../src/faq/lexicon.js';
import { namesWrittenIn, questionLang } from '../../src/faq/question-language.js';

const lexicon = Lexicon.parse(
  ['qwen [name]: Qwen | 通义千问 | Tongyi Qianwen', 'alibaba [name]: Alibaba | 阿里巴巴 | 阿里', 'deepseek [name]: DeepSeek | 深度求索', 'price: 价格 | price'].join('\n'),
);

describe('questionLang', () => {
  it('judges the language by the words around the names', () => {
    expect(questionLang('how much did 阿里巴巴 cut 通义千问 prices', lexicon)).toBe('en');
    expect(questionLang('Tongyi Qianwen 降了多少', lexicon)).toBe('zh');
    expect(questionLang('Qwen 的 price 是多少', lexicon)).toBe('zh');
  });

  it('falls back to the whole question when it is only names', () => {
    expect(questionLang('通义千问', lexicon)).toBe('zh');
    expect(questionLang('Qwen', lexicon)).toBe('en');
  });

  it('leaves a question without names to the plain detector', () => {
    expect(questionLang('what is a price war', lexicon)).toBe('en');
    expect(questionLang('什么是价格战', lexicon)).toBe('zh');
  });
});

describe('namesWrittenIn', () => {
  const never = () => false;

  it("writes each name in the question's language, with the group's first phrase of that script", () => {
    expect(namesWrittenIn('how much did 阿里巴巴 cut 通义千问 prices', 'en', lexicon, never)).toBe('how much did Alibaba cut Qwen prices');
    expect(namesWrittenIn('Tongyi Qianwen 降了多少', 'zh', lexicon, never)).toBe('通义千问 降了多少');
  });

  it('keeps a name the documents of that language write as asked, and names already in its script', () => {
    expect(namesWrittenIn('DeepSeek 降了多少', 'zh', lexicon, (name) => name.toLowerCase() === 'deepseek')).toBe('DeepSeek 降了多少');
    expect(namesWrittenIn('通义千问降了多少', 'zh', lexicon, never)).toBe('通义千问降了多少');
  });

  it('leaves concepts that are not names alone', () => {
    expect(namesWrittenIn('Qwen 的 price', 'zh', lexicon, never)).toBe('通义千问 的 price');
  });
});
