/**
 * The one interface every chat platform implements (console, Slack, Discord).
 * An adapter only translates: platform events → `IncomingMessage` handed to the
 * `MessageHandler`, and core `Reply`s → platform output. It knows no command
 * and no feature by name. Optional capabilities are declared in
 * `capabilities`; callers go through `requireHistory` so that a missing one
 * becomes a clear `CapabilityError` rather than a crash.
 */
import { CapabilityError } from './errors.js';
import type { Conversation, IncomingMessage, Platform } from './message.js';
import type { MessageRef, Reply, ReplyHandle, Responder } from './reply.js';

export type MessageHandler = (message: IncomingMessage, responder: Responder) => Promise<void>;

export interface AdapterCapabilities {
  /** Can read a channel's past messages (needed by /summary). */
  readonly history: boolean;
  /** Can edit a posted message in place (otherwise updates arrive as new messages). */
  readonly updateInPlace: boolean;
  /** Can show a message to one user only. */
  readonly ephemeral: boolean;
  /** Can render `Reply.actions` as buttons. */
  readonly buttons: boolean;
}

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
}

export function requireHistory(adapter: ChatAdapter): (query: HistoryQuery) => Promise<HistoryPage> {
  const fetchHistory = adapter.fetchHistory;
  if (!adapter.capabilities.history || fetchHistory === undefined) {
    throw new CapabilityError(adapter.platform, 'read channel history', 'use `/summary --file <transcript.jsonl>` for a local export');
  }
  return (query) => fetchHistory.call(adapter, query);
}
