/**
 * Watches: a channel follows a model's price. After each sync, the price
 * the watch last told its channel about is compared with the current one
 * (from the cleaned data, so a probable data error never notifies), and a
 * qualifying move — falling below `below`, or moving by at least
 * `minChange` — is a notification. Pure: the chat layer stores, posts and
 * remembers.
 */
import type { TopLevelSpec } from 'vega-lite';
import { comparePrices, type ComparedModel } from './compare.js';
import type { PriceData } from './data.js';
import { fmtUsd } from './format.js';
import { blendedPrice } from './prices.js';

export const DEFAULT_WATCH_CHANGE = 0.1;

export interface WatchRule {
  readonly model: string;
  /** USD per M tokens (blended): notify when the price falls under it. */
  readonly below: number | null;
  /** Fraction: notify when the blended price moves by at least this much. */
  readonly minChange: number | null;
}

export interface WatchedPrice {
  readonly listing: string;
  readonly date: string;
  readonly input: number | null;
  readonly output: number | null;
}

export interface WatchChange {
  readonly model: string;
  readonly before: WatchedPrice;
  readonly after: WatchedPrice;
  readonly beforeBlended: number | null;
  readonly afterBlended: number | null;
  readonly changePct: number | null;
  readonly reason: string;
  readonly feed: string;
}

/** The price a watch follows: the listing /pricewar compare shows for the model. Undefined when the model is gone. */
export function watchedPrice(data: PriceData, model: string): (WatchedPrice & { compared: ComparedModel }) | undefined {
  try {
    const m = comparePrices(data, { models: [model] }).models[0];
    if (m === undefined) return undefined;
    return { listing: `${m.provider}:${m.model}`, date: m.priceSince, input: m.input, output: m.output, compared: m };
  } catch {
    return undefined;
  }
}

/** Is the move from `before` to the current price one the watch reports? */
export function watchChange(rule: WatchRule, before: WatchedPrice, after: WatchedPrice, feedOf: (listing: string) => string): WatchChange | undefined {
  if (before.input === after.input && before.output === after.output) return undefined;
  const b = blendedPrice(before.input, before.output) ?? before.input ?? before.output;
  const a = blendedPrice(after.input, after.output) ?? after.input ?? after.output;
  if (a === null || b === null || a === b) return undefined;
  const changePct = b === 0 ? null : ((a - b) / b) * 100;
  const reasons: string[] = [];
  if (rule.below !== null && a < rule.below && b >= rule.below) reasons.push(`fell below ${fmtUsd(rule.below)}`);
  const minChange = rule.minChange ?? (rule.below === null ? DEFAULT_WATCH_CHANGE : null);
  if (minChange !== null && (changePct === null || Math.abs(changePct) >= minChange * 100)) reasons.push(`moved ${changePct === null ? 'from $0' : `${changePct > 0 ? '+' : '−'}${Math.abs(changePct).toFixed(1)}%`}`);
  if (reasons.length === 0) return undefined;
  return { model: rule.model, before, after, beforeBlended: b, afterBlended: a, changePct, reason: reasons.join(' and '), feed: feedOf(after.listing) };
}

/** A small chart of the watched changes: before and after, blended. */
export function watchSpec(changes: readonly WatchChange[]): TopLevelSpec {
  const values = changes.flatMap((c) => [
    { model: c.model, when: `之前 before (${c.before.date})`, order: 0, price: c.beforeBlended ?? 0, text: fmtUsd(c.beforeBlended) },
    { model: c.model, when: `现在 now (${c.after.date})`, order: 1, price: c.afterBlended ?? 0, text: fmtUsd(c.afterBlended) },
  ]);
  return {
    title: { text: '价格变动提醒 · Watched price change', subtitle: 'blended 3:1, USD per M tokens · 美元/百万token' },
    data: { values },
    width: 360,
    height: 180,
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'model', type: 'nominal', title: null, axis: { labelAngle: 0 } },
          xOffset: { field: 'order', type: 'ordinal' },
          y: { field: 'price', type: 'quantitative', title: 'USD / M tokens' },
          color: { field: 'when', type: 'nominal', title: null, legend: { orient: 'top' } },
        },
      },
      { mark: { type: 'text', dy: -6, fontSize: 10 }, encoding: { x: { field: 'model', type: 'nominal' }, xOffset: { field: 'order', type: 'ordinal' }, y: { field: 'price', type: 'quantitative' }, text: { field: 'text' } } },
    ],
  } as TopLevelSpec;
}
