/**
 * Seeded pseudo-random numbers, for everything that must come out the same on
 * every run and every machine: /train data, splits, initial weights and batch
 * order (`--seed 42`), /pricewar simulations, and the synthetic corpora of the
 * benchmarks. Math.random cannot be seeded, so none of those use it.
 *
 * Not for anything secret (ids, tokens): use node:crypto there.
 */

/**
 * mulberry32: 32-bit state, passes the usual smoke tests, small and fast;
 * plenty for shuffling, toy data and simulations. Returns uniform numbers in
 * [0, 1). Tests pin results that depend on this exact sequence (training
 * accuracy per seed, simulation outputs): do not change the algorithm.
 */
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
