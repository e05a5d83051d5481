/**
 * The BullMQ engine of the training queue (chosen by REDIS_URL): jobs live in
 * Redis, standalone workers on any host run them (bull-worker.ts), and every
 * bot replica reads the same jobs and hears the same events (BullMQ's
 * QueueEvents stream). A result is reported by exactly one replica: the one
 * that adds the job's id to the `told` set first; live progress by the one
 * holding the job's short reporter lease. A bot that was down when a job
 * ended tells it at start-up (finished jobs missing from `told`).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { JobEvent, Progress } from './events.js';
import { TERMINAL, type JobRecord, type NewJob, type OpaqueJson } from './job-record.js';
import type { CancelOutcome, JobQueue, WorkerInfo } from './queue-engine.js';
import { perUserLimitError } from './queue.js';
import { BULL_PREFIX, checkRedisReachable, keys, liveProgress, QUEUE_NAME, readProgress, recordFromBull, redisConnection, type BullJobData } from './bull-shared.js';

export interface BullQueueOptions {
  readonly redisUrl: string;
  readonly log: Logger;
  readonly maxQueuedPerUser: number;
  readonly maxAttempts: number;
  readonly runnerKind: 'tfjs' | 'external';
  /** Reads the CSV a job trains on, to ship it with the job (capped by the caller). */
  readonly readDataset: (path: string) => Promise<Buffer>;
  /** Whether this process can deliver results to a job's origin (an adapter for it runs here). */
  readonly canReport?: (origin: OpaqueJson) => boolean;
  readonly pollMs?: number;
}

const ACTIVE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;
const ALL_STATES = [...ACTIVE_STATES, 'completed', 'failed'] as const;
const REPORTER_LEASE_MS = 15_000;

/** Open the engine after checking, once, that Redis answers (else one clear error naming REDIS_URL). */
export async function openBullJobQueue(options: BullQueueOptions): Promise<BullJobQueue> {
  await checkRedisReachable(options.redisUrl);
  return new BullJobQueue(options);
}

export class BullJobQueue implements JobQueue {
  readonly engine = 'bullmq' as const;
  readonly me = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly redis: Redis;
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  private readonly eventsConnection: Redis;
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private readonly waiters = new Map<number, Set<(job: JobRecord) => void>>();
  private readonly leases = new Map<number, number>();
  private closed = false;
  private started = false;

  constructor(private readonly options: BullQueueOptions) {
    this.redis = redisConnection(options.redisUrl);
    this.redis.on('error', (error) => options.log.warn({ err: error.message }, 'redis connection error (reconnecting)'));
    this.queue = new Queue(QUEUE_NAME, { connection: this.redis, prefix: BULL_PREFIX });
    this.queue.on('error', (error) => options.log.warn({ err: error.message }, 'training queue (redis) error'));
    this.eventsConnection = redisConnection(options.redisUrl);
    this.eventsConnection.on('error', () => undefined);
    this.events = new QueueEvents(QUEUE_NAME, { connection: this.eventsConnection, prefix: BULL_PREFIX, autorun: false });
    this.events.on('error', (error) => options.log.warn({ err: (error as Error).message }, 'training queue events (redis) error'));
  }

  get runnerKind(): 'tfjs' | 'external' {
    return this.options.runnerKind;
  }

  async start(): Promise<void> {
    if (this.started || this.closed) return;
    this.started = true;
    const ev = this.events;
    ev.on('active', ({ jobId }) => void this.relay(jobId, 'started'));
    ev.on('progress', ({ jobId }) => void this.relay(jobId, 'progress'));
    ev.on('stalled', ({ jobId }) => void this.relay(jobId, 'requeued', 'the worker running it stopped; restarted on another worker'));
    ev.on('completed', ({ jobId }) => void this.relay(jobId, 'finished'));
    ev.on('failed', ({ jobId }) => void this.relay(jobId, 'finished'));
    ev.on('waiting', ({ jobId, prev }) => {
      if (prev === 'active' || prev === 'failed') void this.relay(jobId, 'requeued', 'the trainer died; retried');
    });
    void ev.run().catch((error: unknown) => this.options.log.error({ err: error }, 'training queue events stopped'));
    await ev.waitUntilReady();
    await this.tellMissed();
  }

  on(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Results that ended while no bot could tell them (every bot was down): told now, once. */
  private async tellMissed(): Promise<void> {
    const done = await this.queue.getJobs(['completed', 'failed'], 0, 500);
    for (const job of done) void this.relay(String(job.id), 'finished');
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.log.error({ err: error, job: event.job.id }, 'training event listener failed');
      }
    }
  }

  private reportable(job: JobRecord): boolean {
    return job.resumable && (this.options.canReport?.(job.origin) ?? false);
  }

  /** The reporter lease for live updates: held for a while, renewed by the holder. */
  private async holdsLease(id: number): Promise<boolean> {
    const now = Date.now();
    if ((this.leases.get(id) ?? 0) > now) return true;
    const key = keys.reporter(id);
    const got = await this.redis.set(key, this.me, 'PX', REPORTER_LEASE_MS, 'NX');
    const mine = got === 'OK' || (await this.redis.get(key)) === this.me;
    if (mine) {
      await this.redis.pexpire(key, REPORTER_LEASE_MS);
      this.leases.set(id, now + REPORTER_LEASE_MS / 3);
    }
    return mine;
  }

  private async relay(jobId: string | undefined, type: 'started' | 'progress' | 'requeued' | 'finished', reason?: string): Promise<void> {
    if (this.closed || jobId === undefined) return;
    try {
      const job = await this.get(Number(jobId));
      if (job === undefined) return;
      if (type === 'finished') {
        if (!TERMINAL.has(job.status)) return; // a failed attempt that BullMQ retries
        this.settle(job);
        if (!this.reportable(job)) return;
        // Exactly one replica tells a result.
        if ((await this.redis.sadd(keys.told, String(job.id))) === 0) return;
        this.leases.delete(job.id);
        this.emit({ type: 'finished', job });
        return;
      }
      if (job.resumable && this.reportable(job) && !(await this.holdsLease(job.id))) return;
      if (!job.resumable || this.reportable(job)) {
        if (type === 'progress') {
          const p = await this.progressOf(job.id);
          this.emit({ type: 'progress', job, progress: p ?? { epoch: job.history.length, epochs: job.params.epochs } });
        } else if (type === 'requeued') this.emit({ type: 'requeued', job, reason: reason ?? 'restarted' });
        else this.emit({ type: 'started', job });
      }
    } catch (error) {
      if (!this.closed) this.options.log.warn({ err: (error as Error).message, job: jobId }, 'could not relay a training event');
    }
  }

  async submit(newJob: NewJob): Promise<{ job: JobRecord; position: number }> {
    if (this.closed) throw new Error('the training queue is closed');
    const active = (await this.queue.getJobs([...ACTIVE_STATES])).filter((j) => (j.data as BullJobData | undefined)?.job?.userKey === newJob.userKey);
    if (active.length >= this.options.maxQueuedPerUser) {
      throw perUserLimitError(active.map((j) => (j.data as BullJobData).id).sort((a, b) => a - b), this.options.maxQueuedPerUser);
    }
    const id = await this.redis.incr(keys.seq);
    const csv = newJob.dataset.kind === 'csv' ? (await this.options.readDataset(newJob.dataset.path)).toString('base64') : undefined;
    const data: BullJobData = { id, job: newJob, createdAt: new Date().toISOString(), ...(csv === undefined ? {} : { csv }) };
    await this.queue.add('train', data, { jobId: String(id), attempts: this.options.maxAttempts, removeOnComplete: false, removeOnFail: false });
    const job = (await this.get(id)) as JobRecord;
    const position = await this.position(id);
    this.options.log.info({ job: id, user: newJob.userKey, params: newJob.params }, 'training job queued (redis)');
    this.emit({ type: 'queued', job, position });
    return { job, position };
  }

  async get(id: number): Promise<JobRecord | undefined> {
    if (!Number.isInteger(id) || id < 1) return undefined;
    const job = await this.queue.getJob(String(id));
    if (job === undefined || job === null) {
      const tomb = await this.redis.hget(keys.cancelled, String(id));
      return tomb === null ? undefined : (JSON.parse(tomb) as JobRecord);
    }
    return this.toRecord(job);
  }

  private async toRecord(job: Job): Promise<JobRecord | undefined> {
    const [state, by] = await Promise.all([job.getState(), this.redis.get(keys.cancel((job.data as BullJobData).id))]);
    return recordFromBull(job, state, by ?? undefined);
  }

  async list(options: { limit: number; userKey?: string }): Promise<JobRecord[]> {
    const jobs = await this.queue.getJobs([...ALL_STATES]);
    const records = (await Promise.all(jobs.map((j) => this.toRecord(j)))).filter((r): r is JobRecord => r !== undefined);
    const tombs = Object.values(await this.redis.hgetall(keys.cancelled)).map((t) => JSON.parse(t) as JobRecord);
    return [...records, ...tombs]
      .filter((r) => options.userKey === undefined || r.userKey === options.userKey)
      .sort((a, b) => b.id - a.id)
      .slice(0, options.limit)
      .map((r) => ({ ...r, history: [] }));
  }

  async position(id: number): Promise<number> {
    const waiting = await this.queue.getJobs(['waiting', 'prioritized', 'delayed']);
    return waiting.filter((j) => (j.data as BullJobData).id < id).length;
  }

  async progressOf(id: number): Promise<Progress | undefined> {
    const job = await this.queue.getJob(String(id));
    if (!job || (await job.getState()) !== 'active') return undefined;
    const p = readProgress(job.progress);
    return p === undefined ? undefined : liveProgress(p);
  }

  async cancel(id: number, by: string): Promise<{ outcome: CancelOutcome; job?: JobRecord }> {
    const job = await this.queue.getJob(String(id));
    if (!job) {
      const tomb = await this.get(id);
      return tomb === undefined ? { outcome: 'not-found' } : { outcome: 'already-finished', job: tomb };
    }
    const record = await this.toRecord(job);
    if (record === undefined) return { outcome: 'not-found' };
    if (TERMINAL.has(record.status)) return { outcome: 'already-finished', job: record };
    // The worker polls this key: a running job stops within one epoch, one not started yet never starts.
    await this.redis.set(keys.cancel(id), by, 'EX', 7 * 24 * 3600);
    if (record.status === 'queued') {
      try {
        await job.remove();
        const now = new Date().toISOString();
        const ended: JobRecord = { ...record, status: 'cancelled', cancelRequestedBy: by, finishedAt: now, history: [] };
        await this.redis.hset(keys.cancelled, String(id), JSON.stringify(ended));
        this.options.log.info({ job: id, by }, 'training job cancelled before it started');
        this.settle(ended);
        if (this.reportable(ended) && (await this.redis.sadd(keys.told, String(id))) === 1) this.emit({ type: 'finished', job: ended });
        return { outcome: 'cancelled', job: ended };
      } catch {
        // A worker took it meanwhile (the job is locked): it sees the cancel key.
      }
    }
    return { outcome: 'requested', job: { ...record, cancelRequestedBy: by } };
  }

  private settle(job: JobRecord): void {
    for (const resolve of [...(this.waiters.get(job.id) ?? [])]) resolve(job);
  }

  async wait(id: number, timeoutMs?: number): Promise<JobRecord | undefined> {
    const now = await this.get(id);
    if (now !== undefined && TERMINAL.has(now.status)) return now;
    return new Promise((resolve) => {
      const set = this.waiters.get(id) ?? new Set();
      this.waiters.set(id, set);
      const done = (job: JobRecord | undefined): void => {
        clearInterval(poll);
        clearTimeout(timer);
        set.delete(done);
        resolve(job);
      };
      // Events can be missed across a Redis reconnect: poll as well.
      const poll = setInterval(() => {
        void this.get(id).then((job) => {
          if (job !== undefined && TERMINAL.has(job.status)) done(job);
        }, () => undefined);
      }, this.options.pollMs ?? 2000);
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => done(undefined), timeoutMs);
      set.add(done);
    });
  }

  async workers(): Promise<WorkerInfo[]> {
    const found: WorkerInfo[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(cursor, 'MATCH', keys.workerPattern, 'COUNT', 100);
      cursor = next;
      const values = batch.length === 0 ? [] : await this.redis.mget(...batch);
      for (const v of values) if (v !== null) found.push(JSON.parse(v) as WorkerInfo);
    } while (cursor !== '0');
    return found.sort((a, b) => a.id.localeCompare(b.id));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const set of this.waiters.values()) for (const done of [...set]) done(undefined as unknown as JobRecord);
    this.listeners.clear();
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    this.redis.disconnect();
    this.eventsConnection.disconnect();
  }
}
