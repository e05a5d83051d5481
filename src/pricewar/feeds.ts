/**
 * The live price feeds, as data: OpenRouter's public model list and
 * LiteLLM's model_prices_and_context_window.json, parsed into per-million
 * token observations. Both give prices per token (OpenRouter as strings).
 * Nothing here fetches (the chat layer's sync does); everything here
 * decides what a body is worth:
 *  - a body that is not the feed's shape → the whole sync is rejected;
 *  - a row with an absurd price (negative, not a number, above
 *    MAX_USD_PER_MTOK) → that row is skipped with its reason;
 *  - a feed that suddenly lists far fewer models than its last good sync,
 *    or whose rows are mostly bad → rejected, and the previous data stays.
 */
import { z } from 'zod';
import type { FeedObservation } from './store.js';

export type FeedId = 'openrouter' | 'litellm';
export const FEED_IDS: readonly FeedId[] = ['openrouter', 'litellm'];

export const FEED_LABELS: Record<FeedId, string> = {
  openrouter: 'OpenRouter model list (/api/v1/models)',
  litellm: 'LiteLLM model_prices_and_context_window.json',
};

/** No list price of a text model comes near this; above it, a unit mix-up (per token vs per M) is the likely cause. */
export const MAX_USD_PER_MTOK = 10_000;
/** A feed listing fewer than this share of its last good sync's models is rejected (a partial or broken export). */
export const MIN_LISTED_SHARE = 0.1;
/** A feed whose priced rows are more than this share bad is rejected as a whole. */
export const MAX_BAD_SHARE = 0.5;

export interface SkippedRow {
  readonly model: string;
  readonly reason: string;
}

export interface ParsedFeed {
  readonly feed: FeedId;
  readonly observations: readonly FeedObservation[];
  /** Rows with a bad price: left out, each with its reason. */
  readonly skipped: readonly SkippedRow[];
  /** Entries without a per-token price (image or per-request pricing): not an error, not a model to compare. */
  readonly unpriced: number;
}

/** Why a whole feed body was refused. */
export class FeedRejected extends Error {
  override readonly name = 'FeedRejected';
}

/** A per-token price (number or numeric string) → USD per million tokens; a reason when it is absurd. */
function perMillion(value: unknown): { ok: true; value: number | null } | { ok: false; reason: string } {
  if (value === undefined || value === null || value === '') return { ok: true, value: null };
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?\s*$/i.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) return { ok: false, reason: `price ${JSON.stringify(String(value).slice(0, 20))} is not a number` };
  if (n < 0) return { ok: false, reason: `negative price ${n}` };
  const m = Math.round(n * 1e6 * 1e9) / 1e9; // per token → per M, without float dust (2.5e-6 → 2.5)
  if (m > MAX_USD_PER_MTOK) return { ok: false, reason: `price ${m} per M tokens is above ${MAX_USD_PER_MTOK}` };
  return { ok: true, value: m };
}

const openRouterBody = z.object({
  data: z.array(
    z
      .object({
        id: z.string().min(1).max(300),
        pricing: z.object({ prompt: z.unknown(), completion: z.unknown(), input_cache_read: z.unknown().optional() }).loose().optional(),
        architecture: z.object({ modality: z.string().optional(), output_modalities: z.array(z.string()).optional() }).loose().optional(),
      })
      .loose(),
  ),
});

/** OpenRouter's GET /api/v1/models body. */
export function parseOpenRouter(body: unknown): ParsedFeed {
  const parsed = openRouterBody.safeParse(body);
  if (!parsed.success) throw new FeedRejected(`not an OpenRouter model list (${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message ?? 'unexpected shape'})`);
  const observations: FeedObservation[] = [];
  const skipped: SkippedRow[] = [];
  let unpriced = 0;
  for (const m of parsed.data.data) {
    const p = m.pricing;
    // "-1" is OpenRouter's "varies" (its auto router): no list price to record.
    if (p === undefined || p.prompt === '-1' || p.completion === '-1') {
      unpriced++;
      continue;
    }
    const input = perMillion(p.prompt);
    const output = perMillion(p.completion);
    const cache = perMillion(p.input_cache_read);
    const bad = [input, output].find((x) => !x.ok);
    if (bad !== undefined && !bad.ok) {
      skipped.push({ model: m.id, reason: bad.reason });
      continue;
    }
    if (!input.ok || !output.ok) continue;
    if (input.value === null && output.value === null) {
      unpriced++;
      continue;
    }
    const outputs = m.architecture?.output_modalities ?? [m.architecture?.modality?.split('->')[1] ?? 'text'];
    const mode = outputs.includes('text') ? 'chat' : outputs.includes('image') ? 'image_generation' : (outputs[0] ?? null);
    observations.push({ provider: 'openrouter', model: m.id, input: input.value, output: output.value, cacheRead: cache.ok ? cache.value : null, mode, currency: 'USD', source: 'live' });
  }
  return { feed: 'openrouter', observations, skipped, unpriced };
}

const litellmEntry = z
  .object({
    input_cost_per_token: z.unknown().optional(),
    output_cost_per_token: z.unknown().optional(),
    cache_read_input_token_cost: z.unknown().optional(),
    litellm_provider: z.string().min(1).max(100).optional(),
    mode: z.string().max(50).optional(),
  })
  .loose();

/** LiteLLM's model_prices_and_context_window.json body: `{ model: { … } }`. */
export function parseLiteLLM(body: unknown): ParsedFeed {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new FeedRejected('not a LiteLLM price map (expected one JSON object keyed by model)');
  const observations: FeedObservation[] = [];
  const skipped: SkippedRow[] = [];
  let unpriced = 0;
  for (const [model, value] of Object.entries(body as Record<string, unknown>)) {
    if (model === 'sample_spec') continue; // the file's documentation entry
    const entry = litellmEntry.safeParse(value);
    if (!entry.success || model.length > 300) {
      skipped.push({ model: model.slice(0, 80), reason: 'not a price entry' });
      continue;
    }
    const e = entry.data;
    const input = perMillion(e.input_cost_per_token);
    const output = perMillion(e.output_cost_per_token);
    const bad = [input, output].find((x) => !x.ok);
    if (bad !== undefined && !bad.ok) {
      skipped.push({ model, reason: bad.reason });
      continue;
    }
    if (!input.ok || !output.ok) continue;
    if ((input.value === null && output.value === null) || e.litellm_provider === undefined) {
      unpriced++;
      continue;
    }
    const cache = perMillion(e.cache_read_input_token_cost);
    observations.push({ provider: e.litellm_provider, model, input: input.value, output: output.value, cacheRead: cache.ok ? cache.value : null, mode: e.mode ?? null, currency: 'USD', source: 'live' });
  }
  return { feed: 'litellm', observations, skipped, unpriced };
}

export function parseFeed(feed: FeedId, body: unknown): ParsedFeed {
  return feed === 'openrouter' ? parseOpenRouter(body) : parseLiteLLM(body);
}

/**
 * Whole-feed guards after parsing: refuse a feed that lists far fewer
 * models than its last good sync (`previousCount`), or whose priced rows are
 * mostly bad. Throws FeedRejected with the reason.
 */
export function checkFeedPlausible(parsed: ParsedFeed, previousCount: number): void {
  const n = parsed.observations.length;
  if (n === 0) throw new FeedRejected(`no priced models in the body${parsed.skipped.length > 0 ? ` (${parsed.skipped.length} rows with bad prices)` : ''}`);
  if (previousCount > 0 && n < previousCount * MIN_LISTED_SHARE) {
    throw new FeedRejected(`lists ${n} priced models, ${Math.round((1 - n / previousCount) * 100)}% fewer than the ${previousCount} of its last good sync (a partial export?)`);
  }
  const bad = parsed.skipped.length;
  if (bad > (n + bad) * MAX_BAD_SHARE) throw new FeedRejected(`${bad} of ${n + bad} priced rows have absurd prices (a unit change?)`);
}
