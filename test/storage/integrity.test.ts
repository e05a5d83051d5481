/**
 * Issue 18, point 2: a damaged SQLite file is found when it is opened, named
 * with what to do, stops only the feature that owns it, and with
 * DATA_REPAIR=move-aside is set aside as `<name>.corrupt-<date>` so the
 * feature starts afresh. Every store in turn: FAQ, summaries, training jobs,
 * Slack state. Real files, really damaged (truncated, overwritten).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSlackState } from '../../src/adapters/slack/state.js';
import { loadConfig } from '../../src/config.js';
import { FaqStore } from '../../src/faq/store.js';
import { checkDataFiles, configureStorage, DamagedDatabaseError, migrate, openDatabase } from '../../src/storage/index.js';
import { SummaryStore } from '../../src/summary/store.js';
import { openTrainingService } from '../../src/training/service.js';
import { captureLog } from '../fakes/bot.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pwbot-integrity-'));
});
afterEach(() => {
  configureStorage({ repair: 'stop' });
  rmSync(dir, { recursive: true, force: true });
});

/** A real database with enough rows to span many pages, closed cleanly (WAL folded back in). */
function filledDatabase(file: string): void {
  const db = openDatabase(file);
  migrate(db, 'filler', ['CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL); CREATE INDEX filler_text ON filler (text)']);
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(200)}`);
  })();
  db.close();
}

/** The two damages the probe found: a file cut short, and one overwritten with other bytes. */
const DAMAGES = {
  truncated: (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2)),
  overwritten: (file: string) => writeFileSync(file, Buffer.alloc(statSync(file).size, 0x5a)),
  'header overwritten': (file: string) => {
    const bytes = readFileSync(file);
    bytes.fill(0x41, 0, 100);
    writeFileSync(file, bytes);
  },
} as const;

describe('openDatabase checks the file', () => {
  for (const [how, damage] of Object.entries(DAMAGES)) {
    it(`a ${how} file throws DamagedDatabaseError naming it and what to do, logged once`, () => {
      const file = join(dir, 'store.sqlite');
      filledDatabase(file);
      damage(file);
      const capture = captureLog('warn');
      configureStorage({ log: capture.log });
      const error = (() => {
        try {
          openDatabase(file).close();
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(DamagedDatabaseError);
      const damaged = error as DamagedDatabaseError;
      // The user's sentence names the file (not its path) and the way out.
      expect(damaged.message).toMatch(/store\.sqlite is damaged/);
      expect(damaged.message).not.toContain(dir);
      expect(damaged.message).toContain('DATA_REPAIR=move-aside');
      // The operator's line names the path.
      expect(damaged.operatorHint).toContain(file);
      expect(() => openDatabase(file)).toThrow(DamagedDatabaseError);
      const lines = capture.lines().filter((l) => l.file === file);
      expect(lines).toHaveLength(1);
      expect(lines[0]?.msg).toContain(`data file ${file} is damaged`);
      expect(lines[0]?.msg).toContain('restore the file from a backup');
      // Stop means stop: the file is left exactly where it was for the operator.
      expect(readdirSync(dir).filter((n) => n.includes('.corrupt-'))).toEqual([]);
    });
  }

  it('move-aside renames the file to <name>.corrupt-<date> and opens an empty one, saying so', () => {
    const file = join(dir, 'store.sqlite');
    filledDatabase(file);
    DAMAGES.overwritten(file);
    const capture = captureLog('warn');
    configureStorage({ repair: 'move-aside', log: capture.log });
    const db = openDatabase(file, { now: new Date('2026-12-02T21:00:00.000Z') });
    try {
      expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
    const aside = `${file}.corrupt-2026-12-02T21-00-00-000Z`;
    expect(existsSync(aside)).toBe(true);
    expect(readFileSync(aside)[0]).toBe(0x5a);
    const said = capture.lines().find((l) => l.file === file);
    expect(said?.msg).toContain(`moved it to ${aside}`);
  });

  it('a healthy file opens as before, with WAL and busy_timeout', () => {
    const file = join(dir, 'store.sqlite');
    filledDatabase(file);
    const db = openDatabase(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.prepare('SELECT COUNT(*) AS n FROM filler').get()).toEqual({ n: 2000 });
    } finally {
      db.close();
    }
  });

  it('the start-up check names every damaged *.sqlite file in DATA_DIR and leaves healthy ones alone', () => {
    filledDatabase(join(dir, 'good.sqlite'));
    filledDatabase(join(dir, 'bad.sqlite'));
    DAMAGES.truncated(join(dir, 'bad.sqlite'));
    expect(checkDataFiles(dir)).toEqual([join(dir, 'bad.sqlite')]);
    expect(checkDataFiles(join(dir, 'missing'))).toEqual([]);
  });
});

/** Each real store, given a damaged file: it refuses to open with the one error, and opens afresh after move-aside. */
describe('every store, in turn', () => {
  const config = () => loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }, undefined);
  const stores: Record<string, { file: () => string; open: () => { close(): void | Promise<void> } }> = {
    faq: { file: () => join(dir, 'faq.sqlite'), open: () => FaqStore.open(join(dir, 'faq.sqlite')) },
    summary: { file: () => join(dir, 'summary.sqlite'), open: () => SummaryStore.open(join(dir, 'summary.sqlite')) as unknown as { close(): void } },
    training: { file: () => join(dir, 'training.sqlite'), open: () => openTrainingService(config(), captureLog('silent').log) },
  };

  for (const [name, store] of Object.entries(stores)) {
    for (const [how, damage] of Object.entries(DAMAGES)) {
      it(`${name}: a ${how} file stops the store with DamagedDatabaseError; move-aside starts it empty`, async () => {
        // A real, used store first.
        await store.open().close();
        filledDatabase(store.file());
        damage(store.file());
        expect(() => store.open()).toThrow(DamagedDatabaseError);
        configureStorage({ repair: 'move-aside' });
        const fresh = store.open();
        await fresh.close();
        expect(readdirSync(dir).some((n) => n.startsWith(`${name}.sqlite.corrupt-`))).toBe(true);
      });
    }
  }

  it('slack: a damaged state file falls back to memory and the reason names the file', () => {
    const file = join(dir, 'slack.sqlite');
    filledDatabase(file);
    DAMAGES.overwritten(file);
    const opened = openSlackState(file);
    expect(opened.fallbackReason).toMatch(/slack\.sqlite is damaged/);
    configureStorage({ repair: 'move-aside' });
    expect(openSlackState(file).fallbackReason).toBeUndefined();
  });
});
