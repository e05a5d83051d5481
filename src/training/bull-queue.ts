/**
 * The BullMQ engine of the training queue (chosen by REDIS_URL): jobs live in
 * Redis, standalone workers on any host run them (bull-worker.ts), and every
 * bot replica reads the same jobs and hears the same events (BullMQ's
 * QueueEvents stream). Live progress of a job is edited by one replica, the
 * holder of the job's short reporter lease; its result is told by exactly one
 * replica: the one that adds the job's id to the `told` set first (the lease
 * holder gets the first chance, so a late progress edit never overwrites the
 * result). A bot that was down when a job ended tells it at start-up
 * (finished jobs missing from `told`).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { JobEvent, Progress } from './events.js';
import { TERMINAL, type JobRecord, type NewJob, type OpaqueJson } from './job-record.js';
import type { CancelOutcome, JobQueue, WorkerInfo } from './queue-engine.js';
import { UserError } from '../core/errors.js';
import { perUserLimitError } from './queue.js';
import { BULL_PREFIX, bullJobId, checkRedisReachable, jobNumber, keys, liveProgress, QUEUE_NAME, readProgress, recordFromBull, redisConnection, type BullJobData } from './bull-shared.js';

export interface BullQueueOptions {
  readonly redisUrl: string;
  readonly log: Logger;
  readonly maxQueuedPerUser: number;
  /** Starts of a job before it is failed: a crashed trainer is retried, a dead worker's job re-run. */
  readonly maxAttempts: number;
  readonly runnerKind: 'tfjs' | 'external';
  /** Reads the CSV a job trains on, to ship it with the job (capped by the caller). */
  readonly readDataset: (path: string) => Promise<Buffer>;
  /** Whether this process can deliver results to a job's origin (an adapter for it runs here). */
  readonly canReport?: (origin: OpaqueJson) => boolean;
  readonly pollMs?: number;
  /** The largest CSV a job may carry into Redis (the bot's own limit, TRAIN_MAX_FILE_BYTES, applies first). */
  readonly maxDatasetBytes?: number;
  /** How long a replica's claim on a job's live updates lasts without renewal. */
  readonly reporterLeaseMs?: number;
}

const WAITING_STATES = ['waiting', 'prioritized', 'delayed'] as const;
/** Finished jobs kept for /train list and status (the oldest go first). */
const KEEP_FINISHED = 5000;
/** How far back /train list looks for jobs (a user's own among many). */
const LIST_SCAN = 2000;
/** A job carries its CSV in Redis as base64 (a Redis string holds at most 512 MB): 100 MB of data at most. */
export const MAX_SHIPPED_DATASET_BYTES = 100_000_000;

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
  private readonly waiters = new Map<number, Set<(job: JobRecord | undefined) => void>>();
  private readonly leases = new Map<number, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly leaseMs: number;
  private closed = false;
  private started = false;

  constructor(private readonly options: BullQueueOptions) {
    this.leaseMs = options.reporterLeaseMs ?? 15_000;
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
    ev.on('completed', ({ jobId }) => void this.relay(jobId, 'finished'));
    ev.on('failed', ({ jobId }) => void this.relay(jobId, 'finished'));
    // Back in the queue from a worker: a retried crash, a dead worker's job (after 'stalled'), a worker's shutdown.
    ev.on('waiting', ({ jobId, prev }) => {
      if (prev === 'active') void this.relay(jobId, 'requeued');
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
    const ids = await this.queue.getRanges(['completed', 'failed'], 0, 500);
    for (const bullId of ids) void this.relay(bullId, 'finished');
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
    const got = await this.redis.set(key, this.me, 'PX', this.leaseMs, 'NX');
    const mine = got === 'OK' || (await this.redis.get(key)) === this.me;
    if (mine) {
      await this.redis.pexpire(key, this.leaseMs);
      this.leases.set(id, now + this.leaseMs / 3);
    }
    return mine;
  }

  /** Tell a finished job once across all replicas; another replica's live lease gets the first chance. */
  private async tell(job: JobRecord, patient: boolean): Promise<void> {
    const holder = await this.redis.get(keys.reporter(job.id));
    if (patient && holder !== null && holder !== this.me) {
      // The holder heard the same event; if it died, tell it once its lease has lapsed.
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.get(job.id).then((now) => (now !== undefined && TERMINAL.has(now.status) ? this.tell(now, false) : undefined)).catch(() => undefined);
      }, this.leaseMs + 500);
      this.timers.add(timer);
      return;
    }
    if ((await this.redis.sadd(keys.told, String(job.id))) === 0) return;
    this.leases.delete(job.id);
    await this.redis.del(keys.reporter(job.id));
    this.emit({ type: 'finished', job });
  }

  private async relay(bullId: string | undefined, type: 'started' | 'progress' | 'requeued' | 'finished'): Promise<void> {
    const id = jobNumber(bullId);
    if (this.closed || id === undefined) return;
    try {
      const job = await this.get(id);
      if (job === undefined) return;
      if (type === 'finished') {
        if (!TERMINAL.has(job.status)) return; // a failed attempt that BullMQ retries
        this.settle(job);
        await this.forgetActive(job);
        if (this.reportable(job)) await this.tell(job, true);
        return;
      }
      if (this.reportable(job)) {
        if (!(await this.holdsLease(job.id))) return;
      } else if (job.resumable) return; // no adapter for it here: another replica reports it
      if (type === 'progress') {
        const p = await this.progressOf(job.id);
        this.emit({ type: 'progress', job, progress: p ?? { epoch: job.history.length, epochs: job.params.epochs } });
      } else if (type === 'requeued') this.emit({ type: 'requeued', job, reason: job.note ?? 'a worker gave it back; it runs again' });
      else this.emit({ type: 'started', job });
    } catch (error) {
      if (!this.closed) this.options.log.warn({ err: (error as Error).message, job: id }, 'could not relay a training event');
    }
  }

  private async forgetActive(job: JobRecord): Promise<void> {
    await this.redis.srem(keys.userActive(job.userKey), String(job.id));
  }

  /**
   * The per-user cap across replicas: the new id joins the user's set first,
   * then the set is counted (ids of ended jobs are dropped as they are
   * found), so two replicas racing for one user can both refuse, never both
   * go over.
   */
  private async reserveSlot(userKey: string, id: number): Promise<void> {
    const key = keys.userActive(userKey);
    await this.redis.sadd(key, String(id));
    const members = (await this.redis.smembers(key)).map(Number).filter((m) => m !== id);
    const live: number[] = [];
    for (const other of members) {
      const job = await this.queue.getJob(bullJobId(other));
      const state = job ? await job.getState() : 'unknown';
      if (job && state !== 'completed' && state !== 'failed' && state !== 'unknown') live.push(other);
      else if (other < id) await this.redis.srem(key, String(other)); // ended (a newer id may not be added yet)
    }
    if (live.length >= this.options.maxQueuedPerUser) {
      await this.redis.srem(key, String(id));
      throw perUserLimitError(live.sort((a, b) => a - b), this.options.maxQueuedPerUser);
    }
  }

  async submit(newJob: NewJob): Promise<{ job: JobRecord; position: number }> {
    if (this.closed) throw new Error('the training queue is closed');
    const id = await this.redis.incr(keys.seq);
    await this.reserveSlot(newJob.userKey, id);
    let data: BullJobData;
    try {
      const csv = newJob.dataset.kind === 'csv' ? (await this.shippable(newJob.dataset.name, newJob.dataset.path)).toString('base64') : undefined;
      data = { id, job: newJob, createdAt: new Date().toISOString(), ...(csv === undefined ? {} : { csv }) };
      await this.queue.add('train', data, {
        jobId: bullJobId(id),
        attempts: this.options.maxAttempts,
        removeOnComplete: { count: KEEP_FINISHED },
        removeOnFail: { count: KEEP_FINISHED },
      });
    } catch (error) {
      await this.redis.srem(keys.userActive(newJob.userKey), String(id));
      throw error;
    }
    // As queued, even if a worker has taken it already: the asker sees it queued first, then its progress.
    const job: JobRecord = { ...newJob, id, status: 'queued', attempts: 0, createdAt: data.createdAt, history: [] };
    const position = await this.position(id);
    this.options.log.info({ job: id, user: newJob.userKey, params: newJob.params }, 'training job queued (redis)');
    this.emit({ type: 'queued', job, position });
    return { job, position };
  }

  /** The CSV's bytes, to travel with the job (workers need no shared disk), or a refusal when too big for that. */
  private async shippable(name: string, path: string): Promise<Buffer> {
    const bytes = await this.options.readDataset(path);
    const cap = this.options.maxDatasetBytes ?? MAX_SHIPPED_DATASET_BYTES;
    if (bytes.length > cap) {
      const size = (n: number): string => (n >= 100_000 ? `${(n / 1e6).toFixed(1)} MB` : `${n} bytes`);
      throw new UserError(`${name} is ${size(bytes.length)}; a job run by a remote worker carries its data through Redis, up to ${size(cap)}. Use a smaller file (or fewer rows).`, { code: 'limit_exceeded' });
    }
    return bytes;
  }

  async get(id: number): Promise<JobRecord | undefined> {
    if (!Number.isInteger(id) || id < 1) return undefined;
    const job = await this.queue.getJob(bullJobId(id));
    if (job === undefined || job === null) {
      const tomb = await this.redis.hget(keys.cancelled, String(id));
      return tomb === null ? undefined : (JSON.parse(tomb) as JobRecord);
    }
    return this.toRecord(job);
  }

  private async toRecord(read: Job): Promise<JobRecord | undefined> {
    const data = read.data as BullJobData | undefined;
    if (data === undefined || typeof data.id !== 'number') return undefined;
    const [state, by] = await Promise.all([read.getState(), this.redis.get(keys.cancel(data.id))]);
    let job = read;
    // The job ended between reading it and reading its state: read it again for its result.
    if ((state === 'completed' || state === 'failed') && !read.finishedOn) job = (await this.queue.getJob(bullJobId(data.id))) ?? read;
    return recordFromBull(job, state, by ?? undefined);
  }

  /** The newest jobs first, read by id from the counter down (ids are dense), so a list costs its length, not the queue's. */
  async list(options: { limit: number; userKey?: string }): Promise<JobRecord[]> {
    const top = Number((await this.redis.get(keys.seq)) ?? 0);
    const found: JobRecord[] = [];
    const batch = Math.max(options.limit, 20);
    for (let hi = top; hi >= 1 && hi > top - LIST_SCAN && found.length < options.limit; hi -= batch) {
      const ids = Array.from({ length: Math.min(batch, hi) }, (_, i) => hi - i);
      const records = await Promise.all(ids.map((id) => this.get(id)));
      for (const r of records) {
        if (r !== undefined && (options.userKey === undefined || r.userKey === options.userKey) && found.length < options.limit) found.push({ ...r, history: [] });
      }
    }
    return found;
  }

  /** Jobs waiting ahead of this one (BullMQ serves them in order of arrival). */
  async position(id: number): Promise<number> {
    const waiting = await this.queue.getRanges([...WAITING_STATES], 0, -1);
    return waiting.filter((b) => (jobNumber(b) ?? Infinity) < id).length;
  }

  async progressOf(id: number): Promise<Progress | undefined> {
    const job = await this.queue.getJob(bullJobId(id));
    if (!job || (await job.getState()) !== 'active') return undefined;
    const p = readProgress(job.progress);
    return p === undefined ? undefined : liveProgress(p);
  }

  async cancel(id: number, by: string): Promise<{ outcome: CancelOutcome; job?: JobRecord }> {
    const job = await this.queue.getJob(bullJobId(id));
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
        const ended: JobRecord = { ...record, status: 'cancelled', cancelRequestedBy: by, finishedAt: new Date().toISOString(), history: [] };
        await this.redis.hset(keys.cancelled, String(id), JSON.stringify(ended));
        this.options.log.info({ job: id, by }, 'training job cancelled before it started');
        this.settle(ended);
        await this.forgetActive(ended);
        if (this.reportable(ended)) await this.tell(ended, false);
        return { outcome: 'cancelled', job: ended };
      } catch {
        // A worker took it meanwhile (the job is locked): it sees the cancel key.
      }
    }
    this.options.log.info({ job: id, by }, 'training job cancel requested');
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
        if (set.size === 0) this.waiters.delete(id);
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
    for (const timer of this.timers) clearTimeout(timer);
    for (const set of [...this.waiters.values()]) for (const done of [...set]) done(undefined);
    this.listeners.clear();
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    this.redis.disconnect();
    this.eventsConnection.disconnect();
  }
}
