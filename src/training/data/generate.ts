/**
 * Built-in datasets, generated from the seed so that a job is fully described
 * by its parameters (and can be re-run after a crash without storing data).
 *
 * Every generator draws features x ~ U(0, 1)^d — the article's example data
 * look like NumPy's `np.random.rand(100, 10)` — from the `data` stream of the
 * seed, then labels them:
 *
 * - `linear` (the default, also called `synthetic`): a hidden direction
 *   w ~ N(0, 1)^d; y = 1 when w · (x − 0.5) > 0. Linearly separable, so a
 *   logistic regression can reach 100 %; the classes are roughly balanced.
 * - `xor`: y = (x₀ > 0.5) XOR (x₁ > 0.5); the other features are noise. Not
 *   linearly separable: a hidden layer is needed. Needs d ≥ 2.
 * - `noisy`: `linear`, then 15 % of the labels flipped (from the `noise`
 *   stream). The best possible accuracy is about 85 %.
 */
import { open } from 'node:fs/promises';
import { createRng } from '../../random/seeded.js';
import { subSeed } from '../random.js';
import type { Dataset } from './dataset.js';

export const GENERATORS = ['linear', 'xor', 'noisy'] as const;
export type GeneratorName = (typeof GENERATORS)[number];

/** Share of labels `noisy` flips. */
export const NOISY_FLIP_RATE = 0.15;

export interface GeneratorSpec {
  readonly generator: GeneratorName;
  readonly rows: number;
  readonly features: number;
  readonly seed: number;
}

export function generateDataset(spec: GeneratorSpec): Dataset {
  const { generator, rows, features, seed } = spec;
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be a positive integer, got ${rows}`);
  if (!Number.isInteger(features) || features < 1) throw new RangeError(`features must be a positive integer, got ${features}`);
  if (generator === 'xor' && features < 2) throw new RangeError('the xor generator needs at least 2 features');
  const rng = createRng(subSeed(seed, 'data'));
  const x = new Float32Array(rows * features);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  const y = new Float32Array(rows);
  if (generator === 'xor') {
    for (let r = 0; r < rows; r++) {
      const a = (x[r * features] as number) > 0.5;
      const b = (x[r * features + 1] as number) > 0.5;
      y[r] = a !== b ? 1 : 0;
    }
  } else {
    const w = Array.from({ length: features }, () => rng.normal());
    for (let r = 0; r < rows; r++) {
      let score = 0;
      for (let c = 0; c < features; c++) score += (w[c] as number) * ((x[r * features + c] as number) - 0.5);
      y[r] = score > 0 ? 1 : 0;
    }
    if (generator === 'noisy') {
      const noise = createRng(subSeed(seed, 'noise'));
      for (let r = 0; r < rows; r++) if (noise.next() < NOISY_FLIP_RATE) y[r] = 1 - (y[r] as number);
    }
  }
  return {
    name: `${generator} (generated, ${rows}×${features}, seed ${seed})`,
    featureNames: Array.from({ length: features }, (_, i) => `x${i + 1}`),
    labelName: 'y',
    rows,
    features,
    x,
    y,
  };
}

/** The dataset as CSV text (header + rows, label last): what an external trainer gets. */
/** The dataset as CSV text in pieces of `rowsPerChunk` rows (the header comes with the first). */
export function* datasetCsvChunks(dataset: Dataset, rowsPerChunk = 5_000): Generator<string> {
  let lines = [[...dataset.featureNames, dataset.labelName].join(',')];
  for (let r = 0; r < dataset.rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < dataset.features; c++) cells.push(String(dataset.x[r * dataset.features + c]));
    cells.push(String(dataset.y[r]));
    lines.push(cells.join(','));
    if (lines.length >= rowsPerChunk) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

export function datasetToCsv(dataset: Dataset): string {
  return [...datasetCsvChunks(dataset)].join('');
}

/**
 * Write the dataset as CSV without holding the event loop: each chunk is
 * written (and awaited) before the next is built, so the bot keeps answering
 * while a large generated dataset goes to an external trainer.
 */
export async function writeDatasetCsv(path: string, dataset: Dataset): Promise<void> {
  const file = await open(path, 'w');
  try {
    for (const chunk of datasetCsvChunks(dataset)) await file.write(chunk);
  } finally {
    await file.close();
  }
}
