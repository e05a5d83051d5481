import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FaqStore, questionKey } from '../../src/faq/store.js';
import { tempDir } from './helpers.js';

const base = { lang: 'zh', sectionId: undefined, docId: undefined, score: 0.1, confident: false, mode: 'no-answer', platform: 'slack' } as const;


/** A viewer who sees every question (an admin in a DM): these tests are about counting, not visibility. */
const ALL = { seesAll: true, conversation: '' } as const;
describe('FaqStore (SQLite)', () => {
  let cleanup = (): void => undefined;
  afterEach(() => cleanup());

  function open(): { store: FaqStore; file: string } {
    const t = tempDir('faq-store-');
    cleanup = t.cleanup;
    const file = join(t.dir, 'faq.sqlite');
    return { store: FaqStore.open(file), file };
  }

  it('records answers with a user hash, never the user id, and keeps them across reopen', () => {
    const { store, file } = open();
    const id = store.recordAnswer({ ...base, question: '今天天气怎么样', userKey: 'slack:U123SECRET' });
    store.close();
    const raw = new BetterSqlite3(file, { readonly: true });
    const dump = JSON.stringify(raw.prepare('SELECT * FROM faq_answers').all());
    raw.close();
    expect(dump).not.toContain('U123SECRET');
    const reopened = FaqStore.open(file);
    const row = reopened.getAnswer(id);
    expect(row).toMatchObject({ id, question: '今天天气怎么样', confident: false, platform: 'slack' });
    expect(row?.userHash).toMatch(/^[0-9a-f]{32}$/);
    // Same salt after reopening: the same person hashes the same way.
    expect(reopened.hashUser('slack:U123SECRET')).toBe(row?.userHash);
    reopened.close();
  });

  it('one vote per user per answer; voting again changes it; unknown answers are refused', () => {
    const { store } = open();
    const id = store.recordAnswer({ ...base, question: 'q', confident: true, sectionId: 's.en#a', docId: 's', mode: 'extractive', userKey: 'slack:A' });
    expect(store.vote(id, 'slack:A', 1)).toEqual({ answerId: id, vote: 1, changed: false, up: 1, down: 0 });
    expect(store.vote(id, 'slack:B', 1)).toMatchObject({ up: 2, down: 0 });
    expect(store.vote(id, 'slack:A', -1)).toEqual({ answerId: id, vote: -1, changed: true, up: 1, down: 1 });
    expect(store.vote(999, 'slack:A', 1)).toBeUndefined();
    store.close();
  });

  it('gaps: most-asked unanswered questions (same question in other punctuation counts once), newest wording shown', () => {
    const { store } = open();
    for (const [q, user] of [['今天天气怎么样', 'a'], ['今天天气怎么样？', 'b'], ['今天 天气怎么样', 'a'], ['Who won the World Cup?', 'c'], ['who won the world cup', 'c'], ['tell me a joke', 'd']] as const) {
      store.recordAnswer({ ...base, question: q, userKey: `slack:${user}` });
    }
    store.recordAnswer({ ...base, question: 'answered one', confident: true, score: 0.9, userKey: 'slack:e' });
    const gaps = store.gaps({ limit: 2, viewer: ALL });
    expect(gaps.map((g) => [g.question, g.asks, g.users])).toEqual([
      ['今天 天气怎么样', 3, 2],
      ['who won the world cup', 2, 1],
    ]);
    expect(store.gaps({ since: '2999-01-01' })).toEqual([]);
    expect(questionKey('Who won the World-Cup?!')).toBe(questionKey('who won the world cup'));
    expect(questionKey('價格戰會持續多久？')).toBe(questionKey('价格战会持续多久'));
    store.close();
  });

  it('down-voted answers are listed for maintainers', () => {
    const { store } = open();
    const id = store.recordAnswer({ ...base, question: 'is it good', confident: true, sectionId: 'x.en#a', docId: 'x', mode: 'extractive', userKey: 'slack:a' });
    store.vote(id, 'slack:a', -1);
    store.vote(id, 'slack:b', -1);
    store.vote(id, 'slack:c', 1);
    expect(store.downvoted({ viewer: ALL })).toEqual([{ question: 'is it good', sectionId: 'x.en#a', up: 1, down: 2 }]);
    store.close();
  });
});
