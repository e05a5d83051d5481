// The Web API half of the fake Slack (./slack.ts): one function per method,
// over the shared state in `ApiContext`. Bodies arrive the way @slack/web-api
// sends them: form-encoded with nested values as JSON strings (or JSON), the
// token in the Authorization header; file bytes as multipart (field `body`).

import type { IncomingHttpHeaders } from 'node:http';
import type { Fault, FakeSlackFile, FakeSlackMessage, RecordedCall } from './slack.js';

export interface ApiContext {
  readonly baseUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly workspaceUrl: string;
  readonly maxPageSize: number;
  readonly messages: FakeSlackMessage[];
  readonly reactions: { channel: string; ts: string; name: string; added: boolean; at: number }[];
  readonly channels: Map<string, { id: string; name: string; member: boolean; members?: readonly string[] }>;
  readonly users: Map<string, string>;
  readonly pendingUploads: Map<string, { filename: string; title?: string; altText?: string; bytes?: Uint8Array }>;
  nextTs(): string;
  takeFault(method: string): Fault | undefined;
  delayOf(method: string): number;
  record(call: RecordedCall): void;
}

export type ApiResult =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'text'; status: number; body: string; headers: Record<string, string> };

type Args = Record<string, unknown>;
const ok = (body: Args = {}): ApiResult => ({ kind: 'json', status: 200, body: { ok: true, ...body } });
const err = (error: string): ApiResult => ({ kind: 'json', status: 200, body: { ok: false, error } });

function parseArgs(contentType: string, raw: Buffer): Args {
  const text = raw.toString('utf8');
  if (contentType.includes('application/json')) return text ? (JSON.parse(text) as Args) : {};
  const args: Args = {};
  for (const [key, value] of new URLSearchParams(text)) {
    // Nested values (blocks, files) arrive JSON-encoded.
    args[key] = /^[[{]/.test(value) ? (() => { try { return JSON.parse(value); } catch { return value; } })() : value;
  }
  return args;
}

function tsCompare(a: string, b: string): number {
  const [as = '0', am = '0'] = a.split('.');
  const [bs = '0', bm = '0'] = b.split('.');
  return Number(as) - Number(bs) || Number(am) - Number(bm);
}

function inWindow(ts: string, args: Args): boolean {
  const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
  if (args.oldest !== undefined) {
    const c = tsCompare(ts, String(args.oldest));
    if (c < 0 || (c === 0 && !inclusive)) return false;
  }
  if (args.latest !== undefined) {
    const c = tsCompare(ts, String(args.latest));
    if (c > 0 || (c === 0 && !inclusive)) return false;
  }
  return true;
}

function page<T>(items: readonly T[], args: Args, maxPageSize: number): { items: T[]; next: string | undefined } {
  const size = Math.max(1, Math.min(Number(args.limit ?? 100) || 100, maxPageSize));
  const offset = args.cursor ? Number(Buffer.from(String(args.cursor), 'base64').toString('utf8').replace('offset:', '')) : 0;
  const slice = items.slice(offset, offset + size);
  return { items: slice, next: offset + size < items.length ? Buffer.from(`offset:${offset + size}`).toString('base64') : undefined };
}

function publicView(ctx: ApiContext, m: FakeSlackMessage): Args {
  const replies = ctx.messages.filter((r) => r.channel === m.channel && r.thread_ts === m.ts && r.ts !== m.ts && !r.deleted && r.ephemeralTo === undefined);
  return {
    type: 'message',
    ts: m.ts,
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(m.user ? { user: m.user } : {}),
    ...(m.bot_id ? { bot_id: m.bot_id } : {}),
    ...(m.username ? { username: m.username } : {}),
    ...(m.subtype ? { subtype: m.subtype } : {}),
    text: m.text,
    ...(m.blocks.length ? { blocks: m.blocks } : {}),
    ...(replies.length > 0 && m.thread_ts === m.ts ? { reply_count: replies.length, latest_reply: replies[replies.length - 1]?.ts } : {}),
    ...(m.files.length ? { files: m.files.map((f) => ({ id: f.id, name: f.name, title: f.title })) } : {}),
  };
}

function findMessage(ctx: ApiContext, channel: unknown, ts: unknown): FakeSlackMessage | undefined {
  return ctx.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
}

function newMessage(ctx: ApiContext, fields: Partial<FakeSlackMessage> & Pick<FakeSlackMessage, 'channel' | 'via'>): FakeSlackMessage {
  const message: FakeSlackMessage = { ts: ctx.nextTs(), text: '', blocks: [], edits: 0, versions: [], files: [], deleted: false, createdAt: Date.now(), user: ctx.botUserId, bot_id: ctx.botId, ...fields };
  ctx.messages.push(message);
  return message;
}

function canPost(ctx: ApiContext, channel: string): string | undefined {
  const known = ctx.channels.get(channel);
  if (known !== undefined && !known.member) return channel.startsWith('C') ? 'not_in_channel' : 'channel_not_found';
  return undefined;
}

const methods: Record<string, (ctx: ApiContext, args: Args) => ApiResult> = {
  'auth.test': (ctx) => ok({ url: ctx.workspaceUrl, team: 'Fake Workspace', user: 'pricewar-bot', team_id: ctx.teamId, user_id: ctx.botUserId, bot_id: ctx.botId, is_enterprise_install: false }),
  'chat.postMessage': (ctx, a) => {
    const channel = String(a.channel ?? '');
    if (!channel) return err('channel_not_found');
    const denied = canPost(ctx, channel);
    if (denied) return err(denied);
    if (!a.text && !a.blocks) return err('no_text');
    const m = newMessage(ctx, { channel, via: 'chat.postMessage', text: String(a.text ?? ''), blocks: (a.blocks as unknown[]) ?? [], ...(a.thread_ts ? { thread_ts: String(a.thread_ts) } : {}) });
    return ok({ channel, ts: m.ts, message: publicView(ctx, m) });
  },
  'chat.update': (ctx, a) => {
    const m = findMessage(ctx, a.channel, a.ts);
    if (m === undefined) return err('message_not_found');
    if (m.user !== ctx.botUserId) return err('cant_update_message');
    m.versions.push({ text: m.text, blocks: m.blocks });
    m.text = String(a.text ?? '');
    m.blocks = (a.blocks as unknown[]) ?? [];
    m.edits += 1;
    return ok({ channel: m.channel, ts: m.ts, text: m.text });
  },
  'chat.postEphemeral': (ctx, a) => {
    const channel = String(a.channel ?? '');
    const denied = canPost(ctx, channel);
    if (denied) return err(denied);
    if (!a.user) return err('user_not_in_channel');
    const m = newMessage(ctx, { channel, via: 'chat.postEphemeral', ephemeralTo: String(a.user), text: String(a.text ?? ''), blocks: (a.blocks as unknown[]) ?? [], ...(a.thread_ts ? { thread_ts: String(a.thread_ts) } : {}) });
    return ok({ message_ts: m.ts });
  },
  'chat.delete': (ctx, a) => {
    const m = findMessage(ctx, a.channel, a.ts);
    if (m === undefined) return err('message_not_found');
    m.deleted = true;
    return ok({ channel: m.channel, ts: m.ts });
  },
  'chat.getPermalink': (ctx, a) => ok({ channel: a.channel, permalink: `${ctx.workspaceUrl}archives/${String(a.channel)}/p${String(a.message_ts).replace('.', '')}` }),
  'reactions.add': (ctx, a) => {
    const current = ctx.reactions.filter((r) => r.channel === a.channel && r.ts === a.timestamp && r.name === a.name);
    if (current.length > 0 && current[current.length - 1]?.added) return err('already_reacted');
    ctx.reactions.push({ channel: String(a.channel), ts: String(a.timestamp), name: String(a.name), added: true, at: Date.now() });
    return ok();
  },
  'reactions.remove': (ctx, a) => {
    const current = ctx.reactions.filter((r) => r.channel === a.channel && r.ts === a.timestamp && r.name === a.name);
    if (!current[current.length - 1]?.added) return err('no_reaction');
    ctx.reactions.push({ channel: String(a.channel), ts: String(a.timestamp), name: String(a.name), added: false, at: Date.now() });
    return ok();
  },
  'files.getUploadURLExternal': (ctx, a) => {
    const id = `F${ctx.nextTs().replace('.', '')}`;
    ctx.pendingUploads.set(id, { filename: String(a.filename ?? 'file'), ...(a.alt_text ? { altText: String(a.alt_text) } : {}) });
    return ok({ upload_url: `${ctx.baseUrl}/upload/${id}`, file_id: id });
  },
  'files.completeUploadExternal': (ctx, a) => {
    const entries = (a.files as { id: string; title?: string }[] | undefined) ?? [];
    const files: FakeSlackFile[] = [];
    for (const entry of entries) {
      const pending = ctx.pendingUploads.get(entry.id);
      if (pending?.bytes === undefined) return err('file_not_found');
      files.push({ id: entry.id, name: pending.filename, title: entry.title ?? pending.filename, bytes: pending.bytes, ...(pending.altText ? { altText: pending.altText } : {}) });
    }
    const channel = a.channel_id ? String(a.channel_id) : undefined;
    if (channel !== undefined) {
      const denied = canPost(ctx, channel);
      if (denied) return err(denied);
      newMessage(ctx, { channel, via: 'files', subtype: 'file_share', text: String(a.initial_comment ?? ''), files, ...(a.thread_ts ? { thread_ts: String(a.thread_ts) } : {}) });
    }
    return ok({ files: files.map((f) => ({ id: f.id, title: f.title })) });
  },
  'conversations.history': (ctx, a) => {
    const channel = String(a.channel ?? '');
    const known = ctx.channels.get(channel);
    if (known !== undefined && !known.member) return err('not_in_channel');
    const top = ctx.messages
      .filter((m) => m.channel === channel && !m.deleted && m.ephemeralTo === undefined && (m.thread_ts === undefined || m.thread_ts === m.ts || m.subtype === 'thread_broadcast') && inWindow(m.ts, a))
      .sort((x, y) => tsCompare(y.ts, x.ts));
    const { items, next } = page(top, a, ctx.maxPageSize);
    return ok({ messages: items.map((m) => publicView(ctx, m)), has_more: next !== undefined, ...(next ? { response_metadata: { next_cursor: next } } : {}) });
  },
  'conversations.replies': (ctx, a) => {
    const parent = findMessage(ctx, a.channel, a.ts);
    if (parent === undefined) return err('thread_not_found');
    const replies = ctx.messages
      .filter((m) => m.channel === parent.channel && m.thread_ts === parent.ts && m.ts !== parent.ts && !m.deleted && m.ephemeralTo === undefined && inWindow(m.ts, a))
      .sort((x, y) => tsCompare(x.ts, y.ts));
    const { items, next } = page(replies, a, ctx.maxPageSize);
    const first = !a.cursor;
    return ok({ messages: [...(first ? [publicView(ctx, parent)] : []), ...items.map((m) => publicView(ctx, m))], has_more: next !== undefined, ...(next ? { response_metadata: { next_cursor: next } } : {}) });
  },
  'conversations.info': (ctx, a) => {
    const channel = ctx.channels.get(String(a.channel));
    return channel ? ok({ channel: { id: channel.id, name: channel.name, is_member: channel.member } }) : err('channel_not_found');
  },
  // Members of a channel: the seeded people, plus the bot when it is in it. A private channel the bot is not in is "not found".
  'conversations.members': (ctx, a) => {
    const channel = ctx.channels.get(String(a.channel ?? ''));
    if (channel === undefined || (!channel.member && !channel.id.startsWith('C'))) return err('channel_not_found');
    const { items, next } = page([...(channel.members ?? []), ...(channel.member ? [ctx.botUserId] : [])], a, ctx.maxPageSize);
    return ok({ members: items, ...(next ? { response_metadata: { next_cursor: next } } : {}) });
  },
  'conversations.list': (ctx, a) => {
    const { items, next } = page([...ctx.channels.values()], a, ctx.maxPageSize);
    return ok({ channels: items.map((c) => ({ id: c.id, name: c.name, is_member: c.member })), ...(next ? { response_metadata: { next_cursor: next } } : {}) });
  },
  'users.info': (ctx, a) => {
    const name = ctx.users.get(String(a.user));
    return name ? ok({ user: { id: a.user, name, real_name: name, profile: { display_name: name, real_name: name } } }) : err('user_not_found');
  },
};

export async function handleWebApi(ctx: ApiContext, path: string, headers: IncomingHttpHeaders, raw: Buffer): Promise<ApiResult | undefined> {
  if (path.startsWith('/upload/')) {
    const id = path.slice('/upload/'.length);
    const pending = ctx.pendingUploads.get(id);
    if (pending === undefined) return { kind: 'text', status: 404, body: 'unknown upload', headers: {} };
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': String(headers['content-type'] ?? '') } }).formData();
    const body = form.get('body') ?? form.get('file');
    pending.bytes = typeof body === 'string' ? Buffer.from(body) : new Uint8Array(await (body as Blob).arrayBuffer());
    return { kind: 'text', status: 200, body: `OK - ${pending.bytes.byteLength}`, headers: { 'content-type': 'text/plain' } };
  }
  if (!path.startsWith('/api/')) return undefined;
  const method = path.slice('/api/'.length);
  const args = parseArgs(String(headers['content-type'] ?? ''), raw);
  const auth = String(headers.authorization ?? '');
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : typeof args.token === 'string' ? args.token : undefined;
  ctx.record({ method, args, token, at: Date.now() });
  const delay = ctx.delayOf(method);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  const fault = ctx.takeFault(method);
  if (fault !== undefined) {
    const retry = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : undefined;
    if (fault.status !== undefined && fault.status !== 200) return { kind: 'json', status: fault.status, body: { ok: false, error: fault.error ?? (fault.status === 429 ? 'ratelimited' : 'internal_error') }, ...(retry ? { headers: retry } : {}) };
    return { kind: 'json', status: 200, body: { ok: false, error: fault.error ?? 'fatal_error' }, ...(retry ? { headers: retry } : {}) };
  }
  if (method === 'apps.connections.open') {
    return token === ctx.appToken ? ok({ url: `${ctx.baseUrl.replace(/^http/, 'ws')}/socket?ticket=${Date.now()}` }) : err('invalid_auth');
  }
  if (token !== ctx.botToken) return err(token ? 'invalid_auth' : 'not_authed');
  const handler = methods[method];
  return handler ? handler(ctx, args) : err('unknown_method');
}
