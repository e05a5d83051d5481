/**
 * The price data as a long-lived service. The history lives in SQLite
 * (`DATA_DIR/pricewar.sqlite`, seeded from the bundled CSVs on first start;
 * the feeds extend it), and the indexed `PriceData` every analysis reads is
 * built from it once and kept in memory until a sync changes the store. A
 * one-shot `pwbot` run pays the load once and never fetches. The alert feed
 * other chat features read (./alert-feed.ts) and the /prices page share the
 * same cache through `getPriceData`.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { defineService, type ServiceContainer } from '../../core/services.js';
import { indexPriceData, type PriceData } from '../../pricewar/data.js';
import { loadRawPriceData, type RawPriceData } from '../../pricewar/load.js';
import { priceDataFromStore, seedStore } from '../../pricewar/store-data.js';
import { PRICE_STORE_FILE, PriceStore } from '../../pricewar/store.js';

/** The store, the CSV tables it was seeded from, and the data built from both (clean and --raw). */
export class PriceBook {
  private clean: PriceData | undefined;
  private rawData: PriceData | undefined;

  constructor(
    readonly store: PriceStore,
    readonly tables: RawPriceData,
  ) {}

  data(options: { raw?: boolean } = {}): PriceData {
    if (options.raw === true) return (this.rawData ??= priceDataFromStore(this.store, this.tables, { raw: true }));
    return (this.clean ??= priceDataFromStore(this.store, this.tables));
  }

  /** After a sync wrote to the store: the next answer rebuilds from it. */
  invalidate(): void {
    this.clean = undefined;
    this.rawData = undefined;
  }

  close(): void {
    this.store.close();
  }
}

/**
 * The store's file: `pricewar.sqlite`, or one per PRICE_DATA_DIR (a user's
 * own CSVs seed their own history, never mixed with the bundled one).
 */
export function priceStoreFile(dataDir: string, userDir: string | undefined): string {
  if (userDir === undefined) return join(dataDir, PRICE_STORE_FILE);
  const tag = createHash('sha256').update(resolve(userDir)).digest('hex').slice(0, 10);
  return join(dataDir, `pricewar-${tag}.sqlite`);
}

const books = new Map<string, Promise<PriceBook>>();
const csvOnly = new Map<string, Promise<PriceData>>();
/** DATA_DIR of the running bot, set when its price service starts: callers that only know PRICE_DATA_DIR (the /prices page) read the same store. */
let defaultDataDir: string | undefined;

export function setDefaultPriceDataDir(dataDir: string | undefined): void {
  defaultDataDir = dataDir;
}

/** Open (once per file per process) the store in `dataDir`, seeding it from the CSVs when empty. */
export function getPriceBook(userDir: string | undefined, dataDir: string): Promise<PriceBook> {
  const file = resolve(priceStoreFile(dataDir, userDir));
  let pending = books.get(file);
  if (pending === undefined) {
    pending = (async () => {
      const tables = await loadRawPriceData({ userDir });
      const store = PriceStore.open(file);
      try {
        seedStore(store, tables);
      } catch (error) {
        store.close();
        throw error;
      }
      return new PriceBook(store, tables);
    })();
    // A failed open must not stick: the next request tries again.
    pending.catch(() => books.delete(file));
    books.set(file, pending);
  }
  return pending;
}

/** Bots holding each book: the last one to shut down closes it (tests run several bots in one process). */
const holders = new Map<PriceBook, number>();

function hold(book: PriceBook): PriceBook {
  holders.set(book, (holders.get(book) ?? 0) + 1);
  return book;
}

async function release(book: PriceBook): Promise<void> {
  const n = (holders.get(book) ?? 1) - 1;
  if (n > 0) {
    holders.set(book, n);
    return;
  }
  holders.delete(book);
  for (const [file, pending] of books) if ((await pending.catch(() => undefined)) === book) books.delete(file);
  book.close();
}

/**
 * The price data: from the store in `dataDir` (or the running bot's), else —
 * with no store known, as in a pure test — from the CSV files alone.
 */
export async function getPriceData(userDir?: string | undefined, options: { dataDir?: string | undefined; raw?: boolean } = {}): Promise<PriceData> {
  const dataDir = options.dataDir ?? defaultDataDir;
  if (dataDir !== undefined) return (await getPriceBook(userDir, dataDir)).data({ raw: options.raw === true });
  const key = `${userDir ?? ''}|${options.raw === true}`;
  let pending = csvOnly.get(key);
  if (pending === undefined) {
    pending = loadRawPriceData({ userDir }).then((raw) => indexPriceData(raw, { raw: options.raw === true }));
    pending.catch(() => csvOnly.delete(key));
    csvOnly.set(key, pending);
  }
  return pending;
}

export const priceBookService = defineService(
  'pricewar.book',
  async ({ config, log }) => {
    setDefaultPriceDataDir(config.DATA_DIR);
    const book = hold(await getPriceBook(config.PRICE_DATA_DIR, config.DATA_DIR));
    const { issues } = book.tables;
    if (issues.length > 0) log.warn({ issues: issues.length, first: issues.slice(0, 5) }, 'price data: some rows were skipped');
    log.debug({ ...book.store.counts(), userDir: book.tables.userDir }, 'price store opened');
    return book;
  },
  // Closed with the last bot holding it; the cache forgets it, so a later bot in the same process reopens it.
  release,
);

/** The data for a command, from the bot's store (clean unless `raw`). */
export async function priceData(ctx: { readonly services: ServiceContainer }, options: { raw?: boolean } = {}): Promise<PriceData> {
  return (await ctx.services.get(priceBookService)).data(options);
}
