/**
 * /pricewar: loading the data (ours: CSV + zod validation + indexing, vs the
 * bare d3-dsv parser vega ships), each analysis over the full history, the PNG
 * render time of each chart, and a one-shot `pwbot` run against `/help`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCsv } from '../src/csv/index.js';
import { findPriceAlerts } from '../src/pricewar/alerts.js';
import { comparePrices } from '../src/pricewar/compare.js';
import { costPreset } from '../src/pricewar/cost-presets.js';
import { unitEconomics } from '../src/pricewar/cost.js';
import { priceCuts } from '../src/pricewar/cuts.js';
import { loadPriceData } from '../src/pricewar/data.js';
import { dayToIso } from '../src/pricewar/dates.js';
import { BUNDLED_DATA_DIR, TABLES } from '../src/pricewar/load.js';
import { simulatePriceWar } from '../src/pricewar/simulate.js';
import { priceTrend } from '../src/pricewar/trend.js';
import { fmtMs, fmtRatio, measure, type Bench } from './lib.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { getPriceBook } from '../src/bot/pricewar/service.js';
import { PriceSyncer } from '../src/bot/pricewar/sync.js';
import { createLogger } from '../src/logging.js';
import { indexPriceData } from '../src/pricewar/data.js';
import { loadRawPriceData } from '../src/pricewar/load.js';
import { priceDataFromStore } from '../src/pricewar/store-data.js';
import { litellmBody, openRouterBody } from '../test/fakes/price-feeds.js';
import { createServer } from 'node:http';

const G = 'pricewar';

export default async function pricewarBench(bench: Bench): Promise<void> {
  const q = bench.quick;
  // ── loading ────────────────────────────────────────────────────────────
  const files = Object.values(TABLES).map((t) => readFileSync(join(BUNDLED_DATA_DIR, t.file), 'utf8'));
  const dsv = (await import('d3-dsv' as string)) as { csvParseRows(text: string): string[][] };
  // `listings`: the history index is built on first use, and this row is the whole load.
  const load = await measure(async () => (await loadPriceData()).listings.size, { iterations: q ? 5 : 20, warmup: 2 });
  const ours = await measure(() => files.forEach((f) => parseCsv(f)), { iterations: q ? 10 : 50, warmup: 3 });
  const bare = await measure(() => files.forEach((f) => dsv.csvParseRows(f)), { iterations: q ? 10 : 50, warmup: 3 });
  bench.row(G, 'load all data: read + parse + zod-validate + index 7 files (p50)', fmtMs(load.p50Ms), `p99 ${fmtMs(load.p99Ms)}; once per process`);
  bench.row(G, 'CSV parse only, our reader (p50)', fmtMs(ours.p50Ms), `d3-dsv csvParseRows ${fmtMs(bare.p50Ms)}; ours/d3-dsv ${fmtRatio(ours.p50Ms / bare.p50Ms)} (ours also tracks line numbers)`);

  // ── analyses over the full history ───────────────────────────────────────
  const data = await loadPriceData();
  const iterations = q ? 5 : 30;
  const first = dayToIso(data.firstDay);
  const preset = costPreset(data, 'llama-3.1-405b');
  if (!preset?.ok) throw new Error('llama-3.1-405b preset unavailable');
  const analyses: Array<[string, () => unknown]> = [
    ['trend, every tier (2 series)', () => priceTrend(data)],
    ['trend --model gpt-4o', () => priceTrend(data, { model: 'gpt-4o' })],
    ['cuts (all rows)', () => priceCuts(data)],
    ['cost --preset llama-3.1-405b', () => unitEconomics(preset.preset.inputs)],
    ['compare 4 models', () => comparePrices(data, { models: ['gpt-4o', 'claude-3-5-sonnet', 'deepseek-chat', 'gpt-4o-mini'] })],
    ['simulate (defaults)', () => simulatePriceWar()],
    [`alerts since ${first} (whole history)`, () => findPriceAlerts(data, { since: first })],
  ];
  for (const [name, fn] of analyses) {
    const s = await measure(fn, { iterations, warmup: 2 });
    bench.row(G, `${name} (p50)`, fmtMs(s.p50Ms), `p99 ${fmtMs(s.p99Ms)}`);
  }

  // Chart PNGs are measured in charts.bench.ts, beside their references.

  await syncBench(bench);

  // ── one-shot CLI: what a user waits for ────────────────────────────────
  const runs = q ? 1 : 3;
  const wall = (line: string): number => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      execFileSync(process.execPath, ['bin/pwbot.js', line], { stdio: 'ignore', env: { ...process.env, LOG_LEVEL: 'silent', OUT_DIR: 'out/bench' } });
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
  };
  const help = wall('/help');
  const cuts = wall('/pricewar cuts');
  bench.row(G, 'one-shot pwbot "/pricewar cuts" (median wall)', fmtMs(cuts), `pwbot "/help" ${fmtMs(help)}; cuts/help ${fmtRatio(cuts / help)}; the build when current, else the sources (see the startup rows)`);
}

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * Feed sync over loopback (fake feeds: a full-size LiteLLM map of ~7,500
 * models, an OpenRouter list of ~400), time and memory; then trend and
 * compare over the SQLite store's data beside the in-memory CSVs of before.
 */
async function syncBench(bench: Bench): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pricewar-bench-'));
  try {
    const seedStart = performance.now();
    const book = await getPriceBook(undefined, dir);
    bench.row(G, 'first start: open SQLite + seed from the bundled CSVs', fmtMs(performance.now() - seedStart), `${book.store.counts().observations.toLocaleString('en-US')} change points`);
    const log = createLogger({ level: 'silent' });
    let day = Date.parse('2026-12-01T06:00:00Z');
    const syncOne = async (feed: 'openrouter' | 'litellm', url: string): Promise<{ ms: number; heap: number; rss: number; models: number; changes: number }> => {
      day += 86_400_000;
      const syncer = new PriceSyncer(book, { urls: { [feed]: url }, timeoutMs: 60_000, maxBytes: 500_000_000, attempts: 1 }, log, () => new Date(day));
      // Peak memory while the sync runs (sampled every 5 ms), above what the process held before it.
      const heap0 = process.memoryUsage().heapUsed;
      const rss0 = process.memoryUsage().rss;
      let heapPeak = heap0;
      let rssPeak = rss0;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        heapPeak = Math.max(heapPeak, m.heapUsed);
        rssPeak = Math.max(rssPeak, m.rss);
      }, 5);
      const start = performance.now();
      const out = await syncer.sync('bench');
      const ms = performance.now() - start;
      clearInterval(sampler);
      const f = out.feeds[0];
      return { ms, heap: heapPeak - heap0, rss: rssPeak - rss0, models: f?.status === 'ok' ? f.models : 0, changes: f?.status === 'ok' ? f.changes : 0 };
    };
    // The fake serves the bundled map; the bench adds synthetic models for a full-size file.
    const big = JSON.stringify(litellmBody(new Map(), 5_000));
    const list = JSON.stringify(openRouterBody(new Map(), 400));
    const server = createServer((req, res) => {
      const body = req.url?.includes('models') ? list : big;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const litellmUrl = `http://127.0.0.1:${port}/litellm.json`;
    const orUrl = `http://127.0.0.1:${port}/api/v1/models`;
    const first = await syncOne('litellm', litellmUrl);
    bench.row(G, `sync LiteLLM, ${first.models.toLocaleString('en-US')} models (${mb(Buffer.byteLength(big))}), first time`, fmtMs(first.ms), `${first.changes.toLocaleString('en-US')} rows written; peak heap +${mb(first.heap)}, peak rss +${mb(first.rss)}`);
    const again = await syncOne('litellm', litellmUrl);
    bench.row(G, 'sync LiteLLM again, no price changed', fmtMs(again.ms), `${again.changes} rows written; peak heap +${mb(again.heap)}`);
    const or = await syncOne('openrouter', orUrl);
    bench.row(G, `sync OpenRouter, ${or.models} models`, fmtMs(or.ms), `${or.changes} rows written; peak heap +${mb(or.heap)}`);
    await new Promise<void>((r) => server.close(() => r()));

    // Store vs CSV: the same analyses over each.
    const raw = await loadRawPriceData();
    // PriceData builds its history index on first use (src/pricewar/data.ts): touching `listings` builds it.
    const build = await measure(() => priceDataFromStore(book.store, book.tables).listings.size, { iterations: bench.quick ? 2 : 5, warmup: 1 });
    const csvBuild = await measure(() => indexPriceData(raw).listings.size, { iterations: bench.quick ? 2 : 5, warmup: 1 });
    bench.row(G, 'build PriceData: SQLite store (after syncs) (p50)', fmtMs(build.p50Ms), `in-memory CSVs ${fmtMs(csvBuild.p50Ms)}; store/CSV ${fmtRatio(build.p50Ms / csvBuild.p50Ms)} (store has ${book.store.counts().series.toLocaleString('en-US')} series)`);
    const storeData = priceDataFromStore(book.store, book.tables);
    const csvData = indexPriceData(raw);
    for (const [name, fn] of [
      ['trend, every tier', (d: typeof storeData) => priceTrend(d)],
      ['trend --model gpt-4o', (d: typeof storeData) => priceTrend(d, { model: 'gpt-4o' })],
      ['compare 4 models', (d: typeof storeData) => comparePrices(d, { models: ['gpt-4o', 'claude-3-5-sonnet', 'deepseek-chat', 'gpt-4o-mini'] })],
    ] as const) {
      const s = await measure(() => fn(storeData), { iterations: bench.quick ? 5 : 30, warmup: 2 });
      const c = await measure(() => fn(csvData), { iterations: bench.quick ? 5 : 30, warmup: 2 });
      bench.row(G, `${name}: store data vs CSV data (p50)`, fmtMs(s.p50Ms), `CSV ${fmtMs(c.p50Ms)}; store/CSV ${fmtRatio(s.p50Ms / c.p50Ms)}`);
    }
    book.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
