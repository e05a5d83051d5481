/**
 * The FAQ records bot replicas share (Redis) against the SQLite store: the
 * same answers, votes and report queries give the same results, and an
 * answer recorded by one replica is voted on from another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisFaqStore } from '../../src/faq/redis-store.js';
import { FaqStore, type AnswerRecord, type FaqRecords } from '../../src/faq/store.js';
import { redisAvailable, startRedis, type FakeRedis } from '../fakes/redis-server.js';

const answer = (question: string, extra: Partial<AnswerRecord> = {}): AnswerRecord => ({
  question,
  lang: 'en',
  sectionId: undefined,
  docId: undefined,
  score: 0.1,
  confident: false,
  mode: 'extractive',
  platform: 'slack',
  userKey: 'slack:U1',
  visibility: 'public',
  conversation: 'slack:C1',
  ...extra,
});

/** One script of answers and votes, played on any store. */
async function play(store: FaqRecords): Promise<number[]> {
  const ids: number[] = [];
  const record = async (q: string, extra: Partial<AnswerRecord> = {}) => ids.push(await store.recordAnswer(answer(q, extra)));
  await record('What does GLM-4 cost?');
  await record('what does glm-4 cost', { userKey: 'slack:U2' });
  await record('What does GLM-4 cost??', { userKey: 'slack:U2', visibility: 'private', conversation: 'slack:G9' });
  await record('Is there a free tier?', { userKey: 'slack:U3' });
  await record('Secret plans?', { visibility: 'direct', conversation: 'slack:D1' });
  await record('Which model is cheapest?', { confident: true, score: 0.9, sectionId: 'pricing.en#cheapest' });
  await record('cheapest model', { confident: true, score: 0.8, sectionId: 'pricing.en#cheapest', userKey: 'slack:U4' });
  await record('Who cut prices first?', { confident: true, score: 0.9, sectionId: 'history.en#first' });
  const [, , , , , cheapest, cheapest2, first] = ids as [number, number, number, number, number, number, number, number];
  await store.vote(cheapest, 'slack:U1', -1);
  await store.vote(cheapest, 'slack:U2', -1);
  await store.vote(cheapest2, 'slack:U3', 1);
  await store.vote(first, 'slack:U1', 1);
  await store.vote(first, 'slack:U1', -1);
  await store.vote(first, 'slack:U2', 1);
  return ids;
}

describe.skipIf(!redisAvailable)('FAQ records shared by replicas (Redis) and the SQLite store agree', () => {
  let redis: FakeRedis;
  let sqlite: FaqStore;
  let a: RedisFaqStore;
  let b: RedisFaqStore;

  beforeAll(async () => {
    redis = await startRedis();
    sqlite = FaqStore.open(':memory:');
    a = await RedisFaqStore.open(redis.url);
    b = await RedisFaqStore.open(redis.url);
    await play(sqlite);
    await play(a);
  });
  afterAll(async () => {
    sqlite?.close();
    a?.close();
    b?.close();
    await redis?.stop();
  });

  it('hashes users the same way on every replica', () => {
    expect(a.hashUser('slack:U1')).toBe(b.hashUser('slack:U1'));
  });

  it('gives the same gaps and down-voted answers, for every kind of viewer', async () => {
    for (const viewer of [undefined, { seesAll: false, conversation: 'slack:G9' }, { seesAll: true, conversation: 'slack:D5' }]) {
      const options = viewer === undefined ? {} : { viewer };
      const [fromSqlite, fromRedis] = [sqlite.gaps(options), await b.gaps(options)];
      // Rows asked in the same millisecond tie: compare in a fixed order.
      const canonical = (gaps: typeof fromSqlite) => gaps.map(({ lastAsked: _, ...g }) => g).sort((x, y) => y.asks - x.asks || y.users - x.users || x.question.localeCompare(y.question));
      expect(canonical(fromRedis)).toEqual(canonical(fromSqlite));
      expect(fromRedis.length).toBeGreaterThan(0);
      expect(await b.downvoted(options)).toEqual(sqlite.downvoted(options));
    }
    expect((await b.gaps())[0]).toMatchObject({ question: 'what does glm-4 cost', asks: 2, users: 2 });
    expect(await b.downvoted()).toEqual([{ question: 'Which model is cheapest?', sectionId: 'pricing.en#cheapest', up: 0, down: 2 }]);
  });

  it('records a vote from replica B on an answer replica A gave, once per person', async () => {
    const id = await a.recordAnswer(answer('How cheap is DeepSeek?', { confident: true, score: 0.9, sectionId: 'pricing.en#deepseek' }));
    expect(await b.vote(id, 'slack:U7', 1)).toEqual({ answerId: id, vote: 1, changed: false, up: 1, down: 0 });
    expect(await a.vote(id, 'slack:U7', -1)).toEqual({ answerId: id, vote: -1, changed: true, up: 0, down: 1 });
    expect(await b.vote(999_999, 'slack:U7', 1)).toBeUndefined();
  });
});
