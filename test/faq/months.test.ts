import { describe, expect, it } from 'vitest';
import { Lexicon } from '../../src/faq/lexicon.js';
import { monthMatches } from '../../src/faq/months.js';

const months = (text: string) => monthMatches(text.normalize('NFKC').toLowerCase()).map((m) => [text.normalize('NFKC').toLowerCase().slice(m.start, m.end), m.concept]);

describe('monthMatches', () => {
  it('reads Chinese months written with digits or numerals, with or without 份 and spaces', () => {
    expect(months('2024 年 9 月：阿里第二轮降价')).toEqual([['9 月', '§month-9']]);
    expect(months('阿里九月份又降了多少')).toEqual([['九月份', '§month-9']]);
    expect(months('5月份和十二月')).toEqual([['5月份', '§month-5'], ['十二月', '§month-12']]);
  });

  it('does not read the 2月 of 12月, the 一月 of 十一月, or a duration (3个月)', () => {
    expect(months('12月')).toEqual([['12月', '§month-12']]);
    expect(months('十一月')).toEqual([['十一月', '§month-11']]);
    expect(months('免费用 3 个月')).toEqual([]);
  });

  it('reads English month names, and "may" and short forms only beside a date', () => {
    expect(months('in September 2024')).toEqual([['september', '§month-9']]);
    expect(months('What did DeepSeek charge in May 2024?')).toEqual([['may', '§month-5']]);
    expect(months('did not join the May-2024 cuts')).toEqual([['may', '§month-5']]);
    expect(months('cut on 21 May')).toEqual([['may', '§month-5']]);
    expect(months('prices in may')).toEqual([['may', '§month-5']]);
    expect(months('sept. 2024, feb 2025')).toEqual([['sept.', '§month-9'], ['feb', '§month-2']]);
    expect(months('prices may fall further; march on')).toEqual([]);
  });
});

describe('months in the lexicon', () => {
  it('are concepts of documents and questions alike, and a month inside a phrase stays part of it', () => {
    const lexicon = Lexicon.parse('may-cuts: may 2024 price war | 五月价格战\nprice: price | 价格');
    expect(lexicon.concepts('九月份的价格')).toEqual(['§month-9', '§price']);
    expect(lexicon.concepts('the May 2024 price war')).toEqual(['§may-cuts']);
    expect(Lexicon.empty.concepts('2024 年 5 月')).toEqual(['§month-5']);
  });
});
