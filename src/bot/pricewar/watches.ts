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
import type { ChartSpec, Reply } from '../../core/reply.js';
import type { Outbox } from '../../core/services.js';
import { fmtUsd } from '../../pricewar/format.js';
import { resolveModel } from '../../pricewar/models.js';
import type { Watch } from '../../pricewar/store.js';
import { watchChange, watchedPrice, watchSpec, type WatchChange } from '../../pricewar/watch.js';
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

const pair = (i: number | null, o: number | null): string => `${fmtUsd(i)} / ${fmtUsd(o)}`;

export async function answerWatch(ctx: CommandContext, args: WatchArgs): Promise<Reply> {
  const book = await ctx.services.get(priceBookService);
  const data = book.data();
  const place = ctx.message.conversation;
  const existing = book.store.watches({ platform: place.platform, channel: place.channel });
  if (existing.length + args.models.length > MAX_WATCHES_PER_CHANNEL) throw new UserError(`A channel may watch at most ${MAX_WATCHES_PER_CHANNEL} models (this one has ${existing.length}). Remove some with /pricewar unwatch <model>.`);
  const lines: string[] = [];
  for (const query of args.models) {
    resolveModel(data.models, query); // an unknown name is an ArgumentError with suggestions
    const current = watchedPrice(data, query);
    const watch = book.store.addWatch({ platform: place.platform, channel: place.channel, model: query.toLowerCase(), below: args.below ?? null, minChange: args.change ?? null, createdBy: ctx.userKey, createdAt: new Date().toISOString() });
    if (current !== undefined) book.store.setNotice({ watchId: watch.id, seriesKey: NOTICE_KEY, date: current.date, input: current.input, output: current.output }, null);
    lines.push(`${query}: now ${current === undefined ? 'no price' : `${pair(current.input, current.output)} per M tokens (${current.listing}, since ${current.date})`}`);
  }
  const rule = [args.below === undefined ? null : `falls below ${fmtUsd(args.below)} (blended)`, args.change === undefined ? null : `moves by ${Math.round(args.change * 1000) / 10}% or more`].filter((x) => x !== null);
  return {
    title: 'Price watch',
    text: [`**This channel now watches ${args.models.join(', ')}.** The bot posts here after a price sync when the price ${rule.length > 0 ? rule.join(' or ') : 'moves by 10% or more (blended)'}; probable data errors never notify.`, ...lines, 'List: /pricewar watch list · stop: /pricewar unwatch <model>'].join('\n'),
    data: { watching: args.models, below: args.below ?? null, change: args.change ?? null },
  };
}

/** /pricewar watch: `list` shows this channel's watches; model names add watches. */
export function answerWatchOrList(ctx: CommandContext, args: WatchArgs): Promise<Reply> {
  return args.models.length === 1 && args.models[0]?.toLowerCase() === 'list' ? answerWatchList(ctx) : answerWatch(ctx, args);
}

export async function answerWatchList(ctx: CommandContext): Promise<Reply> {
  const book = await ctx.services.get(priceBookService);
  const place = ctx.message.conversation;
  const watches = book.store.watches({ platform: place.platform, channel: place.channel });
  if (watches.length === 0) return { text: 'This channel watches no prices. Start with /pricewar watch gpt-4o --change 10%.', data: { watches: [] } };
  return {
    title: 'Watched prices',
    text: `**This channel watches ${watches.length} model(s).**`,
    table: {
      columns: ['Model', 'Below', 'Change', 'Last notified price', 'Since'],
      rows: watches.map((w) => {
        const n = book.store.notice(w.id, NOTICE_KEY);
        return [w.model, w.below === null ? '–' : fmtUsd(w.below), w.minChange === null ? (w.below === null ? '10%' : '–') : `${Math.round(w.minChange * 1000) / 10}%`, n === undefined ? '–' : pair(n.input, n.output), n?.date ?? '–'];
      }),
    },
    data: { watches },
  };
}

export async function answerUnwatch(ctx: CommandContext, args: { models: readonly string[] }): Promise<Reply> {
  const book = await ctx.services.get(priceBookService);
  const place = ctx.message.conversation;
  const removed = args.models.filter((m) => book.store.removeWatch(place.platform, place.channel, m.toLowerCase()));
  const missing = args.models.filter((m) => !removed.includes(m));
  return {
    text: [removed.length > 0 ? `Stopped watching ${removed.join(', ')} here.` : '', missing.length > 0 ? `Not watched here: ${missing.join(', ')}.` : ''].filter((s) => s !== '').join(' '),
    data: { removed, missing },
  };
}

/** The notification for one channel: every watch of it that changed. */
export function watchReply(changes: readonly WatchChange[]): Reply {
  const lines = changes.map(
    (c) => `${c.model}: ${pair(c.before.input, c.before.output)} → ${pair(c.after.input, c.after.output)} per M tokens (${c.reason}; ${c.after.listing}, feed ${c.feed}, ${c.before.date} → ${c.after.date})`,
  );
  const first = changes[0] as WatchChange;
  const headline = changes.length === 1 ? `Price change: ${first.model} ${first.reason}.` : `Price changes for ${changes.length} watched models.`;
  return {
    title: 'Watched price change',
    text: [`**${headline}**`, ...lines, 'Stop: /pricewar unwatch <model>'].join('\n'),
    charts: [{ filename: 'pricewar-watch.png', spec: watchSpec(changes) as unknown as ChartSpec, title: 'Watched price change', alt: headline }],
    data: { changes },
  };
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
      await outbox.post(to, watchReply(items.map((i) => i.change)));
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
