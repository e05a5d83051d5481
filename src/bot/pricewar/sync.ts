/**
 * Syncing the price feeds into the store: fetch each feed through the one
 * HTTP client (./http.ts), parse and check it (src/pricewar/feeds.ts),
 * record the day's snapshot, and log the run for /pricewar sources. A feed
 * that fails or is rejected writes nothing but its run record: the
 * previous data stays in use. Feeds run one after the other, and syncs
 * never overlap (a second request waits for the one in progress and
 * shares its outcome).
 */
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { checkFeedPlausible, FEED_IDS, FeedRejected, parseFeed, type FeedId, type ParsedFeed } from '../../pricewar/feeds.js';
import type { RecordResult } from '../../pricewar/store.js';
import { fetchJson, FeedFetchError } from './http.js';
import type { PriceBook } from './service.js';

export interface FeedSettings {
  readonly urls: Partial<Record<FeedId, string>>;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly attempts: number;
  readonly backoffMs?: number;
}

export function feedSettings(config: Config): FeedSettings {
  const urls: Partial<Record<FeedId, string>> = {};
  if (config.PRICE_FEED_OPENROUTER_URL !== 'off') urls.openrouter = config.PRICE_FEED_OPENROUTER_URL;
  if (config.PRICE_FEED_LITELLM_URL !== 'off') urls.litellm = config.PRICE_FEED_LITELLM_URL;
  return { urls, timeoutMs: config.PRICE_FEED_TIMEOUT_MS, maxBytes: config.PRICE_FEED_MAX_BYTES, attempts: 3 };
}

export type FeedOutcome =
  | { readonly feed: FeedId; readonly status: 'ok'; readonly models: number; readonly changes: number; readonly skipped: number; readonly result: RecordResult; readonly parsed: ParsedFeed }
  | { readonly feed: FeedId; readonly status: 'rejected' | 'failed'; readonly error: string; readonly skipped: number };

export interface SyncOutcome {
  readonly day: string;
  readonly feeds: readonly FeedOutcome[];
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

export class PriceSyncer {
  private running: Promise<SyncOutcome> | undefined;
  private readonly stopper = new AbortController();
  /** Called after a sync in which some feed succeeded (watch notifications). */
  private readonly listeners: ((outcome: SyncOutcome) => Promise<void>)[] = [];

  constructor(
    readonly book: PriceBook,
    private readonly settings: FeedSettings,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  onChanges(listener: (outcome: SyncOutcome) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Abort a sync in progress and wait for it to end (shutdown). */
  async stop(): Promise<void> {
    this.stopper.abort();
    await this.running?.catch(() => undefined);
  }

  /** Is the newest data older than `maxAgeMs` (start-up sync)? */
  stale(maxAgeMs = 86_400_000): boolean {
    const newest = this.book.store.newestDay();
    return newest === undefined || Date.parse(`${newest}T23:59:59Z`) < this.now().getTime() - maxAgeMs;
  }

  /** Sync every configured feed; one already running is joined, not repeated. */
  sync(reason: string): Promise<SyncOutcome> {
    if (this.running !== undefined) return this.running;
    const run = this.syncAll(reason).finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async syncAll(reason: string): Promise<SyncOutcome> {
    const today = day(this.now());
    const feeds: FeedOutcome[] = [];
    for (const feed of FEED_IDS) {
      if (this.stopper.signal.aborted) break;
      const url = this.settings.urls[feed];
      if (url === undefined) continue;
      feeds.push(await this.syncFeed(feed, url, today));
    }
    const outcome = { day: today, feeds };
    const changed = feeds.some((f) => f.status === 'ok' && f.changes > 0);
    if (changed) this.book.invalidate();
    this.log.info({ reason, feeds: feeds.map((f) => ({ feed: f.feed, status: f.status, ...(f.status === 'ok' ? { models: f.models, changes: f.changes } : { error: f.error }) })) }, 'price feeds synced');
    // Listeners run after every sync with a good feed, not only on changes: a notice missed before a restart is caught up.
    if (feeds.some((f) => f.status === 'ok')) {
      for (const listener of this.listeners) {
        try {
          await listener(outcome);
        } catch (error) {
          this.log.error({ err: error }, 'price change listener failed');
        }
      }
    }
    return outcome;
  }

  private async syncFeed(feed: FeedId, url: string, today: string): Promise<FeedOutcome> {
    const store = this.book.store;
    const startedAt = this.now().toISOString();
    let parsed: ParsedFeed | undefined;
    try {
      const body = await fetchJson(url, { timeoutMs: this.settings.timeoutMs, maxBytes: this.settings.maxBytes, attempts: this.settings.attempts, backoffMs: this.settings.backoffMs ?? 500, signal: this.stopper.signal });
      parsed = parseFeed(feed, body);
      checkFeedPlausible(parsed, store.listedOnNewestDay(feed));
      const result = store.recordSnapshot(feed, today, parsed.observations);
      const skipped = parsed.skipped.length;
      store.recordRun({ feed, startedAt, finishedAt: this.now().toISOString(), status: 'ok', models: result.seen, changes: result.changes, skipped, error: null, skippedSample: parsed.skipped.slice(0, 10).map((s) => `${s.model}: ${s.reason}`) });
      if (skipped > 0) this.log.warn({ feed, skipped, first: parsed.skipped.slice(0, 5) }, 'price feed: rows with absurd prices were skipped');
      return { feed, status: 'ok', models: result.seen, changes: result.changes, skipped, result, parsed };
    } catch (error) {
      const known = error instanceof FeedFetchError || error instanceof FeedRejected;
      if (!known) this.log.error({ err: error, feed }, 'price feed sync failed unexpectedly');
      const status = error instanceof FeedRejected ? 'rejected' : 'failed';
      const message = (error as Error).message.split('\n')[0]?.slice(0, 300) ?? 'unknown error';
      const skipped = parsed?.skipped.length ?? 0;
      this.log.warn({ feed, url: redactUrl(url), status, reason: message }, 'price feed sync did not update the data; the previous data stays in use');
      try {
        store.recordRun({ feed, startedAt, finishedAt: this.now().toISOString(), status, models: parsed?.observations.length ?? 0, changes: 0, skipped, error: message, skippedSample: (parsed?.skipped ?? []).slice(0, 10).map((s) => `${s.model}: ${s.reason}`) });
      } catch (storeError) {
        this.log.error({ err: storeError }, 'could not record the feed run');
      }
      return { feed, status, error: message, skipped };
    }
  }
}

/** A URL for the log: scheme, host and path, never a query (it may carry a key). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(bad URL)';
  }
}
