// Amounts and dates in a sentence, as marker terms: what a price or a date
// question asks for (./asked.ts), found by ./statements.ts when it cuts a
// section into sentences. Its own file so that the two need not import each
// other.

/** Marker terms added to a sentence holding an amount or a date (never a query term: `§§`). */
export const AMOUNT_TERM = '§§amount';
export const DATE_TERM = '§§date';

const AMOUNT =
  /[$¥€£]\s?\d|\d[\d,.]*\s?(?:%|×|x\b|元|美元|块|角|毛|万|亿|千|百万|[kmb]\b|yuan|dollars?|cents?|million|billion|thousand|hundred)|(?:several|a few|few) (?:hundred|thousand|million|billion)|数[十百千万亿]|几毛|免费|\bfree\b/iu;
const DATE = /\b(?:19|20)\d\d\b|\d{1,2}\s?月|\d+\s?年|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/iu;

/** The marker terms of one sentence (AMOUNT_TERM, DATE_TERM). */
export function evidenceTerms(text: string): string[] {
  const out: string[] = [];
  if (AMOUNT.test(text)) out.push(AMOUNT_TERM);
  if (DATE.test(text)) out.push(DATE_TERM);
  return out;
}
