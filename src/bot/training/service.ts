/**
 * The training queue as a bot service: opened from configuration, told how
 * to draw the curve picture it saves with each model (the shared renderer;
 * the feature does not render) and which jobs this process can report on,
 * with the reporter that carries progress and results to the chat.
 */
import { renderChart } from '../../charts/index.js';
import { defineService, type Outbox } from '../../core/index.js';
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
  ({ config, log, outbox }) => {
    const trainingLog = log.child({ module: 'training' });
    const service = openTrainingService(config, trainingLog, {
      canReport: reachable(outbox),
      drawChart: async (spec) => (await renderChart(spec)).png,
    });
    service.queue.on(chatReporter(outbox, trainingLog));
    service.queue.start();
    return service;
  },
  (service) => service.close(),
);
