/**
 * What the Slack adapter must remember across events — and, because it is
 * cheap, across restarts — in SQLite under DATA_DIR (`slack.sqlite`):
 *
 * - seen event ids: Slack re-sends an event it thinks was not acknowledged
 *   (X-Slack-Retry-Num), and a mention also arrives as a `message` event. A
 *   key is claimed atomically (INSERT OR IGNORE), so a retry arriving during a
 *   slow answer, or after a restart, is never answered twice. Kept 2 hours
 *   (Slack retries within about an hour).
 * - answered threads: a reply in a thread the bot answered is a follow-up
 *   question, answered without a new mention. Kept 30 days.
 *
 * If the database cannot be opened (read-only disk), the same API runs in
 * memory with a cap, and the adapter logs a warning.
 */
import { join } from 'node:path';
import { migrate, openDatabase, type Database } from '../../storage/index.js';

export const SEEN_TTL_MS = 2 * 60 * 60 * 1000;
export const THREAD_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY = 500;
const MEMORY_CAP = 20_000;

/**
 * Sync for the SQLite and memory stores; a promise for the Redis one that
 * bot replicas share (./redis-state.ts, with REDIS_URL): callers await.
 */
export interface SlackState {
  /** True the first time `key` is claimed, false for every repeat. */
  claim(key: string): boolean | Promise<boolean>;
  rememberThread(channel: string, threadTs: string): void | Promise<void>;
  isAnsweredThread(channel: string, threadTs: string): boolean | Promise<boolean>;
  close(): void;
}

const MIGRATIONS = [
  `CREATE TABLE slack_seen_events (key TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
   CREATE INDEX slack_seen_events_at ON slack_seen_events (seen_at);
   CREATE TABLE slack_answered_threads (channel TEXT NOT NULL, thread_ts TEXT NOT NULL, answered_at INTEGER NOT NULL, PRIMARY KEY (channel, thread_ts));
   CREATE INDEX slack_answered_threads_at ON slack_answered_threads (answered_at);`,
];

class SqliteSlackState implements SlackState {
  private writes = 0;
  private readonly insertSeen;
  private readonly upsertThread;
  private readonly findThread;

  constructor(private readonly db: Database) {
    migrate(db, 'slack', MIGRATIONS);
    this.insertSeen = db.prepare<[string, number]>('INSERT OR IGNORE INTO slack_seen_events (key, seen_at) VALUES (?, ?)');
    this.upsertThread = db.prepare<[string, string, number]>(
      'INSERT INTO slack_answered_threads (channel, thread_ts, answered_at) VALUES (?, ?, ?) ON CONFLICT (channel, thread_ts) DO UPDATE SET answered_at = excluded.answered_at',
    );
    this.findThread = db.prepare<[string, string, number], { n: number }>(
      'SELECT 1 AS n FROM slack_answered_threads WHERE channel = ? AND thread_ts = ? AND answered_at >= ?',
    );
  }

  claim(key: string): boolean {
    const claimed = this.insertSeen.run(key, Date.now()).changes === 1;
    this.maybePrune();
    return claimed;
  }

  rememberThread(channel: string, threadTs: string): void {
    this.upsertThread.run(channel, threadTs, Date.now());
    this.maybePrune();
  }

  isAnsweredThread(channel: string, threadTs: string): boolean {
    return this.findThread.get(channel, threadTs, Date.now() - THREAD_TTL_MS) !== undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private maybePrune(): void {
    if (++this.writes % PRUNE_EVERY !== 0) return;
    const now = Date.now();
    this.db.prepare('DELETE FROM slack_seen_events WHERE seen_at < ?').run(now - SEEN_TTL_MS);
    this.db.prepare('DELETE FROM slack_answered_threads WHERE answered_at < ?').run(now - THREAD_TTL_MS);
  }
}

/** Insertion-ordered maps with a cap: the oldest entries go first. */
export class MemorySlackState implements SlackState {
  private readonly seen = new Map<string, number>();
  private readonly threads = new Map<string, number>();

  claim(key: string): boolean {
    const at = this.seen.get(key);
    if (at !== undefined && Date.now() - at < SEEN_TTL_MS) return false;
    this.seen.set(key, Date.now());
    this.cap(this.seen);
    return true;
  }

  rememberThread(channel: string, threadTs: string): void {
    const key = `${channel}:${threadTs}`;
    this.threads.delete(key);
    this.threads.set(key, Date.now());
    this.cap(this.threads);
  }

  isAnsweredThread(channel: string, threadTs: string): boolean {
    const at = this.threads.get(`${channel}:${threadTs}`);
    return at !== undefined && Date.now() - at < THREAD_TTL_MS;
  }

  close(): void {
    this.seen.clear();
    this.threads.clear();
  }

  private cap(map: Map<string, number>): void {
    while (map.size > MEMORY_CAP) {
      const oldest = map.keys().next();
      if (oldest.done === true) break;
      map.delete(oldest.value);
    }
  }
}

export function slackStateFile(dataDir: string): string {
  return join(dataDir, 'slack.sqlite');
}

/** Opens the SQLite state, or returns the in-memory one with the reason it had to. */
export function openSlackState(file: string): { state: SlackState; fallbackReason?: string } {
  let db: Database | undefined;
  try {
    db = openDatabase(file);
    return { state: new SqliteSlackState(db) };
  } catch (error) {
    if (db?.open) db.close();
    return { state: new MemorySlackState(), fallbackReason: (error as Error).message };
  }
}
