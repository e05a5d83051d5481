/** One TF.js job inside the worker process: backend → data → fit → save → report, as protocol lines. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { GENERATORS } from '../data/generate.js';
import { prepareData } from '../data/prepare.js';
import { loadDataset } from '../data/sources.js';
import { MODELS, type DatasetSource, type TrainLimits, type TrainParams } from '../params.js';
import { formatTrainerLine } from '../protocol.js';
import { BACKENDS, selectBackend, type BackendPreference } from '../tf/backends.js';
import { saveModelFiles } from '../tf/save.js';
import { trainModel } from '../tf/train.js';

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
});

export interface WorkerSpec {
  readonly jobId: number;
  readonly params: TrainParams;
  readonly dataset: DatasetSource;
  readonly backend: BackendPreference;
  readonly artifactDir: string;
  readonly limits: TrainLimits;
}

export interface WorkerIo {
  emit(line: string): void;
  shouldStop(): boolean;
}

/** At most this often a "batch" progress line (epochs of 100 000 rows take a while). */
const BATCH_LINE_MS = 250;

export async function runWorkerJob(spec: WorkerSpec, io: WorkerIo): Promise<void> {
  const choice = await selectBackend(spec.backend);
  io.emit(formatTrainerLine({ type: 'start', backend: choice.backend, ...(choice.note === undefined ? {} : { note: choice.note }) }));
  const dataset = await loadDataset(spec.dataset, spec.params.seed, spec.limits);
  const data = prepareData(dataset, spec.params);
  const epochs = spec.params.epochs;
  let lastBatchLine = 0;
  const result = await trainModel(choice.tf, data, spec.params, {
    shouldStop: io.shouldStop,
    onBatch(epoch, batch, batches) {
      const now = performance.now();
      if (now - lastBatchLine < BATCH_LINE_MS || batch === batches) return;
      lastBatchLine = now;
      io.emit(formatTrainerLine({ type: 'batch', epoch, epochs, batch, batches }));
    },
    onEpoch(stats) {
      io.emit(formatTrainerLine({ type: 'epoch', epochs, ...stats }));
    },
  });
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
    const { epochs: completed, ...numbers } = result.metrics;
    io.emit(formatTrainerLine({ type: 'done', metrics: { ...numbers, epochs: completed }, artifact: saved.dir }));
  } finally {
    result.model.dispose();
  }
}
