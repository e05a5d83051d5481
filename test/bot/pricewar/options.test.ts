import { beforeAll, describe, expect, it } from 'vitest';
import { inFlagWords, flagName } from '../../../src/bot/pricewar/options.js';
import { ArgumentError, UserError } from '../../../src/core/errors.js';
import { findPriceAlerts } from '../../../src/pricewar/alerts.js';
import { costSpec } from '../../../src/pricewar/charts.js';
import { comparePrices } from '../../../src/pricewar/compare.js';
import { costPreset } from '../../../src/pricewar/cost-presets.js';
import { unitEconomics } from '../../../src/pricewar/cost.js';
import { priceCuts } from '../../../src/pricewar/cuts.js';
import { loadPriceData, type PriceData } from '../../../src/pricewar/data.js';
import { ParamError } from '../../../src/pricewar/errors.js';
import { simulatePriceWar } from '../../../src/pricewar/simulate.js';
import { priceTrend } from '../../../src/pricewar/trend.js';
import { makeData, MARKET_ROWS, monthDate } from '../../pricewar/fixtures.js';

let bundled: PriceData;
beforeAll(async () => {
  bundled = await loadPriceData();
});

// acme-1 gets 20 % cheaper every month for two years, as in test/pricewar/trend.test.ts.
const acme = makeData({ history: Array.from({ length: 25 }, (_, m) => [monthDate(m), 'acme', 'acme-1', 100 * 0.8 ** m, 100 * 0.8 ** m, `c${m}`] as const) });
const market = makeData(MARKET_ROWS);

describe('flagName', () => {
  it('writes an option key as its chat flag', () => {
    expect(flagName('minChange')).toBe('--min-change');
    expect(flagName('since')).toBe('--since');
  });
});

describe('inFlagWords: analysis errors name the flag the user typed', () => {
  it('trend: ranges that run backwards, and --model with --tier', () => {
    expect(() => inFlagWords(() => priceTrend(acme, { model: 'acme-1', since: '2025-01-01', until: '2024-01-01' }))).toThrow(/--since \(2025-01-01\) is after --until/);
    expect(() => inFlagWords(() => priceTrend(acme, { model: 'acme-1', tier: 'gpt-4' }))).toThrow(/either --model or --tier/);
    expect(() => inFlagWords(() => priceTrend(acme, { since: '2024-02-30' }))).toThrow('--since must be a real date written YYYY-MM-DD, like 2024-05-21 (got "2024-02-30").');
  });

  it('cuts: a backwards range and a bad date', () => {
    expect(() => inFlagWords(() => priceCuts(bundled, { from: '2024-06-01', to: '2024-05-01' }))).toThrow(/--from \(2024-06-01\) is after --to \(2024-05-01\)/);
    // One wording for a bad date, the same as the argument check's (it was "must be a date like 2024-05-21" here).
    expect(() => inFlagWords(() => priceCuts(bundled, { from: '21/05/2024' }))).toThrow(/--from must be a real date written YYYY-MM-DD, like 2024-05-21/);
    expect(() => inFlagWords(() => priceCuts(bundled, { from: '2024-06-01', to: '2024-05-01' }))).toThrow(
      '--from (2024-06-01) is after --to (2024-05-01); the range must run forwards, e.g. --from 2024-05-01 --to 2024-06-30.',
    );
  });

  it('alerts, tiers, providers and per-firm lists', () => {
    expect(() => inFlagWords(() => findPriceAlerts(market, { minChange: -0.1 }))).toThrow('--min-change must be 0 % or more (got -10 %).');
    expect(() => inFlagWords(() => findPriceAlerts(market, { until: '2024-13-01' }))).toThrow(/^--until must be a real date/);
    expect(() => inFlagWords(() => priceTrend(bundled, { tier: '120' }))).toThrow('--tier 120: an MMLU score is a percentage, at most 100.');
    expect(() => inFlagWords(() => priceTrend(market, { model: 'gpt-4o', provider: 'deepseek' }))).toThrow(/Drop --provider or pick another\.$/);
    expect(() => inFlagWords(() => simulatePriceWar({ firms: 3, cash: [10, 20] }))).toThrow('--cash takes one value or one per firm (3); got 2.');
  });

  it('keeps the error kind: bad arguments stay ArgumentErrors, missing data stays not_found', () => {
    const bad = catchError(() => inFlagWords(() => priceTrend(acme, { model: 'acme-1', tier: 'gpt-4' })));
    expect(bad).toBeInstanceOf(ArgumentError);
    expect(bad).not.toBeInstanceOf(ParamError);
    const noTiers = catchError(() => inFlagWords(() => priceTrend(acme)));
    expect(noTiers).toBeInstanceOf(UserError);
    expect(noTiers).toMatchObject({ code: 'not_found', message: expect.stringContaining('use --model or a number such as --tier 80.') });
  });

  it('words every line of a combined error', () => {
    expect(() => inFlagWords(() => comparePrices(market, { models: ['gpt-4o', 'gpt4o'], provider: 'deepseek' }))).toThrow(
      /is listed, but not by the provider\(s\) you chose \(deepseek\)\. Drop --provider or pick another\.\nUnknown model "gpt4o"/,
    );
  });

  it('passes other errors through as they are', () => {
    const error = catchError(() => inFlagWords(() => comparePrices(market, { models: ['gpt4o'] })));
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as Error).message).toMatch(/^Unknown model "gpt4o"/);
    const plain = new RangeError('boom');
    expect(catchError(() => inFlagWords(() => { throw plain; }))).toBe(plain);
  });
});

describe('texts the feature writes with the caller’s names', () => {
  it('a preset without prices suggests --price; the cost chart without a price too', () => {
    const lookup = costPreset(bundled, 'llama-3.1-8b-h100', flagName);
    if (!lookup?.ok) throw new Error('preset unavailable');
    expect(lookup.preset.caveats).toContain('Benchmark at maximum load with fixed-length synthetic requests; no price is given, add --price to get a verdict.');
    expect(lookup.preset.derivation).toContain('utilisation 60 % (the /pricewar cost default: real traffic is not a benchmark at maximum load)');
    const spec = costSpec(unitEconomics({ ...lookup.preset.inputs }), lookup.preset.title, flagName) as { title: { subtitle: string[] } };
    expect(spec.title.subtitle[1]).toMatch(/ · 给出 --price 可得盈亏判断$/);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
