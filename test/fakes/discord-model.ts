/**
 * Data model of the fake Discord (see ./discord.ts): snowflakes, users,
 * channels and stored messages, and how a stored message is shown through the
 * API. Plain JSON shapes as Discord's v10 API sends them, so the real
 * discord.js parses them unchanged.
 */

export const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;

/** A snowflake for a moment in time (unique within the process). */
export function snowflake(at: Date | number = Date.now()): string {
  const ms = BigInt(typeof at === 'number' ? at : at.getTime());
  increment = (increment + 1n) % 4096n;
  return (((ms - DISCORD_EPOCH) << 22n) | increment).toString();
}

export function snowflakeTime(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}

/** Numeric order of two snowflakes (string comparison is wrong for different lengths). */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly global_name: string | null;
  readonly discriminator: string;
  readonly avatar: string | null;
  readonly bot?: boolean;
}

export function makeUser(id: string, username: string, extra: Partial<FakeUser> = {}): FakeUser {
  return { id, username, global_name: extra.global_name ?? username, discriminator: '0', avatar: null, ...extra };
}

export const ChannelKind = { GuildText: 0, DM: 1, PublicThread: 11, PrivateThread: 12 } as const;

export interface FakeChannel {
  readonly id: string;
  readonly type: number;
  readonly name?: string;
  readonly guild_id?: string;
  /** Threads: the channel they live in. */
  readonly parent_id?: string | null;
  readonly recipients?: readonly FakeUser[];
  archived?: boolean;
  archiveTimestamp?: string;
  /** Who may see it beyond the guild's roles: type 0 a role, 1 a member; allow/deny are permission bit strings. */
  permission_overwrites?: { id: string; type: 0 | 1; allow: string; deny: string }[];
}

export function isThread(channel: FakeChannel): boolean {
  return channel.type === ChannelKind.PublicThread || channel.type === ChannelKind.PrivateThread;
}

export function channelJson(channel: FakeChannel): Record<string, unknown> {
  const base: Record<string, unknown> = { id: channel.id, type: channel.type, flags: 0 };
  if (channel.type === ChannelKind.DM) return { ...base, recipients: channel.recipients ?? [], last_message_id: null };
  Object.assign(base, { guild_id: channel.guild_id, name: channel.name, parent_id: channel.parent_id ?? null, last_message_id: null, rate_limit_per_user: 0, nsfw: false });
  if (isThread(channel)) {
    return {
      ...base,
      owner_id: '0',
      message_count: 0,
      member_count: 1,
      thread_metadata: { archived: channel.archived === true, auto_archive_duration: 1440, archive_timestamp: channel.archiveTimestamp ?? new Date().toISOString(), locked: false },
    };
  }
  return { ...base, position: 0, permission_overwrites: channel.permission_overwrites ?? [], topic: null };
}

export interface StoredFile {
  readonly id: string;
  readonly filename: string;
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly description?: string;
}

/** Who made a message: a user, the bot through its token, or an interaction's webhook token. */
export type MessageOrigin = 'user' | 'seed' | 'bot' | 'interaction';

/** One state of a message as the bot wrote it (kept for every edit). */
export interface MessageRevision {
  readonly content: string;
  readonly embeds: readonly Record<string, unknown>[];
  readonly components: readonly Record<string, unknown>[];
  readonly files: readonly string[];
}

export interface StoredMessage {
  readonly id: string;
  readonly channelId: string;
  readonly guildId?: string;
  readonly author: FakeUser;
  readonly origin: MessageOrigin;
  readonly type: number;
  readonly createdAt: Date;
  content: string;
  embeds: Record<string, unknown>[];
  components: Record<string, unknown>[];
  files: StoredFile[];
  flags: number;
  mentions: FakeUser[];
  mentionRoles: string[];
  reference?: { message_id: string; channel_id: string };
  webhookId?: string;
  interactionId?: string;
  editedAt?: Date;
  /** `performance.now()` of the first edit, for latency measurements. */
  firstEditAtMs?: number;
  /** How many times the bot edited it after it was first posted (a deferred reply's first edit counts). */
  edits: number;
  deleted: boolean;
  /** Everything it ever showed, oldest first. */
  revisions: MessageRevision[];
}

export const MessageFlag = { Ephemeral: 64, Loading: 128 } as const;

export function isEphemeral(message: StoredMessage): boolean {
  return (message.flags & MessageFlag.Ephemeral) !== 0;
}

export function attachmentJson(file: StoredFile, baseUrl: string, channelId: string): Record<string, unknown> {
  const url = `${baseUrl}/attachments/${channelId}/${file.id}/${encodeURIComponent(file.filename)}`;
  return {
    id: file.id,
    filename: file.filename,
    size: file.bytes.byteLength,
    url,
    proxy_url: url,
    content_type: file.contentType,
    ...(file.description === undefined ? {} : { description: file.description }),
  };
}

/**
 * A stored message as the API returns it. `hideContent` models the Message
 * Content intent: without it Discord blanks content, embeds, attachments and
 * components of messages that neither mention the bot nor come from it.
 */
export function messageJson(message: StoredMessage, baseUrl: string, hideContent = false): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: message.id,
    type: message.type,
    channel_id: message.channelId,
    author: message.author,
    content: hideContent ? '' : message.content,
    timestamp: message.createdAt.toISOString(),
    edited_timestamp: message.editedAt?.toISOString() ?? null,
    tts: false,
    mention_everyone: false,
    mentions: message.mentions,
    mention_roles: message.mentionRoles,
    attachments: hideContent ? [] : message.files.map((f) => attachmentJson(f, baseUrl, message.channelId)),
    embeds: hideContent ? [] : message.embeds,
    components: hideContent ? [] : message.components,
    pinned: false,
    flags: message.flags,
  };
  if (message.guildId !== undefined) json.guild_id = message.guildId;
  if (message.reference !== undefined) json.message_reference = message.reference;
  if (message.webhookId !== undefined) json.webhook_id = message.webhookId;
  if (message.interactionId !== undefined) json.interaction_metadata = { id: message.interactionId, type: 2, user: message.author, authorizing_integration_owners: message.guildId === undefined ? {} : { '0': message.guildId } };
  return json;
}

/** All text a person sees in a message: content, embed titles, descriptions, fields, footers. */
export function visibleText(message: Pick<StoredMessage, 'content' | 'embeds'>): string {
  const parts: string[] = [];
  if (message.content) parts.push(message.content);
  for (const embed of message.embeds) {
    const e = embed as { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text?: string }; author?: { name?: string } };
    if (e.author?.name) parts.push(e.author.name);
    if (e.title) parts.push(e.title);
    if (e.description) parts.push(e.description);
    for (const field of e.fields ?? []) parts.push(`${field.name}\n${field.value}`);
    if (e.footer?.text) parts.push(e.footer.text);
  }
  return parts.join('\n');
}

/** Buttons of a message: label, custom id, style. */
export function buttonsOf(message: Pick<StoredMessage, 'components'>): { label: string; customId: string; style: number }[] {
  const buttons: { label: string; customId: string; style: number }[] = [];
  for (const row of message.components as { components?: { type: number; label?: string; custom_id?: string; style?: number }[] }[]) {
    for (const c of row.components ?? []) {
      if (c.type === 2 && c.custom_id !== undefined) buttons.push({ label: c.label ?? '', customId: c.custom_id, style: c.style ?? 0 });
    }
  }
  return buttons;
}

export function memberJson(user: FakeUser | undefined): Record<string, unknown> {
  return { ...(user ? { user } : {}), roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, permissions: '2199023255551' };
}

/** A role people can be given (see FakeDiscord.addRole); no permissions of its own beyond @everyone's. */
export interface FakeRole {
  readonly id: string;
  readonly name: string;
}

export function roleJson(role: FakeRole): Record<string, unknown> {
  return { id: role.id, name: role.name, permissions: '0', position: 2, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 };
}

/** GUILD_CREATE for the fake's one server: its channels, active threads, roles (with the bot's managed role) and the bot's member. */
export function guildCreateJson(guild: { id: string; botUser: FakeUser; botRoleId: string; ownerId: string; channels: readonly FakeChannel[]; roles?: readonly FakeRole[] }): Record<string, unknown> {
  const everyone = { id: guild.id, name: '@everyone', permissions: '1071698660929', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 };
  const botRole = { ...everyone, id: guild.botRoleId, name: guild.botUser.username, position: 1, managed: true, tags: { bot_id: guild.botUser.id } };
  const all = guild.channels.filter((c) => c.guild_id === guild.id);
  return {
    id: guild.id, name: 'Price War HQ', icon: null, owner_id: guild.ownerId, afk_timeout: 300, verification_level: 0,
    default_message_notifications: 0, explicit_content_filter: 0, roles: [everyone, botRole, ...(guild.roles ?? []).map((r) => roleJson(r))], emojis: [], stickers: [], features: [],
    mfa_level: 0, system_channel_id: null, joined_at: new Date(0).toISOString(), large: false, unavailable: false, member_count: 2,
    voice_states: [], members: [{ ...memberJson(guild.botUser), roles: [guild.botRoleId] }], presences: [], stage_instances: [],
    guild_scheduled_events: [], premium_tier: 0, preferred_locale: 'en-US', nsfw_level: 0, premium_progress_bar_enabled: false,
    channels: all.filter((c) => !isThread(c)).map(channelJson),
    threads: all.filter((c) => isThread(c) && c.archived !== true).map(channelJson),
  };
}
