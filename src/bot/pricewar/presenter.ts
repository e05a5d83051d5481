/**
 * The one place where a price-war result becomes a chat reply: its summary
 * in words (./explain/), the note on skipped data rows, and the chart as a
 * Vega-Lite spec. Nothing is drawn here; the adapter renders the spec (and
 * says so in the reply when it cannot).
 */
import type { ChartAttachment, ChartSpec, Reply } from '../../core/reply.js';
import type { AlertsResult } from '../../pricewar/alerts.js';
import { alertsSpec, compareSpec, costSpec, cutsSpec, simulationSpec, trendSpec } from '../../pricewar/charts.js';
import type { CompareResult } from '../../pricewar/compare.js';
import type { CostResult } from '../../pricewar/cost.js';
import type { CostPreset, PresetLookup } from '../../pricewar/cost-presets.js';
import type { CutsResult } from '../../pricewar/cuts.js';
import type { PriceData } from '../../pricewar/data.js';
import type { SimulationResult } from '../../pricewar/simulate.js';
import type { TrendResult } from '../../pricewar/trend.js';
import { explainAlerts } from './explain/alerts.js';
import { explainCompare } from './explain/compare.js';
import { explainCost, explainPresets } from './explain/cost.js';
import { explainCuts } from './explain/cuts.js';
import { explainOverview } from './explain/overview.js';
import { explainSimulation } from './explain/simulation.js';
import { explainSources, explainSync, type StoreStatus, type SyncedFeed } from './explain/feeds.js';
import { explainUnwatch, explainWatchAdded, explainWatchList, explainWatchNotice, type WatchAdded } from './explain/watch.js';
import type { Watch, WatchNotice } from '../../pricewar/store.js';
import { watchSpec, type WatchChange } from '../../pricewar/watch.js';
import { explainDataIssues, type Summary } from './explain/summary.js';
import { explainTrend } from './explain/trend.js';
import { flagName } from './options.js';

/** The chart of a summary: titled like the summary, its headline as the alt text. */
function chart(filename: string, summary: Summary, spec: object): ChartAttachment {
  return { filename, spec: spec as ChartSpec, title: summary.chartTitle ?? summary.title, alt: summary.headline };
}

/** A summary (plain text, a table, sources, data) → a chat reply, with skipped data rows noted. */
function toReply(data: PriceData, summary: Summary, charts: readonly ChartAttachment[] = []): Reply {
  const issues = explainDataIssues(data);
  const lines = [`**${summary.headline}**`, ...summary.lines];
  if (issues.line !== undefined) lines.push(`⚠ ${issues.line}`);
  return {
    title: summary.title,
    text: lines.join('\n'),
    ...(summary.table === undefined ? {} : { table: summary.table }),
    ...(charts.length === 0 ? {} : { charts }),
    ...(summary.citations.length === 0 ? {} : { citations: summary.citations }),
    data: { ...summary.data, ...(issues.data === undefined ? {} : { dataIssues: issues.data }) },
  };
}

export function trendReply(data: PriceData, result: TrendResult): Reply {
  const summary = explainTrend(data, result);
  // A range without prices has nothing to draw: the reply says so in words.
  const drawable = result.series.some((s) => s.points.length > 0);
  return toReply(data, summary, drawable ? [chart('pricewar-trend.png', summary, trendSpec(result))] : []);
}

export function cutsReply(data: PriceData, result: CutsResult): Reply {
  const summary = explainCuts(result);
  // Only rows with a before-price become bars.
  const drawable = result.cuts.some((c) => c.input.changePct !== null || c.output.changePct !== null);
  return toReply(data, summary, drawable ? [chart('pricewar-cuts.png', summary, cutsSpec(result))] : []);
}

export function costReply(data: PriceData, result: CostResult, preset: CostPreset | undefined): Reply {
  const summary = explainCost(result, preset);
  return toReply(data, summary, [chart('pricewar-cost.png', summary, costSpec(result, preset?.title ?? 'your inputs', flagName))]);
}

export function presetsReply(data: PriceData, list: readonly PresetLookup[]): Reply {
  return toReply(data, explainPresets(list));
}

export function compareReply(data: PriceData, result: CompareResult): Reply {
  const summary = explainCompare(result);
  return toReply(data, summary, [chart('pricewar-compare.png', summary, compareSpec(result))]);
}

export function simulationReply(data: PriceData, result: SimulationResult): Reply {
  const summary = explainSimulation(result);
  return toReply(data, summary, [chart('pricewar-simulation.png', summary, simulationSpec(result))]);
}

export function alertsReply(data: PriceData, result: AlertsResult): Reply {
  const summary = explainAlerts(result);
  // Changes from or to a missing price have no percentage to plot.
  const drawable = result.alerts.some((a) => a.changePct !== null);
  return toReply(data, summary, drawable ? [chart('pricewar-alerts.png', summary, alertsSpec(result))] : []);
}

export function sourcesReply(data: PriceData, status: StoreStatus): Reply {
  return toReply(data, explainSources(status));
}

export function syncReply(data: PriceData, day: string, feeds: readonly SyncedFeed[]): Reply {
  return toReply(data, explainSync(day, feeds));
}

export function watchAddedReply(data: PriceData, added: readonly WatchAdded[], below: number | undefined, change: number | undefined): Reply {
  return toReply(data, explainWatchAdded(added, below, change));
}

export function watchListReply(data: PriceData, watches: readonly { watch: Watch; notice: WatchNotice | undefined }[]): Reply {
  return toReply(data, explainWatchList(watches));
}

export function unwatchReply(data: PriceData, removed: readonly string[], missing: readonly string[]): Reply {
  return toReply(data, explainUnwatch(removed, missing));
}

/** The message a sync posts to a watching channel: every changed model, and a small before/now chart. */
export function watchNoticeReply(data: PriceData, changes: readonly WatchChange[]): Reply {
  const summary = explainWatchNotice(changes);
  return toReply(data, summary, [chart('pricewar-watch.png', summary, watchSpec(changes))]);
}

export function overviewReply(data: PriceData): Reply {
  return toReply(data, explainOverview(data));
}
