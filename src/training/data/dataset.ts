/** A binary-classification dataset in memory: features row-major, labels 0/1. */
export interface Dataset {
  /** Human-readable origin: `linear (generated, seed 42)`, `churn.csv`. */
  readonly name: string;
  readonly featureNames: readonly string[];
  readonly labelName: string;
  readonly rows: number;
  readonly features: number;
  /** rows × features, row-major. */
  readonly x: Float32Array;
  /** One 0/1 label per row. */
  readonly y: Float32Array;
}

export function positiveShare(dataset: Pick<Dataset, 'y'>): number {
  let ones = 0;
  for (const v of dataset.y) ones += v;
  return dataset.y.length === 0 ? 0 : ones / dataset.y.length;
}
