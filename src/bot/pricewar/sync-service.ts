/**
 * The feed sync as bot services. `priceSyncService` is the syncer
 * (/pricewar sync asks it; after each sync it notifies watching channels).
 * `priceScheduleService` is named in /pricewar's `startWith`, so only a bot
 * that serves chats (`npm start`) starts it — never the one-shot CLI or a
 * test bot that does not call `startServices`: it syncs on
 * PRICE_SYNC_SCHEDULE and once at start-up when the newest data is over a
 * day old. Its creation returns at once; the store opening, seeding and
 * syncing run in the background, so start-up and answers never wait.
 */
import { Cron } from 'croner';
import { defineService } from '../../core/services.js';
import { priceBookService } from './service.js';
import { feedSettings, PriceSyncer } from './sync.js';
import { notifyWatches } from './watches.js';

export const priceSyncService = defineService(
  'pricewar.sync',
  async ({ config, log, services, outbox }) => {
    const book = await services.get(priceBookService);
    const syncLog = log.child({ service: 'pricewar.sync' });
    const syncer = new PriceSyncer(book, feedSettings(config), syncLog);
    syncer.onChanges(async () => {
      const posted = await notifyWatches(book, outbox, syncLog);
      if (posted > 0) syncLog.info({ channels: posted }, 'price watch notifications posted');
    });
    return syncer;
  },
  (syncer) => syncer.stop(),
);

export interface PriceSchedule {
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

export const priceScheduleService = defineService<PriceSchedule>(
  'pricewar.schedule',
  ({ config, log, services }) => {
    const pattern = config.PRICE_SYNC_SCHEDULE;
    let cron: Cron | undefined;
    let stopped = false;
    const ready = (async () => {
      // Open (and on first start seed) the store now, in the background: the /prices page and digests read it too.
      await services.get(priceBookService);
      if (pattern === 'off') return;
      const syncer = await services.get(priceSyncService);
      if (stopped) return;
      cron = new Cron(pattern, { timezone: 'UTC', protect: true, catch: (error) => log.error({ err: error }, 'scheduled price sync failed') }, async () => {
        await syncer.sync('schedule');
      });
      log.info({ cron: pattern, next: cron.nextRun()?.toISOString() }, 'price feed schedule started');
      if (syncer.stale()) await syncer.sync('start-up');
    })().catch((error: unknown) => log.error({ err: error }, 'price feed schedule did not start'));
    return {
      ready,
      stop: async () => {
        stopped = true;
        cron?.stop();
      },
    };
  },
  (schedule) => schedule.stop(),
);
