/**
 * The price data every analysis reads, from the SQLite store: the store's
 * USD series become the history table (one row per change point) and the
 * rows each feed listed on its newest day become the latest snapshot; the
 * other tables (China cuts, scores, tiers, serving inputs) stay the CSVs'.
 * The analyses themselves do not know which source they read.
 */
import { indexPriceData, type IndexOptions, type PriceData } from './data.js';
import { MAX_USD_PER_MTOK } from './feeds.js';
import type { LoadedTable, RawPriceData } from './load.js';
import type { LatestPriceRow, PriceHistoryRow } from './schemas.js';
import type { PriceStore } from './store.js';

/**
 * Seed an empty store from the loaded CSVs (first start); true when it did.
 * Rows above the feeds' plausibility cap (MAX_USD_PER_MTOK: per-request
 * prices read as per-token) are left out, as a feed sync would skip them.
 */
export function seedStore(store: PriceStore, raw: RawPriceData): boolean {
  const plausible = (r: { input_usd_per_mtok: number | null; output_usd_per_mtok: number | null }): boolean => (r.input_usd_per_mtok ?? 0) <= MAX_USD_PER_MTOK && (r.output_usd_per_mtok ?? 0) <= MAX_USD_PER_MTOK;
  return store.seed(raw.history.rows.filter(plausible), raw.latest.rows.filter(plausible));
}

/**
 * The raw tables with history and latest snapshot replaced by the store's,
 * read from the store on first use of either (a /pricewar cuts answer reads
 * neither).
 */
export function rawFromStore(store: PriceStore, raw: RawPriceData): RawPriceData {
  let tables: Pick<RawPriceData, 'history' | 'latest'> | undefined;
  const read = (): Pick<RawPriceData, 'history' | 'latest'> => (tables ??= historyFromStore(store, raw));
  return {
    ...raw,
    get history() {
      return read().history;
    },
    get latest() {
      return read().latest;
    },
  };
}

function historyFromStore(store: PriceStore, raw: RawPriceData): Pick<RawPriceData, 'history' | 'latest'> {
  const series = new Map(store.series().filter((s) => s.currency === 'USD').map((s) => [s.id, s]));
  const newestByFeed = new Map<string, string>();
  for (const s of series.values()) if ((newestByFeed.get(s.feed) ?? '') < s.lastSeen) newestByFeed.set(s.feed, s.lastSeen);
  const history: (PriceHistoryRow & { line: number })[] = [];
  const latestObs = new Map<number, (typeof history)[number] & { cacheRead: number | null }>();
  let line = 0;
  for (const o of store.observations()) {
    const s = series.get(o.seriesId);
    if (s === undefined) continue;
    // `line` keeps the store's order (series, then day): same-day ties cannot happen (one row per series and day).
    const row = { date: o.date, provider: s.provider, model: s.model, input_usd_per_mtok: o.input, output_usd_per_mtok: o.output, commit: o.source ?? undefined, line: ++line };
    if (row.input_usd_per_mtok === null && row.output_usd_per_mtok === null) continue;
    history.push(row);
    latestObs.set(s.id, { ...row, cacheRead: o.cacheRead });
  }
  const context = new Map(raw.latest.rows.map((r) => [`${r.provider}:${r.model}`, r.max_input_tokens]));
  const latest: (LatestPriceRow & { line: number })[] = [];
  for (const [id, s] of series) {
    if (s.lastSeen !== newestByFeed.get(s.feed)) continue; // no longer listed by its feed
    const o = latestObs.get(id);
    if (o === undefined) continue;
    latest.push({
      date: s.lastSeen,
      provider: s.provider,
      model: s.model,
      input_usd_per_mtok: o.input_usd_per_mtok,
      output_usd_per_mtok: o.output_usd_per_mtok,
      commit: o.commit,
      mode: s.mode ?? undefined,
      cache_read_usd_per_mtok: o.cacheRead,
      max_input_tokens: context.get(`${s.provider}:${s.model}`) ?? null,
      first_seen_in_history: s.firstSeen,
      line: o.line,
    });
  }
  const table = <T>(base: LoadedTable<T>, rows: readonly (T & { line: number })[]): LoadedTable<T> => ({ ...base, rows, records: rows.length, issues: [] });
  const historyTable = table(raw.history, history);
  const latestTable = table(raw.latest, latest);
  // The CSVs' issues stay (rawFromStore keeps them): a row the seed skipped as malformed is still worth a line.
  return { history: historyTable, latest: latestTable };
}

export function priceDataFromStore(store: PriceStore, raw: RawPriceData, options: IndexOptions = {}): PriceData {
  return indexPriceData(rawFromStore(store, raw), { ...options, origin: 'store' });
}
