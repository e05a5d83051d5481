/**
 * One TF.js job inside the worker process: backend → data → (resume from the
 * checkpoint) → fit, checkpointing every N epochs → save → report, as protocol lines.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { GENERATORS } from '../data/generate.js';
import { prepareData } from '../data/prepare.js';
import { loadDataset } from '../data/sources.js';
import { MODELS, type DatasetSource, type TrainLimits, type TrainParams } from '../params.js';
import { formatTrainerLine } from '../protocol.js';
import { BACKENDS, selectBackend, type BackendPreference } from '../tf/backends.js';
import { checkpointDir, loadCheckpoint, saveCheckpoint } from '../tf/checkpoint.js';
import { saveModelFiles } from '../tf/save.js';
import { trainModel, type EpochStats } from '../tf/train.js';
import type * as tfType from '@tensorflow/tfjs';

export const workerSpecSchema = z.object({
  jobId: z.number().int(),
  params: z.object({
    model: z.enum(MODELS),
    hidden: z.array(z.number().int().min(1)),
    epochs: z.number().int().min(1),
    batch: z.number().int().min(1),
    lr: z.number().positive(),
    valSplit: z.number().min(0).max(0.9),
    testSplit: z.number().min(0).max(0.9),
    seed: z.number().int(),
  }),
  dataset: z.union([
    z.object({ kind: z.literal('generated'), generator: z.enum(GENERATORS), rows: z.number().int(), features: z.number().int() }),
    z.object({ kind: z.literal('csv'), name: z.string(), path: z.string(), origin: z.enum(['library', 'attached']), label: z.string().optional() }),
  ]),
  backend: z.enum(['auto', ...BACKENDS]),
  artifactDir: z.string(),
  limits: z.object({ maxEpochs: z.number(), maxRows: z.number(), maxColumns: z.number(), maxFileBytes: z.number() }),
  /** Save a checkpoint every this many epochs (0: never; a stop for shutdown still saves one). */
  checkpointEvery: z.number().int().min(0).max(100_000).default(0),
  /** Go on from the checkpoint in artifactDir when there is one that fits. */
  resume: z.boolean().default(false),
});

export interface WorkerSpec {
  readonly jobId: number;
  readonly params: TrainParams;
  readonly dataset: DatasetSource;
  readonly backend: BackendPreference;
  readonly artifactDir: string;
  readonly limits: TrainLimits;
  readonly checkpointEvery: number;
  readonly resume: boolean;
}

export interface WorkerIo {
  emit(line: string): void;
  /** A cancel (SIGTERM): stop at the next epoch end, report cancelled. */
  shouldStop(): boolean;
  /** A shutdown (a stop request on stdin): stop at the next epoch end, save a checkpoint to resume from. */
  shouldSuspend(): boolean;
}

export async function runWorkerJob(spec: WorkerSpec, io: WorkerIo): Promise<void> {
  const dataset = await loadDataset(spec.dataset, spec.params.seed, spec.limits);
  // `auto` picks by the model's size (see tf/backends.ts), so the data's width comes first.
  const choice = await selectBackend(spec.backend, undefined, { features: dataset.featureNames.length, hidden: spec.params.hidden });
  const resume = spec.resume ? await loadCheckpoint(choice.tf, spec.artifactDir) : undefined;
  const usable = resume !== undefined && resume.epoch < spec.params.epochs ? resume : undefined;
  io.emit(
    formatTrainerLine({
      type: 'start',
      backend: choice.backend,
      ...(choice.note === undefined ? {} : { note: choice.note }),
      ...(usable === undefined ? {} : { resumedFrom: usable.epoch }),
    }),
  );
  const data = prepareData(dataset, spec.params);
  const epochs = spec.params.epochs;
  // The curve up to the checkpoint comes from the checkpoint itself (it may be newer than what the
  // bot recorded, when a trainer orphaned by a crash got one more epoch in): re-announced, it makes
  // this attempt's history whole.
  for (const stats of usable?.history ?? []) io.emit(formatTrainerLine({ type: 'epoch', epochs, ...stats }));
  const checkpoint = async (model: tfType.LayersModel, history: readonly EpochStats[]): Promise<void> => {
    const epoch = history.length;
    const dir = await saveCheckpoint(model, epoch, history, spec.artifactDir);
    io.emit(formatTrainerLine({ type: 'checkpoint', epoch, path: dir }));
  };
  const history: EpochStats[] = [...(usable?.history ?? [])];
  const result = await trainModel(choice.tf, data, spec.params, {
    shouldStop: () => io.shouldStop() || io.shouldSuspend(),
    ...(usable === undefined ? {} : { resume: usable }),
    async onEpoch(stats, model) {
      history.push(stats);
      io.emit(formatTrainerLine({ type: 'epoch', epochs, ...stats }));
      if (spec.checkpointEvery > 0 && stats.epoch % spec.checkpointEvery === 0 && stats.epoch < epochs) await checkpoint(model, history);
    },
  });
  if (result.stopped && io.shouldSuspend() && !io.shouldStop() && result.history.length > 0) {
    // A clean shutdown: the weights are those of the last whole epoch; the next start goes on from here.
    await checkpoint(result.model, result.history);
  }
  try {
    if (result.stopped && result.history.length < epochs) {
      io.emit(formatTrainerLine({ type: 'cancelled', epoch: result.history.length }));
      return;
    }
    if (result.metrics === undefined) throw new Error('training ended without a completed epoch');
    const saved = await saveModelFiles(choice.tf, result.model, spec.artifactDir);
    // What a consumer of the model needs to feed it: the same preprocessing.
    await writeFile(
      join(spec.artifactDir, 'preprocessing.json'),
      JSON.stringify(
        {
          features: dataset.featureNames,
          label: dataset.labelName,
          normalisation: data.normalisation,
          note: 'Standardise each feature with (x - mean) / std before calling model.predict; the output is P(label = 1).',
        },
        null,
        2,
      ),
    );
    // The finished model supersedes the checkpoint: only model files stay next to the result.
    await rm(checkpointDir(spec.artifactDir), { recursive: true, force: true });
    const { epochs: completed, ...numbers } = result.metrics;
    io.emit(formatTrainerLine({ type: 'done', metrics: { ...numbers, epochs: completed }, artifact: saved.dir }));
  } finally {
    result.model.dispose();
  }
}
