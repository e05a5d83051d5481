/**
 * Answering one interaction (a slash command or a button click).
 *
 * - `deferReply()` is sent the moment the interaction arrives (Discord allows
 *   3 seconds); the first reply then edits that "thinking…" message, progress
 *   edits it again, and later replies are follow-ups.
 * - Slash commands defer publicly, because whether the answer is private is
 *   only known once the command has run. When the core asks for an ephemeral
 *   answer (errors do), the public placeholder is deleted and the answer
 *   arrives as an ephemeral follow-up: the channel sees nothing, the user sees
 *   the message. Button clicks defer ephemerally: their answers go to the
 *   person who clicked.
 * - An interaction token works for 15 minutes. After that (or if the 3-second
 *   window was missed), the reply continues as a channel message that says so,
 *   and later updates edit that message.
 */
import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type ButtonInteraction, type ChatInputCommandInteraction } from './discord-js.js';
import type { Logger } from 'pino';
import type { Conversation } from '../../core/message.js';
import type { MessageRef, Reply, ReplyHandle, Responder } from '../../core/reply.js';
import { channelIdOf, type ChannelMessages, type Renderer } from './channel-messages.js';
import { editPayload, sendPayload, type DiscordPayload } from './render.js';

export type AnswerableInteraction = ChatInputCommandInteraction | ButtonInteraction;

/** Discord's interaction token lifetime, less a margin for the request in flight. */
export const INTERACTION_LIFETIME_MS = 15 * 60_000 - 30_000;

type Target = { kind: 'webhook'; id: string; original: boolean; ephemeral: boolean } | { kind: 'channel'; id: string };

const TOKEN_GONE = new Set<number>([RESTJSONErrorCodes.InvalidWebhookToken, RESTJSONErrorCodes.UnknownWebhook, RESTJSONErrorCodes.UnknownInteraction]);

function tokenGone(error: unknown): boolean {
  return error instanceof DiscordAPIError && (TOKEN_GONE.has(Number(error.code)) || error.status === 401);
}

export interface SessionDeps {
  readonly channels: ChannelMessages;
  readonly render: Renderer;
  readonly log: Logger;
  readonly conversation: Conversation;
  readonly lifetimeMs: number;
  /** Button clicks: answer privately. */
  readonly ephemeral: boolean;
  /** How the user invoked it, for the continuation notice (`/train`). */
  readonly label: string;
  /** Remember a live webhook message so that `adapter.update(ref)` can edit it while the token lasts. */
  readonly remember: (messageId: string, update: (reply: Reply) => Promise<void>, until: number) => void;
}

export class InteractionSession implements Responder {
  private readonly deferred: Promise<boolean>;
  private readonly expiresAt: number;
  private originalUsed = false;
  private deferFailed = false;
  /** The channel message that took over after the token ran out, and the notice it carries. */
  private continuation: { id: string; notice: string } | undefined;

  constructor(
    private readonly interaction: AnswerableInteraction,
    private readonly deps: SessionDeps,
  ) {
    this.expiresAt = interaction.createdTimestamp + deps.lifetimeMs;
    // First thing, before any other await: the 3-second clock is running.
    this.deferred = interaction
      .deferReply(deps.ephemeral ? { flags: MessageFlags.Ephemeral } : {})
      .then(() => true)
      .catch((error: unknown) => {
        this.deferFailed = true;
        deps.log.warn({ err: error, interaction: interaction.id }, 'discord: could not defer the interaction; answering in the channel instead');
        return false;
      });
  }

  /** Resolves once the defer was answered (or failed). */
  async acknowledged(): Promise<boolean> {
    return this.deferred;
  }

  private alive(): boolean {
    return !this.deferFailed && Date.now() < this.expiresAt;
  }

  private flags(reply: Reply): { flags?: MessageFlags.Ephemeral } {
    return this.deps.ephemeral || reply.ephemeral === true ? { flags: MessageFlags.Ephemeral } : {};
  }

  async send(reply: Reply): Promise<ReplyHandle> {
    await this.deferred;
    let target: Target;
    if (!this.alive()) target = await this.toChannel(reply);
    else if (!this.originalUsed) {
      this.originalUsed = true;
      target = await this.guard(reply, () => this.replaceOriginal(reply));
    } else target = await this.guard(reply, () => this.followUp(reply));
    return this.handle(target);
  }

  /** Run a webhook call; if the token is gone, continue in the channel. */
  private async guard(reply: Reply, call: () => Promise<Target>): Promise<Target> {
    try {
      return await call();
    } catch (error) {
      if (!tokenGone(error)) throw error;
      this.deps.log.warn({ interaction: this.interaction.id, code: (error as DiscordAPIError).code }, 'discord: interaction token no longer valid; continuing in the channel');
      this.deferFailed = true;
      return this.toChannel(reply);
    }
  }

  private async replaceOriginal(reply: Reply): Promise<Target> {
    if (reply.ephemeral === true && !this.deps.ephemeral) {
      // Ephemerality cannot change after a public defer: drop the placeholder and answer privately.
      await this.interaction.deleteReply();
      return this.followUp(reply);
    }
    const [main, ...overflow] = await this.deps.render(reply);
    const message = await this.interaction.editReply(editPayload(main));
    await this.sendOverflow(overflow, reply);
    return { kind: 'webhook', id: message.id, original: true, ephemeral: this.deps.ephemeral };
  }

  private async followUp(reply: Reply): Promise<Target> {
    const [main, ...overflow] = await this.deps.render(reply);
    const message = await this.interaction.followUp({ ...sendPayload(main), ...this.flags(reply) });
    await this.sendOverflow(overflow, reply);
    return { kind: 'webhook', id: message.id, original: false, ephemeral: this.flags(reply).flags !== undefined };
  }

  private async sendOverflow(overflow: readonly DiscordPayload[], reply: Reply): Promise<void> {
    for (const payload of overflow) await this.interaction.followUp({ ...sendPayload(payload), ...this.flags(reply) });
  }

  private async toChannel(reply: Reply): Promise<Target> {
    const why = this.deferFailed && Date.now() < this.expiresAt ? 'Discord did not let me answer the command in place' : 'Discord lets a bot edit a command’s answer for only 15 minutes';
    // Said once, on the first message in the channel (and kept when that message is edited).
    const notice = this.continuation === undefined ? `↪ <@${this.interaction.user.id}> ${why}, so ${this.deps.label} continues here.` : undefined;
    const id = await this.deps.channels.post(channelIdOf(this.deps.conversation), reply, notice === undefined ? {} : { notice, pingUsers: [this.interaction.user.id] });
    if (notice !== undefined) this.continuation = { id, notice };
    return { kind: 'channel', id };
  }

  private async update(target: Target, reply: Reply): Promise<Target> {
    if (target.kind === 'channel') {
      const notice = this.continuation?.id === target.id ? this.continuation.notice : undefined;
      return { kind: 'channel', id: await this.deps.channels.edit(channelIdOf(this.deps.conversation), target.id, reply, notice) };
    }
    if (!this.alive()) return this.toChannel(reply);
    return this.guard(reply, async () => {
      if (reply.ephemeral === true && !target.ephemeral) {
        await this.interaction.deleteReply(target.original ? '@original' : target.id);
        return this.followUp(reply);
      }
      const [main, ...overflow] = await this.deps.render(reply);
      await this.interaction.webhook.editMessage(target.original ? '@original' : target.id, editPayload(main));
      await this.sendOverflow(overflow, reply);
      return target;
    });
  }

  private handle(initial: Target): ReplyHandle {
    let target = initial;
    const conversation = this.deps.conversation;
    const update = async (reply: Reply): Promise<void> => {
      const before = target.id;
      target = await this.update(target, reply);
      if (target.kind === 'webhook') this.deps.remember(target.id, update, this.expiresAt);
      if (target.id !== before) this.deps.log.debug({ from: before, to: target.id }, 'discord: reply moved to another message');
    };
    if (target.kind === 'webhook') this.deps.remember(target.id, update, this.expiresAt);
    return {
      get ref(): MessageRef {
        return { conversation, id: target.id };
      },
      update,
      followUp: (reply) => this.send(reply),
    };
  }
}
