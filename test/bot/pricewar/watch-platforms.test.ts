/**
 * /pricewar watch on the real platform adapters: real Bolt against the fake
 * Slack, real discord.js against the fake Discord, the real sync against the
 * fake feeds on 127.0.0.1. A channel watches a model; a sync that moves its
 * price posts exactly one notification to that channel (old and new price,
 * the change, the feed, and the chart as a Slack file upload / a Discord
 * attachment); a sync with no change posts nothing more.
 *
 * Kept light: the LiteLLM feed is off, so each sync reads the small fake
 * OpenRouter list (~50 models), and the watched model is one it lists
 * (`openai/gpt-4o`, the OpenRouter listing by its exact id).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pricewar from '../../../commands/pricewar.js';
import { loadConfig } from '../../../src/config.js';
import type { Bot } from '../../../src/core/bot.js';
import { CommandRegistry } from '../../../src/core/registry.js';
import { setUpDiscord } from '../../adapters/discord/harness.js';
import { startSlackHarness, type SlackHarness } from '../../adapters/slack/harness.js';
import { testBot } from '../../fakes/bot.js';
import type { FakeDiscord } from '../../fakes/discord.js';
import { startFakeFeeds, type FakeFeeds } from '../../fakes/price-feeds.js';

const MODEL = 'openai/gpt-4o';
const NOTICE = /Price change: openai\/gpt-4o moved −50\.0%/;
const PRICE_LINE = /openai\/gpt-4o: \$2\.50 \/ \$10\.00 → \$1\.25 \/ \$5\.00 per M tokens \(moved −50\.0%; openrouter:openai\/gpt-4o, feed openrouter/;
const SYNCED = /Synced 1 feed\(s\) for/;

let feeds: FakeFeeds;

/** What every platform's bot needs: the fake feeds, LiteLLM off (light), no schedule. */
const feedEnv = (admins: string): Record<string, string> => ({
  PRICE_FEED_OPENROUTER_URL: feeds.openrouterUrl,
  PRICE_FEED_LITELLM_URL: 'off',
  PRICE_SYNC_SCHEDULE: 'off',
  BOT_ADMINS: admins,
});

beforeAll(async () => {
  feeds = await startFakeFeeds();
});

afterAll(async () => {
  await feeds.close();
});

describe('/pricewar watch on Slack (real Bolt, fake Slack)', () => {
  const PRICES = 'C0PRICES';
  const OPS = 'C0OPS';
  let h: SlackHarness | undefined;
  let bot: Bot | undefined;

  afterEach(async () => {
    await bot?.shutdown();
    await h?.close();
    bot = undefined;
    h = undefined;
  });

  /** A harness with the /pricewar bot attached, and a sync asked for in #ops that resolves when its n-th answer is there. */
  async function startSlack(): Promise<{ slack: SlackHarness; sync: (n: number) => Promise<void> }> {
    feeds.prices.clear();
    h = await startSlackHarness({ mode: 'http', env: feedEnv('slack:*') });
    const slack = h;
    slack.fake.seedChannel({ id: PRICES, name: 'prices' });
    slack.fake.seedChannel({ id: OPS, name: 'ops' });
    bot = testBot([pricewar], { config: slack.config });
    await bot.attach(slack.adapter);
    const sync = async (n: number): Promise<void> => {
      expect((await slack.slash('/pricewar', 'sync', { channel: OPS })).status).toBe(200);
      await slack.fake.waitFor(() => slack.delivered(OPS).filter((m) => SYNCED.test(m.text)).length >= n || undefined, `sync answer #${n}`, 60_000);
    };
    return { slack, sync };
  }

  it('posts one message with the chart uploaded to the watching channel, and nothing on a sync without change', { timeout: 120_000 }, async () => {
    const { slack, sync } = await startSlack();

    // The feed is live once: the OpenRouter listing exists, at today's price.
    await sync(1);
    expect((await slack.slash('/pricewar', `watch ${MODEL} --change 10%`, { channel: PRICES })).status).toBe(200);
    await slack.fake.waitFor(() => slack.delivered(PRICES).find((m) => m.text.includes(`This channel now watches ${MODEL}`)), 'the watch reply', 30_000);
    const before = slack.fake.transcript(PRICES).length;

    // OpenAI's price on OpenRouter halves: one notification in the watching channel.
    feeds.prices.set(MODEL, [1.25, 5]);
    await sync(2);
    const added = slack.fake.transcript(PRICES).slice(before);
    const notices = added.filter((m) => NOTICE.test(slack.fake.plainText(m)));
    expect(notices, added.map((m) => `${m.via}: ${slack.fake.plainText(m).slice(0, 120)}`).join('\n')).toHaveLength(1);
    const [notice] = notices;
    expect(notice!.via).toBe('chat.postMessage');
    expect(slack.fake.plainText(notice!)).toMatch(PRICE_LINE);
    // The chart: one file upload to the same channel, a real PNG.
    const uploads = added.filter((m) => m.via === 'files');
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.files.map((f) => f.name)).toEqual(['pricewar-watch.png']);
    expect(Buffer.from(uploads[0]!.files[0]!.bytes.subarray(1, 4)).toString('latin1')).toBe('PNG');
    // Nothing else arrived in the channel (no second post, no error line).
    expect(added).toHaveLength(2);
    // Nothing was posted to the channel the sync was asked in, beyond its answer.
    expect(slack.delivered(OPS).some((m) => NOTICE.test(m.text))).toBe(false);

    // The next sync finds the same price: no new message.
    const after = slack.fake.transcript(PRICES).length;
    await sync(3);
    expect(slack.fake.transcript(PRICES).length).toBe(after);
  });

  it('a channel the bot is not in: the watch is set (the slash command answers through response_url), the post fails and is made once the bot is invited', { timeout: 120_000 }, async () => {
    const { slack, sync } = await startSlack();
    const LATER = 'C0LATER';
    slack.fake.seedChannel({ id: LATER, name: 'later', member: false });
    await sync(1);
    await slack.slash('/pricewar', `watch ${MODEL}`, { channel: LATER });
    await slack.fake.waitFor(() => slack.delivered(LATER).find((m) => m.text.includes(`This channel now watches ${MODEL}`)), 'the watch reply', 30_000);

    feeds.prices.set(MODEL, [1.25, 5]);
    await sync(2);
    // Slack refused the post (not_in_channel): nothing arrived, and the notice did not move.
    expect(slack.fake.transcript(LATER).filter((m) => NOTICE.test(slack.fake.plainText(m)))).toHaveLength(0);
    expect(slack.fake.callsOf('chat.postMessage').some((c) => c.args.channel === LATER)).toBe(true);

    // Someone invites the bot; the next sync (no new price) posts the change it missed, once.
    slack.fake.seedChannel({ id: LATER, name: 'later', member: true });
    await sync(3);
    expect(slack.fake.transcript(LATER).filter((m) => NOTICE.test(slack.fake.plainText(m)))).toHaveLength(1);
    expect(slack.fake.transcript(LATER).filter((m) => m.via === 'files')).toHaveLength(1);
    await sync(4);
    expect(slack.fake.transcript(LATER).filter((m) => NOTICE.test(slack.fake.plainText(m)))).toHaveLength(1);
  });
});

describe('/pricewar watch on Discord (real discord.js, fake Discord)', () => {
  let discord: FakeDiscord | undefined;
  let bot: Bot | undefined;
  let dir: string;

  afterAll(async () => {
    await bot?.shutdown();
    await discord?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts one message with the chart attached to the watching channel, and nothing on a sync without change', { timeout: 120_000 }, async () => {
    feeds.prices.clear();
    dir = mkdtempSync(join(tmpdir(), 'pricewar-watch-discord-'));
    const commands = new CommandRegistry([{ definition: pricewar, source: 'pricewar.ts' }]);
    const setup = await setUpDiscord(commands, { fake: { channels: ['prices', 'ops'] } });
    const d = setup.discord;
    discord = d;
    const channelId = (name: string): string => [...d.channels.values()].find((c) => c.name === name)!.id;
    const [prices, ops] = [channelId('prices'), channelId('ops')];
    bot = testBot([pricewar], { config: loadConfig({ DATA_DIR: dir, ...feedEnv('discord:*') }, undefined) });
    await bot.attach(setup.adapter);

    const sync = async (n: number): Promise<void> => {
      d.interact('/pricewar sync', { channelId: ops });
      await d.waitFor(() => d.botMessages(ops).filter((m) => SYNCED.test(d.text(m))).length >= n || undefined, `sync answer #${n}`, 60_000);
    };

    await sync(1);
    d.interact(`/pricewar watch ${MODEL} --change 10%`, { channelId: prices });
    await d.waitFor(() => d.botMessages(prices).find((m) => d.text(m).includes(`This channel now watches ${MODEL}`)), 'the watch reply', 30_000);
    const before = d.botMessages(prices).length;

    feeds.prices.set(MODEL, [1.25, 5]);
    await sync(2);
    const added = d.botMessages(prices).slice(before);
    expect(added, added.map((m) => d.text(m).slice(0, 120)).join('\n')).toHaveLength(1);
    const [notice] = added;
    expect(d.text(notice!)).toMatch(NOTICE);
    expect(d.text(notice!)).toMatch(PRICE_LINE);
    // The chart is an attachment of that same message, a real PNG.
    expect(notice!.files.map((f) => f.filename)).toEqual(['pricewar-watch.png']);
    expect(Buffer.from(notice!.files[0]!.bytes.subarray(1, 4)).toString('latin1')).toBe('PNG');
    expect(d.botMessages(ops).some((m) => NOTICE.test(d.text(m)))).toBe(false);

    const after = d.botMessages(prices).length;
    await sync(3);
    expect(d.botMessages(prices).length).toBe(after);
  });
});
