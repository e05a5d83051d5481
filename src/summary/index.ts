// Channel summaries: plain functions over a channel's messages (no chat
// types). The chat side — reading a channel, the digest as a reply, the
// schedule service — is in src/bot/summary/, and /summary in commands/summary.ts.
export type { ChannelMessage, Digest, Topic, Highlight, OpenQuestion, BotActivity, FaqItem, TrainingItem, PriceAlertItem, SummaryLang, SummaryLength } from './types.js';
export { summarize, type SummarizeOptions } from './summarize.js';
export { summarizeExtractive, LIMITS, type SummaryOptions } from './extractive.js';
export { llmTopics, parseBullets, type LlmSummaryOptions } from './llm.js';
export { parseTranscript, parseTimestamp, describeProblems, type Transcript, type TranscriptProblem } from './transcript.js';
export { parseSince, formatLocal, SINCE_HINT, SINCE_PATTERN, PeriodError } from './period.js';
export { isQuestion } from './questions.js';
export { SummaryStore, type Checkpoint, type ChannelKey, type RunFailure } from './store.js';
