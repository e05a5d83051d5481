/**
 * Issue 18, point 1: /faq gaps shows a question only where the visibility of
 * the conversation it was asked in allows, and never who asked. The finding:
 * a question asked in a private channel was listed, word for word, to anyone
 * anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import faq from '../../commands/faq.js';
import { loadConfig } from '../../src/config.js';
import type { Bot } from '../../src/core/bot.js';
import { FaqStore } from '../../src/faq/store.js';
import { run, testBot } from '../fakes/bot.js';
import { tempDir } from '../faq/helpers.js';

const SECRET = 'what is ACME secret acquisition plan for project bluebird';
const DM_ONLY = 'how do I quietly cancel our zhipu contract';
const PUBLIC = 'when will the moon price index launch';

type Gaps = { gaps: { question: string; asks: number; users: number }[] };
const questions = (out: { reply: { data?: unknown } }): string[] => (out.reply.data as Gaps).gaps.map((g) => g.question);

describe('/faq gaps respects where each question was asked', () => {
  const t = tempDir('sec-gaps-');
  let bot: Bot;
  beforeAll(async () => {
    bot = testBot([faq], { config: loadConfig({ DATA_DIR: t.dir, KNOWLEDGE_DIR: 'knowledge', BOT_ADMINS: 'slack:UADMIN', LOG_LEVEL: 'silent' }, undefined) });
    // Unanswerable questions, asked in three kinds of place.
    expect((await run(bot, `/faq ${SECRET}`, { platform: 'slack', user: 'UALICE', channel: 'CPRIVATE', visibility: 'private' })).reply.data).toMatchObject({ confident: false });
    await run(bot, `/faq ${DM_ONLY}`, { platform: 'slack', user: 'UBOB', channel: 'DBOB', visibility: 'direct' });
    await run(bot, `/faq ${PUBLIC}`, { platform: 'slack', user: 'UCAROL', channel: 'CPUBLIC', visibility: 'public' });
    // The same question asked publicly too, worded differently: the public wording is what a public list may show.
    await run(bot, '/faq What is ACME secret acquisition plan for project Bluebird?', { platform: 'slack', user: 'UDAVE', channel: 'CPUBLIC', visibility: 'public' });
  });
  afterAll(async () => {
    await bot.shutdown();
    t.cleanup();
  });

  it('in a public channel, an admin sees public questions only, with public wording and counts', async () => {
    const out = await run(bot, '/faq gaps', { platform: 'slack', user: 'UADMIN', channel: 'CPUBLIC', visibility: 'public' });
    expect(out.ok).toBe(true);
    expect(questions(out)).toContain(PUBLIC);
    expect(questions(out)).toContain('What is ACME secret acquisition plan for project Bluebird?');
    expect(questions(out)).not.toContain(SECRET);
    expect(questions(out)).not.toContain(DM_ONLY);
    const acme = (out.reply.data as Gaps).gaps.find((g) => g.question.startsWith('What is ACME'));
    expect(acme).toMatchObject({ asks: 1, users: 1 });
    expect(out.reply.text).not.toContain(SECRET);
  });

  it('in the private channel itself, its own askings count too', async () => {
    const out = await run(bot, '/faq gaps', { platform: 'slack', user: 'UADMIN', channel: 'CPRIVATE', visibility: 'private' });
    expect((out.reply.data as Gaps).gaps.find((g) => /acme/i.test(g.question))).toMatchObject({ asks: 2, users: 2 });
    expect(questions(out)).not.toContain(DM_ONLY);
  });

  it('in another private channel, neither the private nor the DM question', async () => {
    const out = await run(bot, '/faq gaps', { platform: 'slack', user: 'UADMIN', channel: 'COTHER', visibility: 'private' });
    expect(questions(out)).not.toContain(SECRET);
    expect((out.reply.data as Gaps).gaps.find((g) => /acme/i.test(g.question))).toMatchObject({ asks: 1 });
    expect(questions(out)).not.toContain(DM_ONLY);
  });

  it('a private question asked nowhere else is shown in its own channel word for word', async () => {
    await run(bot, '/faq bluebird due diligence timeline for the board', { platform: 'slack', user: 'UALICE', channel: 'CPRIVATE', visibility: 'private' });
    const there = await run(bot, '/faq gaps', { platform: 'slack', user: 'UADMIN', channel: 'CPRIVATE', visibility: 'private' });
    expect(questions(there)).toContain('bluebird due diligence timeline for the board');
    const elsewhere = await run(bot, '/faq gaps', { platform: 'discord', user: 'UADMIN', channel: 'CPRIVATE', visibility: 'public' });
    expect(elsewhere.ok).toBe(false);
    const publicChannel = await run(bot, '/faq gaps', { platform: 'slack', user: 'UADMIN', channel: 'CPUBLIC', visibility: 'public' });
    expect(questions(publicChannel)).not.toContain('bluebird due diligence timeline for the board');
  });

  it('an admin in a DM, and the local console, see everything; nobody sees who asked', async () => {
    for (const where of [{ platform: 'slack', user: 'UADMIN', channel: 'DADMIN', visibility: 'direct' as const }, { platform: 'console' }]) {
      const out = await run(bot, '/faq gaps', where);
      // The ACME question was asked privately and publicly: one group, two asks, shown in its latest wording.
      expect(questions(out)).toEqual(expect.arrayContaining(['What is ACME secret acquisition plan for project Bluebird?', DM_ONLY, PUBLIC]));
      expect((out.reply.data as Gaps).gaps.find((g) => g.question.startsWith('What is ACME'))).toMatchObject({ asks: 2, users: 2 });
      const shown = JSON.stringify(out.reply);
      for (const user of ['UALICE', 'UBOB', 'UCAROL', 'UDAVE']) expect(shown).not.toContain(user);
      expect(shown).not.toMatch(/user_?hash/i);
    }
  });

  it('a message whose adapter did not say counts as private: its question stays in its conversation', async () => {
    await run(bot, '/faq which vendor is ACME leaving next quarter', { platform: 'slack', user: 'UEVE', channel: 'CUNKNOWN' });
    const elsewhere = await run(bot, '/faq gaps', { platform: 'slack', user: 'UADMIN', channel: 'CPUBLIC', visibility: 'public' });
    expect(questions(elsewhere)).not.toContain('which vendor is ACME leaving next quarter');
    const there = await run(bot, '/faq gaps', { platform: 'slack', user: 'UADMIN', channel: 'CUNKNOWN' });
    expect(questions(there)).toContain('which vendor is ACME leaving next quarter');
  });
});

describe('FaqStore visibility', () => {
  it('keeps questions recorded before visibility existed private, and filters downvoted answers the same way', () => {
    const store = FaqStore.open(':memory:');
    try {
      const base = { lang: 'en', sectionId: 's.en#a', docId: 's.en', score: 0.9, confident: true, mode: 'extractive', platform: 'slack' };
      const privateId = store.recordAnswer({ ...base, question: 'private wording', userKey: 'slack:U1', visibility: 'private', conversation: 'slack:CP' });
      store.vote(privateId, 'slack:U2', -1);
      const legacyId = store.recordAnswer({ ...base, question: 'no visibility given', userKey: 'slack:U3' });
      store.vote(legacyId, 'slack:U2', -1);
      expect(store.downvoted({ viewer: { seesAll: false, conversation: 'slack:CPUB' } })).toEqual([]);
      expect(store.downvoted({ viewer: { seesAll: false, conversation: 'slack:CP' } }).map((d) => d.question)).toEqual(['private wording']);
      expect(store.downvoted({ viewer: { seesAll: true, conversation: 'slack:DX' } }).map((d) => d.question).sort()).toEqual(['no visibility given', 'private wording']);
      // Without a viewer, the pure API shows public questions only.
      expect(store.downvoted()).toEqual([]);
    } finally {
      store.close();
    }
  });
});
