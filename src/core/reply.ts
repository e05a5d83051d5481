/**
 * The platform-free model of what the bot says. A command returns a `Reply`;
 * adapters render it (Block Kit, Discord embeds, console text). Keep it
 * descriptive (what to show), never presentational (how a platform shows it).
 */
import type { Conversation } from './message.js';

export interface ReplyField {
  readonly label: string;
  readonly value: string;
  /** A hint that the field is short and can sit beside others. */
  readonly inline?: boolean;
}

export type TableCell = string | number | null;

export interface ReplyTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
  readonly caption?: string;
}

/**
 * A Vega-Lite spec with its data inline (`data.values`), as plain JSON. The
 * core does not interpret it; adapters render it (a PNG for Slack, Discord
 * and the console; an interactive chart on a web page).
 */
export type ChartSpec = Readonly<Record<string, unknown>>;

/**
 * A chart, as the spec it is drawn from: the adapter decides how to show it
 * and renders lazily (no PNG is made for a reply nobody sees as a picture).
 * `alt` is the text for screen readers and text-only output; `filename` is
 * the name an adapter gives the picture (`pricewar-trend.png`).
 */
export interface ChartAttachment {
  readonly filename: string;
  readonly spec: ChartSpec;
  readonly title: string;
  readonly alt: string;
}

export interface Citation {
  readonly title: string;
  readonly url?: string;
}

/**
 * A button. Pressing it runs `command` (a chat line such as `/faq feedback 42 up`)
 * as the user who pressed it, so adapters need to know nothing about features.
 */
export interface ReplyAction {
  readonly label: string;
  readonly command: string;
  readonly style?: 'primary' | 'danger';
}

export interface Reply {
  readonly title?: string;
  /** Markdown (the common subset: **bold**, _italic_, `code`, lists, links). */
  readonly text: string;
  readonly fields?: readonly ReplyField[];
  readonly table?: ReplyTable;
  readonly charts?: readonly ChartAttachment[];
  readonly citations?: readonly Citation[];
  readonly actions?: readonly ReplyAction[];
  /** Machine-readable result: what `pwbot --json` prints as `data`. */
  readonly data?: Record<string, unknown>;
  /** Only the asking user should see it (where the platform can do that). */
  readonly ephemeral?: boolean;
  /** `error` replies are rendered as such (red/⚠); `progress` ones are interim. */
  readonly tone?: 'normal' | 'error' | 'progress';
}

/** Opaque handle to a message the bot posted, used to edit it or reply under it. */
export interface MessageRef {
  readonly conversation: Conversation;
  /** Adapter-specific id (Slack ts, Discord message id, console sequence number). */
  readonly id: string;
}

/** A posted reply that can be changed in place (progress) or answered under (follow-ups). */
export interface ReplyHandle {
  readonly ref: MessageRef;
  update(reply: Reply): Promise<void>;
  followUp(reply: Reply): Promise<ReplyHandle>;
}

/**
 * How an adapter answers one incoming message. Slack answers a slash command
 * through its response_url, Discord through the interaction token, the console
 * by printing; the core only sees `send`.
 */
export interface Responder {
  send(reply: Reply): Promise<ReplyHandle>;
}

export function textReply(text: string, extra: Omit<Reply, 'text'> = {}): Reply {
  return { ...extra, text };
}
