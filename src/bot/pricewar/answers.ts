/**
 * One answer per /pricewar subcommand: read the price data from the
 * per-process service, run the analysis with errors worded in flags, and
 * present the result. The command passes its parsed arguments and returns
 * what these return. /pricewar cost, with its presets and defaults, has its
 * own file (./cost-answer.ts).
 */
import type { CommandContext } from '../../core/command.js';
import type { Reply } from '../../core/reply.js';
import { findPriceAlerts, type AlertOptions } from '../../pricewar/alerts.js';
import { comparePrices, type CompareOptions } from '../../pricewar/compare.js';
import { priceCuts, type CutsOptions } from '../../pricewar/cuts.js';
import { simulatePriceWar, type SimulationOptions } from '../../pricewar/simulate.js';
import { priceTrend, type TrendOptions } from '../../pricewar/trend.js';
import { inFlagWords } from './options.js';
import { FEED_IDS } from '../../pricewar/feeds.js';
import { alertsReply, compareReply, cutsReply, overviewReply, simulationReply, sourcesReply, syncReply, trendReply } from './presenter.js';
import { priceBookService, priceData } from './service.js';
import { priceSyncService } from './sync-service.js';
import { feedSettings, redactUrl } from './sync.js';

export async function answerOverview(ctx: CommandContext): Promise<Reply> {
  return overviewReply(await priceData(ctx));
}

/** `--raw`: keep the probable data errors that the analyses leave out by default. */
export interface RawOption {
  readonly raw?: boolean | undefined;
}

export async function answerTrend(ctx: CommandContext, options: TrendOptions & RawOption): Promise<Reply> {
  const data = await priceData(ctx, { raw: options.raw === true });
  return trendReply(data, inFlagWords(() => priceTrend(data, options)));
}

export async function answerCuts(ctx: CommandContext, options: CutsOptions): Promise<Reply> {
  const data = await priceData(ctx);
  return cutsReply(data, inFlagWords(() => priceCuts(data, options)));
}

export async function answerCompare(ctx: CommandContext, options: CompareOptions & RawOption): Promise<Reply> {
  const data = await priceData(ctx, { raw: options.raw === true });
  return compareReply(data, inFlagWords(() => comparePrices(data, options)));
}

export async function answerSimulation(ctx: CommandContext, options: Partial<SimulationOptions>): Promise<Reply> {
  // The model needs no data; its argument errors come before any loading.
  const result = inFlagWords(() => simulatePriceWar(options));
  return simulationReply(await priceData(ctx), result);
}

export async function answerAlerts(ctx: CommandContext, options: AlertOptions & RawOption): Promise<Reply> {
  const data = await priceData(ctx, { raw: options.raw === true });
  return alertsReply(data, inFlagWords(() => findPriceAlerts(data, options)));
}

/** /pricewar sources: each feed's last success, counts and errors, from the store's run log. */
export async function answerSources(ctx: CommandContext): Promise<Reply> {
  const book = await ctx.services.get(priceBookService);
  const settings = feedSettings(ctx.config);
  const counts = book.store.counts();
  const perFeed = new Map<string, number>();
  for (const s of book.store.series()) perFeed.set(s.feed, (perFeed.get(s.feed) ?? 0) + 1);
  const feeds = FEED_IDS.map((feed) => {
    const url = settings.urls[feed];
    return { feed, url: url === undefined ? undefined : redactUrl(url), lastSuccess: book.store.lastSuccess(feed), lastRun: book.store.runs(feed, 1)[0], series: perFeed.get(feed) ?? 0 };
  });
  return sourcesReply(book.data(), { feeds, series: counts.series, observations: counts.observations, newestDay: book.store.newestDay(), schedule: ctx.config.PRICE_SYNC_SCHEDULE });
}

/** /pricewar sync (admins): fetch every feed now; the reply says what each did. */
export async function answerSync(ctx: CommandContext): Promise<Reply> {
  const syncer = await ctx.services.get(priceSyncService);
  await ctx.progress({ text: 'Fetching the price feeds…' });
  const outcome = await syncer.sync(`/pricewar sync by ${ctx.userKey}`);
  const feeds = outcome.feeds.map((f) => (f.status === 'ok' ? { feed: f.feed, status: f.status, models: f.models, changes: f.changes, skipped: f.skipped } : { feed: f.feed, status: f.status, error: f.error, skipped: f.skipped }));
  return syncReply(syncer.book.data(), outcome.day, feeds);
}
