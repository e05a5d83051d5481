/**
 * The command line for one job's trainer: our TF.js worker (the job spec on
 * stdin), or TRAIN_COMMAND with its placeholders filled in (the data as CSV,
 * the parameters as JSON, both in the job's folder).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDataset, writeDatasetCsv } from './data/generate.js';
import { expandTemplate } from './external.js';
import type { TrainLimits } from './params.js';
import { internalWorkerCommand, type TrainerCommand } from './runner.js';
import type { JobRecord } from './job-record.js';
import type { BackendPreference } from './tf/backends.js';

export interface TrainerSettings {
  /** Parsed TRAIN_COMMAND words; undefined = the TF.js worker. */
  readonly template: readonly string[] | undefined;
  readonly backend: BackendPreference;
  readonly limits: TrainLimits;
  readonly env: NodeJS.ProcessEnv;
  /** Checkpoint every this many epochs (0: never). */
  readonly checkpointEvery?: number;
}

export async function trainerCommand(job: JobRecord, dir: string, settings: TrainerSettings): Promise<TrainerCommand> {
  const { template, env } = settings;
  if (template === undefined) {
    const worker = internalWorkerCommand();
    const spec = {
      jobId: job.id,
      params: job.params,
      dataset: job.dataset,
      backend: settings.backend,
      artifactDir: dir,
      limits: settings.limits,
      checkpointEvery: settings.checkpointEvery ?? 0,
      // A job that saved a checkpoint in an earlier attempt goes on from it.
      resume: job.checkpointEpoch !== undefined,
    };
    return { ...worker, env, input: `${JSON.stringify(spec)}\n`, suspendable: true };
  }
  let dataPath: string;
  let label: string;
  if (job.dataset.kind === 'generated') {
    const data = generateDataset({ ...job.dataset, seed: job.params.seed });
    dataPath = join(dir, 'data.csv');
    await writeDatasetCsv(dataPath, data);
    label = data.labelName;
  } else {
    dataPath = job.dataset.path;
    label = job.dataset.label ?? '';
  }
  const paramsPath = join(dir, 'params.json');
  await writeFile(paramsPath, JSON.stringify({ job: job.id, ...job.params, dataset: job.dataset, data: dataPath, label, out: dir }, null, 2));
  const p = job.params;
  const { command, args } = expandTemplate(template, {
    data: dataPath,
    params: paramsPath,
    out: dir,
    job: String(job.id),
    model: p.model,
    hidden: p.hidden.join(','),
    epochs: String(p.epochs),
    batch: String(p.batch),
    lr: String(p.lr),
    val_split: String(p.valSplit),
    test_split: String(p.testSplit),
    seed: String(p.seed),
    label,
  });
  return { command, args, env: { ...env, PWBOT_JOB_ID: String(job.id), PWBOT_DATA: dataPath, PWBOT_PARAMS: paramsPath, PWBOT_OUT: dir } };
}
