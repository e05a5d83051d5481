/**
 * What the queue announces about its jobs, and a running job's live
 * progress. Its own file because both the queue (queue.ts) and one job's run
 * (job-run.ts) speak it, and neither should import the other for it.
 */
import type { JobRecord } from './job-record.js';

export interface Progress {
  readonly epoch: number;
  readonly epochs: number;
  readonly batch?: number;
  readonly batches?: number;
}

export type JobEvent =
  | { readonly type: 'queued'; readonly job: JobRecord; readonly position: number }
  | { readonly type: 'started'; readonly job: JobRecord }
  | { readonly type: 'progress'; readonly job: JobRecord; readonly progress: Progress }
  | { readonly type: 'requeued'; readonly job: JobRecord; readonly reason: string }
  | { readonly type: 'finished'; readonly job: JobRecord };
