/**
 * The FAQ's records in Redis (REDIS_URL), shared by every bot replica: an
 * answer given by replica A is what replica B finds when someone clicks its
 * 👍/👎, and /faq gaps counts every replica's questions. Same rules as the
 * SQLite store (./store.ts): users only as a keyed hash (the salt is created
 * once, in Redis, for all replicas), one vote per person per answer, and the
 * gaps report shows a question from a private channel or DM only there or
 * to a viewer who sees all.
 *
 * Layout (prefix `pwbot:faq`): `answer:<id>` a hash per answer, `answers` a
 * sorted set of ids by time asked, `votes:<id>` user hash → vote, `voted` the
 * ids with votes, `seq` the id counter. The reports read the most recent
 * MAX_SCAN answers: enough for the "most asked" lists they show.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { questionKey, type AnswerRecord, type Downvoted, type FaqRecords, type Gap, type GapOptions, type VoteResult } from './store.js';

const PREFIX = 'pwbot:faq';
const MAX_SCAN = 20_000;

interface Row {
  readonly id: number;
  readonly askedAt: string;
  readonly question: string;
  readonly key: string;
  readonly sectionId: string | null;
  readonly score: number;
  readonly confident: boolean;
  readonly userHash: string;
  readonly visibility: string;
  readonly conversation: string | null;
}

export class RedisFaqStore implements FaqRecords {
  private constructor(
    private readonly redis: Redis,
    private readonly salt: string,
  ) {}

  static async open(url: string): Promise<RedisFaqStore> {
    const redis = new Redis(url, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    try {
      // The first replica's salt wins; every replica hashes users the same way.
      await redis.set(`${PREFIX}:salt`, randomBytes(32).toString('hex'), 'NX');
      const salt = (await redis.get(`${PREFIX}:salt`)) as string;
      return new RedisFaqStore(redis, salt);
    } catch (error) {
      redis.disconnect();
      throw error;
    }
  }

  hashUser(userKey: string): string {
    return createHmac('sha256', this.salt).update(userKey).digest('hex').slice(0, 32);
  }

  async recordAnswer(record: AnswerRecord): Promise<number> {
    const id = await this.redis.incr(`${PREFIX}:seq`);
    const now = new Date();
    const row: Record<string, string> = {
      askedAt: now.toISOString(),
      question: record.question,
      key: questionKey(record.question),
      lang: record.lang,
      score: String(record.score),
      confident: record.confident ? '1' : '0',
      mode: record.mode,
      platform: record.platform,
      userHash: this.hashUser(record.userKey),
      visibility: record.visibility ?? 'private',
      ...(record.sectionId === undefined ? {} : { sectionId: record.sectionId }),
      ...(record.docId === undefined ? {} : { docId: record.docId }),
      ...(record.conversation === undefined ? {} : { conversation: record.conversation }),
    };
    await this.redis.multi().hset(`${PREFIX}:answer:${id}`, row).zadd(`${PREFIX}:answers`, now.getTime(), String(id)).exec();
    return id;
  }

  async vote(answerId: number, userKey: string, vote: 1 | -1): Promise<VoteResult | undefined> {
    if ((await this.redis.exists(`${PREFIX}:answer:${answerId}`)) === 0) return undefined;
    const userHash = this.hashUser(userKey);
    const key = `${PREFIX}:votes:${answerId}`;
    // One round trip: the previous vote, the new one, and the totals after it.
    const [previous, , , all] = ((await this.redis.multi().hget(key, userHash).hset(key, userHash, String(vote)).sadd(`${PREFIX}:voted`, String(answerId)).hvals(key).exec()) ?? []).map((r) => r[1]) as [string | null, unknown, unknown, string[]];
    const up = all.filter((v) => v === '1').length;
    return { answerId, vote, changed: previous !== null && Number(previous) !== vote, up, down: all.length - up };
  }

  async gaps(options: GapOptions = {}): Promise<Gap[]> {
    const visible = this.visibleTo(options);
    const groups = new Map<string, { question?: string; lastId: number; asks: number; users: Set<string>; last: string; best: number }>();
    for (const r of await this.rows(options.since)) {
      if (r.confident || !visible(r)) continue;
      const g = groups.get(r.key) ?? { lastId: 0, asks: 0, users: new Set<string>(), last: '', best: -Infinity };
      g.asks++;
      g.users.add(r.userHash);
      if (r.askedAt > g.last) g.last = r.askedAt;
      g.best = Math.max(g.best, r.score);
      if (r.id > g.lastId) {
        g.lastId = r.id;
        g.question = r.question;
      }
      groups.set(r.key, g);
    }
    return [...groups.values()]
      .sort((a, b) => b.asks - a.asks || b.users.size - a.users.size || b.last.localeCompare(a.last) || b.lastId - a.lastId)
      .map((g) => ({ question: g.question ?? '', asks: g.asks, users: g.users.size, lastAsked: g.last, bestScore: g.best }))
      .slice(0, options.limit ?? 10);
  }

  async downvoted(options: GapOptions = {}): Promise<Downvoted[]> {
    const visible = this.visibleTo(options);
    const ids = await this.redis.smembers(`${PREFIX}:voted`);
    const rows = (await Promise.all(ids.map((id) => this.row(Number(id))))).filter((r): r is Row => r !== undefined && r.sectionId !== null && r.askedAt >= (options.since ?? '') && visible(r));
    const votes = await Promise.all(rows.map((r) => this.redis.hvals(`${PREFIX}:votes:${r.id}`)));
    const groups = new Map<string, { question: string; sectionId: string; up: number; down: number }>();
    rows.forEach((r, i) => {
      const k = `${r.key}\u0000${r.sectionId}`;
      const g = groups.get(k) ?? { question: r.question, sectionId: r.sectionId as string, up: 0, down: 0 };
      if (r.question > g.question) g.question = r.question;
      for (const v of votes[i] ?? []) v === '1' ? g.up++ : g.down++;
      groups.set(k, g);
    });
    return [...groups.values()].filter((g) => g.up - g.down < 0).sort((a, b) => b.down - a.down || a.up - b.up).slice(0, options.limit ?? 10);
  }

  close(): void {
    this.redis.disconnect();
  }

  private visibleTo(options: GapOptions): (r: Row) => boolean {
    const viewer = options.viewer;
    return (r) => r.visibility === 'public' || viewer?.seesAll === true || (viewer !== undefined && r.conversation === viewer.conversation);
  }

  private async rows(since: string | undefined): Promise<Row[]> {
    const min = since === undefined || since === '' ? '-inf' : String(Date.parse(since));
    const ids = await this.redis.zrevrangebyscore(`${PREFIX}:answers`, '+inf', min, 'LIMIT', 0, MAX_SCAN);
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(`${PREFIX}:answer:${id}`);
    const results = (await pipeline.exec()) ?? [];
    return ids.map((id, i) => toRow(Number(id), results[i]?.[1] as Record<string, string> | undefined)).filter((r): r is Row => r !== undefined);
  }

  private async row(id: number): Promise<Row | undefined> {
    return toRow(id, await this.redis.hgetall(`${PREFIX}:answer:${id}`));
  }
}

function toRow(id: number, h: Record<string, string> | undefined): Row | undefined {
  if (h === undefined || h.question === undefined) return undefined;
  return {
    id,
    askedAt: h.askedAt ?? '',
    question: h.question,
    key: h.key ?? questionKey(h.question),
    sectionId: h.sectionId ?? null,
    score: Number(h.score ?? 0),
    confident: h.confident === '1',
    userHash: h.userHash ?? '',
    visibility: h.visibility ?? 'private',
    conversation: h.conversation ?? null,
  };
}
