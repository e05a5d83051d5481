/**
 * Reading a channel's past messages for summaries: `GET /channels/:id/messages`
 * page by page (100 at most per page, newest first) back to `since`, plus the
 * messages of the channel's threads (active ones, and public ones archived
 * since `since`). Everything is capped at `limit` messages, keeping the newest,
 * with `truncated` set when the cap cut the read short.
 */
import { PermissionFlagsBits, Routes, SnowflakeUtil, type APIChannel, type APIMessage, type APIThreadList, type Client, type GuildMember } from './discord-js.js';
import { UserError } from '../../core/errors.js';
import type { ChannelAccess, HistoryMessage, HistoryPage, HistoryQuery } from '../../core/adapter.js';

const PAGE = 100;
/** Message types that are conversation: default, reply, slash-command and context-menu answers. */
const CONVERSATION_TYPES = new Set([0, 19, 20, 23]);

export function permalink(guildId: string | undefined, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}`;
}

/** `<#123>`, `#name`, a channel link or a bare id → the channel's id. */
export async function resolveChannel(client: Client, reference: string): Promise<APIChannel> {
  const trimmed = reference.trim();
  const id = /^<#(\d+)>$/.exec(trimmed)?.[1] ?? /discord\.com\/channels\/[^/]+\/(\d+)/.exec(trimmed)?.[1] ?? (/^\d{5,25}$/.test(trimmed) ? trimmed : undefined);
  if (id !== undefined) {
    try {
      return (await client.rest.get(Routes.channel(id))) as APIChannel;
    } catch {
      throw new UserError(`I cannot see the channel ${trimmed}: the bot must be in that server and allowed to view it.`, { code: 'not_found' });
    }
  }
  const name = trimmed.replace(/^#/, '').toLowerCase();
  const matches = client.channels.cache.filter((c) => 'name' in c && typeof c.name === 'string' && c.name.toLowerCase() === name && !c.isDMBased());
  const first = matches.first();
  if (first === undefined) throw new UserError(`There is no channel named #${name} that I can see. Use a channel mention like <#123…> or its id.`, { code: 'not_found' });
  if (matches.size > 1) throw new UserError(`Several channels are named #${name}; mention the one you mean (<#…>).`, { code: 'bad_arguments' });
  return (await client.rest.get(Routes.channel(first.id))) as APIChannel;
}

/**
 * May `userId` read the channel? On a server: View Channel and Read Message
 * History for that member, as discord.js computes them from the guild's roles,
 * the member's roles and the channel's overwrites (both fetched fresh, so a
 * change a minute ago counts). In a DM: only its recipients. Someone not in
 * the server may read nothing of it.
 */
export async function canUserView(client: Client, reference: string, userId: string): Promise<ChannelAccess> {
  const api = await resolveChannel(client, reference);
  const name = 'name' in api && typeof api.name === 'string' ? api.name : undefined;
  const channelRef = { id: api.id, ...(name !== undefined ? { name } : {}) };
  const guildId = 'guild_id' in api ? api.guild_id : undefined;
  if (guildId === undefined) {
    const recipients = 'recipients' in api ? (api.recipients ?? []) : [];
    return { channel: channelRef, allowed: recipients.some((u) => u.id === userId) };
  }
  const guild = client.guilds.cache.get(guildId) ?? (await client.guilds.fetch(guildId));
  let member: GuildMember;
  try {
    member = await guild.members.fetch({ user: userId, force: true });
  } catch {
    return { channel: channelRef, allowed: false };
  }
  const channel = await client.channels.fetch(api.id, { force: true });
  if (channel === null || channel.isDMBased() || !('permissionsFor' in channel)) return { channel: channelRef, allowed: false };
  const permissions = channel.permissionsFor(member);
  const allowed = permissions?.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.ReadMessageHistory]) ?? false;
  return { channel: channelRef, allowed };
}

function textOf(message: APIMessage, client: Client): string {
  let text = message.content;
  // Readable mentions: <@123> → @name, <#123> → #channel, <@&123> → @role.
  for (const user of message.mentions) text = text.replace(new RegExp(`<@!?${user.id}>`, 'g'), `@${user.global_name ?? user.username}`);
  text = text.replace(/<#(\d+)>/g, (whole, id: string) => {
    const channel = client.channels.cache.get(id);
    return channel !== undefined && 'name' in channel && channel.name ? `#${channel.name}` : whole;
  });
  text = text.replace(/<@&(\d+)>/g, (whole, id: string) => {
    const role = client.guilds.cache.find((g) => g.roles.cache.has(id))?.roles.cache.get(id);
    return role ? `@${role.name}` : whole;
  });
  const extras: string[] = [];
  for (const embed of message.embeds) extras.push([embed.title, embed.description].filter(Boolean).join(': '));
  for (const attachment of message.attachments) extras.push(`[attachment: ${attachment.filename}]`);
  return [text, ...extras.filter((e) => e !== '')].join('\n').trim();
}

function toHistory(message: APIMessage, guildId: string | undefined, client: Client, threadId: string | undefined): HistoryMessage {
  return {
    id: message.id,
    ts: new Date(message.timestamp),
    user: message.author.id,
    userName: message.author.global_name ?? message.author.username,
    text: textOf(message, client),
    ...(threadId === undefined ? {} : { threadId }),
    isBot: message.author.bot === true || message.webhook_id !== undefined,
    isSystem: !CONVERSATION_TYPES.has(message.type),
    permalink: permalink(guildId, message.channel_id, message.id),
    ...(message.message_reference?.message_id !== undefined && message.type === 19 ? { replyTo: message.message_reference.message_id } : {}),
  };
}

/** Messages of one channel or thread from `until` back to `since`, newest first, at most `limit`. */
async function readChannel(client: Client, channelId: string, since: Date, until: Date | undefined, limit: number): Promise<{ messages: APIMessage[]; complete: boolean }> {
  const out: APIMessage[] = [];
  let before = until === undefined ? undefined : SnowflakeUtil.generate({ timestamp: until.getTime() }).toString();
  for (;;) {
    const query = new URLSearchParams({ limit: String(Math.min(PAGE, limit - out.length + 1)) });
    if (before !== undefined) query.set('before', before);
    const page = (await client.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
    for (const message of page) {
      if (new Date(message.timestamp) < since) return { messages: out, complete: true };
      if (out.length >= limit) return { messages: out, complete: false };
      out.push(message);
    }
    if (page.length < Number(query.get('limit'))) return { messages: out, complete: true };
    before = page[page.length - 1]?.id;
  }
}

async function threadsOf(client: Client, channel: APIChannel, since: Date): Promise<APIChannel[]> {
  const guildId = 'guild_id' in channel ? channel.guild_id : undefined;
  if (guildId === undefined) return [];
  const threads: APIChannel[] = [];
  const active = (await client.rest.get(Routes.guildActiveThreads(guildId))) as APIThreadList;
  threads.push(...active.threads.filter((t) => 'parent_id' in t && t.parent_id === channel.id));
  try {
    const archived = (await client.rest.get(Routes.channelThreads(channel.id, 'public'), { query: new URLSearchParams({ limit: '50' }) })) as APIThreadList;
    threads.push(...archived.threads.filter((t) => 'thread_metadata' in t && t.thread_metadata !== undefined && new Date(t.thread_metadata.archive_timestamp) >= since));
  } catch {
    // Archived threads need Read Message History; without it the active ones still count.
  }
  return threads;
}

export async function fetchDiscordHistory(client: Client, query: HistoryQuery): Promise<HistoryPage> {
  const channel = await resolveChannel(client, query.channel);
  const guildId = 'guild_id' in channel ? channel.guild_id : undefined;
  const main = await readChannel(client, channel.id, query.since, query.until, query.limit);
  const all: HistoryMessage[] = main.messages.map((m) => toHistory(m, guildId, client, undefined));
  let complete = main.complete;
  if (query.includeThreads) {
    for (const thread of await threadsOf(client, channel, query.since)) {
      const read = await readChannel(client, thread.id, query.since, query.until, query.limit);
      complete &&= read.complete;
      all.push(...read.messages.map((m) => toHistory(m, guildId, client, thread.id)));
    }
  }
  all.sort((a, b) => a.ts.getTime() - b.ts.getTime() || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const truncated = !complete || all.length > query.limit;
  const messages = all.length > query.limit ? all.slice(all.length - query.limit) : all;
  const name = 'name' in channel && typeof channel.name === 'string' ? channel.name : undefined;
  return { channel: { id: channel.id, ...(name === undefined ? {} : { name }) }, messages, truncated };
}
