/**
 * `fetchHistory` against seeded channel history: pagination, threads,
 * limits, message kinds, permalinks and channel references.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapabilityError, UserError } from '../../../src/core/errors.js';
import { makeUser, type FakeDiscord, type StoredMessage } from '../../fakes/discord.js';
import { testCommands } from './commands.js';
import { setUpDiscord, type DiscordSetup } from './harness.js';

/** A handler for tests that only read from or post to Discord: incoming messages are ignored. */
const IGNORE_MESSAGES = async () => ({ command: '', ok: true, reply: { text: '' } });

const MINUTE = 60_000;
let setup: DiscordSetup;
let discord: FakeDiscord;
let seeded: StoredMessage[];
let threadMessages: StoredMessage[];
let archivedRecent: StoredMessage[];
let random: string;
const bob = makeUser('300000000000000003', 'bob', { global_name: 'Bob' });
const otherBot = makeUser('400000000000000004', 'statusbot', { bot: true });
const now = Date.now();
const ago = (minutes: number): Date => new Date(now - minutes * MINUTE);

beforeAll(async () => {
  setup = await setUpDiscord(testCommands().commands);
  discord = setup.discord;
  random = discord.addChannel('random');
  await setup.adapter.start(IGNORE_MESSAGES);
  const channel = discord.channelId;
  // 250 messages, one a minute, ending a minute ago; a few of them special.
  seeded = discord.seedMessages(
    channel,
    Array.from({ length: 250 }, (_, i) => {
      const minutesAgo = 250 - i;
      if (i === 10) return { content: '', type: 7, at: ago(minutesAgo) };
      if (i === 20) return { content: 'build passed', author: otherBot, at: ago(minutesAgo) };
      if (i === 30) return { content: 'from a webhook', webhook: true, at: ago(minutesAgo) };
      if (i === 40) return { content: `ask <@${bob.id}> in <#${random}>`, mentions: [bob], at: ago(minutesAgo) };
      return { content: `message ${i}`, author: i % 2 === 0 ? discord.defaultUser : bob, at: ago(minutesAgo) };
    }),
  );
  const root = seeded[100] as StoredMessage;
  const thread = discord.addThread(channel, 'deep dive', { fromMessageId: root.id });
  threadMessages = discord.seedMessages(thread, [
    { content: 'in the thread 1', at: ago(140) },
    { content: 'in the thread 2', author: bob, at: ago(20) },
  ]);
  const archived = discord.addThread(channel, 'closed recently', { archived: true, archivedAt: ago(60) });
  archivedRecent = discord.seedMessages(archived, [{ content: 'archived but recent', at: ago(90) }]);
  const old = discord.addThread(channel, 'closed long ago', { archived: true, archivedAt: ago(3 * 24 * 60) });
  discord.seedMessages(old, [{ content: 'ancient', at: ago(4 * 24 * 60) }]);
});

afterAll(async () => {
  await setup.adapter.stop();
  await discord.close();
});

describe('fetchHistory', () => {
  it('reads the channel page by page back to `since`, with its threads, oldest first', async () => {
    discord.requests.length = 0;
    const page = await setup.adapter.fetchHistory({ channel: `<#${discord.channelId}>`, since: ago(300), limit: 1000, includeThreads: true });
    expect(page.channel).toEqual({ id: discord.channelId, name: 'general' });
    expect(page.truncated).toBe(false);
    expect(page.messages).toHaveLength(250 + 2 + 1);
    const times = page.messages.map((m) => m.ts.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(page.messages.map((m) => m.text)).not.toContain('ancient');
    const pages = discord.requestsTo('GET', new RegExp(`^/channels/${discord.channelId}/messages$`));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.every((r) => Number(r.query.limit) <= 100)).toBe(true);
    expect(pages.slice(1).every((r) => r.query.before !== undefined)).toBe(true);
  });

  it('marks bots, webhooks and system messages, links each message, and names threads', async () => {
    const page = await setup.adapter.fetchHistory({ channel: discord.channelId, since: ago(300), limit: 1000, includeThreads: true });
    const byId = new Map(page.messages.map((m) => [m.id, m]));
    expect(byId.get(seeded[10]!.id)).toMatchObject({ isSystem: true, isBot: false });
    expect(byId.get(seeded[20]!.id)).toMatchObject({ isBot: true, isSystem: false, text: 'build passed', userName: 'statusbot' });
    expect(byId.get(seeded[30]!.id)).toMatchObject({ isBot: true });
    expect(byId.get(seeded[41]!.id)).toMatchObject({ isBot: false, isSystem: false, user: bob.id, userName: 'Bob', text: 'message 41' });
    expect(byId.get(seeded[40]!.id)?.text).toBe('ask @Bob in #random');
    expect(byId.get(seeded[0]!.id)?.permalink).toBe(`https://discord.com/channels/${discord.guildId}/${discord.channelId}/${seeded[0]!.id}`);
    const inThread = byId.get(threadMessages[1]!.id);
    expect(inThread).toMatchObject({ text: 'in the thread 2', threadId: seeded[100]!.id });
    expect(inThread?.permalink).toContain(`/${seeded[100]!.id}/${threadMessages[1]!.id}`);
    expect(byId.get(archivedRecent[0]!.id)?.threadId).toBeDefined();
  });

  it('stops at `limit`, keeping the newest messages, and says it was truncated', async () => {
    const page = await setup.adapter.fetchHistory({ channel: discord.channelId, since: ago(300), limit: 100, includeThreads: false });
    expect(page.truncated).toBe(true);
    expect(page.messages).toHaveLength(100);
    expect(page.messages.at(-1)?.id).toBe(seeded[249]!.id);
    expect(page.messages[0]?.id).toBe(seeded[150]!.id);
  });

  it('honours `since` and `until` exactly', async () => {
    const page = await setup.adapter.fetchHistory({ channel: discord.channelId, since: ago(30.5), until: ago(10.5), limit: 1000, includeThreads: true });
    expect(page.truncated).toBe(false);
    const expected = [...seeded.slice(220, 240), threadMessages[1]!].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(page.messages.map((m) => m.id)).toEqual(expected.map((m) => m.id));
  });

  it('resolves #name, and explains a channel it cannot see', async () => {
    const page = await setup.adapter.fetchHistory({ channel: '#random', since: ago(10), limit: 10, includeThreads: false });
    expect(page.channel).toEqual({ id: random, name: 'random' });
    await expect(setup.adapter.fetchHistory({ channel: '#nope', since: ago(10), limit: 10, includeThreads: false })).rejects.toThrow(UserError);
    await expect(setup.adapter.fetchHistory({ channel: '<#123456789012345678>', since: ago(10), limit: 10, includeThreads: false })).rejects.toThrow(/cannot see the channel/);
  });
});

describe('fetchHistory without the Message Content intent', () => {
  it('refuses with a way to turn it on, rather than summarising blanked messages', async () => {
    const other = await setUpDiscord(testCommands().commands, { adapter: { messageContent: false } });
    try {
      await other.adapter.start(IGNORE_MESSAGES);
      const reading = other.adapter.fetchHistory({ channel: other.discord.channelId, since: ago(10), limit: 10, includeThreads: false });
      await expect(reading).rejects.toThrow(CapabilityError);
      await expect(reading).rejects.toThrow(/DISCORD_MESSAGE_CONTENT=true/);
    } finally {
      await other.adapter.stop();
      await other.discord.close();
    }
  });
});
