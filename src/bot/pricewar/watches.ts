/**
 * /pricewar watch: a channel subscribes to a model's price, and after each
 * sync the bot posts one message per channel that has a qualifying change
 * (src/pricewar/watch.ts decides which). Watches and the price each last
 * notified live in the store: the notice moves only after the post went
 * out, so a restart neither repeats a notification nor misses one (a sync
 * after the restart compares with the stored notice).
 */
import type { Logger } from 'pino';
import type { CommandContext } from '../../core/command.js';
import { UserError } from '../../core/errors.js';
import type { Conversation } from '../../core/message.js';
import type { Reply } from '../../core/reply.js';
import type { Outbox } from '../../core/services.js';
import { comparePrices } from '../../pricewar/compare.js';
import type { PriceData } from '../../pricewar/data.js';
import { resolveModel } from '../../pricewar/models.js';
import type { Watch } from '../../pricewar/store.js';
import { watchChange, watchedPrice, type WatchChange } from '../../pricewar/watch.js';
import { inFlagWords } from './options.js';
import { unwatchReply, watchAddedReply, watchListReply, watchNoticeReply } from './presenter.js';
import type { PriceBook } from './service.js';
import { priceBookService } from './service.js';

/** A watch's one notice row: it follows the model, whichever listing stands for it. */
const NOTICE_KEY = 'model';
export const MAX_WATCHES_PER_CHANNEL = 50;

export interface WatchArgs {
  readonly models: readonly string[];
  readonly below?: number | undefined;
  readonly change?: number | undefined;
}

export async function answerWatch(ctx: CommandContext, args: WatchArgs): Promise<Reply> {
  const book = await ctx.services.get(priceBookService);
  const data = book.data();
  const place = ctx.message.conversation;
  const existing = book.store.watches({ platform: place.platform, channel: place.channel });
  if (existing.length + args.models.length > MAX_WATCHES_PER_CHANNEL) throw new UserError(`A channel may watch at most ${MAX_WATCHES_PER_CHANNEL} models (this one has ${existing.length}). Remove some with /pricewar unwatch <model>.`);
  // Every name first, resolved as /pricewar compare resolves it (aliases included): an unknown one is an ArgumentError with suggestions, and nothing is watched.
  const compared = inFlagWords(() => comparePrices(data, { models: args.models })).models;
  // The China table is dated and no feed updates it: a watch on it would never fire, and its CNY prices are not the USD thresholds.
  const fromTable = compared.filter((m) => m.currency !== 'USD');
  if (fromTable.length > 0) throw new UserError(fromTable.map((m) => `${m.query} is priced from the dated China price table (${m.currency}), which no feed updates, so a watch on it would never post.${feedListingHint(data, m.query)}`).join('\n'));
  const added = args.models.map((query) => {
    const current = watchedPrice(data, query);
    const watch = book.store.addWatch({ platform: place.platform, channel: place.channel, model: query.toLowerCase(), below: args.below ?? null, minChange: args.change ?? null, createdBy: ctx.userKey, createdAt: new Date().toISOString() });
    // The price now is the baseline: the first notice is about a change after the watch began.
    if (current !== undefined) book.store.setNotice({ watchId: watch.id, seriesKey: NOTICE_KEY, date: current.date, input: current.input, output: current.output }, null);
    return { query, current: current === undefined ? undefined : { listing: current.listing, date: current.date, input: current.input, output: current.output } };
  });
  return watchAddedReply(data, added, args.below, args.change);
}

/** " Watch a feed listing instead, e.g. …" when the name also has USD feed listings. */
function feedListingHint(data: PriceData, query: string): string {
  try {
    const keys = resolveModel(data.models, query).listings.map((l) => l.key).slice(0, 3);
    return keys.length === 0 ? '' : ` Watch a feed listing of it instead, e.g. ${keys.join(', ')}.`;
  } catch {
    return '';
  }
}

/** /pricewar watch: `list` shows this channel's watches; model names add watches. */
export function answerWatchOrList(ctx: CommandContext, args: WatchArgs): Promise<Reply> {
  return args.models.length === 1 && args.models[0]?.toLowerCase() === 'list' ? answerWatchList(ctx) : answerWatch(ctx, args);
}

export async function answerWatchList(ctx: CommandContext): Promise<Reply> {
  const book = await ctx.services.get(priceBookService);
  const place = ctx.message.conversation;
  const watches = book.store.watches({ platform: place.platform, channel: place.channel }).map((watch) => ({ watch, notice: book.store.notice(watch.id, NOTICE_KEY) }));
  return watchListReply(book.data(), watches);
}

export async function answerUnwatch(ctx: CommandContext, args: { models: readonly string[] }): Promise<Reply> {
  const book = await ctx.services.get(priceBookService);
  const place = ctx.message.conversation;
  const removed = args.models.filter((m) => book.store.removeWatch(place.platform, place.channel, m.toLowerCase()));
  return unwatchReply(book.data(), removed, args.models.filter((m) => !removed.includes(m)));
}

/**
 * Compare every watch with the current price and post one message per
 * channel with qualifying changes. A watch without a notice gets its
 * baseline; a post that fails leaves the notices, so the next sync retries.
 */
export async function notifyWatches(book: PriceBook, outbox: Pick<Outbox, 'post' | 'adapter'>, log: Logger): Promise<number> {
  const data = book.data();
  const feeds = new Map(book.store.series().map((s) => [`${s.provider}:${s.model}`, s.feed]));
  const byChannel = new Map<string, { to: Conversation; items: { watch: Watch; change: WatchChange }[] }>();
  for (const watch of book.store.watches()) {
    const current = watchedPrice(data, watch.model);
    if (current === undefined) continue;
    const notice = book.store.notice(watch.id, NOTICE_KEY);
    if (notice === undefined) {
      book.store.setNotice({ watchId: watch.id, seriesKey: NOTICE_KEY, date: current.date, input: current.input, output: current.output }, null);
      continue;
    }
    const change = watchChange(watch, { listing: '', date: notice.date, input: notice.input, output: notice.output }, current, (l) => feeds.get(l) ?? 'litellm');
    if (change === undefined) continue;
    const key = `${watch.platform}\u0000${watch.channel}`;
    const entry = byChannel.get(key) ?? { to: { platform: watch.platform, channel: watch.channel }, items: [] };
    entry.items.push({ watch, change });
    byChannel.set(key, entry);
  }
  let posted = 0;
  for (const { to, items } of byChannel.values()) {
    if (outbox.adapter(to.platform) === undefined) {
      log.warn({ platform: to.platform, channel: to.channel }, 'price watch: no adapter for the channel is running; it will be notified after a later sync');
      continue;
    }
    try {
      await outbox.post(to, watchNoticeReply(data, items.map((i) => i.change)));
    } catch (error) {
      log.error({ err: error, platform: to.platform, channel: to.channel }, 'price watch: the notification could not be posted; it is retried after the next sync');
      continue;
    }
    const at = new Date().toISOString();
    for (const { watch, change } of items) book.store.setNotice({ watchId: watch.id, seriesKey: NOTICE_KEY, date: change.after.date, input: change.after.input, output: change.after.output }, at);
    posted++;
  }
  return posted;
}
