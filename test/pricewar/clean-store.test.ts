/**
 * The cleaning rules, the store's change points and the feed parsers, as
 * plain functions on hand-made data and a real (in-memory) SQLite store.
 */
import { describe, expect, it } from 'vitest';
import { cleanSeries, isChatModel } from '../../src/pricewar/clean.js';
import { checkFeedPlausible, FeedRejected, parseLiteLLM, parseOpenRouter } from '../../src/pricewar/feeds.js';
import { parseIsoDay } from '../../src/pricewar/dates.js';
import type { Observation } from '../../src/pricewar/prices.js';
import { PriceStore } from '../../src/pricewar/store.js';

const obs = (date: string, input: number | null, output: number | null): Observation => ({ date, day: parseIsoDay(date) as number, input, output, line: 0 });

describe('cleanSeries', () => {
  it('leaves out a change that reverts within 7 days, and its revert', () => {
    const r = cleanSeries('p:m', [obs('2024-01-01', 10, 30), obs('2024-01-05', 1, 3), obs('2024-01-08', 10, 30), obs('2024-03-01', 5, 15)]);
    expect(r.kept.map((o) => o.date)).toEqual(['2024-01-01', '2024-03-01']);
    expect(r.excluded.map((e) => [e.date, e.kind])).toEqual([
      ['2024-01-05', 'revert'],
      ['2024-01-08', 'revert'],
    ]);
  });

  it('keeps a change that reverts only after 7 days (a real promotion)', () => {
    const r = cleanSeries('p:m', [obs('2024-01-01', 10, 30), obs('2024-01-05', 5, 15), obs('2024-02-05', 10, 30)]);
    expect(r.excluded).toEqual([]);
  });

  it('flags one side ×100 while the other stays: the first price when it is the first row, else the change', () => {
    const first = cleanSeries('oci:grok-4', [obs('2025-08-07', 3, 0.15), obs('2025-09-01', 3, 15)]);
    expect(first.kept.map((o) => o.output)).toEqual([15]);
    expect(first.excluded[0]).toMatchObject({ date: '2025-08-07', kind: 'inconsistent' });
    const later = cleanSeries('p:m', [obs('2025-01-01', 2, 8), obs('2025-02-01', 1, 4), obs('2025-03-01', 1, 400)]);
    expect(later.kept.map((o) => o.output)).toEqual([8, 4]);
    // A real cut of both sides by 10× is not flagged.
    expect(cleanSeries('p:m', [obs('2025-01-01', 10, 30), obs('2025-02-01', 1, 3)]).excluded).toEqual([]);
  });

  it('flags one side dropping to $0 while the other keeps its price; a model made free on both sides is kept', () => {
    expect(cleanSeries('p:m', [obs('2025-01-01', 0.075, 0.3), obs('2026-03-12', 0.075, 0)]).excluded[0]?.kind).toBe('one-side-zero');
    expect(cleanSeries('p:m', [obs('2025-01-01', 0.075, 0.3), obs('2026-03-12', 0, 0)]).excluded).toEqual([]);
  });

  it('tells chat models from embedding, image and audio ones, by mode or else by name', () => {
    expect(isChatModel('text-embedding-3-small', 'embedding')).toBe(false);
    expect(isChatModel('gpt-4o', 'chat')).toBe(true);
    expect(isChatModel('whisper-1', null)).toBe(false);
    expect(isChatModel('gpt-4o', null)).toBe(true);
  });
});

describe('PriceStore change points', () => {
  it('writes a row only for a new series or a changed price; same-day snapshots replace, a same-day revert removes', () => {
    const store = PriceStore.open(':memory:');
    const a = store.recordSnapshot('litellm', '2026-12-01', [{ provider: 'openai', model: 'gpt-4o', input: 2.5, output: 10 }]);
    expect(a).toMatchObject({ newSeries: 1, changes: 1 });
    expect(store.recordSnapshot('litellm', '2026-12-02', [{ provider: 'openai', model: 'gpt-4o', input: 2.5, output: 10 }]).changes).toBe(0);
    expect(store.counts().observations).toBe(1);
    expect(store.series()[0]?.lastSeen).toBe('2026-12-02');
    const cut = store.recordSnapshot('litellm', '2026-12-03', [{ provider: 'openai', model: 'gpt-4o', input: 1.25, output: 5 }]);
    expect(cut.changed[0]?.before).toMatchObject({ date: '2026-12-01', input: 2.5 });
    store.recordSnapshot('litellm', '2026-12-03', [{ provider: 'openai', model: 'gpt-4o', input: 1, output: 4 }]);
    expect(store.observations().map((o) => [o.date, o.input])).toEqual([
      ['2026-12-01', 2.5],
      ['2026-12-03', 1],
    ]);
    store.recordSnapshot('litellm', '2026-12-03', [{ provider: 'openai', model: 'gpt-4o', input: 2.5, output: 10 }]);
    expect(store.observations().map((o) => o.date)).toEqual(['2026-12-01']);
    store.close();
  });

  it('keeps the bulk path (a full feed) and the per-row path (a seed day) in agreement', () => {
    const store = PriceStore.open(':memory:');
    const many = Array.from({ length: 600 }, (_, i) => ({ provider: 'x', model: `m-${i}`, input: 1, output: 2 }));
    store.recordSnapshot('litellm', '2026-12-01', many);
    const changed = store.recordSnapshot('litellm', '2026-12-02', many.map((o, i) => (i === 7 ? { ...o, input: 0.5 } : o)));
    expect(changed.changes).toBe(1);
    expect(store.counts()).toEqual({ series: 600, observations: 601 });
    expect(store.listedOnNewestDay('litellm')).toBe(600);
    store.close();
  });
});

describe('feed parsers', () => {
  it('reads OpenRouter’s per-token strings as USD per M tokens and skips "varies" and absurd rows', () => {
    const parsed = parseOpenRouter({
      data: [
        { id: 'openai/gpt-4o', pricing: { prompt: '0.0000025', completion: '0.00001' }, architecture: { output_modalities: ['text'] } },
        { id: 'openrouter/auto', pricing: { prompt: '-1', completion: '-1' } },
        { id: 'bad/negative', pricing: { prompt: '-0.000001', completion: '0.000001' } },
        { id: 'bad/unit', pricing: { prompt: '0.5', completion: '0.5' } },
      ],
    });
    expect(parsed.observations).toEqual([expect.objectContaining({ provider: 'openrouter', model: 'openai/gpt-4o', input: 2.5, output: 10, mode: 'chat' })]);
    expect(parsed.unpriced).toBe(1);
    expect(parsed.skipped.map((s) => s.reason)).toEqual(['negative price -0.000001', 'price 500000 per M tokens is above 10000']);
  });

  it('reads LiteLLM’s map, rejects a body of the wrong shape, and a list 90% shorter than the last good one', () => {
    const parsed = parseLiteLLM({ sample_spec: {}, 'gpt-4o': { input_cost_per_token: 2.5e-6, output_cost_per_token: 1e-5, litellm_provider: 'openai', mode: 'chat' }, 'dall-e-3': { output_cost_per_image: 0.04, litellm_provider: 'openai', mode: 'image_generation' } });
    expect(parsed.observations).toEqual([expect.objectContaining({ provider: 'openai', model: 'gpt-4o', input: 2.5, output: 10 })]);
    expect(parsed.unpriced).toBe(1);
    expect(() => parseLiteLLM([1, 2])).toThrow(FeedRejected);
    expect(() => parseOpenRouter({ models: [] })).toThrow(/not an OpenRouter model list/);
    expect(() => checkFeedPlausible(parsed, 100)).toThrow(/99% fewer than the 100/);
    expect(() => checkFeedPlausible(parsed, 5)).not.toThrow();
  });
});
