/**
 * The training queue as a bot service: opened from configuration, told how
 * to draw the curve picture it saves with each model (the shared renderer;
 * the feature does not render) and which jobs this process can report on,
 * with the reporter that carries progress and results to the chat.
 */
import { defineService, hasCapability, UserError, type CommandContext, type Outbox } from '../../core/index.js';
import { RedisUnreachableError } from '../../training/redis-unreachable.js';
import { readFile } from 'node:fs/promises';
import { openTrainingService, type TrainingService } from '../../training/service.js';
import type { OpaqueJson } from '../../training/job-record.js';
import { readOrigin } from './origin.js';
import { chatReporter } from './reporter.js';

/** Whether a job's conversation has an adapter running in this process (else its result would reach nobody). */
const reachable = (outbox: Outbox) => (stored: OpaqueJson): boolean => {
  const origin = readOrigin(stored);
  return origin !== undefined && outbox.adapter(origin.conversation.platform) !== undefined;
};

/**
 * The training queue for this process. Progress and results of jobs that
 * outlive the message that started them reach the chat through the outbox,
 * edited in place at most once a second.
 */
export const trainingService = defineService<TrainingService>(
  'training',
  async ({ config, log, outbox }) => {
    const trainingLog = log.child({ module: 'training' });
    const service = openTrainingService(config, trainingLog, {
      canReport: reachable(outbox),
      // The renderer (vega, resvg, the CJK font) loads with the first finished job, not with the bot.
      drawChart: async (spec) => (await (await import('../../charts/index.js')).renderChart(spec)).png,
    });
    if (config.REDIS_URL !== undefined) {
      // Scale out: jobs in Redis, run by `npm run worker` anywhere; the embedded queue is not started.
      try {
        // BullMQ and ioredis load only here: without REDIS_URL the bot never needs them.
        const { openBullJobQueue } = await import('../../training/bull-queue.js');
        service.useEngine(
          await openBullJobQueue({
            redisUrl: config.REDIS_URL,
            log: trainingLog,
            maxQueuedPerUser: config.TRAIN_MAX_QUEUED_PER_USER,
            maxAttempts: 3,
            runnerKind: config.TRAIN_COMMAND === undefined ? 'tfjs' : 'external',
            readDataset: (path) => readFile(path),
            canReport: reachable(outbox),
          }),
        );
      } catch (error) {
        await service.close();
        throw error;
      }
    }
    service.jobs.on(chatReporter(outbox, trainingLog));
    await service.jobs.start();
    return service;
  },
  (service) => service.close(),
);

/**
 * The training service for a command. A queue that cannot be opened because
 * Redis (REDIS_URL) does not answer is one clear sentence: the whole of it
 * for a local operator (who can fix it), a short one in a shared workspace
 * (the Redis address is not the asker's business; the log has it).
 */
export async function trainingFor(ctx: CommandContext): Promise<TrainingService> {
  try {
    return await ctx.services.get(trainingService);
  } catch (error) {
    if (!(error instanceof RedisUnreachableError)) throw error;
    if (hasCapability(ctx.adapter, 'localOperator')) throw new UserError(error.message, { code: 'user_error' });
    ctx.log.error({ err: error }, 'training queue unavailable');
    throw new UserError('Training is unavailable right now: its job queue (Redis) cannot be reached. An operator can see why in the bot log.', { code: 'user_error' });
  }
}
