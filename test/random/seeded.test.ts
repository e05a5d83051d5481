import { describe, expect, it } from 'vitest';
import { createRng, mulberry32, shuffledIndices } from '../../src/random/seeded.js';

describe('mulberry32', () => {
  it('is exactly the mulberry32 sequence (pinned: seeded results across the bot depend on it)', () => {
    const next = mulberry32(1);
    expect([next(), next(), next()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('is a pure function of the seed, in [0, 1), and seeds differ', () => {
    const a = Array.from({ length: 1000 }, mulberry32(42));
    expect(Array.from({ length: 1000 }, mulberry32(42))).toEqual(a);
    expect(Array.from({ length: 1000 }, mulberry32(43))).not.toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
  });
});

describe('createRng and shuffledIndices', () => {
  it('give integers in range, finite normals and a permutation, reproducibly', () => {
    const rng = createRng(7);
    const ints = Array.from({ length: 500 }, () => rng.int(10));
    expect(ints.every((i) => Number.isInteger(i) && i >= 0 && i < 10)).toBe(true);
    expect(new Set(ints).size).toBe(10);
    expect(Array.from({ length: 500 }, () => rng.normal()).every(Number.isFinite)).toBe(true);
    const order = shuffledIndices(100, createRng(3));
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...shuffledIndices(100, createRng(3))]).toEqual([...order]);
  });
});
