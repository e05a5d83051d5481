/**
 * The training feature as one long-lived object: the job database, the queue
 * and the dataset lookups, built from configuration. Knows nothing of chat:
 * the command turns its jobs and events into replies.
 */
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { SECRET_KEYS, type Config } from '../config.js';
import { UserError } from '../core/errors.js';
import type { Conversation, InboundFile } from '../core/message.js';
import type { MessageRef } from '../core/reply.js';
import { openDatabase, type Database } from '../storage/index.js';
import { parseCsvDatasetAsync } from './data/csv.js';
import type { GeneratorName } from './data/generate.js';
import { findLibraryDataset, generatorFor, loadDataset, storeUpload } from './data/sources.js';
import { ARTICLE_DEFAULTS, limitsFromConfig, type DatasetSource, type TrainLimits, type TrainParams } from './params.js';
import { TrainingQueue, type QueueOptions } from './queue.js';
import { JobStore, type JobRecord } from './store.js';

export function trainingDatabasePath(config: Config): string {
  return join(config.DATA_DIR, 'training.sqlite');
}

export function artifactRoot(config: Config): string {
  return resolve(config.TRAIN_ARTIFACT_DIR ?? join(config.OUT_DIR, 'models'));
}

/** Folders searched for `--dataset <name>`: knowledge/data first, then TRAIN_DATA_DIR. */
export function datasetDirs(config: Config): string[] {
  return [join(config.KNOWLEDGE_DIR, 'data'), ...(config.TRAIN_DATA_DIR === undefined ? [] : [config.TRAIN_DATA_DIR])];
}

/** The environment trainers get: ours without the bot's secrets (an external script has no business with chat tokens). */
export function trainerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const key of SECRET_KEYS) delete copy[key];
  return copy;
}

export interface DatasetRequest {
  readonly dataset?: string;
  readonly label?: string;
  readonly rows?: number;
  readonly features?: number;
  readonly file?: InboundFile;
}

/**
 * The generated dataset a request asks for (a generator name, or no --dataset
 * and no file: `linear`), with its size; undefined when the data is a CSV.
 * The command checks its size against the limits before anything is read.
 */
export function generatedDataset(request: DatasetRequest): { generator: GeneratorName; rows: number; features: number } | undefined {
  const { dataset, file } = request;
  const generator = dataset === undefined ? (file === undefined ? 'linear' : undefined) : generatorFor(dataset);
  if (generator === undefined) return undefined;
  return { generator, rows: request.rows ?? ARTICLE_DEFAULTS.rows, features: request.features ?? ARTICLE_DEFAULTS.features };
}

export interface ResolvedDataset {
  readonly source: DatasetSource;
  readonly rows: number;
  readonly features: number;
}

export interface SubmitRequest {
  readonly userKey: string;
  readonly userName?: string;
  readonly conversation: Conversation;
  readonly progressRef?: MessageRef;
  readonly params: TrainParams;
  readonly dataset: ResolvedDataset;
}

export class TrainingService {
  readonly queue: TrainingQueue;
  readonly store: JobStore;
  readonly limits: TrainLimits;

  constructor(
    readonly config: Config,
    private readonly db: Database,
    log: Logger,
    options: Partial<Omit<QueueOptions, 'store' | 'log'>> = {},
  ) {
    this.store = new JobStore(db, options.now);
    this.limits = limitsFromConfig(config);
    this.queue = new TrainingQueue({
      store: this.store,
      log,
      concurrency: config.TRAIN_CONCURRENCY,
      maxQueuedPerUser: config.TRAIN_MAX_QUEUED_PER_USER,
      backend: config.TRAIN_BACKEND,
      artifactRoot: artifactRoot(config),
      limits: this.limits,
      trainerEnv: trainerEnv(),
      ...(config.TRAIN_COMMAND === undefined ? {} : { command: config.TRAIN_COMMAND }),
      ...options,
    });
  }

  /**
   * Turn `--dataset`, `--rows`, `--features`, `--label` and an attachment into
   * a source, reading and validating a CSV now so that a bad file is refused
   * before it is queued (with its line and reason), not minutes later.
   */
  async resolveDataset(request: DatasetRequest, seed: number): Promise<ResolvedDataset> {
    const { dataset, file } = request;
    const generated = generatedDataset(request);
    if (generated !== undefined) {
      if (file !== undefined) throw new UserError(`You attached ${file.name} but asked for the generated "${dataset}" dataset: drop --dataset to train on the file, or the file to use the generator.`, { code: 'bad_arguments' });
      if (request.label !== undefined) throw new UserError('--label names a column of a CSV dataset; generated datasets have their own label.', { code: 'bad_arguments' });
      return { source: { kind: 'generated', ...generated }, rows: generated.rows, features: generated.features };
    }
    if (request.rows !== undefined || request.features !== undefined) {
      throw new UserError('--rows and --features size a generated dataset; a CSV dataset has the rows and columns it has.', { code: 'bad_arguments' });
    }
    const label = request.label === undefined ? {} : { label: request.label };
    if (file !== undefined) {
      if (dataset !== undefined && dataset.toLowerCase() !== 'attached') {
        throw new UserError(`You attached ${file.name} and also named the dataset "${dataset}": use one of the two.`, { code: 'bad_arguments' });
      }
      const bytes = await file.read(this.limits.maxFileBytes);
      const parsed = await parseCsvDatasetAsync(bytes, { name: file.name, maxBytes: this.limits.maxFileBytes, maxRows: this.limits.maxRows, maxColumns: this.limits.maxColumns, ...label });
      const path = await storeUpload(join(this.config.DATA_DIR, 'training', 'uploads'), file.name, bytes);
      // The resolved label column is stored, so both runners (and a re-run) use the same one.
      return { source: { kind: 'csv', name: file.name, path, origin: 'attached', label: parsed.labelName }, rows: parsed.rows, features: parsed.features };
    }
    if (dataset === undefined || dataset.toLowerCase() === 'attached') {
      throw new UserError('--dataset attached needs a CSV file attached to the message.', { code: 'bad_arguments' });
    }
    const entry = await findLibraryDataset(dataset, datasetDirs(this.config));
    const source: DatasetSource = { kind: 'csv', name: entry.name, path: entry.path, origin: 'library', ...label };
    const parsed = await loadDataset(source, seed, this.limits);
    return { source: { ...source, label: parsed.labelName }, rows: parsed.rows, features: parsed.features };
  }

  submit(request: SubmitRequest): { job: JobRecord; position: number } {
    return this.queue.submit({
      userKey: request.userKey,
      ...(request.userName === undefined ? {} : { userName: request.userName }),
      conversation: request.conversation,
      ...(request.progressRef === undefined ? {} : { progressRef: request.progressRef }),
      params: request.params,
      dataset: request.dataset.source,
      datasetRows: request.dataset.rows,
      datasetFeatures: request.dataset.features,
      runner: this.queue.runnerKind,
    });
  }

  async close(): Promise<void> {
    try {
      await this.queue.close();
    } finally {
      this.db.close();
    }
  }
}

export function openTrainingService(config: Config, log: Logger, options: Partial<Omit<QueueOptions, 'store' | 'log'>> = {}): TrainingService {
  const db = openDatabase(trainingDatabasePath(config));
  try {
    return new TrainingService(config, db, log, options);
  } catch (error) {
    db.close();
    throw error;
  }
}
