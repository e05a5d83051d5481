/**
 * Price changes for the bot-activity block, from the price-alert feed of the
 * /pricewar chat layer (the same data `/pricewar alerts` lists), limited to
 * the digest's period. Features do not import each other: the summary reads
 * the feed here, in its chat layer. A failure to read the price data never
 * sinks a digest: the block says alerts are unavailable, and why.
 */
import type { Config } from '../../config.js';
import type { PriceAlertItem } from '../../summary/types.js';
import { priceAlertLines } from '../pricewar/alert-feed.js';

export interface PriceAlertsResult {
  readonly priceAlerts: readonly PriceAlertItem[];
  readonly priceAlertsNote?: string;
}

export async function priceAlertsFor(config: Config, since: Date, until: Date): Promise<PriceAlertsResult> {
  try {
    const lines = await priceAlertLines(config, since, until);
    // The feed's alerts are not messages in the channel: no link to show.
    return { priceAlerts: lines.map((a) => ({ text: a.text, date: a.date, link: null })) };
  } catch (error) {
    return { priceAlerts: [], priceAlertsNote: `price alerts unavailable (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
}
