/**
 * The schedule as a bot service. `/summary` names it in `startWith`, so the
 * bot creates it once the adapters are attached (`bot.startServices()`);
 * SUMMARY_SCHEDULE, SUMMARY_CHANNELS and SUMMARY_TIMEZONE were validated with
 * the rest of the configuration at start-up (`src/config.ts`: the channels
 * arrive parsed, as `{ platform, channel }` targets), so creating it only
 * opens `DATA_DIR/summary.sqlite` and starts the cron job — only
 * when an adapter that posts on its own runs (`unpromptedPosts`: a shared
 * workspace, not a local session). Disposing it (bot shutdown) stops the
 * job, waits for a run in progress, closes the database.
 */
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { hasCapability } from '../../core/capabilities.js';
import { defineService } from '../../core/services.js';
import { SummaryStore } from '../../summary/store.js';
import { SummaryScheduler } from './scheduler.js';
import { digestInputs } from './sources.js';

export interface SummaryScheduleService {
  /** Undefined when no schedule is configured or no adapter that posts on its own runs. */
  readonly scheduler: SummaryScheduler | undefined;
  readonly store: SummaryStore | undefined;
  /** Closes what the schedule shares with other replicas (REDIS_URL). */
  readonly close?: () => void;
}

export const summaryScheduleService = defineService<SummaryScheduleService>(
  'summary-schedule',
  async ({ config, log, outbox }) => {
    const cron = config.SUMMARY_SCHEDULE;
    if (cron === undefined) return { scheduler: undefined, store: undefined };
    const targets = config.SUMMARY_CHANNELS;
    const running = new Set(outbox.adapters().filter((a) => hasCapability(a, 'unpromptedPosts')).map((a) => a.platform));
    if (running.size === 0) {
      log.info('summary schedule not started: no adapter that posts on its own is running');
      return { scheduler: undefined, store: undefined };
    }
    for (const t of targets.filter((t) => !running.has(t.platform))) {
      log.warn({ platform: t.platform, channel: t.channel }, 'SUMMARY_CHANNELS names a platform that is not configured; its digests will fail until it is');
    }
    const store = SummaryStore.open(join(config.DATA_DIR, 'summary.sqlite'));
    const closers: (() => void)[] = [];
    let scheduler: SummaryScheduler;
    try {
      scheduler = new SummaryScheduler({
        cron,
        timeZone: config.SUMMARY_TIMEZONE,
        targets,
        store,
        outbox,
        log: log.child({ service: 'summary-schedule' }),
        quiet: config.SUMMARY_QUIET,
        maxMessages: config.SUMMARY_MAX_MESSAGES,
        summarizeOptions: ({ since, until }) => digestInputs(config, since, until),
        ...(config.REDIS_URL === undefined ? {} : { claimSlot: slotClaimer(config.REDIS_URL, cron, closers) }),
      });
    } catch (error) {
      store.close();
      throw new Error(`invalid configuration: SUMMARY_SCHEDULE: "${cron}" is not a cron pattern (${(error as Error).message})`);
    }
    scheduler.start();
    log.info({ cron, timezone: config.SUMMARY_TIMEZONE, channels: targets.length, next: scheduler.nextRun()?.toISOString() }, 'summary schedule started');
    return { scheduler, store, close: () => closers.forEach((c) => c()) };
  },
  async ({ scheduler, store, close }) => {
    await scheduler?.stop();
    store?.close();
    close?.();
  },
);

/** Replicas share the schedule through Redis: `SET NX` on the slot, kept a day (one fire, one digest). */
function slotClaimer(url: string, cron: string, closers: (() => void)[]): (slot: string) => Promise<boolean> {
  // Connected on the first fire (ioredis loads only then); `closers` is read at close time.
  let redis: Promise<Redis> | undefined;
  const connect = (): Promise<Redis> =>
    (redis ??= import('ioredis').then(({ Redis: Client }) => {
      const client = new Client(url, { maxRetriesPerRequest: 3 });
      client.on('error', () => undefined);
      closers.push(() => client.disconnect());
      return client;
    }));
  return async (slot) => (await (await connect()).set(`pwbot:summary:${cron}:${slot}`, '1', 'EX', 24 * 3600, 'NX')) === 'OK';
}
