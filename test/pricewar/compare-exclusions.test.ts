/**
 * /pricewar compare says what it left out of the compared families and why:
 * observations flagged as probable data errors (kept with --raw) and the
 * family's non-chat listings (kept with --non-chat). A non-chat model named
 * by its own id, or a family with nothing else, is still shown.
 */
import { describe, expect, it } from 'vitest';
import { compareExclusionLines } from '../../src/bot/pricewar/explain/compare.js';
import { compareReply } from '../../src/bot/pricewar/presenter.js';
import { comparePrices } from '../../src/pricewar/compare.js';
import { indexPriceData } from '../../src/pricewar/data.js';
import { makeData } from './fixtures.js';

const C = 'abc123';
const rows = {
  history: [
    // acme-chat: a one-day unit slip on the output side, reverted (2 observations flagged), then a real cut.
    ['2025-01-01', 'acme', 'acme-chat', 1, 4, C],
    ['2025-02-01', 'acme', 'acme-chat', 1, 400, C],
    ['2025-02-03', 'acme', 'acme-chat', 1, 4, C],
    ['2025-03-01', 'acme', 'acme-chat', 0.5, 2, C],
    // A re-listing of the same family on another host, and a listing of the same name whose feed says it is an embedding
    // model (LiteLLM lists gemini/gemini-1.5-flash so).
    ['2025-01-01', 'cloudy', 'cloudy/acme-chat', 0.8, 3.2, C],
    ['2025-01-01', 'embedco', 'embedco/acme-chat', 0.01, 0, C],
    // A family that is only an embedding model.
    ['2025-01-01', 'acme', 'acme-embed', 0.02, 0, C],
  ],
  latest: [
    ['2025-03-01', 'acme', 'acme-chat', 0.5, 2, C, 'chat', null, null, '2025-01-01'],
    ['2025-03-01', 'cloudy', 'cloudy/acme-chat', 0.8, 3.2, C, 'chat', null, null, '2025-01-01'],
    ['2025-03-01', 'embedco', 'embedco/acme-chat', 0.01, 0, C, 'embedding', null, null, '2025-01-01'],
    ['2025-03-01', 'acme', 'acme-embed', 0.02, 0, C, 'embedding', null, null, '2025-01-01'],
  ],
};

describe('compare: what it leaves out, and why', () => {
  const data = makeData(rows);

  it('the fixture: embedco/acme-chat is in the acme-chat family (else the non-chat rule has nothing to do)', () => {
    expect(data.models.byFamily.get('acme-chat')?.map((l) => l.key).sort()).toEqual(['acme:acme-chat', 'cloudy:cloudy/acme-chat', 'embedco:embedco/acme-chat']);
  });

  it('counts the probable data errors and the non-chat listings it left out, and says how to see them', () => {
    const r = comparePrices(data, { models: ['acme-chat'] });
    expect(r.excluded).toEqual({ dataErrors: { revert: 2 }, dataErrorsShown: false, nonChat: 1, nonChatShown: false });
    // The embedding listing is neither the price shown nor in the range.
    expect(r.models[0]).toMatchObject({ provider: 'acme', model: 'acme-chat', input: 0.5, output: 2, otherListings: 1 });
    expect(r.models[0]?.blendedRange?.min).toBeCloseTo(0.875);
    expect(r.models[0]?.blendedRange?.max).toBeCloseTo(1.4);
    const text = compareReply(data, r).text;
    expect(text).toContain('Left out 2 observation(s) of these listings as probable data errors (2 reverted within 7 days); add --raw to see them.');
    expect(text).toContain('Left out 1 non-chat listing(s) (embedding, image, audio, moderation) of these families; add --non-chat to include them.');
    expect(compareReply(data, r).data?.excluded).toEqual(r.excluded);
  });

  it('--non-chat keeps the family’s embedding listing (now the cheapest) and says so', () => {
    const r = comparePrices(data, { models: ['acme-chat'], nonChat: true });
    expect(r.excluded).toMatchObject({ nonChat: 1, nonChatShown: true });
    expect(r.models[0]).toMatchObject({ otherListings: 2 });
    expect(r.models[0]?.blendedRange?.min).toBeCloseTo(0.0075);
    expect(compareExclusionLines(r)).toContain('--non-chat: 1 non-chat listing(s) (embedding, image, audio, moderation) of these families are included.');
  });

  it('--raw keeps the flagged observations and says they are included', () => {
    const raw = indexPriceData(data.raw, { raw: true });
    const r = comparePrices(raw, { models: ['acme-chat'] });
    expect(r.excluded).toMatchObject({ dataErrors: { revert: 2 }, dataErrorsShown: true });
    expect(compareExclusionLines(r)[0]).toMatch(/^--raw: 2 observation\(s\) of these listings flagged as probable data errors are included \(2 reverted within 7 days\)/);
  });

  it('a non-chat model named by its own id, or a family that is only non-chat, is shown and not counted as left out', () => {
    for (const model of ['embedco/acme-chat', 'acme-embed']) {
      const r = comparePrices(data, { models: [model] });
      expect(r.models[0]?.model).toBe(model);
      expect(r.excluded.nonChat).toBe(0);
    }
  });

  it('says nothing when nothing was left out', () => {
    const r = comparePrices(data, { models: ['acme-embed'] });
    expect(r.excluded).toEqual({ dataErrors: {}, dataErrorsShown: false, nonChat: 0, nonChatShown: false });
    expect(compareExclusionLines(r)).toEqual([]);
    expect(compareReply(data, r).text).not.toMatch(/Left out|--raw|--non-chat/);
  });
});
