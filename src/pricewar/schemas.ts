/**
 * One zod schema per data file. A CSV row arrives as `{ column: text }`; the
 * schema checks it and turns it into a typed row. Whatever a schema rejects
 * is reported by the loader as `file:line: why` and the row is left out of
 * the analyses, never silently and never taking the rest of the file down.
 */
import { z } from 'zod';
import { isIsoDate, parseIsoMonth } from './dates.js';

const text = z.string().trim();
const required = (what: string) => text.min(1, `${what} is empty`);
/** Free text that may be empty (→ undefined). */
const optionalText = text.transform((s) => (s === '' ? undefined : s));

const NUMBER_RE = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;

/** A number cell; empty means "not given" (→ null) unless `required`. */
function numberCell(opts: { min?: number; max?: number; int?: boolean; required?: boolean } = {}) {
  return text.transform((s, ctx): number | null => {
    if (s === '') {
      if (opts.required) ctx.addIssue({ code: 'custom', message: 'is empty (a number is required)' });
      return null;
    }
    if (!NUMBER_RE.test(s)) {
      ctx.addIssue({ code: 'custom', message: `is not a number (got ${JSON.stringify(s.length > 30 ? `${s.slice(0, 30)}…` : s)})` });
      return null;
    }
    const n = Number(s);
    if (opts.int === true && !Number.isInteger(n)) ctx.addIssue({ code: 'custom', message: `must be a whole number (got ${s})` });
    if (opts.min !== undefined && n < opts.min) ctx.addIssue({ code: 'custom', message: `must be at least ${opts.min} (got ${s})` });
    if (opts.max !== undefined && n > opts.max) ctx.addIssue({ code: 'custom', message: `must be at most ${opts.max} (got ${s})` });
    return n;
  });
}

const isoDate = text.refine(isIsoDate, { message: 'must be a real date written YYYY-MM-DD' });
const optionalIsoDate = text.refine((s) => s === '' || isIsoDate(s), { message: 'must be empty or a date written YYYY-MM-DD' }).transform((s) => (s === '' ? undefined : s));

/** A number cell that must be present. */
function requiredNumberCell(opts: { min?: number; max?: number } = {}) {
  return numberCell({ ...opts, required: true }).transform((n) => (n === null ? z.NEVER : n));
}

const price = numberCell({ min: 0 });

// ── litellm_price_history.csv ────────────────────────────────────────────
/** The columns LiteLLM price rows share: the history and the latest snapshot. */
const litellmPriceColumns = {
  date: isoDate,
  provider: required('provider'),
  model: required('model'),
  input_usd_per_mtok: price,
  output_usd_per_mtok: price,
  commit: optionalText,
};

export const priceHistoryRow = z
  .object(litellmPriceColumns)
  .refine((r) => r.input_usd_per_mtok !== null || r.output_usd_per_mtok !== null, { message: 'has neither an input nor an output price', path: ['input_usd_per_mtok'] });
export type PriceHistoryRow = z.output<typeof priceHistoryRow>;

// ── litellm_latest.csv (a snapshot: same columns plus a few) ─────────────
export const latestPriceRow = z.object({
  ...litellmPriceColumns,
  mode: optionalText,
  cache_read_usd_per_mtok: price,
  max_input_tokens: numberCell({ min: 0, int: true }),
  first_seen_in_history: optionalIsoDate,
});
export type LatestPriceRow = z.output<typeof latestPriceRow>;

// ── china_price_war_2024.csv (CNY per million tokens) ────────────────────
/** A day (`2024-05-21`) or, where the source gives only the month, `2024-09`. */
const dayOrMonth = text.refine((s) => isIsoDate(s) || parseIsoMonth(s) !== undefined, { message: 'must be a date written YYYY-MM-DD (or YYYY-MM when only the month is known)' });

export const priceCutRow = z.object({
  date: dayOrMonth,
  provider: required('provider'),
  model: required('model'),
  old_price_cny_per_mtok_input: price,
  new_price_cny_per_mtok_input: price,
  old_output: price,
  new_output: price,
  source_url: required('source_url'),
  note: optionalText,
  confidence: required('confidence'),
});
export type PriceCutRow = z.output<typeof priceCutRow>;

// ── serving_cost_inputs.csv ───────────────────────────────────────────────
// `value` stays text: the file records published figures as published
// ("300 / 3000", "798.34 vs 670.08"); the cost presets read the parts they need.
export const servingInputRow = z.object({
  kind: z.enum(['gpu_rental', 'unit_economics', 'throughput'], { message: 'must be gpu_rental, unit_economics or throughput' }),
  as_of: required('as_of'),
  source_org: required('source_org'),
  hardware: optionalText,
  gpus: numberCell({ min: 0 }),
  model: optionalText,
  engine: optionalText,
  precision: optionalText,
  workload: optionalText,
  metric: required('metric'),
  value: optionalText,
  unit: optionalText,
  per_gpu_value: numberCell({ min: 0 }),
  source_url: required('source_url'),
  confidence: optionalText,
  note: optionalText,
});
export type ServingInputRow = z.output<typeof servingInputRow>;

// ── capability_scores.csv (ours: which listed model reaches which score) ──
const regexText = required('match').refine(
  (s) => {
    try {
      new RegExp(s, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

export const capabilityScoreRow = z
  .object({
    model: required('model'),
    match: regexText,
    benchmark: required('benchmark'),
    score: requiredNumberCell({ min: 0, max: 100 }),
    protocol: optionalText,
    valid_from: optionalIsoDate,
    valid_until: optionalIsoDate,
    source_url: required('source_url'),
    note: optionalText,
  })
  .refine((r) => r.valid_from === undefined || r.valid_until === undefined || r.valid_from <= r.valid_until, { message: 'valid_from is after valid_until', path: ['valid_from'] });
export type CapabilityScoreRow = z.output<typeof capabilityScoreRow>;

// ── capability_tiers.csv (ours: named thresholds) ────────────────────────
export const capabilityTierRow = z.object({
  tier: required('tier').regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be lower-case letters, digits, dots and dashes'),
  benchmark: required('benchmark'),
  min_score: requiredNumberCell({ min: 0, max: 100 }),
  reference_model: required('reference_model'),
  source_url: required('source_url'),
  note: optionalText,
});
export type CapabilityTierRow = z.output<typeof capabilityTierRow>;

// ── published_trends.csv (ours: the headline figures from SOURCES.md) ────
export const publishedTrendRow = z
  .object({
    source: required('source'),
    published: isoDate,
    measure: required('measure'),
    factor_low: requiredNumberCell({ min: 1 }),
    factor_high: requiredNumberCell({ min: 1 }),
    method: optionalText,
    url: required('url'),
  })
  .refine((r) => r.factor_low <= r.factor_high, { message: 'factor_low is above factor_high', path: ['factor_low'] });
export type PublishedTrendRow = z.output<typeof publishedTrendRow>;

// ── model_aliases.csv (ours: one namespace for CNY and USD models) ───────
export const modelAliasRow = z
  .object({
    alias: required('alias').transform((s) => s.toLowerCase()),
    currency: z.enum(['CNY', 'USD'], { message: 'must be CNY or USD' }),
    target: required('target'),
    note: optionalText,
  })
  .refine(
    (r) => {
      if (r.currency !== 'CNY') return true;
      try {
        new RegExp(r.target, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'a CNY target must be a valid regular expression', path: ['target'] },
  );
export type ModelAliasRow = z.output<typeof modelAliasRow>;

// ── fx_rates.csv (ours: dated exchange rates, with source) ───────────────
export const fxRateRow = z.object({
  date: isoDate,
  currency: required('currency').transform((s) => s.toUpperCase()),
  per_usd: requiredNumberCell({ min: 0.0001, max: 1_000_000 }),
  source_url: required('source_url'),
  note: optionalText,
});
export type FxRateRow = z.output<typeof fxRateRow>;
