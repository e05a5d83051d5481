/**
 * The training queue as the rest of the bot sees it: one interface, two
 * engines. `SqliteJobQueue` wraps today's embedded queue (queue.ts, jobs in
 * DATA_DIR/training.sqlite, trainers as child processes); `BullJobQueue`
 * (bull-queue.ts) keeps jobs in Redis through BullMQ and lets standalone
 * workers on any host run them. REDIS_URL chooses; nothing above this file
 * knows which one runs. Every method is async because the Redis engine is.
 */
import type { JobEvent, Progress } from './events.js';
import type { JobRecord, NewJob } from './job-record.js';
import type { TrainingQueue } from './queue.js';

export type CancelOutcome = 'cancelled' | 'requested' | 'already-finished' | 'not-found';

/** A live worker process, as it registered itself (Redis engine); the embedded engine lists itself. */
export interface WorkerInfo {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  /** TRAIN_BACKEND preference, or `external` for TRAIN_COMMAND. */
  readonly backend: string;
  readonly gpu?: string;
  readonly concurrency: number;
  readonly running: number;
  readonly startedAt: string;
}

export interface JobQueue {
  readonly engine: 'sqlite' | 'bullmq';
  readonly runnerKind: 'tfjs' | 'external';
  start(): Promise<void>;
  on(listener: (event: JobEvent) => void): () => void;
  submit(job: NewJob): Promise<{ job: JobRecord; position: number }>;
  get(id: number): Promise<JobRecord | undefined>;
  list(options: { limit: number; userKey?: string }): Promise<JobRecord[]>;
  position(id: number): Promise<number>;
  progressOf(id: number): Promise<Progress | undefined>;
  cancel(id: number, by: string): Promise<{ outcome: CancelOutcome; job?: JobRecord }>;
  wait(id: number, timeoutMs?: number): Promise<JobRecord | undefined>;
  workers(): Promise<WorkerInfo[]>;
  close(): Promise<void>;
}

/** The embedded engine: today's SQLite queue, unchanged, behind the async interface. */
export class SqliteJobQueue implements JobQueue {
  readonly engine = 'sqlite' as const;
  private readonly startedAt = new Date().toISOString();

  constructor(
    readonly queue: TrainingQueue,
    private readonly settings: { readonly concurrency: number; readonly backend: string },
  ) {}

  get runnerKind(): 'tfjs' | 'external' {
    return this.queue.runnerKind;
  }

  async start(): Promise<void> {
    this.queue.start();
  }

  on(listener: (event: JobEvent) => void): () => void {
    return this.queue.on(listener);
  }

  async submit(job: NewJob): Promise<{ job: JobRecord; position: number }> {
    return this.queue.submit(job);
  }

  async get(id: number): Promise<JobRecord | undefined> {
    return this.queue.get(id);
  }

  async list(options: { limit: number; userKey?: string }): Promise<JobRecord[]> {
    return this.queue.list(options);
  }

  async position(id: number): Promise<number> {
    return this.queue.position(id);
  }

  async progressOf(id: number): Promise<Progress | undefined> {
    return this.queue.progressOf(id);
  }

  async cancel(id: number, by: string): Promise<{ outcome: CancelOutcome; job?: JobRecord }> {
    return this.queue.cancel(id, by);
  }

  wait(id: number, timeoutMs?: number): Promise<JobRecord | undefined> {
    return timeoutMs === undefined ? this.queue.wait(id) : this.queue.wait(id, timeoutMs);
  }

  /** The bot's own process is the one worker. */
  async workers(): Promise<WorkerInfo[]> {
    const [host, pid] = this.queue.owner.split(':');
    const running = this.queue.list({ limit: 1000 }).filter((j) => j.status === 'running' && j.owner === this.queue.owner).length;
    return [{ id: this.queue.owner, host: host ?? 'localhost', pid: Number(pid), backend: this.queue.runnerKind === 'external' ? 'external' : this.settings.backend, concurrency: this.settings.concurrency, running, startedAt: this.startedAt }];
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
