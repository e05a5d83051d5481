/**
 * The summariser's own data model: plain data, no chat types. Messages come
 * from an adapter's history or from a transcript file; the chat layer
 * (src/bot/summary) hands either to the same code as `ChannelMessage`s.
 */

export type SummaryLang = 'zh' | 'en';
export type SummaryLength = 'short' | 'full';

/**
 * One message of a channel, oldest first in every list: what a digest needs
 * to know of it. (It has the shape of the core's `HistoryMessage`, so the
 * chat layer passes a history page's messages as they are.)
 */
export interface ChannelMessage {
  readonly id: string;
  readonly ts: Date;
  /** The author's id on the platform ("U01MAYA"). */
  readonly user: string;
  /** The author's display name, when the source gave one. */
  readonly userName?: string;
  /** As written, platform markup included (`<@U1>`, `<url|label>`). */
  readonly text: string;
  /** Id of the thread root when this is a reply in a thread. */
  readonly threadId?: string;
  /** Posted by a bot (this one or another) or an integration. */
  readonly isBot: boolean;
  /** A join/leave/topic change or similar: not conversation. */
  readonly isSystem: boolean;
  /** A link back to the message where people read it, when the source has one. */
  readonly permalink?: string;
  /** Id of the message this one replies to (a Discord reply, `reply_to` in a transcript). */
  readonly replyTo?: string;
}

/** A reference back to one message, as shown to users and in `--json` data. */
export interface MessageLink {
  readonly id: string;
  readonly user: string;
  readonly ts: string;
  /** The message's permalink; null when the source had none (a transcript without links). */
  readonly link: string | null;
}

export interface Topic {
  /** A short phrase: the gist of the message that opened the topic (extractive) or the model's sentence (LLM). */
  readonly title: string;
  readonly keywords: readonly string[];
  /** The most representative message of the topic, trimmed. */
  readonly summary: string;
  readonly messageCount: number;
  readonly participants: number;
  /** Link to the representative message. */
  readonly link: string | null;
  readonly messageIds: readonly string[];
}

export interface Highlight extends MessageLink {
  readonly text: string;
  readonly score: number;
}

export interface OpenQuestion extends MessageLink {
  readonly text: string;
  /** People who said "+1"/"同问" (same question) in its thread. */
  readonly sameQuestion: number;
}

export interface FaqItem extends MessageLink {
  /** The person's question; '' when it was a slash command (not visible in the channel). */
  readonly question: string;
  /** The bot's reply, trimmed. */
  readonly reply: string;
}

export interface TrainingItem extends MessageLink {
  readonly text: string;
  readonly jobId?: string;
  readonly ok: boolean;
  /** e.g. "test accuracy 0.93", as the bot reported it. */
  readonly result?: string;
}

/** One price change, from the price-alert feed (or a bot message announcing one). */
export interface PriceAlertItem {
  readonly text: string;
  readonly date?: string;
  readonly link: string | null;
}

export interface BotActivity {
  readonly faqAnswered: readonly FaqItem[];
  readonly faqUnanswered: readonly FaqItem[];
  readonly training: readonly TrainingItem[];
  readonly priceAlerts: readonly PriceAlertItem[];
  /** Why price alerts are missing, when they could not be read. */
  readonly priceAlertsNote?: string;
}

export interface DigestStats {
  /** Messages in the period, everything included. */
  readonly total: number;
  /** Messages from people (what topics and highlights are built from). */
  readonly human: number;
  readonly people: number;
  readonly threads: number;
  readonly bot: number;
  readonly system: number;
}

export interface Digest {
  readonly lang: SummaryLang;
  readonly length: SummaryLength;
  readonly mode: 'extractive' | 'llm';
  /** Set when the LLM was tried and failed: why, in one line. */
  readonly llmFallback?: string;
  readonly period: { readonly since: Date | null; readonly until: Date | null };
  readonly stats: DigestStats;
  readonly topics: readonly Topic[];
  readonly highlights: readonly Highlight[];
  readonly unanswered: readonly OpenQuestion[];
  readonly botActivity: BotActivity;
  /** Nothing from people and no bot activity. */
  readonly quiet: boolean;
}
