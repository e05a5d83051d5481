/**
 * The schema of DATA_DIR/training.sqlite, one step per version (see
 * `migrate` in src/storage: steps are append-only, never edit one that has
 * shipped).
 */

/** Version 1: jobs and their per-epoch history. */
const V1_JOBS_AND_EPOCHS = `CREATE TABLE training_jobs (
     id               INTEGER PRIMARY KEY AUTOINCREMENT,
     user_key         TEXT    NOT NULL,
     user_name        TEXT,
     conversation     TEXT    NOT NULL,
     progress_ref     TEXT,
     params           TEXT    NOT NULL,
     dataset          TEXT    NOT NULL,
     dataset_rows     INTEGER NOT NULL,
     dataset_features INTEGER NOT NULL,
     runner           TEXT    NOT NULL CHECK (runner IN ('tfjs', 'external')),
     status           TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
     cancel_requested_by TEXT,
     attempts         INTEGER NOT NULL DEFAULT 0,
     owner            TEXT,
     lease_until      INTEGER,
     backend          TEXT,
     backend_note     TEXT,
     metrics          TEXT,
     artifact_path    TEXT,
     chart_path       TEXT,
     error            TEXT,
     error_kind       TEXT CHECK (error_kind IN ('user', 'internal')),
     note             TEXT,
     created_at       TEXT    NOT NULL,
     started_at       TEXT,
     finished_at      TEXT,
     wall_ms          INTEGER,
     updated_at       TEXT    NOT NULL
   );
   CREATE INDEX training_jobs_status ON training_jobs (status, id);
   CREATE INDEX training_jobs_user ON training_jobs (user_key, status);
   CREATE TABLE training_epochs (
     job_id       INTEGER NOT NULL REFERENCES training_jobs (id) ON DELETE CASCADE,
     attempt      INTEGER NOT NULL,
     epoch        INTEGER NOT NULL,
     loss         REAL    NOT NULL,
     accuracy     REAL    NOT NULL,
     val_loss     REAL,
     val_accuracy REAL,
     ms           REAL,
     PRIMARY KEY (job_id, attempt, epoch)
   );`;

/**
 * Version 2: where a job reports becomes one opaque JSON column, `origin`,
 * that the chat layer writes and reads (the feature no longer knows
 * conversations or message ids), and whether a job may be re-run elsewhere
 * becomes a column, `resumable`, instead of a check on the platform's name.
 *
 * Version-1 rows keep what they said: their conversation and progress
 * message move into `origin` as `{"conversation": …, "progressRef": …}`, the
 * shape the chat layer reads. A version-1 job without a progress message was
 * started by an asker who waited for it in its own process (only that path
 * posted no progress message), so it is not resumable, as before.
 */
const V2_OPAQUE_ORIGIN = `ALTER TABLE training_jobs RENAME COLUMN conversation TO origin;
   UPDATE training_jobs SET origin = CASE
     WHEN progress_ref IS NULL THEN json_object('conversation', json(origin))
     ELSE json_object('conversation', json(origin), 'progressRef', json(progress_ref))
   END;
   ALTER TABLE training_jobs ADD COLUMN resumable INTEGER NOT NULL DEFAULT 1 CHECK (resumable IN (0, 1));
   UPDATE training_jobs SET resumable = 0 WHERE progress_ref IS NULL;
   ALTER TABLE training_jobs DROP COLUMN progress_ref;`;

/**
 * Version 3: checkpoints. `checkpoint_epoch` is the last epoch a trainer saved
 * a checkpoint after (in `<artifact folder>/checkpoint/`), `checkpoint_attempt`
 * the attempt that saved it, and
 * `resumed_from` the epoch the current attempt went on from. Older rows have
 * none: their next attempt starts at epoch 1, as before.
 */
const V3_CHECKPOINTS = `ALTER TABLE training_jobs ADD COLUMN checkpoint_epoch INTEGER;
   ALTER TABLE training_jobs ADD COLUMN checkpoint_attempt INTEGER;
   ALTER TABLE training_jobs ADD COLUMN resumed_from INTEGER;`;

/** `migrate(db, 'training', TRAINING_MIGRATIONS)`: index i takes the schema from version i to i + 1. */
export const TRAINING_MIGRATIONS: readonly string[] = [V1_JOBS_AND_EPOCHS, V2_OPAQUE_ORIGIN, V3_CHECKPOINTS];
