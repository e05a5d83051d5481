import { describe, expect, it } from 'vitest';
import { priceAlertLines, priceAlerts } from '../../../src/bot/pricewar/alert-feed.js';
import { loadConfig } from '../../../src/config.js';
import { makeData, MARKET_ROWS } from '../../pricewar/fixtures.js';

describe('the price-alert feed other chat features read', () => {
  it('finds the alerts in given data (moved from test/pricewar/compare-alerts-simulate.test.ts)', async () => {
    const data = makeData(MARKET_ROWS);
    // The plain-function feed other features call.
    const feed = await priceAlerts({ data, since: '2025-02-01', minChange: 0.5 });
    expect(feed.alerts).toHaveLength(1);
  });

  it('gives one line per change of the bundled data for a period, by UTC day', async () => {
    const lines = await priceAlertLines(loadConfig({}, undefined), new Date('2024-05-21T00:00:00Z'), new Date('2024-05-21T23:59:59Z'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.date === '2024-05-21' && l.text.startsWith('2024-05-21 '))).toBe(true);
    expect(lines.some((l) => /^2024-05-21 Alibaba Cloud qwen-long .*: ¥20 → ¥0\.5 per M tokens \(−97\.5 %\)$/.test(l.text))).toBe(true);
  });
});
