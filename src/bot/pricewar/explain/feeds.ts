/** /pricewar sources and /pricewar sync in words: each feed's last success, row counts and errors. */
import { FEED_IDS, FEED_LABELS, type FeedId } from '../../../pricewar/feeds.js';
import type { FeedRun } from '../../../pricewar/store.js';
import { PROVENANCE, type Cell, type Summary } from './summary.js';

export interface FeedStatus {
  readonly feed: FeedId;
  /** The URL fetched (scheme, host, path), or undefined when the feed is off. */
  readonly url: string | undefined;
  readonly lastSuccess: FeedRun | undefined;
  readonly lastRun: FeedRun | undefined;
  readonly series: number;
}

export interface StoreStatus {
  readonly feeds: readonly FeedStatus[];
  readonly series: number;
  readonly observations: number;
  readonly newestDay: string | undefined;
  readonly schedule: string;
}

const when = (iso: string | undefined): string => (iso === undefined ? 'never' : `${iso.slice(0, 16).replace('T', ' ')} UTC`);

export function explainSources(status: StoreStatus): Summary {
  const failing = status.feeds.filter((f) => f.lastRun !== undefined && f.lastRun.status !== 'ok');
  const headline =
    `Price history: ${status.observations.toLocaleString('en-US')} change points of ${status.series.toLocaleString('en-US')} listings, newest ${status.newestDay ?? 'n/a'}` +
    (failing.length > 0 ? `; ${failing.map((f) => f.feed).join(', ')} failed last time (the previous data stays in use).` : '.');
  const lines = status.feeds.map((f) => {
    if (f.url === undefined) return `${f.feed}: off (its URL is set to off).`;
    const last = f.lastRun;
    const ok = f.lastSuccess;
    const okText = ok === undefined ? 'no successful sync yet' : `last success ${when(ok.finishedAt)}: ${ok.models.toLocaleString('en-US')} models, ${ok.changes} price change(s)${ok.skipped > 0 ? `, ${ok.skipped} row(s) skipped (e.g. ${ok.skippedSample[0] ?? '?'})` : ''}`;
    const lastText = last !== undefined && last.status !== 'ok' ? `; last run ${when(last.finishedAt)} ${last.status}: ${last.error ?? 'unknown'}` : '';
    return `${f.feed} (${f.url}): ${okText}${lastText}.`;
  });
  lines.push(`Sync schedule: ${status.schedule === 'off' ? 'off (only /pricewar sync)' : `${status.schedule} (cron, UTC), and at start-up when the data is over a day old`}. Admins run one now with /pricewar sync.`);
  return {
    title: 'Price feeds',
    headline,
    lines,
    table: {
      columns: ['Feed', 'Last success', 'Models', 'Changes', 'Skipped', 'Last error'],
      rows: status.feeds.map((f): Cell[] => [f.feed, when(f.lastSuccess?.finishedAt), f.lastSuccess?.models ?? null, f.lastSuccess?.changes ?? null, f.lastSuccess?.skipped ?? null, f.lastRun?.status === 'ok' ? '' : (f.lastRun?.error ?? '')]),
    },
    citations: [...FEED_IDS.map((id) => ({ title: FEED_LABELS[id] })), PROVENANCE],
    data: { ...status },
  };
}

export interface SyncedFeed {
  readonly feed: FeedId;
  readonly status: 'ok' | 'rejected' | 'failed';
  readonly models?: number;
  readonly changes?: number;
  readonly skipped: number;
  readonly error?: string;
}

export function explainSync(day: string, feeds: readonly SyncedFeed[]): Summary {
  const ok = feeds.filter((f) => f.status === 'ok');
  const headline =
    feeds.length === 0
      ? 'No feed is configured (both feed URLs are off).'
      : ok.length === feeds.length
        ? `Synced ${ok.length} feed(s) for ${day}: ${ok.reduce((n, f) => n + (f.changes ?? 0), 0)} price change(s) recorded.`
        : `Synced ${ok.length} of ${feeds.length} feed(s); the others kept their previous data.`;
  const lines = feeds.map((f) =>
    f.status === 'ok'
      ? `${f.feed}: ${f.models?.toLocaleString('en-US')} models, ${f.changes} change(s)${f.skipped > 0 ? `, ${f.skipped} row(s) with absurd prices skipped` : ''}.`
      : `${f.feed}: ${f.status} — ${f.error}. Nothing from it was written; the previous data stays in use.`,
  );
  return { title: 'Price sync', headline, lines, citations: [], data: { day, feeds } };
}
