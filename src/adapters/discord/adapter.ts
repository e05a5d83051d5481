/**
 * The Discord adapter: discord.js events → `IncomingMessage`s, core replies →
 * Discord messages. It knows no command by name: slash commands are turned
 * back into chat lines (./interaction-line.ts), button clicks run the line the
 * button carries, and mentions and DMs are free text for the core.
 */
import { once } from 'node:events';
import { ChannelType, Events, PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction, type Client, type Message, type RESTOptions, type TextBasedChannel } from './discord-js.js';
import type { Logger } from 'pino';
import type { AdapterCapabilities, ChannelAccess, ChatAdapter, HistoryPage, HistoryQuery, MessageHandler, UploadFile } from '../../core/adapter.js';
import { CapabilityError } from '../../core/errors.js';
import { reportFailure } from '../../core/failure.js';
import type { Conversation, IncomingMessage, Visibility } from '../../core/message.js';
import type { MessageRef, Reply, ReplyHandle, Responder } from '../../core/reply.js';
import type { CommandRegistry } from '../../core/registry.js';
import { ActionIds } from './buttons.js';
import { ChannelMessages, channelIdOf } from './channel-messages.js';
import { createDiscordClient } from './client.js';
import { canUserView, fetchDiscordHistory } from './history.js';
import { discordFileOrigins, discordInboundFile } from './inbound-files.js';
import { interactionToLine } from './interaction-line.js';
import { INTERACTION_LIFETIME_MS, InteractionSession, type AnswerableInteraction } from './interaction-session.js';
import { drawCharts } from '../shared/chart-png.js';
import { RecentIds } from '../shared/recent-ids.js';
import type { SharedClaims } from '../shared/redis-claim.js';
import { renderReply, type DiscordPayload } from './render.js';

export interface DiscordAdapterOptions {
  readonly token: string;
  readonly apiUrl?: string;
  readonly messageContent: boolean;
  readonly maxAttachmentBytes: number;
  /** How long an interaction token is used before replies move to channel messages (tests shorten it). */
  readonly interactionLifetimeMs?: number;
  readonly readyTimeoutMs?: number;
  readonly rest?: Partial<RESTOptions>;
  /**
   * With REDIS_URL: every replica logged in with this token receives every
   * gateway event; each interaction and message is handled by the replica
   * that claims it first.
   */
  readonly shared?: SharedClaims;
}

export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  /** A shared workspace: the asker is somewhere else, the bot keeps running and may post on its own. */
  readonly capabilities: AdapterCapabilities = { history: true, updateInPlace: true, ephemeral: true, buttons: true, localOperator: false, outlivesReply: true, unpromptedPosts: true };
  private client: Client | undefined;
  private handler: MessageHandler | undefined;
  private readonly actionIds = new ActionIds();
  /** Interaction ids seen while their token could still be used (Discord's 15 minutes). */
  private readonly seenInteractions = new RecentIds(INTERACTION_LIFETIME_MS, 50_000);
  private readonly channels: ChannelMessages;
  /** Interaction messages whose token still works: `update(ref)` edits them through the webhook. */
  private readonly live = new Map<string, { update: (reply: Reply) => Promise<void>; until: number }>();

  constructor(
    private readonly options: DiscordAdapterOptions,
    private readonly log: Logger,
    private readonly commands: CommandRegistry,
  ) {
    this.channels = new ChannelMessages(() => this.requireClient(), (reply, notice) => this.render(reply, notice), log);
  }

  private async render(reply: Reply, notice?: string): Promise<DiscordPayload[]> {
    return renderReply(await drawCharts(reply, this.log), { actionIds: this.actionIds, ...(notice === undefined ? {} : { notice }) });
  }

  /** Runs `handle` here unless another replica (REDIS_URL) claimed the same delivery first. */
  private onceAcrossReplicas(key: string, handle: () => void): void {
    const shared = this.options.shared;
    if (shared === undefined) {
      handle();
      return;
    }
    void shared.claim(key).then((mine) => {
      if (mine) handle();
      else this.log.debug({ key }, 'discord: handled by another replica');
    });
  }

  private requireClient(): Client {
    if (this.client === undefined) throw new Error('the Discord adapter is not started');
    return this.client;
  }

  async start(handler: MessageHandler): Promise<void> {
    if (this.client !== undefined) throw new Error('the Discord adapter is already started');
    this.handler = handler;
    const client = createDiscordClient({ messageContent: this.options.messageContent, ...(this.options.apiUrl ? { apiUrl: this.options.apiUrl } : {}), ...(this.options.rest ? { rest: this.options.rest } : {}) });
    this.client = client;
    client.on(Events.InteractionCreate, (interaction) => {
      // An interaction delivered again (a gateway replay, a duplicate) runs once.
      if (!this.seenInteractions.claim(interaction.id)) {
        this.log.warn({ interaction: interaction.id }, 'discord: interaction delivered again: not run twice');
        return;
      }
      this.onceAcrossReplicas(`interaction:${interaction.id}`, () => {
        if (interaction.isChatInputCommand()) this.onCommand(interaction);
        else if (interaction.isButton()) this.onButton(interaction);
      });
    });
    client.on(Events.MessageCreate, (message) => this.onceAcrossReplicas(`message:${message.id}`, () => this.onMessage(message)));
    client.on(Events.ShardReconnecting, () => this.log.warn('discord: gateway connection lost; reconnecting'));
    client.on(Events.ShardResume, (_id, replayed) => this.log.info({ replayed }, 'discord: gateway session resumed'));
    client.on(Events.ShardDisconnect, (event) => this.log.error({ code: event.code }, 'discord: gateway closed and will not reconnect'));
    client.on(Events.Error, (error) => this.log.error({ err: error }, 'discord: client error'));
    client.on(Events.Warn, (message) => this.log.warn({ detail: message }, 'discord: warning'));
    if (!this.options.messageContent) {
      this.log.info('discord: Message Content intent is off (DISCORD_MESSAGE_CONTENT=false): slash commands, @mentions and DMs work; reading channel history for summaries needs it on');
    }
    const ready = once(client, Events.ClientReady);
    // `once` also rejects on an 'error' event, possibly while login is still pending: keep that from going unhandled.
    ready.catch(() => undefined);
    const timeoutMs = this.options.readyTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await client.login(this.options.token);
      await Promise.race([ready, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`Discord did not report ready within ${timeoutMs / 1000} s`)), timeoutMs)))]);
    } catch (error) {
      this.client = undefined;
      await client.destroy().catch(() => undefined);
      throw explainLoginError(error);
    } finally {
      clearTimeout(timer);
    }
    this.log.info({ bot: client.user?.tag, guilds: client.guilds.cache.size, messageContent: this.options.messageContent }, 'discord: connected');
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.live.clear();
    this.options.shared?.close();
    if (client === undefined) return;
    // Our own disconnect is not a lost connection: no "reconnecting" warnings on the way out.
    client.removeAllListeners();
    await client.destroy();
  }

  async post(to: Conversation, reply: Reply): Promise<ReplyHandle> {
    return this.channels.handle(to, await this.channels.post(channelIdOf(to), reply));
  }

  async update(ref: MessageRef, reply: Reply): Promise<void> {
    const live = this.live.get(ref.id);
    if (live !== undefined && Date.now() < live.until) return live.update(reply);
    await this.channels.edit(channelIdOf(ref.conversation), ref.id, reply);
  }

  async upload(to: Conversation, file: UploadFile): Promise<void> {
    await this.channels.upload(channelIdOf(to), file);
  }

  async fetchHistory(query: HistoryQuery): Promise<HistoryPage> {
    if (!this.options.messageContent) {
      // Without the intent Discord blanks other people's messages: a summary of empty lines would mislead.
      throw new CapabilityError('discord', 'read channel history without the Message Content intent', 'turn it on for the bot in the Discord Developer Portal (Bot → Privileged Gateway Intents) and set DISCORD_MESSAGE_CONTENT=true');
    }
    return fetchDiscordHistory(this.requireClient(), query);
  }

  async canUserRead(query: { channel: string; userId: string }): Promise<ChannelAccess> {
    return canUserView(this.requireClient(), query.channel, query.userId);
  }

  // ── inbound ─────────────────────────────────────────────────────────

  private remember(messageId: string, update: (reply: Reply) => Promise<void>, until: number): void {
    const now = Date.now();
    for (const [id, entry] of this.live) if (entry.until <= now) this.live.delete(id);
    this.live.set(messageId, { update, until });
  }

  private session(interaction: AnswerableInteraction, conversation: Conversation, label: string, ephemeral: boolean): InteractionSession {
    return new InteractionSession(interaction, {
      channels: this.channels,
      render: (reply, notice) => this.render(reply, notice),
      log: this.log,
      conversation,
      lifetimeMs: this.options.interactionLifetimeMs ?? INTERACTION_LIFETIME_MS,
      ephemeral,
      label,
      remember: (id, update, until) => this.remember(id, update, until),
    });
  }

  private onCommand(interaction: ChatInputCommandInteraction): void {
    const conversation = conversationOf(interaction.channel, interaction.channelId);
    const session = this.session(interaction, conversation, `/${interaction.commandName}`, false);
    void this.run(() => {
      const { line, attachments } = interactionToLine(this.commands, interaction.commandName, interaction.options.data);
      return {
        id: interaction.id,
        platform: 'discord',
        user: { id: interaction.user.id, name: interaction.user.globalName ?? interaction.user.username },
        conversation,
        text: line,
        files: attachments.map((a) => discordInboundFile(a, this.options.maxAttachmentBytes, fetch, discordFileOrigins(this.options.apiUrl))),
        receivedAt: new Date(interaction.createdTimestamp),
      };
    }, session);
  }

  private onButton(interaction: ButtonInteraction): void {
    const decoded = this.actionIds.decode(interaction.customId);
    if (decoded === undefined) return;
    const conversation = conversationOf(interaction.channel, interaction.channelId);
    const session = this.session(interaction, conversation, 'the button’s command', true);
    if (decoded === 'expired') {
      void session.send({ text: 'This button has expired (the bot restarted since it was posted). Run the command again.', tone: 'error', ephemeral: true }).catch((error: unknown) => this.log.warn({ err: error }, 'discord: could not answer an expired button'));
      return;
    }
    void this.run(
      () => ({
        id: interaction.id,
        platform: 'discord',
        user: { id: interaction.user.id, name: interaction.user.globalName ?? interaction.user.username },
        conversation,
        text: decoded.line,
        files: [],
        receivedAt: new Date(interaction.createdTimestamp),
      }),
      session,
    );
  }

  private onMessage(message: Message): void {
    const client = this.client;
    if (client?.user === null || client === undefined || message.author.bot || message.system) return;
    const botId = client.user.id;
    const dm = !message.inGuild();
    const botRole = message.guild?.members.me?.roles.botRole?.id;
    const mentioned = message.mentions.users.has(botId) || (botRole !== undefined && message.mentions.roles.has(botRole));
    if (!dm && !mentioned) return;
    // The core wants the text without the mention of the bot.
    const text = message.content.replace(new RegExp(`<@!?${botId}>|${botRole ? `<@&${botRole}>` : '(?!)'}`, 'g'), ' ').replace(/\s+/g, ' ').trim();
    const conversation = conversationOf(message.channel, message.channelId);
    if (message.channel.isSendable()) void message.channel.sendTyping().catch(() => undefined);
    let answered = false;
    const responder: Responder = {
      send: async (reply) => {
        const first = !answered;
        answered = true;
        return this.channels.handle(conversation, await this.channels.post(message.channelId, reply, first ? { replyTo: message.id } : {}));
      },
    };
    void this.run(
      () => ({
        id: message.id,
        platform: 'discord',
        user: { id: message.author.id, name: message.member?.displayName ?? message.author.globalName ?? message.author.username },
        conversation,
        text,
        files: [...message.attachments.values()].map((a) => discordInboundFile(a, this.options.maxAttachmentBytes, fetch, discordFileOrigins(this.options.apiUrl))),
        receivedAt: message.createdAt,
      }),
      responder,
    );
  }

  /** The core catches command errors; this catches what escapes it, so the user still sees an error with a ref. */
  private async run(build: () => IncomingMessage, responder: Responder): Promise<void> {
    let id: string | undefined;
    // An interaction is handed to the core only once Discord has the defer: a command that keeps the
    // CPU busy (a chart, a model) must not hold back the request that meets the 3-second deadline.
    if (responder instanceof InteractionSession) await responder.acknowledged();
    try {
      const message = build();
      id = message.id;
      if (this.handler === undefined) throw new Error('no message handler');
      await this.handler(message, responder);
    } catch (error) {
      const { reply, error: reported } = reportFailure(error, this.log, { fields: { msg_id: id }, what: 'discord: message handler failed' });
      try {
        await responder.send(reply);
      } catch (deliveryError) {
        this.log.error({ err: deliveryError, ref: reported.ref }, 'discord: could not deliver the error reply');
      }
    }
  }
}

/**
 * Who can read a channel: a DM is direct, a group DM or private thread
 * private, a guild channel public only when @everyone may view it. Unknown
 * (an uncached channel) is left out, which the core treats as private.
 */
function visibilityOf(channel: TextBasedChannel | null): Visibility | undefined {
  if (channel === null) return undefined;
  if (channel.isDMBased()) return channel.type === ChannelType.DM ? 'direct' : 'private';
  if (channel.type === ChannelType.PrivateThread) return 'private';
  const everyone = channel.guild.roles.everyone;
  const view = channel.permissionsFor(everyone)?.has(PermissionFlagsBits.ViewChannel);
  return view === undefined ? undefined : view ? 'public' : 'private';
}

function conversationOf(channel: TextBasedChannel | null, channelId: string): Conversation {
  let visibility: Visibility | undefined;
  try {
    visibility = visibilityOf(channel);
  } catch {
    visibility = undefined;
  }
  const seen = visibility === undefined ? {} : { visibility };
  if (channel !== null && channel.isThread()) return { platform: 'discord', channel: channel.parentId ?? channelId, thread: channel.id, ...seen };
  return { platform: 'discord', channel: channelId, ...seen };
}

function explainLoginError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/disallowed intents/i.test(message)) {
    return new Error('Discord refused the Message Content intent: turn it on for the bot in the Discord Developer Portal (Bot → Privileged Gateway Intents), or set DISCORD_MESSAGE_CONTENT=false.');
  }
  if (/TokenInvalid|invalid token|401|Authentication failed/i.test(message) || (error as { code?: string }).code === 'TokenInvalid') {
    return new Error('Discord rejected DISCORD_TOKEN: copy the bot token again from the Discord Developer Portal (Bot → Reset Token).');
  }
  return new Error(`Could not connect to Discord: ${message}`);
}
