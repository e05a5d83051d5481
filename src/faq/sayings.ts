// How the rules of what a question asks (./asked.ts, ./question-kinds.ts)
// read a section: its sayings (each sentence and each typical question it
// answers, negated clauses kept, with the amount, date and reason markers of
// ./evidence.ts), one at a time or two consecutive ones, always with its
// headings; and what kinds of question an amount or a date answers.

import { unitMatch, type WeightedUnit } from './coverage.js';
import type { Lexicon } from './lexicon.js';
import { isChineseName } from './general-words.js';
import { AMOUNT_TERM, DATE_TERM } from './evidence.js';
import type { SectionStatements } from './statements.js';

/** Concepts an amount answers (prices, costs, cuts, margins, rates). */
export const AMOUNT_CONCEPTS = new Set(['§price', '§cost', '§price-cut', '§price-rise', '§profit', '§decline-rate', '§per-hour', '§rent', '§free', '§percent']);
/** Whether a question asks a price, cost, cut, margin or rate (an amount answers it). */
export function asksAmount(units: readonly WeightedUnit[]): boolean {
  return units.some((u) => u.terms.some((t) => AMOUNT_CONCEPTS.has(t)));
}

/** Concepts that ask for a price itself (not for a cut or a rise, which a "did not join the cuts" answers). */
export const PRICE_CONCEPTS = new Set(['§price', '§cost', '§rent', '§per-hour']);
/** A price asked in words: 多少钱, 价格多少, "how much". */
export const PRICE_ASKED = /多少钱|啥价|什么价|价格?(?:是)?多少|\bhow much\b/i;

/** A price asked as a sum: a price word ("price", 定价, "cost"), 多少钱 or "in yuan". */
export function asksMoney(question: string, units: readonly WeightedUnit[]): boolean {
  // "How much" alone asks an amount of any kind ("how much cheaper per year").
  return units.some((u) => u.terms.some((t) => PRICE_CONCEPTS.has(t)) && !/^how much$/i.test(u.text)) || /多少钱|\bin (?:yuan|rmb|dollars|usd)\b/i.test(question);
}

/** Concepts a date answers. */
export const DATE_CONCEPTS = new Set(['§release', '§duration']);

/** A version beside a name (R1, 405B, V3, 4.0) says which one, not what is asked; a year (2024) is asked. */
export const MODEL_VERSION = /^(?!(?:19|20)\d\d$)[a-z]{0,2}\d[\d.]*[a-z]?$/i;

/**
 * A question that asks for a date: "when did/was/will…", "what year", 哪年, 哪天, 什么时候出. Not "when" as a
 * conjunction ("rotate text when prepping data"), nor "when should I…", 什么时候该/用/适合…: those ask for a condition.
 */
export const WHEN = /\bwhen (?:\w+ly )?(?:did|was|were|will|is|are|does)\b|\b(?:what|which) (?:year|date|day|month)\b|哪一?年|哪一?天|何时|几月几|几号|哪个月|(?:什么|啥)时候(?!该|应该|应|用|使用|需要|要|适合|可以|能|才能|最好)/i;

/** Whether a window explains a unit: its words, or an amount for a price asked, a date for a date asked. */
export function explains(u: WeightedUnit, has: (term: string) => boolean): boolean {
  if (unitMatch(u, has) >= 0.5) return true;
  if (has(AMOUNT_TERM) && u.terms.some((t) => AMOUNT_CONCEPTS.has(t))) return true;
  return has(DATE_TERM) && u.terms.some((t) => DATE_CONCEPTS.has(t));
}

/** One saying of a section read with its headings, as a term test. */
export function sayingWithHeadings(section: SectionStatements, saying: ReadonlySet<string>): (term: string) => boolean {
  return (t) => saying.has(t) || section.headings.has(t);
}

/**
 * Each window of two consecutive sentences of a section, and each of its typical questions alone, read with its
 * headings, as a term test. Two typical questions are no window: "why might my bill grow" beside "what happened
 * to deepseek v3 output price" does not say why DeepSeek did anything.
 */
export function* sayingWindows(section: SectionStatements): Generator<(term: string) => boolean> {
  const { sayings, headings, sentenceCount } = section;
  for (let i = 0; i < sayings.length; i++) {
    const a = sayings[i]!;
    const b = i + 1 < sentenceCount ? sayings[i + 1] : undefined;
    yield (t) => headings.has(t) || a.has(t) || (b !== undefined && b.has(t));
  }
}

/**
 * Whether a clause of one saying that `holds` accepts also holds `marker`, or the clause after it does: what a
 * clause names is priced or valued there or next ("released DeepSeek-V2, priced at 1 yuan"), not two clauses on.
 */
export function clauseOrNextWith(clauses: readonly ReadonlySet<string>[], holds: (clause: ReadonlySet<string>) => boolean, marker: string): boolean {
  return clauses.some((c, j) => holds(c) && (c.has(marker) || clauses[j + 1]?.has(marker) === true));
}

/** Whether a term is a name of the lexicon other than a person's: a company, a model, a product (an employer, for a career). */
export function isCompany(term: string, lexicon: Lexicon): boolean {
  return term.startsWith('§') && lexicon.kindOf(term) === 'name' && !isPerson(term, lexicon);
}

/** Whether a name of the lexicon is a person's (贾扬清, 张鹏): a Chinese phrase of its group is a person's name. */
function isPerson(concept: string, lexicon: Lexicon): boolean {
  const group = lexicon.groups.find((g) => `§${g.id}` === concept);
  return group !== undefined && group.phrases.some((p) => /^\p{Script=Han}+$/u.test(p) && isChineseName(p));
}
