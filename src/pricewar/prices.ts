/**
 * Price series per listing. A listing ("key") is one (provider, model) pair
 * of the LiteLLM price map; its history is a step function: a price holds
 * from the day it was recorded until the next recorded change.
 */
import { parseIsoDay } from './dates.js';
import type { PriceHistoryRow } from './schemas.js';

export interface Observation {
  readonly date: string;
  readonly day: number;
  /** USD per million tokens; null when the map gives no price for that side. */
  readonly input: number | null;
  readonly output: number | null;
  readonly line: number;
}

export interface Listing {
  /** `provider:model`, unique. */
  readonly key: string;
  readonly provider: string;
  readonly model: string;
  readonly family: string;
  /** Sorted by day; on the same day the later row of the file wins. */
  readonly observations: readonly Observation[];
}

/** Input:output weights of a blended price; 3:1 is what Epoch AI and Artificial Analysis use. */
export interface BlendWeights {
  readonly input: number;
  readonly output: number;
}

export const DEFAULT_BLEND: BlendWeights = { input: 3, output: 1 };

/** `3:1` → {input: 3, output: 1}; undefined when it is not two non-negative numbers with a positive sum. */
export function parseRatio(text: string): BlendWeights | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (m === null) return undefined;
  const input = Number(m[1]);
  const output = Number(m[2]);
  if (!(input + output > 0)) return undefined;
  return { input, output };
}

export function formatRatio(w: BlendWeights): string {
  return `${w.input}:${w.output}`;
}

/**
 * (w_in·input + w_out·output) / (w_in + w_out). A side with weight 0 may be
 * missing; a missing side with positive weight makes the blend unknown (null).
 */
export function blendedPrice(input: number | null, output: number | null, w: BlendWeights = DEFAULT_BLEND): number | null {
  if (w.input > 0 && input === null) return null;
  if (w.output > 0 && output === null) return null;
  return ((w.input > 0 ? w.input * (input as number) : 0) + (w.output > 0 ? w.output * (output as number) : 0)) / (w.input + w.output);
}

/** The observation in effect on `day` (the last one recorded on or before it). */
export function observationAt(listing: Listing, day: number): Observation | undefined {
  const obs = listing.observations;
  let lo = 0;
  let hi = obs.length - 1;
  let found: Observation | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = obs[mid] as Observation;
    if (o.day <= day) {
      found = o;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Several rows on one day: the last of them is the day's price.
  return found;
}

export function latestObservation(listing: Listing): Observation | undefined {
  return listing.observations[listing.observations.length - 1];
}

export function listingKey(provider: string, model: string): string {
  return `${provider}:${model}`;
}

/** Group history rows into listings (input rows must be valid; order within a day follows the file). */
export function buildListings(rows: readonly (PriceHistoryRow & { line: number })[], familyOf: (model: string) => string): Map<string, Listing> {
  const byKey = new Map<string, { provider: string; model: string; observations: Observation[] }>();
  for (const row of rows) {
    const key = listingKey(row.provider, row.model);
    let entry = byKey.get(key);
    if (entry === undefined) {
      entry = { provider: row.provider, model: row.model, observations: [] };
      byKey.set(key, entry);
    }
    entry.observations.push({ date: row.date, day: parseIsoDay(row.date) as number, input: row.input_usd_per_mtok, output: row.output_usd_per_mtok, line: row.line });
  }
  const listings = new Map<string, Listing>();
  for (const [key, entry] of byKey) {
    // Stable sort: same-day rows keep file order, so the later row is the day's final price.
    entry.observations.sort((a, b) => a.day - b.day || a.line - b.line);
    listings.set(key, { key, provider: entry.provider, model: entry.model, family: familyOf(entry.model), observations: entry.observations });
  }
  return listings;
}
