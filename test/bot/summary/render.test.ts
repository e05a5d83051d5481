import { describe, expect, it } from 'vitest';
import { renderDigest } from '../../../src/bot/summary/render.js';
import { summarizeExtractive } from '../../../src/summary/extractive.js';
import { EN_FIXTURE, loadFixture } from '../../summary/helpers.js';

describe('price alerts that could not be read', () => {
  it('are named in the rendered digest, not silently left out', async () => {
    const messages = loadFixture(EN_FIXTURE);
    const digest = summarizeExtractive(messages, { priceAlertsNote: 'price alerts unavailable (PRICE_DATA_DIR: no such folder)' });
    const reply = renderDigest(digest, { channelLabel: '#llm-pricing', timeZone: 'UTC' });
    expect(reply.text).toContain('Price alerts: ⚠ price alerts unavailable (PRICE\\_DATA\\_DIR: no such folder)');
  });
});
