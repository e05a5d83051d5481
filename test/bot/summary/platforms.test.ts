/**
 * /summary and the scheduled digest through the real Slack adapter (Bolt +
 * WebClient) and the real Discord adapter (discord.js), against their fake
 * servers on 127.0.0.1: history is read with pagination and threads, the
 * digest is posted back, with links to the original messages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import summaryCommand from '../../../commands/summary.js';
import { Bot } from '../../../src/core/bot.js';
import { CommandRegistry } from '../../../src/core/registry.js';
import { createLogger } from '../../../src/logging.js';
import { summaryScheduleService } from '../../../src/bot/summary/service.js';
import { SummaryStore } from '../../../src/summary/store.js';
import type { ChannelMessage } from '../../../src/summary/types.js';
import { makeUser, type FakeDiscord, type FakeUser } from '../../fakes/discord.js';
import type { FakeSlack, SeedMessage } from '../../fakes/slack.js';
import { setUpDiscord } from '../../adapters/discord/harness.js';
import { startSlackHarness, type SlackHarness } from '../../adapters/slack/harness.js';
import { EN_FIXTURE, loadFixture, shiftTo, ZH_FIXTURE } from '../../summary/helpers.js';

const SLACK_CHANNEL = 'C07PRICING';
const commands = new CommandRegistry([{ definition: summaryCommand, source: 'commands/summary.ts' }]);

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** The English fixture as Slack history in C07PRICING (threads as replies, bots and joins as Slack marks them), ending `endsAt`. */
function seedSlack(fake: FakeSlack, endsAt: Date): void {
  fake.seedChannel({ id: SLACK_CHANNEL, name: 'llm-pricing' });
  const messages = shiftTo(loadFixture(EN_FIXTURE), endsAt);
  for (const m of messages) if (m.userName !== undefined && !m.isBot) fake.seedUser(m.user, m.userName);
  const seed = (m: ChannelMessage): SeedMessage => ({
    at: m.ts,
    text: m.text,
    ...(m.isBot ? { bot_id: m.user.replace(/^U/, 'B'), username: m.userName ?? 'bot', subtype: 'bot_message' } : { user: m.user }),
    ...(m.isSystem ? { subtype: /left/.test(m.text) ? 'channel_leave' : 'channel_join' } : {}),
  });
  fake.seedHistory(
    SLACK_CHANNEL,
    messages.filter((m) => m.threadId === undefined).map((root) => ({ ...seed(root), replies: messages.filter((r) => r.threadId === root.id).map(seed) })),
  );
}

/** The Chinese fixture as Discord history: threads started from their root message, the bot's own replies by the bot user. */
function seedDiscord(discord: FakeDiscord, endsAt: Date): void {
  const messages = shiftTo(loadFixture(ZH_FIXTURE), endsAt);
  const users = new Map<string, FakeUser>();
  const author = (m: ChannelMessage): FakeUser => {
    if (m.isBot) return discord.botUser;
    let user = users.get(m.user);
    if (user === undefined) users.set(m.user, (user = makeUser(String(4100 + users.size), m.userName ?? m.user)));
    return user;
  };
  const content = (m: ChannelMessage): string => m.text.replace(/<@U19PWBOT>/g, `<@${discord.botUser.id}>`).replace(/<@U\w+>\s*加入了频道/, '加入了频道');
  const seedOne = (channelId: string, m: ChannelMessage) =>
    discord.seedMessages(channelId, [{ content: content(m), author: author(m), at: m.ts, ...(m.isSystem ? { type: 7 } : {}), ...(/<@U19PWBOT>/.test(m.text) ? { mentions: [discord.botUser] } : {}) }])[0]!;
  for (const root of messages.filter((m) => m.threadId === undefined)) {
    const stored = seedOne(discord.channelId, root);
    const replies = messages.filter((r) => r.threadId === root.id);
    if (replies.length === 0) continue;
    const thread = discord.addThread(discord.channelId, root.text.slice(0, 20), { fromMessageId: stored.id });
    for (const reply of replies) seedOne(thread, reply);
  }
}

async function slackSetup(env: Record<string, string> = {}): Promise<SlackHarness> {
  const h = await startSlackHarness({ mode: 'http', env, fake: { workspaceUrl: 'https://pricewar-team.slack.com/', maxPageSize: 8 } });
  cleanup.push(() => h.close());
  return h;
}

async function discordSetup() {
  const setup = await setUpDiscord(commands);
  cleanup.push(() => setup.discord.close());
  return setup;
}

function startBot(config: Bot['config']): Bot {
  const bot = new Bot({ config, log: createLogger({ level: 'silent' }), commands });
  cleanup.push(() => bot.shutdown());
  return bot;
}

/** Everything Slack would show for a message, links included (plainText keeps only link labels). */
const rawSlack = (m: { text: string; blocks: unknown[] }): string => `${m.text}\n${JSON.stringify(m.blocks)}`;

describe('/summary on the platforms', () => {
  it('Slack: reads the channel with its threads and answers with topics, open questions and links back', async () => {
    const h = await slackSetup();
    seedSlack(h.fake, new Date(Date.now() - 10 * 60_000));
    const bot = startBot(h.config);
    await bot.attach(h.adapter);

    const ack = await h.slash('/summary', '--length full', { channel: SLACK_CHANNEL });
    expect(ack.status).toBe(200);
    const reply = await h.fake.waitFor(() => h.fake.transcript(SLACK_CHANNEL).find((m) => /Main topics/.test(h.fake.plainText(m))), 'the digest', 15_000);
    const text = h.fake.plainText(reply);
    expect(text).toMatch(/Summary of #llm-pricing/);
    expect(text).toMatch(/DeepSeek/);
    expect(text).toMatch(/Open questions[\s\S]*Claude Haiku batch pricing/);
    expect(text).toMatch(/Bot activity[\s\S]*Training job #12 finished/);
    // Links back to the original messages, in Slack's permalink form, thread replies included.
    const raw = rawSlack(reply);
    expect(raw).toMatch(/https:\/\/pricewar-team\.slack\.com\/archives\/C07PRICING\/p\d{16}/);
    // History was read page by page (8 per page), threads through conversations.replies.
    expect(h.fake.callsOf('conversations.history').length).toBeGreaterThan(1);
    expect(h.fake.callsOf('conversations.replies').length).toBeGreaterThan(0);
    // Joins and the bots' messages never show up as highlights.
    expect(text).not.toMatch(/has joined the channel/);
    expect(text).not.toMatch(/pull request #482/);
  });

  it('Discord: summarises the Chinese channel, thread replies included, with links back', async () => {
    const { discord, adapter } = await discordSetup();
    seedDiscord(discord, new Date(Date.now() - 5 * 60_000));
    const dir = mkdtempSync(join(tmpdir(), 'pwbot-summary-discord-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const bot = startBot((await import('../../../src/config.js')).loadConfig({ DATA_DIR: dir }, undefined));
    await bot.attach(adapter);

    discord.interact('/summary');
    const reply = await discord.waitFor(() => discord.botMessages().find((m) => /主要话题/.test(discord.text(m))), 'the digest', 15_000);
    const text = discord.text(reply);
    expect(text).toMatch(/豆包/);
    expect(text).toMatch(/待解答的问题[\s\S]*文心 ERNIE 4\.0/);
    expect(text).toMatch(/训练任务 #7 已完成/);
    expect(text).toMatch(new RegExp(`https://discord\\.com/channels/${discord.guildId}/\\d+/\\d+`));
    // The thread under the 豆包 message was read: its replies count in the topic.
    expect(text).toMatch(/豆包[^\n]*— 5 条消息/);
  });
});

describe('scheduled digests on the platforms', () => {
  it('posts to Slack and Discord on the cron schedule; a failing channel is reported next time; a restart repeats nothing', async () => {
    const { discord, adapter: discordAdapter } = await discordSetup();
    const h = await slackSetup({
      // Every two seconds, so the test sees several ticks of the real croner.
      SUMMARY_SCHEDULE: '*/2 * * * * *',
      SUMMARY_CHANNELS: `slack:${SLACK_CHANNEL},discord:${discord.channelId}`,
      SUMMARY_QUIET: 'skip',
    });
    const now = Date.now();
    seedSlack(h.fake, new Date(now - 10 * 60_000));
    seedDiscord(discord, new Date(now - 5 * 60_000));
    // Both channels were last summarised four hours ago (before the fixtures' conversations).
    const store = SummaryStore.open(join(h.config.DATA_DIR, 'summary.sqlite'));
    store.complete({ platform: 'slack', channel: SLACK_CHANNEL }, new Date(now - 4 * 3_600_000), null, []);
    store.complete({ platform: 'discord', channel: discord.channelId }, new Date(now - 4 * 3_600_000), null, []);
    store.close();
    // Slack refuses the first history read.
    h.fake.fail('conversations.history', { error: 'not_in_channel' }, 1);

    const bot = startBot(h.config);
    await bot.attach(h.adapter);
    await bot.attach(discordAdapter);
    // As npm start does once the adapters are attached: /summary's startWith starts the schedule.
    await bot.startServices();

    const slackDigests = () => h.fake.transcript(SLACK_CHANNEL).filter((m) => /Scheduled summary/.test(h.fake.plainText(m)));
    const discordDigests = () => discord.botMessages(discord.channelId).filter((m) => /定时摘要/.test(discord.text(m)));

    const first = await discord.waitFor(() => discordDigests()[0], 'the Discord digest', 15_000);
    expect(discord.text(first)).toMatch(/豆包/);
    expect(discord.text(first)).toMatch(/https:\/\/discord\.com\/channels\//);

    // Slack failed on its first run, and its next digest says so and covers the whole period.
    const slackDigest = await h.fake.waitFor(() => slackDigests()[0], 'the Slack digest', 15_000);
    const text = h.fake.plainText(slackDigest);
    expect(text).toMatch(/⚠ The scheduled summary for the period since .* failed \(The bot is not a member of #llm-pricing/);
    expect(text).toMatch(/DeepSeek/);
    expect(rawSlack(slackDigest)).toMatch(/https:\/\/pricewar-team\.slack\.com\/archives\/C07PRICING\/p\d{16}/);

    // Quiet ticks post nothing (SUMMARY_QUIET=skip)…
    await new Promise((r) => setTimeout(r, 4500));
    expect(slackDigests()).toHaveLength(1);
    expect(discordDigests()).toHaveLength(1);

    // …and neither does a restart of the schedule on the same database.
    await bot.services.disposeAll();
    await bot.startServices();
    await new Promise((r) => setTimeout(r, 4500));
    expect(slackDigests()).toHaveLength(1);
    expect(discordDigests()).toHaveLength(1);

    // Something new is said: the next tick summarises just that.
    // (An explicit ts a second ahead: the fake floors `at` to whole seconds, which could put it before the last run's end.)
    const ts = ((Date.now() + 1000) / 1000).toFixed(6);
    h.fake.seedHistory(SLACK_CHANNEL, [{ ts, user: 'U01MAYA', text: 'Gemini 2.5 Flash dropped its batch price by half, worth a test run tonight' }]);
    const next = await h.fake.waitFor(() => slackDigests()[1], 'the next Slack digest', 15_000);
    const nextText = h.fake.plainText(next);
    expect(nextText).toMatch(/Gemini 2\.5 Flash dropped its batch price/);
    expect(nextText).toMatch(/1 message from 1 person/);
    expect(nextText).not.toMatch(/DeepSeek/);
    expect((await bot.services.get(summaryScheduleService)).scheduler).toBeDefined();
  }, 60_000);
});
