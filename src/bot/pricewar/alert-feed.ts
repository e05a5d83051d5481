/**
 * The price-change feed other chat features read (a channel digest's
 * bot-activity block): the same alerts `/pricewar alerts` lists, for a
 * period, one line each. Features do not import each other; the summary's
 * chat layer asks this one.
 */
import type { Config } from '../../config.js';
import { findPriceAlerts, formatAlert, type AlertOptions, type AlertsResult } from '../../pricewar/alerts.js';
import type { PriceData } from '../../pricewar/data.js';
import { getPriceData } from './service.js';

export interface PriceAlertLine {
  readonly text: string;
  /** The day of the change, YYYY-MM-DD. */
  readonly date: string;
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * The alerts for `options`, from `data` or else the data in `dataDir`,
 * loaded once per process (the same cache the /pricewar commands use).
 */
export async function priceAlerts(options: AlertOptions & { data?: PriceData; dataDir?: string | undefined } = {}): Promise<AlertsResult> {
  const data = options.data ?? (await getPriceData(options.dataDir));
  return findPriceAlerts(data, options);
}

/** Price changes from `since` to `until` (by UTC day). Throws when the price data cannot be read. */
export async function priceAlertLines(config: Config, since: Date, until: Date): Promise<readonly PriceAlertLine[]> {
  // The bot's price store (DATA_DIR), where the feeds' changes are.
  const data = await getPriceData(config.PRICE_DATA_DIR, { dataDir: config.DATA_DIR });
  const result = await priceAlerts({ since: day(since), until: day(until), data });
  return result.alerts.map((a) => ({ text: formatAlert(a), date: a.date }));
}
