/**
 * The platform-free model of what arrives from a chat. Adapters translate
 * Slack events, Discord interactions and console lines into an `IncomingMessage`;
 * nothing in here may import a platform SDK.
 */

/**
 * The id of the adapter a message came through (`ChatAdapter.platform`). The
 * core routes by it and never branches on its value: what an adapter can do
 * is in its capabilities.
 */
export type Platform = string;

/**
 * Who can read a conversation: anyone in the workspace (`public` channel),
 * its members only (`private`: a private channel, a group DM, a private
 * thread), or the asker and the bot (`direct`: a DM, the local console).
 */
export const VISIBILITIES = ['public', 'private', 'direct'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Where a message lives and where replies go: a channel, optionally a thread in it. */
export interface Conversation {
  readonly platform: Platform;
  readonly channel: string;
  /** Thread (Slack thread_ts, Discord thread id); absent = top level of the channel. */
  readonly thread?: string;
  /**
   * Set by the adapter for incoming messages. Absent (unknown) counts as
   * `private`: what was said there is shown nowhere else.
   */
  readonly visibility?: Visibility;
}

/** A conversation's visibility; unknown is treated as private. */
export function visibilityOf(conversation: Conversation): Visibility {
  return conversation.visibility ?? 'private';
}

export interface ChatUser {
  readonly id: string;
  readonly name?: string;
}

/**
 * A file the user attached. Bytes are fetched lazily and the adapter enforces
 * `maxBytes` while reading (a platform download is never read past the cap).
 */
export interface InboundFile {
  readonly name: string;
  readonly mime?: string;
  /** Size announced by the platform, in bytes (may be 0 when unknown). */
  readonly size: number;
  read(maxBytes: number): Promise<Buffer>;
}

export interface IncomingMessage {
  /** Platform id of the message/interaction, used for logging and de-duplication. */
  readonly id: string;
  readonly platform: Platform;
  readonly user: ChatUser;
  readonly conversation: Conversation;
  /** The text with any mention of the bot already removed by the adapter. */
  readonly text: string;
  readonly files: readonly InboundFile[];
  readonly receivedAt: Date;
}

/** `platform:userId`, the form used in allow-lists such as TRAIN_ALLOWED_USERS. */
export function qualifiedUserId(message: Pick<IncomingMessage, 'platform' | 'user'>): string {
  return `${message.platform}:${message.user.id}`;
}
