// What the FAQ was asked and how its answers were received, in SQLite: one
// row per answer (question, score, confident?, platform, a hash of the
// user), 👍/👎 feedback against it, and the "gaps" report (the most-asked
// questions without a confident answer, and answers voted unhelpful).
//
// Each answer also records where it was asked: the conversation and its
// visibility (public channel, private channel, DM). The gaps report shows a
// question from a private channel or a DM only in that conversation or to a
// viewer allowed to see everything (an admin in a DM), and never who asked.
//
// Users are stored only as a keyed hash (HMAC-SHA256 with a random per-
// database salt): enough to count distinct askers and keep one vote per
// person, never the platform's user id.

import { toSimplified } from './chinese-script.js';
import { createHmac, randomBytes } from 'node:crypto';
import { migrate, openDatabase, type Database } from '../storage/index.js';

const MIGRATIONS = [
  `CREATE TABLE faq_meta (
     key   TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );
   CREATE TABLE faq_answers (
     id           INTEGER PRIMARY KEY AUTOINCREMENT,
     asked_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     question     TEXT    NOT NULL,
     question_key TEXT    NOT NULL,
     lang         TEXT    NOT NULL,
     section_id   TEXT,
     doc_id       TEXT,
     score        REAL    NOT NULL,
     confident    INTEGER NOT NULL CHECK (confident IN (0, 1)),
     mode         TEXT    NOT NULL,
     platform     TEXT    NOT NULL,
     user_hash    TEXT    NOT NULL
   );
   CREATE INDEX faq_answers_gaps ON faq_answers (confident, question_key);
   CREATE TABLE faq_feedback (
     answer_id INTEGER NOT NULL REFERENCES faq_answers (id) ON DELETE CASCADE,
     user_hash TEXT    NOT NULL,
     vote      INTEGER NOT NULL CHECK (vote IN (-1, 1)),
     voted_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     PRIMARY KEY (answer_id, user_hash)
   );`,
  // Where each question was asked. Rows from before this step have no
  // conversation and count as private: shown only to a viewer who sees all.
  `ALTER TABLE faq_answers ADD COLUMN visibility TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('public', 'private', 'direct'));
   ALTER TABLE faq_answers ADD COLUMN conversation TEXT;`,
];

/** Who could read the conversation a question was asked in (the core's `Visibility`). */
export type AskedVisibility = 'public' | 'private' | 'direct';

/**
 * Who is looking at the gaps report, and where: `seesAll` (an admin in a DM,
 * the local operator) sees every question; anyone else sees public ones and
 * those asked in `conversation` itself.
 */
export interface GapViewer {
  readonly seesAll: boolean;
  /** `platform:channel` the report is shown in. */
  readonly conversation: string;
}

/** The WHERE clause (and its two parameters) that keeps the rows `viewer` may see. */
const VISIBLE = `(a.visibility = 'public' OR ? = 1 OR a.conversation = ?)`;
function visibleParams(viewer: GapViewer | undefined): [number, string] {
  // No viewer: the pure API used by tests and tools sees only public questions.
  return viewer === undefined ? [0, ''] : [viewer.seesAll ? 1 : 0, viewer.conversation];
}

export interface AnswerRecord {
  readonly question: string;
  readonly lang: string;
  readonly sectionId: string | undefined;
  readonly docId: string | undefined;
  readonly score: number;
  readonly confident: boolean;
  readonly mode: string;
  readonly platform: string;
  /** `platform:userId`; hashed before it is stored. */
  readonly userKey: string;
  /** Who could read the conversation it was asked in; absent = private. */
  readonly visibility?: AskedVisibility;
  /** `platform:channel` it was asked in. */
  readonly conversation?: string;
}

export interface StoredAnswer {
  readonly id: number;
  readonly askedAt: string;
  readonly question: string;
  readonly sectionId: string | null;
  readonly score: number;
  readonly confident: boolean;
  readonly platform: string;
  readonly userHash: string;
}

export interface Gap {
  /** The most recent wording of the question. */
  readonly question: string;
  readonly asks: number;
  readonly users: number;
  readonly lastAsked: string;
  /** Best score it got (below the threshold). */
  readonly bestScore: number;
}

export interface Downvoted {
  readonly question: string;
  readonly sectionId: string;
  readonly up: number;
  readonly down: number;
}

export interface VoteResult {
  readonly answerId: number;
  readonly vote: 1 | -1;
  /** True when this user had voted the other way before. */
  readonly changed: boolean;
  readonly up: number;
  readonly down: number;
}

export interface GapOptions {
  readonly limit?: number;
  readonly since?: string;
  readonly viewer?: GapViewer;
}

/**
 * What the chat layer records and reads: this SQLite store (one process), or
 * the Redis one that bot replicas share (./redis-store.ts, with REDIS_URL).
 * Sync or async; callers await.
 */
export interface FaqRecords {
  recordAnswer(record: AnswerRecord): number | Promise<number>;
  vote(answerId: number, userKey: string, vote: 1 | -1): VoteResult | undefined | Promise<VoteResult | undefined>;
  gaps(options?: GapOptions): Gap[] | Promise<Gap[]>;
  downvoted(options?: GapOptions): Downvoted[] | Promise<Downvoted[]>;
  close(): void;
}

/** Questions that differ only in case, width, spacing, punctuation or Chinese script count as one. */
export function questionKey(question: string): string {
  // The same question in traditional characters is the same gap (./chinese-script.ts).
  return toSimplified(question.normalize('NFKC')).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export class FaqStore implements FaqRecords {
  private readonly salt: string;

  private constructor(private readonly db: Database) {
    const row = db.prepare<[], { value: string }>("SELECT value FROM faq_meta WHERE key = 'user_salt'").get();
    if (row !== undefined) this.salt = row.value;
    else {
      this.salt = randomBytes(32).toString('hex');
      // OR IGNORE + re-read: a second process creating the store at the same time keeps one salt.
      db.prepare("INSERT OR IGNORE INTO faq_meta (key, value) VALUES ('user_salt', ?)").run(this.salt);
      this.salt = db.prepare<[], { value: string }>("SELECT value FROM faq_meta WHERE key = 'user_salt'").get()!.value;
    }
  }

  static open(file: string): FaqStore {
    const db = openDatabase(file);
    try {
      migrate(db, 'faq', MIGRATIONS);
      return new FaqStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  hashUser(userKey: string): string {
    return createHmac('sha256', this.salt).update(userKey).digest('hex').slice(0, 32);
  }

  /** Store an answer; returns its id (what feedback buttons refer to). */
  recordAnswer(record: AnswerRecord): number {
    const result = this.db
      .prepare(
        `INSERT INTO faq_answers (question, question_key, lang, section_id, doc_id, score, confident, mode, platform, user_hash, visibility, conversation)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.question,
        questionKey(record.question),
        record.lang,
        record.sectionId ?? null,
        record.docId ?? null,
        record.score,
        record.confident ? 1 : 0,
        record.mode,
        record.platform,
        this.hashUser(record.userKey),
        record.visibility ?? 'private',
        record.conversation ?? null,
      );
    return Number(result.lastInsertRowid);
  }

  getAnswer(id: number): StoredAnswer | undefined {
    const row = this.db
      .prepare<[number], { id: number; asked_at: string; question: string; section_id: string | null; score: number; confident: number; platform: string; user_hash: string }>(
        'SELECT id, asked_at, question, section_id, score, confident, platform, user_hash FROM faq_answers WHERE id = ?',
      )
      .get(id);
    if (row === undefined) return undefined;
    return { id: row.id, askedAt: row.asked_at, question: row.question, sectionId: row.section_id, score: row.score, confident: row.confident === 1, platform: row.platform, userHash: row.user_hash };
  }

  /** One vote per user per answer; voting again replaces the earlier vote. Undefined when the answer does not exist. */
  vote(answerId: number, userKey: string, vote: 1 | -1): VoteResult | undefined {
    const userHash = this.hashUser(userKey);
    const apply = this.db.transaction((): VoteResult | undefined => {
      if (this.getAnswer(answerId) === undefined) return undefined;
      const previous = this.db.prepare<[number, string], { vote: number }>('SELECT vote FROM faq_feedback WHERE answer_id = ? AND user_hash = ?').get(answerId, userHash);
      this.db
        .prepare(
          `INSERT INTO faq_feedback (answer_id, user_hash, vote) VALUES (?, ?, ?)
           ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
        )
        .run(answerId, userHash, vote);
      const totals = this.db
        .prepare<[number], { up: number | null; down: number | null }>(
          'SELECT SUM(vote = 1) AS up, SUM(vote = -1) AS down FROM faq_feedback WHERE answer_id = ?',
        )
        .get(answerId);
      return { answerId, vote, changed: previous !== undefined && previous.vote !== vote, up: totals?.up ?? 0, down: totals?.down ?? 0 };
    });
    return apply.immediate();
  }

  /**
   * Most-asked questions without a confident answer, most asked first, among
   * those `viewer` may see (only public ones without a viewer). Both the count
   * and the wording shown come from visible rows only: a public asking of a
   * question never reveals how it was worded in a private channel.
   */
  gaps(options: { limit?: number; since?: string; viewer?: GapViewer } = {}): Gap[] {
    const [all, conversation] = visibleParams(options.viewer);
    const rows = this.db
      .prepare<[number, string, string, number, string, number], { question: string; asks: number; users: number; last_asked: string; best: number }>(
        `SELECT (SELECT question FROM faq_answers l WHERE l.question_key = a.question_key AND l.confident = 0
                    AND (l.visibility = 'public' OR ? = 1 OR l.conversation = ?) ORDER BY l.id DESC LIMIT 1) AS question,
                COUNT(*) AS asks, COUNT(DISTINCT user_hash) AS users, MAX(asked_at) AS last_asked, MAX(score) AS best
           FROM faq_answers a
          WHERE confident = 0 AND asked_at >= ? AND ${VISIBLE}
          GROUP BY question_key
          ORDER BY asks DESC, users DESC, last_asked DESC
          LIMIT ?`,
      )
      .all(all, conversation, options.since ?? '', all, conversation, options.limit ?? 10);
    return rows.map((r) => ({ question: r.question, asks: r.asks, users: r.users, lastAsked: r.last_asked, bestScore: r.best }));
  }

  /** Confident answers that users voted down more than up: wrong or unhelpful sections; visible ones only, as `gaps`. */
  downvoted(options: { limit?: number; since?: string; viewer?: GapViewer } = {}): Downvoted[] {
    const [all, conversation] = visibleParams(options.viewer);
    return this.db
      .prepare<[string, number, string, number], Downvoted>(
        `SELECT MAX(a.question) AS question, a.section_id AS sectionId, SUM(f.vote = 1) AS up, SUM(f.vote = -1) AS down
           FROM faq_feedback f JOIN faq_answers a ON a.id = f.answer_id
          WHERE a.section_id IS NOT NULL AND a.asked_at >= ? AND ${VISIBLE}
          GROUP BY a.question_key, a.section_id
         HAVING SUM(f.vote) < 0
          ORDER BY down DESC, up ASC
          LIMIT ?`,
      )
      .all(options.since ?? '', all, conversation, options.limit ?? 10);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
