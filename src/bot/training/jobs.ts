/** `/train status`, `/train list` and `/train cancel`: reading and stopping jobs in the queue. */
import { access } from 'node:fs/promises';
import { adminVerdict, hasCapability, PermissionError, UserError, type CommandContext, type Reply } from '../../core/index.js';
import type { JobRecord } from '../../training/job-record.js';
import type { TrainingService } from '../../training/service.js';
import { cancelReply, jobListReply, statusReply, workersReply, type ChartDelivery } from './presenter.js';
import { trainingFor } from './service.js';

/** Job `id`, or the user's latest, with its per-epoch history. */
async function findJob(id: number | undefined, service: TrainingService, ctx: CommandContext): Promise<JobRecord> {
  const wanted = id ?? (await service.jobs.list({ limit: 1, userKey: ctx.userKey }))[0]?.id;
  const job = wanted === undefined ? undefined : await service.jobs.get(wanted);
  if (job === undefined) {
    throw new UserError(id === undefined ? 'You have no training jobs yet. Start one with /train, or see /train list.' : `There is no training job #${id}. See /train list.`, { code: 'not_found' });
  }
  return job;
}

export async function trainingStatus(ctx: CommandContext, id: number | undefined): Promise<Reply> {
  const service = await trainingFor(ctx);
  const job = await findJob(id, service, ctx);
  return statusReply(job, await service.jobs.progressOf(job.id), job.status === 'queued' ? await service.jobs.position(job.id) : undefined, await chartDelivery(ctx, job));
}

/**
 * The picture saved with the job is reused where the asker can open it (a
 * local operator, and the file is still there); elsewhere the reply carries
 * the spec, which adapters draw once and cache (a finished job's spec never
 * changes).
 */
async function chartDelivery(ctx: CommandContext, job: JobRecord): Promise<ChartDelivery> {
  if (job.chartPath === undefined || !hasCapability(ctx.adapter, 'localOperator')) return 'spec';
  return access(job.chartPath).then(
    () => 'saved' as const,
    () => 'spec' as const,
  );
}

export async function listTrainingJobs(ctx: CommandContext, options: { limit: number; mine: boolean }): Promise<Reply> {
  const service = await trainingFor(ctx);
  const jobs = await service.jobs.list({ limit: options.limit, ...(options.mine ? { userKey: ctx.userKey } : {}) });
  return jobListReply(jobs, options.mine);
}

/** How long a one-shot run waits for a running job to confirm that it stopped. */
const STOP_WAIT_MS = 60_000;

export async function cancelTraining(ctx: CommandContext, id: number): Promise<Reply> {
  const service = await trainingFor(ctx);
  const existing = await service.jobs.get(id);
  if (existing === undefined) throw new UserError(`There is no training job #${id}. See /train list.`, { code: 'not_found' });
  // Another person's job: only an admin (BOT_ADMINS; the local operator) may stop it.
  const verdict = existing.userKey === ctx.userKey || adminVerdict(ctx);
  if (verdict !== true) throw new PermissionError(`Job #${id} is someone else's: only its owner or a bot admin can cancel it. ${verdict}`);
  const result = await service.jobs.cancel(id, ctx.userKey);
  if (result.outcome === 'not-found' || result.job === undefined) throw new UserError(`There is no training job #${id}. See /train list.`, { code: 'not_found' });
  const { job } = result;
  if (result.outcome === 'already-finished' || result.outcome === 'cancelled') return cancelReply({ kind: result.outcome, job }, ctx.userKey);
  // The job's own message will say when it stopped; a process that ends with this reply waits to say it here.
  if (hasCapability(ctx.adapter, 'outlivesReply')) return cancelReply({ kind: 'stopping', job }, ctx.userKey);
  const ended = await service.jobs.wait(id, STOP_WAIT_MS);
  return cancelReply(ended === undefined ? { kind: 'unconfirmed', job } : { kind: 'stopped', job, ended }, ctx.userKey);
}

export async function listTrainingWorkers(ctx: CommandContext): Promise<Reply> {
  const service = await trainingFor(ctx);
  return workersReply(await service.jobs.workers(), service.jobs.engine);
}
