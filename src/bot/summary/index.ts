// The summary feature's chat layer: /summary on request, the digest as a
// reply, the scheduled digests. commands/summary.ts imports from here only;
// the `--since` form is the feature's (src/summary/period.ts), re-exported
// for the command's argument schema.
export { SINCE_HINT, SINCE_PATTERN } from '../../summary/period.js';
export { summaryOnRequest, summaryFromHistory, summaryFromTranscript, type SummaryArgs, type SummaryRequest } from './on-demand.js';
export { renderDigest, type RenderContext } from './render.js';
export { SummaryScheduler, type ScheduleTarget, type ScheduleOutbox, type SchedulerOptions, type ChannelOutcome } from './scheduler.js';
export { summaryScheduleService, type SummaryScheduleService } from './service.js';
export { channelLabel, digestInputs, readChannel, type ChannelHistory } from './sources.js';
