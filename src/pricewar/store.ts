/**
 * The price history in SQLite (`DATA_DIR/pricewar.sqlite`): every price a
 * feed reports becomes a dated observation of a series (feed, provider,
 * model). Only change points are kept as rows: an observation with the same
 * price as the series' newest row moves its `last_seen` instead, so a
 * series is its de-duplicated change points and a daily sync of thousands
 * of unchanged models writes almost nothing. The bundled CSVs seed an empty
 * store; the feeds extend it. Feed runs (for /pricewar sources) and channel
 * watches (with the last price each was notified of) live here too, so a
 * restart neither repeats nor misses a notification.
 */
import { migrate, openDatabase, type Database } from '../storage/index.js';
import type { LatestPriceRow, PriceHistoryRow } from './schemas.js';

export const PRICE_STORE_FILE = 'pricewar.sqlite';

const MIGRATIONS = [
  `CREATE TABLE price_series (
     id         INTEGER PRIMARY KEY,
     feed       TEXT NOT NULL,
     provider   TEXT NOT NULL,
     model      TEXT NOT NULL,
     mode       TEXT,
     currency   TEXT NOT NULL DEFAULT 'USD',
     first_seen TEXT NOT NULL,
     last_seen  TEXT NOT NULL,
     UNIQUE (feed, provider, model)
   );
   CREATE TABLE price_observations (
     series_id   INTEGER NOT NULL REFERENCES price_series(id),
     observed_on TEXT NOT NULL,
     input       REAL,
     output      REAL,
     cache_read  REAL,
     source      TEXT,
     PRIMARY KEY (series_id, observed_on)
   ) WITHOUT ROWID;
   CREATE TABLE feed_runs (
     id          INTEGER PRIMARY KEY,
     feed        TEXT NOT NULL,
     started_at  TEXT NOT NULL,
     finished_at TEXT NOT NULL,
     status      TEXT NOT NULL,
     models      INTEGER NOT NULL DEFAULT 0,
     changes     INTEGER NOT NULL DEFAULT 0,
     skipped     INTEGER NOT NULL DEFAULT 0,
     error       TEXT,
     skipped_sample TEXT
   );
   CREATE INDEX feed_runs_by_feed ON feed_runs (feed, id);
   CREATE TABLE price_watches (
     id         INTEGER PRIMARY KEY,
     platform   TEXT NOT NULL,
     channel    TEXT NOT NULL,
     model      TEXT NOT NULL,
     below      REAL,
     min_change REAL,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     UNIQUE (platform, channel, model)
   );
   CREATE TABLE watch_notices (
     watch_id    INTEGER NOT NULL REFERENCES price_watches(id) ON DELETE CASCADE,
     series_key  TEXT NOT NULL,
     observed_on TEXT NOT NULL,
     input       REAL,
     output      REAL,
     posted_at   TEXT,
     PRIMARY KEY (watch_id, series_key)
   );`,
];

/** One price as a feed reported it on a day (USD or CNY per million tokens). */
export interface FeedObservation {
  readonly provider: string;
  readonly model: string;
  readonly input: number | null;
  readonly output: number | null;
  readonly cacheRead?: number | null;
  readonly mode?: string | null;
  readonly currency?: string;
  /** Where the row came from: a commit of the bundled history, or `live`. */
  readonly source?: string | null;
}

export interface StoredSeries {
  readonly id: number;
  readonly feed: string;
  readonly provider: string;
  readonly model: string;
  readonly mode: string | null;
  readonly currency: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface StoredObservation {
  readonly seriesId: number;
  readonly date: string;
  readonly input: number | null;
  readonly output: number | null;
  readonly cacheRead: number | null;
  readonly source: string | null;
}

/** What one recorded snapshot changed. */
export interface RecordResult {
  readonly seen: number;
  readonly newSeries: number;
  /** Rows written: a new series' first price or a changed price. */
  readonly changes: number;
  /** The changed (or new) series, with the price before (undefined for a new one). */
  readonly changed: readonly { readonly series: StoredSeries; readonly before: StoredObservation | undefined; readonly after: StoredObservation }[];
}

export type FeedRunStatus = 'ok' | 'rejected' | 'failed';

export interface FeedRun {
  readonly id: number;
  readonly feed: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly status: FeedRunStatus;
  readonly models: number;
  readonly changes: number;
  readonly skipped: number;
  readonly error: string | null;
  readonly skippedSample: readonly string[];
}

export interface Watch {
  readonly id: number;
  readonly platform: string;
  readonly channel: string;
  readonly model: string;
  readonly below: number | null;
  readonly minChange: number | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface WatchNotice {
  readonly watchId: number;
  readonly seriesKey: string;
  readonly date: string;
  readonly input: number | null;
  readonly output: number | null;
}

interface SeriesRow {
  id: number;
  feed: string;
  provider: string;
  model: string;
  mode: string | null;
  currency: string;
  first_seen: string;
  last_seen: string;
}

const toSeries = (r: SeriesRow): StoredSeries => ({ id: r.id, feed: r.feed, provider: r.provider, model: r.model, mode: r.mode, currency: r.currency, firstSeen: r.first_seen, lastSeen: r.last_seen });

const samePrice = (a: number | null, b: number | null): boolean => a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)));

export class PriceStore {
  private constructor(readonly db: Database) {}

  /** Open (creating and migrating) the store; `:memory:` for tests. */
  static open(file: string): PriceStore {
    const db = openDatabase(file);
    try {
      migrate(db, 'pricewar', MIGRATIONS);
    } catch (error) {
      db.close();
      throw error;
    }
    return new PriceStore(db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM price_observations LIMIT 1').get() === undefined;
  }

  /**
   * Seed an empty store from the bundled (or PRICE_DATA_DIR) history and
   * latest snapshot, in one transaction; a second process seeding at the same
   * time waits and then finds the store filled. Returns whether it seeded.
   */
  seed(history: readonly PriceHistoryRow[], latest: readonly LatestPriceRow[]): boolean {
    const run = this.db.transaction((): boolean => {
      if (!this.isEmpty()) return false;
      // History rows by day, file order within a day: the later row is the day's price.
      const byDay = new Map<string, FeedObservation[]>();
      const push = (date: string, o: FeedObservation): void => {
        const list = byDay.get(date) ?? [];
        list.push(o);
        byDay.set(date, list);
      };
      for (const r of history) push(r.date, { provider: r.provider, model: r.model, input: r.input_usd_per_mtok, output: r.output_usd_per_mtok, source: r.commit ?? null });
      for (const r of latest) {
        push(r.date, { provider: r.provider, model: r.model, input: r.input_usd_per_mtok, output: r.output_usd_per_mtok, cacheRead: r.cache_read_usd_per_mtok, mode: r.mode ?? null, source: r.commit ?? null });
      }
      for (const day of [...byDay.keys()].sort()) this.recordDay('litellm', day, byDay.get(day) as FeedObservation[]);
      return true;
    });
    return run.immediate();
  }

  /**
   * Record one feed's snapshot of `day` (YYYY-MM-DD) in one transaction: a
   * new series or a changed price writes a row, an unchanged one only moves
   * `last_seen`; a second snapshot on the same day replaces that day's row.
   */
  recordSnapshot(feed: string, day: string, observations: readonly FeedObservation[]): RecordResult {
    return this.db.transaction(() => this.recordDay(feed, day, observations)).immediate();
  }

  private recordDay(feed: string, day: string, observations: readonly FeedObservation[]): RecordResult {
    const findSeries = this.db.prepare<[string, string, string], SeriesRow>('SELECT * FROM price_series WHERE feed = ? AND provider = ? AND model = ?');
    const insertSeries = this.db.prepare<[string, string, string, string | null, string, string, string], SeriesRow>(
      'INSERT INTO price_series (feed, provider, model, mode, currency, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *',
    );
    const setMode = this.db.prepare<[string, number]>('UPDATE price_series SET mode = ? WHERE id = ?');
    type ObsRow = { series_id: number; observed_on: string; input: number | null; output: number | null; cache_read: number | null; source: string | null };
    const newestOne = this.db.prepare<[number, string], ObsRow>('SELECT series_id, observed_on, input, output, cache_read, source FROM price_observations WHERE series_id = ? AND observed_on <= ? ORDER BY observed_on DESC LIMIT 1');
    // A full snapshot (a feed sync): two reads for the whole feed instead of several per model, so a daily sync of
    // thousands of unchanged models stays short. A small day of the seed's history: per-row lookups are cheaper.
    const bulk = observations.length > 500;
    const known = new Map(bulk ? this.db.prepare<[string], SeriesRow>('SELECT * FROM price_series WHERE feed = ?').all(feed).map((r) => [`${r.provider}\u0000${r.model}`, r]) : []);
    const newestRows = new Map(
      bulk
        ? this.db
            .prepare<[string, string], ObsRow>(
              `SELECT o.series_id, o.observed_on, o.input, o.output, o.cache_read, o.source FROM price_observations o JOIN price_series s ON s.id = o.series_id
               WHERE s.feed = ? AND o.observed_on = (SELECT max(observed_on) FROM price_observations WHERE series_id = o.series_id AND observed_on <= ?)`,
            )
            .all(feed, day)
            .map((r) => [r.series_id, r])
        : [],
    );
    const seenIds: number[] = [];
    const previous = this.db.prepare<[number, string], { observed_on: string; input: number | null; output: number | null; cache_read: number | null; source: string | null }>(
      'SELECT observed_on, input, output, cache_read, source FROM price_observations WHERE series_id = ? AND observed_on < ? ORDER BY observed_on DESC LIMIT 1',
    );
    const upsert = this.db.prepare<[number, string, number | null, number | null, number | null, string | null]>(
      'INSERT OR REPLACE INTO price_observations (series_id, observed_on, input, output, cache_read, source) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const remove = this.db.prepare<[number, string]>('DELETE FROM price_observations WHERE series_id = ? AND observed_on = ?');
    let newSeries = 0;
    const changed: RecordResult['changed'][number][] = [];
    // The last row of a series in one snapshot wins (a feed listing a model twice).
    const last = new Map<string, FeedObservation>();
    for (const o of observations) last.set(`${o.provider}\u0000${o.model}`, o);
    for (const o of last.values()) {
      let row = known.get(`${o.provider}\u0000${o.model}`) ?? findSeries.get(feed, o.provider, o.model);
      if (row === undefined) {
        row = insertSeries.get(feed, o.provider, o.model, o.mode ?? null, o.currency ?? 'USD', day, day) as SeriesRow;
        known.set(`${o.provider}\u0000${o.model}`, row);
        newSeries++;
      } else {
        seenIds.push(row.id);
        if (o.mode !== undefined && o.mode !== null && o.mode !== row.mode) setMode.run(o.mode, row.id);
      }
      const cur = bulk ? newestRows.get(row.id) : newestOne.get(row.id, day);
      const base = cur !== undefined && cur.observed_on === day ? previous.get(row.id, day) : cur;
      const after: StoredObservation = { seriesId: row.id, date: day, input: o.input, output: o.output, cacheRead: o.cacheRead ?? null, source: o.source ?? null };
      if (base !== undefined && samePrice(base.input, o.input) && samePrice(base.output, o.output)) {
        // Back to the price before today's row: today's row was not a change after all.
        if (cur !== undefined && cur.observed_on === day) remove.run(row.id, day);
        continue;
      }
      if (cur !== undefined && cur.observed_on === day && samePrice(cur.input, o.input) && samePrice(cur.output, o.output)) continue;
      upsert.run(row.id, day, o.input, o.output, o.cacheRead ?? null, o.source ?? null);
      const before = base === undefined ? undefined : { seriesId: row.id, date: base.observed_on, input: base.input, output: base.output, cacheRead: base.cache_read, source: base.source };
      changed.push({ series: toSeries({ ...row, last_seen: day > row.last_seen ? day : row.last_seen }), before, after });
    }
    // Every series seen today: one statement, not one per model.
    this.db.prepare<[string, string, string]>('UPDATE price_series SET last_seen = ? WHERE last_seen < ? AND id IN (SELECT value FROM json_each(?))').run(day, day, JSON.stringify(seenIds));
    return { seen: last.size, newSeries, changes: changed.length, changed };
  }

  series(): StoredSeries[] {
    return this.db.prepare<[], SeriesRow>('SELECT * FROM price_series ORDER BY id').all().map(toSeries);
  }

  /** Every change point, by series then day. */
  observations(): StoredObservation[] {
    return this.db
      .prepare<[], { series_id: number; observed_on: string; input: number | null; output: number | null; cache_read: number | null; source: string | null }>(
        'SELECT series_id, observed_on, input, output, cache_read, source FROM price_observations ORDER BY series_id, observed_on',
      )
      .all()
      .map((r) => ({ seriesId: r.series_id, date: r.observed_on, input: r.input, output: r.output, cacheRead: r.cache_read, source: r.source }));
  }

  /** The newest day any feed was observed (the data's "as of"). */
  newestDay(): string | undefined {
    return this.db.prepare<[], { d: string | null }>('SELECT max(last_seen) AS d FROM price_series').get()?.d ?? undefined;
  }

  /** How many series a feed listed on its newest day (the "90 % fewer models" guard compares with this). */
  listedOnNewestDay(feed: string): number {
    const row = this.db
      .prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM price_series WHERE feed = ? AND last_seen = (SELECT max(last_seen) FROM price_series WHERE feed = ?)')
      .get(feed, feed);
    return row?.n ?? 0;
  }

  counts(): { series: number; observations: number } {
    const s = this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM price_series').get()?.n ?? 0;
    const o = this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM price_observations').get()?.n ?? 0;
    return { series: s, observations: o };
  }

  // ── feed runs ────────────────────────────────────────────────────────────
  recordRun(run: Omit<FeedRun, 'id'>): void {
    this.db
      .prepare('INSERT INTO feed_runs (feed, started_at, finished_at, status, models, changes, skipped, error, skipped_sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(run.feed, run.startedAt, run.finishedAt, run.status, run.models, run.changes, run.skipped, run.error, JSON.stringify(run.skippedSample.slice(0, 10)));
  }

  /** The newest runs of a feed, newest first. */
  runs(feed: string, limit = 5): FeedRun[] {
    return this.db
      .prepare<[string, number], { id: number; feed: string; started_at: string; finished_at: string; status: FeedRunStatus; models: number; changes: number; skipped: number; error: string | null; skipped_sample: string | null }>(
        'SELECT * FROM feed_runs WHERE feed = ? ORDER BY id DESC LIMIT ?',
      )
      .all(feed, limit)
      .map((r) => ({
        id: r.id,
        feed: r.feed,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        status: r.status,
        models: r.models,
        changes: r.changes,
        skipped: r.skipped,
        error: r.error,
        skippedSample: r.skipped_sample === null ? [] : (JSON.parse(r.skipped_sample) as string[]),
      }));
  }

  lastSuccess(feed: string): FeedRun | undefined {
    return this.runs(feed, 50).find((r) => r.status === 'ok');
  }

  // ── watches ──────────────────────────────────────────────────────────────
  addWatch(w: Omit<Watch, 'id'>): Watch {
    const row = this.db
      .prepare<[string, string, string, number | null, number | null, string, string], { id: number }>(
        `INSERT INTO price_watches (platform, channel, model, below, min_change, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, channel, model) DO UPDATE SET below = excluded.below, min_change = excluded.min_change RETURNING id`,
      )
      .get(w.platform, w.channel, w.model, w.below, w.minChange, w.createdBy, w.createdAt) as { id: number };
    return { ...w, id: row.id };
  }

  removeWatch(platform: string, channel: string, model: string): boolean {
    return this.db.prepare('DELETE FROM price_watches WHERE platform = ? AND channel = ? AND model = ?').run(platform, channel, model).changes > 0;
  }

  watches(where: { platform?: string; channel?: string } = {}): Watch[] {
    return this.db
      .prepare<[], { id: number; platform: string; channel: string; model: string; below: number | null; min_change: number | null; created_by: string; created_at: string }>('SELECT * FROM price_watches ORDER BY id')
      .all()
      .filter((r) => (where.platform === undefined || r.platform === where.platform) && (where.channel === undefined || r.channel === where.channel))
      .map((r) => ({ id: r.id, platform: r.platform, channel: r.channel, model: r.model, below: r.below, minChange: r.min_change, createdBy: r.created_by, createdAt: r.created_at }));
  }

  /** The price a watch last notified (or was set up at) for one series. */
  notice(watchId: number, seriesKey: string): WatchNotice | undefined {
    const r = this.db
      .prepare<[number, string], { observed_on: string; input: number | null; output: number | null }>('SELECT observed_on, input, output FROM watch_notices WHERE watch_id = ? AND series_key = ?')
      .get(watchId, seriesKey);
    return r === undefined ? undefined : { watchId, seriesKey, date: r.observed_on, input: r.input, output: r.output };
  }

  /** Remember the price a watch has told its channel about (or its baseline when set up). */
  setNotice(n: WatchNotice, postedAt: string | null): void {
    this.db
      .prepare('INSERT OR REPLACE INTO watch_notices (watch_id, series_key, observed_on, input, output, posted_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(n.watchId, n.seriesKey, n.date, n.input, n.output, postedAt);
  }
}
