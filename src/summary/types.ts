/**
 * The summariser's own data model. Messages come from an adapter's history or
 * from a transcript file; either way they are the core's `HistoryMessage`
 * (plain data, no platform client), so both sources feed the same code.
 */
import type { HistoryMessage } from '../core/adapter.js';

export type SummaryLang = 'zh' | 'en';
export type SummaryLength = 'short' | 'full';

/** One message of a channel, oldest first in every list: exactly what `ChatAdapter.fetchHistory` returns. */
export type ChannelMessage = HistoryMessage;

/** A reference back to one message, as shown to users and in `--json` data. */
export interface MessageLink {
  readonly id: string;
  readonly user: string;
  readonly ts: string;
  /** The message's permalink; null when the source had none (a transcript without links). */
  readonly link: string | null;
}

export interface Topic {
  /** A few keywords, most characteristic first, joined for display. */
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

/** One price change, as the /pricewar module reports it (or a bot message announcing one). */
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
