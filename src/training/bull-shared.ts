/**
 * What the bot's BullMQ engine (bull-queue.ts) and the standalone workers
 * (bull-worker.ts) agree on: the Redis connection and its start-up check, the
 * key names, the shape of a job's data, progress and result in BullMQ, and
 * how a BullMQ job reads back as a `JobRecord`. BullMQ holds the job; the few
 * keys beside it are ours: the id counter, cancel requests, jobs cancelled
 * before they started, which results were already told, worker heartbeats.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Job } from 'bullmq';
import { z } from 'zod';
import type { JobRecord, JobStatus, NewJob } from './job-record.js';
import type { Progress } from './events.js';
import type { EpochStats } from './tf/train.js';
import { RedisUnreachableError } from './redis-unreachable.js';

export { RedisUnreachableError } from './redis-unreachable.js';

export const QUEUE_NAME = 'training';
export const BULL_PREFIX = 'pwbot';

/** BullMQ refuses integer custom ids: job #12 is `train-12` in Redis. */
export const bullJobId = (id: number): string => `train-${id}`;

/** The job number of a BullMQ id, or undefined for one that is not ours. */
export function jobNumber(bullId: string | undefined): number | undefined {
  const m = /^train-(\d+)$/.exec(bullId ?? '');
  return m === null ? undefined : Number(m[1]);
}

export const keys = {
  seq: `${BULL_PREFIX}:train:seq`,
  /** The ids of a user's queued and running jobs (the per-user cap, without reading every job). */
  userActive: (userKey: string) => `${BULL_PREFIX}:train:user:${userKey}`,
  cancel: (id: number) => `${BULL_PREFIX}:train:cancel:${id}`,
  cancelled: `${BULL_PREFIX}:train:cancelled`,
  told: `${BULL_PREFIX}:train:told`,
  reporter: (id: number) => `${BULL_PREFIX}:train:reporter:${id}`,
  worker: (id: string) => `${BULL_PREFIX}:train:worker:${id}`,
  workerPattern: `${BULL_PREFIX}:train:worker:*`,
} as const;

/** The URL without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * A connection that reconnects for ever (a Redis restart must not stop the
 * bot or a worker; BullMQ needs `maxRetriesPerRequest: null`). `rediss://`
 * turns TLS on (ioredis reads the scheme).
 */
export function redisConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra });
}

/**
 * Fail fast and once at start-up: a Redis that cannot be reached is an
 * operator error, worded with the setting to fix, not a reconnect loop.
 */
export async function checkRedisReachable(url: string, timeoutMs = 5000): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false });
  // The socket's own error (ECONNREFUSED, ENOTFOUND, a TLS failure) says more than "Connection is closed".
  let cause: string | undefined;
  probe.on('error', (error: Error) => {
    cause ??= error.message;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new RedisUnreachableError(`Cannot reach Redis at REDIS_URL=${redactRedisUrl(url)} (${cause ?? (error as Error).message}). Start Redis there, or fix or unset REDIS_URL (unset = the embedded SQLite queue).`);
  } finally {
    probe.disconnect();
  }
}


const epochSchema = z.object({ epoch: z.number(), loss: z.number(), accuracy: z.number(), valLoss: z.number().optional(), valAccuracy: z.number().optional(), ms: z.number() });

/** `job.data`: the job as submitted, and the CSV bytes when it trains on a file (a worker needs no shared disk). */
export interface BullJobData {
  readonly id: number;
  readonly job: NewJob;
  readonly createdAt: string;
  /** base64 of the CSV; the bot caps it at TRAIN_MAX_FILE_BYTES before it is queued. */
  readonly csv?: string;
}

/** `job.progress`: live state, written by the worker. */
export interface BullProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly batch?: number;
  readonly batches?: number;
  readonly history: EpochStats[];
  readonly backend?: string;
  readonly backendNote?: string;
  /** `host:pid` of the worker. */
  readonly worker: string;
  readonly attempt: number;
}

/** `job.returnvalue` of a job that ended without an error. */
export interface BullResult {
  readonly status: 'succeeded' | 'cancelled';
  readonly metrics?: Record<string, number>;
  readonly artifactPath?: string;
  readonly note?: string;
  readonly wallMs: number;
  readonly history: EpochStats[];
  readonly backend?: string;
  readonly backendNote?: string;
  readonly worker: string;
}

const progressSchema = z.object({
  epoch: z.number(),
  epochs: z.number(),
  batch: z.number().optional(),
  batches: z.number().optional(),
  history: z.array(epochSchema),
  backend: z.string().optional(),
  backendNote: z.string().optional(),
  worker: z.string(),
  attempt: z.number(),
});

const resultSchema = z.object({
  status: z.enum(['succeeded', 'cancelled']),
  metrics: z.record(z.string(), z.number()).optional(),
  artifactPath: z.string().optional(),
  note: z.string().optional(),
  wallMs: z.number(),
  history: z.array(epochSchema),
  backend: z.string().optional(),
  backendNote: z.string().optional(),
  worker: z.string(),
});

export function readProgress(value: unknown): BullProgress | undefined {
  const parsed = progressSchema.safeParse(value);
  return parsed.success ? (parsed.data as BullProgress) : undefined;
}

export function readResult(value: unknown): BullResult | undefined {
  const parsed = resultSchema.safeParse(value);
  return parsed.success ? (parsed.data as BullResult) : undefined;
}

/** A failure the input or setup caused travels with this prefix in BullMQ's `failedReason`. */
export const USER_ERROR_PREFIX = '[user] ';

export function liveProgress(p: BullProgress): Progress {
  return { epoch: p.epoch, epochs: p.epochs, ...(p.batch === undefined ? {} : { batch: p.batch }), ...(p.batches === undefined ? {} : { batches: p.batches }) };
}

type BullState = Awaited<ReturnType<Job['getState']>>;

function statusOf(state: BullState, result: BullResult | undefined): JobStatus {
  if (state === 'active') return 'running';
  if (state === 'completed') return result?.status ?? 'succeeded';
  if (state === 'failed') return 'failed';
  return 'queued';
}

/** A BullMQ job as the chat layer reads jobs. */
export function recordFromBull(job: Job, state: BullState, cancelBy?: string): JobRecord | undefined {
  const data = job.data as BullJobData | undefined;
  if (data === undefined || typeof data.id !== 'number') return undefined;
  const progress = readProgress(job.progress);
  const result = state === 'completed' ? readResult(job.returnvalue) : undefined;
  const status = statusOf(state, result);
  let error: string | undefined;
  let errorKind: 'user' | 'internal' | undefined;
  if (status === 'failed') {
    const reason = job.failedReason ?? 'unknown error';
    errorKind = reason.startsWith(USER_ERROR_PREFIX) ? 'user' : 'internal';
    error = errorKind === 'user' ? reason.slice(USER_ERROR_PREFIX.length) : reason;
    // A worker killed too often is BullMQ's "stalled more than allowable limit": say it in our words.
    if (/stalled more than allowable limit/i.test(reason)) error = `the worker running it died ${job.attemptsStarted ?? job.attemptsMade} times; last: it stopped answering (stalled)`;
  }
  const attempts = Math.max(job.attemptsStarted ?? 0, job.attemptsMade ?? 0, status === 'queued' ? 0 : 1);
  const worker = result?.worker ?? progress?.worker;
  const backend = result?.backend ?? progress?.backend;
  const backendNote = result?.backendNote ?? progress?.backendNote;
  const restarted = restartNote(job, status);
  const note = [result?.note, restarted].filter((n) => n !== undefined).join('; ') || undefined;
  return {
    ...data.job,
    id: data.id,
    status,
    attempts,
    createdAt: data.createdAt,
    history: result?.history ?? progress?.history ?? [],
    ...(cancelBy === undefined ? {} : { cancelRequestedBy: cancelBy }),
    ...(worker === undefined ? {} : { owner: worker }),
    ...(backend === undefined ? {} : { backend }),
    ...(backendNote === undefined ? {} : { backendNote }),
    ...(result?.metrics === undefined ? {} : { metrics: result.metrics }),
    ...(result?.artifactPath === undefined ? {} : { artifactPath: result.artifactPath }),
    ...(error === undefined ? {} : { error }),
    ...(errorKind === undefined ? {} : { errorKind }),
    ...(note === undefined ? {} : { note }),
    ...(job.processedOn ? { startedAt: new Date(job.processedOn).toISOString() } : {}),
    ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
    ...(result?.wallMs === undefined ? {} : { wallMs: result.wallMs }),
  };
}

/** A job that was started more than once says why (the worker died, or the trainer crashed and was retried). */
function restartNote(job: Job, status: JobStatus): string | undefined {
  if (status === 'failed') return undefined;
  const stalled = job.stalledCounter ?? 0;
  if (stalled > 0) return `restarted: the worker running it stopped (${stalled} time${stalled === 1 ? '' : 's'}); re-run from the start`;
  // BullMQ counts a completed attempt in attemptsMade too.
  const failures = (job.attemptsMade ?? 0) - (status === 'queued' || status === 'running' ? 0 : 1);
  if (failures > 0) return `restarted after ${failures} failed attempt${failures === 1 ? '' : 's'}: ${job.failedReason ?? 'the trainer died'}`;
  return undefined;
}
