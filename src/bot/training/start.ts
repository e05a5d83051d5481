/**
 * `/train`: check the arguments against the configured limits, resolve the
 * dataset (a bad CSV is refused now, with its line), and queue the job.
 * Where the process outlives the reply, the answer comes at once and the
 * reporter edits it as the job trains; where it does not (a one-shot CLI
 * run), the asker waits here for the result, with progress on the way.
 */
import { ArgumentError, EditPacer, hasCapability, usageLine, UserError, type CommandContext, type Reply } from '../../core/index.js';
import { checkParams, DEFAULT_HIDDEN, type ModelName, type TrainParams } from '../../training/params.js';
import type { JobRecord } from '../../training/job-record.js';
import type { TrainingService } from '../../training/service.js';
import { datasetChoice, generatedData, type DataArgs } from './dataset-choice.js';
import { jobOrigin } from './origin.js';
import { finalReply, jobData, liveReply } from './presenter.js';
import { trainingFor } from './service.js';
import { chatWords, flagName, inChatWords } from './words.js';

/** /train's arguments, as the command's schema gives them. */
export interface TrainArgs extends DataArgs {
  readonly model: ModelName;
  readonly epochs: number;
  readonly batch: number;
  readonly lr: number;
  readonly hidden?: readonly number[] | undefined;
  readonly valSplit: number;
  readonly testSplit: number;
  readonly seed: number;
}

export async function startTraining(ctx: CommandContext, args: TrainArgs): Promise<Reply> {
  const service = await trainingFor(ctx);
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
  const generated = generatedData(args, file);
  const problems = checkParams(params, generated, service.limits);
  if (problems.length > 0) {
    const lines = problems.map((p) => `${flagName(p.param)} ${p.inWords(chatWords)} (got ${JSON.stringify(p.param === 'hidden' ? params.hidden.join(',') : p.param === 'rows' || p.param === 'features' ? generated?.[p.param] : params[p.param])})`);
    const command = ctx.commands.get('train');
    const usage = command === undefined ? '' : `\nUsage: ${usageLine(command)}\nMore: /help train`;
    throw new ArgumentError(`/train: ${lines.length === 1 ? `${lines[0]}.` : `\n${lines.map((l) => `• ${l}`).join('\n')}`}${usage}`, { problems: lines });
  }
  const dataset = await inChatWords(() => service.resolveDataset(datasetChoice(args, file), params.seed));
  const request = { userKey: ctx.userKey, params, dataset, ...(ctx.user.name === undefined ? {} : { userName: ctx.user.name }) };

  if (hasCapability(ctx.adapter, 'outlivesReply')) {
    // The message that will show this job's progress; the reply below replaces its text, the reporter edits it later.
    const handle = await ctx.progress({ text: 'Queuing the training job…' });
    const { job, position } = await inChatWords(() => service.submitJob({ ...request, origin: jobOrigin(ctx.message.conversation, handle.ref), resumable: true }));
    return { ...liveReply(job, undefined, position), tone: 'normal' };
  }
  // The process ends with the reply: the asker waits here, and the job is not re-run after this process is gone.
  const { job } = await inChatWords(() => service.submitJob({ ...request, origin: jobOrigin(ctx.message.conversation), resumable: false }));
  return waitForResult(ctx, service, job);
}

/** Wait for the job in this process, showing its progress (at most once a second), and answer with its result. */
async function waitForResult(ctx: CommandContext, service: TrainingService, job: JobRecord): Promise<Reply> {
  // Progress failures are harmless here: the final reply is what the asker gets.
  const pacer = new EditPacer<Reply>((reply) => ctx.progress(reply).then(() => undefined), { intervalMs: 1000, onError: () => undefined });
  const unsubscribe = service.jobs.on((event) => {
    if (event.job.id === job.id && event.type !== 'finished') pacer.push(event.type === 'progress' ? liveReply(event.job, event.progress) : liveReply(event.job));
  });
  try {
    const done = await service.jobs.wait(job.id);
    if (done === undefined) throw new Error(`the training queue closed before job #${job.id} ended`);
    // No progress after this point: the final reply follows.
    pacer.close();
    if (done.status === 'failed') {
      if (done.errorKind === 'user') throw new UserError(`Training job #${done.id} failed: ${done.error ?? 'unknown error'}`, { data: jobData(done) });
      throw new Error(`training job #${done.id} failed: ${done.error ?? 'unknown error'}`);
    }
    return { ...finalReply(done), tone: 'normal' };
  } finally {
    pacer.close();
    unsubscribe();
  }
}
