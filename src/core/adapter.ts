/**
 * The one interface every chat platform implements (console, Slack, Discord).
 * An adapter only translates: platform events → `IncomingMessage` handed to the
 * `MessageHandler`, and core `Reply`s → platform output. It knows no command
 * and no feature by name. What an adapter can do is declared in
 * `capabilities`; code outside adapters asks for a capability, never for a
 * platform by name, through ./capabilities.ts, so that a missing one becomes
 * a clear `CapabilityError` rather than a crash.
 */
import type { Conversation, IncomingMessage, Platform } from './message.js';
import type { MessageRef, Reply, ReplyHandle, Responder } from './reply.js';

/** What became of one incoming message (the router's answer; the CLI turns it into an exit code). */
export interface Outcome {
  /** The command that ran (or was attempted); `""` when none could be identified. */
  readonly command: string;
  readonly ok: boolean;
  readonly reply: Reply;
  readonly error?: { readonly code: string; readonly message: string; readonly ref?: string };
}

export type MessageHandler = (message: IncomingMessage, responder: Responder) => Promise<Outcome>;

export interface AdapterCapabilities {
  /** Can read a channel's past messages (needed by /summary). */
  readonly history: boolean;
  /** Can edit a posted message in place (otherwise updates arrive as new messages). */
  readonly updateInPlace: boolean;
  /** Can show a message to one user only. */
  readonly ephemeral: boolean;
  /** Can render `Reply.actions` as buttons. */
  readonly buttons: boolean;
  /**
   * The person typing sits at the bot's own machine (console, one-shot CLI):
   * whoever can type here already owns the process, its disk and its CPU,
   * so local files may be read and expensive work needs no allow-list.
   */
  readonly localOperator: boolean;
  /**
   * The process keeps running after the reply, so work may continue in the
   * background and report later (progress edits, a job's result). False for
   * the one-shot CLI, whose process ends with its reply.
   */
  readonly outlivesReply: boolean;
  /**
   * A shared workspace the bot can post to unprompted (scheduled digests,
   * watches): a channel other people read, not a local session.
   */
  readonly unpromptedPosts: boolean;
}

export type CapabilityName = keyof AdapterCapabilities;

export interface UploadFile {
  readonly filename: string;
  readonly bytes: Uint8Array;
  readonly mime: string;
  readonly title?: string;
}

/** One message read back from a channel's history. */
export interface HistoryMessage {
  readonly id: string;
  readonly ts: Date;
  readonly user: string;
  readonly userName?: string;
  readonly text: string;
  /** Id of the thread root when this is a reply in a thread. */
  readonly threadId?: string;
  /** Posted by a bot (this one or another) or an integration. */
  readonly isBot: boolean;
  /** A join/leave/topic change or similar: not conversation. */
  readonly isSystem: boolean;
  /** A link back to the message in the platform's UI, when the platform has one. */
  readonly permalink?: string;
  /** Id of the message this one replies to (Discord's replies), when the platform says. */
  readonly replyTo?: string;
}

export interface HistoryQuery {
  /** Channel id, or a reference the adapter can resolve (`#name`, `<#C123>`). */
  readonly channel: string;
  readonly since: Date;
  readonly until?: Date;
  /** Stop after this many messages (threads included) and report `truncated`. */
  readonly limit: number;
  readonly includeThreads: boolean;
}

export interface HistoryPage {
  readonly channel: { readonly id: string; readonly name?: string };
  /** Oldest first. */
  readonly messages: readonly HistoryMessage[];
  /** True when `limit` stopped the read before `since` was reached. */
  readonly truncated: boolean;
}

/** Whether one user may read one channel, with the channel as the platform resolved it. */
export interface ChannelAccess {
  readonly channel: { readonly id: string; readonly name?: string };
  /** A member of it (Slack), allowed to view it (Discord). */
  readonly allowed: boolean;
}

export interface ChatAdapter {
  readonly platform: Platform;
  readonly capabilities: AdapterCapabilities;
  /** Connect and start delivering messages to `handler`. Resolves once ready. */
  start(handler: MessageHandler): Promise<void>;
  /** Disconnect; waits for nothing the core owns. Safe to call twice. */
  stop(): Promise<void>;
  /** Post unprompted (schedules, a training job finishing after a restart). */
  post(to: Conversation, reply: Reply): Promise<ReplyHandle>;
  /**
   * Edit a message posted earlier, possibly by a previous run of the process
   * (a training job's progress message after a restart): refs are plain data
   * and can be stored.
   */
  update(ref: MessageRef, reply: Reply): Promise<void>;
  /** Upload a file into a conversation (overflow, exports). */
  upload(to: Conversation, file: UploadFile): Promise<void>;
  /** Present only when `capabilities.history` is true. */
  fetchHistory?(query: HistoryQuery): Promise<HistoryPage>;
  /**
   * May `userId` read `channel` (an id or a reference like `#name`)? Asked
   * before reading a channel on someone's behalf that is not the one they
   * are typing in; an adapter with `history` and without this method can
   * read only the current channel for people.
   */
  canUserRead?(query: { readonly channel: string; readonly userId: string }): Promise<ChannelAccess>;
}
