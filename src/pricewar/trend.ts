/**
 * /pricewar trend: how fast prices fall. A series is "the cheapest blended
 * price in effect" among a set of listings (one model family, or every model
 * at or above a capability tier), sampled on the first of every month (the
 * a16z method), fitted log-linearly (the Epoch AI method).
 */
import { UserError } from '../core/errors.js';
import { exclusionCounts, type ExclusionKind } from './clean.js';
import { isChatListing, type PriceData, type ScoredListing } from './data.js';
import { dayParam, dayToIso, nextMonthStart, parseIsoDay, yearsBetween } from './dates.js';
import { MissingDataError, ParamError } from './errors.js';
import { fitLogLinear, type LogLinearFit } from './fit.js';
import { requireProviders, resolveModel } from './models.js';
import { blendedPrice, DEFAULT_BLEND, observationAt, type BlendWeights, type Listing } from './prices.js';
import { comparePublished, type PublishedComparison } from './published.js';
import { allTiers, resolveTier, scoreOn, tierCandidates, type Tier } from './tiers.js';

export interface TrendOptions {
  readonly model?: string | undefined;
  readonly provider?: string | undefined;
  readonly tier?: string | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly blend?: BlendWeights | undefined;
}

export interface TrendPoint {
  readonly date: string;
  /** Years since the series' first point. */
  readonly t: number;
  readonly price: number;
  readonly provider: string;
  readonly model: string;
}

export interface TrendSeries {
  readonly id: string;
  readonly label: string;
  readonly kind: 'model' | 'tier';
  readonly tier?: Tier;
  /** How many listings could supply the price, and a few of them. */
  readonly listingCount: number;
  readonly listingSample: readonly string[];
  readonly from: string;
  readonly to: string;
  /** Monthly samples of the cheapest price: the points the fit uses. */
  readonly points: readonly TrendPoint[];
  /** Every change of the cheapest price: the first price, then each day it moved. */
  readonly steps: readonly TrendPoint[];
  /** Null when there are fewer than 3 points. */
  readonly fit: LogLinearFit | null;
  readonly firstPrice: number | null;
  readonly lastPrice: number | null;
  /** Listings skipped on some day because their blended price was 0 (free or local tiers; a log fit needs prices > 0). */
  readonly zeroPricedListings: number;
  readonly published: readonly PublishedComparison[];
  /** Observations of this series' listings flagged as probable data errors (left out of the fit unless --raw), by kind. */
  readonly excluded: Partial<Record<ExclusionKind, number>>;
}

export interface TrendResult {
  readonly mode: 'model' | 'tier' | 'tiers';
  readonly blend: BlendWeights;
  readonly since: string | undefined;
  readonly until: string;
  readonly series: readonly TrendSeries[];
}

/** Fewer points than this and a "trend" is just a line through two dots. */
export const MIN_FIT_POINTS = 3;
const LISTING_SAMPLE = 8;

interface Candidate {
  readonly listing: Listing;
  readonly scored?: ScoredListing;
}

export function priceTrend(data: PriceData, options: TrendOptions = {}): TrendResult {
  const blend = options.blend ?? DEFAULT_BLEND;
  const sinceDay = dayParam('since', options.since);
  const untilDay = dayParam('until', options.until) ?? data.lastDay;
  if (sinceDay !== undefined && sinceDay > untilDay && options.until === undefined) {
    // The end of the range is the data's, not the caller's: name the data, not an `until` nobody gave.
    throw new ParamError(['since'], (name) => `${name('since')} (${options.since}) is after the end of the price data: it ends on ${dayToIso(untilDay)}. Give an earlier ${name('since')}.`);
  }
  if (sinceDay !== undefined && sinceDay > untilDay) {
    throw new ParamError(['since', 'until'], (name) => `${name('since')} (${options.since}) is after ${name('until')} (${dayToIso(untilDay)}); give an earlier ${name('since')}.`);
  }
  if (options.model !== undefined && options.tier !== undefined) throw new ParamError(['model', 'tier'], (name) => `Give either ${name('model')} or ${name('tier')}, not both.`);
  if (data.listings.size === 0) throw new UserError('No price history is loaded (litellm_price_history.csv is missing or has no valid rows).', { code: 'not_found' });
  const providers = options.provider === undefined ? undefined : requireProviders(data.models, options.provider);

  const range = { sinceDay, untilDay };
  let series: TrendSeries[];
  let mode: TrendResult['mode'];
  if (options.model !== undefined) {
    const match = resolveModel(data.models, options.model, providers);
    const label = match.mode === 'family' ? `${options.model} (family)` : options.model;
    // A chat family leaves out its embedding or audio relatives; a model that is only non-chat is still shown when asked for.
    const chat = match.listings.filter((l) => isChatListing(data, l));
    const listings = chat.length > 0 ? chat : match.listings;
    series = [buildSeries(data, `model:${options.model}`, label, 'model', listings.map((listing) => ({ listing })), blend, range)];
    mode = 'model';
  } else {
    const tiers = options.tier === undefined ? allTiers(data) : [resolveTier(data, options.tier)];
    if (tiers.length === 0) {
      throw new MissingDataError(['model', 'tier'], (name) => `No capability tiers are defined (capability_tiers.csv is missing or empty); use ${name('model')} or a number such as ${name('tier')} 80.`);
    }
    series = tiers.map((tier) => {
      const candidates = tierCandidates(data, tier)
        .filter((s) => providers === undefined || providers.has(s.listing.provider))
        .map((scored) => ({ listing: scored.listing, scored }));
      const label = `${tier.benchmark} ≥ ${tier.minScore}${tier.referenceModel ? ` (${tier.referenceModel} level)` : ''}`;
      return buildSeries(data, `tier:${tier.name}`, label, 'tier', candidates, blend, range, tier);
    });
    mode = options.tier === undefined ? 'tiers' : 'tier';
  }
  return { mode, blend, since: options.since, until: dayToIso(untilDay), series };
}

function cheapestOn(candidates: readonly Candidate[], day: number, blend: BlendWeights, tier: Tier | undefined, zeroSeen: Set<string>): { price: number; listing: Listing } | undefined {
  let best: { price: number; listing: Listing } | undefined;
  for (const c of candidates) {
    if (tier !== undefined && c.scored !== undefined) {
      const score = scoreOn(c.scored, tier.benchmark, day);
      if (score === undefined || score < tier.minScore) continue;
    }
    const obs = observationAt(c.listing, day);
    if (obs === undefined) continue;
    const price = blendedPrice(obs.input, obs.output, blend);
    if (price === null) continue;
    if (price <= 0) {
      zeroSeen.add(c.listing.key);
      continue;
    }
    if (best === undefined || price < best.price) best = { price, listing: c.listing };
  }
  return best;
}

function buildSeries(
  data: PriceData,
  id: string,
  label: string,
  kind: 'model' | 'tier',
  candidates: readonly Candidate[],
  blend: BlendWeights,
  range: { sinceDay: number | undefined; untilDay: number },
  tier?: Tier,
): TrendSeries {
  const zeroSeen = new Set<string>();
  // Days on which the cheapest price can change: any recorded price change or a tier score becoming valid.
  const eventDays = new Set<number>();
  for (const c of candidates) {
    for (const o of c.listing.observations) eventDays.add(o.day);
    for (const row of c.scored?.scores ?? []) if (row.valid_from !== undefined) eventDays.add(parseIsoDay(row.valid_from) as number);
  }
  const firstEvent = Math.min(...eventDays);
  const startDay = Math.max(range.sinceDay ?? firstEvent, Number.isFinite(firstEvent) ? firstEvent : range.untilDay);
  const toPoint = (day: number, hit: { price: number; listing: Listing }, origin: number): TrendPoint => ({
    date: dayToIso(day),
    t: yearsBetween(origin, day),
    price: hit.price,
    provider: hit.listing.provider,
    model: hit.listing.model,
  });

  // Steps: evaluate on the start day and every event day after it.
  const stepDays = [startDay, ...[...eventDays].filter((d) => d > startDay && d <= range.untilDay)].sort((a, b) => a - b);
  const stepHits: Array<{ day: number; hit: { price: number; listing: Listing } }> = [];
  for (const day of stepDays) {
    const hit = cheapestOn(candidates, day, blend, tier, zeroSeen);
    if (hit === undefined) continue;
    const prev = stepHits[stepHits.length - 1];
    if (prev === undefined || prev.hit.price !== hit.price) stepHits.push({ day, hit });
  }
  const origin = stepHits[0]?.day ?? startDay;

  // Monthly samples from the first day with a price to the end of the range.
  const points: TrendPoint[] = [];
  if (stepHits.length > 0) {
    const sampleDays: number[] = [];
    for (let d = origin; d <= range.untilDay; d = nextMonthStart(d)) sampleDays.push(d);
    if (sampleDays[sampleDays.length - 1] !== range.untilDay && range.untilDay > origin) sampleDays.push(range.untilDay);
    for (const day of sampleDays) {
      const hit = cheapestOn(candidates, day, blend, tier, zeroSeen);
      if (hit !== undefined) points.push(toPoint(day, hit, origin));
    }
  }
  const steps = stepHits.map((s) => toPoint(s.day, s.hit, origin));

  const fit = points.length >= MIN_FIT_POINTS ? fitLogLinear(points) : null;
  const listingsUsed = candidates.map((c) => c.listing.key);
  const used = new Set(listingsUsed);
  const errors = data.excluded.filter((e) => used.has(e.key) && (range.sinceDay === undefined || (parseIsoDay(e.date) as number) >= range.sinceDay) && (parseIsoDay(e.date) as number) <= range.untilDay);
  return {
    excluded: exclusionCounts(errors),
    id,
    label,
    kind,
    ...(tier === undefined ? {} : { tier }),
    listingCount: listingsUsed.length,
    listingSample: listingsUsed.slice(0, LISTING_SAMPLE),
    from: points[0]?.date ?? dayToIso(startDay),
    to: dayToIso(range.untilDay),
    points,
    steps,
    fit,
    firstPrice: points[0]?.price ?? null,
    lastPrice: points[points.length - 1]?.price ?? null,
    zeroPricedListings: zeroSeen.size,
    published: fit === null ? [] : comparePublished(data, fit.annualDeclineFactor),
  };
}
