/**
 * What a training job is on record: what a submitter asks for (`NewJob`) and
 * what the store keeps about it as it runs (`JobRecord`). Plain data, shared
 * by the store, the queue, one job's run and whoever shows jobs.
 */
import type { DatasetSource, TrainParams } from './params.js';
import type { EpochStats } from './tf/train.js';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const TERMINAL: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled', 'interrupted']);
export type RunnerKind = 'tfjs' | 'external';

/** A JSON object the training feature stores and hands back without reading it. */
export type OpaqueJson = { readonly [key: string]: unknown };

/** What a submitter provides; the store adds the id, status and bookkeeping (`JobRecord`). */
export interface NewJob {
  readonly userKey: string;
  readonly userName?: string;
  /**
   * Where the job's progress and result go, as whoever submitted it described
   * that place: stored as JSON and handed back as is, never read here (the
   * chat layer owns its shape and checks it when it reads it back).
   */
  readonly origin: OpaqueJson;
  /**
   * Whether the job may be re-run after the process that submitted it is
   * gone. False when the asker waits for the job inside that process (a run
   * that ends with its answer): a re-run elsewhere would report to nobody, so
   * such a job runs only where it was submitted, and is ended, not re-queued,
   * when that process stops.
   */
  readonly resumable: boolean;
  readonly params: TrainParams;
  readonly dataset: DatasetSource;
  readonly datasetRows: number;
  readonly datasetFeatures: number;
  readonly runner: RunnerKind;
}

export interface JobRecord extends NewJob {
  readonly id: number;
  readonly status: JobStatus;
  /** Who asked to cancel a running job (the owner stops it at its next check). */
  readonly cancelRequestedBy?: string;
  /** How many times the job was started. */
  readonly attempts: number;
  /** `host:pid:instance` of the process running it. */
  readonly owner?: string;
  /** Epoch ms until which the owner's claim holds (renewed while it runs). */
  readonly leaseUntil?: number;
  readonly backend?: string;
  readonly backendNote?: string;
  readonly metrics?: Readonly<Record<string, number>>;
  readonly artifactPath?: string;
  /** The curve picture saved next to the model (present when one was drawn). */
  readonly chartPath?: string;
  readonly error?: string;
  /** `user`: the input or setup was at fault (shown as is); `internal`: a bug or crash. */
  readonly errorKind?: 'user' | 'internal';
  /** The latest thing worth knowing: "re-queued after …", "chart failed: …". */
  readonly note?: string;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly wallMs?: number;
  /** The last epoch a checkpoint was saved after; a re-run goes on from there. */
  readonly checkpointEpoch?: number;
  /** The epoch the current (or last) attempt went on from, when it resumed from a checkpoint. */
  readonly resumedFromEpoch?: number;
  /** Epochs of the current (or last) attempt (a resumed attempt's include the epochs it resumed). */
  readonly history: readonly EpochStats[];
}

/** What the end of a run records. */
export interface FinishFields {
  readonly metrics?: Record<string, number>;
  readonly artifactPath?: string;
  readonly chartPath?: string;
  readonly error?: string;
  readonly errorKind?: 'user' | 'internal';
  readonly note?: string;
  readonly wallMs?: number;
}
