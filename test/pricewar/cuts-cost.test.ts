import { beforeAll, describe, expect, it } from 'vitest';
import { costPreset, listCostPresets, numbersIn } from '../../src/pricewar/cost-presets.js';
import { unitEconomics, verdictFor } from '../../src/pricewar/cost.js';
import { pctChange, priceCuts } from '../../src/pricewar/cuts.js';
import { loadPriceData, type PriceData } from '../../src/pricewar/data.js';
import { makeData } from './fixtures.js';

let data: PriceData;
beforeAll(async () => {
  data = await loadPriceData();
});

describe('priceCuts', () => {
  it('computes the percentage change: 20 → 0.5 is −97.5 %', () => {
    expect(pctChange(20, 0.5)).toBe(-97.5);
    expect(pctChange(4, 0)).toBe(-100);
    expect(pctChange(1, 2)).toBe(100);
    expect(pctChange(null, 1)).toBeNull();
    expect(pctChange(0, 1)).toBeNull();
  });

  it('lists Baidu’s ERNIE-Speed going free on 2024-05-21 and Qwen-Long’s 97.5 % input cut', () => {
    const r = priceCuts(data);
    expect(r.cuts).toHaveLength(23);
    const ernie = r.cuts.find((c) => c.model === 'ERNIE-Speed-8K');
    expect(ernie).toMatchObject({ date: '2024-05-21', madeFree: true, kind: 'made-free', providerZh: '百度智能云', confidence: 'high' });
    expect(ernie?.input).toEqual({ old: 4, new: 0, changePct: -100 });
    const qwen = r.cuts.find((c) => c.model.startsWith('qwen-long'));
    expect(qwen?.input).toEqual({ old: 20, new: 0.5, changePct: ((0.5 - 20) / 20) * 100 });
    expect(qwen?.kind).toBe('cut');
    expect(qwen?.sources.length).toBe(3);
    // Sorted by date; the month-precision row sits at the start of its month.
    const dates = r.cuts.map((c) => c.date);
    expect(dates[0]).toBe('2024-05-06');
    expect(r.cuts.find((c) => c.date === '2024-09')?.datePrecision).toBe('month');
    // The end of a promotional price is a rise of the price paid, kept with its qualifier (issue 19), not a list-price rise.
    const promoEnd = r.cuts.find((c) => c.model.includes('promotional period ends'));
    expect(promoEnd).toMatchObject({ kind: 'promotion-end', qualifier: 'promotion-end' });
    expect(r.cuts.filter((c) => c.kind === 'off-peak').map((c) => c.qualifier)).toEqual(['off-peak', 'off-peak']);
    expect(r.span).toBe('2024–2025');
  });

  it('filters by vendor in English or Chinese, and by date range (month rows overlap)', () => {
    expect(priceCuts(data, { provider: '百度' }).cuts.map((c) => c.provider)).toEqual(Array(7).fill('Baidu AI Cloud (Qianfan)'));
    expect(priceCuts(data, { provider: 'tencent' }).cuts).toHaveLength(2);
    const may21 = priceCuts(data, { from: '2024-05-21', to: '2024-05-21' });
    expect(may21.cuts.every((c) => c.date === '2024-05-21')).toBe(true);
    expect(may21.cuts).toHaveLength(9);
    expect(priceCuts(data, { from: '2024-09-15', to: '2024-09-20' }).cuts.map((c) => c.model)).toEqual(['qwen-turbo']);
  });

  it('refuses a backwards range, a bad date and an unknown vendor with what is accepted', () => {
    // The chat layer words these with flags (test/bot/pricewar/flag-words.test.ts); here they name the option keys.
    expect(() => priceCuts(data, { from: '2024-06-01', to: '2024-05-01' })).toThrow(/^from \(2024-06-01\) is after to \(2024-05-01\)/);
    expect(() => priceCuts(data, { from: '21/05/2024' })).toThrow('from must be a real date written YYYY-MM-DD, like 2024-05-21 (got "21/05/2024").');
    expect(() => priceCuts(data, { provider: 'huawei' })).toThrow(/Vendors in the table: DeepSeek \(深度求索\)/);
  });
});

describe('unitEconomics', () => {
  it('reproduces the public Llama-3.1-405B calculation to the cent', () => {
    const r = unitEconomics({ gpuHourly: 3.49, gpus: 8, tokensPerSecond: 3300, inputPerOutput: 10, utilization: 1, inputPrice: 2.8, outputPrice: 2.8 });
    expect(r.revenuePerDay).toBeCloseTo((3300 * 86_400 * 2.8) / 1e6, 9); // 798.336
    expect(Math.round((r.revenuePerDay as number) * 100) / 100).toBe(798.34);
    expect(r.costPerDay).toBeCloseTo(3.49 * 8 * 24, 9); // 670.08
    expect(r.inputTokensPerDay).toBeCloseTo(3000 * 86_400, 3);
    expect(r.outputTokensPerDay).toBeCloseTo(300 * 86_400, 3);
    expect(r.breakEvenUtilization).toBeCloseTo(670.08 / 798.336, 9);
    expect(r.verdict).toBe('thin');
  });

  it('charges idle GPUs: halving utilisation doubles the cost per token', () => {
    const base = { gpuHourly: 2, gpus: 1, tokensPerSecond: 1000, inputPerOutput: 1, inputPrice: 1, outputPrice: 1 };
    const full = unitEconomics({ ...base, utilization: 1 });
    const half = unitEconomics({ ...base, utilization: 0.5 });
    expect(full.costPerMillionTokens).toBeCloseTo(48 / 86.4, 9);
    expect(half.costPerMillionTokens).toBeCloseTo(2 * full.costPerMillionTokens, 9);
    const costs = full.sensitivity.map((s) => s.costPerMillionTokens);
    expect([...costs].sort((a, b) => b - a)).toEqual(costs);
  });

  it('prices cache hits separately and gives verdict bands', () => {
    const r = unitEconomics({ gpuHourly: 1, gpus: 1, tokensPerSecond: 100, inputPerOutput: 3, utilization: 1, inputPrice: 1, cachedInputPrice: 0.1, outputPrice: 4, cacheHitShare: 0.5 });
    const tokens = 100 * 86_400;
    expect(r.revenuePerDay).toBeCloseTo((tokens * 0.75 * (0.5 * 1 + 0.5 * 0.1) + tokens * 0.25 * 4) / 1e6, 9);
    expect(verdictFor(-0.01)).toBe('below cost');
    expect(verdictFor(0.29)).toBe('thin');
    expect(verdictFor(0.3)).toBe('healthy');
    expect(() => unitEconomics({ gpuHourly: 0, gpus: 1, tokensPerSecond: 1, inputPerOutput: 1, utilization: 1 })).toThrow(RangeError);
    expect(unitEconomics({ gpuHourly: 1, gpus: 1, tokensPerSecond: 1, inputPerOutput: 1, utilization: 1 }).verdict).toBeNull();
  });
});

describe('cost presets from serving_cost_inputs.csv', () => {
  it('reads published values as numbers', () => {
    expect(numbersIn('300 / 3000')).toEqual([300, 3000]);
    expect(numbersIn('798.34 vs 670.08')).toEqual([798.34, 670.08]);
    expect(numbersIn('608e9 / 342e9 / 168e9')).toEqual([608e9, 342e9, 168e9]);
  });

  it('llama-3.1-405b reproduces $798.34 revenue vs $670.08 GPU cost per day', () => {
    const lookup = costPreset(data, 'llama-3.1-405b');
    if (!lookup?.ok) throw new Error('preset missing');
    const r = unitEconomics(lookup.preset.inputs as never);
    expect(lookup.preset.inputs).toMatchObject({ gpus: 8, tokensPerSecond: 3300, inputPerOutput: 10, utilization: 1, inputPrice: 2.8, outputPrice: 2.8 });
    expect(lookup.preset.inputs.gpuHourly).toBeCloseTo(670.08 / 24 / 8, 12); // $3.49
    expect((r.revenuePerDay as number).toFixed(2)).toBe('798.34');
    expect(r.costPerDay.toFixed(2)).toBe('670.08');
    expect(lookup.preset.published).toEqual({ revenuePerDay: 798.34, costPerDay: 670.08 });
  });

  it('deepseek-v3-r1 reproduces the $87,072/day cost to the dollar and the 545 % margin from the published figures', () => {
    const lookup = costPreset(data, 'deepseek');
    if (!lookup?.ok) throw new Error('preset missing');
    const r = unitEconomics(lookup.preset.inputs as never);
    expect(lookup.preset.inputs.gpus).toBe(226.75 * 8);
    expect(Math.round(r.costPerDay)).toBe(226.75 * 8 * 2 * 24); // 87,072
    expect(Math.round(r.costPerDay)).toBe(87_072);
    // Revenue recomputed from the rounded published token totals at R1 list prices.
    const recomputed = ((608e9 - 342e9) * 0.55 + 342e9 * 0.14 + 168e9 * 2.19) / 1e6;
    expect(r.revenuePerDay).toBeCloseTo(recomputed, 4);
    expect(Math.round(recomputed)).toBe(562_100);
    const published = lookup.preset.published!;
    expect(published).toEqual({ revenuePerDay: 562_027, costPerDay: 87_072, markupOnCost: 5.45 });
    expect(Math.round(((published.revenuePerDay! - published.costPerDay!) / published.costPerDay!) * 100)).toBe(545);
    expect(r.verdict).toBe('healthy');
  });

  it('says which preset cannot be built when its rows are missing', () => {
    const empty = makeData({});
    const lookups = listCostPresets(empty);
    expect(lookups.every((l) => !l.ok)).toBe(true);
    expect(lookups[0]).toMatchObject({ ok: false, id: 'llama-3.1-405b', reason: expect.stringContaining('serving_cost_inputs.csv has no row') });
    expect(costPreset(empty, 'no-such-preset')).toBeUndefined();
  });
});
