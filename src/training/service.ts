/**
 * The training feature as one long-lived object: the job database, the queue
 * and the dataset lookups, built from configuration. Knows nothing of chat:
 * the chat layer (src/bot/training/) sorts out a request's arguments, says
 * where a job reports (an opaque origin), and turns jobs and events into
 * replies.
 */
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { SECRET_KEYS, type Config } from '../config.js';
import { openDatabase, type Database } from '../storage/index.js';
import { parseCsvDatasetAsync } from './data/csv.js';
import type { GeneratorName } from './data/generate.js';
import { BUNDLED_DATASET_DIR, findLibraryDataset, loadDataset, storeUpload } from './data/sources.js';
import type { JobRecord, NewJob, OpaqueJson } from './job-record.js';
import { limitsFromConfig, type DatasetSource, type TrainLimits, type TrainParams } from './params.js';
import { TrainingQueue, type QueueOptions } from './queue.js';
import { SqliteJobQueue, type JobQueue } from './queue-engine.js';
import { JobStore } from './store.js';

export function trainingDatabasePath(config: Config): string {
  return join(config.DATA_DIR, 'training.sqlite');
}

export function artifactRoot(config: Config): string {
  return resolve(config.TRAIN_ARTIFACT_DIR ?? join(config.OUT_DIR, 'models'));
}

/**
 * Folders searched for a dataset by name: the operator's TRAIN_DATA_DIR
 * first (its files win on a name clash), then the example datasets shipped
 * with the bot. Not `knowledge/data/`: that is the price data, none of it a
 * binary-classification table.
 */
export function datasetDirs(config: Config): string[] {
  return [...(config.TRAIN_DATA_DIR === undefined ? [] : [config.TRAIN_DATA_DIR]), BUNDLED_DATASET_DIR];
}

/** The environment trainers get: ours without the bot's secrets (an external script has no business with chat tokens). */
export function trainerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const key of SECRET_KEYS) delete copy[key];
  return copy;
}

/** A file to train on, as the asker handed it over: its name, and its bytes read up to a cap. */
export interface DatasetFile {
  readonly name: string;
  read(maxBytes: number): Promise<Buffer>;
}

/**
 * Which data a job trains on, once the request's arguments are sorted out
 * (the chat layer does that, and words what does not fit together): a
 * generator with its size, an attached CSV, or a CSV from the dataset
 * folders by name. `label` names a CSV's label column.
 */
export type DatasetChoice =
  | { readonly kind: 'generated'; readonly generator: GeneratorName; readonly rows: number; readonly features: number }
  | { readonly kind: 'attached'; readonly file: DatasetFile; readonly label?: string }
  | { readonly kind: 'library'; readonly name: string; readonly label?: string };

export interface ResolvedDataset {
  readonly source: DatasetSource;
  readonly rows: number;
  readonly features: number;
}

export interface SubmitRequest {
  readonly userKey: string;
  readonly userName?: string;
  /** Where the job reports: opaque to this feature (see `NewJob.origin`). */
  readonly origin: OpaqueJson;
  /** See `NewJob.resumable`. */
  readonly resumable: boolean;
  readonly params: TrainParams;
  readonly dataset: ResolvedDataset;
}

export class TrainingService {
  readonly queue: TrainingQueue;
  readonly store: JobStore;
  readonly limits: TrainLimits;
  /**
   * The queue engine the chat layer talks to: the embedded SQLite queue
   * above, or (REDIS_URL) the BullMQ engine the bot service swaps in with
   * `useEngine` before starting it.
   */
  jobs: JobQueue;

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
      checkpointEvery: config.TRAIN_CHECKPOINT_EVERY,
      artifactRoot: artifactRoot(config),
      limits: this.limits,
      trainerEnv: trainerEnv(),
      ...(config.TRAIN_COMMAND === undefined ? {} : { command: config.TRAIN_COMMAND }),
      ...options,
    });
    this.jobs = new SqliteJobQueue(this.queue, { concurrency: config.TRAIN_CONCURRENCY, backend: config.TRAIN_BACKEND });
  }

  useEngine(engine: JobQueue): void {
    this.jobs = engine;
  }

  /**
   * The source, size and label column of the data a job will train on. A CSV
   * is read and validated now, so that a bad file is refused before it is
   * queued (with its line and reason), not minutes later.
   */
  async resolveDataset(choice: DatasetChoice, seed: number): Promise<ResolvedDataset> {
    if (choice.kind === 'generated') {
      const { generator, rows, features } = choice;
      return { source: { kind: 'generated', generator, rows, features }, rows, features };
    }
    const label = choice.label === undefined ? {} : { label: choice.label };
    if (choice.kind === 'attached') {
      const { file } = choice;
      const bytes = await file.read(this.limits.maxFileBytes);
      const parsed = await parseCsvDatasetAsync(bytes, { name: file.name, maxBytes: this.limits.maxFileBytes, maxRows: this.limits.maxRows, maxColumns: this.limits.maxColumns, ...label });
      const path = await storeUpload(join(this.config.DATA_DIR, 'training', 'uploads'), file.name, bytes);
      // The resolved label column is stored, so both runners (and a re-run) use the same one.
      return { source: { kind: 'csv', name: file.name, path, origin: 'attached', label: parsed.labelName }, rows: parsed.rows, features: parsed.features };
    }
    const entry = await findLibraryDataset(choice.name, datasetDirs(this.config), this.limits);
    const source: DatasetSource = { kind: 'csv', name: entry.name, path: entry.path, origin: 'library', ...label };
    const parsed = await loadDataset(source, seed, this.limits);
    return { source: { ...source, label: parsed.labelName }, rows: parsed.rows, features: parsed.features };
  }

  submit(request: SubmitRequest): { job: JobRecord; position: number } {
    return this.queue.submit(newJobOf(request, this.queue.runnerKind));
  }

  /** `submit` through whichever engine runs (the chat layer's way in). */
  submitJob(request: SubmitRequest): Promise<{ job: JobRecord; position: number }> {
    return this.jobs.submit(newJobOf(request, this.jobs.runnerKind));
  }

  async close(): Promise<void> {
    try {
      if (this.jobs.engine !== 'sqlite') await this.jobs.close();
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

/** The queue's record of a request, for an engine whose runner is `runner`. */
function newJobOf(request: SubmitRequest, runner: NewJob['runner']): NewJob {
  return {
    userKey: request.userKey,
    ...(request.userName === undefined ? {} : { userName: request.userName }),
    origin: request.origin,
    resumable: request.resumable,
    params: request.params,
    dataset: request.dataset.source,
    datasetRows: request.dataset.rows,
    datasetFeatures: request.dataset.features,
    runner,
  };
}
