/**
 * Checkpoints: everything a job needs to go on after epoch N as if it had
 * never stopped — the model's weights, Adam's moments and step count, and the
 * curve so far. Written into `<job folder>/checkpoint/`:
 *
 *   state.json        { version, epoch, history, weights: [{name, shape, dtype}], optimizer: [...], data: "epoch-N.bin" }
 *   epoch-N.bin       the float32/int32 values of every tensor, in that order
 *
 * The .bin is written first under a new name, then state.json is replaced
 * atomically (rename), then the older .bin is deleted: a kill -9 at any point
 * leaves either the old checkpoint or the new one whole, never a mix.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tfType from '@tensorflow/tfjs';
import { z } from 'zod';
import type { Tf } from './model.js';
import type { EpochStats, ResumePoint } from './train.js';

export const CHECKPOINT_DIR = 'checkpoint';
const STATE_FILE = 'state.json';

const tensorSpec = z.object({ name: z.string(), shape: z.array(z.number().int().min(0)), dtype: z.enum(['float32', 'int32']) });
const stateSchema = z.object({
  version: z.literal(1),
  epoch: z.number().int().min(1),
  history: z.array(
    z.object({
      epoch: z.number().int(),
      loss: z.number().nullable(),
      accuracy: z.number().nullable(),
      valLoss: z.number().optional(),
      valAccuracy: z.number().optional(),
      ms: z.number(),
    }),
  ),
  weights: z.array(tensorSpec),
  optimizer: z.array(tensorSpec),
  data: z.string().regex(/^epoch-\d+\.bin$/),
});
type TensorSpec = z.infer<typeof tensorSpec>;

export function checkpointDir(jobDir: string): string {
  return join(jobDir, CHECKPOINT_DIR);
}

async function collect(named: readonly { name: string; tensor: tfType.Tensor }[]): Promise<{ specs: TensorSpec[]; chunks: Uint8Array[] }> {
  const specs: TensorSpec[] = [];
  const chunks: Uint8Array[] = [];
  for (const { name, tensor } of named) {
    const dtype = tensor.dtype === 'int32' ? 'int32' : 'float32';
    const values = await tensor.data();
    const typed = dtype === 'int32' ? Int32Array.from(values as ArrayLike<number>) : Float32Array.from(values as ArrayLike<number>);
    specs.push({ name, shape: [...tensor.shape], dtype });
    chunks.push(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength));
  }
  return { specs, chunks };
}

/** Save the state after `epoch` epochs; returns the folder. */
export async function saveCheckpoint(model: tfType.LayersModel, epoch: number, history: readonly EpochStats[], jobDir: string): Promise<string> {
  const dir = checkpointDir(jobDir);
  await mkdir(dir, { recursive: true });
  const weights = await collect(model.getWeights().map((tensor, i) => ({ name: `w${i}`, tensor })));
  const optimizer = await collect(await model.optimizer.getWeights());
  const data = `epoch-${epoch}.bin`;
  await writeFile(join(dir, data), Buffer.concat([...weights.chunks, ...optimizer.chunks]));
  const state = { version: 1, epoch, history: history.map((h) => ({ ...h })), weights: weights.specs, optimizer: optimizer.specs, data };
  const tmp = join(dir, `${STATE_FILE}.tmp-${process.pid}`);
  await writeFile(tmp, JSON.stringify(state));
  await rename(tmp, join(dir, STATE_FILE));
  for (const name of await readdir(dir)) if (/^epoch-\d+\.bin$/.test(name) && name !== data) await rm(join(dir, name), { force: true });
  return dir;
}

/**
 * The checkpoint in `jobDir`, or undefined when there is none (or it does not
 * fit this job's model: then the job starts over rather than fail).
 */
export async function loadCheckpoint(tf: Tf, jobDir: string): Promise<ResumePoint | undefined> {
  const dir = checkpointDir(jobDir);
  let state: z.infer<typeof stateSchema>;
  let bytes: Buffer;
  try {
    state = stateSchema.parse(JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')));
    bytes = await readFile(join(dir, state.data));
  } catch {
    return undefined;
  }
  const size = (s: TensorSpec): number => s.shape.reduce((a, b) => a * b, 1);
  const expected = [...state.weights, ...state.optimizer].reduce((n, s) => n + size(s) * 4, 0);
  if (bytes.byteLength !== expected) return undefined;
  let offset = 0;
  const read = (s: TensorSpec): tfType.Tensor => {
    const n = size(s);
    const slice = bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + n * 4);
    offset += n * 4;
    return s.dtype === 'int32' ? tf.tensor(new Int32Array(slice), s.shape, 'int32') : tf.tensor(new Float32Array(slice), s.shape, 'float32');
  };
  const weightSpecs = state.weights;
  const optimizerSpecs = state.optimizer;
  const history: EpochStats[] = state.history.map((h) => ({
    epoch: h.epoch,
    loss: h.loss ?? Number.NaN,
    accuracy: h.accuracy ?? Number.NaN,
    ...(h.valLoss === undefined ? {} : { valLoss: h.valLoss }),
    ...(h.valAccuracy === undefined ? {} : { valAccuracy: h.valAccuracy }),
    ms: h.ms,
  }));
  return {
    epoch: state.epoch,
    history,
    async restore(model) {
      const current = model.getWeights();
      const fits = current.length === weightSpecs.length && current.every((t, i) => t.shape.join(',') === weightSpecs[i]?.shape.join(','));
      if (!fits) throw new CheckpointMismatchError();
      const weights = weightSpecs.map(read);
      const optimizer = optimizerSpecs.map((s) => ({ name: s.name, tensor: read(s) }));
      model.setWeights(weights);
      await model.optimizer.setWeights(optimizer);
      weights.forEach((t) => t.dispose());
      // setWeights copies the moments into new variables: the loaded tensors can go.
      optimizer.forEach((w) => w.tensor.dispose());
    },
  };
}

/** The saved weights do not fit the job's model (edited by hand, or another job's). */
export class CheckpointMismatchError extends Error {
  override readonly name = 'CheckpointMismatchError';
  constructor() {
    super('the checkpoint does not fit this model');
  }
}
