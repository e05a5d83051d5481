// A choice question offers alternatives: 利好还是利空, 抬高门槛还是拉低门槛,
// "is that legit or marketing". Its answer states one of them ("the cuts
// benefit SMEs"), never both, so the two count as one unit of the question,
// explained when either is. Without this, the alternative the answer does
// not state, often a word the knowledge base never uses (利空), weighed the
// most and left a question the section answers looking half unanswered.
// Only such pairs are merged: when the knowledge base uses both words, the
// section that states both (a comparison of PyTorch and TensorFlow) is the
// better answer, and merging them would let one that names either tie it.

import { tokenize } from '../text/index.js';
import type { WeightedUnit } from './coverage.js';

/** The words that join two alternatives. */
const CHOICE = new Set(['还是', 'or', '或是', '或者']);

/** Pairs of words offered as alternatives, read from the question's plain word sequence. */
export function alternativePairs(question: string): Array<readonly [string, string]> {
  const words = tokenize(question, { stopwords: false });
  const pairs: Array<readonly [string, string]> = [];
  for (let i = 1; i + 1 < words.length; i++) {
    if (!CHOICE.has(words[i]!)) continue;
    // "抬高 门槛 还是 拉低 门槛": the shared word after each alternative is what both are about.
    if (i >= 2 && words[i - 1] === words[i + 2]) pairs.push([words[i - 2]!, words[i + 1]!]);
    else pairs.push([words[i - 1]!, words[i + 1]!]);
  }
  return pairs;
}

const holds = (u: WeightedUnit, word: string) => u.text === word || u.terms.includes(word);

/** `units` with each pair of alternatives merged into one unit, explained by either (weighing the heavier). */
export function withAlternatives(question: string, units: WeightedUnit[]): WeightedUnit[] {
  if (!/还是|或是|或者|\bor\b/i.test(question)) return units;
  let result = units;
  for (const [a, b] of alternativePairs(question)) {
    const ua = result.find((u) => holds(u, a));
    const ub = result.find((u) => holds(u, b));
    // Both known: a section can state both ("pytorch还是tensorflow" is answered best where both are compared).
    if (ua === undefined || ub === undefined || ua === ub || (ua.known && ub.known)) continue;
    const merged: WeightedUnit = {
      text: `${ua.text}|${ub.text}`,
      terms: [...ua.terms, ...ub.terms],
      // Character bigrams of one alternative would dilute the other's: an alternative counts whole or not at all.
      bigrams: [],
      latin: ua.latin && ub.latin,
      weight: Math.max(ua.weight, ub.weight),
      topicality: Math.max(ua.topicality, ub.topicality),
      known: ua.known || ub.known,
    };
    result = result.flatMap((u) => (u === ua ? [merged] : u === ub ? [] : [u]));
  }
  return result;
}
