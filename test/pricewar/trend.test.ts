import { describe, expect, it } from 'vitest';
import { loadPriceData } from '../../src/pricewar/data.js';
import { dayToIso } from '../../src/pricewar/dates.js';
import { fitLogLinear } from '../../src/pricewar/fit.js';
import { blendedPrice, parseRatio } from '../../src/pricewar/prices.js';
import { priceTrend } from '../../src/pricewar/trend.js';
import { makeData, monthDate, PUBLISHED_ROWS } from './fixtures.js';

/** Ordinary least squares by the normal equations, written out separately from src/ to check it. */
function olsByNormalEquations(xs: number[], ys: number[]): { slope: number; r2: number } {
  const n = xs.length;
  const sx = xs.reduce((a, b) => a + b, 0);
  const sy = ys.reduce((a, b) => a + b, 0);
  const sxx = xs.reduce((a, x) => a + x * x, 0);
  const sxy = xs.reduce((a, x, i) => a + x * (ys[i] as number), 0);
  const det = n * sxx - sx * sx;
  const intercept = (sxx * sy - sx * sxy) / det;
  const slope = (n * sxy - sx * sy) / det;
  const mean = sy / n;
  const ssTot = ys.reduce((a, y) => a + (y - mean) ** 2, 0);
  const ssRes = ys.reduce((a, y, i) => a + (y - (intercept + slope * (xs[i] as number))) ** 2, 0);
  return { slope, r2: 1 - ssRes / ssTot };
}

const days = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;

describe('fitLogLinear', () => {
  it('recovers a known 10×-per-year decline exactly', () => {
    const points = Array.from({ length: 25 }, (_, m) => ({ t: m / 12, price: 80 * 10 ** (-m / 12) }));
    const fit = fitLogLinear(points);
    expect(fit.annualDeclineFactor).toBeCloseTo(10, 10);
    expect(fit.halvingMonths).toBeCloseTo((12 * Math.log(2)) / Math.log(10), 10); // 3.6124 months
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(fit.n).toBe(25);
    expect(fit.doublingMonths).toBeNull();
  });

  it('matches an independent least-squares solution on noisy data', () => {
    let seed = 7;
    const noise = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.6;
    const points = Array.from({ length: 30 }, (_, i) => ({ t: i / 10, price: 50 * Math.exp(-1.2 * (i / 10) + noise()) }));
    const fit = fitLogLinear(points);
    const check = olsByNormalEquations(points.map((p) => p.t), points.map((p) => Math.log(p.price)));
    expect(fit.slope).toBeCloseTo(check.slope, 10);
    expect(fit.r2 as number).toBeCloseTo(check.r2, 10);
    expect(fit.annualDeclineFactor).toBeCloseTo(Math.exp(-check.slope), 10);
  });

  it('reports rising prices as a doubling time and a flat series as having no R²', () => {
    const rising = fitLogLinear([{ t: 0, price: 1 }, { t: 1, price: 2 }, { t: 2, price: 4 }]);
    expect(rising.annualDeclineFactor).toBeCloseTo(0.5, 12);
    expect(rising.doublingMonths).toBeCloseTo(12, 10);
    expect(rising.halvingMonths).toBeNull();
    const flat = fitLogLinear([{ t: 0, price: 3 }, { t: 1, price: 3 }, { t: 2, price: 3 }]);
    expect(flat.r2).toBeNull();
    expect(flat.halvingMonths).toBeNull();
    expect(() => fitLogLinear([{ t: 0, price: 1 }])).toThrow(RangeError);
    expect(() => fitLogLinear([{ t: 0, price: 1 }, { t: 1, price: 0 }])).toThrow(/positive/);
  });
});

describe('blended price', () => {
  it('is (3·input + output)/4 by default and follows --blend', () => {
    expect(blendedPrice(2.5, 10)).toBe((3 * 2.5 + 10) / 4);
    expect(blendedPrice(2.5, 10, parseRatio('1:1'))).toBe(6.25);
    expect(blendedPrice(2.5, null, parseRatio('1:0'))).toBe(2.5);
    expect(blendedPrice(2.5, null)).toBeNull();
    expect(parseRatio('3-1')).toBeUndefined();
    expect(parseRatio('0:0')).toBeUndefined();
  });
});

describe('priceTrend on hand-made data', () => {
  // acme-1 gets 20 % cheaper every month for two years (in = out, so the blend is the price).
  const months = Array.from({ length: 25 }, (_, m) => m);
  const acme = months.map((m) => [monthDate(m), 'acme', 'acme-1', 100 * 0.8 ** m, 100 * 0.8 ** m, `c${m}`] as const);
  const data = makeData({
    history: [
      ...acme,
      // A dearer re-listing of the same family: never the cheapest, so it must not move the series.
      [monthDate(0), 'resell', 'resell/acme-1-2024-01-01', 500, 500, 'r'],
      // A free listing of the family: left out (a log fit needs prices > 0) and counted.
      [monthDate(3), 'local', 'local/acme-1', 0, 0, 'z'],
      [monthDate(0), 'other', 'other-model', 1, 1, 'o'],
    ],
    published: PUBLISHED_ROWS,
  });

  it('fits the monthly samples of the cheapest listing: 0.8 per month ≈ 14.6× per year', () => {
    const result = priceTrend(data, { model: 'acme-1', until: monthDate(24) });
    const series = result.series[0]!;
    expect(series.points).toHaveLength(25);
    expect(series.zeroPricedListings).toBe(1);
    expect(series.points.every((p) => p.provider === 'acme')).toBe(true);
    const t = months.map((m) => days(monthDate(0), monthDate(m)) / 365.2425);
    const expected = olsByNormalEquations(t, months.map((m) => Math.log(100 * 0.8 ** m)));
    expect(series.fit!.slope).toBeCloseTo(expected.slope, 10);
    expect(series.fit!.r2!).toBeCloseTo(expected.r2, 10);
    // Month lengths differ, so the fit is close to, not exactly, 0.8^-12.
    expect(series.fit!.annualDeclineFactor / 0.8 ** -12).toBeCloseTo(1, 2);
    expect(series.fit!.halvingMonths!).toBeCloseTo((12 * Math.LN2) / -expected.slope, 10);
    expect(series.published.map((p) => p.relation)).toEqual(['within', 'above']);
  });

  it('uses the blend weights, the --since window and a provider filter', () => {
    const d2 = makeData({
      history: [
        ['2024-01-01', 'p', 'm-1', 4, 20, 'a'],
        ['2024-07-01', 'p', 'm-1', 2, 10, 'b'],
        ['2025-01-01', 'p', 'm-1', 1, 5, 'c'],
      ],
    });
    const r = priceTrend(d2, { model: 'm-1', blend: parseRatio('1:1'), until: '2025-01-01' });
    expect(r.series[0]!.firstPrice).toBe(12);
    expect(r.series[0]!.lastPrice).toBe(3);
    const since = priceTrend(d2, { model: 'm-1', since: '2024-07-01', until: '2025-01-01' });
    expect(since.series[0]!.points[0]).toMatchObject({ date: '2024-07-01', price: (3 * 2 + 10) / 4 });
    expect(since.series[0]!.points).toHaveLength(7);
    expect(() => priceTrend(d2, { model: 'm-1', provider: 'nobody' })).toThrow(/Unknown provider "nobody"/);
  });

  it('says when there are too few points for a fit', () => {
    const r = priceTrend(data, { model: 'acme-1', since: monthDate(23), until: monthDate(24) });
    expect(r.series[0]!.points).toHaveLength(2);
    expect(r.series[0]!.fit).toBeNull();
  });

  it('rejects unknown models with suggestions, and ranges that run backwards', () => {
    expect(() => priceTrend(data, { model: 'acme1' })).toThrow(/Unknown model "acme1"\. Did you mean: acme-1/);
    // The chat layer words these with flags (test/bot/pricewar/flag-words.test.ts); here they name the option keys.
    expect(() => priceTrend(data, { model: 'acme-1', since: '2025-01-01', until: '2024-01-01' })).toThrow('since (2025-01-01) is after until (2024-01-01); give an earlier since.');
    expect(() => priceTrend(data, { model: 'acme-1', tier: 'gpt-4' })).toThrow('Give either model or tier, not both.');
  });

  it('a since after the newest data names where the data ends, not an until nobody gave (issue 14)', () => {
    const error = (() => {
      try {
        priceTrend(data, { model: 'acme-1', since: '2099-01-01' });
      } catch (e) {
        return e as Error & { params: readonly string[] };
      }
      throw new Error('expected a late since to fail');
    })();
    expect(error.message).toBe(`since (2099-01-01) is after the end of the price data: it ends on ${dayToIso(data.lastDay)}. Give an earlier since.`);
    expect(error.message).not.toContain('until');
    expect(error.params).toEqual(['since']);
  });
});

describe('priceTrend by capability tier', () => {
  const data = makeData({
    history: [
      ['2024-01-01', 'x', 'big-model', 30, 30, 'a'],
      ['2024-07-01', 'y', 'big-model-turbo', 3, 3, 'b'],
      ['2024-01-01', 'z', 'small-model', 0.1, 0.1, 'c'], // cheap but below the tier
      ['2024-01-01', 'w', 'alias-chat', 0.5, 0.5, 'd'], // reaches the tier only from 2024-10-01
    ],
    scores: [
      ['Big', '^big-model', 'MMLU', 88, '5-shot', null, null, 'https://example.org/big', ''],
      ['Small', '^small-model$', 'MMLU', 60, '5-shot', null, null, 'https://example.org/small', ''],
      ['Alias v2', '^alias-chat$', 'MMLU', 70, '5-shot', null, '2024-09-30', 'https://example.org/a2', ''],
      ['Alias v3', '^alias-chat$', 'MMLU', 90, '5-shot', '2024-10-01', null, 'https://example.org/a3', ''],
    ],
    tiers: [['gpt-4', 'MMLU', 86.4, 'GPT-4', 'https://arxiv.org/abs/2303.08774', '']],
  });

  it('follows the cheapest listing at or above the tier as models and aliases qualify', () => {
    const r = priceTrend(data, { tier: 'gpt-4', until: '2025-01-01' });
    const s = r.series[0]!;
    expect(s.label).toBe('MMLU ≥ 86.4 (GPT-4 level)');
    expect(s.steps.map((p) => [p.date, p.price, p.model])).toEqual([
      ['2024-01-01', 30, 'big-model'],
      ['2024-07-01', 3, 'big-model-turbo'],
      ['2024-10-01', 0.5, 'alias-chat'],
    ]);
    expect(s.points).toHaveLength(13);
  });

  it('takes a bare MMLU score as the tier, and suggests named tiers for a typo', () => {
    const r = priceTrend(data, { tier: '55', until: '2024-03-01' });
    expect(r.series[0]!.steps[0]).toMatchObject({ model: 'small-model', price: 0.1 });
    expect(() => priceTrend(data, { tier: 'gpt4' })).toThrow(/Unknown tier "gpt4"\. Did you mean: gpt-4\?/);
  });
});

describe('priceTrend on the bundled data', () => {
  it('reports a decline factor, halving time, R² and n for gpt-4o, consistent with its own points', async () => {
    const data = await loadPriceData();
    const r = priceTrend(data, { model: 'gpt-4o' });
    const s = r.series[0]!;
    expect(s.listingCount).toBeGreaterThan(5);
    expect(s.steps[0]).toMatchObject({ date: '2024-05-13', price: (3 * 5 + 15) / 4, model: 'gpt-4o' });
    expect(s.fit!.n).toBe(s.points.length);
    expect(s.fit!.annualDeclineFactor).toBeGreaterThan(1);
    expect(s.fit!.halvingMonths).toBeGreaterThan(0);
    const check = olsByNormalEquations(s.points.map((p) => p.t), s.points.map((p) => Math.log(p.price)));
    expect(s.fit!.slope).toBeCloseTo(check.slope, 10);
    expect(s.fit!.r2!).toBeCloseTo(check.r2, 10);
  });

  it('computes both bundled tiers over the whole history', async () => {
    const data = await loadPriceData();
    const r = priceTrend(data, {});
    expect(r.series.map((s) => s.tier?.name)).toEqual(['gpt-3.5', 'gpt-4']);
    // GPT-4's first row (2023-09-06, $3 in / $60 out) is LiteLLM's typo for $30, fixed on 2023-09-18: a probable data error, left out (issue 19).
    expect(r.series.map((s) => s.from)).toEqual(['2023-09-06', '2023-09-18']);
    expect(r.series[1]!.excluded).toEqual({ inconsistent: 2 });
    expect(r.series[1]!.steps[0]!.price).toBe(37.5);
    for (const s of r.series) {
      expect(s.fit!.n).toBeGreaterThanOrEqual(30);
      expect(s.published).toHaveLength(2);
    }
    // GPT-4-level prices start with GPT-4 itself.
    expect(r.series[1]!.steps[0]!.model).toBe('gpt-4');
  });
});
