/**
 * The training queue as a bot service, and the reporter that carries each
 * job's progress and result to the chat message that started it.
 */
import type { Logger } from 'pino';
import type { Reply } from '../../core/reply.js';
import { defineService, type Outbox } from '../../core/services.js';
import type { JobEvent } from '../queue.js';
import { openTrainingService, type TrainingService } from '../service.js';
import type { JobRecord } from '../store.js';
import { EditPacer } from '../../core/edit-pacer.js';
import { finalReply, liveReply } from './replies.js';

/**
 * The training queue for this process. Progress and results of jobs that
 * outlive the message that started them reach the chat through the outbox,
 * edited in place at most once a second.
 */
export const trainingService = defineService<TrainingService>(
  'training',
  ({ config, log, outbox }) => {
    const trainingLog = log.child({ module: 'training' });
    const service = openTrainingService(config, trainingLog, { canReport: (c) => outbox.adapter(c.platform) !== undefined });
    service.queue.on(chatReporter(outbox, trainingLog));
    service.queue.start();
    return service;
  },
  (service) => service.close(),
);

/** Sends each job's progress and result to its chat message, throttled per job. */
function chatReporter(outbox: Outbox, log: Logger): (event: JobEvent) => void {
  const throttles = new Map<number, EditPacer<Reply>>();
  const throttleFor = (job: JobRecord, delayed: boolean): EditPacer<Reply> | undefined => {
    if (outbox.adapter(job.conversation.platform) === undefined) return undefined; // the one-shot CLI shows its own progress
    let t = throttles.get(job.id);
    if (t === undefined) {
      t = new EditPacer<Reply>(
        async (reply) => {
          if (job.progressRef !== undefined) {
            try {
              await outbox.update(job.progressRef, reply);
              return;
            } catch (error) {
              if (reply.tone === 'progress') throw error;
              log.warn({ err: error, job: job.id }, 'could not edit the job message; posting the result instead');
            }
          }
          if (reply.tone !== 'progress') await outbox.post(job.conversation, reply);
        },
        { intervalMs: 1000, onError: (error) => log.warn({ err: error, job: job.id }, 'training progress update failed'), startDelayed: delayed },
      );
      throttles.set(job.id, t);
    }
    return t;
  };
  return (event) => {
    const { job } = event;
    if (event.type === 'finished') {
      const t = throttleFor(job, false);
      throttles.delete(job.id);
      if (t !== undefined) void finalReply(job).then((reply) => t.finish(reply)).catch((error: unknown) => log.warn({ err: error, job: job.id }, 'training result could not be sent'));
      return;
    }
    if (event.type === 'queued') {
      // The command's own reply shows the queued job; start the clock so the first edit waits a second.
      throttleFor(job, true);
      return;
    }
    throttleFor(job, false)?.push(event.type === 'progress' ? liveReply(job, event.progress) : liveReply(job));
  };
}
