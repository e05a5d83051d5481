/**
 * A small fake Discord on 127.0.0.1 for driving the real discord.js end to end:
 * REST (`/api/v10`, see ./discord-rest.ts), a plain-JSON gateway with resume
 * (./discord-gateway.ts), and a CDN path for attachments. It keeps state like
 * Discord does — channels, threads, messages with their edits and files,
 * interactions with their 3-second and 15-minute deadlines, registered
 * commands — and records every request.
 *
 *   const discord = await startFakeDiscord();
 *   const client = new Client({ intents, rest: { api: discord.apiUrl, retries: 0 } });
 *   await client.login(discord.token);
 *   discord.seedMessages(discord.channelId, [{ content: 'hello', at: new Date(...) }]);
 *   await discord.interact('/summary --hours 24');
 *   await discord.waitFor(() => discord.botMessages().find(...), 'the reply');
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway, Intent } from './discord-gateway.js';
import { optionsFromLine, OptionType, type InteractionOption } from './discord-interactions.js';
import {
  ChannelKind, channelJson, compareIds, guildCreateJson, makeUser, memberJson, messageJson, snowflake, visibleText, attachmentJson, buttonsOf, roleJson,
  type FakeChannel, type FakeRole, type FakeUser, type StoredFile, type StoredMessage,
} from './discord-model.js';
import { handleRest, type RecordedRequest } from './discord-rest.js';

export * from './discord-model.js';
export { commandListProblems, commandProblems, messageProblems } from './discord-limits.js';
export type { RecordedRequest } from './discord-rest.js';
export type { InteractionOption } from './discord-interactions.js';

type Json = Record<string, unknown>;

export interface FakeDiscordOptions {
  readonly token?: string;
  readonly applicationId?: string;
  readonly guildId?: string;
  /** Extra text channels besides #general. */
  readonly channels?: readonly string[];
  /** false: an IDENTIFY asking for the Message Content intent is closed with 4014 (not enabled in the portal). */
  readonly allowMessageContent?: boolean;
  /** Discord's 3 seconds to acknowledge an interaction. */
  readonly ackTimeoutMs?: number;
  /** Discord's 15 minutes an interaction token can be used. */
  readonly interactionTokenTtlMs?: number;
  readonly heartbeatIntervalMs?: number;
}

export interface FakeInteraction {
  readonly id: string;
  readonly token: string;
  readonly type: number;
  readonly channelId: string;
  readonly user: FakeUser;
  readonly createdAt: Date;
  /** `performance.now()` at dispatch and at acknowledgement, for latency measurements. */
  readonly dispatchedAtMs: number;
  acknowledgedAtMs?: number;
  /** For component interactions: the message whose button was clicked. */
  readonly messageId?: string;
  callbackType?: number;
  acknowledgedAt?: Date;
  originalMessageId?: string;
}

export interface SeedMessage {
  readonly content: string;
  readonly author?: FakeUser;
  readonly at?: Date;
  /** Message type: 0 default, 7 member join, 6 pin, 19 reply, 21 thread starter… */
  readonly type?: number;
  readonly files?: readonly { filename: string; bytes: Uint8Array; contentType?: string }[];
  readonly mentions?: readonly FakeUser[];
  readonly webhook?: boolean;
}

export interface InteractOptions {
  readonly user?: FakeUser;
  readonly channelId?: string;
  /** Files for the command's attachment option (the option is filled by name). */
  readonly attachment?: { readonly option: string; readonly filename: string; readonly bytes: Uint8Array; readonly contentType?: string };
}

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: FakeUser;
  readonly guildId: string;
  readonly channelId: string;
  readonly defaultUser = makeUser(snowflake(), 'alice', { global_name: 'Alice' });
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, StoredMessage>();
  readonly interactions = new Map<string, FakeInteraction>();
  readonly commands: { global: Json[]; guilds: Map<string, Json[]> } = { global: [], guilds: new Map() };
  readonly requests: RecordedRequest[] = [];
  readonly options: { ackTimeoutMs: number; interactionTokenTtlMs: number; allowMessageContent: boolean };
  readonly gateway: FakeGateway;
  readonly botRoleId = snowflake();
  private readonly cdn = new Map<string, StoredFile>();
  private readonly rateLimits: { method: string | undefined; path: RegExp; retryAfterS: number; left: number }[] = [];
  private server: Server | undefined;
  private port = 0;

  constructor(options: FakeDiscordOptions = {}) {
    this.token = options.token ?? 'fake-bot-token.discord';
    this.applicationId = options.applicationId ?? snowflake();
    this.guildId = options.guildId ?? snowflake();
    this.botUser = makeUser(this.applicationId, 'pricewar-bot', { bot: true, global_name: null });
    this.options = {
      ackTimeoutMs: options.ackTimeoutMs ?? 3_000,
      interactionTokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60_000,
      allowMessageContent: options.allowMessageContent ?? true,
    };
    this.channelId = this.addChannel('general');
    for (const name of options.channels ?? []) this.addChannel(name);
    this.gateway = new FakeGateway(
      {
        token: this.token,
        allowMessageContent: this.options.allowMessageContent,
        readyPayload: () => ({ v: 10, user: this.botUser, guilds: [{ id: this.guildId, unavailable: true }], application: { id: this.applicationId, flags: 0 }, private_channels: [], presences: [], relationships: [], user_settings: {} }),
        afterReady: () => [{ t: 'GUILD_CREATE', d: guildCreateJson({ id: this.guildId, botUser: this.botUser, botRoleId: this.botRoleId, ownerId: this.defaultUser.id, channels: [...this.channels.values()], roles: this.roles }) }],
      },
      () => this.gatewayUrl,
      options.heartbeatIntervalMs,
    );
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What discord.js takes as `rest.api` (it appends `/v10`). */
  get apiUrl(): string {
    return `${this.url}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  async listen(port = 0): Promise<this> {
    const server = createServer((req, res) => {
      const path = req.url ?? '/';
      if (path.startsWith('/api/v10/')) {
        handleRest(this, req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
        return;
      }
      const file = /^\/attachments\/\d+\/(\d+)\//.exec(path);
      const stored = file === null ? undefined : this.cdn.get(file[1] as string);
      if (stored === undefined) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': stored.contentType, 'content-length': String(stored.bytes.byteLength) }).end(stored.bytes);
    });
    server.on('upgrade', (req, socket, head) => {
      if ((req.url ?? '').startsWith('/gateway')) this.gateway.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ── state ────────────────────────────────────────────────────────────

  addChannel(name: string): string {
    const id = snowflake();
    const channel: FakeChannel = { id, type: ChannelKind.GuildText, name, guild_id: this.guildId, parent_id: null };
    this.channels.set(id, channel);
    // Undefined only while the constructor creates #general, before anyone can be connected.
    (this.gateway as FakeGateway | undefined)?.dispatch('CHANNEL_CREATE', channelJson(channel));
    return id;
  }

  /** A thread in `parentId`; its id is the id of the message it starts from when `fromMessageId` is given, as on Discord. */
  addThread(parentId: string, name: string, options: { archived?: boolean; archivedAt?: Date; fromMessageId?: string } = {}): string {
    const id = options.fromMessageId ?? snowflake();
    const thread: FakeChannel = { id, type: ChannelKind.PublicThread, name, guild_id: this.guildId, parent_id: parentId, archived: options.archived === true, archiveTimestamp: (options.archivedAt ?? new Date()).toISOString() };
    this.channels.set(id, thread);
    this.gateway.dispatch('THREAD_CREATE', { ...channelJson(thread), newly_created: true });
    return id;
  }

  /** Guild roles beyond @everyone and the bot's (sent in GUILD_CREATE, or as GUILD_ROLE_CREATE once connected). */
  readonly roles: FakeRole[] = [];
  /** user id → the ids of the roles they have (GET /guilds/:id/members/:user). */
  readonly memberRoles = new Map<string, string[]>();

  /** A role given to `userIds`; returns its id. */
  addRole(name: string, userIds: readonly string[] = []): string {
    const role: FakeRole = { id: snowflake(), name };
    this.roles.push(role);
    for (const id of userIds) this.memberRoles.set(id, [...(this.memberRoles.get(id) ?? []), role.id]);
    this.gateway.dispatch('GUILD_ROLE_CREATE', { guild_id: this.guildId, role: roleJson(role) });
    return role.id;
  }

  /** Make `channelId` private: @everyone may not view it; these users and roles may. */
  restrictChannel(channelId: string, allow: { users?: readonly string[]; roles?: readonly string[] } = {}): void {
    const channel = this.channels.get(channelId);
    if (channel === undefined) throw new Error(`no channel ${channelId}`);
    const view = String(1 << 10);
    channel.permission_overwrites = [
      { id: this.guildId, type: 0, allow: '0', deny: view },
      ...(allow.roles ?? []).map((id) => ({ id, type: 0 as const, allow: view, deny: '0' })),
      ...(allow.users ?? []).map((id) => ({ id, type: 1 as const, allow: view, deny: '0' })),
    ];
    this.gateway.dispatch('CHANNEL_UPDATE', channelJson(channel));
  }

  dmChannel(user: FakeUser): string {
    const existing = [...this.channels.values()].find((c) => c.type === ChannelKind.DM && c.recipients?.[0]?.id === user.id);
    if (existing !== undefined) return existing.id;
    const id = snowflake();
    this.channels.set(id, { id, type: ChannelKind.DM, recipients: [user] });
    return id;
  }

  storeMessage(fields: Omit<StoredMessage, 'id' | 'createdAt' | 'edits' | 'deleted' | 'revisions' | 'mentions' | 'mentionRoles' | 'flags' | 'type'> & Partial<Pick<StoredMessage, 'id' | 'createdAt' | 'mentions' | 'mentionRoles' | 'flags' | 'type'>>): StoredMessage {
    const createdAt = fields.createdAt ?? new Date();
    const channel = this.channels.get(fields.channelId);
    const message: StoredMessage = {
      mentions: [], mentionRoles: [], flags: 0, type: 0,
      ...fields,
      id: fields.id ?? snowflake(createdAt),
      createdAt,
      edits: 0,
      deleted: false,
      revisions: [],
      ...(channel?.guild_id === undefined ? {} : { guildId: channel.guild_id }),
    };
    for (const file of message.files) this.cdn.set(file.id, file);
    this.recordRevision(message);
    this.messages.set(message.id, message);
    return message;
  }

  recordRevision(message: StoredMessage): void {
    message.revisions.push({ content: message.content, embeds: message.embeds, components: message.components, files: message.files.map((f) => f.filename) });
  }

  /** Messages of a channel (or thread), oldest first, deleted ones left out. */
  channelMessages(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId && !m.deleted).sort((a, b) => compareIds(a.id, b.id));
  }

  /** A message as the API shows it; `asRead` applies the Message Content intent the bot identified with. */
  apiMessage(message: StoredMessage, asRead = false): Json {
    // Before any IDENTIFY (plain HTTP use of the fake) nothing is hidden.
    const intents = this.gateway.stats.intents ?? Intent.MessageContent;
    const channel = this.channels.get(message.channelId);
    const exempt = message.author.id === this.botUser.id || message.mentions.some((u) => u.id === this.botUser.id) || channel?.type === ChannelKind.DM;
    return messageJson(message, this.url, asRead && !exempt && (intents & Intent.MessageContent) === 0);
  }

  /** The next `times` requests matching get a 429 with `Retry-After: retryAfterS`. */
  rateLimitNext(match: { method?: string; path: RegExp }, retryAfterS = 0.05, times = 1): void {
    this.rateLimits.push({ method: match.method, path: match.path, retryAfterS, left: times });
  }

  takeRateLimit(req: RecordedRequest): number | undefined {
    const rule = this.rateLimits.find((r) => r.left > 0 && (r.method === undefined || r.method === req.method) && r.path.test(req.path));
    if (rule === undefined) return undefined;
    rule.left -= 1;
    return rule.retryAfterS;
  }

  /** History that exists before the test starts (nothing is dispatched). Oldest first; timestamps default to one minute apart ending now. */
  seedMessages(channelId: string, seeds: readonly SeedMessage[]): StoredMessage[] {
    const now = Date.now();
    return seeds.map((seed, i) =>
      this.storeMessage({
        channelId,
        author: seed.author ?? this.defaultUser,
        origin: 'seed',
        content: seed.content,
        embeds: [],
        components: [],
        files: (seed.files ?? []).map((f) => this.file(f)),
        createdAt: seed.at ?? new Date(now - (seeds.length - i) * 60_000),
        type: seed.type ?? 0,
        mentions: [...(seed.mentions ?? [])],
        ...(seed.webhook ? { webhookId: snowflake() } : {}),
      }),
    );
  }

  registerCommands(commands: readonly object[], guildId?: string): void {
    const stored = commands.map((c) => ({ id: snowflake(), application_id: this.applicationId, ...(c as Json) }));
    if (guildId === undefined) this.commands.global = stored;
    else this.commands.guilds.set(guildId, stored);
  }

  // ── things users do ───────────────────────────────────────────────────

  /** Run a slash command: a line (mapped onto the registered options) or an explicit name and options. */
  interact(command: string | { name: string; options?: readonly InteractionOption[] }, opts: InteractOptions = {}): FakeInteraction {
    const registered = [...(this.commands.guilds.get(this.guildId) ?? []), ...this.commands.global];
    const { name, options } = typeof command === 'string' ? optionsFromLine(command, registered) : { name: command.name, options: [...(command.options ?? [])] };
    const data: Json = { id: String(registered.find((c) => c.name === name)?.id ?? snowflake()), name, type: 1, options, guild_id: this.guildId };
    if (opts.attachment !== undefined) {
      const file = this.file(opts.attachment);
      const target = options[0]?.type === OptionType.Subcommand ? (options[0].options as InteractionOption[]) : options;
      target.push({ name: opts.attachment.option, type: OptionType.Attachment, value: file.id });
      data.resolved = { attachments: { [file.id]: attachmentJson(file, this.url, opts.channelId ?? this.channelId) } };
    }
    return this.dispatchInteraction(2, data, opts);
  }

  /** Click a button on a message (by custom id or by label). */
  clickButton(messageId: string, which: { customId?: string; label?: string }, opts: InteractOptions = {}): FakeInteraction {
    const message = this.messages.get(messageId);
    if (message === undefined) throw new Error(`no message ${messageId}`);
    const button = buttonsOf(message).find((b) => b.customId === which.customId || b.label === which.label);
    if (button === undefined) throw new Error(`message ${messageId} has no such button (has: ${buttonsOf(message).map((b) => b.label).join(', ')})`);
    return this.dispatchInteraction(3, { custom_id: button.customId, component_type: 2 }, { ...opts, channelId: message.channelId }, message);
  }

  /** A user posts in a channel (dispatched as MESSAGE_CREATE; also kept as history). */
  userMessage(content: string, opts: { user?: FakeUser; channelId?: string; mentionBot?: boolean; mentionBotRole?: boolean; files?: SeedMessage['files'] } = {}): StoredMessage {
    const user = opts.user ?? this.defaultUser;
    const prefix = opts.mentionBotRole === true ? `<@&${this.botRoleId}> ` : opts.mentionBot === true ? `<@${this.botUser.id}> ` : '';
    const message = this.storeMessage({
      channelId: opts.channelId ?? this.channelId,
      author: user,
      origin: 'user',
      content: `${prefix}${content}`,
      embeds: [],
      components: [],
      files: (opts.files ?? []).map((f) => this.file(f)),
      mentions: opts.mentionBot === true ? [this.botUser] : [],
      mentionRoles: opts.mentionBotRole === true ? [this.botRoleId] : [],
    });
    const channel = this.channels.get(message.channelId);
    const intents = this.gateway.stats.intents ?? 0;
    // Without the Message Content intent Discord blanks messages that neither mention the bot nor are DMs.
    // (A mention of the bot's role is not assumed to be exempt.)
    const hidden = opts.mentionBot !== true && channel?.type !== ChannelKind.DM && (intents & Intent.MessageContent) === 0;
    // `channel_type` lets discord.js build a DM channel it has never seen (with Partials.Channel).
    const payload = { ...messageJson(message, this.url, hidden), channel_type: channel?.type ?? ChannelKind.GuildText };
    if (channel?.type === ChannelKind.DM) this.gateway.dispatch('MESSAGE_CREATE', payload, Intent.DirectMessages);
    else this.gateway.dispatch('MESSAGE_CREATE', { ...payload, member: memberJson(undefined) }, Intent.GuildMessages);
    return message;
  }

  /** A direct message to the bot. */
  directMessage(content: string, user: FakeUser = this.defaultUser): StoredMessage {
    return this.userMessage(content, { user, channelId: this.dmChannel(user) });
  }

  dropGateway(): void {
    this.gateway.drop();
  }

  // ── reading back ──────────────────────────────────────────────────────

  /** What the bot posted (interaction replies, follow-ups, channel messages), oldest first. */
  botMessages(channelId?: string): StoredMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.author.id === this.botUser.id && !m.deleted && (channelId === undefined || m.channelId === channelId))
      .sort((a, b) => compareIds(a.id, b.id));
  }

  text(message: Pick<StoredMessage, 'content' | 'embeds'>): string {
    return visibleText(message);
  }

  /** Requests whose method and path match, in order. */
  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  async waitFor<T>(probe: () => T | undefined | false | null, what: string, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== false && value !== null) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  // ── payloads ───────────────────────────────────────────────────────────

  private file(f: { filename: string; bytes: Uint8Array; contentType?: string }): StoredFile {
    const stored: StoredFile = { id: snowflake(), filename: f.filename, bytes: f.bytes, contentType: f.contentType ?? 'application/octet-stream' };
    this.cdn.set(stored.id, stored);
    return stored;
  }

  /** What each interaction was dispatched with, so a test can deliver it again. */
  private readonly interactionPayloads = new Map<string, Json>();

  private dispatchInteraction(type: number, data: Json, opts: InteractOptions, message?: StoredMessage): FakeInteraction {
    const user = opts.user ?? this.defaultUser;
    const channel = this.channels.get(opts.channelId ?? this.channelId);
    if (channel === undefined) throw new Error('unknown channel');
    const interaction: FakeInteraction = { id: snowflake(), token: `itoken-${snowflake()}-${Math.random().toString(36).slice(2)}`, type, channelId: channel.id, user, createdAt: new Date(), dispatchedAtMs: performance.now(), ...(message ? { messageId: message.id } : {}) };
    this.interactions.set(interaction.token, interaction);
    const dm = channel.type === ChannelKind.DM;
    const payload: Json = {
      id: interaction.id,
      application_id: this.applicationId,
      type,
      token: interaction.token,
      version: 1,
      data,
      channel_id: channel.id,
      channel: channelJson(channel),
      app_permissions: '2199023255551',
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: dm ? { '1': user.id } : { '0': this.guildId },
      context: dm ? 1 : 0,
      ...(dm ? { user } : { guild_id: this.guildId, guild_locale: 'en-US', member: memberJson(user) }),
      ...(message ? { message: this.apiMessage(message) } : {}),
    };
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    this.interactionPayloads.set(interaction.id, payload);
    return interaction;
  }

  /** Dispatch an interaction again, byte for byte (a gateway replay or a duplicate delivery). */
  redeliverInteraction(interaction: FakeInteraction): void {
    const payload = this.interactionPayloads.get(interaction.id);
    if (payload === undefined) throw new Error(`no interaction ${interaction.id}`);
    this.gateway.dispatch('INTERACTION_CREATE', payload);
  }

}

export async function startFakeDiscord(options: FakeDiscordOptions & { port?: number } = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).listen(options.port);
}
