// Amounts and dates in a sentence, as marker terms: what a price or a date
// question asks for (./asked.ts, ./question-kinds.ts), found by ./statements.ts when it cuts a
// section into sentences. Its own file so that the two need not import each
// other.

/** Marker terms added to a sentence holding an amount or a date (never a query term: `§§`). */
export const AMOUNT_TERM = '§§amount';
export const DATE_TERM = '§§date';
export const CHANGE_TERM = '§§change';
export const REASON_TERM = '§§reason';
export const MONEY_TERM = '§§money';
export const PRIOR_TERM = '§§prior';
export const NUMBER_TERM = '§§number';

const AMOUNT =
  /[$¥€£]\s?\d|\d[\d,.]*\s?(?:%|×|x\b|元|美元|块|角|毛|万|亿|千|百万|[kmb]\b|yuan|dollars?|cents?|million|billion|thousand|hundred)|(?:several|a few|few) (?:hundred|thousand|million|billion)|数[十百千万亿]|几毛|免费|\bfree\b/iu;
/** A sum of money (or free): what a price asked "in yuan", 多少钱 wants, where a percentage of a cut does not answer. */
const MONEY = /[$¥€£]\s?\d|\d[\d,.]*\s?(?:元|美元|块|毛|yuan|dollars?|cents?|usd|rmb)\b|\d[\d,.]*\s?(?:元|美元|块|毛)|免费|\bfree\b/iu;

/**
 * A year, a Chinese month or year, or an English month name, whole or abbreviated ("Sept.", not "separate" or
 * "market"); "May" only beside a number, as the modal verb is far more common ("prices may rise").
 */
const DATE =
  /\b(?:19|20)\d\d\b|\d{1,2}\s?月|\d+\s?年|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\bmay\s+\d|\d\s+may\b/iu;

/**
 * A price that changed: "from 20 yuan to 0.5", "−85%", "an 80% cut", "(was 8 yuan)", "fell to 0.1", 降到, 降幅, 降 85%,
 * （原价 4/8 元）, 五折. What "how much was X cut" or 降价之后多少钱 asks for; a price quoted alone ("ERNIE-4.0 at about
 * 120 yuan" in a launch table) says nothing of a cut.
 */
const CHANGE =
  /\bfrom\s+[$¥€]?\d[^.;]*?\bto\s+[$¥€]?\d|[−–-]\s?\d+(?:\.\d+)?\s?%|\d+(?:\.\d+)?\s?%\s?(?:cut|off|lower|less|drop|decrease|reduction|below|of list)|\b(?:was|were)\s+[$¥€]?\d|\b(?:fell|dropped|rose|cut|slashed|lowered|reduced|raised|went)\s+(?:\S+\s+){0,4}?(?:to|by)\s+[$¥€]?\d|\d+(?:\.\d+)?\s?×\s?(?:cheaper|less|lower)|降到|降至|降为|降低|降幅|下调|下降|涨到|涨至|上调|[降涨]\s?\d+(?:\.\d+)?\s?%|原价?\s?[\d.]+|减半|打.折|[\d.]+\s?折/iu;

/**
 * A sentence giving a reason or a consequence: "because", "thanks to", "driven by", "so that", "→", 因为, 由于,
 * 为了, 导致, 得益于. What "why did X…", 凭啥 asks for; "Moonshot did not join the cuts" says what, not why.
 */
const REASON =
  /\b(?:because|since|due to|thanks to|driven by|owing to|so that|in order to|as a result|result(?:s|ed)? in|leads? to|led to|caused? by|the reason|reasons?|why|allows?|allowed|lets|enables?|enabled|means|meant|which is why|to win|to gain|to grab|to attract|aims? to|aimed to)\b|→|因为|由于|所以|因此|为了|导致|使得|得益于|原因|以便|从而|于是|意味着|目的|为的是|旨在|靠/iu;

/** The price before a change: "from 5 yuan to 1", 从 8 元降为免费, 原价 4 元, "(was 8 yuan)". What 降价之前多少钱 asks. */
const PRIOR = /\bfrom\s+[$¥€]?\d[^.;]*?\bto\b|从\s?[$¥€]?[\d.]+\s?\S{0,6}?(?:降|涨|下调|上调|调)|原价?\s?[\d.]+|\b(?:was|were)\s+[$¥€]?\d/iu;

/** The marker terms of one sentence (NUMBER_TERM, AMOUNT_TERM, MONEY_TERM, DATE_TERM, CHANGE_TERM, PRIOR_TERM, REASON_TERM). */
export function evidenceTerms(raw: string): string[] {
  // Emphasis marks split what they wrap from its neighbours: "上涨**到" is 涨到.
  const text = raw.replace(/\*\*|__/g, '');
  const out: string[] = [];
  if (/\d/.test(text)) out.push(NUMBER_TERM);
  if (AMOUNT.test(text)) out.push(AMOUNT_TERM);
  if (MONEY.test(text)) out.push(MONEY_TERM);
  if (DATE.test(text)) out.push(DATE_TERM);
  if (CHANGE.test(text)) out.push(CHANGE_TERM);
  if (PRIOR.test(text)) out.push(PRIOR_TERM);
  if (REASON.test(text)) out.push(REASON_TERM);
  return out;
}
