// A fake Slack for tests, on 127.0.0.1: the Web API methods a bot uses
// (point WebClient / Bolt at `fake.apiUrl` via SLACK_API_URL), response_url
// sinks, private file downloads, and a Socket Mode server (./slack-socket.ts).
//
// It RECORDS everything the bot sends (`fake.calls`, `fake.messages`, edits,
// uploads, reactions, response_url posts) and can be SEEDED with channels,
// user names and history including thread replies, served by
// conversations.history / conversations.replies with cursor pagination.
// Faults: `fake.fail('chat.postMessage', { status: 429, retryAfter: 1 })`.
//
//   const slack = await startFakeSlack();
//   ... SLACK_API_URL = slack.apiUrl, SLACK_BOT_TOKEN = slack.botToken ...
//   await slack.waitFor(() => slack.transcript('C0GENERAL').find((m) => m.text.includes('hi')));
//   await slack.close();

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSocketMode } from './slack-socket.js';
import { handleWebApi, type ApiContext } from './slack-web-api.js';

export interface FakeSlackOptions {
  readonly botToken?: string;
  readonly appToken?: string;
  readonly botUserId?: string;
  readonly botId?: string;
  readonly teamId?: string;
  readonly workspaceUrl?: string;
  /** conversations.history/replies never return more than this per page (forces pagination). */
  readonly maxPageSize?: number;
  readonly port?: number;
}

export interface FakeSlackFile {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly bytes: Uint8Array;
  readonly altText?: string;
}

export interface FakeSlackMessage {
  readonly channel: string;
  readonly ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  username?: string;
  subtype?: string;
  text: string;
  blocks: unknown[];
  /** Times edited after posting (chat.update, response_url replace_original). */
  edits: number;
  /** Earlier versions, oldest first. */
  readonly versions: { text: string; blocks: unknown[] }[];
  files: FakeSlackFile[];
  /** Visible to this user only. */
  ephemeralTo?: string;
  readonly via: 'seed' | 'chat.postMessage' | 'chat.postEphemeral' | 'files' | 'response_url';
  deleted: boolean;
  readonly createdAt: number;
}

export interface RecordedCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly token: string | undefined;
  readonly at: number;
}

export interface Fault {
  /** HTTP status (429 with retryAfter for rate limits, 5xx for outages); 200 with `error` for an API error. */
  readonly status?: number;
  readonly retryAfter?: number;
  readonly error?: string;
}

export interface SeedMessage {
  readonly ts?: string;
  readonly at?: Date;
  readonly user?: string;
  readonly text: string;
  readonly bot_id?: string;
  readonly username?: string;
  readonly subtype?: string;
  readonly replies?: readonly SeedMessage[];
}

export interface ResponseUrlPost {
  readonly id: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
}

export interface FakeSlack {
  readonly url: string;
  /** Base URL for SLACK_API_URL (ends with `/api/`). */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly workspaceUrl: string;
  readonly calls: RecordedCall[];
  readonly messages: FakeSlackMessage[];
  readonly reactions: { channel: string; ts: string; name: string; added: boolean; at: number }[];
  readonly responses: ResponseUrlPost[];
  readonly socket: FakeSocketMode;
  /** Fail the next `times` calls of `method` with `fault`. */
  fail(method: string, fault: Fault, times?: number): void;
  /** Delay every call of `method` by `ms` (0 removes it). */
  delay(method: string, ms: number): void;
  /** A response_url whose posts become messages in `channel`. */
  responseUrl(channel: string): string;
  /** Host a file the bot can download with its token; returns Slack's file object for events. */
  hostFile(name: string, bytes: Uint8Array, mimetype?: string): Record<string, unknown>;
  /** `member`: the bot is in it (default true); `members`: the people in it, served by conversations.members. */
  seedChannel(channel: { id: string; name: string; member?: boolean; members?: readonly string[] }): void;
  seedUser(id: string, name: string): void;
  /** Add history (with thread replies) to a channel; returns the messages created. */
  seedHistory(channel: string, messages: readonly SeedMessage[]): FakeSlackMessage[];
  /** Messages visible in a channel (threads and ephemeral ones included), oldest first. */
  transcript(channel: string): FakeSlackMessage[];
  /** Everything a person would read in a message: text or blocks, flattened, entities decoded. */
  plainText(message: Pick<FakeSlackMessage, 'text' | 'blocks'>): string;
  callsOf(method: string): RecordedCall[];
  waitFor<T>(probe: () => T | undefined | false, what?: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export function flattenBlocks(blocks: unknown): string {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.text === 'string') out.push(record.text);
      for (const [key, child] of Object.entries(record)) if (!(key === 'text' && typeof child === 'string')) visit(child);
    }
  };
  visit(blocks);
  return out.join('\n');
}

export function decodeSlackText(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const messages: FakeSlackMessage[] = [];
  const reactions: FakeSlack['reactions'] = [];
  const responses: ResponseUrlPost[] = [];
  const faults = new Map<string, { fault: Fault; times: number }[]>();
  const delays = new Map<string, number>();
  const responseChannels = new Map<string, string>();
  const hosted = new Map<string, { name: string; bytes: Uint8Array; mimetype: string }>();
  const channels = new Map<string, { id: string; name: string; member: boolean; members?: readonly string[] }>();
  const users = new Map<string, string>();
  let sequence = 0;
  let baseUrl = '';

  const nextTs = (): string => `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;

  const ctx: ApiContext = {
    get baseUrl() {
      return baseUrl;
    },
    botToken: options.botToken ?? 'xoxb-fake-bot-token',
    appToken: options.appToken ?? 'xapp-fake-app-token',
    botUserId: options.botUserId ?? 'UBOT',
    botId: options.botId ?? 'BBOT',
    teamId: options.teamId ?? 'T0TEST',
    workspaceUrl: options.workspaceUrl ?? 'https://fakeworkspace.slack.com/',
    maxPageSize: options.maxPageSize ?? 100,
    messages,
    reactions,
    channels,
    users,
    pendingUploads: new Map(),
    nextTs,
    takeFault(method) {
      const queue = faults.get(method);
      const head = queue?.[0];
      if (head === undefined) return undefined;
      head.times -= 1;
      if (head.times <= 0) queue?.shift();
      return head.fault;
    },
    delayOf: (method) => delays.get(method) ?? 0,
    record: (call) => calls.push(call),
  };

  const socket = new FakeSocketMode(() => baseUrl);

  const readBody = async (req: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  async function onResponseUrl(id: string, raw: Buffer, res: ServerResponse): Promise<void> {
    const channel = responseChannels.get(id);
    if (channel === undefined) return sendJson(res, 404, { ok: false, error: 'expired_url' });
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    responses.push({ id, body, at: Date.now() });
    const ephemeral = body.response_type !== 'in_channel';
    const previous = [...messages].reverse().find((m) => m.via === 'response_url' && (m as { responseId?: string }).responseId === id && !m.deleted);
    if (body.delete_original === true && previous) previous.deleted = true;
    else if (body.replace_original === true && previous) {
      previous.versions.push({ text: previous.text, blocks: previous.blocks });
      previous.text = String(body.text ?? '');
      previous.blocks = (body.blocks as unknown[]) ?? [];
      previous.edits += 1;
    } else {
      const message: FakeSlackMessage & { responseId: string } = {
        channel,
        ts: nextTs(),
        user: ctx.botUserId,
        bot_id: ctx.botId,
        text: String(body.text ?? ''),
        blocks: (body.blocks as unknown[]) ?? [],
        edits: 0,
        versions: [],
        files: [],
        ...(ephemeral ? { ephemeralTo: 'the-invoking-user' } : {}),
        via: 'response_url',
        deleted: false,
        createdAt: Date.now(),
        responseId: id,
      };
      messages.push(message);
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  }

  function onFileDownload(id: string, req: IncomingMessage, res: ServerResponse): void {
    const file = hosted.get(id);
    if ((req.headers.authorization ?? '') !== `Bearer ${ctx.botToken}`) {
      // Slack answers an unauthorised download with its sign-in page, not a 401.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
      return;
    }
    if (file === undefined) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.bytes.byteLength) });
    res.end(Buffer.from(file.bytes));
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method === 'GET' && path.startsWith('/files/')) return onFileDownload(path.split('/')[2] ?? '', req, res);
      // Introspection for a fake running in another process (bench, manual runs): how many calls of a method arrived.
      if (req.method === 'GET' && path.startsWith('/_fake/count/')) return sendJson(res, 200, { count: calls.filter((c) => c.method === path.slice('/_fake/count/'.length)).length });
      const raw = await readBody(req);
      if (path.startsWith('/response/')) return onResponseUrl(path.slice('/response/'.length), raw, res);
      const result = await handleWebApi(ctx, path, req.headers, raw);
      if (result === undefined) return sendJson(res, 404, { ok: false, error: 'unknown_path' });
      if (result.kind === 'text') {
        res.writeHead(result.status, result.headers);
        res.end(result.body);
        return;
      }
      sendJson(res, result.status, result.body, result.headers);
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fake_internal_error', detail: String(error) });
      else res.end();
    });
  });
  server.on('upgrade', (req, sock, head) => socket.handleUpgrade(req, sock, head));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeSlack = {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    botToken: ctx.botToken,
    appToken: ctx.appToken,
    botUserId: ctx.botUserId,
    botId: ctx.botId,
    workspaceUrl: ctx.workspaceUrl,
    calls,
    messages,
    reactions,
    responses,
    socket,
    fail(method, fault, times = 1) {
      const queue = faults.get(method) ?? [];
      queue.push({ fault, times });
      faults.set(method, queue);
    },
    delay(method, ms) {
      delays.set(method, ms);
    },
    responseUrl(channel) {
      const id = `R${++sequence}`;
      responseChannels.set(id, channel);
      return `${baseUrl}/response/${id}`;
    },
    hostFile(name, bytes, mimetype = 'text/csv') {
      const id = `F${String(++sequence).padStart(8, '0')}`;
      hosted.set(id, { name, bytes, mimetype });
      const url = `${baseUrl}/files/${id}/${encodeURIComponent(name)}`;
      return { id, name, title: name, mimetype, filetype: name.split('.').pop(), size: bytes.byteLength, mode: 'hosted', url_private: url, url_private_download: `${url}?download=1` };
    },
    seedChannel(channel) {
      channels.set(channel.id, { id: channel.id, name: channel.name, member: channel.member ?? true, ...(channel.members ? { members: channel.members } : {}) });
    },
    seedUser(id, name) {
      users.set(id, name);
    },
    seedHistory(channel, seeds) {
      const created: FakeSlackMessage[] = [];
      const toTs = (seed: SeedMessage): string => seed.ts ?? (seed.at ? `${Math.floor(seed.at.getTime() / 1000)}.${String(++sequence).padStart(6, '0')}` : nextTs());
      const add = (seed: SeedMessage, threadTs?: string): FakeSlackMessage => {
        const ts = toTs(seed);
        const message: FakeSlackMessage = {
          channel,
          ts,
          ...(threadTs ? { thread_ts: threadTs } : seed.replies?.length ? { thread_ts: ts } : {}),
          ...(seed.user ? { user: seed.user } : {}),
          ...(seed.bot_id ? { bot_id: seed.bot_id } : {}),
          ...(seed.username ? { username: seed.username } : {}),
          ...(seed.subtype ? { subtype: seed.subtype } : {}),
          text: seed.text,
          blocks: [],
          edits: 0,
          versions: [],
          files: [],
          via: 'seed',
          deleted: false,
          createdAt: Date.now(),
        };
        messages.push(message);
        created.push(message);
        for (const reply of seed.replies ?? []) add(reply, ts);
        return message;
      };
      for (const seed of seeds) add(seed);
      return created;
    },
    transcript(channel) {
      return messages.filter((m) => m.channel === channel && !m.deleted);
    },
    plainText(message) {
      const fromBlocks = message.blocks.length > 0 ? flattenBlocks(message.blocks) : '';
      return decodeSlackText(fromBlocks || message.text);
    },
    callsOf(method) {
      return calls.filter((c) => c.method === method);
    },
    async waitFor(probe, what = 'a condition', timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = probe();
        if (value !== undefined && value !== false) return value as never;
        if (Date.now() > deadline) throw new Error(`fake Slack: timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 15));
      }
    },
    async close() {
      await socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
