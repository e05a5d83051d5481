/**
 * Training jobs as chat replies: the live progress message and the final
 * result (metrics table, curves, backend, wall time, saved model). Shared by
 * the /train command and the queue's chat reporter.
 */
import { readFile } from 'node:fs/promises';
import type { Reply } from '../../core/reply.js';
import { describeDataset, describeParams, fmtDuration, fmtNumber, fractionDone, historyTable, progressBar } from '../format.js';
import type { Progress } from '../queue.js';
import type { JobRecord } from '../store.js';

const cancelAction = (job: JobRecord) => [{ label: `Cancel job #${job.id}`, command: `/train cancel ${job.id}`, style: 'danger' as const }];

export function jobData(job: JobRecord): Record<string, unknown> {
  return {
    jobId: job.id,
    status: job.status,
    backend: job.backend ?? null,
    backendNote: job.backendNote ?? null,
    metrics: job.metrics ?? null,
    history: job.history,
    params: job.params,
    dataset: { ...job.dataset, rows: job.datasetRows, features: job.datasetFeatures },
    user: job.userKey,
    attempts: job.attempts,
    artifactPath: job.artifactPath ?? null,
    chartPath: job.chartPath ?? null,
    wallMs: job.wallMs ?? null,
    note: job.note ?? null,
    error: job.error ?? null,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt ?? null,
  };
}

const summaryLine = (job: JobRecord) => `${describeParams(job.params, job.datasetFeatures)}. Data: ${describeDataset(job.dataset, job.datasetRows, job.datasetFeatures)}.`;

function epochLine(h: JobRecord['history'][number] | undefined): string {
  if (h === undefined) return 'waiting for the first epoch…';
  const val = h.valLoss === undefined ? '' : ` · val loss ${fmtNumber(h.valLoss)} · val accuracy ${fmtNumber(h.valAccuracy)}`;
  return `loss ${fmtNumber(h.loss)} · accuracy ${fmtNumber(h.accuracy)}${val}`;
}

export function liveReply(job: JobRecord, progress?: Progress, position?: number): Reply {
  if (job.status === 'queued') {
    const where = position === undefined ? '' : position === 0 ? ' It is next.' : ` ${position} job${position === 1 ? ' is' : 's are'} ahead of it.`;
    const note = job.note ? `\n_${job.note}_` : '';
    return { title: `Training job #${job.id}: queued`, text: `Queued.${where}\n${summaryLine(job)}${note}`, actions: cancelAction(job), data: jobData(job), tone: 'progress' };
  }
  const epochs = progress?.epochs ?? job.params.epochs;
  const epoch = progress?.epoch ?? job.history.length;
  // The skipped-backends note is long: the final result carries it.
  const backend = job.backend ? `Backend: ${job.backend}` : 'Starting the trainer…';
  return {
    title: `Training job #${job.id}: epoch ${Math.min(epoch, epochs)} of ${epochs}`,
    text: [`\`${progressBar(fractionDone(job, progress ?? { epoch: job.history.length, epochs }))}\``, epochLine(job.history.at(-1)), backend].join('\n'),
    actions: cancelAction(job),
    data: jobData(job),
    tone: 'progress',
  };
}

export async function finalReply(job: JobRecord): Promise<Reply> {
  if (job.status === 'queued' || job.status === 'running') return liveReply(job);
  const m = job.metrics ?? {};
  let charts: Reply['charts'] = [];
  if (job.chartPath !== undefined) {
    const png = await readFile(job.chartPath).catch(() => undefined);
    const last = job.history.at(-1);
    if (png !== undefined) {
      charts = [{
        filename: `train-job-${job.id}-curves.png`,
        png,
        title: `Job #${job.id}: loss and accuracy per epoch`,
        alt: `Training and validation loss and accuracy over ${job.history.length} epochs; last epoch: ${epochLine(last)}.`,
      }];
    }
  }
  const table = job.history.length > 0 ? historyTable(job.history) : undefined;
  const base = { data: jobData(job), tone: 'normal' as const, ...(table ? { table } : {}), ...(charts.length > 0 ? { charts } : {}) };
  if (job.status === 'succeeded') {
    const fields = [
      { label: 'Test accuracy', value: fmtNumber(m.testAccuracy, 3), inline: true },
      { label: 'Test loss', value: fmtNumber(m.testLoss), inline: true },
      { label: 'Backend', value: job.backend ?? 'unknown', inline: true },
      { label: 'Wall time', value: fmtDuration(job.wallMs), inline: true },
      { label: 'Model', value: `\`${job.artifactPath ?? '–'}\` (${job.runner === 'tfjs' ? 'TF.js layers format: model.json + weights.bin' : 'written by the external trainer'})` },
    ];
    const lines = [
      `Test accuracy **${fmtNumber(m.testAccuracy, 3)}** after ${job.history.length} epochs (${job.backend ?? 'unknown backend'}, ${fmtDuration(job.wallMs)}).`,
      summaryLine(job),
      ...(job.backendNote ? [`_${job.backendNote}_`] : []),
      ...(job.note ? [`_${job.note}_`] : []),
    ];
    return { title: `Training job #${job.id}: done`, text: lines.join('\n'), fields, ...base };
  }
  if (job.status === 'cancelled') {
    return { title: `Training job #${job.id}: cancelled`, text: `${job.note ?? `Cancelled${job.cancelRequestedBy ? ` by ${job.cancelRequestedBy}` : ''} before it started.`}\n${summaryLine(job)}`, ...base };
  }
  const why = job.status === 'failed' ? (job.error ?? 'unknown error') : (job.note ?? 'interrupted');
  return { title: `Training job #${job.id}: ${job.status}`, text: `${job.status === 'failed' ? 'Failed' : 'Interrupted'}: ${why}\n${summaryLine(job)}`, ...base, tone: 'error' };
}

