/**
 * The training loop. One `model.fit` call per epoch on a batch order drawn
 * from the seed (TF.js shuffles with Math.random, which cannot be seeded), so
 * a job with the same seed on the same backend gives the same curve. Between
 * batches the caller may ask to stop: cancellation takes effect within one
 * batch, and the epoch it interrupts is not recorded.
 */
import type * as tfType from '@tensorflow/tfjs';
import { positiveShare } from '../data/dataset.js';
import { gatherRows, type Part, type PreparedData } from '../data/prepare.js';
import type { TrainParams } from '../params.js';
import { createRng, shuffledIndices } from '../../random/seeded.js';
import { subSeed } from '../random.js';
import { buildModel, type Tf } from './model.js';

export interface EpochStats {
  /** 1-based. */
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  /** Wall time of the epoch, validation included. */
  readonly ms: number;
}

export interface TrainMetrics {
  readonly testLoss: number;
  readonly testAccuracy: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  readonly epochs: number;
  /**
   * What always guessing the test rows' commoner class scores: the chance
   * level a test accuracy has to beat to mean anything.
   */
  readonly testMajorityAccuracy: number;
  /** Training samples per second over the fitted epochs (validation excluded from the count, not the time). */
  readonly samplesPerSecond: number;
}

export interface TrainCallbacks {
  onEpoch?(stats: EpochStats): void | Promise<void>;
  onBatch?(epoch: number, batch: number, batches: number): void;
  /** Polled after every batch. */
  shouldStop?(): boolean;
  /** Stop after this many milliseconds of fitting (benchmarks). */
  timeBudgetMs?: number;
}

export interface TrainResult {
  readonly model: tfType.Sequential;
  readonly history: EpochStats[];
  /** Undefined when stopped before the first epoch ended. */
  readonly metrics: TrainMetrics | undefined;
  readonly stopped: boolean;
  /** Samples pushed through training (partial epochs included), for throughput. */
  readonly samplesSeen: number;
  readonly fitMs: number;
}

/** What always guessing the commoner class scores on `part`. */
const majorityShare = (part: Part): number => {
  const ones = positiveShare(part);
  return Math.max(ones, 1 - ones);
};

function tensors(tf: Tf, part: Part, features: number): [tfType.Tensor2D, tfType.Tensor2D] {
  return [tf.tensor2d(part.x, [part.rows, features]), tf.tensor2d(part.y, [part.rows, 1])];
}

/** How long the loop may run before it lets signals, stdin and timers in. */
const YIELD_EVERY_MS = 20;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export async function trainModel(tf: Tf, data: PreparedData, params: TrainParams, callbacks: TrainCallbacks = {}): Promise<TrainResult> {
  const model = buildModel(tf, { features: data.features, hidden: params.hidden }, { lr: params.lr, seed: params.seed });
  const batchOrder = createRng(subSeed(params.seed, 'batches'));
  const validation = data.validation.rows > 0 ? tensors(tf, data.validation, data.features) : undefined;
  const history: EpochStats[] = [];
  const batches = Math.ceil(data.train.rows / params.batch);
  let stopped = false;
  let samplesSeen = 0;
  let fitMs = 0;
  const started = performance.now();
  let lastYield = started;
  try {
    for (let epoch = 1; epoch <= params.epochs && !stopped; epoch++) {
      if (callbacks.shouldStop?.()) {
        stopped = true;
        break;
      }
      const shuffled = gatherRows(data.train, data.features, shuffledIndices(data.train.rows, batchOrder));
      const [xs, ys] = tensors(tf, shuffled, data.features);
      const t0 = performance.now();
      let completedBatches = 0;
      try {
        const fitted = await model.fit(xs, ys, {
          batchSize: params.batch,
          epochs: 1,
          shuffle: false,
          verbose: 0,
          ...(validation ? { validationData: validation } : {}),
          callbacks: {
            onBatchEnd: async (batch) => {
              completedBatches = batch + 1;
              // TF.js only awaits microtasks between batches: without a real turn of the event loop now and
              // then, a SIGTERM (cancel) or the parent's stdin closing would wait for the whole fit.
              if (performance.now() - lastYield > YIELD_EVERY_MS) {
                await new Promise((resolve) => setImmediate(resolve));
                lastYield = performance.now();
              }
              callbacks.onBatch?.(epoch, batch + 1, batches);
              const overBudget = callbacks.timeBudgetMs !== undefined && performance.now() - started > callbacks.timeBudgetMs;
              if (overBudget || callbacks.shouldStop?.()) {
                stopped = true;
                model.stopTraining = true;
              }
            },
          },
        });
        const ms = performance.now() - t0;
        fitMs += ms;
        samplesSeen += Math.min(data.train.rows, completedBatches * params.batch);
        if (stopped && completedBatches < batches) break; // an interrupted epoch is not a result
        const h = fitted.history;
        const last = (key: string): number | undefined => num((h[key] as unknown[] | undefined)?.at(-1));
        const valLoss = last('val_loss');
        const valAccuracy = last('val_acc') ?? last('val_accuracy');
        const stats: EpochStats = {
          epoch,
          loss: last('loss') ?? Number.NaN,
          accuracy: last('acc') ?? last('accuracy') ?? Number.NaN,
          ...(valLoss === undefined ? {} : { valLoss }),
          ...(valAccuracy === undefined ? {} : { valAccuracy }),
          ms,
        };
        history.push(stats);
        await callbacks.onEpoch?.(stats);
      } finally {
        xs.dispose();
        ys.dispose();
      }
    }
    const lastEpoch = history.at(-1);
    let metrics: TrainMetrics | undefined;
    if (lastEpoch !== undefined) {
      const [tx, ty] = tensors(tf, data.test, data.features);
      try {
        const evaluated = model.evaluate(tx, ty, { batchSize: Math.max(params.batch, 256) }) as tfType.Scalar[];
        const [testLoss, testAccuracy] = await Promise.all(evaluated.map(async (s) => (await s.data())[0] as number));
        evaluated.forEach((s) => s.dispose());
        metrics = {
          testLoss: testLoss as number,
          testAccuracy: testAccuracy as number,
          trainLoss: lastEpoch.loss,
          trainAccuracy: lastEpoch.accuracy,
          ...(lastEpoch.valLoss === undefined ? {} : { valLoss: lastEpoch.valLoss }),
          ...(lastEpoch.valAccuracy === undefined ? {} : { valAccuracy: lastEpoch.valAccuracy }),
          epochs: history.length,
          testMajorityAccuracy: majorityShare(data.test),
          samplesPerSecond: fitMs > 0 ? (samplesSeen / fitMs) * 1000 : 0,
        };
      } finally {
        tx.dispose();
        ty.dispose();
      }
    }
    return { model, history, metrics, stopped, samplesSeen, fitMs };
  } finally {
    validation?.forEach((t) => t.dispose());
  }
}
