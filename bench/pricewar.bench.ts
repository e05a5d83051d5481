/**
 * /pricewar: loading the data (ours: CSV + zod validation + indexing, vs the
 * bare d3-dsv parser vega ships), each analysis over the full history, the PNG
 * render time of each chart, and a one-shot `pwbot` run against `/help`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from '../src/charts/index.js';
import { parseCsv } from '../src/csv/index.js';
import { findPriceAlerts } from '../src/pricewar/alerts.js';
import { alertsSpec, compareSpec, costSpec, cutsSpec, simulationSpec, trendSpec } from '../src/pricewar/charts.js';
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

const G = 'pricewar';

export default async function pricewarBench(bench: Bench): Promise<void> {
  const q = bench.quick;
  // ── loading ────────────────────────────────────────────────────────────
  const files = Object.values(TABLES).map((t) => readFileSync(join(BUNDLED_DATA_DIR, t.file), 'utf8'));
  const dsv = (await import('d3-dsv' as string)) as { csvParseRows(text: string): string[][] };
  const load = await measure(() => loadPriceData(), { iterations: q ? 5 : 20, warmup: 2 });
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

  // ── PNG rendering per chart ────────────────────────────────────────────
  const specs: Array<[string, TopLevelSpec]> = [
    ['trend (2 tiers)', trendSpec(priceTrend(data))],
    ['cuts (16 bars, Chinese labels)', cutsSpec(priceCuts(data))],
    ['cost sensitivity', costSpec(unitEconomics(preset.preset.inputs), preset.preset.title)],
    ['compare (4 models)', compareSpec(comparePrices(data, { models: ['gpt-4o', 'claude-3-5-sonnet', 'deepseek-chat', 'gpt-4o-mini'] }))],
    ['simulate', simulationSpec(simulatePriceWar())],
    ['alerts (whole history)', alertsSpec(findPriceAlerts(data, { since: first, minChange: 0.5 }))],
  ];
  await renderChart(specs[0]![1]); // font and modules loaded before timing
  for (const [name, spec] of specs) {
    const s = await measure(() => renderChart(spec), { iterations: q ? 2 : 5, warmup: 1 });
    const texts = ((await renderChart(spec)).svg.match(/<text/g) ?? []).length;
    bench.row(G, `PNG render: ${name} (p50)`, fmtMs(s.p50Ms), `${texts} text elements`);
  }

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
  bench.row(G, 'one-shot pwbot "/pricewar cuts" (median wall)', fmtMs(cuts), `pwbot "/help" ${fmtMs(help)}; cuts/help ${fmtRatio(cuts / help)}`);
}
