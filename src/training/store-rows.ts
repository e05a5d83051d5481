/** How a training job and its epochs look as SQLite rows, and the mapping back to records. */
import type { JobRecord, JobStatus, OpaqueJson, RunnerKind } from './job-record.js';
import type { DatasetSource, TrainParams } from './params.js';
import type { EpochStats } from './tf/train.js';

export interface JobRow {
  id: number;
  user_key: string;
  user_name: string | null;
  origin: string;
  resumable: 0 | 1;
  params: string;
  dataset: string;
  dataset_rows: number;
  dataset_features: number;
  runner: RunnerKind;
  status: JobStatus;
  cancel_requested_by: string | null;
  attempts: number;
  owner: string | null;
  lease_until: number | null;
  backend: string | null;
  backend_note: string | null;
  metrics: string | null;
  artifact_path: string | null;
  chart_path: string | null;
  error: string | null;
  error_kind: 'user' | 'internal' | null;
  note: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  wall_ms: number | null;
  checkpoint_epoch: number | null;
  checkpoint_attempt: number | null;
  resumed_from: number | null;
}

export interface EpochRow {
  epoch: number;
  loss: number;
  accuracy: number;
  val_loss: number | null;
  val_accuracy: number | null;
  ms: number | null;
}

/** Optional fields, only when set (exactOptionalPropertyTypes). */
function opt<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export function epochFromRow(r: EpochRow): EpochStats {
  return {
    epoch: r.epoch,
    loss: r.loss,
    accuracy: r.accuracy,
    ...opt('valLoss', r.val_loss),
    ...opt('valAccuracy', r.val_accuracy),
    ms: r.ms ?? 0,
  };
}

export function jobFromRow(row: JobRow, history: readonly EpochStats[]): JobRecord {
  return {
    id: row.id,
    userKey: row.user_key,
    ...opt('userName', row.user_name),
    origin: JSON.parse(row.origin) as OpaqueJson,
    resumable: row.resumable === 1,
    params: JSON.parse(row.params) as TrainParams,
    dataset: JSON.parse(row.dataset) as DatasetSource,
    datasetRows: row.dataset_rows,
    datasetFeatures: row.dataset_features,
    runner: row.runner,
    status: row.status,
    ...opt('cancelRequestedBy', row.cancel_requested_by),
    attempts: row.attempts,
    ...opt('owner', row.owner),
    ...opt('leaseUntil', row.lease_until),
    ...opt('backend', row.backend),
    ...opt('backendNote', row.backend_note),
    ...opt('metrics', row.metrics === null ? null : (JSON.parse(row.metrics) as Record<string, number>)),
    ...opt('artifactPath', row.artifact_path),
    ...opt('chartPath', row.chart_path),
    ...opt('error', row.error),
    ...opt('errorKind', row.error_kind),
    ...opt('note', row.note),
    createdAt: row.created_at,
    ...opt('startedAt', row.started_at),
    ...opt('finishedAt', row.finished_at),
    ...opt('wallMs', row.wall_ms),
    ...opt('checkpointEpoch', row.checkpoint_epoch),
    ...opt('resumedFromEpoch', row.resumed_from),
    history,
  };
}
