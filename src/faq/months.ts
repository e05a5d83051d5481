// Months as one concept each, however they are written: 9月, 9 月份, 九月,
// 九月份, "September", "Sept 2024", "May 2024", "21 May". A timeline answers
// by month ("阿里九月份又降了多少", "what did DeepSeek charge in May 2024"),
// and word matching loses all of them: jieba drops the digit of 9月 and keeps
// 九月份 whole, and "may" is a stopword. Both documents and questions go
// through the lexicon's matching (./lexicon.ts), which adds these, so 九月份
// in a question meets "2024 年 9 月" in a section, and "September" meets it
// through the English twin.

/** A month found in a text: the same shape as a lexicon match (./lexicon.ts merges them). */
export interface MonthMatch {
  readonly concept: string;
  readonly start: number;
  readonly end: number;
}

const ZH_NUMBERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

/**
 * A number right before 月 (spaces allowed), not after another digit or
 * numeral (the 2月 of 12月); 3个月 (three months, a duration) is not one.
 */
const ZH_MONTH = /(?<![\d一二三四五六七八九十])(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月份?/gu;

const EN_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const EN_SHORT: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };
/** Full names other than "may" and "march" (a modal verb and a verb when alone). */
const EN_FULL = /\b(january|february|april|june|july|august|september|october|november|december)\b/giu;
/** "may", "march" and the short forms count only beside a date's number: "May 2024", "May-2024", "21 May", "sept. 2024", or "in May" ending a clause. */
const EN_DATED = /\b(may|march|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?(?=[\s\-–]*\d)|(?<=\b\d{1,2}(?:st|nd|rd|th)?\s+)(may|march|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b|(?<=\bin\s+)(may|march)\b(?=\s*(?:$|[?!.,;:]))/giu;

/** The concept term of month `n` (1–12). */
export function monthConcept(n: number): string {
  return `§month-${n}`;
}

function englishMonth(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  return EN_SHORT[w] ?? EN_NAMES.indexOf(w) + 1;
}

/** Every month written in `text` (NFKC-normalised), as lexicon matches. */
export function monthMatches(text: string): MonthMatch[] {
  const out: MonthMatch[] = [];
  for (const m of text.matchAll(ZH_MONTH)) {
    const n = /\d/.test(m[1]!) ? Number(m[1]) : ZH_NUMBERS[m[1]!]!;
    out.push({ concept: monthConcept(n), start: m.index, end: m.index + m[0].length });
  }
  for (const pattern of [EN_FULL, EN_DATED]) {
    for (const m of text.matchAll(pattern)) {
      const n = englishMonth(m[0]);
      if (n > 0) out.push({ concept: monthConcept(n), start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}
