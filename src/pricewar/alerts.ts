/**
 * /pricewar alerts: price changes in the data since a date, cuts and rises
 * of at least a threshold, newest first. A plain function over loaded data;
 * the chat layer's alert feed (src/bot/pricewar/alert-feed.ts) serves it to
 * channel summaries.
 */
import { ArgumentError } from '../core/errors.js';
import { exclusionCounts, type ExclusionKind } from './clean.js';
import { cutQualifier } from './cuts.js';
import { isChatListing, type PriceData } from './data.js';
import { dayParam, dayToIso, parseIsoDay } from './dates.js';
import { ParamError } from './errors.js';
import { blendedPrice, DEFAULT_BLEND, type BlendWeights } from './prices.js';
import { matchCutProviders } from './cuts.js';
import { suggestionText } from './models.js';

export interface AlertOptions {
  /** First day included (YYYY-MM-DD); default 30 days before the newest data. */
  readonly since?: string | undefined;
  /** Last day included; default the newest data. */
  readonly until?: string | undefined;
  /** Smallest absolute relative change reported, as a fraction (0.2 = 20 %). Default 0.2. */
  readonly minChange?: number | undefined;
  readonly provider?: string | undefined;
  readonly blend?: BlendWeights | undefined;
  /** Include embedding, image, audio and moderation listings (default: chat models only). */
  readonly nonChat?: boolean | undefined;
}

/** What the alerts left out, and why: the reply says so. */
export interface AlertExclusions {
  /** Probable data errors in the range (./clean.ts), by kind; with --raw they are shown instead. */
  readonly dataErrors: Partial<Record<ExclusionKind, number>>;
  readonly dataErrorsShown: boolean;
  /** Changes of non-chat listings left out. */
  readonly nonChat: number;
  /** China-table rows that are off-peak discounts (not list-price changes). */
  readonly offPeak: number;
}

export interface PriceAlert {
  readonly date: string;
  readonly direction: 'cut' | 'rise';
  /** `litellm` (USD, LiteLLM's price map) or `china-2024` (CNY, the dated Chinese price cuts). */
  readonly source: 'litellm' | 'china-2024';
  readonly currency: 'USD' | 'CNY';
  readonly provider: string;
  /** The family (LiteLLM) or model name (China table). */
  readonly model: string;
  /** The listings that changed identically that day (one vendor often updates several ids at once). */
  readonly listings: readonly string[];
  readonly oldInput: number | null;
  readonly newInput: number | null;
  readonly oldOutput: number | null;
  readonly newOutput: number | null;
  /** Relative change of the compared price (blended when both sides are known), in %; null from or to a missing base. */
  readonly changePct: number | null;
  readonly madeFree: boolean;
  /** True when the price was 0 and is no longer. */
  readonly wasFree: boolean;
  /** A China-table row's condition, e.g. "promotional price ends". */
  readonly qualifier?: string;
}

export interface AlertsResult {
  readonly since: string;
  readonly until: string;
  readonly minChange: number;
  readonly alerts: readonly PriceAlert[];
  readonly excluded: AlertExclusions;
}

export const DEFAULT_ALERT_WINDOW_DAYS = 30;
export const DEFAULT_MIN_CHANGE = 0.2;

/** Which price to compare: the blend when both sides exist, else whichever side does. */
function comparable(input: number | null, output: number | null, blend: BlendWeights): number | null {
  return blendedPrice(input, output, blend) ?? input ?? output;
}

type Change = Pick<PriceAlert, 'direction' | 'changePct' | 'madeFree' | 'wasFree'>;

/** The move from `before` to `after` when it is one to report (a change of at least `minChange`, or from a price of 0), else undefined. */
function reportableChange(before: number | null, after: number | null, minChange: number): Change | undefined {
  if (before === null || after === null || before === after) return undefined;
  const change = before === 0 ? null : (after - before) / before;
  if (change !== null && Math.abs(change) < minChange) return undefined;
  return { direction: after < before ? 'cut' : 'rise', changePct: change === null ? null : change * 100, madeFree: after === 0, wasFree: before === 0 };
}

/** Find the alerts in loaded data. */
export function findPriceAlerts(data: PriceData, options: AlertOptions = {}): AlertsResult {
  const blend = options.blend ?? DEFAULT_BLEND;
  const minChange = options.minChange ?? DEFAULT_MIN_CHANGE;
  if (!(minChange >= 0)) throw new ParamError(['minChange'], (name) => `${name('minChange')} must be 0 % or more (got ${minChange * 100} %).`);
  const untilDay = dayParam('until', options.until) ?? data.lastDay;
  const sinceDay = dayParam('since', options.since) ?? untilDay - DEFAULT_ALERT_WINDOW_DAYS;
  if (sinceDay > untilDay) {
    throw new ParamError(['since'], (name) => `${name('since')} (${dayToIso(sinceDay)}) is after the end of the range (${dayToIso(untilDay)}); pick an earlier date.`);
  }
  const providerQuery = options.provider?.trim().toLowerCase();
  // The China table's vendors, also by their Chinese and product names (百度, qwen, …).
  const cutProviders = options.provider === undefined ? undefined : new Set(matchCutProviders(data.raw.cuts.rows.map((r) => r.provider), options.provider));
  if (providerQuery !== undefined && cutProviders !== undefined) {
    const known = data.models.providers.some((p) => p.toLowerCase().includes(providerQuery)) || cutProviders.size > 0;
    if (!known) throw new ArgumentError(`Unknown provider "${options.provider}".${suggestionText(providerQuery, data.models.providers)} Use a LiteLLM provider label (openai, anthropic, deepseek, …) or a Chinese vendor (baidu/百度, alibaba/阿里云, …).`);
  }
  const wanted = (provider: string): boolean => providerQuery === undefined || provider.toLowerCase().includes(providerQuery);

  const grouped = new Map<string, PriceAlert & { listings: string[] }>();
  let nonChat = 0;
  for (const listing of data.listings.values()) {
    if (!wanted(listing.provider)) continue;
    if (options.nonChat !== true && !isChatListing(data, listing)) {
      nonChat += listing.observations.filter((o, i) => i > 0 && o.day >= sinceDay && o.day <= untilDay).length;
      continue;
    }
    const obs = listing.observations;
    for (let i = 1; i < obs.length; i++) {
      const cur = obs[i]!;
      if (cur.day < sinceDay || cur.day > untilDay) continue;
      const prev = obs[i - 1]!;
      const change = reportableChange(comparable(prev.input, prev.output, blend), comparable(cur.input, cur.output, blend), minChange);
      if (change === undefined) continue;
      // Same day, vendor, family and prices: one alert listing every id that moved.
      const id = [cur.date, listing.provider, listing.family, prev.input, prev.output, cur.input, cur.output].join('|');
      const existing = grouped.get(id);
      if (existing !== undefined) {
        existing.listings.push(listing.model);
        continue;
      }
      grouped.set(id, {
        date: cur.date,
        source: 'litellm',
        currency: 'USD',
        provider: listing.provider,
        model: listing.family,
        listings: [listing.model],
        oldInput: prev.input,
        newInput: cur.input,
        oldOutput: prev.output,
        newOutput: cur.output,
        ...change,
      });
    }
  }
  const alerts: PriceAlert[] = [...grouped.values()];
  let offPeak = 0;
  for (const row of data.raw.cuts.rows) {
    const day = parseIsoDay(row.date); // month-precision rows cannot be placed in a day window
    if (day === undefined || day < sinceDay || day > untilDay) continue;
    if (cutProviders !== undefined && !cutProviders.has(row.provider)) continue;
    const qualifier = cutQualifier(row.model, row.note);
    // An off-peak discount is a second tariff for some hours, not a change of the list price.
    if (qualifier === 'off-peak') {
      offPeak++;
      continue;
    }
    const change = reportableChange(comparable(row.old_price_cny_per_mtok_input, row.old_output, blend), comparable(row.new_price_cny_per_mtok_input, row.new_output, blend), minChange);
    if (change === undefined) continue;
    alerts.push({
      date: row.date,
      source: 'china-2024',
      currency: 'CNY',
      provider: row.provider,
      model: row.model,
      listings: [row.model],
      oldInput: row.old_price_cny_per_mtok_input,
      newInput: row.new_price_cny_per_mtok_input,
      oldOutput: row.old_output,
      newOutput: row.new_output,
      ...change,
      ...(qualifier === 'promotion-end' ? { qualifier: 'promotional price ends' } : qualifier === 'promotion' ? { qualifier: 'promotional price' } : {}),
    });
  }
  const errors = data.excluded.filter((e) => {
    const day = parseIsoDay(e.date) as number;
    return day >= sinceDay && day <= untilDay && wanted(e.key.split(':')[0] ?? '');
  });
  alerts.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : Math.abs(b.changePct ?? 1e9) - Math.abs(a.changePct ?? 1e9)));
  return { since: dayToIso(sinceDay), until: dayToIso(untilDay), minChange, alerts, excluded: { dataErrors: exclusionCounts(errors), dataErrorsShown: !data.cleaned, nonChat, offPeak } };
}

/** One line per alert, for a digest: "2026-07-20 openai gpt-4o: $2.5/$10 → $1.25/$5 (−50 %)". */
export function formatAlert(alert: PriceAlert): string {
  const unit = alert.currency === 'USD' ? '$' : '¥';
  const price = (v: number | null): string => (v === null ? '–' : `${unit}${trim(v)}`);
  const pair = (i: number | null, o: number | null): string => (o === null ? price(i) : i === null ? price(o) : `${price(i)}/${price(o)}`);
  const change = alert.madeFree ? 'made free' : alert.wasFree ? 'no longer free' : alert.changePct === null ? alert.direction : `${alert.changePct > 0 ? '+' : '−'}${trim(Math.abs(alert.changePct), 1)} %`;
  const extra = `${alert.listings.length > 1 ? ` (+${alert.listings.length - 1} more ids)` : ''}${alert.qualifier === undefined ? '' : ` [${alert.qualifier}]`}`;
  return `${alert.date} ${alert.provider} ${alert.model}${extra}: ${pair(alert.oldInput, alert.oldOutput)} → ${pair(alert.newInput, alert.newOutput)} per M tokens (${change})`;
}

function trim(v: number, digits = 4): string {
  return Number(v.toFixed(digits)).toString();
}
