/**
 * /pricewar compare: current input/output/blended prices of a few models side
 * by side, with when each price was set and when the listing was last seen.
 */
import { ArgumentError } from '../core/errors.js';
import { exclusionCounts, type ExclusionKind } from './clean.js';
import { isChatListing, type PriceData } from './data.js';
import { dayToIso } from './dates.js';
import { ParamError, paramKey, type ParamName } from './errors.js';
import { requireProviders, resolveModel } from './models.js';
import { blendedPrice, DEFAULT_BLEND, latestObservation, listingKey, type BlendWeights, type Listing } from './prices.js';
import type { ModelAliasRow, PriceCutRow } from './schemas.js';

export interface CompareOptions {
  readonly models: readonly string[];
  readonly provider?: string | undefined;
  readonly blend?: BlendWeights | undefined;
  /** Keep a family's embedding, image, audio and moderation listings (default: its chat listings only). */
  readonly nonChat?: boolean | undefined;
}

/** What the comparison left out of the compared families, and why: the reply says so. */
export interface CompareExclusions {
  /** Observations of the compared listings flagged as probable data errors (./clean.ts), by kind; with --raw they are kept. */
  readonly dataErrors: Partial<Record<ExclusionKind, number>>;
  readonly dataErrorsShown: boolean;
  /** Non-chat listings of the compared families left out (or, with --non-chat, kept). */
  readonly nonChat: number;
  readonly nonChatShown: boolean;
}

/** A dated exchange rate from fx_rates.csv, named in every reply that converts with it. */
export interface FxRate {
  readonly currency: string;
  readonly perUsd: number;
  readonly date: string;
  readonly source: string;
}

export interface ComparedModel {
  readonly query: string;
  /** The price's own currency: USD for the feeds, CNY for the China table. */
  readonly currency: 'USD' | 'CNY';
  /** The same prices in USD (converted at `CompareResult.fx` for CNY). */
  readonly usd: { readonly input: number | null; readonly output: number | null; readonly blended: number | null };
  /** How an alias resolved the name (model_aliases.csv), if one did. */
  readonly alias?: string;
  readonly provider: string;
  readonly model: string;
  /** Per million tokens, in `currency`. */
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
  /** The rate CNY prices were converted at, when any were. */
  readonly fx: FxRate | undefined;
  readonly excluded: CompareExclusions;
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

  const fx = latestFx(data, 'CNY');
  // Resolve every name first so that one message lists every unknown one.
  const problems: ArgumentError[] = [];
  const cny = new Map<number, ComparedModel>();
  const aliasNotes = new Map<number, string>();
  const matches = options.models.map((query, i) => {
    const alias = findAlias(data, query);
    try {
      if (alias?.currency === 'CNY' || (alias === undefined && !data.models.byFamily.has(query.trim().toLowerCase()))) {
        const row = chinaListPrice(data, alias?.currency === 'CNY' ? new RegExp(alias.target, 'i') : undefined, query);
        if (row !== undefined) {
          cny.set(i, cnyModel(query, row, blend, fx, alias?.note));
          return undefined;
        }
      }
      if (alias?.currency === 'USD') aliasNotes.set(i, `${query} → ${alias.target}${alias.note === undefined ? '' : ` (${alias.note})`}`);
      return resolveModel(data.models, alias?.currency === 'USD' ? alias.target : query, providers);
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
      // The (cleaned) series first: the snapshot row may be a probable data error the series left out.
      input: obs !== undefined ? obs.input : (snap?.input_usd_per_mtok ?? null),
      output: obs !== undefined ? obs.output : (snap?.output_usd_per_mtok ?? null),
      cachedInput: snap?.cache_read_usd_per_mtok ?? null,
      since: obs?.date ?? snap?.date ?? dayToIso(data.lastDay),
      lastSeen: snap?.date ?? obs?.date ?? dayToIso(data.lastDay),
      inLatest: snap !== undefined,
    };
  };

  const nonChatShown = options.nonChat === true;
  let nonChat = 0;
  const considered = new Set<string>();
  const models = matches.map((match, i): ComparedModel => {
    const fromChina = cny.get(i);
    if (fromChina !== undefined) return fromChina;
    const query = options.models[i] as string;
    const q = query.trim().toLowerCase();
    const typed = (l: Listing): boolean => l.model.toLowerCase() === q || l.key.toLowerCase() === q;
    const all = (match as NonNullable<typeof match>).listings;
    // A family's embedding/image/audio listings are not its chat price; a non-chat model named by its own id, or a family with nothing else, is still shown.
    const chat = all.filter((l) => isChatListing(data, l));
    const keepNonChat = nonChatShown || chat.length === 0 || all.some((l) => typed(l) && !isChatListing(data, l));
    const listings = keepNonChat ? all : chat;
    if (nonChatShown || !keepNonChat) nonChat += all.length - chat.length;
    for (const l of listings) considered.add(l.key);
    const priced = listings.map((l) => ({ l, c: current(l) })).map((x) => ({ ...x, blended: blendedPrice(x.c.input, x.c.output, blend) }));
    // Prefer the listing whose id is exactly what was typed (the vendor's own), then ones still listed, then the cheapest.
    const exact = priced.filter((x) => typed(x.l));
    const pool = exact.length > 0 ? exact : priced;
    const stillListed = pool.filter((x) => x.c.inLatest);
    const candidates = stillListed.length > 0 ? stillListed : pool;
    const chosen = [...candidates].sort((a, b) => (a.blended ?? Number.POSITIVE_INFINITY) - (b.blended ?? Number.POSITIVE_INFINITY))[0] as (typeof priced)[number];
    const reason = exact.length > 0 ? 'exact model id' : candidates.length > 1 ? `cheapest of ${candidates.length} listings in the family` : 'only listing';
    const blends = priced.map((x) => x.blended).filter((b): b is number => b !== null);
    const note = aliasNotes.get(i);
    return {
      query,
      currency: 'USD',
      usd: { input: chosen.c.input, output: chosen.c.output, blended: chosen.blended },
      ...(note === undefined ? {} : { alias: note }),
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
  const dataErrors = exclusionCounts(data.excluded.filter((e) => considered.has(e.key)));
  return { blend, snapshotDate, models, fx: cny.size > 0 ? fx : undefined, excluded: { dataErrors, dataErrorsShown: !data.cleaned, nonChat, nonChatShown } };
}

/** The alias row for a typed name (case and spaces ignored). */
function findAlias(data: PriceData, query: string): ModelAliasRow | undefined {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  return data.raw.aliases.rows.find((r) => r.alias.replace(/\s+/g, '') === q);
}

/** The newest rate for a currency, or undefined when fx_rates.csv has none. */
export function latestFx(data: PriceData, currency: string): FxRate | undefined {
  const rows = data.raw.fx.rows.filter((r) => r.currency === currency).sort((a, b) => (a.date < b.date ? 1 : -1));
  const r = rows[0];
  return r === undefined ? undefined : { currency, perUsd: r.per_usd, date: r.date, source: r.source_url };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The newest list price of a China-table model: by the alias' pattern, or
 * else a row whose model starts with the typed name. Off-peak and cache-hit
 * rows are a second tariff, never the list price.
 */
function chinaListPrice(data: PriceData, pattern: RegExp | undefined, query: string): PriceCutRow | undefined {
  const re = pattern ?? new RegExp(`^${escapeRe(query.trim())}(\\b|\\s|$)`, 'i');
  const rows = data.raw.cuts.rows.filter((r) => re.test(r.model) && (r.new_price_cny_per_mtok_input !== null || r.new_output !== null) && !/off-peak|cache[- ]hit/i.test(r.model));
  return rows.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.line - a.line))[0];
}

function cnyModel(query: string, row: PriceCutRow, blend: BlendWeights, fx: FxRate | undefined, note: string | undefined): ComparedModel {
  const input = row.new_price_cny_per_mtok_input;
  const output = row.new_output;
  const blended = blendedPrice(input, output, blend);
  const toUsd = (v: number | null): number | null => (v === null || fx === undefined ? null : v / fx.perUsd);
  return {
    query,
    currency: 'CNY',
    usd: { input: toUsd(input), output: toUsd(output), blended: toUsd(blended) },
    alias: `${query} → ${row.model} (China price table${note === undefined ? '' : `; ${note}`})`,
    provider: row.provider,
    model: row.model,
    input,
    output,
    blended,
    cachedInput: null,
    priceSince: row.date,
    lastSeen: row.date,
    inLatestSnapshot: true,
    chosenBecause: 'newest list price in the China table',
    otherListings: 0,
    blendedRange: null,
  };
}
