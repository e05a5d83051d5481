// SQLite for every module that keeps state (FAQ index, price history, /train
// jobs, summaries). One database file, one connection per process, and each
// module owns its own tables and migrates them independently, so feature
// modules can evolve their schema without a central migration list.

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export type Database = BetterSqlite3.Database;

/** How long a writer waits for another connection's lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Open (creating if needed) a database file, with the parent directory created.
 * - WAL: readers (a summary job) never block the writer (incoming messages).
 * - synchronous=NORMAL: safe with WAL (a power cut can lose the last commits, never corrupt).
 * - busy_timeout: a second process (CLI, bench) waits instead of failing at once.
 * - foreign_keys: SQLite leaves them off by default, per connection.
 * ':memory:' (or '') gives a private in-memory database, for tests.
 */
export function openDatabase(file: string): Database {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory && !file.startsWith('file:')) mkdirSync(dirname(resolve(file)), { recursive: true });
  const db = new BetterSqlite3(file);
  try {
    if (!inMemory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly module: string,
    /** 0-based index into the `steps` array (schema version = index + 1). */
    readonly step: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/**
 * Bring `module`'s schema up to date. `steps[i]` is the SQL (one or more
 * statements) that takes the schema from version i to i + 1; the version
 * applied last is recorded in `schema_migrations`. Steps are append-only:
 * never edit or reorder a step that has shipped, add a new one.
 *
 * Each step runs in its own IMMEDIATE transaction together with its version
 * row, so a failing step leaves no trace (SQLite DDL is transactional) and
 * two processes starting at once cannot both apply it: the second waits for
 * the lock, then sees the step recorded and skips it. Statements that cannot
 * run inside a transaction (VACUUM, PRAGMA journal_mode) do not belong here.
 *
 * Throws MigrationError naming the module and step on failure, and when the
 * database is at a newer version than `steps` knows (code older than data).
 */
export function migrate(db: Database, module: string, steps: string[]): void {
  if (!module) throw new Error('migrate: module name is required');
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    module     TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (module, version)
  )`);
  const current = db.prepare<[string], { v: number | null }>(
    'SELECT MAX(version) AS v FROM schema_migrations WHERE module = ?',
  );
  const record = db.prepare<[string, number]>('INSERT INTO schema_migrations (module, version) VALUES (?, ?)');

  const known = current.get(module)?.v ?? 0;
  if (known > steps.length) {
    throw new MigrationError(
      `migrate(${module}): database is at version ${known} but only ${steps.length} steps are known; ` +
        'it was written by a newer version of the bot',
      module,
      known - 1,
    );
  }

  for (let i = known; i < steps.length; i++) {
    const version = i + 1;
    const apply = db.transaction(() => {
      // Re-read inside the lock: another process may have applied it meanwhile.
      if ((current.get(module)?.v ?? 0) >= version) return;
      db.exec(steps[i]!);
      record.run(module, version);
    });
    try {
      apply.immediate();
    } catch (err) {
      throw new MigrationError(
        `migrate(${module}): step ${i} (version ${version}) failed: ${(err as Error).message}`,
        module,
        i,
        { cause: err },
      );
    }
  }
}

/** Schema version currently recorded for `module` (0 when never migrated). */
export function schemaVersion(db: Database, module: string): number {
  const exists = db
    .prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!exists?.n) return 0;
  return (
    db.prepare<[string], { v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations WHERE module = ?').get(module)
      ?.v ?? 0
  );
}
