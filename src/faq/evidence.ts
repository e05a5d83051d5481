// Amounts and dates in a sentence, as marker terms: what a price or a date
// question asks for (./asked.ts), found by ./statements.ts when it cuts a
// section into sentences. Its own file so that the two need not import each
// other.

/** Marker terms added to a sentence holding an amount or a date (never a query term: `§§`). */
export const AMOUNT_TERM = '§§amount';
export const DATE_TERM = '§§date';
export const CHANGE_TERM = '§§change';

const AMOUNT =
  /[$¥€£]\s?\d|\d[\d,.]*\s?(?:%|×|x\b|元|美元|块|角|毛|万|亿|千|百万|[kmb]\b|yuan|dollars?|cents?|million|billion|thousand|hundred)|(?:several|a few|few) (?:hundred|thousand|million|billion)|数[十百千万亿]|几毛|免费|\bfree\b/iu;
/**
 * A year, a Chinese month or year, or an English month name, whole or abbreviated ("Sept.", not "separate" or
 * "market"); "May" only beside a number, as the modal verb is far more common ("prices may rise").
 */
const DATE =
  /\b(?:19|20)\d\d\b|\d{1,2}\s?月|\d+\s?年|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\bmay\s+\d|\d\s+may\b/iu;

/**
 * A price that changed: "from 20 yuan to 0.5", "−85%", "an 80% cut", "(was 8 yuan)", "fell to 0.1", 降到, 降幅,
 * （原价 4/8 元）, 五折. What "how much was X cut" or 降价之后多少钱 asks for; a price quoted alone ("ERNIE-4.0 at about
 * 120 yuan" in a launch table) says nothing of a cut.
 */
const CHANGE =
  /\bfrom\s+[$¥€]?\d[^.;]*?\bto\s+[$¥€]?\d|[−–-]\s?\d+(?:\.\d+)?\s?%|\d+(?:\.\d+)?\s?%\s?(?:cut|off|lower|less|drop|decrease|reduction|below|of list)|\b(?:was|were)\s+[$¥€]?\d|\b(?:fell|dropped|rose|cut|slashed|lowered|reduced|raised|went)\s+(?:\S+\s+){0,4}?(?:to|by)\s+[$¥€]?\d|\d+(?:\.\d+)?\s?×\s?(?:cheaper|less|lower)|降到|降至|降为|降低|降幅|下调|下降|涨到|涨至|上调|原价?\s?[\d.]+|减半|打.折|[\d.]+\s?折/iu;

/** The marker terms of one sentence (AMOUNT_TERM, DATE_TERM, CHANGE_TERM). */
export function evidenceTerms(text: string): string[] {
  const out: string[] = [];
  if (AMOUNT.test(text)) out.push(AMOUNT_TERM);
  if (DATE.test(text)) out.push(DATE_TERM);
  if (CHANGE.test(text)) out.push(CHANGE_TERM);
  return out;
}
