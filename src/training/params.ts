/**
 * What a training job is: the model, the optimiser settings and where the data
 * comes from. Defaults are the article's worked case (a 10-feature binary
 * classifier, Dense 10 ReLU → Dense 1 sigmoid, Adam lr 0.001, binary
 * cross-entropy, 10 epochs, batch 32, validation split 0.2, test split 0.2).
 * Limits that depend on the machine (epochs, rows, columns, file size) come
 * from configuration and are checked here, so every entry point (chat, CLI,
 * tests, bench) gets the same answer.
 */
import type { Config } from '../config.js';
import type { GeneratorName } from './data/generate.js';
import { plainWords, type Sentence, type Spelling } from './errors.js';

export const MODELS = ['small', 'mlp'] as const;
export type ModelName = (typeof MODELS)[number];

/** Hidden layer sizes per preset: `small` is the article's model, `mlp` the bigger benchmark model. */
export const DEFAULT_HIDDEN: Readonly<Record<ModelName, readonly number[]>> = { small: [10], mlp: [256, 256] };

export const ARTICLE_DEFAULTS = {
  model: 'small',
  epochs: 10,
  batch: 32,
  lr: 0.001,
  valSplit: 0.2,
  testSplit: 0.2,
  seed: 42,
  rows: 100,
  features: 10,
} as const;

export const MAX_HIDDEN_UNITS = 1024;
export const MAX_HIDDEN_LAYERS = 8;

export interface TrainParams {
  readonly model: ModelName;
  readonly hidden: readonly number[];
  readonly epochs: number;
  readonly batch: number;
  readonly lr: number;
  readonly valSplit: number;
  readonly testSplit: number;
  readonly seed: number;
}

/** Where a job's rows come from. Stored with the job, so it must be plain data. */
export type DatasetSource =
  | { readonly kind: 'generated'; readonly generator: GeneratorName; readonly rows: number; readonly features: number }
  | {
      readonly kind: 'csv';
      /** Display name (`churn.csv`). */
      readonly name: string;
      /** Absolute path of the file (attached files are first copied under DATA_DIR). */
      readonly path: string;
      readonly origin: 'library' | 'attached';
      readonly label?: string;
    };

export interface TrainLimits {
  readonly maxEpochs: number;
  readonly maxRows: number;
  readonly maxColumns: number;
  readonly maxFileBytes: number;
}

export function limitsFromConfig(config: Config): TrainLimits {
  return {
    maxEpochs: config.TRAIN_MAX_EPOCHS,
    maxRows: config.TRAIN_MAX_ROWS,
    maxColumns: config.TRAIN_MAX_COLUMNS,
    maxFileBytes: config.TRAIN_MAX_FILE_BYTES,
  };
}

/**
 * One parameter out of its range. `message` is written with plain parameter
 * keys ("must be between 1 and 500 (TRAIN_MAX_EPOCHS)"); a message that
 * names another parameter is re-worded by the caller with `inWords` (the chat
 * writes its flags).
 */
export class LimitProblem {
  /** A private field, not a property: the problem stays plain data to compare and print. */
  readonly #sentence: Sentence;
  /** "must be between 1 and 500 (TRAIN_MAX_EPOCHS)". */
  readonly message: string;

  constructor(
    /** The parameter at fault (`epochs`, `rows`, `features`, `hidden`). */
    readonly param: 'epochs' | 'rows' | 'features' | 'hidden',
    sentence: Sentence | string,
  ) {
    this.#sentence = typeof sentence === 'string' ? () => sentence : sentence;
    this.message = this.#sentence(plainWords);
  }

  /** The message, naming other parameters as `words` spells them. */
  inWords(words: Spelling): string {
    return this.#sentence(words);
  }
}

/**
 * Checks that depend on configuration or on several parameters together.
 * (Single-value ranges that never change live in the command's zod schema.)
 */
export function checkParams(
  params: TrainParams,
  generated: { readonly generator: GeneratorName; readonly rows: number; readonly features: number } | undefined,
  limits: TrainLimits,
): LimitProblem[] {
  const problems: LimitProblem[] = [];
  if (!Number.isInteger(params.epochs) || params.epochs < 1 || params.epochs > limits.maxEpochs) {
    problems.push(new LimitProblem('epochs', `must be between 1 and ${limits.maxEpochs} (TRAIN_MAX_EPOCHS)`));
  }
  if (params.model === 'small' && params.hidden.length !== 1) {
    problems.push(new LimitProblem('hidden', (w) => `takes one layer size for ${w.param('model')} small (use ${w.param('model')} mlp for several layers)`));
  }
  if (params.hidden.length > MAX_HIDDEN_LAYERS || params.hidden.some((h) => !Number.isInteger(h) || h < 1 || h > MAX_HIDDEN_UNITS)) {
    problems.push(new LimitProblem('hidden', `must be 1 to ${MAX_HIDDEN_LAYERS} layer sizes, each between 1 and ${MAX_HIDDEN_UNITS}`));
  }
  if (generated !== undefined) {
    if (generated.rows < 10 || generated.rows > limits.maxRows) problems.push(new LimitProblem('rows', `must be between 10 and ${limits.maxRows} (TRAIN_MAX_ROWS)`));
    const minFeatures = generated.generator === 'xor' ? 2 : 1;
    if (generated.features < minFeatures || generated.features > limits.maxColumns) {
      problems.push(new LimitProblem('features', `must be between ${minFeatures} and ${limits.maxColumns} (TRAIN_MAX_COLUMNS)${minFeatures === 2 ? ' for the xor generator' : ''}`));
    }
  }
  return problems;
}
