/**
 * The loaded, indexed price data that every analysis reads. Built once per
 * process (see service.ts) because parsing and validating ~6,000 rows is the
 * expensive part; the analyses themselves are cheap scans over it.
 */
import { cleanSeries, isChatModel, type ExcludedObservation } from './clean.js';
import { loadRawPriceData, type DataIssue, type LoadOptions, type RawPriceData } from './load.js';
import { buildModelIndex, modelFamily, type ModelIndex } from './models.js';
import { buildListings, listingKey, type Listing } from './prices.js';
import type { CapabilityScoreRow } from './schemas.js';

export interface ScoredListing {
  readonly listing: Listing;
  /** The score rows whose `match` pattern matches this listing's model id. */
  readonly scores: readonly CapabilityScoreRow[];
}

export interface PriceData {
  readonly raw: RawPriceData;
  readonly listings: ReadonlyMap<string, Listing>;
  readonly models: ModelIndex;
  /** Listings that some capability-score row covers (fine-tuning listings excluded). */
  readonly scored: readonly ScoredListing[];
  /** First and last day of the price history (the snapshot date, 2026-07-24 in the bundled data). */
  readonly firstDay: number;
  readonly lastDay: number;
  readonly issues: readonly DataIssue[];
  readonly loadedAt: Date;
  /** False with --raw: probable data errors are kept in the series. */
  readonly cleaned: boolean;
  /** The observations left out as probable data errors (./clean.ts), whether or not `cleaned`. */
  readonly excluded: readonly ExcludedObservation[];
  /** Listing key → the feed's mode (chat, embedding, …) where one is known. */
  readonly modes: ReadonlyMap<string, string>;
  /** Where the history came from: the SQLite store (feeds + seed) or the CSV files alone. */
  readonly origin: 'store' | 'csv';
}

export interface IndexOptions {
  /** Keep probable data errors in the series (--raw). Default false. */
  readonly raw?: boolean;
  readonly origin?: 'store' | 'csv';
}

/** A chat model (not embedding, image, audio, moderation): what chat comparisons include unless asked otherwise. */
export function isChatListing(data: Pick<PriceData, 'modes'>, listing: Listing): boolean {
  return isChatModel(listing.model, data.modes.get(listing.key));
}

/** The parts of PriceData built from the history; computed together, on first use. */
interface HistoryIndex {
  readonly listings: ReadonlyMap<string, Listing>;
  readonly models: ModelIndex;
  readonly scored: readonly ScoredListing[];
  readonly firstDay: number;
  readonly lastDay: number;
  readonly excluded: readonly ExcludedObservation[];
  readonly modes: ReadonlyMap<string, string>;
}

function indexHistory(raw: RawPriceData, options: IndexOptions): HistoryIndex {
  const built = buildListings(raw.history.rows, modelFamily);
  const excluded: ExcludedObservation[] = [];
  const listings = new Map<string, Listing>();
  for (const [key, listing] of built) {
    const { kept, excluded: out } = cleanSeries(key, listing.observations);
    excluded.push(...out);
    if (options.raw === true || out.length === 0) listings.set(key, listing);
    else if (kept.length > 0) listings.set(key, { ...listing, observations: kept });
  }
  const modes = new Map<string, string>();
  for (const r of raw.latest.rows) if (r.mode !== undefined) modes.set(listingKey(r.provider, r.model), r.mode);
  const models = buildModelIndex(listings.values());
  const patterns = raw.scores.rows.map((row) => ({ row, re: new RegExp(row.match, 'i') }));
  const scored: ScoredListing[] = [];
  for (const listing of listings.values()) {
    // Fine-tuning prices are for a customer's own weights, not the listed model.
    if (listing.model.toLowerCase().startsWith('ft:')) continue;
    // Capability tiers compare chat models: an embedding model never stands for "GPT-4 level".
    if (!isChatModel(listing.model, modes.get(listing.key))) continue;
    const scores = patterns.filter((p) => p.re.test(listing.model)).map((p) => p.row);
    if (scores.length > 0) scored.push({ listing, scores });
  }
  // Every history row is an observation of its listing, already parsed and sorted by day.
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (const { observations } of listings.values()) {
    firstDay = Math.min(firstDay, observations[0]?.day ?? firstDay);
    lastDay = Math.max(lastDay, observations[observations.length - 1]?.day ?? lastDay);
  }
  if (!Number.isFinite(firstDay)) {
    firstDay = 0;
    lastDay = 0;
  }
  return { listings, models, scored, firstDay, lastDay, excluded, modes };
}

/**
 * Index raw tables. Pure: tests build PriceData from hand-made tables with it.
 * The history's index (listings, models, scores, the date range) is built on
 * first use, not here: an answer that reads only the other tables (/pricewar
 * cuts reads the China cuts table) does not pay for it, which is most of a
 * one-shot `pwbot` run's data time (issue #15).
 */
export function indexPriceData(raw: RawPriceData, options: IndexOptions = {}): PriceData {
  let index: HistoryIndex | undefined;
  const history = (): HistoryIndex => (index ??= indexHistory(raw, options));
  return {
    raw,
    get listings() {
      return history().listings;
    },
    get models() {
      return history().models;
    },
    get scored() {
      return history().scored;
    },
    get firstDay() {
      return history().firstDay;
    },
    get lastDay() {
      return history().lastDay;
    },
    get excluded() {
      return history().excluded;
    },
    get modes() {
      return history().modes;
    },
    issues: raw.issues,
    loadedAt: new Date(),
    cleaned: options.raw !== true,
    origin: options.origin ?? 'csv',
  };
}

export async function loadPriceData(options: LoadOptions = {}): Promise<PriceData> {
  return indexPriceData(await loadRawPriceData(options));
}
