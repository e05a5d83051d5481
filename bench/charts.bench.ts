/**
 * Chart PNGs (issue #15, target ≤ 100 ms median each): every chart the bot
 * draws, rendered the way it ships (`renderChart`: Vega-Lite → SVG → PNG with
 * a per-chart subset of the CJK font), against, on the very same SVG:
 *   - the reference: resvg with the text removed (the floor: shapes only);
 *   - the peer we replaced: resvg given the whole 10.5 MB font file.
 * The SVG step is timed apart, so the PNG step's share is visible.
 */
import { renderAsync } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { cjkFont, renderChart } from '../src/charts/index.js';
import { findPriceAlerts } from '../src/pricewar/alerts.js';
import { alertsSpec, compareSpec, costSpec, cutsSpec, simulationSpec, trendSpec } from '../src/pricewar/charts.js';
import { comparePrices } from '../src/pricewar/compare.js';
import { costPreset } from '../src/pricewar/cost-presets.js';
import { unitEconomics } from '../src/pricewar/cost.js';
import { priceCuts } from '../src/pricewar/cuts.js';
import { loadPriceData } from '../src/pricewar/data.js';
import { dayToIso } from '../src/pricewar/dates.js';
import { simulatePriceWar } from '../src/pricewar/simulate.js';
import { priceTrend } from '../src/pricewar/trend.js';
import { jobCurveSpec } from '../src/training/chart.js';
import type { EpochStats } from '../src/training/tf/train.js';
import { fmtMs, fmtRatio, measure, type Bench } from './lib.js';

const G = 'charts';
const TARGET_MS = 100;

function trainingHistory(epochs: number): EpochStats[] {
  return Array.from({ length: epochs }, (_, i) => {
    const e = i + 1;
    return { epoch: e, loss: 0.7 / Math.sqrt(e), accuracy: 1 - 0.5 / Math.sqrt(e), valLoss: 0.75 / Math.sqrt(e), valAccuracy: 1 - 0.55 / Math.sqrt(e), ms: 5 };
  });
}

/** resvg on a fixed SVG, with the given font file (or none). */
function rasterize(svg: string, fontFile: string | undefined): Promise<unknown> {
  return renderAsync(svg, {
    background: '#ffffff',
    font: { fontFiles: fontFile === undefined ? [] : [fontFile], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' },
    logLevel: 'off',
  }).then((image) => image.asPng());
}

export default async function chartsBench(bench: Bench): Promise<void> {
  const q = bench.quick;
  const data = await loadPriceData();
  const preset = costPreset(data, 'llama-3.1-405b');
  if (!preset?.ok) throw new Error('llama-3.1-405b preset unavailable');
  const specs: Array<[string, TopLevelSpec]> = [
    ['/pricewar cuts (16 bars, Chinese labels)', cutsSpec(priceCuts(data))],
    ['/pricewar trend (2 tiers)', trendSpec(priceTrend(data))],
    ['/pricewar cost', costSpec(unitEconomics(preset.preset.inputs), preset.preset.title)],
    ['/pricewar compare (4 models)', compareSpec(comparePrices(data, { models: ['gpt-4o', 'claude-3-5-sonnet', 'deepseek-chat', 'gpt-4o-mini'] }))],
    ['/pricewar simulate', simulationSpec(simulatePriceWar())],
    ['/pricewar alerts (whole history)', alertsSpec(findPriceAlerts(data, { since: dayToIso(data.firstDay), minChange: 0.5 }))],
    ['/train curves (50 epochs)', jobCurveSpec({ id: 7 }, trainingHistory(50))],
  ];
  const full = cjkFont().file;
  await renderChart(specs[0]![1]); // modules and the font's tables loaded before timing
  const iterations = q ? 5 : 11;
  let worst = 0;
  for (const [name, spec] of specs) {
    const chart = await renderChart(spec);
    const noText = chart.svg.replace(/<text\b[^>]*>[\s\S]*?<\/text>/g, '');
    const texts = (chart.svg.match(/<text\b/g) ?? []).length;
    // `renderChart` caches nothing per spec, but its font subset is per character set: the first call
    // of a new set builds it (timed once, below); later charts with the same characters reuse it.
    const ours = await measure(() => renderChart(spec), { iterations, warmup: 1 });
    const floor = await measure(() => rasterize(noText, undefined), { iterations, warmup: 1 });
    const whole = await measure(() => rasterize(chart.svg, full), { iterations: q ? 1 : 3, warmup: 0 });
    worst = Math.max(worst, ours.p50Ms);
    bench.row(
      G,
      `PNG: ${name} (p50)`,
      fmtMs(ours.p50Ms),
      `ours / same SVG without text ${fmtMs(floor.p50Ms)} = ${fmtRatio(ours.p50Ms / floor.p50Ms)}; whole-font file as before ${fmtMs(whole.p50Ms)} (${fmtRatio(whole.p50Ms / ours.p50Ms)} slower); ${texts} text elements; target ≤ ${TARGET_MS} ms: ${ours.p50Ms <= TARGET_MS ? 'met' : 'NOT met'}`,
    );
  }
  // A chart whose characters the process has not drawn yet: building its font subset is included.
  const fresh = await measure(
    (() => {
      let n = 0;
      return () => renderChart({ ...specs[0]![1], title: `新图表 ${String.fromCodePoint(0x4e00 + 500 + n++)}` } as TopLevelSpec);
    })(),
    { iterations: q ? 3 : 7, warmup: 0 },
  );
  bench.row(G, 'PNG: cuts with a character not drawn before (subset built, p50)', fmtMs(fresh.p50Ms), `worst steady chart above ${fmtMs(worst)}`);
}
