/**
 * Carries each job's progress and result to the chat message that started
 * it, through the outbox: edited in place at most once a second per job
 * (EditPacer), the result posted as a new message when the old one cannot be
 * edited any more.
 */
import type { Logger } from 'pino';
import { EditPacer, type Outbox, type Reply } from '../../core/index.js';
import type { JobEvent } from '../../training/events.js';
import type { JobRecord } from '../../training/job-record.js';
import { readOrigin } from './origin.js';
import { finalReply, liveReply } from './presenter.js';

export function chatReporter(outbox: Outbox, log: Logger): (event: JobEvent) => void {
  const throttles = new Map<number, EditPacer<Reply>>();
  const throttleFor = (job: JobRecord, delayed: boolean): EditPacer<Reply> | undefined => {
    // The asker waits for this job in its own process (a one-shot run) and shows its progress there.
    if (!job.resumable) return undefined;
    const origin = readOrigin(job.origin);
    if (origin === undefined) {
      log.warn({ job: job.id }, 'training job has no chat origin this bot can read; its progress is not reported');
      return undefined;
    }
    // No adapter for its conversation runs in this process: nowhere to report to.
    if (outbox.adapter(origin.conversation.platform) === undefined) return undefined;
    let t = throttles.get(job.id);
    if (t === undefined) {
      t = new EditPacer<Reply>(
        async (reply) => {
          if (origin.progressRef !== undefined) {
            try {
              await outbox.update(origin.progressRef, reply);
              return;
            } catch (error) {
              if (reply.tone === 'progress') throw error;
              log.warn({ err: error, job: job.id }, 'could not edit the job message; posting the result instead');
            }
          }
          if (reply.tone !== 'progress') await outbox.post(origin.conversation, reply);
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
      if (t === undefined) return;
      void Promise.resolve()
        .then(() => t.finish(finalReply(job)))
        .catch((error: unknown) => log.warn({ err: error, job: job.id }, 'training result could not be sent'));
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
