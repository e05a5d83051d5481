/**
 * Where a digest's inputs come from in the running bot: channel history
 * through the adapter (capped, threads included), the LLM from the
 * configuration, price alerts from the /pricewar chat layer's feed.
 */
import type { Config } from '../../config.js';
import type { HistoryPage, HistoryQuery } from '../../core/adapter.js';
import { createChatModel, llmOptionsFromConfig } from '../../llm/index.js';
import type { LlmSummaryOptions } from '../../summary/llm.js';
import type { SummarizeOptions } from '../../summary/summarize.js';
import type { ChannelMessage } from '../../summary/types.js';
import { priceAlertsFor } from './price-alerts.js';

export interface ChannelHistory {
  readonly channel: { readonly id: string; readonly name?: string };
  readonly messages: readonly ChannelMessage[];
  readonly truncated: boolean;
}

/**
 * Read a channel's messages in (since, until], threads included, with the
 * adapter's history reader (`requireHistory(adapter)`). The bound is applied
 * again here, whatever the adapter's own inclusivity: the schedule's
 * checkpoints rely on "after since, up to until" exactly.
 */
export async function readChannel(
  fetchHistory: (query: HistoryQuery) => Promise<HistoryPage>,
  query: { channel: string; since: Date; until: Date; limit: number },
): Promise<ChannelHistory> {
  const page = await fetchHistory({ channel: query.channel, since: query.since, until: query.until, limit: query.limit, includeThreads: true });
  const from = query.since.getTime();
  const to = query.until.getTime();
  // A history message has every field a digest reads: it is a ChannelMessage as it is.
  const messages: ChannelMessage[] = page.messages.filter((m) => m.ts.getTime() > from && m.ts.getTime() <= to);
  return { channel: page.channel, messages, truncated: page.truncated };
}

/** "#general" for people: the channel's name when the platform gave one. */
export function channelLabel(channel: { id: string; name?: string }): string {
  return channel.name !== undefined && channel.name !== '' ? `#${channel.name.replace(/^#/, '')}` : channel.id.startsWith('#') ? channel.id : `#${channel.id}`;
}

/** What the running bot adds to a digest of (since, until]: the period's price alerts, and the LLM when configured. */
export async function digestInputs(config: Config, since: Date, until: Date): Promise<SummarizeOptions> {
  const alerts = await priceAlertsFor(config, since, until);
  const llm = llmOptions(config);
  return { ...alerts, ...(llm !== undefined ? { llm } : {}) };
}

/** LLM mode when LLM_PROVIDER is set; the model is built lazily so a bad setting becomes a fallback note. */
function llmOptions(config: Config): LlmSummaryOptions | undefined {
  const options = llmOptionsFromConfig(config);
  return options === undefined ? undefined : { model: () => createChatModel(options), timeoutMs: options.timeoutMs };
}
