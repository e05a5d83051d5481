import { z } from 'zod';
import { ArgumentError, defineCommand, defineSubcommand, EditPacer, UserError, usageLine, type CommandContext, type Reply } from '../src/core/index.js';
import { trainingService } from '../src/training/chat/service.js';
import { finalReply, jobData, liveReply } from '../src/training/chat/replies.js';
import { fmtNumber } from '../src/training/format.js';
import { ARTICLE_DEFAULTS, checkParams, DEFAULT_HIDDEN, MODELS, type TrainParams } from '../src/training/params.js';
import { mayTrain } from '../src/training/permissions.js';
import { generatedDataset, type DatasetRequest, type TrainingService } from '../src/training/service.js';
import type { JobRecord } from '../src/training/store.js';

// ── arguments ──────────────────────────────────────────────────────────────

/**
 * Limits that come from configuration (epochs, rows, features) cannot live in
 * this static schema; they are checked in `run`, with the configured range.
 */
const whole = () => z.number().int();

const startArgs = z.object({
  model: z.enum(MODELS).default('small').describe("small: the article's Dense 10 ReLU → Dense 1 sigmoid; mlp: 256,256 hidden"),
  dataset: z.string().max(120).optional().describe('synthetic (= linear), xor, noisy, a CSV name, or attached (default: synthetic)'),
  epochs: whole().default(ARTICLE_DEFAULTS.epochs).describe('Passes over the training data, 1–TRAIN_MAX_EPOCHS (500 by default)'),
  batch: whole().min(1).max(8192).default(ARTICLE_DEFAULTS.batch).describe('Mini-batch size'),
  lr: z.number().gt(0).max(1).default(ARTICLE_DEFAULTS.lr).describe('Adam learning rate'),
  hidden: z.array(whole()).min(1).optional().describe('Hidden layer sizes, e.g. 10 or 64,32 (default: 10 for small, 256,256 for mlp)'),
  valSplit: z.number().min(0).max(0.5).default(ARTICLE_DEFAULTS.valSplit).describe('Share of the non-test rows held out for validation'),
  testSplit: z.number().min(0.05).max(0.5).default(ARTICLE_DEFAULTS.testSplit).describe('Share of all rows held out for the final test'),
  seed: whole().min(0).max(2_147_483_647).default(ARTICLE_DEFAULTS.seed).describe('Seed for data, split, initial weights and batch order'),
  rows: whole().optional().describe('Rows of a generated dataset (default 100)'),
  features: whole().optional().describe('Features of a generated dataset (default 10)'),
  label: z.string().max(120).optional().describe('Label column of a CSV (default: label/y/target/class, else the last)'),
});

const allowed = (ctx: CommandContext) => mayTrain(ctx.userKey, ctx.platform, ctx.config.TRAIN_ALLOWED_USERS);

/** Job `id`, or the user's latest, with its per-epoch history. */
function findJob(id: number | undefined, service: TrainingService, ctx: CommandContext): JobRecord {
  const wanted = id ?? service.store.list({ limit: 1, userKey: ctx.userKey })[0]?.id;
  const job = wanted === undefined ? undefined : service.queue.get(wanted);
  if (job === undefined) {
    throw new UserError(id === undefined ? 'You have no training jobs yet. Start one with /train, or see /train list.' : `There is no training job #${id}. See /train list.`, { code: 'not_found' });
  }
  return job;
}

async function startJob(ctx: CommandContext, args: z.output<typeof startArgs>): Promise<Reply> {
  const service = await ctx.services.get(trainingService);
  const params: TrainParams = {
    model: args.model,
    hidden: args.hidden ?? [...DEFAULT_HIDDEN[args.model]],
    epochs: args.epochs,
    batch: args.batch,
    lr: args.lr,
    valSplit: args.valSplit,
    testSplit: args.testSplit,
    seed: args.seed,
  };
  if (ctx.files.length > 1) throw new UserError(`Attach one CSV file per /train (this message has ${ctx.files.length}).`, { code: 'bad_arguments' });
  const file = ctx.files[0];
  const datasetRequest: DatasetRequest = {
    ...(args.dataset === undefined ? {} : { dataset: args.dataset }),
    ...(args.label === undefined ? {} : { label: args.label }),
    ...(args.rows === undefined ? {} : { rows: args.rows }),
    ...(args.features === undefined ? {} : { features: args.features }),
    ...(file === undefined ? {} : { file }),
  };
  const generated = generatedDataset(datasetRequest);
  const problems = checkParams(params, generated, service.limits);
  if (problems.length > 0) {
    const lines = problems.map((p) => `--${p.param} ${p.message} (got ${JSON.stringify(p.param === 'hidden' ? params.hidden.join(',') : p.param === 'rows' || p.param === 'features' ? generated?.[p.param] : params[p.param])})`);
    const command = ctx.commands.get('train');
    const usage = command === undefined ? '' : `\nUsage: ${usageLine(command)}\nMore: /help train`;
    throw new ArgumentError(`/train: ${lines.length === 1 ? `${lines[0]}.` : `\n${lines.map((l) => `• ${l}`).join('\n')}`}${usage}`, { problems: lines });
  }
  const dataset = await service.resolveDataset(datasetRequest, params.seed);
  const request = { userKey: ctx.userKey, conversation: ctx.message.conversation, params, dataset, ...(ctx.user.name === undefined ? {} : { userName: ctx.user.name }) };

  if (!ctx.oneShot) {
    // The message that will show this job's progress; the reply below replaces its text, the queue edits it later.
    const handle = await ctx.progress({ text: 'Queuing the training job…' });
    const { job, position } = service.submit({ ...request, progressRef: handle.ref });
    return { ...liveReply(job, undefined, position), tone: 'normal' };
  }
  // One-shot CLI: the process ends with the reply, so wait here and show progress on the way.
  const { job } = service.submit(request);
  // Progress failures are harmless here: the final reply is what the CLI prints.
  const throttle = new EditPacer<Reply>((reply) => ctx.progress(reply).then(() => undefined), { intervalMs: 1000, onError: () => undefined });
  const unsubscribe = service.queue.on((event) => {
    if (event.job.id === job.id && event.type !== 'finished') throttle.push(event.type === 'progress' ? liveReply(event.job, event.progress) : liveReply(event.job));
  });
  try {
    const done = await service.queue.wait(job.id);
    // No progress after this point: the final reply follows.
    throttle.close();
    if (done.status === 'failed') {
      if (done.errorKind === 'user') throw new UserError(`Training job #${done.id} failed: ${done.error ?? 'unknown error'}`, { data: jobData(done) });
      throw new Error(`training job #${done.id} failed: ${done.error ?? 'unknown error'}`);
    }
    return { ...(await finalReply(done)), tone: 'normal' };
  } finally {
    throttle.close();
    unsubscribe();
  }
}

export default defineCommand({
  name: 'train',
  description: "Train a small neural network (the article's example by default); live progress and curves",
  examples: ['/train', '/train --epochs 100 --lr 0.01', '/train --dataset xor --features 2 --rows 400 --model mlp --hidden 16,16 --epochs 100 --lr 0.02'],
  args: startArgs,
  file: { description: 'A CSV dataset: numeric feature columns and a 0/1 label column', accept: ['.csv', 'text/csv'] },
  permission: allowed,
  // Created with the bot (not on the first /train), so jobs a crash interrupted resume at start-up.
  startWith: [trainingService],
  run: startJob,
  subcommands: {
    status: defineSubcommand({
      description: 'Show a training job (default: your latest)',
      args: z.object({ id: whole().min(1).optional().describe('Job number') }),
      positionals: ['id'],
      permission: () => true,
      examples: ['/train status', '/train status 12'],
      async run(ctx, { id }) {
        const service = await ctx.services.get(trainingService);
        const job = findJob(id, service, ctx);
        return job.status === 'queued' || job.status === 'running'
          ? { ...liveReply(job, service.queue.progressOf(job.id), job.status === 'queued' ? service.queue.position(job.id) : undefined), tone: 'normal' }
          : finalReply(job);
      },
    }),
    list: defineSubcommand({
      description: 'List recent training jobs',
      args: z.object({
        limit: whole().min(1).max(50).default(10).describe('How many jobs'),
        mine: z.boolean().default(false).describe('Only your jobs'),
      }),
      permission: () => true,
      examples: ['/train list', '/train list --mine'],
      async run(ctx, { limit, mine }) {
        const service = await ctx.services.get(trainingService);
        const jobs = service.queue.list({ limit, ...(mine ? { userKey: ctx.userKey } : {}) });
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
      },
    }),
    cancel: defineSubcommand({
      description: 'Cancel a queued or running training job',
      args: z.object({ id: whole().min(1).describe('Job number') }),
      positionals: ['id'],
      permission: allowed,
      examples: ['/train cancel 12'],
      async run(ctx, { id }) {
        const service = await ctx.services.get(trainingService);
        const result = service.queue.cancel(id, ctx.userKey);
        if (result.outcome === 'not-found' || result.job === undefined) throw new UserError(`There is no training job #${id}. See /train list.`, { code: 'not_found' });
        const job = result.job;
        const whose = job.userKey === ctx.userKey ? '' : ` (started by ${job.userName ?? job.userKey})`;
        if (result.outcome === 'already-finished') return { text: `Job #${id}${whose} already ended: ${job.status}.`, data: jobData(job) };
        if (result.outcome === 'cancelled') return { text: `Cancelled job #${id}${whose}; it had not started.`, data: jobData(job) };
        if (!ctx.oneShot) return { text: `Stopping job #${id}${whose}: it stops within one epoch, and its message will say so.`, data: jobData(job) };
        const ended = await service.queue.wait(id, 60_000);
        return ended === undefined
          ? { text: `Asked job #${id}${whose} to stop; it has not confirmed yet. Check with /train status ${id}.`, data: jobData(job) }
          : { text: `Job #${id}${whose} stopped: ${ended.note ?? ended.status}.`, data: jobData(ended) };
      },
    }),
  },
});
