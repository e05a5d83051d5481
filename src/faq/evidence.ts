// Amounts and dates in a sentence, as marker terms: what a price or a date
// question asks for (./asked.ts), found by ./statements.ts when it cuts a
// section into sentences. Its own file so that the two need not import each
// other.

/** Marker terms added to a sentence holding an amount or a date (never a query term: `§§`). */
export const AMOUNT_TERM = '§§amount';
export const DATE_TERM = '§§date';

const AMOUNT =
  /[$¥€£]\s?\d|\d[\d,.]*\s?(?:%|×|x\b|元|美元|块|角|毛|万|亿|千|百万|[kmb]\b|yuan|dollars?|cents?|million|billion|thousand|hundred)|(?:several|a few|few) (?:hundred|thousand|million|billion)|数[十百千万亿]|几毛|免费|\bfree\b/iu;
/**
 * A year, a Chinese month or year, or an English month name, whole or abbreviated ("Sept.", not "separate" or
 * "market"); "May" only beside a number, as the modal verb is far more common ("prices may rise").
 */
const DATE =
  /\b(?:19|20)\d\d\b|\d{1,2}\s?月|\d+\s?年|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\bmay\s+\d|\d\s+may\b/iu;

/** The marker terms of one sentence (AMOUNT_TERM, DATE_TERM). */
export function evidenceTerms(text: string): string[] {
  const out: string[] = [];
  if (AMOUNT.test(text)) out.push(AMOUNT_TERM);
  if (DATE.test(text)) out.push(DATE_TERM);
  return out;
}
