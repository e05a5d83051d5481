/**
 * Seeds for /train: `--seed 42` means the same data, the same split, the same
 * initial weights and the same batch order on every run and every machine.
 * The generator itself is the shared one in src/random/seeded.ts.
 */

/** Derive an independent stream for one purpose (data, split, init, batches) from the user's seed. */
export function subSeed(seed: number, purpose: 'data' | 'split' | 'init' | 'batches' | 'noise'): number {
  const salt = { data: 0x9e3779b9, split: 0x85ebca6b, init: 0xc2b2ae35, batches: 0x27d4eb2f, noise: 0x165667b1 }[purpose];
  return (Math.imul(seed ^ salt, 0x5bd1e995) ^ (seed >>> 13)) >>> 0;
}
