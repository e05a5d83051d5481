// SQLite for every module that keeps state (FAQ index, price history, /train
// jobs, summaries). One database file, one connection per process, and each
// module owns its own tables and migrates them independently, so feature
// modules can evolve their schema without a central migration list.

import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { UserError } from '../core/errors.js';

export type Database = BetterSqlite3.Database;

// The native driver is required on the first open, not at import: a command line that opens no store
// (`/help`, `/pricewar cuts`) does not load it (issue #15, start-up).
let driver: typeof BetterSqlite3 | undefined;
function sqliteDriver(): typeof BetterSqlite3 {
  driver ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return driver;
}

/** How long a writer waits for another connection's lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/** DATA_REPAIR: what to do with a damaged file. `stop` the feature that owns it, or `move-aside` and start it empty. */
export type DataRepair = 'stop' | 'move-aside';

/** Where a damage report goes: the app's logger (a pino logger fits). */
export interface StorageLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

interface StorageSettings {
  repair: DataRepair;
  log: StorageLog | undefined;
}

/**
 * Process-wide, set once by the wiring from DATA_REPAIR: every store opens
 * its file through `openDatabase`, and none of them should need the config to
 * know what to do with a damaged one.
 */
const settings: StorageSettings = { repair: 'stop', log: undefined };
/** Each damaged file is reported once per process, not on every command that touches it. */
const reported = new Set<string>();

export function configureStorage(options: { readonly repair?: DataRepair; readonly log?: StorageLog }): void {
  if (options.repair !== undefined) settings.repair = options.repair;
  if (options.log !== undefined) settings.log = options.log;
}

/**
 * A SQLite file that failed its integrity check. A `UserError`, so whoever
 * uses the feature sees one plain sentence (with the file's name, not its
 * path) while the others keep working; the operator's line, with the path and
 * what to do, is in `operatorHint` and in the log.
 */
export class DamagedDatabaseError extends UserError {
  override readonly name = 'DamagedDatabaseError';
  readonly operatorHint: string;

  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`This feature is off: its data file ${basename(file)} is damaged. An operator can restore it from a backup, or restart the bot with DATA_REPAIR=move-aside to set it aside and start afresh.`, {
      code: 'unsupported',
      data: { file: basename(file) },
    });
    this.operatorHint =
      `data file ${file} is damaged (${problem}): the feature using it is off. Stop the bot and restore the file from a backup, ` +
      `or restart with DATA_REPAIR=move-aside to rename it to ${basename(file)}.corrupt-<date> and start with an empty one`;
  }
}

/** SQLite's codes for a file that is not (or no longer) a well-formed database. */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && DAMAGE_CODES.has(code);
}

/**
 * `quick_check` reads every page and checks its structure (the checks of
 * `integrity_check` minus cross-checking each index against its table,
 * which is the slow part): a truncated or overwritten file fails it.
 */
function integrityProblem(db: Database): string | undefined {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  return problems.length === 0 ? undefined : problems.join('; ');
}

/** `faq.sqlite` → `faq.sqlite.corrupt-2026-12-02T21-44-25-123Z`, with its -wal and -shm beside it. */
function moveAside(file: string, now: Date): string {
  const target = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  return target;
}

function configure(db: Database, inMemory: boolean): void {
  if (!inMemory) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
}

/**
 * Open a file and check it: undefined problem when healthy, else what is
 * wrong (the connection is then closed).
 */
function openChecked(file: string, inMemory: boolean): { db: Database; problem?: undefined } | { db?: undefined; problem: string } {
  let db: Database | undefined;
  try {
    db = new (sqliteDriver())(file);
    // busy_timeout first: the check itself may wait for another process's lock.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const problem = inMemory ? undefined : integrityProblem(db);
    if (problem !== undefined) {
      db.close();
      return { problem };
    }
    configure(db, inMemory);
    return { db };
  } catch (error) {
    if (db?.open) db.close();
    if (isDamage(error)) return { problem: (error as Error).message };
    throw error;
  }
}

/**
 * Open (creating if needed) a database file, with the parent directory created.
 * - An integrity check first: a damaged file throws `DamagedDatabaseError`
 *   (logged once with the path and what to do), or with DATA_REPAIR=move-aside
 *   is renamed to `<name>.corrupt-<date>` and replaced by an empty one (logged).
 * - WAL: readers (a summary job) never block the writer (incoming messages).
 * - synchronous=NORMAL: safe with WAL (a power cut can lose the last commits, never corrupt).
 * - busy_timeout: a second process (CLI, bench) waits instead of failing at once.
 * - foreign_keys: SQLite leaves them off by default, per connection.
 * ':memory:' (or '') gives a private in-memory database, for tests.
 */
export function openDatabase(file: string, options: { readonly repair?: DataRepair; readonly now?: Date } = {}): Database {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory && !file.startsWith('file:')) mkdirSync(dirname(resolve(file)), { recursive: true });
  const first = openChecked(file, inMemory);
  if (first.db !== undefined) return first.db;
  const repair = options.repair ?? settings.repair;
  const path = resolve(file);
  if (repair === 'move-aside' && !file.startsWith('file:')) {
    const target = moveAside(path, options.now ?? new Date());
    settings.log?.warn({ file: path, movedTo: target, problem: first.problem }, `data file ${path} was damaged; moved it to ${target} and started with an empty one (DATA_REPAIR=move-aside)`);
    const fresh = openChecked(file, inMemory);
    if (fresh.db !== undefined) return fresh.db;
    throw new DamagedDatabaseError(path, fresh.problem);
  }
  const error = new DamagedDatabaseError(path, first.problem);
  if (!reported.has(path)) {
    reported.add(path);
    settings.log?.error({ file: path, problem: first.problem }, error.operatorHint);
  }
  throw error;
}

/**
 * Check every `*.sqlite` file directly in `dir` at start-up, so a damaged
 * one is reported (or, with DATA_REPAIR=move-aside, set aside) before anyone
 * asks the feature that owns it. Returns the files found damaged.
 */
export function checkDataFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const damaged: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.sqlite')).sort()) {
    const file = resolve(dir, name);
    try {
      openDatabase(file).close();
    } catch (error) {
      if (error instanceof DamagedDatabaseError) damaged.push(file);
      else throw error;
    }
  }
  return damaged;
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
