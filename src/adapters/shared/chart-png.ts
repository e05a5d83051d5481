/**
 * Replies carry charts as Vega-Lite specs (see `ChartAttachment`); adapters
 * that show pictures (Slack, Discord, the console and the CLI) turn them into
 * PNGs here, at the moment of sending. Rendering is lazy (the chart module,
 * with vega and the CJK font, loads on the first chart) and cached by spec,
 * so a progress message edited ten times, or the same chart posted to two
 * platforms, is drawn once. A chart that fails to draw costs the picture,
 * never the answer: the reply says so in one line and the failure is logged.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChartAttachment, Reply } from '../../core/reply.js';

/** A chart with its picture, as adapters upload it. */
export interface PngChart extends ChartAttachment {
  readonly png: Uint8Array;
}

/** A reply whose charts have been drawn; what adapter renderers take. */
export type PngReply = Omit<Reply, 'charts'> & { readonly charts?: readonly PngChart[] };

export const CHART_FAILED_NOTE = '_(The chart could not be drawn this time; the numbers are complete.)_';

type Renderer = (spec: ChartAttachment['spec']) => Promise<Uint8Array>;

const CACHE_SIZE = 32;
const cache = new Map<string, Promise<Uint8Array>>();

let chartModule: Promise<typeof import('../../charts/index.js')> | undefined;

const defaultRenderer: Renderer = async (spec) => {
  chartModule ??= import('../../charts/index.js');
  const { renderChart } = await chartModule;
  return (await renderChart(spec as unknown as Parameters<typeof renderChart>[0])).png;
};

let renderer: Renderer = defaultRenderer;

/** Tests swap the renderer (a broken one, a counting one); `undefined` restores the real one. */
export function setChartRenderer(next: Renderer | undefined): void {
  renderer = next ?? defaultRenderer;
  cache.clear();
}

function cacheKey(chart: ChartAttachment): string {
  return createHash('sha256').update(JSON.stringify(chart.spec)).digest('base64url');
}

/** The PNG for one chart, from the cache when the same spec was drawn recently. */
export function chartPng(chart: ChartAttachment): Promise<Uint8Array> {
  const key = cacheKey(chart);
  let png = cache.get(key);
  if (png !== undefined) {
    // Refresh its place: the map's order is the eviction order.
    cache.delete(key);
    cache.set(key, png);
    return png;
  }
  png = renderer(chart.spec);
  // A failed render is not remembered: the next message tries again.
  png.catch(() => cache.delete(key));
  cache.set(key, png);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return png;
}

/** Draw every chart of `reply`; one that fails is dropped and the text says so. */
export async function drawCharts(reply: Reply, log: Logger): Promise<PngReply> {
  const charts = reply.charts ?? [];
  if (charts.length === 0) return reply as PngReply;
  const drawn: PngChart[] = [];
  for (const chart of charts) {
    try {
      drawn.push({ ...chart, png: await chartPng(chart) });
    } catch (error) {
      log.error({ err: error, chart: chart.filename }, 'chart failed to render');
    }
  }
  const { charts: _specs, ...rest } = reply;
  const text = drawn.length < charts.length ? [reply.text, CHART_FAILED_NOTE].filter((t) => t !== '').join('\n') : reply.text;
  return { ...rest, text, ...(drawn.length === 0 ? {} : { charts: drawn }) };
}
