import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, migrate, MigrationError, openDatabase, schemaVersion } from '../../src/storage/index.js';

const PRICES_V1 = `CREATE TABLE prices (id INTEGER PRIMARY KEY, model TEXT NOT NULL, usd REAL NOT NULL)`;
const PRICES_V2 = `ALTER TABLE prices ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD';
                   CREATE INDEX prices_model ON prices(model)`;

let dir: string;
const open: Database[] = [];
function openDb(name = 'bot.sqlite'): Database {
  const db = openDatabase(join(dir, name));
  open.push(db);
  return db;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pwbot-storage-'));
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates missing parent directories and sets WAL, busy_timeout and foreign keys', () => {
    const file = join(dir, 'nested', 'deeper', 'bot.sqlite');
    const db = openDatabase(file);
    open.push(db);
    expect(existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('enforces foreign keys', () => {
    const db = openDb();
    db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
             CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id))`);
    expect(() => db.prepare('INSERT INTO child (parent_id) VALUES (42)').run()).toThrow(/FOREIGN KEY/);
  });

  it('accepts :memory:', () => {
    const db = openDatabase(':memory:');
    open.push(db);
    migrate(db, 'prices', [PRICES_V1]);
    db.prepare('INSERT INTO prices (model, usd) VALUES (?, ?)').run('gpt-4o', 2.5);
    expect(db.prepare('SELECT COUNT(*) AS n FROM prices').get()).toEqual({ n: 1 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('migrate', () => {
  it('is idempotent: running the same steps twice applies them once', () => {
    const db = openDb();
    migrate(db, 'prices', [PRICES_V1]);
    db.prepare('INSERT INTO prices (model, usd) VALUES (?, ?)').run('deepseek-v3', 0.27);
    migrate(db, 'prices', [PRICES_V1]); // would fail with "table prices already exists" if re-run
    expect(schemaVersion(db, 'prices')).toBe(1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT model FROM prices').all()).toEqual([{ model: 'deepseek-v3' }]);
  });

  it('applies a step added later, keeping existing data', () => {
    const db = openDb();
    migrate(db, 'prices', [PRICES_V1]);
    db.prepare('INSERT INTO prices (model, usd) VALUES (?, ?)').run('gpt-4o', 2.5);
    migrate(db, 'prices', [PRICES_V1, PRICES_V2]);
    expect(schemaVersion(db, 'prices')).toBe(2);
    expect(db.prepare('SELECT model, usd, currency FROM prices').all()).toEqual([
      { model: 'gpt-4o', usd: 2.5, currency: 'USD' },
    ]);
  });

  it('keeps versions per module', () => {
    const db = openDb();
    migrate(db, 'prices', [PRICES_V1, PRICES_V2]);
    migrate(db, 'faq', ['CREATE TABLE faq (q TEXT, a TEXT)']);
    expect(schemaVersion(db, 'prices')).toBe(2);
    expect(schemaVersion(db, 'faq')).toBe(1);
    expect(schemaVersion(db, 'train')).toBe(0);
  });

  it('rolls a failing step back entirely and names the module and step', () => {
    const db = openDb();
    migrate(db, 'prices', [PRICES_V1]);
    // The first statement of step 1 succeeds, the second fails: neither may remain.
    const broken = `ALTER TABLE prices ADD COLUMN region TEXT; CREATE TABLE oops (x TEXT REFERENCES nowhere(`;
    let caught: unknown;
    try {
      migrate(db, 'prices', [PRICES_V1, broken]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MigrationError);
    const err = caught as MigrationError;
    expect(err.message).toMatch(/prices/);
    expect(err.message).toMatch(/step 1/);
    expect([err.module, err.step]).toEqual(['prices', 1]);
    expect(err.cause).toBeInstanceOf(Error);

    expect(schemaVersion(db, 'prices')).toBe(1);
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('prices')").all();
    expect(columns.map((c) => c.name)).not.toContain('region');

    // Fixing the step lets the next start apply it.
    migrate(db, 'prices', [PRICES_V1, 'ALTER TABLE prices ADD COLUMN region TEXT']);
    expect(schemaVersion(db, 'prices')).toBe(2);
  });

  it('stops at the failing step and leaves earlier new steps applied', () => {
    const db = openDb();
    expect(() => migrate(db, 'jobs', ['CREATE TABLE jobs (id INTEGER)', 'NOT SQL AT ALL', 'CREATE TABLE later (x)'])).toThrow(
      /jobs.*step 1/,
    );
    expect(schemaVersion(db, 'jobs')).toBe(1);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    expect(tables.map((t) => t.name)).toContain('jobs');
    expect(tables.map((t) => t.name)).not.toContain('later');
  });

  it('refuses a database written by newer code', () => {
    const db = openDb();
    migrate(db, 'prices', [PRICES_V1, PRICES_V2]);
    expect(() => migrate(db, 'prices', [PRICES_V1])).toThrow(/version 2 but only 1 steps/);
  });

  it('keeps data and versions across close and reopen', () => {
    const first = openDb();
    migrate(first, 'prices', [PRICES_V1, PRICES_V2]);
    first.prepare('INSERT INTO prices (model, usd, currency) VALUES (?, ?, ?)').run('qwen-max', 2.4, 'CNY');
    first.close();

    const second = openDb();
    migrate(second, 'prices', [PRICES_V1, PRICES_V2]);
    expect(schemaVersion(second, 'prices')).toBe(2);
    expect(second.prepare('SELECT model, usd, currency FROM prices').all()).toEqual([
      { model: 'qwen-max', usd: 2.4, currency: 'CNY' },
    ]);
  });

  it('lets two connections to the same file migrate without applying a step twice', () => {
    const a = openDb();
    const b = openDb();
    migrate(a, 'prices', [PRICES_V1]);
    migrate(b, 'prices', [PRICES_V1, PRICES_V2]);
    migrate(a, 'prices', [PRICES_V1, PRICES_V2]);
    expect(schemaVersion(a, 'prices')).toBe(2);
    expect(a.prepare("SELECT COUNT(*) AS n FROM schema_migrations WHERE module = 'prices'").get()).toEqual({ n: 2 });
  });
});
