import { describe, expect, it } from 'vitest';
import { findPriceAlerts, formatAlert } from '../../src/pricewar/alerts.js';
import { comparePrices } from '../../src/pricewar/compare.js';
import { modelFamily } from '../../src/pricewar/models.js';
import { simulatePriceWar } from '../../src/pricewar/simulate.js';
import { mulberry32 } from '../../src/random/seeded.js';
import { makeData, MARKET_ROWS } from './fixtures.js';

const data = makeData(MARKET_ROWS);

describe('modelFamily', () => {
  it('strips platform prefixes and date or version suffixes', () => {
    expect(modelFamily('azure/global/gpt-4o-2024-11-20')).toBe('gpt-4o');
    expect(modelFamily('us.anthropic.claude-3-haiku-20240307-v1:0')).toBe('claude-3-haiku');
    expect(modelFamily('vertex_ai/claude-3-opus@20240229')).toBe('claude-3-opus');
    expect(modelFamily('gpt-3.5-turbo-0613')).toBe('gpt-3.5-turbo');
    expect(modelFamily('gpt-4o-mini-2024-07-18')).toBe('gpt-4o-mini');
    expect(modelFamily('ft:gpt-4o-2024-08-06')).toBe('ft:gpt-4o');
  });
});

describe('comparePrices', () => {
  it('shows the vendor’s own listing with its current price, when it was set and when it was last seen', () => {
    const r = comparePrices(data, { models: ['gpt-4o', 'deepseek-chat'] });
    expect(r.snapshotDate).toBe('2025-03-01');
    expect(r.models[0]).toMatchObject({ provider: 'openai', model: 'gpt-4o', input: 2.5, output: 10, blended: (3 * 2.5 + 10) / 4, cachedInput: 1.25, priceSince: '2024-11-13', lastSeen: '2025-03-01', inLatestSnapshot: true, chosenBecause: 'exact model id' });
    expect(r.models[0]!.otherListings).toBe(4);
    expect(r.models[0]!.blendedRange).toEqual({ min: (3 * 2.4 + 9.9) / 4, max: (3 * 5 + 15) / 4 });
    expect(r.models[1]).toMatchObject({ input: 0.27, output: 1.1, priceSince: '2025-02-08' });
  });

  it('picks the cheapest listing still in the snapshot for a family with no exact id, and flags listings that left it', () => {
    const r = comparePrices(data, { models: ['gpt-4o-2024-11-20'] });
    expect(r.models[0]).toMatchObject({ provider: 'azure', model: 'azure/global/gpt-4o-2024-11-20', inLatestSnapshot: true });
    const gone = comparePrices(data, { models: ['azure/eu/gpt-4o-2024-11-20'] });
    expect(gone.models[0]).toMatchObject({ inLatestSnapshot: false, lastSeen: '2024-11-13' });
  });

  it('names every unknown model at once, with suggestions', () => {
    expect(() => comparePrices(data, { models: ['gpt4o', 'deepsek-chat', 'gpt-4o'] })).toThrow(/Unknown model "gpt4o"\. Did you mean: gpt-4o[\s\S]*Unknown model "deepsek-chat"\. Did you mean: deepseek-chat/);
    expect(() => comparePrices(data, { models: [] })).toThrow(/at least one model/);
  });
});

describe('findPriceAlerts', () => {
  it('lists changes at or above the threshold, newest first, grouping ids that moved together', () => {
    const r = findPriceAlerts(data, { since: '2024-05-01', until: '2025-03-01', minChange: 0.2 });
    expect(r.alerts.map((a) => [a.date, a.provider, a.model, a.direction])).toEqual([
      ['2025-02-08', 'deepseek', 'deepseek-chat', 'rise'],
      ['2024-11-13', 'openai', 'gpt-4o', 'cut'],
      ['2024-07-01', 'ollama', 'llama3', 'rise'],
      ['2024-05-21', 'Baidu AI Cloud (Qianfan)', 'ERNIE-Speed-8K', 'cut'],
      ['2024-05-21', 'Alibaba Cloud', 'qwen-long', 'cut'],
    ]);
    const deepseek = r.alerts[0]!;
    expect(deepseek.changePct).toBeCloseTo(((3 * 0.27 + 1.1) / 4 / ((3 * 0.14 + 0.28) / 4) - 1) * 100, 10);
    expect(r.alerts[1]!.changePct).toBeCloseTo(((3 * 2.5 + 10) / (3 * 5 + 15) - 1) * 100, 10);
    expect(r.alerts[2]).toMatchObject({ wasFree: true, changePct: null });
    expect(r.alerts[3]).toMatchObject({ madeFree: true, currency: 'CNY', changePct: -100 });
    expect(r.alerts[4]!.changePct).toBe(-97.5);
    expect(formatAlert(r.alerts[4]!)).toBe('2024-05-21 Alibaba Cloud qwen-long: ¥20 → ¥0.5 per M tokens (−97.5 %)');
  });

  it('defaults to the 30 days before the newest data and 20 %, and checks its arguments', () => {
    const r = findPriceAlerts(data);
    expect(r).toMatchObject({ since: '2025-01-09', until: '2025-02-08', minChange: 0.2 });
    expect(r.alerts.map((a) => a.model)).toEqual(['deepseek-chat']);
    expect(findPriceAlerts(data, { since: '2024-11-01', until: '2024-11-30', minChange: 0.01 }).alerts.map((a) => a.date)).toEqual(['2024-11-20', '2024-11-13']);
    expect(() => findPriceAlerts(data, { since: '2025-01-01', until: '2024-01-01' })).toThrow(/is after the end of the range/);
    expect(() => findPriceAlerts(data, { provider: 'opnai' })).toThrow(/Unknown provider "opnai"\. Did you mean: openai/);
    expect(findPriceAlerts(data, { since: '2024-01-01', provider: '百度' }).alerts.map((a) => a.model)).toEqual(['ERNIE-Speed-8K']);
  });
});

describe('simulatePriceWar', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = simulatePriceWar({ seed: 42 });
    const b = simulatePriceWar({ seed: 42 });
    const c = simulatePriceWar({ seed: 43 });
    expect(b).toEqual(a);
    expect(c.firmCosts).not.toEqual(a.firmCosts);
    const r = mulberry32(1);
    const xs = Array.from({ length: 1000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('keeps the books: cash moves by profit, profit = (price − cost) × tokens − fixed cost', () => {
    const r = simulatePriceWar({ firms: 3, rounds: 6, cost: [1, 1.1, 0.9], cash: [50, 50, 50] });
    for (const [k, round] of r.rounds.entries()) {
      for (const f of round.firms.filter((x) => x.active)) {
        const before = k === 0 ? r.firmStartingCash[f.firm - 1]! : r.rounds[k - 1]!.firms[f.firm - 1]!.cash;
        expect(f.profit).toBeCloseTo(((f.price! - r.firmCosts[f.firm - 1]!) * f.quantity) / 1000 - r.options.fixedCost, 9);
        expect(f.cash).toBeCloseTo(before + f.profit, 9);
      }
      // Capacity is respected.
      expect(Math.max(...round.firms.map((f) => f.quantity))).toBeLessThanOrEqual(r.options.capacity * r.options.demand + 1e-6);
    }
    expect(r.rounds[0]!.marketPrice).toBe(2);
    expect(r.rounds[1]!.marketPrice).toBeLessThan(2);
  });

  it('firms that run out of cash exit, and a lone survivor raises prices towards the monopoly price', () => {
    const r = simulatePriceWar({ firms: 2, rounds: 30, cost: [1, 0.6], cash: [5, 200], elasticity: 2 });
    expect(r.exits).toEqual([{ firm: 1, round: expect.any(Number) }]);
    expect(r.survivors).toEqual([2]);
    const exitRound = r.exits[0]!.round;
    const after = r.rounds.slice(exitRound).map((x) => x.marketPrice);
    for (let i = 1; i < after.length; i++) expect(after[i]!).toBeGreaterThanOrEqual(after[i - 1]! - 1e-12);
    expect(r.finalMarketPrice).toBeCloseTo((0.6 * 2) / (2 - 1), 9); // cost × e/(e−1)
    expect(r.assumptions.length).toBeGreaterThan(3);
  });

  it('rejects per-firm lists of the wrong length', () => {
    expect(() => simulatePriceWar({ firms: 3, cost: [1, 2] })).toThrow(/one value or one per firm \(3\)/);
  });
});
