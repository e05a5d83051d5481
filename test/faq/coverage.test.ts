import { describe, expect, it } from 'vitest';
import { windowCoverageOf, type WeightedUnit } from '../../src/faq/coverage.js';

const unit = (term: string, weight = 4): WeightedUnit => ({ text: term, terms: [term], bigrams: [], latin: true, known: true, weight, topicality: 1 });

describe('windowCoverageOf: the main-word rule', () => {
  // "how do the weights get updated in gradient descent": both main words.
  const units = [unit('weight'), unit('gradient')];
  const sentences = [new Set(['gradient', 'descent']), new Set(['step'])];

  it('caps a window that explains as few main words as it misses', () => {
    expect(windowCoverageOf(units, new Set(), sentences)).toBe(0.35);
  });

  it('does not cap it when the missing main word is used elsewhere on its page (still weighed as unexplained)', () => {
    expect(windowCoverageOf(units, new Set(), sentences, new Set(['weight', 'gradient']))).toBe(0.5);
  });

  it('still caps it when the page never uses the missing word', () => {
    expect(windowCoverageOf(units, new Set(), sentences, new Set(['gradient', 'bias']))).toBe(0.35);
  });
});

describe('windowCoverageOf: pinned typical questions', () => {
  // "what does a kettle descaler cost": both main words, neither in the body.
  const units = [unit('descal'), unit('cost')];
  const body = [new Set(['vinegar', 'rins'])];

  it('reads each pinned question as a window of its own, with the context', () => {
    expect(windowCoverageOf(units, new Set(['cost']), body, undefined, [new Set(['descal'])])).toBe(1);
  });

  it('does not pool the words of two pinned questions into one window', () => {
    const questions = [new Set(['descal', 'kettl']), new Set(['cost', 'kettl'])];
    expect(windowCoverageOf(units, new Set(), body, undefined, questions)).toBe(0.35);
    expect(windowCoverageOf(units, new Set(), body, undefined, [new Set(['descal', 'cost'])])).toBe(1);
  });
});
