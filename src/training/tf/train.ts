/**
 * The training loop: ONE `model.fit` call for all epochs, with no per-batch
 * callback. TF.js resolves every batch's loss to a number (a GPU/wasm sync and
 * an awaited promise) whenever a batch callback exists, and a fit per epoch
 * pays set-up each time; both dominated small models (issue #15). Progress,
 * checkpoints and the stop check therefore run at epoch ends only: a cancel
 * takes effect within one epoch, and the epoch it interrupts never starts.
 *
 * Batch order: TF.js shuffles with Math.random, which cannot be seeded. For
 * the length of the fit, Math.random is replaced by a seeded generator that
 * is re-seeded at the start of every epoch from (seed, epoch), so a job with
 * the same seed on the same backend gives the same curve, and a job resumed
 * from a checkpoint at epoch N draws the same batches as one that never
 * stopped. TF.js shuffles one index array in place every epoch, so epoch N+1's
 * order depends on all earlier ones: a resumed run replays them in plain JS
 * (`resumedOrder`) and feeds its first shuffle the numbers that produce that
 * order. (The trainer runs in its own process, where nothing else draws
 * Math.random meanwhile.)
 */
import type * as tfType from '@tensorflow/tfjs';
import { positiveShare } from '../data/dataset.js';
import type { Part, PreparedData } from '../data/prepare.js';
import type { TrainParams } from '../params.js';
import { mulberry32 } from '../../random/seeded.js';
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

/** Where a resumed run starts: the state a checkpoint saved after `epoch` epochs. */
export interface ResumePoint {
  /** Epochs already done (the fit continues with epoch + 1). */
  readonly epoch: number;
  /** Their curve, so the result's history and metrics cover the whole job. */
  readonly history: readonly EpochStats[];
  /** Puts the saved weights and optimizer state into the freshly built model. */
  restore(model: tfType.Sequential): Promise<void>;
}

export interface TrainCallbacks {
  /** After each epoch (awaited: a checkpoint is written here before the next epoch starts). */
  onEpoch?(stats: EpochStats, model: tfType.Sequential): void | Promise<void>;
  /** Polled at every epoch end: true stops before the next epoch. */
  shouldStop?(): boolean;
  /** Stop at the first epoch end past this many milliseconds of fitting (benchmarks). */
  timeBudgetMs?: number;
  readonly resume?: ResumePoint;
}

export interface TrainResult {
  readonly model: tfType.Sequential;
  readonly history: EpochStats[];
  /** Undefined when stopped before the first epoch ended. */
  readonly metrics: TrainMetrics | undefined;
  readonly stopped: boolean;
  /** Samples pushed through training in this run (resumed epochs not counted), for throughput. */
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

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The batch-order stream of one epoch (1-based), independent of how the run got there. */
export function epochShuffleSeed(seed: number, epoch: number): number {
  return (subSeed(seed, 'batches') ^ Math.imul(epoch, 0x9e3779b1)) >>> 0;
}

/** TF.js's `util.shuffle` (Fisher–Yates from the end), so its orders can be replayed here. */
function shuffleLikeTf(array: Uint32Array, random: () => number): void {
  for (let counter = array.length; counter > 0; ) {
    const index = (random() * counter) | 0;
    counter--;
    const t = array[counter] as number;
    array[counter] = array[index] as number;
    array[index] = t;
  }
}

/** The row order TF.js uses in epoch `epoch` (1-based) of an uninterrupted fit. */
export function epochOrder(rows: number, seed: number, epoch: number): Uint32Array {
  const order = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  for (let e = 1; e <= epoch; e++) shuffleLikeTf(order, mulberry32(epochShuffleSeed(seed, e)));
  return order;
}

/**
 * A Math.random whose first `target.length` draws make TF.js's shuffle turn
 * the identity order into `target` (Fisher–Yates run backwards: at each step,
 * pick the index where the wanted element sits now); then the seeded stream.
 */
function randomsProducing(target: Uint32Array, then: () => number): () => number {
  const n = target.length;
  const current = new Uint32Array(n);
  const position = new Uint32Array(n);
  for (let i = 0; i < n; i++) current[i] = position[i] = i;
  let counter = n;
  return () => {
    if (counter === 0) return then();
    const wanted = target[counter - 1] as number;
    const index = position[wanted] as number;
    const draw = (index + 0.5) / counter;
    counter--;
    const moved = current[counter] as number;
    current[counter] = wanted;
    current[index] = moved;
    position[moved] = index;
    position[wanted] = counter;
    return draw;
  };
}

export async function trainModel(tf: Tf, data: PreparedData, params: TrainParams, callbacks: TrainCallbacks = {}): Promise<TrainResult> {
  const model = buildModel(tf, { features: data.features, hidden: params.hidden }, { lr: params.lr, seed: params.seed });
  const resume = callbacks.resume;
  if (resume !== undefined) await resume.restore(model);
  const validation = data.validation.rows > 0 ? tensors(tf, data.validation, data.features) : undefined;
  const history: EpochStats[] = [...(resume?.history ?? [])];
  const initialEpoch = resume?.epoch ?? 0;
  let stopped = false;
  let samplesSeen = 0;
  let fitMs = 0;
  const [xs, ys] = tensors(tf, data.train, data.features);
  const realRandom = Math.random;
  let epochStarted = 0;
  try {
    if (initialEpoch < params.epochs && !(callbacks.shouldStop?.() ?? false)) {
      const t0 = performance.now();
      epochStarted = t0;
      await model.fit(xs, ys, {
        batchSize: params.batch,
        epochs: params.epochs,
        initialEpoch,
        shuffle: true,
        verbose: 0,
        // No yields between batches: the trainer process has nothing else to do. Signals and stdin get
        // their turn at each epoch end (below).
        yieldEvery: 'never',
        ...(validation ? { validationData: validation } : {}),
        callbacks: {
          onEpochBegin: async (epoch) => {
            const seeded = mulberry32(epochShuffleSeed(params.seed, epoch + 1));
            // A resumed fit's index array starts unshuffled: its first shuffle must land on the order an uninterrupted fit has.
            Math.random = epoch === initialEpoch && initialEpoch > 0 ? randomsProducing(epochOrder(data.train.rows, params.seed, epoch + 1), seeded) : seeded;
            epochStarted = performance.now();
          },
          onEpochEnd: async (epoch, logs) => {
            const ms = performance.now() - epochStarted;
            samplesSeen += data.train.rows;
            const valLoss = num(logs?.val_loss);
            const valAccuracy = num(logs?.val_acc) ?? num(logs?.val_accuracy);
            const stats: EpochStats = {
              epoch: epoch + 1,
              loss: num(logs?.loss) ?? Number.NaN,
              accuracy: num(logs?.acc) ?? num(logs?.accuracy) ?? Number.NaN,
              ...(valLoss === undefined ? {} : { valLoss }),
              ...(valAccuracy === undefined ? {} : { valAccuracy }),
              ms,
            };
            history.push(stats);
            Math.random = realRandom;
            await callbacks.onEpoch?.(stats, model);
            // One real turn of the event loop per epoch: a SIGTERM (cancel), a stop request on stdin, or
            // the parent's stdin closing is seen here, so a cancel takes effect within one epoch.
            await new Promise((resolve) => setImmediate(resolve));
            const overBudget = callbacks.timeBudgetMs !== undefined && performance.now() - t0 > callbacks.timeBudgetMs;
            if (epoch + 1 < params.epochs && (overBudget || (callbacks.shouldStop?.() ?? false))) {
              stopped = true;
              model.stopTraining = true;
            }
          },
        },
      });
      fitMs = performance.now() - t0;
    } else if (initialEpoch < params.epochs) {
      stopped = true;
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
    Math.random = realRandom;
    xs.dispose();
    ys.dispose();
    validation?.forEach((t) => t.dispose());
  }
}
