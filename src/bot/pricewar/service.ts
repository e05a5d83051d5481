/**
 * The price data as a long-lived service: loaded on first use and kept for
 * the life of the process, so a chat bot answers from memory and a one-shot
 * `pwbot` run pays the load once. The alert feed other chat features read
 * (./alert-feed.ts) shares the same cache through `getPriceData`.
 */
import { defineService, type ServiceContainer } from '../../core/services.js';
import { loadPriceData, type PriceData } from '../../pricewar/data.js';

const cache = new Map<string, Promise<PriceData>>();

/** Load (once per folder per process) the bundled data, or a user's folder in the same format. */
export function getPriceData(userDir?: string | undefined): Promise<PriceData> {
  const key = userDir ?? '';
  let pending = cache.get(key);
  if (pending === undefined) {
    pending = loadPriceData({ userDir });
    // A failed load must not stick: the next request tries again.
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

export const priceDataService = defineService('pricewar.data', async ({ config, log }) => {
  const data = await getPriceData(config.PRICE_DATA_DIR);
  if (data.issues.length > 0) {
    log.warn({ issues: data.issues.length, first: data.issues.slice(0, 5) }, 'price data: some rows were skipped');
  }
  log.debug({ listings: data.listings.size, cuts: data.raw.cuts.rows.length, userDir: data.raw.userDir }, 'price data loaded');
  return data;
});

/** The data for a command: the service's, loaded on the first use in this process. */
export function priceData(ctx: { readonly services: ServiceContainer }): Promise<PriceData> {
  return ctx.services.get(priceDataService);
}
