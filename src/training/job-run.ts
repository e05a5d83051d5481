/**
 * One attempt of one training job, from the queue's claim to the recorded
 * end: prepare the trainer command, start the trainer process, follow its
 * events into the store (backend, per-epoch history, live progress), then
 * record the outcome — a crash is re-queued a bounded number of times, a
 * cancel or success gets its curve chart. The queue (queue.ts) decides which
 * job runs and when; this file only runs one.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { TopLevelSpec } from 'vega-lite';
import { jobCurveSpec } from './chart.js';
import type { JobEvent, Progress } from './events.js';
import type { JobRecord } from './job-record.js';
import type { TrainLimits } from './params.js';
import type { TrainerEvent } from './protocol.js';
import { startTrainer, type RunHandle, type RunOutcome } from './runner.js';
import type { JobStore } from './store.js';
import type { BackendPreference } from './tf/backends.js';
import type { EpochStats } from './tf/train.js';
import { trainerCommand } from './trainer-command.js';

/** How runs are set up (part of the queue's options). */
export interface JobRunOptions {
  readonly backend: BackendPreference;
  /** Absolute folder; each job gets `job-<id>/` in it. */
  readonly artifactRoot: string;
  readonly limits: TrainLimits;
  /** Environment for trainers (the app passes its own minus secrets). */
  readonly trainerEnv?: NodeJS.ProcessEnv;
  readonly cancelGraceMs?: number;
  /** Checkpoint every this many epochs (TRAIN_CHECKPOINT_EVERY; 0: never). Our TF.js worker only. */
  readonly checkpointEvery?: number;
  /**
   * Draws the curve chart saved as `curves.png` next to the model. This
   * feature builds the spec but does not render (the renderer is a shared
   * utility the chat layer hands in); without it no picture is saved.
   */
  readonly drawChart?: (spec: TopLevelSpec) => Promise<Uint8Array>;
}

/** What a run needs from the queue that started it. */
export interface JobRunHost {
  readonly store: JobStore;
  readonly log: Logger;
  /** This process's owner id: every store write is guarded by it. */
  readonly owner: string;
  readonly maxAttempts: number;
  /** TRAIN_COMMAND parsed, or undefined for the TF.js worker. */
  readonly template: string[] | undefined;
  readonly options: JobRunOptions;
  /** True once the queue began closing: it then owns what happens to running jobs. */
  isClosed(): boolean;
  emit(event: JobEvent): void;
  /** The run no longer holds a slot. */
  release(id: number): void;
  /** Start whatever can run now. */
  pump(): void;
}

/** Checkpoint cadence when the queue's options do not say. */
export const DEFAULT_CHECKPOINT_EVERY = 5;

export class JobRun {
  handle: RunHandle | undefined;
  readonly history: EpochStats[] = [];
  progress: Progress;
  readonly started = performance.now();
  cancelling = false;

  constructor(
    public job: JobRecord,
    private readonly host: JobRunHost,
  ) {
    this.progress = { epoch: 0, epochs: job.params.epochs };
  }

  /** Ask the trainer to stop (at most once); a trainer not started yet is stopped as soon as it is. */
  cancel(): void {
    if (this.cancelling) return;
    this.cancelling = true;
    this.handle?.cancel();
  }

  async execute(): Promise<void> {
    const { job, host } = this;
    const { options } = host;
    const dir = join(options.artifactRoot, `job-${job.id}`);
    let outcome: RunOutcome;
    try {
      await mkdir(dir, { recursive: true });
      const command = await trainerCommand(job, dir, {
        template: host.template,
        backend: options.backend,
        limits: options.limits,
        env: options.trainerEnv ?? process.env,
        checkpointEvery: options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY,
      });
      if (host.isClosed()) return; // shutdown began while preparing; close() re-queues the job
      this.handle = startTrainer(command, { onEvent: (event) => this.onTrainerEvent(event), graceMs: options.cancelGraceMs ?? 10_000 });
      if (this.cancelling || job.cancelRequestedBy !== undefined) {
        this.cancelling = true;
        this.handle.cancel();
      }
      outcome = await this.handle.done;
    } catch (error) {
      outcome = { kind: 'error', message: (error as Error).message, user: false };
    }
    if (host.isClosed()) return; // close() owns what happens to jobs that were running
    await this.complete(dir, outcome);
  }

  private onTrainerEvent(event: TrainerEvent): void {
    const { job, host } = this;
    try {
      switch (event.type) {
        case 'start':
          if (event.backend !== undefined) {
            const backend = job.runner === 'external' ? `external: ${event.backend}` : event.backend;
            host.store.setBackend(job.id, host.owner, backend, event.note);
            this.job = { ...this.job, backend, ...(event.note === undefined ? {} : { backendNote: event.note }) };
          }
          if (event.resumedFrom !== undefined) {
            host.store.markResumed(job.id, host.owner, event.resumedFrom);
            this.job = { ...this.job, resumedFromEpoch: event.resumedFrom };
            host.log.info({ job: job.id, attempt: job.attempts, epoch: event.resumedFrom }, 'training job resumed from its checkpoint');
          }
          break;
        case 'checkpoint':
          host.store.setCheckpoint(job.id, host.owner, job.attempts, event.epoch);
          this.job = { ...this.job, checkpointEpoch: event.epoch };
          break;
        case 'batch':
          this.progress = { epoch: event.epoch, epochs: event.epochs ?? job.params.epochs, batch: event.batch, ...(event.batches === undefined ? {} : { batches: event.batches }) };
          host.emit({ type: 'progress', job: { ...this.job, history: [...this.history] }, progress: this.progress });
          break;
        case 'epoch': {
          const stats: EpochStats = {
            epoch: event.epoch,
            loss: event.loss,
            accuracy: event.accuracy,
            ...(event.valLoss === undefined ? {} : { valLoss: event.valLoss }),
            ...(event.valAccuracy === undefined ? {} : { valAccuracy: event.valAccuracy }),
            ms: event.ms ?? 0,
          };
          host.store.appendEpoch(job.id, job.attempts, stats);
          this.history.push(stats);
          this.progress = { epoch: event.epoch, epochs: event.epochs ?? job.params.epochs };
          host.emit({ type: 'progress', job: { ...this.job, history: [...this.history] }, progress: this.progress });
          break;
        }
        case 'log':
          host.log.debug({ job: job.id, line: event.line }, 'trainer output');
          break;
        default:
          break; // done / cancelled / error arrive as the run's outcome
      }
    } catch (error) {
      host.log.error({ err: error, job: job.id }, 'could not record a training event');
    }
  }

  private async complete(dir: string, outcome: RunOutcome): Promise<void> {
    const { job, host } = this;
    const { store, owner, maxAttempts } = host;
    const wallMs = Math.round(performance.now() - this.started);
    let recorded = false;
    try {
      if (outcome.kind === 'crashed') {
        if (job.attempts < maxAttempts) {
          // An OOM kill or a crashed native backend: worth another try, a bounded number of times.
          const from = this.job.checkpointEpoch === undefined ? '' : `; it will resume from its checkpoint at epoch ${this.job.checkpointEpoch}`;
          store.requeue(job.id, owner, `attempt ${job.attempts} of ${maxAttempts} failed (${outcome.reason}); re-queued${from}`);
          host.log.warn({ job: job.id, reason: outcome.reason }, 'trainer died; job re-queued');
          host.release(job.id);
          host.emit({ type: 'requeued', job: store.get(job.id) as JobRecord, reason: outcome.reason });
          host.pump();
          return;
        }
        host.log.error({ job: job.id, reason: outcome.reason }, 'trainer died too often; job failed');
        recorded = store.finish(job.id, owner, 'failed', { error: `the trainer died ${job.attempts} times; last: ${outcome.reason}`, errorKind: 'internal', wallMs });
      } else if (outcome.kind === 'error') {
        if (!outcome.user) host.log.error({ job: job.id, error: outcome.message }, 'training job failed');
        recorded = store.finish(job.id, owner, 'failed', { error: outcome.message, errorKind: outcome.user ? 'user' : 'internal', wallMs });
      } else {
        const chartPath = await this.chart(dir, outcome.kind === 'done' ? outcome.metrics : undefined);
        if (outcome.kind === 'cancelled') {
          const by = store.get(job.id)?.cancelRequestedBy;
          const note = `cancelled${by ? ` by ${by}` : ''} after ${this.history.length} of ${job.params.epochs} epochs${outcome.forced ? ' (the trainer had to be killed)' : ''}`;
          recorded = store.finish(job.id, owner, 'cancelled', { note, wallMs, ...(chartPath.path ? { chartPath: chartPath.path } : {}) });
        } else {
          recorded = store.finish(job.id, owner, 'succeeded', {
            metrics: outcome.metrics,
            artifactPath: outcome.artifact ?? dir,
            wallMs,
            ...(chartPath.path ? { chartPath: chartPath.path } : {}),
            ...(chartPath.error ? { note: `the curve chart could not be drawn: ${chartPath.error}` } : {}),
          });
        }
      }
    } catch (error) {
      host.log.error({ err: error, job: job.id }, 'could not record the end of a training job');
    } finally {
      host.release(job.id);
    }
    const finished = store.get(job.id);
    if (!recorded) {
      // Our lease lapsed (this process stalled) and another process took the job back: its result is no longer ours to report.
      host.log.warn({ job: job.id, status: finished?.status, outcome: outcome.kind }, 'training job result not recorded: the job is no longer ours');
    } else if (finished !== undefined) {
      host.log.info({ job: job.id, status: finished.status, wallMs, backend: finished.backend }, 'training job ended');
      host.emit({ type: 'finished', job: finished });
    }
    host.pump();
  }

  private async chart(dir: string, metrics: Record<string, number> | undefined): Promise<{ path?: string; error?: string }> {
    const draw = this.host.options.drawChart;
    if (draw === undefined || this.history.length === 0) return {};
    try {
      const png = await draw(jobCurveSpec({ ...this.job, ...(metrics ? { metrics } : {}) }, this.history));
      const path = join(dir, 'curves.png');
      await writeFile(path, png);
      return { path };
    } catch (error) {
      this.host.log.warn({ err: error, job: this.job.id }, 'training curve chart failed');
      return { error: (error as Error).message.split('\n')[0] ?? 'unknown error' };
    }
  }
}
