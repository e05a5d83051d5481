/**
 * The one place training jobs become chat replies: the live progress
 * message, the final result (metrics table, curve chart, backend, wall time,
 * saved model), the job list and the answers to a cancel. Shared by the
 * /train flows and the queue's chat reporter.
 */
import type { ChartAttachment, ChartSpec, Reply, ReplyAction } from '../../core/index.js';
import { assessResult, type Assessment } from '../../training/assess.js';
import { jobCurveSpec } from '../../training/chart.js';
import type { Progress } from '../../training/events.js';
import { describeDataset, describeParams, fmtDuration, fmtNumber, fractionDone, historyTable, progressBar } from '../../training/format.js';
import type { JobRecord } from '../../training/job-record.js';
import type { WorkerInfo } from '../../training/queue-engine.js';
import { flagName, trainLine } from './words.js';

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
    resumedFromEpoch: job.resumedFromEpoch ?? null,
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

/** A job that went on from a checkpoint after an interruption says from where. */
function resumedLine(job: JobRecord): string[] {
  return job.resumedFromEpoch === undefined ? [] : [`Resumed from its checkpoint at epoch ${job.resumedFromEpoch} (after an interruption).`];
}

/** A job on its second or later attempt says why it was restarted (a worker died, a trainer crashed). */
function restartedLine(job: JobRecord): string[] {
  return job.attempts > 1 && job.note ? [`_Attempt ${job.attempts}: ${job.note}_`] : [];
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
    text: [`\`${progressBar(fractionDone(job, progress ?? { epoch: job.history.length, epochs }))}\``, epochLine(job.history.at(-1)), backend, ...resumedLine(job), ...restartedLine(job)].join('\n'),
    actions: cancelAction(job),
    data: jobData(job),
    tone: 'progress',
  };
}

/**
 * How a finished job's curves reach the asker: as a spec the adapter draws
 * (`spec`), or, where the asker can open files on the bot's machine (the
 * adapter's `localOperator` capability) and the picture saved with the model
 * is there, as that file's path (`saved`): looking at a job again must not
 * draw and write a new PNG each time.
 */
export type ChartDelivery = 'spec' | 'saved';

/**
 * The curves of a finished job, as a spec the adapter draws. Only for jobs
 * that got their curves at the end (a picture saved next to the model):
 * a job that failed, or whose chart could not be drawn, has none, as its
 * text says.
 */
function curveCharts(job: JobRecord): ChartAttachment[] {
  // A job run by a remote worker (REDIS_URL) has no saved picture here: the bot draws it from the job's history.
  const remote = job.chartPath === undefined && job.artifactPath?.includes(':') === true;
  if ((job.chartPath === undefined && !remote) || job.history.length === 0) return [];
  return [{
    filename: `train-job-${job.id}-curves.png`,
    spec: jobCurveSpec(job, job.history) as unknown as ChartSpec,
    title: `Job #${job.id}: loss and accuracy per epoch`,
    alt: `Training and validation loss and accuracy over ${job.history.length} epochs; last epoch: ${epochLine(job.history.at(-1))}.`,
  }];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * One line when a test accuracy means little: at or below chance, or far
 * below the article's claim on its own case. Says why (the arithmetic of
 * the steps taken) and what to try; undefined when the result is fine.
 */
function assessmentLine(job: JobRecord, a: Assessment): string | undefined {
  if (a.verdict === 'fine') return undefined;
  const accuracy = fmtNumber(a.testAccuracy, 3);
  const claimed = a.claimed === null ? '' : a.claimed.toFixed(2);
  const verdict = a.atOrBelowChance
    ? `${accuracy} is no better than chance (${fmtNumber(a.chance, 3)}: always guessing the commoner class)${a.farBelowClaim ? ` and far from the article's ${claimed}` : ''}`
    : `${accuracy} is far below the article's ${claimed}`;
  const p = job.params;
  let why: string;
  if (a.suggestion !== null) {
    const steps = `${plural(p.epochs, 'epoch')} of ${plural(a.trainRows, 'training row')} in batches of ${p.batch} are ${a.steps < 100 ? 'only ' : ''}${plural(a.steps, 'Adam step')} of lr ${p.lr}`;
    const works = a.articleCase ? ' (≥ 0.9 on most seeds; see docs/training.md)' : '';
    why = `${steps}; try ${flagName('epochs')} ${a.suggestion.epochs} ${flagName('lr')} ${a.suggestion.lr}${works}`;
  } else if (a.articleCase) {
    why = `with ${plural(a.testRows, 'test row')} one run is coarse and varies by seed; try another ${flagName('seed')}`;
  } else {
    why = `the features may not predict the label, or the model needs another ${flagName('lr')}, more ${flagName('epochs')} or a bigger ${flagName('model')}`;
  }
  return `⚠ ${verdict}: ${why}.`;
}

/** The suggested settings as a button that runs them (absent when a button cannot: an attached file). */
function assessmentActions(job: JobRecord, a: Assessment | undefined): ReplyAction[] {
  if (a === undefined || a.verdict === 'fine' || a.suggestion === null) return [];
  const command = trainLine(job, a.suggestion);
  if (command === undefined) return [];
  return [{ label: `Train with ${flagName('epochs')} ${a.suggestion.epochs} ${flagName('lr')} ${a.suggestion.lr}`, command, style: 'primary' }];
}

export function finalReply(job: JobRecord, delivery: ChartDelivery = 'spec'): Reply {
  if (job.status === 'queued' || job.status === 'running') return liveReply(job);
  const m = job.metrics ?? {};
  const saved = delivery === 'saved' && job.chartPath !== undefined && job.history.length > 0;
  const charts = saved ? [] : curveCharts(job);
  const chartLine = saved ? [`📈 Chart (drawn when the job ended): \`${job.chartPath}\``] : [];
  const table = job.history.length > 0 ? historyTable(job.history) : undefined;
  const base = { data: jobData(job), tone: 'normal' as const, ...(table ? { table } : {}), ...(charts.length > 0 ? { charts } : {}) };
  if (job.status === 'succeeded') {
    const assessment = assessResult(job);
    const hint = assessment === undefined ? undefined : assessmentLine(job, assessment);
    const actions = assessmentActions(job, assessment);
    const fields = [
      { label: 'Test accuracy', value: fmtNumber(m.testAccuracy, 3), inline: true },
      { label: 'Test loss', value: fmtNumber(m.testLoss), inline: true },
      { label: 'Backend', value: job.backend ?? 'unknown', inline: true },
      { label: 'Wall time', value: fmtDuration(job.wallMs), inline: true },
      { label: 'Model', value: `\`${job.artifactPath ?? '–'}\` (${job.runner === 'tfjs' ? 'TF.js layers format: model.json + weights.bin' : 'written by the external trainer'})` },
    ];
    const lines = [
      `Test accuracy **${fmtNumber(m.testAccuracy, 3)}** after ${job.history.length} epochs (${job.backend ?? 'unknown backend'}, ${fmtDuration(job.wallMs)}).`,
      ...(hint === undefined ? [] : [hint]),
      summaryLine(job),
      ...resumedLine(job),
      ...(job.backendNote ? [`_${job.backendNote}_`] : []),
      ...(job.note ? [`_${job.note}_`] : []),
      ...chartLine,
    ];
    return {
      title: `Training job #${job.id}: done`,
      text: lines.join('\n'),
      fields,
      ...base,
      ...(actions.length > 0 ? { actions } : {}),
      data: { ...base.data, assessment: assessment ?? null },
    };
  }
  if (job.status === 'cancelled') {
    const text = [job.note ?? `Cancelled${job.cancelRequestedBy ? ` by ${job.cancelRequestedBy}` : ''} before it started.`, summaryLine(job), ...chartLine].join('\n');
    return { title: `Training job #${job.id}: cancelled`, text, ...base };
  }
  const why = job.status === 'failed' ? (job.error ?? 'unknown error') : (job.note ?? 'interrupted');
  return { title: `Training job #${job.id}: ${job.status}`, text: `${job.status === 'failed' ? 'Failed' : 'Interrupted'}: ${why}\n${summaryLine(job)}`, ...base, tone: 'error' };
}

/** `/train status`: a job still waiting or training shows its live state (as an answer, not an interim message). */
export function statusReply(job: JobRecord, progress: Progress | undefined, position: number | undefined, delivery: ChartDelivery = 'spec'): Reply {
  return job.status === 'queued' || job.status === 'running' ? { ...liveReply(job, progress, position), tone: 'normal' } : finalReply(job, delivery);
}

export function jobListReply(jobs: readonly JobRecord[], mine: boolean): Reply {
  if (jobs.length === 0) return { text: mine ? 'You have no training jobs yet. Start one with /train.' : 'No training jobs yet. Start one with /train.', data: { jobs: [] } };
  const rows = jobs.map((j) => [
    j.id,
    j.status,
    j.userName ?? j.userKey,
    `${j.params.model} ${j.params.hidden.join(',')}`,
    j.dataset.kind === 'generated' ? j.dataset.generator : j.dataset.name,
    j.metrics?.testAccuracy === undefined ? '–' : fmtNumber(j.metrics.testAccuracy, 3),
    j.createdAt.replace('T', ' ').slice(0, 16),
  ]);
  return {
    text: `${jobs.length} most recent training job${jobs.length === 1 ? '' : 's'}${mine ? ' of yours' : ''}. Details: /train status <id>.`,
    table: { columns: ['job', 'status', 'user', 'model', 'dataset', 'test acc', 'created (UTC)'], rows },
    data: { jobs: jobs.map((j) => ({ jobId: j.id, status: j.status, user: j.userKey, params: j.params, dataset: j.dataset, metrics: j.metrics ?? null, createdAt: j.createdAt })) },
  };
}

/** `/train workers`: the live workers (registered heartbeats with REDIS_URL; the bot itself without). */
export function workersReply(workers: readonly WorkerInfo[], engine: 'sqlite' | 'bullmq'): Reply {
  if (workers.length === 0) return { text: 'No training worker is running. Start one with `npm run worker` (it needs REDIS_URL).', data: { engine, workers: [] } };
  const where = engine === 'sqlite' ? 'The embedded queue: jobs run in this bot process.' : `${workers.length} live worker${workers.length === 1 ? '' : 's'} on Redis.`;
  return {
    text: where,
    table: { columns: ['worker', 'backend', 'GPU', 'running', 'slots', 'since (UTC)'], rows: workers.map((w) => [`${w.host}:${w.pid}`, w.backend, w.gpu ?? '–', w.running, w.concurrency, w.startedAt.replace('T', ' ').slice(0, 16)]) },
    data: { engine, workers },
  };
}

/** What a cancel did, from the point of view of `by` (someone else's job names its owner). */
export type CancelResult =
  | { readonly kind: 'already-finished' | 'cancelled' | 'stopping' | 'unconfirmed'; readonly job: JobRecord }
  | { readonly kind: 'stopped'; readonly job: JobRecord; readonly ended: JobRecord };

export function cancelReply(result: CancelResult, by: string): Reply {
  const { job } = result;
  const id = job.id;
  const whose = job.userKey === by ? '' : ` (started by ${job.userName ?? job.userKey})`;
  switch (result.kind) {
    case 'already-finished':
      return { text: `Job #${id}${whose} already ended: ${job.status}.`, data: jobData(job) };
    case 'cancelled':
      return { text: `Cancelled job #${id}${whose}; it had not started.`, data: jobData(job) };
    case 'stopping':
      return { text: `Stopping job #${id}${whose}: it stops within one epoch, and its message will say so.`, data: jobData(job) };
    case 'unconfirmed':
      return { text: `Asked job #${id}${whose} to stop; it has not confirmed yet. Check with /train status ${id}.`, data: jobData(job) };
    case 'stopped':
      return { text: `Job #${id}${whose} stopped: ${result.ended.note ?? result.ended.status}.`, data: jobData(result.ended) };
  }
}
