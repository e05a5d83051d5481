/**
 * Price changes for the bot-activity block, from the /pricewar module's
 * alert feed (the same data `/pricewar alerts` lists), limited to the
 * digest's period. The feed is dated by day, so the period's days are asked
 * for (UTC). A failure to read the price data never sinks a digest: the
 * block says alerts are unavailable, and why.
 */
import type { Config } from '../../config.js';
import { formatAlert, priceAlerts } from '../../pricewar/index.js';
import type { PriceAlertItem } from '../types.js';

export interface PriceAlertsResult {
  readonly priceAlerts: readonly PriceAlertItem[];
  readonly priceAlertsNote?: string;
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

export async function priceAlertsFor(config: Config, since: Date, until: Date): Promise<PriceAlertsResult> {
  try {
    const result = await priceAlerts({ since: day(since), until: day(until), dataDir: config.PRICE_DATA_DIR });
    return { priceAlerts: result.alerts.map((a) => ({ text: formatAlert(a), date: a.date, link: null })) };
  } catch (error) {
    return { priceAlerts: [], priceAlertsNote: `price alerts unavailable (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
}
