import { describe, expect, it } from 'vitest';
import { detectLang, EN_STOPWORDS, splitSentences, tokenize, ZH_STOPWORDS } from '../../src/text/index.js';

describe('tokenize: Chinese', () => {
  it('segments with the jieba dictionary into words, not single characters', () => {
    const tokens = tokenize('大模型价格战对中小企业有什么影响', { stopwords: false });
    expect(tokens).toContain('价格战');
    expect(tokens).toContain('中小企业');
    expect(tokens).toContain('影响');
    // A dictionary-less jieba would give one token per character (16 of them).
    expect(tokens.length).toBeLessThan(10);
    expect(tokens.join('')).toBe('大模型价格战对中小企业有什么影响');
  });

  it('drops Chinese stopwords by default', () => {
    expect(tokenize('大模型价格战对中小企业有什么影响')).toEqual(['大', '模型', '价格战', '中小企业', '影响']);
  });

  it('search mode adds the sub-words of long words', () => {
    const tokens = tokenize('中小企业的价格战', { search: true });
    expect(tokens).toEqual(expect.arrayContaining(['企业', '中小企业', '价格', '价格战']));
  });

  it('drops Chinese punctuation', () => {
    expect(tokenize('降价了！真的吗？', { stopwords: false })).not.toEqual(
      expect.arrayContaining(['！', '？', '!', '?']),
    );
  });
});

describe('tokenize: English', () => {
  it('lower-cases, stems and removes stopwords', () => {
    expect(tokenize('Prices are falling')).toEqual(['price', 'fall']);
    expect(tokenize('Prices are falling', { stopwords: false })).toEqual(['price', 'ar', 'fall']); // Porter: are → ar
  });

  it('keeps numbers, including decimals and thousands, and drops punctuation', () => {
    expect(tokenize('Input costs $0.27 per 1,000,000 tokens (75% off)!')).toEqual([
      'input',
      'cost',
      '0.27',
      'per',
      '1000000',
      'token',
      '75',
      'off',
    ]);
  });

  it('splits model names on hyphens but keeps version numbers whole', () => {
    expect(tokenize('gpt-4.1-mini vs Qwen2.5-Max')).toEqual(['gpt', '4.1', 'mini', 'vs', 'qwen2.5', 'max']);
  });

  it('handles possessives and contractions', () => {
    expect(tokenize("OpenAI's prices don't fall")).toEqual(['openai', 'price', 'fall']);
  });

  it('keeps words that matter in a price war out of the stopword list', () => {
    for (const w of ['up', 'down', 'off', 'not', 'no', 'more', 'less']) expect(EN_STOPWORDS.has(w)).toBe(false);
    for (const w of ['不', '没有', '最', '更', '降', '涨']) expect(ZH_STOPWORDS.has(w)).toBe(false);
  });
});

describe('tokenize: mixed', () => {
  it('handles Chinese and English token by token', () => {
    expect(tokenize('GPT-4o 的价格下降了', { stopwords: false })).toEqual(['gpt', '4o', '的', '价格下降', '了']);
    expect(tokenize('GPT-4o 的价格下降了')).toEqual(['gpt', '4o', '价格下降']);
  });

  it('separates Latin and Han with no space between them', () => {
    expect(tokenize('DeepSeek降价75%，百万tokens只要1元')).toEqual([
      'deepseek',
      '降价',
      '75',
      '百万',
      'token',
      '只要',
      '1',
      '元',
    ]);
  });

  it('folds full-width letters and digits', () => {
    expect(tokenize('ＧＰＴ－４ｏ很便宜')).toEqual(['gpt', '4o', '便宜']);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('？！…—— ...')).toEqual([]);
  });
});

describe('detectLang', () => {
  it('classifies by share of CJK characters', () => {
    expect(detectLang('大模型价格战对中小企业有什么影响')).toBe('zh');
    expect(detectLang('Prices are falling fast')).toBe('en');
  });

  it('picks the dominant language in mixed text', () => {
    expect(detectLang('GPT-4o 的价格下降了')).toBe('zh');
    expect(detectLang('我们用 OpenAI 的 API')).toBe('zh');
    expect(detectLang('The term 价格战 means a price war between vendors')).toBe('en');
  });

  it('defaults to English without letters', () => {
    expect(detectLang('')).toBe('en');
    expect(detectLang('1.5 / 3 = 0.5 !!!')).toBe('en');
  });
});

describe('splitSentences', () => {
  it('splits Chinese on 。！？；', () => {
    expect(splitSentences('价格战开始了。DeepSeek 降价 75%！你怎么看？我觉得；还行')).toEqual([
      '价格战开始了。',
      'DeepSeek 降价 75%！',
      '你怎么看？',
      '我觉得；',
      '还行',
    ]);
  });

  it('splits English on . ! ? but not in decimals, versions or abbreviations', () => {
    expect(splitSentences('Prices fell 3.5% in Jan. 2025. Then e.g. GPT-4.1 got cheap! Really?! Yes...')).toEqual([
      'Prices fell 3.5% in Jan. 2025.',
      'Then e.g. GPT-4.1 got cheap!',
      'Really?!',
      'Yes...',
    ]);
    expect(splitSentences('U.S. prices are high. The answer is no.')).toEqual([
      'U.S. prices are high.',
      'The answer is no.',
    ]);
  });

  it('keeps URLs intact, including their dots and question marks', () => {
    expect(splitSentences('See https://example.com/a.b?c=1&d=2. Then decide!')).toEqual([
      'See https://example.com/a.b?c=1&d=2.',
      'Then decide!',
    ]);
    expect(splitSentences('详见https://x.com/p?q=1。然后呢')).toEqual(['详见https://x.com/p?q=1。', '然后呢']);
    expect(splitSentences('Docs at www.example.com/pricing.html? No, not yet.')).toEqual([
      'Docs at www.example.com/pricing.html?',
      'No, not yet.',
    ]);
  });

  it('keeps closing quotes with their sentence and splits on line breaks', () => {
    expect(splitSentences('他说：“太便宜了！”然后走了。')).toEqual(['他说：“太便宜了！”', '然后走了。']);
    expect(splitSentences('- GPT-4o: $2.5\n- DeepSeek: $0.27\n\n总结：都降价了')).toEqual([
      '- GPT-4o: $2.5',
      '- DeepSeek: $0.27',
      '总结：都降价了',
    ]);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n ')).toEqual([]);
  });
});
