/**
 * The loaded, indexed price data that every analysis reads. Built once per
 * process (see service.ts) because parsing and validating ~6,000 rows is the
 * expensive part; the analyses themselves are cheap scans over it.
 */
import { loadRawPriceData, type DataIssue, type LoadOptions, type RawPriceData } from './load.js';
import { buildModelIndex, modelFamily, type ModelIndex } from './models.js';
import { buildListings, type Listing } from './prices.js';
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
}

/** Index raw tables. Pure: tests build PriceData from hand-made tables with it. */
export function indexPriceData(raw: RawPriceData): PriceData {
  const listings = buildListings(raw.history.rows, modelFamily);
  const models = buildModelIndex(listings.values());
  const patterns = raw.scores.rows.map((row) => ({ row, re: new RegExp(row.match, 'i') }));
  const scored: ScoredListing[] = [];
  for (const listing of listings.values()) {
    // Fine-tuning prices are for a customer's own weights, not the listed model.
    if (listing.model.toLowerCase().startsWith('ft:')) continue;
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
  return { raw, listings, models, scored, firstDay, lastDay, issues: raw.issues, loadedAt: new Date() };
}

export async function loadPriceData(options: LoadOptions = {}): Promise<PriceData> {
  return indexPriceData(await loadRawPriceData(options));
}
