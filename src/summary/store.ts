/**
 * What the schedule remembers between runs, in SQLite: per channel, the
 * point up to which it has summarised (so a restart neither repeats nor
 * skips a period), and the runs that failed (reported in the channel's next
 * digest, then marked as reported).
 */
import { migrate, openDatabase, type Database } from '../storage/index.js';

export interface ChannelKey {
  readonly platform: string;
  readonly channel: string;
}

export interface Checkpoint {
  /** Messages up to and including this instant have been summarised. */
  readonly until: Date;
  /** The id of the digest message posted last (Slack ts, Discord id), if one was posted. */
  readonly postedId: string | null;
  readonly updatedAt: Date;
}

export interface RunFailure {
  readonly id: number;
  readonly failedAt: Date;
  readonly since: Date;
  readonly until: Date;
  readonly error: string;
}

const STEPS = [
  `CREATE TABLE summary_checkpoints (
     platform    TEXT NOT NULL,
     channel     TEXT NOT NULL,
     until_ms    INTEGER NOT NULL,
     posted_id   TEXT,
     updated_at  TEXT NOT NULL,
     PRIMARY KEY (platform, channel)
   );
   CREATE TABLE summary_failures (
     id          INTEGER PRIMARY KEY AUTOINCREMENT,
     platform    TEXT NOT NULL,
     channel     TEXT NOT NULL,
     failed_at   TEXT NOT NULL,
     since_ms    INTEGER NOT NULL,
     until_ms    INTEGER NOT NULL,
     error       TEXT NOT NULL,
     reported_at TEXT
   );
   CREATE INDEX summary_failures_open ON summary_failures (platform, channel, reported_at);`,
];

export class SummaryStore {
  private constructor(private readonly db: Database) {}

  /** Open (and migrate) the summary tables in `file` (e.g. data/summary.sqlite). */
  static open(file: string): SummaryStore {
    const db = openDatabase(file);
    try {
      migrate(db, 'summary', STEPS);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SummaryStore(db);
  }

  checkpoint(key: ChannelKey): Checkpoint | undefined {
    const row = this.db
      .prepare<[string, string], { until_ms: number; posted_id: string | null; updated_at: string }>(
        'SELECT until_ms, posted_id, updated_at FROM summary_checkpoints WHERE platform = ? AND channel = ?',
      )
      .get(key.platform, key.channel);
    return row === undefined ? undefined : { until: new Date(row.until_ms), postedId: row.posted_id, updatedAt: new Date(row.updated_at) };
  }

  /**
   * Record a finished run: move the checkpoint (never backwards) and mark the
   * failures the posted digest reported, in one transaction, so a crash
   * cannot leave one without the other.
   */
  complete(key: ChannelKey, until: Date, postedId: string | null, reportedFailures: readonly number[], at: Date = new Date()): void {
    const tx = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO summary_checkpoints (platform, channel, until_ms, posted_id, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (platform, channel) DO UPDATE SET
             until_ms = MAX(until_ms, excluded.until_ms), posted_id = excluded.posted_id, updated_at = excluded.updated_at`,
        )
        .run(key.platform, key.channel, until.getTime(), postedId, at.toISOString());
      const mark = this.db.prepare('UPDATE summary_failures SET reported_at = ? WHERE id = ? AND reported_at IS NULL');
      for (const id of reportedFailures) mark.run(at.toISOString(), id);
    });
    tx.immediate();
  }

  recordFailure(key: ChannelKey, since: Date, until: Date, error: string, at: Date = new Date()): number {
    const result = this.db
      .prepare('INSERT INTO summary_failures (platform, channel, failed_at, since_ms, until_ms, error) VALUES (?, ?, ?, ?, ?, ?)')
      .run(key.platform, key.channel, at.toISOString(), since.getTime(), until.getTime(), error.slice(0, 500));
    return Number(result.lastInsertRowid);
  }

  /** Failures of this channel not yet reported in a digest, oldest first. */
  openFailures(key: ChannelKey): RunFailure[] {
    return this.db
      .prepare<[string, string], { id: number; failed_at: string; since_ms: number; until_ms: number; error: string }>(
        'SELECT id, failed_at, since_ms, until_ms, error FROM summary_failures WHERE platform = ? AND channel = ? AND reported_at IS NULL ORDER BY id',
      )
      .all(key.platform, key.channel)
      .map((r) => ({ id: r.id, failedAt: new Date(r.failed_at), since: new Date(r.since_ms), until: new Date(r.until_ms), error: r.error }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
