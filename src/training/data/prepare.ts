/**
 * Split and normalise, the article's "数据预处理" step. The split is a seeded
 * shuffle (test first, then validation out of the rest, as Keras'
 * `validation_split` takes it out of the training data). Features are
 * standardised (z-score) with the mean and standard deviation of the
 * *training* rows only, so nothing about the validation or test rows leaks
 * into training; the same statistics are saved with the model.
 */
import { createRng, shuffledIndices } from '../../random/seeded.js';
import { subSeed } from '../random.js';
import type { Dataset } from './dataset.js';

export interface SplitOptions {
  readonly valSplit: number;
  readonly testSplit: number;
  readonly seed: number;
}

export interface Part {
  readonly rows: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
}

export interface Normalisation {
  readonly method: 'z-score';
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

export interface PreparedData {
  readonly features: number;
  readonly train: Part;
  readonly validation: Part;
  readonly test: Part;
  readonly normalisation: Normalisation;
}

export function splitSizes(rows: number, valSplit: number, testSplit: number): { train: number; validation: number; test: number } {
  const test = Math.max(testSplit > 0 ? 1 : 0, Math.round(rows * testSplit));
  const rest = rows - test;
  const validation = Math.max(valSplit > 0 ? 1 : 0, Math.round(rest * valSplit));
  return { train: rest - validation, validation, test };
}

/** Copies of the rows `indices[from..to)` of `source`, in that order (splits here, batch order in the training loop). */
export function gatherRows(source: Pick<Part, 'x' | 'y'>, features: number, indices: Uint32Array, from = 0, to = indices.length): Part {
  const rows = to - from;
  const x = new Float32Array(rows * features);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const src = indices[from + r] as number;
    x.set(source.x.subarray(src * features, src * features + features), r * features);
    y[r] = source.y[src] as number;
  }
  return { rows, x, y };
}

export function fitNormalisation(part: Part, features: number): Normalisation {
  const mean = new Array<number>(features).fill(0);
  const std = new Array<number>(features).fill(0);
  for (let r = 0; r < part.rows; r++) for (let c = 0; c < features; c++) mean[c] = (mean[c] as number) + (part.x[r * features + c] as number);
  for (let c = 0; c < features; c++) mean[c] = (mean[c] as number) / Math.max(1, part.rows);
  for (let r = 0; r < part.rows; r++) {
    for (let c = 0; c < features; c++) {
      const diff = (part.x[r * features + c] as number) - (mean[c] as number);
      std[c] = (std[c] as number) + diff * diff;
    }
  }
  // A constant column would divide by zero; centring it is all that makes sense.
  for (let c = 0; c < features; c++) std[c] = Math.sqrt((std[c] as number) / Math.max(1, part.rows)) || 1;
  return { method: 'z-score', mean, std };
}

export function applyNormalisation(part: Part, features: number, norm: Normalisation): Part {
  const x = new Float32Array(part.x.length);
  for (let r = 0; r < part.rows; r++) {
    for (let c = 0; c < features; c++) {
      const i = r * features + c;
      x[i] = ((part.x[i] as number) - (norm.mean[c] as number)) / (norm.std[c] as number);
    }
  }
  return { rows: part.rows, x, y: part.y };
}

export function prepareData(dataset: Dataset, options: SplitOptions): PreparedData {
  const sizes = splitSizes(dataset.rows, options.valSplit, options.testSplit);
  if (sizes.train < 1) {
    throw new RangeError(`${dataset.rows} rows leave no training rows after a ${options.testSplit} test and ${options.valSplit} validation split`);
  }
  const order = shuffledIndices(dataset.rows, createRng(subSeed(options.seed, 'split')));
  const test = gatherRows(dataset, dataset.features, order, 0, sizes.test);
  const validation = gatherRows(dataset, dataset.features, order, sizes.test, sizes.test + sizes.validation);
  const train = gatherRows(dataset, dataset.features, order, sizes.test + sizes.validation);
  const normalisation = fitNormalisation(train, dataset.features);
  return {
    features: dataset.features,
    train: applyNormalisation(train, dataset.features, normalisation),
    validation: applyNormalisation(validation, dataset.features, normalisation),
    test: applyNormalisation(test, dataset.features, normalisation),
    normalisation,
  };
}
