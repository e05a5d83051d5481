import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, typoDistance } from '../../src/text/edit-distance.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('gpt-4o', 'gpt-4o')).toBe(0);
    expect(editDistance('epochs', 'epoch')).toBe(1);
    expect(editDistance('价格战', '价格')).toBe(1);
  });

  it('is a metric: zero only for equal strings, symmetric, triangle inequality (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', '中'), maxLength: 8 });
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
        expect(editDistance(a, b)).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
      { numRuns: 300 },
    );
  });

  it('imports nothing, so the core can use it without loading jieba', () => {
    const source = readFileSync(new URL('../../src/text/edit-distance.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
  });
});

describe('typoDistance', () => {
  it('counts two neighbouring letters swapped as one slip, and otherwise as editDistance does', () => {
    expect(typoDistance('pirces', 'prices')).toBe(1);
    expect(typoDistance('kersa', 'keras')).toBe(1);
    expect(editDistance('pirces', 'prices')).toBe(2);
    expect(typoDistance('inferene', 'inference')).toBe(1);
    expect(typoDistance('kitten', 'sitting')).toBe(3);
    expect(typoDistance('', 'abc')).toBe(3);
    expect(typoDistance('abc', 'abc')).toBe(0);
  });

  it('is never more than editDistance nor less than it minus the swaps it saves, and is symmetric (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '中'), maxLength: 8 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(typoDistance(a, b)).toBeLessThanOrEqual(editDistance(a, b));
        expect(typoDistance(a, b)).toBeGreaterThanOrEqual(Math.ceil(editDistance(a, b) / 2));
        expect(typoDistance(a, b)).toBe(typoDistance(b, a));
        expect(typoDistance(a, b) === 0).toBe(a === b);
      }),
      { numRuns: 300 },
    );
  });
});
