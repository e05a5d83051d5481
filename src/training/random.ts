/**
 * A small seeded PRNG so that `--seed 42` means the same data, the same split,
 * the same initial weights and the same batch order on every run and every
 * machine. Math.random cannot be seeded, so nothing in /train uses it.
 */

/** mulberry32: 32-bit state, passes the usual smoke tests, plenty for shuffling and toy data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    normal() {
      // 1 - u keeps the log argument in (0, 1].
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int(n) {
      return Math.floor(next() * n);
    },
  };
}

/** Derive an independent stream for one purpose (data, split, init, batches) from the user's seed. */
export function subSeed(seed: number, purpose: 'data' | 'split' | 'init' | 'batches' | 'noise'): number {
  const salt = { data: 0x9e3779b9, split: 0x85ebca6b, init: 0xc2b2ae35, batches: 0x27d4eb2f, noise: 0x165667b1 }[purpose];
  return (Math.imul(seed ^ salt, 0x5bd1e995) ^ (seed >>> 13)) >>> 0;
}

/** Fisher–Yates shuffle of 0..n-1. */
export function shuffledIndices(n: number, rng: Rng): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = out[i] as number;
    out[i] = out[j] as number;
    out[j] = tmp;
  }
  return out;
}
