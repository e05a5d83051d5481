/**
 * A standalone training worker for the BullMQ engine: takes jobs from Redis,
 * `concurrency` at a time (one per GPU), and runs each exactly as the
 * embedded queue does — the same trainer command (TF.js worker or
 * TRAIN_COMMAND) and the same backends — reporting progress through BullMQ
 * (`job.updateProgress`, at most a few times a second plus every epoch).
 * The dataset travels in the job; the model stays in this host's artifact
 * folder and the result names host and path. A worker killed mid-job loses
 * its lock; BullMQ's stalled-job check hands the job to another worker (or
 * this one after a restart), a bounded number of times.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { parseCommandTemplate } from './external.js';
import type { JobRecord } from './job-record.js';
import type { TrainLimits } from './params.js';
import { startTrainer, type RunHandle, type RunOutcome } from './runner.js';
import type { TrainerEvent } from './protocol.js';
import type { BackendPreference } from './tf/backends.js';
import type { EpochStats } from './tf/train.js';
import { trainerCommand } from './trainer-command.js';
import { BULL_PREFIX, keys, QUEUE_NAME, redisConnection, USER_ERROR_PREFIX, type BullJobData, type BullProgress, type BullResult } from './bull-shared.js';

export interface BullWorkerOptions {
  readonly redisUrl: string;
  readonly log: Logger;
  readonly concurrency: number;
  readonly backend: BackendPreference;
  readonly artifactRoot: string;
  readonly limits: TrainLimits;
  readonly command?: string;
  readonly trainerEnv?: NodeJS.ProcessEnv;
  /** How long a job's lock lasts without renewal: a killed worker's job is re-run after about this long. */
  readonly stallMs: number;
  /** Attempts per job (a trainer that crashes, a worker that dies); then the job is failed with the last error. */
  readonly maxAttempts: number;
  readonly cancelGraceMs?: number;
  /** How often running jobs look for a cancel request. */
  readonly cancelPollMs?: number;
}

const HEARTBEAT_MS = 5000;
const PROGRESS_MIN_MS = 250;

export class BullTrainingWorker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly connection: Redis;
  private readonly commands: Redis;
  private readonly template: string[] | undefined;
  private worker: Worker | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private running = 0;
  private closing = false;
  private readonly trainers = new Set<RunHandle>();
  private gpu: string | undefined;
  private readonly startedAt = new Date().toISOString();

  constructor(private readonly options: BullWorkerOptions) {
    this.template = options.command === undefined ? undefined : parseCommandTemplate(options.command);
    this.connection = redisConnection(options.redisUrl);
    this.commands = redisConnection(options.redisUrl);
    for (const c of [this.connection, this.commands]) c.on('error', (error) => options.log.warn({ err: error.message }, 'redis connection error (reconnecting)'));
  }

  async start(): Promise<void> {
    this.gpu = await gpuName();
    await this.register();
    this.heartbeat = setInterval(() => void this.register().catch(() => undefined), HEARTBEAT_MS);
    this.heartbeat.unref();
    this.worker = new Worker(QUEUE_NAME, (job, token) => this.process(job, token), {
      connection: this.connection,
      prefix: BULL_PREFIX,
      concurrency: this.options.concurrency,
      lockDuration: this.options.stallMs,
      stalledInterval: this.options.stallMs,
      // A job whose worker died is re-run until it has been started maxAttempts times.
      maxStalledCount: Math.max(0, this.options.maxAttempts - 1),
      autorun: true,
    });
    this.worker.on('error', (error) => this.options.log.warn({ err: error.message }, 'training worker error'));
    this.worker.on('failed', (job, error) => this.options.log.warn({ job: job?.id, error: error.message }, 'training job attempt failed'));
    this.options.log.info({ worker: this.id, concurrency: this.options.concurrency, gpu: this.gpu }, 'training worker started');
  }

  private async register(): Promise<void> {
    const info = {
      id: this.id,
      host: hostname(),
      pid: process.pid,
      backend: this.template === undefined ? this.options.backend : 'external',
      ...(this.gpu === undefined ? {} : { gpu: this.gpu }),
      concurrency: this.options.concurrency,
      running: this.running,
      startedAt: this.startedAt,
    };
    await this.commands.set(keys.worker(this.id), JSON.stringify(info), 'PX', HEARTBEAT_MS * 3);
  }

  private async process(job: Job, token: string | undefined): Promise<BullResult> {
    const data = job.data as BullJobData;
    const { log } = this.options;
    const attempt = job.attemptsStarted ?? job.attemptsMade + 1;
    const started = performance.now();
    const history: EpochStats[] = [];
    let backend: string | undefined;
    let backendNote: string | undefined;
    let live: Pick<BullProgress, 'epoch' | 'epochs' | 'batch' | 'batches'> = { epoch: 0, epochs: data.job.params.epochs };
    const snapshot = (): BullProgress => ({ ...live, history: [...history], worker: this.id, attempt, ...(backend === undefined ? {} : { backend }), ...(backendNote === undefined ? {} : { backendNote }) });
    const result = (status: BullResult['status'], extra: Partial<BullResult> = {}): BullResult => ({
      status,
      wallMs: Math.round(performance.now() - started),
      history: [...history],
      worker: this.id,
      ...(backend === undefined ? {} : { backend }),
      ...(backendNote === undefined ? {} : { backendNote }),
      ...extra,
    });
    const cancelledBy = async (): Promise<string | null> => this.commands.get(keys.cancel(data.id));
    const early = await cancelledBy();
    if (early !== null) return result('cancelled', { note: `cancelled by ${early} before it started` });

    this.running++;
    void this.register().catch(() => undefined);
    const dir = join(this.options.artifactRoot, `job-${data.id}`);
    let lastSent = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const send = (force: boolean): void => {
      const now = Date.now();
      if (!force && now - lastSent < PROGRESS_MIN_MS) return;
      lastSent = now;
      const p = snapshot();
      pending = pending.then(() => job.updateProgress(p as unknown as object)).catch((error: unknown) => log.warn({ err: (error as Error).message, job: data.id }, 'could not send progress'));
    };
    try {
      await mkdir(dir, { recursive: true });
      let dataset = data.job.dataset;
      if (data.csv !== undefined && dataset.kind === 'csv') {
        const path = join(dir, 'dataset.csv');
        await writeFile(path, Buffer.from(data.csv, 'base64'));
        dataset = { ...dataset, path };
      }
      const record: JobRecord = { ...data.job, dataset, id: data.id, status: 'running', attempts: attempt, createdAt: data.createdAt, history: [] };
      const command = await trainerCommand(record, dir, { template: this.template, backend: this.options.backend, limits: this.options.limits, env: this.options.trainerEnv ?? process.env });
      send(true);
      const onEvent = (event: TrainerEvent): void => {
        if (event.type === 'start') {
          if (event.backend !== undefined) backend = this.template === undefined ? event.backend : `external: ${event.backend}`;
          if (event.note !== undefined) backendNote = event.note;
          send(true);
        } else if (event.type === 'batch') {
          live = { epoch: event.epoch, epochs: event.epochs ?? data.job.params.epochs, batch: event.batch, ...(event.batches === undefined ? {} : { batches: event.batches }) };
          send(false);
        } else if (event.type === 'epoch') {
          history.push({ epoch: event.epoch, loss: event.loss, accuracy: event.accuracy, ...(event.valLoss === undefined ? {} : { valLoss: event.valLoss }), ...(event.valAccuracy === undefined ? {} : { valAccuracy: event.valAccuracy }), ms: event.ms ?? 0 });
          live = { epoch: event.epoch, epochs: event.epochs ?? data.job.params.epochs };
          send(true);
        } else if (event.type === 'log') {
          log.debug({ job: data.id, line: event.line }, 'trainer output');
        }
      };
      log.info({ job: data.id, attempt, user: data.job.userKey }, 'training job started');
      const handle = startTrainer(command, { onEvent, graceMs: this.options.cancelGraceMs ?? 10_000 });
      this.trainers.add(handle);
      let by: string | null = null;
      const poll = setInterval(() => {
        void cancelledBy().then((who) => {
          if (who !== null && by === null) {
            by = who;
            handle.cancel();
          }
        }, () => undefined);
      }, this.options.cancelPollMs ?? 500);
      let outcome: RunOutcome;
      try {
        outcome = await handle.done;
      } finally {
        this.trainers.delete(handle);
        clearInterval(poll);
        await pending;
      }
      if (this.closing && outcome.kind !== 'done' && by === null) {
        // Stopped by this worker's shutdown, not by the job: back to the queue at once, no attempt spent.
        log.info({ job: data.id, attempt }, 'training job given back at shutdown');
        await job.moveToWait(token);
        throw new WaitingError();
      }
      log.info({ job: data.id, attempt, outcome: outcome.kind }, 'training job ended');
      return this.finish(outcome, data, attempt, dir, result, by);
    } finally {
      this.running--;
      void this.register().catch(() => undefined);
    }
  }

  private finish(outcome: RunOutcome, data: BullJobData, attempt: number, dir: string, result: (status: BullResult['status'], extra?: Partial<BullResult>) => BullResult, by: string | null): BullResult {
    const epochsDone = result('succeeded').history.length;
    if (outcome.kind === 'crashed') {
      // Worth another try (BullMQ retries while attempts remain), like the embedded queue.
      throw new Error(`attempt ${attempt} of ${this.options.maxAttempts}: the trainer died (${outcome.reason})`);
    }
    if (outcome.kind === 'error') throw new UnrecoverableError(outcome.user ? `${USER_ERROR_PREFIX}${outcome.message}` : outcome.message);
    if (outcome.kind === 'cancelled') {
      return result('cancelled', { note: `cancelled${by ? ` by ${by}` : ''} after ${epochsDone} of ${data.job.params.epochs} epochs${outcome.forced ? ' (the trainer had to be killed)' : ''}` });
    }
    // The model stays on this host: the result names host and path.
    return result('succeeded', { metrics: outcome.metrics, artifactPath: `${hostname()}:${outcome.artifact ?? dir}` });
  }

  /**
   * Stop taking jobs (SIGTERM). Running trainers are stopped and their jobs
   * moved back to the queue at once, for another worker (or this one after a
   * restart), without spending an attempt. Should that take over 10 s, the
   * worker closes anyway and BullMQ's stalled check re-queues the jobs within
   * TRAIN_STALL_MS.
   */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.closing = true;
    for (const handle of this.trainers) handle.kill();
    try {
      const worker = this.worker;
      if (worker !== undefined) {
        let timer: NodeJS.Timeout | undefined;
        const force = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, 10_000);
        });
        await Promise.race([worker.close(), force.then(() => worker.close(true))]);
        clearTimeout(timer);
      }
      await this.commands.del(keys.worker(this.id));
    } finally {
      this.commands.disconnect();
      this.connection.disconnect();
    }
  }
}

/** The GPU's name, when nvidia-smi is there to say it. */
function gpuName(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader'], { timeout: 3000 }, (error, stdout) => {
      const names = error ? [] : stdout.split('\n').map((l) => l.trim()).filter(Boolean);
      resolve(names.length === 0 ? undefined : names.join(', '));
    });
  });
}
