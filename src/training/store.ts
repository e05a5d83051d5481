/**
 * The durable queue: training jobs and their per-epoch history in SQLite
 * (DATA_DIR/training.sqlite). Every state change is one UPDATE guarded by the
 * state it expects, so two processes sharing the file (the bot and a one-shot
 * CLI) can never both claim or finish the same job. The schema is in
 * store-migrations.ts, the row mapping in store-rows.ts.
 */
import { migrate, type Database } from '../storage/index.js';
import type { FinishFields, JobRecord, JobStatus, NewJob } from './job-record.js';
import { TRAINING_MIGRATIONS } from './store-migrations.js';
import { epochFromRow, jobFromRow, type EpochRow, type JobRow } from './store-rows.js';
import type { EpochStats } from './tf/train.js';

export class JobStore {
  constructor(
    readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {
    migrate(db, 'training', [...TRAINING_MIGRATIONS]);
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  private history(id: number, attempt: number): EpochStats[] {
    return this.db
      .prepare<[number, number], EpochRow>('SELECT epoch, loss, accuracy, val_loss, val_accuracy, ms FROM training_epochs WHERE job_id = ? AND attempt = ? ORDER BY epoch')
      .all(id, attempt)
      .map(epochFromRow);
  }

  private toRecord(row: JobRow, withHistory = true): JobRecord {
    return jobFromRow(row, withHistory ? this.history(row.id, Math.max(1, row.attempts)) : []);
  }

  get(id: number): JobRecord | undefined {
    const row = this.db.prepare<[number], JobRow>('SELECT * FROM training_jobs WHERE id = ?').get(id);
    return row === undefined ? undefined : this.toRecord(row);
  }

  /** Jobs that are queued or running for one user (for the per-user cap). */
  active(userKey: string): JobRecord[] {
    return this.db
      .prepare<[string], JobRow>("SELECT * FROM training_jobs WHERE user_key = ? AND status IN ('queued', 'running') ORDER BY id")
      .all(userKey)
      .map((r) => this.toRecord(r, false));
  }

  /**
   * Insert unless the user already has `maxActive` queued or running jobs; the
   * count and the insert are one IMMEDIATE transaction, so two quick /train
   * messages cannot both slip under the cap.
   */
  insert(job: NewJob, maxActive: number): { job: JobRecord } | { rejected: JobRecord[] } {
    const tx = this.db.transaction((): { job: JobRecord } | { rejected: JobRecord[] } => {
      const active = this.active(job.userKey);
      if (active.length >= maxActive) return { rejected: active };
      const now = this.iso();
      const info = this.db
        .prepare(
          `INSERT INTO training_jobs (user_key, user_name, origin, resumable, params, dataset, dataset_rows, dataset_features, runner, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
        )
        .run(
          job.userKey,
          job.userName ?? null,
          JSON.stringify(job.origin),
          job.resumable ? 1 : 0,
          JSON.stringify(job.params),
          JSON.stringify(job.dataset),
          job.datasetRows,
          job.datasetFeatures,
          job.runner,
          now,
          now,
        );
      return { job: this.get(Number(info.lastInsertRowid)) as JobRecord };
    });
    return tx.immediate();
  }

  list(options: { limit: number; userKey?: string }): JobRecord[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (options.userKey !== undefined) {
      where.push('user_key = ?');
      params.push(options.userKey);
    }
    params.push(options.limit);
    return this.db
      .prepare<(string | number)[], JobRow>(`SELECT * FROM training_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`)
      .all(...params)
      .map((r) => this.toRecord(r, false));
  }

  queued(limit = 50): JobRecord[] {
    return this.db
      .prepare<[number], JobRow>("SELECT * FROM training_jobs WHERE status = 'queued' ORDER BY id LIMIT ?")
      .all(limit)
      .map((r) => this.toRecord(r, false));
  }

  running(): JobRecord[] {
    return this.db
      .prepare<[], JobRow>("SELECT * FROM training_jobs WHERE status = 'running' ORDER BY id")
      .all()
      .map((r) => this.toRecord(r, false));
  }

  /** How many queued jobs are ahead of this one. */
  position(id: number): number {
    return this.db.prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM training_jobs WHERE status = 'queued' AND id < ?").get(id)?.n ?? 0;
  }

  /** queued → running for `owner`; undefined when another process got there first. */
  claim(id: number, owner: string, leaseMs: number): JobRecord | undefined {
    const now = this.now();
    const changed = this.db
      .prepare(
        `UPDATE training_jobs SET status = 'running', owner = ?, lease_until = ?, attempts = attempts + 1, started_at = ?,
           backend = NULL, backend_note = NULL, resumed_from = NULL, updated_at = ?
         WHERE id = ? AND status = 'queued'`,
      )
      .run(owner, now + leaseMs, new Date(now).toISOString(), new Date(now).toISOString(), id).changes;
    if (changed === 0) return undefined;
    const job = this.get(id) as JobRecord;
    // A fresh attempt starts a fresh curve (the old attempt's epochs stay on record).
    this.db.prepare('DELETE FROM training_epochs WHERE job_id = ? AND attempt = ?').run(id, job.attempts);
    return { ...job, history: [] };
  }

  renewLeases(owner: string, leaseMs: number): number {
    return this.db.prepare("UPDATE training_jobs SET lease_until = ? WHERE owner = ? AND status = 'running'").run(this.now() + leaseMs, owner).changes;
  }

  setBackend(id: number, owner: string, backend: string, note: string | undefined): void {
    this.db
      .prepare("UPDATE training_jobs SET backend = ?, backend_note = ?, updated_at = ? WHERE id = ? AND owner = ? AND status = 'running'")
      .run(backend, note ?? null, this.iso(), id, owner);
  }

  appendEpoch(id: number, attempt: number, stats: EpochStats): void {
    this.db
      .prepare('INSERT OR REPLACE INTO training_epochs (job_id, attempt, epoch, loss, accuracy, val_loss, val_accuracy, ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, attempt, stats.epoch, stats.loss, stats.accuracy, stats.valLoss ?? null, stats.valAccuracy ?? null, stats.ms);
  }

  /** A trainer of `attempt` saved a checkpoint after `epoch`: a re-run goes on from there. */
  setCheckpoint(id: number, owner: string, attempt: number, epoch: number): void {
    this.db
      .prepare("UPDATE training_jobs SET checkpoint_epoch = ?, checkpoint_attempt = ?, updated_at = ? WHERE id = ? AND owner = ? AND status = 'running'")
      .run(epoch, attempt, this.iso(), id, owner);
  }

  /** The current attempt went on from the checkpoint saved after `epoch` (its trainer re-announces the curve up to there). */
  markResumed(id: number, owner: string, epoch: number): void {
    this.db.prepare("UPDATE training_jobs SET resumed_from = ?, updated_at = ? WHERE id = ? AND owner = ? AND status = 'running'").run(epoch, this.iso(), id, owner);
  }

  /** running (owned by `owner`) → a final state. False when the job was taken from us meanwhile. */
  finish(id: number, owner: string, status: Exclude<JobStatus, 'queued' | 'running'>, fields: FinishFields): boolean {
    const now = this.iso();
    return (
      this.db
        .prepare(
          `UPDATE training_jobs SET status = ?, metrics = ?, artifact_path = ?, chart_path = ?, error = ?, error_kind = ?, note = COALESCE(?, note),
             wall_ms = ?, finished_at = ?, updated_at = ?, lease_until = NULL
           WHERE id = ? AND owner = ? AND status = 'running'`,
        )
        .run(
          status,
          fields.metrics === undefined ? null : JSON.stringify(fields.metrics),
          fields.artifactPath ?? null,
          fields.chartPath ?? null,
          fields.error ?? null,
          fields.errorKind ?? null,
          fields.note ?? null,
          fields.wallMs ?? null,
          now,
          now,
          id,
          owner,
        ).changes > 0
    );
  }

  /** running → queued again (the trainer or its process died, or the bot is shutting down). */
  requeue(id: number, expectedOwner: string | undefined, note: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE training_jobs SET status = 'queued', owner = NULL, lease_until = NULL, note = ?, updated_at = ?
           WHERE id = ? AND status = 'running' AND owner IS ?`,
        )
        .run(note, this.iso(), id, expectedOwner ?? null).changes > 0
    );
  }

  /** running (someone else's, dead) → a final state, without owning it. */
  abandon(id: number, expectedOwner: string | undefined, status: 'failed' | 'interrupted', note: string, error?: string): boolean {
    const now = this.iso();
    return (
      this.db
        .prepare(
          `UPDATE training_jobs SET status = ?, note = ?, error = COALESCE(?, error), error_kind = CASE WHEN ? IS NULL THEN error_kind ELSE 'internal' END,
             finished_at = ?, updated_at = ?, lease_until = NULL
           WHERE id = ? AND status = 'running' AND owner IS ?`,
        )
        .run(status, note, error ?? null, error ?? null, now, now, id, expectedOwner ?? null).changes > 0
    );
  }

  /**
   * Cancel: a queued job ends at once; a running one is flagged and its owner
   * stops it (within one epoch). Returns the job after the change.
   */
  requestCancel(id: number, by: string): { outcome: 'cancelled' | 'requested' | 'already-finished' | 'not-found'; job?: JobRecord } {
    const tx = this.db.transaction(() => {
      const job = this.get(id);
      if (job === undefined) return { outcome: 'not-found' as const };
      const now = this.iso();
      if (job.status === 'queued') {
        this.db
          .prepare("UPDATE training_jobs SET status = 'cancelled', cancel_requested_by = ?, finished_at = ?, updated_at = ? WHERE id = ? AND status = 'queued'")
          .run(by, now, now, id);
        return { outcome: 'cancelled' as const, job: this.get(id) as JobRecord };
      }
      if (job.status === 'running') {
        this.db.prepare('UPDATE training_jobs SET cancel_requested_by = ?, updated_at = ? WHERE id = ?').run(by, now, id);
        return { outcome: 'requested' as const, job: this.get(id) as JobRecord };
      }
      return { outcome: 'already-finished' as const, job };
    });
    return tx.immediate();
  }

  /** Running jobs of `owner` that someone asked to cancel. */
  cancelRequests(owner: string): { id: number; by: string }[] {
    return this.db
      .prepare<[string], { id: number; by: string }>("SELECT id, cancel_requested_by AS by FROM training_jobs WHERE owner = ? AND status = 'running' AND cancel_requested_by IS NOT NULL")
      .all(owner);
  }
}
