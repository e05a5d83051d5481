/**
 * The loss and accuracy curves of a job, per epoch, training next to
 * validation: a Vega-Lite spec rendered to PNG by the shared chart module.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from '../charts/index.js';
import type { JobRecord } from './store.js';
import type { EpochStats } from './tf/train.js';

export interface CurveRow {
  readonly epoch: number;
  readonly metric: 'loss' | 'accuracy';
  readonly split: 'training' | 'validation';
  readonly value: number;
}

export function curveRows(history: readonly EpochStats[]): CurveRow[] {
  const rows: CurveRow[] = [];
  for (const h of history) {
    rows.push({ epoch: h.epoch, metric: 'loss', split: 'training', value: h.loss });
    rows.push({ epoch: h.epoch, metric: 'accuracy', split: 'training', value: h.accuracy });
    if (h.valLoss !== undefined) rows.push({ epoch: h.epoch, metric: 'loss', split: 'validation', value: h.valLoss });
    if (h.valAccuracy !== undefined) rows.push({ epoch: h.epoch, metric: 'accuracy', split: 'validation', value: h.valAccuracy });
  }
  return rows;
}

export function curveSpec(history: readonly EpochStats[], title: string, subtitle?: string): TopLevelSpec {
  const values = curveRows(history);
  const panel = (metric: 'loss' | 'accuracy', label: string, domain?: [number, number]) => ({
    width: 300,
    height: 220,
    transform: [{ filter: { field: 'metric', equal: metric } }],
    mark: { type: 'line' as const, point: history.length <= 30, strokeWidth: 2 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative' as const, title: 'epoch', axis: { tickMinStep: 1, format: 'd' } },
      y: { field: 'value', type: 'quantitative' as const, title: label, ...(domain ? { scale: { domain } } : { scale: { zero: false } }) },
      color: { field: 'split', type: 'nominal' as const, title: null, scale: { domain: ['training', 'validation'], range: ['#1f77b4', '#ff7f0e'] } },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: subtitle === undefined ? title : { text: title, subtitle },
    data: { values },
    hconcat: [panel('loss', 'binary cross-entropy loss'), panel('accuracy', 'accuracy', [0, 1])],
    config: { legend: { orient: 'bottom' } },
  } as TopLevelSpec;
}

export async function renderCurves(history: readonly EpochStats[], title: string, subtitle?: string): Promise<Buffer> {
  const chart = await renderChart(curveSpec(history, title, subtitle));
  return chart.png;
}

/** The chart a finished job gets: its curves, titled with its number and test accuracy. */
export function defaultChart(job: JobRecord, history: readonly EpochStats[]): Promise<Buffer> {
  const acc = job.metrics?.testAccuracy;
  return renderCurves(history, `Training job #${job.id}: loss and accuracy per epoch`, acc === undefined ? undefined : `test accuracy ${acc.toFixed(3)}`);
}
