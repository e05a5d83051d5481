/**
 * /pricewar compare: current input/output/blended prices of a few models side
 * by side, with when each price was set and when the listing was last seen.
 */
import { ArgumentError } from '../core/errors.js';
import type { PriceData } from './data.js';
import { dayToIso } from './dates.js';
import { ParamError, paramKey, type ParamName } from './errors.js';
import { requireProviders, resolveModel } from './models.js';
import { blendedPrice, DEFAULT_BLEND, latestObservation, listingKey, type BlendWeights, type Listing } from './prices.js';

export interface CompareOptions {
  readonly models: readonly string[];
  readonly provider?: string | undefined;
  readonly blend?: BlendWeights | undefined;
}

export interface ComparedModel {
  readonly query: string;
  readonly provider: string;
  readonly model: string;
  /** USD per million tokens. */
  readonly input: number | null;
  readonly output: number | null;
  readonly blended: number | null;
  readonly cachedInput: number | null;
  /** The day this price was recorded (the last change). */
  readonly priceSince: string;
  /** The newest snapshot that still lists it, or its last recorded change if the snapshot no longer does. */
  readonly lastSeen: string;
  readonly inLatestSnapshot: boolean;
  /** How the listing was chosen among several. */
  readonly chosenBecause: string;
  readonly otherListings: number;
  /** Cheapest and dearest blended price among all the query's listings. */
  readonly blendedRange: { min: number; max: number } | null;
}

export interface CompareResult {
  readonly blend: BlendWeights;
  readonly snapshotDate: string | undefined;
  readonly models: readonly ComparedModel[];
}

export const MAX_COMPARE = 12;

/** Several unknown names as one message, one line each; still re-wordable when a line names a parameter. */
function oneError(problems: readonly ArgumentError[]): ArgumentError {
  if (problems.length === 1) return problems[0] as ArgumentError;
  const params = [...new Set(problems.flatMap((p) => (p instanceof ParamError ? p.params : [])))];
  const lines = (name: ParamName): string => problems.map((p) => (p instanceof ParamError ? p.inWords(name).message : p.message)).join('\n');
  return params.length === 0 ? new ArgumentError(lines(paramKey)) : new ParamError(params, lines);
}

export function comparePrices(data: PriceData, options: CompareOptions): CompareResult {
  if (options.models.length === 0) throw new ArgumentError('Name at least one model, e.g. gpt-4o claude-3-5-sonnet deepseek-chat.');
  if (options.models.length > MAX_COMPARE) throw new ArgumentError(`At most ${MAX_COMPARE} models at a time (got ${options.models.length}).`);
  const blend = options.blend ?? DEFAULT_BLEND;
  const providers = options.provider === undefined ? undefined : requireProviders(data.models, options.provider);
  const latest = new Map(data.raw.latest.rows.map((r) => [listingKey(r.provider, r.model), r]));
  const snapshotDate = data.raw.latest.rows.reduce<string | undefined>((max, r) => (max === undefined || r.date > max ? r.date : max), undefined);

  // Resolve every name first so that one message lists every unknown one.
  const problems: ArgumentError[] = [];
  const matches = options.models.map((query) => {
    try {
      return resolveModel(data.models, query, providers);
    } catch (error) {
      if (error instanceof ArgumentError) {
        problems.push(error);
        return undefined;
      }
      throw error;
    }
  });
  if (problems.length > 0) throw oneError(problems);

  const current = (l: Listing): { input: number | null; output: number | null; cachedInput: number | null; since: string; lastSeen: string; inLatest: boolean } => {
    const obs = latestObservation(l);
    const snap = latest.get(l.key);
    return {
      input: snap?.input_usd_per_mtok ?? obs?.input ?? null,
      output: snap?.output_usd_per_mtok ?? obs?.output ?? null,
      cachedInput: snap?.cache_read_usd_per_mtok ?? null,
      since: obs?.date ?? snap?.date ?? dayToIso(data.lastDay),
      lastSeen: snap?.date ?? obs?.date ?? dayToIso(data.lastDay),
      inLatest: snap !== undefined,
    };
  };

  const models = matches.map((match, i): ComparedModel => {
    const query = options.models[i] as string;
    const listings = (match as NonNullable<typeof match>).listings;
    const priced = listings.map((l) => ({ l, c: current(l) })).map((x) => ({ ...x, blended: blendedPrice(x.c.input, x.c.output, blend) }));
    // Prefer the listing whose id is exactly what was typed (the vendor's own), then ones still listed, then the cheapest.
    const q = query.trim().toLowerCase();
    const exact = priced.filter((x) => x.l.model.toLowerCase() === q || x.l.key.toLowerCase() === q);
    const pool = exact.length > 0 ? exact : priced;
    const stillListed = pool.filter((x) => x.c.inLatest);
    const candidates = stillListed.length > 0 ? stillListed : pool;
    const chosen = [...candidates].sort((a, b) => (a.blended ?? Number.POSITIVE_INFINITY) - (b.blended ?? Number.POSITIVE_INFINITY))[0] as (typeof priced)[number];
    const reason = exact.length > 0 ? 'exact model id' : candidates.length > 1 ? `cheapest of ${candidates.length} listings in the family` : 'only listing';
    const blends = priced.map((x) => x.blended).filter((b): b is number => b !== null);
    return {
      query,
      provider: chosen.l.provider,
      model: chosen.l.model,
      input: chosen.c.input,
      output: chosen.c.output,
      blended: chosen.blended,
      cachedInput: chosen.c.cachedInput,
      priceSince: chosen.c.since,
      lastSeen: chosen.c.lastSeen,
      inLatestSnapshot: chosen.c.inLatest,
      chosenBecause: reason,
      otherListings: listings.length - 1,
      blendedRange: blends.length === 0 ? null : { min: Math.min(...blends), max: Math.max(...blends) },
    };
  });
  return { blend, snapshotDate, models };
}
