/**
 * The training queue: jobs wait in SQLite, up to `concurrency` run at once,
 * each in its own trainer process, and every state change is written before
 * it is announced. A process that dies leaves its jobs `running` with a lease
 * that stops being renewed; the next queue to look (at start-up, then every
 * few seconds) sees the dead owner or the expired lease and puts the job back
 * in the queue, so a crash or restart costs the work of one attempt, never
 * the job. This file is the bookkeeping (submit, claim, leases, cancels,
 * recovery, shutdown); running one claimed job is job-run.ts.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { WordedError } from './errors.js';
import type { JobEvent, Progress } from './events.js';
import { parseCommandTemplate } from './external.js';
import { TERMINAL, type JobRecord, type NewJob, type OpaqueJson } from './job-record.js';
import { JobRun, type JobRunHost, type JobRunOptions } from './job-run.js';
import type { RunHandle } from './runner.js';
import { recoverStaleJobs } from './recovery.js';
import { JobWaiters } from './waiters.js';
import type { JobStore } from './store.js';

export interface QueueOptions extends JobRunOptions {
  readonly store: JobStore;
  readonly log: Logger;
  readonly concurrency: number;
  readonly maxQueuedPerUser: number;
  /** TRAIN_COMMAND: run this instead of the TF.js worker. */
  readonly command?: string;
  /**
   * Whether this process can deliver results to a job's origin (the chat
   * layer answers: an adapter for it is running). Jobs submitted here always
   * qualify; resumable jobs of other processes only then — a one-shot CLI
   * must not run the chat bot's jobs.
   */
  readonly canReport?: (origin: OpaqueJson) => boolean;
  readonly leaseMs?: number;
  readonly tickMs?: number;
  readonly maxAttempts?: number;
  /** How long a trainer may take to checkpoint and stop at shutdown before it is killed. */
  readonly shutdownGraceMs?: number;
  readonly now?: () => number;
}

/** The refusal when a user already has their share of queued or running jobs (both engines word it the same). */
export function perUserLimitError(activeIds: readonly number[], limit: number): WordedError {
  const ids = activeIds.map((id) => `#${id}`).join(', ');
  const active = activeIds.length;
  // How to cancel is the caller's to say (the chat names its command): the sentence takes it.
  return new WordedError(
    (w) =>
      `You already have ${active} training job${active === 1 ? '' : 's'} queued or running (${ids}); the limit is ${limit} per user (TRAIN_MAX_QUEUED_PER_USER). Wait for one to finish or cancel one${w.cancelCommand === undefined ? '' : ` with ${w.cancelCommand}`}.`,
    { code: 'limit_exceeded', data: { active: [...activeIds], limit } },
  );
}

export class TrainingQueue {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly running = new Map<number, JobRun>();
  private readonly submittedHere = new Set<number>();
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private readonly store: JobStore;
  private readonly log: Logger;
  private readonly leaseMs: number;
  private readonly tickMs: number;
  private readonly maxAttempts: number;
  private readonly now: () => number;
  private readonly template: string[] | undefined;
  private readonly waiters: JobWaiters;
  /** What each job run reads and calls back (job-run.ts). */
  private readonly host: JobRunHost;
  private timer: NodeJS.Timeout | undefined;
  private ticks = 0;
  private pumping = false;
  private closed = false;

  constructor(private readonly options: QueueOptions) {
    this.store = options.store;
    this.log = options.log;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.tickMs = options.tickMs ?? 1000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.now = options.now ?? Date.now;
    // Another process may run a job someone here waits for: the waiters also poll the database.
    this.waiters = new JobWaiters((id) => {
      const job = this.store.get(id);
      return job !== undefined && TERMINAL.has(job.status) && !this.running.has(id) ? job : undefined;
    });
    // A bad template is an operator error: fail at start-up, not per job.
    this.template = options.command === undefined ? undefined : parseCommandTemplate(options.command);
    this.host = {
      store: this.store,
      log: this.log,
      owner: this.owner,
      maxAttempts: this.maxAttempts,
      template: this.template,
      options,
      isClosed: () => this.closed,
      emit: (event) => this.emit(event),
      release: (id) => this.running.delete(id),
      pump: () => this.pump(),
    };
  }

  get runnerKind(): 'tfjs' | 'external' {
    return this.template === undefined ? 'tfjs' : 'external';
  }

  /** Recover what dead processes left behind, start queued jobs, and keep doing so. */
  start(): void {
    if (this.timer !== undefined || this.closed) return;
    this.recoverStale();
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
    this.pump();
  }

  on(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ err: error, job: event.job.id }, 'training event listener failed');
      }
    }
    if (event.type === 'finished') this.waiters.settle(event.job);
  }

  submit(job: NewJob): { job: JobRecord; position: number } {
    if (this.closed) throw new Error('the training queue is closed');
    const result = this.store.insert(job, this.options.maxQueuedPerUser);
    if ('rejected' in result) {
      this.log.warn({ user: job.userKey, active: result.rejected.length }, 'training job refused: per-user cap');
      throw perUserLimitError(result.rejected.map((j) => j.id), this.options.maxQueuedPerUser);
    }
    this.submittedHere.add(result.job.id);
    const position = this.store.position(result.job.id);
    this.log.info({ job: result.job.id, user: job.userKey, params: job.params, dataset: job.dataset }, 'training job queued');
    this.emit({ type: 'queued', job: result.job, position });
    queueMicrotask(() => this.pump());
    return { job: result.job, position };
  }

  get(id: number): JobRecord | undefined {
    return this.store.get(id);
  }

  list(options: { limit: number; userKey?: string }): JobRecord[] {
    return this.store.list(options);
  }

  position(id: number): number {
    return this.store.position(id);
  }

  /** Live progress of a job running in this process. */
  progressOf(id: number): Progress | undefined {
    return this.running.get(id)?.progress;
  }

  /** The trainer of a job running here (tests kill it to prove recovery). */
  trainerOf(id: number): RunHandle | undefined {
    return this.running.get(id)?.handle;
  }

  cancel(id: number, by: string): { outcome: 'cancelled' | 'requested' | 'already-finished' | 'not-found'; job?: JobRecord } {
    const result = this.store.requestCancel(id, by);
    this.log.info({ job: id, by, outcome: result.outcome }, 'training job cancel');
    if (result.outcome === 'cancelled' && result.job !== undefined) this.emit({ type: 'finished', job: result.job });
    if (result.outcome === 'requested') this.stopRunning(id);
    return result;
  }

  /**
   * Resolves with the job once it has ended (succeeded, failed, cancelled,
   * interrupted), wherever it runs; with `timeoutMs`, resolves undefined if it
   * has not ended by then.
   */
  wait(id: number): Promise<JobRecord>;
  wait(id: number, timeoutMs: number): Promise<JobRecord | undefined>;
  wait(id: number, timeoutMs?: number): Promise<JobRecord | undefined> {
    return this.waiters.wait(id, timeoutMs);
  }

  private tick(): void {
    if (this.closed) return;
    this.ticks++;
    try {
      if (this.running.size > 0) {
        if ((this.ticks * this.tickMs) % Math.max(this.tickMs, Math.floor(this.leaseMs / 3)) < this.tickMs) this.store.renewLeases(this.owner, this.leaseMs);
        // Cancels asked for by another process (a CLI, another bot instance) arrive through the database.
        for (const request of this.store.cancelRequests(this.owner)) this.stopRunning(request.id);
      }
      if ((this.ticks * this.tickMs) % 10_000 < this.tickMs) {
        this.recoverStale();
        this.pump();
      }
    } catch (error) {
      this.log.error({ err: error }, 'training queue tick failed');
    }
  }

  private stopRunning(id: number): void {
    this.running.get(id)?.cancel();
  }

  /** Jobs left `running` by a process that died: back to the queue (or ended, after too many tries). */
  private recoverStale(): void {
    const recovered = recoverStaleJobs(this.store, { self: this.owner, now: this.now(), maxAttempts: this.maxAttempts });
    for (const { job, why } of recovered) {
      this.log.warn({ job: job.id, status: job.status, why }, 'recovered an interrupted training job');
      this.emit(TERMINAL.has(job.status) ? { type: 'finished', job } : { type: 'requeued', job, reason: why });
    }
  }

  /** A job this process may run: its own, or another's that may be resumed here and reported from here. */
  private eligible(job: JobRecord): boolean {
    return this.submittedHere.has(job.id) || (job.resumable && (this.options.canReport?.(job.origin) ?? false));
  }

  private pump(): void {
    if (this.closed || this.pumping) return;
    this.pumping = true;
    try {
      while (this.running.size < this.options.concurrency) {
        const next = this.store.queued(100).find((j) => this.eligible(j) && !this.running.has(j.id));
        if (next === undefined) break;
        const claimed = this.store.claim(next.id, this.owner, this.leaseMs);
        if (claimed === undefined) continue; // another process took it
        this.launch(claimed);
      }
    } catch (error) {
      this.log.error({ err: error }, 'training queue could not start a job');
    } finally {
      this.pumping = false;
    }
  }

  private launch(job: JobRecord): void {
    const run = new JobRun(job, this.host);
    this.running.set(job.id, run);
    this.log.info({ job: job.id, attempt: job.attempts, runner: job.runner }, 'training job started');
    this.emit({ type: 'started', job });
    void run.execute().catch((error: unknown) => {
      this.log.error({ err: error, job: job.id }, 'training job runner failed');
    });
  }

  /**
   * Stop timers and trainers. Jobs that were running go back to the queue
   * (the next start picks them up), so a restart loses no job.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.timer = undefined;
    const runs = [...this.running.values()];
    // Our worker stops at its next epoch end and saves a checkpoint the next start goes on from (killed after the grace).
    for (const run of runs) {
      if (run.job.resumable) run.handle?.suspend(this.options.shutdownGraceMs ?? 5000);
      else run.handle?.kill();
    }
    await Promise.all(runs.map((run) => run.handle?.done.catch(() => undefined)));
    for (const run of runs) {
      const epoch = run.history.length;
      // A job whose asker waits in this process would be re-run for nobody: it ends here.
      if (!run.job.resumable) {
        this.store.abandon(run.job.id, this.owner, 'interrupted', `interrupted after ${epoch} epochs: the process was stopped`);
      } else {
        const from = run.job.checkpointEpoch === undefined ? '' : `; it will resume from its checkpoint at epoch ${run.job.checkpointEpoch}`;
        this.store.requeue(run.job.id, this.owner, `interrupted after ${epoch} epochs by a shutdown; re-queued${from}`);
      }
    }
    this.running.clear();
    this.waiters.rejectAll((id) => new Error(`the training queue closed before job #${id} ended`));
    this.listeners.clear();
  }
}
