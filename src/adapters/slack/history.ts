/**
 * `fetchHistory` for Slack: conversations.history for the channel and
 * conversations.replies for each thread, following cursors, newest first
 * until `limit` (then `truncated`), returned oldest first.
 *
 * Nothing is skipped here: bot posts and joins/topic changes are returned
 * and marked (`isBot`, `isSystem`) so the caller decides. A 429 is waited out
 * for the server's Retry-After (capped, a few times) by this reader itself:
 * its client rejects rate-limited calls instead of pausing the shared queue,
 * so a long history read does not stall the bot's answers.
 *
 * Known limit (Slack's API): a thread whose parent is older than `since` is
 * not found, even if it has newer replies.
 */
import type { Logger } from 'pino';
import type { ChannelAccess, HistoryMessage, HistoryPage, HistoryQuery } from '../../core/adapter.js';
import { UserError } from '../../core/errors.js';
import { fromSlackText } from './mrkdwn.js';
import { slackErrorCode, type WebClient } from './web.js';

const SYSTEM_SUBTYPES = new Set([
  'channel_join', 'channel_leave', 'channel_topic', 'channel_purpose', 'channel_name', 'channel_archive', 'channel_unarchive',
  'group_join', 'group_leave', 'group_topic', 'group_purpose', 'group_name', 'group_archive', 'group_unarchive',
  'pinned_item', 'unpinned_item', 'channel_convert_to_private', 'channel_convert_to_public', 'bot_add', 'bot_remove',
]);
const MAX_RATE_LIMIT_WAITS = 5;
const MAX_RETRY_AFTER_S = 60;
const MAX_NAME_LOOKUPS = 200;

interface RawMessage {
  readonly ts: string;
  readonly thread_ts?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly username?: string;
  readonly subtype?: string;
  readonly text?: string;
  readonly reply_count?: number;
  readonly user_profile?: { readonly display_name?: string; readonly real_name?: string };
  readonly bot_profile?: { readonly name?: string };
}

interface Paged {
  readonly messages?: RawMessage[];
  readonly channels?: { id: string; name: string }[];
  readonly response_metadata?: { next_cursor?: string };
}

export interface HistoryReaderOptions {
  readonly client: WebClient;
  readonly log: Logger;
  /** `https://<workspace>.slack.com/` from auth.test, for permalinks. */
  readonly workspaceUrl: string | undefined;
  readonly pageSize?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Slack ts → Date (ts is seconds.microseconds as a string). */
export function tsToDate(ts: string): Date {
  const [seconds = '0', micros = '0'] = ts.split('.');
  return new Date(Number(seconds) * 1000 + Math.floor(Number(micros.padEnd(6, '0')) / 1000));
}

function dateToTs(date: Date): string {
  return (date.getTime() / 1000).toFixed(6);
}

/** Compare two ts strings exactly (a double loses the last microsecond digits). */
function compareTs(a: string, b: string): number {
  const [as = '0', am = '0'] = a.split('.');
  const [bs = '0', bm = '0'] = b.split('.');
  return Number(as) - Number(bs) || Number(am.padEnd(6, '0')) - Number(bm.padEnd(6, '0'));
}

export function permalink(workspaceUrl: string, channel: string, ts: string, threadTs?: string): string {
  const base = `${workspaceUrl.replace(/\/?$/, '/')}archives/${channel}/p${ts.replace('.', '')}`;
  return threadTs !== undefined && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
}

export class SlackHistoryReader {
  private readonly names = new Map<string, string | undefined>();

  constructor(private readonly options: HistoryReaderOptions) {}

  async fetch(query: HistoryQuery): Promise<HistoryPage> {
    const channel = await this.resolveChannel(query.channel);
    const oldest = dateToTs(query.since);
    const latest = query.until ? dateToTs(query.until) : undefined;
    const window = { oldest, ...(latest ? { latest } : {}), inclusive: true };
    const collected = new Map<string, RawMessage>();
    let truncated = false;
    let cursor: string | undefined;
    outer: do {
      const page = await this.call<Paged>('conversations.history', { channel: channel.id, ...window, limit: this.pageSize(), ...(cursor ? { cursor } : {}) }, channel);
      for (const message of page.messages ?? []) {
        if (collected.size >= query.limit) {
          truncated = true;
          break outer;
        }
        collected.set(message.ts, message);
        if (query.includeThreads && (message.reply_count ?? 0) > 0 && message.thread_ts === message.ts) {
          if (!(await this.readThread(channel, message.ts, window, collected, query.limit))) {
            truncated = true;
            break outer;
          }
        }
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor !== undefined);

    const raw = [...collected.values()].sort((a, b) => compareTs(a.ts, b.ts));
    await this.lookUpNames(raw);
    return { channel, messages: raw.map((m) => this.toHistoryMessage(channel.id, m)), truncated };
  }

  /** Reads a thread's replies into `into`; false when the limit stopped it. */
  private async readThread(channel: { id: string; name?: string }, threadTs: string, window: Record<string, unknown>, into: Map<string, RawMessage>, limit: number): Promise<boolean> {
    let cursor: string | undefined;
    do {
      const page = await this.call<Paged>('conversations.replies', { channel: channel.id, ts: threadTs, ...window, limit: this.pageSize(), ...(cursor ? { cursor } : {}) }, channel);
      for (const reply of page.messages ?? []) {
        // The parent comes first in every page; broadcast replies are also in the channel history.
        if (reply.ts === threadTs || into.has(reply.ts)) continue;
        if (into.size >= limit) return false;
        into.set(reply.ts, reply);
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor !== undefined);
    return true;
  }

  private pageSize(): number {
    return this.options.pageSize ?? 200;
  }

  private toHistoryMessage(channel: string, m: RawMessage): HistoryMessage {
    const isReply = m.thread_ts !== undefined && m.thread_ts !== m.ts;
    const userName = (m.user ? this.names.get(m.user) : undefined) ?? m.user_profile?.display_name ?? m.user_profile?.real_name ?? m.bot_profile?.name ?? m.username;
    return {
      id: m.ts,
      ts: tsToDate(m.ts),
      user: m.user ?? m.bot_id ?? m.username ?? 'unknown',
      ...(userName ? { userName } : {}),
      text: this.readable(m.text ?? ''),
      ...(isReply ? { threadId: m.thread_ts } : {}),
      isBot: m.bot_id !== undefined || m.subtype === 'bot_message',
      isSystem: m.subtype !== undefined && SYSTEM_SUBTYPES.has(m.subtype),
      ...(this.options.workspaceUrl ? { permalink: permalink(this.options.workspaceUrl, channel, m.ts, m.thread_ts) } : {}),
    };
  }

  /** Plain text, with user mentions shown as @name where the name is known. */
  private readable(text: string): string {
    return fromSlackText(text).replace(/<@([UW][A-Z0-9]+)>/g, (whole, id: string) => {
      const name = this.names.get(id);
      return name ? `@${name}` : whole;
    });
  }

  /** users.info once per unknown user (cached for the adapter's life); failures just leave the id. */
  private async lookUpNames(messages: readonly RawMessage[]): Promise<void> {
    const ids = new Set<string>();
    for (const m of messages) {
      if (m.user) ids.add(m.user);
      for (const match of (m.text ?? '').matchAll(/<@([UW][A-Z0-9]+)/g)) ids.add(match[1] as string);
    }
    const unknown = [...ids].filter((id) => !this.names.has(id)).slice(0, MAX_NAME_LOOKUPS);
    for (let i = 0; i < unknown.length; i += 4) {
      await Promise.all(
        unknown.slice(i, i + 4).map(async (id) => {
          try {
            const info = await this.call<{ user?: { name?: string; real_name?: string; profile?: { display_name?: string; real_name?: string } } }>('users.info', { user: id });
            const u = info.user;
            this.names.set(id, u?.profile?.display_name || u?.profile?.real_name || u?.real_name || u?.name || undefined);
          } catch {
            this.names.set(id, undefined);
          }
        }),
      );
    }
  }

  /**
   * Is `userId` a member of the channel (conversations.members, followed
   * through its pages)? Asked before reading a channel for someone who is
   * not typing in it: the bot may be in channels the asker is not.
   */
  async canRead(reference: string, userId: string): Promise<ChannelAccess> {
    const channel = await this.resolveChannel(reference);
    let cursor: string | undefined;
    do {
      const page = await this.call<{ members?: string[]; response_metadata?: { next_cursor?: string } }>('conversations.members', { channel: channel.id, limit: 1000, ...(cursor ? { cursor } : {}) }, channel);
      if ((page.members ?? []).includes(userId)) return { channel, allowed: true };
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor !== undefined);
    return { channel, allowed: false };
  }

  /** `C123`, `<#C123|general>`, `<#C123>`, `#general` or `general` → id and name. */
  async resolveChannel(reference: string): Promise<{ id: string; name?: string }> {
    const ref = reference.trim();
    const link = /^<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>$/.exec(ref);
    if (link) return { id: link[1] as string, ...(link[2] ? { name: link[2] } : {}) };
    if (/^[CGD][A-Z0-9]{6,}$/.test(ref)) {
      try {
        const info = await this.call<{ channel?: { name?: string } }>('conversations.info', { channel: ref });
        return { id: ref, ...(info.channel?.name ? { name: info.channel.name } : {}) };
      } catch {
        return { id: ref };
      }
    }
    const name = ref.replace(/^#/, '').toLowerCase();
    let cursor: string | undefined;
    do {
      const page = await this.call<Paged>('conversations.list', { types: 'public_channel,private_channel', exclude_archived: true, limit: 1000, ...(cursor ? { cursor } : {}) });
      const found = page.channels?.find((c) => c.name === name);
      if (found) return { id: found.id, name: found.name };
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor !== undefined);
    throw new UserError(`There is no channel #${name} that the bot can see. Use the channel's link (type # and pick it), or invite the bot there first.`, { code: 'not_found' });
  }

  /** One Web API call, waiting out 429s for Retry-After; Slack's errors become clear UserErrors. */
  private async call<T>(method: string, args: Record<string, unknown>, channel?: { id: string; name?: string }): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.options.client.apiCall(method, args)) as T;
      } catch (error) {
        const retryAfter = (error as { code?: string; retryAfter?: number }).code === 'slack_webapi_rate_limited_error' ? (error as { retryAfter: number }).retryAfter : undefined;
        if (retryAfter !== undefined && attempt < MAX_RATE_LIMIT_WAITS) {
          this.options.log.info({ method, retryAfter, attempt: attempt + 1 }, 'Slack rate limit while reading history; waiting');
          await (this.options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(Math.min(retryAfter, MAX_RETRY_AFTER_S) * 1000);
          continue;
        }
        if (retryAfter !== undefined) throw new UserError('Slack keeps rate-limiting history reads; try again in a few minutes.', { code: 'limit_exceeded' });
        throw this.explain(error, channel);
      }
    }
  }

  private explain(error: unknown, channel?: { id: string; name?: string }): unknown {
    const code = slackErrorCode(error);
    const where = channel ? (channel.name ? `#${channel.name}` : `<#${channel.id}>`) : 'that channel';
    if (code === 'not_in_channel') return new UserError(`The bot is not a member of ${where}: invite it with /invite, then try again.`, { code: 'forbidden' });
    if (code === 'channel_not_found') return new UserError(`The bot cannot see ${where} (private channels need an invitation).`, { code: 'not_found' });
    if (code === 'missing_scope') return new UserError('The Slack app lacks a scope needed to read history (see slack/manifest.yml); reinstall it with the manifest\'s scopes.', { code: 'forbidden' });
    return error;
  }
}
