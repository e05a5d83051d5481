// Stand-ins for the FAQ's analyzer and question units, to build a section's
// statements (src/faq/statements.ts) from plain sentences in rule tests
// (test/faq/asked.test.ts, test/faq/question-kinds.test.ts).

import type { WeightedUnit } from '../../src/faq/coverage.js';
import { sectionStatements, type SectionStatements } from '../../src/faq/statements.js';

/** A question unit: what the asker wrote, its index terms, its weight and topicality. */
export const unit = (text: string, terms: string[], weight = 2, topicality = 1): WeightedUnit => ({ text, terms, bigrams: [], latin: true, weight, topicality, known: true });

/** Lower-cased words, with the concepts `§acme`, `§globex`, `§price`, `§gd`, `§off-peak`, `§learning-rate`: a stand-in for the analyzer. */
const CONCEPTS: Record<string, string> = { acme: '§acme', globex: '§globex', price: '§price', cost: '§price', gd: '§gd', offpeak: '§off-peak', lr: '§learning-rate' };
export const words = (text: string): Set<string> => {
  const ws = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set([...ws, ...ws.flatMap((w) => (CONCEPTS[w] === undefined ? [] : [CONCEPTS[w]]))]);
};

/** A section of these sentences under one heading. */
export const section = (sentences: string[], heading = 'Vendors'): SectionStatements => sectionStatements([heading], sentences, [], words);

export const acme = unit('Acme', ['§acme']);
export const globex = unit('Globex', ['§globex']);
