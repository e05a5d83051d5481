/**
 * The loss and accuracy curves of a job, per epoch, training next to
 * validation, as a Vega-Lite spec. Drawing it is not this feature's business:
 * replies carry the spec (adapters draw it), and the picture saved next to
 * the model is drawn by the renderer the chat layer hands the queue.
 *
 * Titles, axes and legend are bilingual (中文 · English), as the price-war
 * charts are: a picture is shared beyond the reply it came with, and the
 * bundled CJK font draws both. The subtitle uses the article's own words for
 * the figure it reports (测试集准确率).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { JobRecord } from './job-record.js';
import type { EpochStats } from './tf/train.js';

export interface CurveRow {
  readonly epoch: number;
  readonly metric: 'loss' | 'accuracy';
  readonly split: 'training' | 'validation';
  readonly value: number;
}

/** The legend's words for the two splits (the data keeps the plain keys). */
const SPLIT_LABELS = { training: '训练 training', validation: '验证 validation' } as const;

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
      x: { field: 'epoch', type: 'quantitative' as const, title: '轮次 epoch', axis: { tickMinStep: 1, format: 'd' } },
      y: { field: 'value', type: 'quantitative' as const, title: label, ...(domain ? { scale: { domain } } : { scale: { zero: false } }) },
      color: {
        field: 'split',
        type: 'nominal' as const,
        title: null,
        scale: { domain: ['training', 'validation'], range: ['#1f77b4', '#ff7f0e'] },
        legend: { labelExpr: `datum.label === 'training' ? '${SPLIT_LABELS.training}' : '${SPLIT_LABELS.validation}'` },
      },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: subtitle === undefined ? title : { text: title, subtitle },
    data: { values },
    hconcat: [panel('loss', '损失 binary cross-entropy loss'), panel('accuracy', '准确率 accuracy', [0, 1])],
    config: { legend: { orient: 'bottom' } },
  } as TopLevelSpec;
}

/** The curves of a job: titled with its number and, once known, its test accuracy. */
export function jobCurveSpec(job: Pick<JobRecord, 'id' | 'metrics'>, history: readonly EpochStats[]): TopLevelSpec {
  const acc = job.metrics?.testAccuracy;
  return curveSpec(
    history,
    `训练曲线 · Training job #${job.id}: loss and accuracy per epoch`,
    acc === undefined ? undefined : `测试集准确率 test accuracy ${acc.toFixed(3)}`,
  );
}
