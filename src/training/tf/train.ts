/**
 * The training loop (issue #15). Not `model.fit`: fit pays, per batch, for
 * index slicing and gathers, per-batch logs kept as tensors, a callback list
 * with awaited promises, and for every epoch a fresh set-up; on the small
 * models /train runs, that bookkeeping cost more than the arithmetic. This
 * loop does per batch only what training needs, inside one `tidy`: slice the
 * epoch's shuffled rows; the forward pass over the model's own weights with
 * fused kernels (one matMul-plus-bias-plus-ReLU call per hidden layer; the
 * output's sigmoid folded into the loss, binary cross-entropy from logits,
 * which is the same loss without the clipping); the gradients, written out
 * rather than taped (./step.ts: fewer kernel calls, and on wasm only the
 * matMuls XNNPACK runs); the Adam step on the model's own optimizer state,
 * so checkpoints save and restore it as before (on cpu and on small models
 * on wasm one JavaScript loop, ./adam.ts, with the numbers of TF.js's Adam;
 * elsewhere the optimizer's kernels); and the batch's loss and accuracy
 * added to two running sums that stay on the backend. Fewer kernel calls per
 * step is what a small model's speed is made of. Only that loop Adam reads
 * anything back before the epoch ends (the gradients, from the host memory
 * those backends keep tensors in: a copy, not a wait). What an epoch reports
 * is what fit reported: the batch-size-weighted mean of the batches' loss and
 * accuracy, and the validation set's (model.evaluate) at the epoch end.
 * Progress, checkpoints and the stop check run at epoch ends only: a cancel
 * takes effect within one epoch, and the epoch it interrupts never starts.
 *
 * Batch order: the order TF.js's fit used, so curves are comparable with
 * earlier runs: one index array, shuffled in place every epoch (Fisher–Yates
 * from the end, as `tf.util.shuffle`), by a generator seeded from (seed,
 * epoch). A job with the same seed on the same backend gives the same curve;
 * a job resumed from a checkpoint at epoch N replays the first N shuffles
 * (`epochOrder`) and then draws the same batches as one that never stopped.
 * Math.random is not touched.
 */
import type * as tfType from '@tensorflow/tfjs';
import { positiveShare } from '../data/dataset.js';
import type { Part, PreparedData } from '../data/prepare.js';
import type { TrainParams } from '../params.js';
import { mulberry32 } from '../../random/seeded.js';
import { subSeed } from '../random.js';
import { HostAdam } from './adam.js';
import { buildModel, type Tf } from './model.js';
import { denseGradients } from './step.js';

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

/** One optimizer step: gradients in the variables' order. */
type ApplyGradients = (gradients: readonly tfType.Tensor[]) => void;

/** A tfjs-layers metric: per-sample values from labels and predictions. */
type Fn2 = (yTrue: tfType.Tensor, yPred: tfType.Tensor) => tfType.Tensor;

export async function trainModel(tf: Tf, data: PreparedData, params: TrainParams, callbacks: TrainCallbacks = {}): Promise<TrainResult> {
  const model = buildModel(tf, { features: data.features, hidden: params.hidden }, { lr: params.lr, seed: params.seed });
  const resume = callbacks.resume;
  if (resume !== undefined) await resume.restore(model);
  const validation = data.validation.rows > 0 ? tensors(tf, data.validation, data.features) : undefined;
  const history: EpochStats[] = [...(resume?.history ?? [])];
  const initialEpoch = resume?.epoch ?? 0;
  const rows = data.train.rows;
  let stopped = false;
  let samplesSeen = 0;
  let fitMs = 0;
  const [xs, ys] = tensors(tf, data.train, data.features);
  // The model's compiled metric (binary accuracy), the function fit uses.
  const accuracyOf = tf.metrics.binaryAccuracy as Fn2;
  const optimizer = model.optimizer;
  // Kernel, bias, kernel, bias…: the Dense layers buildModel makes (ReLU hidden layers, a sigmoid output).
  const variables = model.trainableWeights.map((w) => w.read() as tfType.Variable);
  if (variables.length !== 2 * model.layers.length || variables.some((v, i) => v.rank !== (i % 2 === 0 ? 2 : 1))) {
    throw new Error('trainModel: expected a stack of Dense layers (kernel and bias each)');
  }
  // The Adam step: one JavaScript loop where that beats the optimizer's kernels (./adam.ts), else the optimizer's own.
  const hostAdam = await HostAdam.open(tf, optimizer, variables);
  const applyGradients: ApplyGradients = hostAdam
    ? (gradients) => hostAdam.step(gradients)
    : (gradients) => optimizer.applyGradients(variables.map((v, i) => ({ name: v.name, tensor: gradients[i] as tfType.Tensor })));
  try {
    if (initialEpoch < params.epochs && !(callbacks.shouldStop?.() ?? false)) {
      const order = epochOrder(rows, params.seed, initialEpoch);
      const t0 = performance.now();
      for (let epoch = initialEpoch; epoch < params.epochs; epoch++) {
        const epochStarted = performance.now();
        shuffleLikeTf(order, mulberry32(epochShuffleSeed(params.seed, epoch + 1)));
        const sums = trainEpoch(tf, applyGradients, variables, xs, ys, order, params.batch, accuracyOf);
        const [lossSum, accuracySum] = await Promise.all(sums.map(async (t) => (await t.data())[0] as number));
        sums.forEach((t) => t.dispose());
        let valLoss: number | undefined;
        let valAccuracy: number | undefined;
        if (validation) [valLoss, valAccuracy] = await evaluateOn(model, validation[0], validation[1], params.batch);
        samplesSeen += rows;
        const stats: EpochStats = {
          epoch: epoch + 1,
          loss: num((lossSum as number) / rows) ?? Number.NaN,
          accuracy: num((accuracySum as number) / rows) ?? Number.NaN,
          ...(valLoss === undefined ? {} : { valLoss }),
          ...(valAccuracy === undefined ? {} : { valAccuracy }),
          ms: performance.now() - epochStarted,
        };
        history.push(stats);
        if (callbacks.onEpoch) {
          // onEpoch may write a checkpoint: the optimizer's state must be this epoch's.
          await hostAdam?.flush();
          await callbacks.onEpoch(stats, model);
        }
        // One real turn of the event loop per epoch: a SIGTERM (cancel), a stop request on stdin, or
        // the parent's stdin closing is seen here, so a cancel takes effect within one epoch.
        await new Promise((resolve) => setImmediate(resolve));
        const overBudget = callbacks.timeBudgetMs !== undefined && performance.now() - t0 > callbacks.timeBudgetMs;
        if (epoch + 1 < params.epochs && (overBudget || (callbacks.shouldStop?.() ?? false))) {
          stopped = true;
          break;
        }
      }
      fitMs = performance.now() - t0;
      await hostAdam?.flush();
    } else if (initialEpoch < params.epochs) {
      stopped = true;
    }
    const lastEpoch = history.at(-1);
    let metrics: TrainMetrics | undefined;
    if (lastEpoch !== undefined) {
      const [tx, ty] = tensors(tf, data.test, data.features);
      try {
        const [testLoss, testAccuracy] = await evaluateOn(model, tx, ty, params.batch);
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
    xs.dispose();
    ys.dispose();
    validation?.forEach((t) => t.dispose());
  }
}

/**
 * One epoch's batches, queued on the backend without a single read-back.
 * Returns the sums of the batches' loss and accuracy, each weighted by its
 * batch's size (the caller divides by the row count, as fit's logger did).
 */
function trainEpoch(
  tf: Tf,
  applyGradients: ApplyGradients,
  variables: tfType.Variable[],
  xs: tfType.Tensor2D,
  ys: tfType.Tensor2D,
  order: Uint32Array,
  batch: number,
  accuracyOf: Fn2,
): [tfType.Scalar, tfType.Scalar] {
  const rows = order.length;
  const [ex, ey] = tf.tidy(() => {
    const index = tf.tensor1d(Int32Array.from(order), 'int32');
    return [tf.gather(xs, index), tf.gather(ys, index)] as const;
  });
  let lossSum: tfType.Scalar = tf.scalar(0);
  let accuracySum: tfType.Scalar = tf.scalar(0);
  try {
    for (let start = 0; start < rows; start += batch) {
      const size = Math.min(batch, rows - start);
      const next = tf.tidy(() => {
        const bx = ex.slice([start, 0], [size, ex.shape[1]]);
        const by = ey.slice([start, 0], [size, 1]);
        // Gradients written out (./step.ts: every product a plain matMul, which the wasm backend runs on
        // XNNPACK), then the Adam step on the model's optimizer state, which checkpoints save and restore.
        const { logits, gradients } = denseGradients(tf, variables, bx, by);
        applyGradients(gradients);
        const loss = tf.losses.sigmoidCrossEntropy(by, logits) as tfType.Scalar;
        const accuracy = tf.mean(accuracyOf(by, tf.sigmoid(logits)));
        const sums = [tf.add(lossSum, tf.mul(loss, size)), tf.add(accuracySum, tf.mul(accuracy, size))] as [tfType.Scalar, tfType.Scalar];
        return sums;
      });
      lossSum.dispose();
      accuracySum.dispose();
      [lossSum, accuracySum] = next;
    }
  } finally {
    ex.dispose();
    ey.dispose();
  }
  return [lossSum, accuracySum];
}

/** Loss and accuracy of the model on a whole set (batched, as fit's validation was). */
async function evaluateOn(model: tfType.Sequential, x: tfType.Tensor, y: tfType.Tensor, batch: number): Promise<[number, number]> {
  const evaluated = model.evaluate(x, y, { batchSize: Math.max(batch, 256) }) as tfType.Scalar[];
  try {
    const [loss, accuracy] = await Promise.all(evaluated.map(async (s) => (await s.data())[0] as number));
    return [loss as number, accuracy as number];
  } finally {
    evaluated.forEach((s) => s.dispose());
  }
}
