/**
 * One incoming Slack message's way back: the `Responder` the core answers
 * through, plus the visible "I'm on it" signal and the guarantee that the
 * user sees an outcome.
 *
 * - Mentions, DMs and thread follow-ups get a 👀 reaction on the user's
 *   message at once; it is removed when the answer is out.
 * - Slash commands are invisible to the channel and acked empty, so if no
 *   answer is ready after `workingDelayMs` a "⏳ Working on `/x …`" message is
 *   posted; the first answer (often a progress report) then replaces it.
 * - Public answers go to chat.postMessage (they have a ts, so progress can
 *   edit them and users can reply in their thread). A slash command used in a
 *   channel the bot cannot post to (private channel, DM with someone else)
 *   falls back to the command's response_url for the rest of the exchange.
 * - Ephemeral answers: response_url for slash commands and buttons,
 *   chat.postEphemeral for mentions and thread replies, a normal message in a
 *   DM (which is private anyway).
 * - If nothing at all could be delivered, `finish` posts a plain-text error
 *   with a ref id, and if even that fails, swaps 👀 for ⚠️: never a silent 👀.
 */
import type { Logger } from 'pino';
import { reportFailure } from '../../core/failure.js';
import type { Conversation } from '../../core/message.js';
import type { MessageRef, Reply, ReplyHandle, Responder } from '../../core/reply.js';
import type { SlackOutgoing } from './outgoing.js';
import type { RenderOptions } from './render.js';
import { slackErrorCode } from './web.js';

export type EntryKind = 'slash' | 'mention' | 'dm' | 'thread' | 'action';

export interface SessionTarget {
  readonly kind: EntryKind;
  /** Where answers go (channel, and the thread for mentions and follow-ups). */
  readonly conversation: Conversation;
  readonly user: string;
  readonly responseUrl?: string | undefined;
  /** The user's own message, which gets the 👀 reaction. */
  readonly sourceTs?: string | undefined;
  /** A context line on the first public answer (slash commands: who ran what). */
  readonly footer?: string | undefined;
  /** The text of the "working…" message for slash commands (mrkdwn-safe). */
  readonly workingText?: string | undefined;
}

export interface SessionDeps {
  readonly out: SlackOutgoing;
  readonly log: Logger;
  /** How long a slash command may run before the "working…" message appears (negative: never). */
  readonly workingDelayMs: number;
  /** Called for every public answer in a channel: the thread it lives in. */
  readonly onAnswered: (channel: string, threadTs: string) => void;
}

const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

export class ReplySession implements Responder {
  /** Messages the user could see (answers, progress, errors). */
  delivered = 0;
  private viaResponseUrl = false;
  private primaryTaken = false;
  private workingTimer: NodeJS.Timeout | undefined;
  private working: Promise<MessageRef | undefined> | undefined;
  private reacted: Promise<boolean> | undefined;

  constructor(
    readonly target: SessionTarget,
    private readonly deps: SessionDeps,
  ) {}

  private get isDm(): boolean {
    return this.target.conversation.channel.startsWith('D');
  }

  /** Show that the message was seen. Never throws. */
  begin(): void {
    const { sourceTs, conversation, kind } = this.target;
    if (sourceTs !== undefined) {
      this.reacted = this.deps.out.react(conversation.channel, sourceTs, 'eyes', true);
    } else if (kind === 'slash' && this.deps.workingDelayMs >= 0) {
      this.workingTimer = setTimeout(() => {
        this.workingTimer = undefined;
        if (this.primaryTaken) return;
        const text = this.target.workingText ?? 'Working on it…';
        this.working = this.sendPublic({ text, tone: 'progress' }, { footer: this.target.footer })
          .then((handle) => (handle.ref.id.startsWith('response_url:') ? undefined : handle.ref))
          .catch((error: unknown) => {
            this.deps.log.warn({ code: slackErrorCode(error), err: error }, 'could not post the working message');
            return undefined;
          });
      }, this.deps.workingDelayMs);
    }
  }

  async send(reply: Reply): Promise<ReplyHandle> {
    const handle = await this.deliver(reply);
    this.delivered += 1;
    return handle;
  }

  /** After the core is done (or failed outright): make sure the user saw an outcome, then clear 👀. */
  async finish(failure?: unknown): Promise<void> {
    if (this.workingTimer !== undefined) clearTimeout(this.workingTimer);
    this.workingTimer = undefined;
    const workingRef = await this.working;
    let visible = this.delivered > 0;
    if (!visible) {
      // Whatever stopped the answer is a bug here (the router already turned command failures into replies).
      const { reply, error: reported } = reportFailure(failure ?? new Error('no answer was delivered'), this.deps.log, { fields: { kind: this.target.kind }, what: 'no answer could be delivered; posting a plain error', during: 'while answering' });
      const ref = reported.ref;
      try {
        if (workingRef !== undefined) await this.deps.out.update(workingRef, reply);
        else await this.sendPublic(reply, {});
        visible = true;
      } catch (error) {
        this.deps.log.error({ ref, code: slackErrorCode(error), err: error }, 'the error message could not be delivered either');
      }
    }
    if (this.reacted !== undefined && this.target.sourceTs !== undefined) {
      const { channel } = this.target.conversation;
      if (await this.reacted) await this.deps.out.react(channel, this.target.sourceTs, 'eyes', false);
      if (!visible) await this.deps.out.react(channel, this.target.sourceTs, 'warning', true);
    }
  }

  private async deliver(reply: Reply): Promise<ReplyHandle> {
    let workingRef: MessageRef | undefined;
    const primary = !this.primaryTaken;
    if (primary) {
      this.primaryTaken = true;
      if (this.workingTimer !== undefined) clearTimeout(this.workingTimer);
      this.workingTimer = undefined;
      workingRef = await this.working;
      this.working = undefined;
    }
    const footer = primary ? this.target.footer : undefined;
    if (workingRef !== undefined) {
      if (!reply.ephemeral || this.isDm) {
        await this.deps.out.update(workingRef, reply, { footer });
        return this.handle(workingRef, { footer });
      }
      // The answer is private: the public "working…" note goes away.
      await this.deps.out.delete(workingRef).catch((error: unknown) => this.deps.log.debug({ code: slackErrorCode(error) }, 'could not delete the working message'));
    }
    // In the bot's own DM a normal message is private already; a slash command's response_url is private anywhere.
    if (reply.ephemeral && (!this.isDm || this.target.responseUrl !== undefined)) return this.sendEphemeral(reply);
    return this.sendPublic(reply, { footer });
  }

  private handle(ref: MessageRef, options: RenderOptions): ReplyHandle {
    return {
      ref,
      update: async (next) => {
        // A public message (a progress note) must never be edited into a private answer:
        // the note goes away and the answer is shown to the asker alone.
        if (next.ephemeral === true && !this.isDm) {
          await this.deps.out.delete(ref).catch((error: unknown) => this.deps.log.debug({ code: slackErrorCode(error) }, 'could not delete the public progress message'));
          await this.sendEphemeral(next);
          return;
        }
        await this.deps.out.update(ref, next, options);
      },
      followUp: (next) => this.send(next),
    };
  }

  private async sendPublic(reply: Reply, options: RenderOptions): Promise<ReplyHandle> {
    const { conversation } = this.target;
    if (!this.viaResponseUrl) {
      try {
        const ref = await this.deps.out.post(conversation, reply, options);
        if (!this.isDm) this.deps.onAnswered(conversation.channel, conversation.thread ?? ref.id);
        return this.handle(ref, options);
      } catch (error) {
        const code = slackErrorCode(error);
        if (this.target.responseUrl === undefined || code === undefined || !NOT_A_MEMBER.has(code)) throw error;
        this.deps.log.info({ code, channel: conversation.channel }, 'cannot post here; answering through the response_url instead');
        this.viaResponseUrl = true;
      }
    }
    return this.respondHandle(reply, false, options);
  }

  private async sendEphemeral(reply: Reply): Promise<ReplyHandle> {
    if (this.target.responseUrl !== undefined) return this.respondHandle(reply, true, {});
    const { conversation, user } = this.target;
    await this.deps.out.postEphemeral(conversation, user, reply);
    // Ephemeral messages cannot be edited: an update shows as a new private message.
    return {
      ref: { conversation, id: `ephemeral:${user}` },
      update: (next) => this.deps.out.postEphemeral(conversation, user, next),
      followUp: (next) => this.send(next),
    };
  }

  /** response_url answers: the first posts, the final edit replaces it (Slack allows 5 uses in 30 minutes). */
  private async respondHandle(reply: Reply, ephemeral: boolean, options: RenderOptions): Promise<ReplyHandle> {
    const url = this.target.responseUrl as string;
    await this.deps.out.respond(url, reply, { ephemeral, replaceOriginal: false }, options);
    return {
      ref: { conversation: this.target.conversation, id: `response_url:${ephemeral ? 'ephemeral' : 'in_channel'}` },
      // Interim edits would use up the five allowed uses; only the final answer replaces the message.
      update: (next) => (next.tone === 'progress' ? Promise.resolve() : this.deps.out.respond(url, next, { ephemeral, replaceOriginal: true }, options)),
      followUp: (next) => this.send(next),
    };
  }
}
