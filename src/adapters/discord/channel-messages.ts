/**
 * Messages the bot posts and edits in channels and threads with its own token:
 * unprompted posts, answers to mentions and DMs, uploads, and the
 * continuation of an interaction whose token ran out. An edit that Discord
 * refuses (the message was deleted, or belongs to an interaction's webhook)
 * becomes a new message, so an update is never lost.
 */
import { AttachmentBuilder, DiscordAPIError, RESTJSONErrorCodes, type Client, type MessageMentionOptions, type SendableChannels } from './discord-js.js';
import type { Logger } from 'pino';
import type { UploadFile } from '../../core/adapter.js';
import type { Conversation } from '../../core/message.js';
import type { MessageRef, Reply, ReplyHandle } from '../../core/reply.js';
import { editPayload, sendPayload, type DiscordPayload } from './render.js';

/** Draws the reply's charts and lays it out as Discord messages. */
export type Renderer = (reply: Reply, notice?: string) => Promise<DiscordPayload[]>;

export interface PostOptions {
  /** A line above the reply. */
  readonly notice?: string;
  /** Answer this message (Discord shows the quote). */
  readonly replyTo?: string;
  /** Users the notice may ping (everyone else is never pinged). */
  readonly pingUsers?: readonly string[];
}

/** Where a conversation's messages go: the thread when there is one. */
export function channelIdOf(conversation: Conversation): string {
  return conversation.thread ?? conversation.channel;
}

const EDIT_REFUSED = new Set<number>([RESTJSONErrorCodes.UnknownMessage, RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser, RESTJSONErrorCodes.MissingAccess]);

export class ChannelMessages {
  constructor(
    private readonly client: () => Client,
    private readonly render: Renderer,
    private readonly log: Logger,
  ) {}

  private async sendable(channelId: string): Promise<SendableChannels> {
    const channel = await this.client().channels.fetch(channelId);
    if (channel === null || !channel.isSendable()) throw new Error(`Discord channel ${channelId} cannot take messages from the bot`);
    return channel;
  }

  /** Post `reply` (and its overflow); returns the id of the main message. */
  async post(channelId: string, reply: Reply, options: PostOptions = {}): Promise<string> {
    const channel = await this.sendable(channelId);
    const allowedMentions: MessageMentionOptions = { parse: [], users: [...(options.pingUsers ?? [])], repliedUser: false };
    let mainId = '';
    for (const [i, payload] of (await this.render(reply, options.notice)).entries()) {
      const sent = await channel.send({
        ...sendPayload(payload),
        allowedMentions,
        ...(i === 0 && options.replyTo !== undefined ? { reply: { messageReference: options.replyTo, failIfNotExists: false } } : {}),
      });
      if (i === 0) mainId = sent.id;
    }
    return mainId;
  }

  /** Edit a message in place; returns the id now showing the reply (a new one if Discord refused the edit). */
  async edit(channelId: string, messageId: string, reply: Reply, notice?: string): Promise<string> {
    const channel = await this.sendable(channelId);
    const [main, ...overflow] = await this.render(reply, notice);
    try {
      await channel.messages.edit(messageId, editPayload(main));
    } catch (error) {
      if (!(error instanceof DiscordAPIError) || !EDIT_REFUSED.has(Number(error.code))) throw error;
      this.log.warn({ channel: channelId, message: messageId, code: error.code }, 'discord: cannot edit the message; posting the update as a new one');
      return this.post(channelId, reply, notice === undefined ? {} : { notice });
    }
    for (const payload of overflow) await channel.send(sendPayload(payload));
    return messageId;
  }

  async upload(channelId: string, file: UploadFile): Promise<void> {
    const channel = await this.sendable(channelId);
    const attachment = new AttachmentBuilder(Buffer.from(file.bytes), { name: file.filename.replace(/^.*[\\/]/, ''), ...(file.title ? { description: file.title } : {}) });
    await channel.send({ ...(file.title ? { content: file.title } : {}), files: [attachment] });
  }

  /** A handle for a message in a channel: updates edit it, follow-ups are new messages. */
  handle(conversation: Conversation, messageId: string): ReplyHandle {
    const channelId = channelIdOf(conversation);
    let current = messageId;
    return {
      get ref(): MessageRef {
        return { conversation, id: current };
      },
      update: async (reply) => {
        current = await this.edit(channelId, current, reply);
      },
      followUp: async (reply) => this.handle(conversation, await this.post(channelId, reply)),
    };
  }
}
