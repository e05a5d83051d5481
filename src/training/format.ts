/** Plain-text pieces for showing jobs (bars, numbers, durations); no chat types. */
import { describeModel } from './tf/model.js';
import type { DatasetSource, TrainParams } from './params.js';
import type { JobRecord } from './job-record.js';

export function progressBar(fraction: number, width = 20): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)} ${Math.floor(f * 100)}%`;
}

export function fmtNumber(value: number | undefined, digits = 4): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

export function fmtDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function describeDataset(source: DatasetSource, rows: number, features: number): string {
  if (source.kind === 'generated') return `generated "${source.generator}" data, ${rows} rows × ${features} features`;
  return `${source.name} (${source.origin === 'attached' ? 'attached' : 'dataset folder'}), ${rows} rows × ${features} features${source.label ? `, label ${source.label}` : ''}`;
}

export function describeParams(params: TrainParams, features: number): string {
  return `${params.model}: ${describeModel({ features, hidden: params.hidden })}; Adam lr ${params.lr}, ${params.epochs} epochs, batch ${params.batch}, validation ${params.valSplit}, test ${params.testSplit}, seed ${params.seed}`;
}

/** Fraction done, counting batches inside the current epoch when known. */
export function fractionDone(job: Pick<JobRecord, 'params'>, progress: { epoch: number; epochs: number; batch?: number; batches?: number } | undefined): number {
  if (progress === undefined) return 0;
  const epochs = Math.max(1, progress.epochs || job.params.epochs);
  const inEpoch = progress.batch !== undefined && progress.batches ? progress.batch / progress.batches : 0;
  const completed = progress.batch !== undefined ? progress.epoch - 1 + inEpoch : progress.epoch;
  return completed / epochs;
}

/** Per-epoch table; long runs show the first and last epochs (the full history is in `data` and the chart). */
export function historyTable(history: JobRecord['history'], maxRows = 12): { columns: string[]; rows: (string | number)[][]; caption?: string } {
  const columns = ['epoch', 'loss', 'accuracy', 'val loss', 'val accuracy'];
  const row = (h: JobRecord['history'][number]): (string | number)[] => [h.epoch, fmtNumber(h.loss), fmtNumber(h.accuracy), fmtNumber(h.valLoss), fmtNumber(h.valAccuracy)];
  if (history.length <= maxRows) return { columns, rows: history.map(row) };
  const head = history.slice(0, Math.floor(maxRows / 2));
  const tail = history.slice(history.length - Math.ceil(maxRows / 2));
  return { columns, rows: [...head.map(row), ['…', '', '', '', ''], ...tail.map(row)], caption: `${history.length} epochs; the middle ones are in the chart and in the JSON data` };
}
