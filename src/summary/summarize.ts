/**
 * The one entry point for a digest: extractive always, LLM topics on top
 * when a model is given, and the extractive topics back (with the reason)
 * when the model fails.
 */
import { extractiveParts, LIMITS, type SummaryOptions } from './extractive.js';
import { describeLlmFailure, llmTopics, type LlmSummaryOptions } from './llm.js';
import type { ChannelMessage, Digest } from './types.js';

export interface SummarizeOptions extends SummaryOptions {
  /** Use a chat model for the topics (LLM mode). */
  readonly llm?: LlmSummaryOptions;
}

export async function summarize(messages: readonly ChannelMessage[], options: SummarizeOptions = {}): Promise<Digest> {
  const parts = extractiveParts(messages, options);
  const { digest } = parts;
  if (options.llm === undefined || parts.analysis.content.length === 0) return digest;
  try {
    const topics = await llmTopics(parts, digest.lang, LIMITS[digest.length].topics, options.llm);
    return { ...digest, mode: 'llm', topics };
  } catch (error) {
    return { ...digest, llmFallback: describeLlmFailure(error) };
  }
}
