import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig, parseSummaryChannels } from '../../../src/config.js';
import { ServiceContainer } from '../../../src/core/services.js';
import type { ChatAdapter } from '../../../src/core/adapter.js';
import { createLogger } from '../../../src/logging.js';
import { SummaryScheduler, type ScheduleTarget } from '../../../src/bot/summary/scheduler.js';
import { summaryScheduleService } from '../../../src/bot/summary/service.js';
import { SummaryStore } from '../../../src/summary/store.js';
import type { ChannelMessage } from '../../../src/summary/types.js';
import { captureLog } from '../../fakes/bot.js';
import { EN_FIXTURE, loadFixture, shiftTo, ZH_FIXTURE } from '../../summary/helpers.js';
import { MemoryAdapter } from './memory-adapter.js';

const DAY = 86_400_000;
const DAY1_9AM = new Date('2026-11-02T09:00:00Z');
const SLACK: ScheduleTarget = { platform: 'slack', channel: 'C1' };
const DISCORD: ScheduleTarget = { platform: 'discord', channel: 'D1' };

let dir: string;
let slack: MemoryAdapter;
let discord: MemoryAdapter;
const stores: SummaryStore[] = [];
const schedulers: SummaryScheduler[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pwbot-summary-schedule-'));
  vi.useFakeTimers({ now: new Date('2026-11-02T08:58:00Z') });
  // The fixtures' conversations happened in the hours before the first scheduled run.
  slack = new MemoryAdapter('slack', new Map([['C1', shiftTo(loadFixture(EN_FIXTURE), new Date('2026-11-02T08:50:00Z'))]]));
  discord = new MemoryAdapter('discord', new Map([['D1', shiftTo(loadFixture(ZH_FIXTURE), new Date('2026-11-02T08:40:00Z'))]]));
});
afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
  for (const s of stores.splice(0)) s.close();
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

function scheduler(options: { quiet?: 'post' | 'skip'; maxMessages?: number; targets?: ScheduleTarget[]; log?: ReturnType<typeof createLogger> } = {}): SummaryScheduler {
  const store = SummaryStore.open(join(dir, 'summary.sqlite'));
  stores.push(store);
  const adapters = new Map<string, ChatAdapter>([['slack', slack], ['discord', discord]]);
  const s = new SummaryScheduler({
    cron: '0 9 * * *',
    timeZone: 'UTC',
    targets: options.targets ?? [SLACK, DISCORD],
    store,
    outbox: { adapter: (p) => adapters.get(p), post: (to, reply) => (adapters.get(to.platform) as ChatAdapter).post(to, reply) },
    log: options.log ?? createLogger({ level: 'silent' }),
    quiet: options.quiet ?? 'post',
    maxMessages: options.maxMessages ?? 5000,
  });
  schedulers.push(s);
  return s;
}

/** Let the clock run to `at` (croner's timers fire on the way), then wait for the run to finish. */
async function advanceTo(s: SummaryScheduler, at: Date): Promise<void> {
  await vi.advanceTimersByTimeAsync(at.getTime() - Date.now());
  await s.idle();
}

function addMessage(adapter: MemoryAdapter, channel: string, at: Date, text: string, user = 'U01MAYA'): ChannelMessage {
  const m: ChannelMessage = { id: `new-${at.getTime()}`, ts: at, user, userName: user, text, isBot: false, isSystem: false, permalink: `https://chat.example/${channel}/${at.getTime()}` };
  adapter.channels.get(channel)?.push(m);
  return m;
}

const dataOf = (adapter: MemoryAdapter, i: number) => adapter.posted[i]?.reply.data as Record<string, any>;

describe('SummaryScheduler', () => {
  it('fires on the cron schedule and posts a digest to each channel', async () => {
    const s = scheduler();
    s.start();
    expect(s.nextRun()?.toISOString()).toBe('2026-11-02T09:00:00.000Z');
    await advanceTo(s, new Date('2026-11-02T08:59:59Z'));
    expect(slack.posted).toHaveLength(0);

    await advanceTo(s, new Date('2026-11-02T09:01:00Z'));
    expect(slack.posted).toHaveLength(1);
    expect(discord.posted).toHaveLength(1);
    // First run: the period since the previous scheduled time.
    expect(slack.queries[0]).toMatchObject({ channel: 'C1', since: new Date(DAY1_9AM.getTime() - DAY), limit: 5000, includeThreads: true });
    expect(slack.posted[0]?.reply.title).toBe('Scheduled summary of #name-C1');
    expect(dataOf(slack, 0).topics[0].title).toMatch(/DeepSeek/);
    expect(dataOf(slack, 0).highlights.every((h: { link: string }) => h.link.startsWith('https://'))).toBe(true);
    expect(discord.posted[0]?.reply.text).toContain('**主要话题**');
    expect(dataOf(discord, 0).topics[0].title).toMatch(/豆包/);
    expect(stores[0]?.checkpoint(SLACK)?.until.toISOString()).toBe('2026-11-02T09:00:00.000Z');

    // The next day: only what was said since.
    addMessage(slack, 'C1', new Date('2026-11-02T15:00:00Z'), 'Gemini Flash cut its batch price by half today, worth testing for the nightly jobs');
    await advanceTo(s, new Date('2026-11-03T09:01:00Z'));
    expect(slack.posted).toHaveLength(2);
    expect(dataOf(slack, 1).stats.total).toBe(1);
    expect(dataOf(slack, 1).highlights[0].text).toMatch(/Gemini Flash/);
  });

  it('keeps going when one channel fails, and reports the failure in that channel\'s next digest', async () => {
    const { log, lines } = captureLog('info');
    const s = scheduler({ log });
    slack.failHistory.add('C1');
    s.start();
    await advanceTo(s, new Date('2026-11-02T09:01:00Z'));
    expect(slack.posted).toHaveLength(0);
    expect(discord.posted).toHaveLength(1);
    expect(lines().some((l) => l.msg === 'scheduled summary failed for a channel' && l.channel === 'C1')).toBe(true);

    slack.failHistory.clear();
    await advanceTo(s, new Date('2026-11-03T09:01:00Z'));
    expect(slack.posted).toHaveLength(1);
    const text = slack.posted[0]?.reply.text ?? '';
    expect(text).toMatch(/⚠ The scheduled summary for the period since 2026-11-01 09:00 failed \(history of C1 failed: ratelimited\); this one covers it\./);
    // Nothing skipped: the failed day's messages are in this digest.
    expect(slack.queries[1]?.since.toISOString()).toBe('2026-11-01T09:00:00.000Z');
    expect(dataOf(slack, 0).topics[0].title).toMatch(/DeepSeek/);
    expect(dataOf(slack, 0).previousFailures).toHaveLength(1);

    // Reported once.
    await advanceTo(s, new Date('2026-11-04T09:01:00Z'));
    expect(slack.posted[1]?.reply.text).not.toMatch(/failed/);
  });

  it('a failed post counts as a failure too, and the other channel still gets its digest', async () => {
    const s = scheduler();
    slack.failPost.add('C1');
    const outcomes = await s.runAll();
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'posted']);
    expect(stores[0]?.checkpoint(SLACK)).toBeUndefined();
    expect(stores[0]?.openFailures(SLACK)[0]?.error).toMatch(/not_in_channel/);
  });

  it('does not repeat a period after a restart', async () => {
    const first = scheduler();
    first.start();
    await advanceTo(first, new Date('2026-11-02T09:01:00Z'));
    const firstIds = new Set<string>(dataOf(slack, 0).highlights.map((h: { id: string }) => h.id));
    await first.stop();
    stores.shift()?.close();

    // Restarted at 09:30 on the same day: no catch-up, the 09:00 period is done.
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    const second = scheduler();
    second.start();
    await second.idle();
    expect(slack.posted).toHaveLength(1);

    addMessage(slack, 'C1', new Date('2026-11-02T12:00:00Z'), 'Mistral announced a 60% price cut on Mistral Large input tokens this afternoon');
    await advanceTo(second, new Date('2026-11-03T09:01:00Z'));
    expect(slack.posted).toHaveLength(2);
    expect(slack.queries.at(-1)?.since.toISOString()).toBe('2026-11-02T09:00:00.000Z');
    const again = dataOf(slack, 1);
    expect(again.stats.total).toBe(1);
    expect(again.highlights.some((h: { id: string }) => firstIds.has(h.id))).toBe(false);
  });

  it('catches up at start-up when the bot was down at the scheduled time', async () => {
    const first = scheduler({ targets: [SLACK] });
    await advanceTo(first, new Date('2026-11-02T09:00:00Z'));
    await first.runAll();
    await first.stop();
    stores.shift()?.close();
    expect(slack.posted).toHaveLength(1);

    // Down from 09:00 day 1 until 10:00 day 2: the 09:00 run of day 2 was missed.
    await vi.advanceTimersByTimeAsync(25 * 3_600_000);
    addMessage(slack, 'C1', new Date('2026-11-03T08:30:00Z'), 'Reminder that the DeepSeek cost sheet is due today for the finance review');
    const second = scheduler({ targets: [SLACK] });
    second.start();
    await second.idle();
    expect(slack.posted).toHaveLength(2);
    expect(slack.queries.at(-1)?.since.toISOString()).toBe('2026-11-02T09:00:00.000Z');
    expect(dataOf(slack, 1).stats.total).toBe(1);
  });

  it('posts one line for a quiet period, or nothing with SUMMARY_QUIET=skip; the checkpoint moves either way', async () => {
    slack.channels.set('C1', []);
    const post = scheduler({ targets: [SLACK] });
    await advanceTo(post, DAY1_9AM);
    await post.runAll();
    expect(slack.posted[0]?.reply.text).toBe('Nothing new in #name-C1 since 2026-11-01 09:00 (UTC).');
    expect(slack.posted[0]?.reply.title).toBeUndefined();

    const skip = scheduler({ targets: [SLACK], quiet: 'skip' });
    await vi.advanceTimersByTimeAsync(DAY);
    expect((await skip.runAll())[0]?.status).toBe('quiet-skipped');
    expect(slack.posted).toHaveLength(1);
    expect(stores[1]?.checkpoint(SLACK)?.until.toISOString()).toBe('2026-11-03T09:00:00.000Z');
  });

  it('says when the message cap was hit', async () => {
    const s = scheduler({ targets: [SLACK], maxMessages: 10 });
    await advanceTo(s, DAY1_9AM);
    await s.runAll();
    expect(dataOf(slack, 0).truncated).toBe(true);
    expect(slack.posted[0]?.reply.text).toMatch(/Read only the newest 10 messages/);
  });
});

describe('schedule configuration', () => {
  it('parses SUMMARY_CHANNELS and names the variable when it is wrong', () => {
    expect(parseSummaryChannels(['slack:C0123ABC', 'discord:1290000000000000042', 'slack:C0123ABC'])).toEqual([
      { platform: 'slack', channel: 'C0123ABC' },
      { platform: 'discord', channel: '1290000000000000042' },
    ]);
    expect(() => parseSummaryChannels(['general'])).toThrow(/invalid configuration: SUMMARY_CHANNELS: "general" is not platform:channel/);
    expect(() => parseSummaryChannels(['teams:x'])).toThrow(/SUMMARY_CHANNELS/);
    // The check is configuration's: it knows the platforms, and a bad list stops start-up like any bad value.
    expect(() => parseSummaryChannels(['teams:x'])).toThrow(ConfigError);
    expect(() => loadConfig({ SUMMARY_CHANNELS: 'slack:C1,teams:x' }, undefined)).toThrow('invalid configuration: SUMMARY_CHANNELS: "teams:x": teams is not a platform the bot serves (slack, discord)');
  });

  it('the service schedules the targets configuration parsed', async () => {
    const config = loadConfig({ DATA_DIR: dir, SUMMARY_SCHEDULE: '0 9 * * *', SUMMARY_CHANNELS: 'Slack:C1, discord:D1, slack:C1' }, undefined);
    expect(config.SUMMARY_CHANNELS).toEqual([SLACK, DISCORD]);
    const services = new ServiceContainer();
    services.bind({
      config,
      log: createLogger({ level: 'silent' }),
      outbox: {
        adapters: () => [slack, discord],
        adapter: (p) => [slack, discord].find((a) => a.platform === p),
        post: (to, reply) => (to.platform === 'slack' ? slack : discord).post(to, reply),
        update: async () => undefined,
      },
    });
    try {
      const { scheduler } = await services.get(summaryScheduleService);
      vi.setSystemTime(DAY1_9AM);
      const outcomes = await scheduler?.runAll();
      expect(outcomes?.map((o) => [o.target, o.status])).toEqual([[SLACK, 'posted'], [DISCORD, 'posted']]);
      expect([slack.posted.length, discord.posted.length]).toEqual([1, 1]);
    } finally {
      await services.disposeAll();
    }
  });

  async function createService(env: Record<string, string>, adapters: ChatAdapter[] = [slack]) {
    const services = new ServiceContainer();
    services.bind({
      config: loadConfig({ DATA_DIR: dir, ...env }, undefined),
      log: createLogger({ level: 'silent' }),
      outbox: { adapters: () => adapters, adapter: (p) => adapters.find((a) => a.platform === p), post: async () => { throw new Error('unused'); }, update: async () => undefined },
    });
    try {
      return await services.get(summaryScheduleService);
    } finally {
      await services.disposeAll();
    }
  }

  it('the service refuses a bad schedule, zone or channel list with the variable\'s name', async () => {
    await expect(createService({ SUMMARY_SCHEDULE: 'every morning', SUMMARY_CHANNELS: 'slack:C1' })).rejects.toThrow(/invalid configuration: SUMMARY_SCHEDULE: "every morning"/);
    await expect(createService({ SUMMARY_SCHEDULE: '0 9 * * *', SUMMARY_CHANNELS: 'slack:C1', SUMMARY_TIMEZONE: 'Mars/Olympus' })).rejects.toThrow(/SUMMARY_TIMEZONE/);
    await expect(createService({ SUMMARY_SCHEDULE: '0 9 * * *' })).rejects.toThrow(/SUMMARY_CHANNELS/);
  });

  it('the service stays idle without a schedule or without a platform adapter', async () => {
    expect((await createService({})).scheduler).toBeUndefined();
    expect((await createService({ SUMMARY_SCHEDULE: '0 9 * * *', SUMMARY_CHANNELS: 'slack:C1' }, [])).scheduler).toBeUndefined();
    const running = await createService({ SUMMARY_SCHEDULE: '0 9 * * *', SUMMARY_CHANNELS: 'slack:C1' });
    expect(running.scheduler?.nextRun()?.toISOString()).toBe('2026-11-02T09:00:00.000Z');
  });

  it('the service stays idle when no running adapter posts on its own (a local session)', async () => {
    const local = new MemoryAdapter('slack', new Map(), { unpromptedPosts: false, localOperator: true });
    expect((await createService({ SUMMARY_SCHEDULE: '0 9 * * *', SUMMARY_CHANNELS: 'slack:C1' }, [local])).scheduler).toBeUndefined();
  });
});
