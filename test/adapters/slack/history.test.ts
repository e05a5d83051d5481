/**
 * fetchHistory against the fake's seeded channel history: cursor pagination
 * of conversations.history and conversations.replies, the limit, marking of
 * bot and system messages, names, permalinks, channel references, 429s.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { requireHistory } from '../../../src/core/capabilities.js';
import { UserError } from '../../../src/core/errors.js';
import { startSlackHarness, type SlackHarness } from './harness.js';

let h: SlackHarness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const DAY = 24 * 60 * 60 * 1000;
const base = Date.UTC(2025, 4, 20, 9, 0, 0);
const at = (minutes: number): Date => new Date(base + minutes * 60_000);

async function seeded(pageSize = 50): Promise<SlackHarness> {
  h = await startSlackHarness({ mode: 'http', fake: { maxPageSize: pageSize }, historyPageSize: 200 });
  const { fake } = h;
  fake.seedChannel({ id: 'C0PRICES', name: 'llm-prices' });
  fake.seedUser('U0ALICE', 'alice');
  fake.seedUser('U0BOB', 'bob');
  fake.seedHistory('C0PRICES', [
    { at: at(0), user: 'U0ALICE', subtype: 'channel_join', text: '<@U0ALICE> has joined the channel' },
    {
      at: at(1),
      user: 'U0ALICE',
      text: 'DeepSeek cut prices again &amp; <@U0BOB> says Qwen follows <https://example.com/news|news>',
      replies: Array.from({ length: 60 }, (_, i) => ({ at: at(2 + i), user: i % 2 ? 'U0ALICE' : 'U0BOB', text: `reply ${i + 1}` })),
    },
    { at: at(70), bot_id: 'B0OTHER', subtype: 'bot_message', username: 'rss-bot', text: 'New post: price index' },
    ...Array.from({ length: 120 }, (_, i) => ({ at: at(80 + i), user: 'U0BOB', text: `chatter ${i + 1}` })),
  ]);
  return h;
}

describe('Slack fetchHistory', () => {
  it('reads every page of the channel and of its threads, oldest first, marking bots and system messages', async () => {
    const s = await seeded(50);
    const page = await s.adapter.fetchHistory({ channel: 'C0PRICES', since: new Date(base - DAY), limit: 1000, includeThreads: true });
    expect(page.truncated).toBe(false);
    expect(page.channel).toEqual({ id: 'C0PRICES', name: 'llm-prices' });
    expect(page.messages).toHaveLength(1 + 1 + 60 + 1 + 120);
    const times = page.messages.map((m) => m.ts.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // 123 top-level messages at 50 per page, 60 replies at 50 per page (the cursor was followed).
    expect(s.fake.callsOf('conversations.history')).toHaveLength(3);
    expect(s.fake.callsOf('conversations.replies')).toHaveLength(2);
    expect(s.fake.callsOf('conversations.replies')[1]?.args.cursor).toBeDefined();

    const join = page.messages[0];
    expect(join?.isSystem).toBe(true);
    const root = page.messages[1];
    expect(root?.text).toBe('DeepSeek cut prices again & @bob says Qwen follows news (https://example.com/news)');
    expect(root?.userName).toBe('alice');
    expect(root?.permalink).toBe(`https://fakeworkspace.slack.com/archives/C0PRICES/p${root?.id.replace('.', '')}`);
    const reply = page.messages.find((m) => m.text === 'reply 1');
    expect(reply?.threadId).toBe(root?.id);
    expect(reply?.userName).toBe('bob');
    expect(reply?.permalink).toContain(`?thread_ts=${root?.id}&cid=C0PRICES`);
    const rss = page.messages.find((m) => m.text.startsWith('New post'));
    expect(rss).toMatchObject({ isBot: true, isSystem: false, user: 'B0OTHER', userName: 'rss-bot' });
    expect(page.messages.filter((m) => !m.isBot && !m.isSystem)).toHaveLength(181);
  });

  it('stops at the limit, keeps the newest messages and says it truncated', async () => {
    const s = await seeded(50);
    const page = await s.adapter.fetchHistory({ channel: 'C0PRICES', since: new Date(base - DAY), limit: 100, includeThreads: true });
    expect(page.truncated).toBe(true);
    expect(page.messages).toHaveLength(100);
    expect(page.messages[page.messages.length - 1]?.text).toBe('chatter 120');
    expect(page.messages[0]?.text).toBe('chatter 21');
  });

  it('honours since/until and can leave threads out', async () => {
    const s = await seeded(50);
    const page = await s.adapter.fetchHistory({ channel: 'C0PRICES', since: at(1), until: new Date(at(85).getTime() + 1_000), limit: 1000, includeThreads: false });
    expect(page.messages.map((m) => m.text.slice(0, 12))).toEqual(['DeepSeek cut', 'New post: pr', 'chatter 1', 'chatter 2', 'chatter 3', 'chatter 4', 'chatter 5', 'chatter 6']);
    expect(s.fake.callsOf('conversations.replies')).toHaveLength(0);
  });

  it('resolves <#C…|name>, #name and plain names; explains unknown channels and missing membership', async () => {
    const s = await seeded(50);
    const since = new Date(base - DAY);
    for (const channel of ['<#C0PRICES|llm-prices>', '<#C0PRICES>', '#llm-prices', 'llm-prices']) {
      const page = await s.adapter.fetchHistory({ channel, since, limit: 5, includeThreads: false });
      expect(page.channel.id).toBe('C0PRICES');
    }
    await expect(s.adapter.fetchHistory({ channel: '#nope', since, limit: 5, includeThreads: false })).rejects.toThrow(/no channel #nope/);
    s.fake.seedChannel({ id: 'C0LOCKED', name: 'locked', member: false });
    const denied = s.adapter.fetchHistory({ channel: '#locked', since, limit: 5, includeThreads: false });
    await expect(denied).rejects.toBeInstanceOf(UserError);
    await expect(denied).rejects.toThrow(/not a member of #locked.*\/invite/);
  });

  it('waits out a 429 for Retry-After and carries on', async () => {
    const s = await seeded(50);
    s.fake.fail('conversations.history', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const page = await requireHistory(s.adapter)({ channel: 'C0PRICES', since: new Date(base - DAY), limit: 1000, includeThreads: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(page.messages).toHaveLength(123);
    expect(s.fake.callsOf('conversations.history')).toHaveLength(4);
  });
});
